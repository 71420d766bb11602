//! Enterprise profiles (history, derived size class, refusals), tags (manual and derived, with
//! reasons and expiry), the condition checker, and the eligibility index kept in step across
//! servers.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, spawn_with, test_settings, Session, TestApp};

fn profile_body() -> Value {
    json!({
        "legal_representative": "张三",
        "registered_capital_fen": 1_000_000_000_i64,
        "revenue_fen": 4_500_000_000_i64,
        "founded_on": "2019-05-20",
        "region_code": "330106",
        "industry_code": "I6513",
        "employees": 120,
        "rd_spending_fen": 300_000_000_i64,
        "tax_credit_grade": "A",
        "qualifications": [{"kind": "tech_sme", "certificate_no": "2025330100001", "obtained_on": "2025-04-01", "expires_on": "2026-03-31"}],
        "contacts": [{"name": "李四", "title": "财务总监", "phone": "0571-88888888"}],
    })
}

async fn put(app: &TestApp, path: &str, session: &Session, body: Value) -> reqwest::Response {
    app.request(Method::PUT, path, Some(session), Some(body))
        .await
}

async fn demo_enterprise_id(app: &TestApp) -> String {
    let enterprise = app.login_as("enterprise").await;
    let profile = app
        .get_json("/api/v1/enterprises/me/profile", &enterprise)
        .await;
    profile["enterprise_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_enterprise_keeps_its_profile_and_every_change_is_history() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let empty = app
        .get_json("/api/v1/enterprises/me/profile", &enterprise)
        .await;
    assert_eq!(empty["version"], 0);
    assert_eq!(empty["name"], "杭州演示智能科技有限公司");

    let saved: Value = put(
        &app,
        "/api/v1/enterprises/me/profile",
        &enterprise,
        profile_body(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(saved["version"], 1);
    // Software, 120 staff, 45 M yuan: medium under the 2011 standard (≥100 and ≥10 M).
    assert_eq!(saved["size_class"], "medium");
    assert_eq!(saved["region_name"], "浙江省杭州市西湖区");

    let mut change = profile_body();
    change["employees"] = json!(80);
    change["version"] = json!(1);
    let second: Value = put(
        &app,
        "/api/v1/enterprises/me/profile",
        &enterprise,
        change.clone(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(second["version"], 2);
    assert_eq!(second["size_class"], "small");

    // An edit based on an old version is refused rather than overwriting.
    let stale = put(&app, "/api/v1/enterprises/me/profile", &enterprise, change).await;
    assert_error(stale, StatusCode::CONFLICT, "profile_version_conflict").await;

    let history = app
        .get_json("/api/v1/enterprises/me/profile/history", &enterprise)
        .await;
    assert_eq!(history["total"], 2);
    let latest = &history["items"][0];
    assert_eq!(latest["version"], 2);
    assert_eq!(
        latest["changes"]["employees"],
        json!({"before": 120, "after": 80})
    );
    assert_eq!(latest["actor_role"], "enterprise");
    assert_eq!(
        app.audit_entries("enterprise.update_profile").await.len(),
        2
    );
}

#[tokio::test]
async fn invalid_profile_fields_are_refused_with_their_own_codes() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let cases = [
        ("region_code", json!("999999"), "profile_region_invalid"),
        ("region_code", json!("33010"), "profile_region_invalid"),
        ("industry_code", json!("C6513"), "profile_industry_invalid"),
        (
            "tax_credit_grade",
            json!("E"),
            "profile_tax_credit_grade_invalid",
        ),
        ("revenue_fen", json!(-1), "profile_amount_invalid"),
        ("employees", json!(-5), "profile_employees_invalid"),
        (
            "founded_on",
            json!("2030-01-01"),
            "profile_founded_on_invalid",
        ),
        (
            "qualifications",
            json!([{"kind": "nobel_prize"}]),
            "profile_qualification_unknown",
        ),
        (
            "qualifications",
            json!([{"kind": "tech_sme", "obtained_on": "2025-01-01", "expires_on": "2024-01-01"}]),
            "profile_qualification_dates",
        ),
    ];
    for (field, value, code) in cases {
        let mut body = profile_body();
        body[field] = value;
        let response = put(&app, "/api/v1/enterprises/me/profile", &enterprise, body).await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, code).await;
        assert!(
            error["error"]["fields"].get(field).is_some(),
            "{field}: {error}"
        );
    }
    let profile = app
        .get_json("/api/v1/enterprises/me/profile", &enterprise)
        .await;
    assert_eq!(profile["version"], 0, "nothing was stored");
}

#[tokio::test]
async fn profiles_are_only_for_their_enterprise_and_the_centre() {
    let app = spawn_app().await;
    let id = demo_enterprise_id(&app).await;
    for role in ["intermediary", "department", "regulator"] {
        let user = app.login_as(role).await;
        let response = app
            .get(&format!("/api/v1/enterprises/{id}/profile"), &user)
            .await;
        assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        let mine = app.get("/api/v1/enterprises/me/profile", &user).await;
        assert_error(mine, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let enterprise = app.login_as("enterprise").await;
    let other = app
        .get(&format!("/api/v1/enterprises/{id}/profile"), &enterprise)
        .await;
    assert_error(other, StatusCode::FORBIDDEN, "forbidden").await;

    // The centre's commissioner reads; only its administrator corrects.
    let commissioner = app.login_as("commissioner").await;
    let read = app
        .get(&format!("/api/v1/enterprises/{id}/profile"), &commissioner)
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    let write = put(
        &app,
        &format!("/api/v1/enterprises/{id}/profile"),
        &commissioner,
        profile_body(),
    )
    .await;
    assert_error(write, StatusCode::FORBIDDEN, "forbidden").await;
    let admin = app.login_as("center_admin").await;
    let corrected = put(
        &app,
        &format!("/api/v1/enterprises/{id}/profile"),
        &admin,
        profile_body(),
    )
    .await;
    assert_eq!(corrected.status(), StatusCode::OK);
    let history = app
        .get_json("/api/v1/enterprises/me/profile/history", &enterprise)
        .await;
    assert_eq!(history["items"][0]["actor_role"], "center_admin");
    let unknown = app
        .get(
            &format!("/api/v1/enterprises/{}/profile", uuid::Uuid::new_v4()),
            &admin,
        )
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
    let list = app
        .get_json("/api/v1/enterprises?name=演示", &commissioner)
        .await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["size_class"], "medium");
    let uscc = list["items"][0]["uscc"].as_str().unwrap().to_owned();
    for (query, total) in [
        (format!("name={}", &uscc[..10].to_lowercase()), 1),
        ("region=3301".to_owned(), 1),
        ("region=3302".to_owned(), 0),
        ("industry=I".to_owned(), 1),
        ("industry=i65&size_class=medium".to_owned(), 1),
        ("size_class=small".to_owned(), 0),
    ] {
        let list = app
            .get_json(&format!("/api/v1/enterprises?{query}"), &commissioner)
            .await;
        assert_eq!(list["total"], total, "{query}");
    }
    let response = app
        .get("/api/v1/enterprises?size_class=huge", &commissioner)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_dimension_is_renamed_and_deleted_only_when_empty() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let id = dimension(&app, &admin, "scale").await;
    tag(&app, &admin, &id, "exporter", None).await;
    let rename = json!({"name_zh": "企业规模", "name_en": "Scale", "position": 3});
    let response = put(
        &app,
        &format!("/api/v1/tag-dimensions/{id}"),
        &admin,
        rename,
    )
    .await;
    let renamed: Value = response.json().await.unwrap();
    assert_eq!(
        (renamed["code"].as_str(), renamed["name_zh"].as_str()),
        (Some("scale"), Some("企业规模"))
    );
    assert_eq!(renamed["tags"][0]["code"], "exporter");
    let path = format!("/api/v1/tag-dimensions/{id}");
    let response = app.request(Method::DELETE, &path, Some(&admin), None).await;
    assert_error(response, StatusCode::CONFLICT, "dimension_in_use").await;
    let tag_id = renamed["tags"][0]["id"].as_str().unwrap();
    let response = app
        .request(
            Method::DELETE,
            &format!("/api/v1/tags/{tag_id}"),
            Some(&admin),
            None,
        )
        .await;
    assert!(response.status().is_success());
    let response = app.request(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.audit_entries("tag_dimension.delete").await.len(), 1);
}

#[tokio::test]
async fn the_classifications_a_profile_chooses_from_are_listed() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let tables = app
        .get_json("/api/v1/reference/classifications", &enterprise)
        .await;
    let regions = tables["regions"].as_array().unwrap();
    assert!(regions
        .iter()
        .any(|r| r["code"] == "330106" && r["name_zh"] == "西湖区"));
    assert_eq!(tables["sections"].as_array().unwrap().len(), 20);
    assert_eq!(tables["divisions"].as_array().unwrap().len(), 97);
}

/// Creates a dimension and answers its id.
pub async fn dimension(app: &TestApp, admin: &Session, code: &str) -> String {
    let body = json!({"code": code, "name_zh": "创新能力", "name_en": "Innovation", "position": 1});
    let created: Value = app
        .post("/api/v1/tag-dimensions", admin, body)
        .await
        .json()
        .await
        .unwrap();
    created["id"].as_str().unwrap().to_owned()
}

pub async fn tag(
    app: &TestApp,
    admin: &Session,
    dimension: &str,
    code: &str,
    rule_text: Option<&str>,
) -> Value {
    let body = json!({"code": code, "dimension_id": dimension, "name_zh": code, "name_en": code, "rule_text": rule_text});
    let response = app.post("/api/v1/tags", admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

#[tokio::test]
async fn derived_tags_follow_the_profile_and_expire_with_their_qualification() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    put(
        &app,
        "/api/v1/enterprises/me/profile",
        &enterprise,
        profile_body(),
    )
    .await;
    let innovation = dimension(&app, &admin, "innovation").await;
    tag(
        &app,
        &admin,
        &innovation,
        "tech_sme_tag",
        Some(r#"all(qualifications has "tech_sme", employees >= 100)"#),
    )
    .await;
    let manual = tag(&app, &admin, &innovation, "export_leader", None).await;
    assert_eq!(manual["kind"], "manual");

    let tags: Vec<Value> = app
        .get_json("/api/v1/enterprises/me/tags", &enterprise)
        .await
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0]["tag"]["code"], "tech_sme_tag");
    assert_eq!(tags[0]["dimension"]["code"], "innovation");
    let outcomes = tags[0]["explanation"]["outcomes"].as_array().unwrap();
    assert_eq!(outcomes[1]["requirement"], "employees >= 100");
    assert_eq!(outcomes[1]["actual"], "120");

    // A manual tag is given by the centre; a derived one cannot be.
    let id = demo_enterprise_id(&app).await;
    let give = put(
        &app,
        &format!(
            "/api/v1/enterprises/{id}/tags/{}",
            manual["id"].as_str().unwrap()
        ),
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(give.status(), StatusCode::NO_CONTENT);
    let catalogue = app.get_json("/api/v1/tags", &enterprise).await;
    let derived_id = catalogue[0]["tags"][0]["id"].as_str().unwrap().to_owned();
    let refused = put(
        &app,
        &format!("/api/v1/enterprises/{id}/tags/{derived_id}"),
        &admin,
        json!({}),
    )
    .await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "tag_not_manual").await;
    let tags = app
        .get_json("/api/v1/enterprises/me/tags", &enterprise)
        .await;
    assert_eq!(tags.as_array().unwrap().len(), 2);

    // The qualification expires on 2026-03-31: from 1 April the derived tag is gone.
    app.advance(Duration::days(31));
    let enterprise = app.login_as("enterprise").await;
    let tags = app
        .get_json("/api/v1/enterprises/me/tags", &enterprise)
        .await;
    let codes: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["export_leader"]);
}

#[tokio::test]
async fn tag_rules_and_conditions_are_checked_with_the_path_of_the_mistake() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let innovation = dimension(&app, &admin, "innovation").await;
    let body = json!({"code": "bad", "dimension_id": innovation, "name_zh": "坏", "name_en": "bad",
        "rule": {"all": [{"field": "employees", "op": "gte", "value": 1}, {"field": "staff", "op": "gte", "value": 1}]}});
    let error = assert_error(
        app.post("/api/v1/tags", &admin, body).await,
        StatusCode::BAD_REQUEST,
        "condition_unknown_field",
    )
    .await;
    assert!(
        error["error"]["fields"].get("rule.all[1].field").is_some(),
        "{error}"
    );
    tag(&app, &admin, &innovation, "manual_one", None).await;
    let nested = json!({"code": "nested", "dimension_id": innovation, "name_zh": "嵌套", "name_en": "nested", "rule_text": r#"tags has "manual_one""#});
    assert_error(
        app.post("/api/v1/tags", &admin, nested).await,
        StatusCode::BAD_REQUEST,
        "condition_tags_not_allowed",
    )
    .await;
    let taken = json!({"code": "manual_one", "dimension_id": innovation, "name_zh": "重复", "name_en": "again"});
    assert_error(
        app.post("/api/v1/tags", &admin, taken).await,
        StatusCode::CONFLICT,
        "code_taken",
    )
    .await;

    let cases = [
        ("all(employees >= 20", "condition_syntax"),
        (r#"region within "999999""#, "condition_value_type"),
        ("employees within 3", "condition_operator_mismatch"),
        (r#"tags has "nope""#, "condition_unknown_tag"),
    ];
    for (text, code) in cases {
        let response = app
            .post("/api/v1/conditions/check", &admin, json!({"text": text}))
            .await;
        assert_error(response, StatusCode::BAD_REQUEST, code).await;
    }
    let enterprise = app.login_as("enterprise").await;
    let forbidden = app
        .post(
            "/api/v1/conditions/check",
            &enterprise,
            json!({"text": "employees >= 1"}),
        )
        .await;
    assert_error(forbidden, StatusCode::FORBIDDEN, "forbidden").await;
    let fields = app.get_json("/api/v1/conditions/fields", &enterprise).await;
    assert!(fields["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "years_since_founding"));
}

#[tokio::test]
async fn the_index_follows_changes_made_by_another_server() {
    let (settings, db) = test_settings().await;
    let url = settings.database_url();
    let first = spawn_with(settings.clone(), db, true).await;
    let mut second_settings = settings;
    second_settings.database.url = url;
    second_settings.search.index_dir = second_settings.data_dir.join("second-search");
    let second_db = qifu::db::connect(&second_settings).await.unwrap();
    let second = spawn_with(second_settings, second_db, false).await;

    let count = |app: &TestApp, session: Session| {
        let app_url = app.url("/api/v1/conditions/check");
        let client = app.client.clone();
        async move {
            let body: Value = client
                .post(app_url)
                .bearer_auth(&session.token)
                .json(&json!({"text": r#"all(region within "3301", employees >= 100)"#}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["matching_enterprises"].as_u64().unwrap()
        }
    };
    let on_second = second.login_as("center_admin").await;
    assert_eq!(count(&second, on_second.clone()).await, 0);
    let enterprise = first.login_as("enterprise").await;
    put(
        &first,
        "/api/v1/enterprises/me/profile",
        &enterprise,
        profile_body(),
    )
    .await;
    assert_eq!(
        count(&second, on_second.clone()).await,
        1,
        "the second server caught up"
    );
    let mut smaller = profile_body();
    smaller["employees"] = json!(99);
    put(
        &first,
        "/api/v1/enterprises/me/profile",
        &enterprise,
        smaller,
    )
    .await;
    assert_eq!(count(&second, on_second).await, 0);
}

/// An enterprise with a profile row written as an older release stored it (no versions, no
/// history), for what the current rules make of stored data.
async fn stored_profile(
    app: &TestApp,
    name: &str,
    region: &str,
    industry: &str,
    employees: Option<i32>,
    revenue_fen: Option<i64>,
    size_class: &str,
) -> (i64, uuid::Uuid) {
    use sea_orm::{ActiveModelTrait, Set};
    let now = app.clock_now();
    let public_id = uuid::Uuid::new_v4();
    let organisation = entities::organisation::ActiveModel {
        public_id: Set(public_id),
        name: Set(name.to_owned()),
        kind: Set(entities::organisation::OrganisationKind::Enterprise),
        uscc: Set(Some(crate::helpers::new_uscc())),
        status: Set(entities::organisation::OrganisationStatus::Active),
        status_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    entities::enterprise_profile::ActiveModel {
        organisation_id: Set(organisation.id),
        legal_representative: Set(None),
        registered_capital_fen: Set(None),
        revenue_fen: Set(revenue_fen),
        total_assets_fen: Set(None),
        founded_on: Set(None),
        region_code: Set(Some(region.to_owned())),
        industry_code: Set(Some(industry.to_owned())),
        employees: Set(employees),
        rd_spending_fen: Set(None),
        tax_credit_grade: Set(None),
        size_class: Set(Some(
            entities::enterprise_profile::SizeClass::parse(size_class).expect("a size class"),
        )),
        size_class_revision: Set(0),
        contacts: Set("[]".to_owned()),
        version: Set(1),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    (organisation.id, public_id)
}

#[tokio::test]
async fn abolished_and_never_existing_region_codes_are_refused_naming_the_successor() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    // (code, successor named in the message; none: it never existed)
    let cases = [
        ("330103", Some("330105")),
        ("330104", Some("330102")),
        ("330183", Some("330111")),
        ("330185", Some("330112")),
        ("330204", Some("330212")),
        ("330283", Some("330213")),
        ("330621", Some("330603")),
        ("330682", Some("330604")),
        ("331021", Some("331083")),
        ("339999", None),
        ("331200", None),
        ("330101", None),
    ];
    for (code, successor) in cases {
        let mut body = profile_body();
        body["region_code"] = json!(code);
        let response = put(&app, "/api/v1/enterprises/me/profile", &enterprise, body).await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, "profile_region_invalid").await;
        let message = error["error"]["message"].as_str().unwrap().to_owned();
        assert!(
            error["error"]["fields"]["region_code"].is_array(),
            "{error}"
        );
        match successor {
            Some(successor) => {
                assert!(message.contains("撤销"), "{code}: {message}");
                assert!(message.contains("abolished"), "{code}: {message}");
                assert!(message.contains(successor), "{code}: {message}");
            }
            None => assert!(message.contains("not a current"), "{code}: {message}"),
        }
    }
    let profile = app
        .get_json("/api/v1/enterprises/me/profile", &enterprise)
        .await;
    assert_eq!(profile["version"], 0, "nothing was stored");

    let mut body = profile_body();
    body["region_code"] = json!("330111");
    let saved: Value = put(&app, "/api/v1/enterprises/me/profile", &enterprise, body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["region_name"], "浙江省杭州市富阳区", "{saved}");
    // Elsewhere in China, a municipality's district and a county-level city under its province.
    let mut version = saved["version"].clone();
    for (code, name) in [("110101", "北京市东城区"), ("429004", "湖北省仙桃市")] {
        let mut body = profile_body();
        body["region_code"] = json!(code);
        body["version"] = version;
        let again: Value = put(&app, "/api/v1/enterprises/me/profile", &enterprise, body)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(again["region_name"], name, "{again}");
        version = again["version"].clone();
    }
}

#[tokio::test]
async fn a_stored_abolished_code_still_shows_its_former_name() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let (_, id) = stored_profile(
        &app,
        "杭州下城老企业有限公司",
        "330103",
        "I6513",
        Some(50),
        Some(2_000_000_000),
        "small",
    )
    .await;
    let profile = app
        .get_json(&format!("/api/v1/enterprises/{id}/profile"), &admin)
        .await;
    assert_eq!(profile["region_code"], "330103");
    assert_eq!(
        profile["region_name"], "浙江省杭州市下城区（已撤销，2021年）",
        "{profile}"
    );
    // Saving it unchanged is new input: refused until a current division is chosen.
    let mut body = profile_body();
    body["region_code"] = json!("330103");
    let response = put(
        &app,
        &format!("/api/v1/enterprises/{id}/profile"),
        &admin,
        body,
    )
    .await;
    assert_error(response, StatusCode::BAD_REQUEST, "profile_region_invalid").await;
}

#[tokio::test]
async fn the_classifications_list_all_of_china_to_county_level_with_abolished_codes_apart() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let tables = app
        .get_json("/api/v1/reference/classifications", &enterprise)
        .await;
    let regions = tables["regions"].as_array().unwrap();
    let count = |level: &str| regions.iter().filter(|r| r["level"] == level).count();
    assert_eq!(count("province"), 34);
    assert_eq!(count("city"), 333);
    assert!(count("county") >= 2843, "{}", count("county"));
    let has = |code: &str| regions.iter().any(|r| r["code"] == code);
    for gone in ["330103", "330104", "330183", "330185"] {
        assert!(!has(gone), "{gone} is abolished");
    }
    assert!(has("330111") && has("440305") && has("659012"));
    assert!(tables["regions_source"]
        .as_str()
        .unwrap()
        .contains("民政部"));
    assert!(!tables["regions_as_of"].as_str().unwrap().is_empty());
    let abolished = tables["abolished_regions"].as_array().unwrap();
    let xiacheng = abolished.iter().find(|a| a["code"] == "330103").unwrap();
    assert_eq!(xiacheng["name_zh"], "下城区");
    assert_eq!(xiacheng["abolished_in"], 2021);
    assert_eq!(xiacheng["successors"], json!(["330105"]));
}

#[tokio::test]
async fn without_the_figures_its_industry_uses_the_size_class_is_unknown_and_says_why() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let admin = app.login_as("center_admin").await;
    let mut body = profile_body();
    body["revenue_fen"] = Value::Null;
    body["employees"] = json!(5);
    let saved: Value = put(&app, "/api/v1/enterprises/me/profile", &enterprise, body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["size_class"], Value::Null, "{saved}");
    assert_eq!(saved["size_class_missing"], json!(["revenue"]));
    // Unknown meets no size comparison, with or without `not` around it.
    for text in [
        r#"size_class in ["small", "micro"]"#,
        r#"not(size_class in ["small", "micro"])"#,
        r#"size_class != "large""#,
        r#"not(size_class = "large")"#,
    ] {
        let check: Value = app
            .post("/api/v1/conditions/check", &admin, json!({"text": text}))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(check["matching_enterprises"], 0, "{text}: {check}");
    }
    let listed = app
        .get_json("/api/v1/enterprises?size_class=micro", &admin)
        .await;
    assert_eq!(listed["total"], 0, "{listed}");

    // Finance is outside the 2011 standard: unknown with a note, whatever the figures.
    let mut bank = profile_body();
    bank["industry_code"] = json!("J6621");
    bank["version"] = saved["version"].clone();
    let bank: Value = put(&app, "/api/v1/enterprises/me/profile", &enterprise, bank)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(bank["size_class"], Value::Null, "{bank}");
    assert_eq!(bank["size_class_missing"], json!([]));
    assert!(
        bank["size_class_note"].as_str().unwrap().contains("金融业"),
        "{bank}"
    );

    // With revenue and staff, the class is back.
    let mut full = profile_body();
    full["version"] = bank["version"].clone();
    let full: Value = put(&app, "/api/v1/enterprises/me/profile", &enterprise, full)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(full["size_class"], "medium");
    assert_eq!(full["size_class_note"], Value::Null);
    let check: Value = app
        .post(
            "/api/v1/conditions/check",
            &admin,
            json!({"text": r#"not(size_class in ["small", "micro"])"#}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["matching_enterprises"], 1, "{check}");
}

#[tokio::test]
async fn stored_size_classes_are_derived_again_under_the_current_rules() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    // As an older release stored them: micro without revenue, micro without staff, a railway.
    let (_, no_revenue) = stored_profile(
        &app,
        "无营收老企业有限公司",
        "330106",
        "C2614",
        Some(5),
        None,
        "micro",
    )
    .await;
    let (_, no_staff) = stored_profile(
        &app,
        "无人数老企业有限公司",
        "330106",
        "I6513",
        None,
        Some(100_000_000),
        "micro",
    )
    .await;
    let (_, railway) = stored_profile(
        &app,
        "铁路老企业有限公司",
        "330106",
        "G5311",
        Some(50),
        Some(5_000_000_000),
        "small",
    )
    .await;
    let (_, complete) = stored_profile(
        &app,
        "数据齐全老企业有限公司",
        "330106",
        "I6513",
        Some(120),
        Some(4_500_000_000),
        "medium",
    )
    .await;
    let standard = qifu::enterprises::SizeStandard::shipped().unwrap();
    let changed = qifu::enterprises::rederive_size_classes(&app.db, &standard, app.clock_now())
        .await
        .unwrap();
    assert_eq!(changed, 3);
    for id in [no_revenue, no_staff, railway] {
        let profile = app
            .get_json(&format!("/api/v1/enterprises/{id}/profile"), &admin)
            .await;
        assert_eq!(profile["size_class"], Value::Null, "{profile}");
        assert_eq!(profile["version"], 1, "only the derived class changed");
    }
    let kept = app
        .get_json(&format!("/api/v1/enterprises/{no_revenue}/profile"), &admin)
        .await;
    assert_eq!(kept["employees"], 5, "the inputs are kept");
    assert_eq!(kept["industry_code"], "C2614");
    assert_eq!(kept["size_class_missing"], json!(["revenue"]));
    let complete = app
        .get_json(&format!("/api/v1/enterprises/{complete}/profile"), &admin)
        .await;
    assert_eq!(complete["size_class"], "medium");
    // The index follows; running again finds nothing to do.
    let check: Value = app
        .post(
            "/api/v1/conditions/check",
            &admin,
            json!({"text": r#"size_class = "micro""#}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["matching_enterprises"], 0, "{check}");
    assert_eq!(
        app.audit_entries("profile.size_class_rederive").await.len(),
        1
    );
    let again = qifu::enterprises::rederive_size_classes(&app.db, &standard, app.clock_now())
        .await
        .unwrap();
    assert_eq!(again, 0);
}

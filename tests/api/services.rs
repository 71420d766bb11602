//! The value-added service store: the centre's catalogue and its refusals, recommendations ranked
//! by how well an item's target tags fit the enterprise's tags, and an order's whole life from
//! placing to rating, with each side's refusals, the SLA clock and the notices.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{
    enterprises::{dimension, tag},
    helpers::{assert_error, spawn_app, Session, TestApp},
    policies::{department_id, save_profile},
};

async fn sector(app: &TestApp, admin: &Session, code: &str) -> String {
    let body = json!({"code": code, "name_zh": "金融服务", "name_en": "Finance", "position": 1});
    let response = app.post("/api/v1/service-sectors", admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    created["id"].as_str().unwrap().to_owned()
}

fn item_body(sector: &str, provider: &str, title: &str, tags: &[&str]) -> Value {
    json!({
        "sector_id": sector,
        "title": title,
        "description": format!("{title}：为企业提供一对一服务"),
        "provider_id": provider,
        "target_tags": tags,
        "sla_working_days": 5,
        "materials": ["营业执照"],
    })
}

async fn item(app: &TestApp, admin: &Session, body: Value) -> Value {
    let response = app.post("/api/v1/service-items", admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// The centre's session, a sector and one item provided by the demo department.
async fn catalogue(app: &TestApp) -> (Session, String, Value) {
    let admin = app.login_as("center_admin").await;
    let sector = sector(app, &admin, "finance").await;
    let provider = department_id(app, &admin).await;
    let loan = item(
        app,
        &admin,
        item_body(&sector, &provider, "首贷续贷对接", &[]),
    )
    .await;
    (admin, sector, loan)
}

#[tokio::test]
async fn the_centre_keeps_the_catalogue_and_bad_entries_are_refused() {
    let app = spawn_app().await;
    let (admin, sector, loan) = catalogue(&app).await;
    assert_eq!(loan["provider"]["kind"], "department");
    assert_eq!(loan["sector"]["code"], "finance");
    let again = json!({"code": "finance", "name_zh": "金融", "name_en": "Finance"});
    let response = app.post("/api/v1/service-sectors", &admin, again).await;
    assert_error(response, StatusCode::CONFLICT, "code_taken").await;
    let bad = json!({"code": "Finance!", "name_zh": "金融", "name_en": "Finance"});
    let response = app.post("/api/v1/service-sectors", &admin, bad).await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;

    let enterprise = app.login_as("enterprise").await;
    let own = enterprise_org(&app, &enterprise).await;
    let body = item_body(&sector, &own, "自己提供", &[]);
    let response = app.post("/api/v1/service-items", &admin, body).await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "service_provider_invalid",
    )
    .await;
    let provider = department_id(&app, &admin).await;
    let body = item_body(&sector, &provider, "无此标签", &["no_such_tag"]);
    let response = app.post("/api/v1/service-items", &admin, body).await;
    let error = assert_error(response, StatusCode::BAD_REQUEST, "service_unknown_tag").await;
    assert!(error["error"]["fields"]["target_tags"].is_array());
    let body = item_body(&sector, &provider, "企业自建", &[]);
    let response = app.post("/api/v1/service-items", &enterprise, body).await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    let mut zero_sla = item_body(&sector, &provider, "零时限", &[]);
    zero_sla["sla_working_days"] = json!(0);
    let response = app.post("/api/v1/service-items", &admin, zero_sla).await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;

    let package = json!({"title": "融资一类事", "item_ids": [loan["id"]]});
    let response = app.post("/api/v1/service-packages", &admin, package).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let packages = app.get_json("/api/v1/service-packages", &enterprise).await;
    assert_eq!(packages[0]["items"][0]["title"], "首贷续贷对接");
}

async fn enterprise_org(app: &TestApp, enterprise: &Session) -> String {
    let me = app.get_json("/api/v1/me", enterprise).await;
    me["organisation"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_store_is_searched_by_sector_text_and_tag_and_withdrawn_items_are_hidden() {
    let app = spawn_app().await;
    let (admin, finance, loan) = catalogue(&app).await;
    let legal = sector(&app, &admin, "legal").await;
    let provider = department_id(&app, &admin).await;
    let dim = dimension(&app, &admin, "scale").await;
    tag(&app, &admin, &dim, "growth", None).await;
    item(
        &app,
        &admin,
        item_body(&legal, &provider, "合同审查", &["growth"]),
    )
    .await;
    let enterprise = app.login_as("enterprise").await;
    let total = |query: &str| {
        let path = format!("/api/v1/service-items?{query}");
        let (app, enterprise) = (&app, &enterprise);
        async move { app.get_json(&path, enterprise).await["total"].clone() }
    };
    assert_eq!(total("").await, 2);
    assert_eq!(total(&format!("sector_id={finance}")).await, 1);
    assert_eq!(total("q=%E5%90%88%E5%90%8C").await, 1);
    assert_eq!(total("tag=growth").await, 1);
    assert_eq!(total("tag=grow").await, 0);

    let id = loan["id"].as_str().unwrap();
    let mut withdrawn = item_body(&finance, &provider, "首贷续贷对接", &[]);
    withdrawn["active"] = json!(false);
    let response = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/service-items/{id}"),
            Some(&admin),
            Some(withdrawn),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(total("").await, 1);
    assert_eq!(total("include_inactive=true").await, 1);
    let package = json!({"title": "融资一类事", "item_ids": [loan["id"]]});
    app.post("/api/v1/service-packages", &admin, package).await;
    let packages = app.get_json("/api/v1/service-packages", &enterprise).await;
    assert_eq!(
        packages[0]["items"],
        json!([]),
        "a withdrawn item is not offered"
    );
    let packages = app.get_json("/api/v1/service-packages", &admin).await;
    assert_eq!(packages[0]["items"].as_array().unwrap().len(), 1);
    let all = app
        .get_json("/api/v1/service-items?include_inactive=true", &admin)
        .await;
    assert_eq!(all["total"], 2);
    let response = app
        .get(&format!("/api/v1/service-items/{id}"), &enterprise)
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app
        .post(
            &format!("/api/v1/service-items/{id}/orders"),
            &enterprise,
            json!({}),
        )
        .await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "service_inactive",
    )
    .await;
}

#[tokio::test]
async fn recommendations_rank_items_by_the_share_of_their_target_tags_the_enterprise_has() {
    let app = spawn_app().await;
    let (admin, sector, _) = catalogue(&app).await;
    let provider = department_id(&app, &admin).await;
    let dim = dimension(&app, &admin, "scale").await;
    tag(
        &app,
        &admin,
        &dim,
        "hundred_staff",
        Some("employees >= 100"),
    )
    .await;
    tag(&app, &admin, &dim, "exporter", None).await;
    for (title, tags) in [
        ("人才招聘", vec!["hundred_staff"]),
        ("出口信保", vec!["exporter", "hundred_staff"]),
        ("外贸培训", vec!["exporter"]),
    ] {
        item(&app, &admin, item_body(&sector, &provider, title, &tags)).await;
    }
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let found = app
        .get_json(
            "/api/v1/enterprises/me/service-recommendations",
            &enterprise,
        )
        .await;
    let found = found.as_array().unwrap();
    let titles: Vec<&str> = found
        .iter()
        .map(|r| r["item"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["人才招聘", "出口信保"]);
    assert_eq!(found[0]["score"], 1.0);
    assert_eq!(found[1]["score"], 0.5);
    assert_eq!(found[1]["matched_tags"], json!(["hundred_staff"]));

    save_profile(&app, &enterprise, 50).await;
    let found = app
        .get_json(
            "/api/v1/enterprises/me/service-recommendations",
            &enterprise,
        )
        .await;
    assert_eq!(found, json!([]), "the derived tag follows the profile");
    let response = app
        .get("/api/v1/enterprises/me/service-recommendations", &admin)
        .await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn act(
    app: &TestApp,
    who: &Session,
    order: &str,
    step: &str,
    body: Value,
) -> reqwest::Response {
    app.post(&format!("/api/v1/service-orders/{order}/{step}"), who, body)
        .await
}

async fn events(app: &TestApp, session: &Session) -> Vec<String> {
    let page = app
        .get_json("/api/v1/notifications?per_page=100", session)
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["event"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_order_goes_from_placing_through_acceptance_and_completion_to_one_rating() {
    let app = spawn_app().await;
    let (_, _, loan) = catalogue(&app).await;
    let enterprise = app.login_as("enterprise").await;
    let path = format!(
        "/api/v1/service-items/{}/orders",
        loan["id"].as_str().unwrap()
    );
    let response = app
        .post(
            &path,
            &enterprise,
            json!({"note": "需要500万元流动资金贷款"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let order: Value = response.json().await.unwrap();
    let id = order["id"].as_str().unwrap().to_owned();
    assert_eq!(order["status"], "ordered");
    assert_eq!(order["sla_working_days"], 5);
    assert_eq!(order["late"], false);
    let again = app.post(&path, &enterprise, json!({})).await;
    assert_error(again, StatusCode::CONFLICT, "order_duplicate").await;

    let department = app.login_as("department").await;
    assert_eq!(events(&app, &department).await, ["service_ordered"]);
    let queue = app
        .get_json("/api/v1/service-orders?status=ordered", &department)
        .await;
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["note"], "需要500万元流动资金贷款");
    let stranger = app.login_as("intermediary").await;
    let theirs = app.get_json("/api/v1/service-orders", &stranger).await;
    assert_eq!(
        theirs["total"], 0,
        "an intermediary sees only the orders it serves"
    );
    let response = app
        .get(&format!("/api/v1/service-orders/{id}"), &stranger)
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = act(&app, &stranger, &id, "accept", json!({})).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = act(&app, &enterprise, &id, "accept", json!({})).await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;

    let response = act(&app, &department, &id, "accept", json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = act(&app, &enterprise, &id, "cancel", json!({})).await;
    assert_error(response, StatusCode::CONFLICT, "order_wrong_state").await;
    let response = act(&app, &enterprise, &id, "rate", json!({"rating": 5})).await;
    assert_error(response, StatusCode::CONFLICT, "order_wrong_state").await;
    app.advance(Duration::days(2));
    let (enterprise, department) = (
        app.login_as("enterprise").await,
        app.login_as("department").await,
    );
    let done = json!({"note": "已对接银行，授信审批中"});
    let response = act(&app, &department, &id, "complete", done).await;
    let completed: Value = response.json().await.unwrap();
    assert_eq!(completed["status"], "completed");
    assert_eq!(completed["late"], false);
    assert!(completed["working_days_used"].as_u64().unwrap() <= 2);

    let response = act(&app, &enterprise, &id, "rate", json!({"rating": 6})).await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    let rating = json!({"rating": 4, "comment": "响应及时"});
    let response = act(&app, &enterprise, &id, "rate", rating.clone()).await;
    let rated: Value = response.json().await.unwrap();
    assert_eq!(rated["rating"], 4);
    assert_eq!(rated["rating_comment"], "响应及时");
    let response = act(&app, &enterprise, &id, "rate", rating).await;
    assert_error(response, StatusCode::CONFLICT, "order_already_rated").await;
    let told = events(&app, &enterprise).await;
    assert_eq!(told, ["service_order_updated", "service_order_updated"]);
    assert_eq!(app.audit_entries("service_order.rate").await.len(), 1);
    let mine = app
        .get_json("/api/v1/enterprises/me/service-orders", &enterprise)
        .await;
    assert_eq!(mine["items"][0]["provider"], "演示区发展和改革局");
}

#[tokio::test]
async fn an_open_order_past_its_sla_is_late_and_a_declined_one_says_why() {
    let app = spawn_app().await;
    let (_, _, loan) = catalogue(&app).await;
    let enterprise = app.login_as("enterprise").await;
    let path = format!(
        "/api/v1/service-items/{}/orders",
        loan["id"].as_str().unwrap()
    );
    let order: Value = app
        .post(&path, &enterprise, json!({}))
        .await
        .json()
        .await
        .unwrap();
    let id = order["id"].as_str().unwrap().to_owned();
    app.advance(Duration::days(14));
    let enterprise = app.login_as("enterprise").await;
    let now: Value = app
        .get_json(&format!("/api/v1/service-orders/{id}"), &enterprise)
        .await;
    assert_eq!(
        now["late"], true,
        "5 working days are over within 14 days: {now}"
    );
    assert!(now["working_days_used"].as_u64().unwrap() >= 6);

    let department = app.login_as("department").await;
    let response = act(&app, &department, &id, "decline", json!({"note": " "})).await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    let reason = json!({"note": "本月额度已满"});
    let declined: Value = act(&app, &department, &id, "decline", reason)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["provider_note"], "本月额度已满");
    assert_eq!(declined["late"], false, "a declined order is not late");
    let response = act(&app, &department, &id, "complete", json!({})).await;
    assert_error(response, StatusCode::CONFLICT, "order_wrong_state").await;

    let second: Value = app
        .post(&path, &enterprise, json!({}))
        .await
        .json()
        .await
        .unwrap();
    let second = second["id"].as_str().unwrap().to_owned();
    let cancelled: Value = act(&app, &enterprise, &second, "cancel", json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    let all = app
        .get_json(
            "/api/v1/service-orders",
            &app.login_as("center_admin").await,
        )
        .await;
    assert_eq!(all["total"], 2);
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    who: &Session,
    body: Option<Value>,
) -> reqwest::Response {
    app.request(method, path, Some(who), body).await
}

fn sector_body(code: &str, name_zh: &str) -> Value {
    json!({"code": code, "name_zh": name_zh, "name_en": "Legal", "position": 2})
}

#[tokio::test]
async fn the_centre_edits_and_deletes_sectors_but_not_one_that_items_belong_to() {
    use reqwest::Method;
    let app = spawn_app().await;
    let (admin, finance, loan) = catalogue(&app).await;
    let legal = sector(&app, &admin, "legal").await;
    let path = format!("/api/v1/service-sectors/{legal}");
    let response = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        Some(sector_body("law", "法治服务")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: Value = response.json().await.unwrap();
    assert_eq!(
        (edited["code"].as_str(), edited["name_zh"].as_str()),
        (Some("law"), Some("法治服务"))
    );
    let same = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        Some(sector_body("law", "法治")),
    )
    .await;
    assert_eq!(same.status(), StatusCode::OK, "a sector keeps its own code");
    let taken = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        Some(sector_body("finance", "法治")),
    )
    .await;
    assert_error(taken, StatusCode::CONFLICT, "code_taken").await;
    let bad = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        Some(sector_body("Law!", "法治")),
    )
    .await;
    assert_error(bad, StatusCode::BAD_REQUEST, "validation_failed").await;
    let unknown = format!("/api/v1/service-sectors/{}", uuid::Uuid::new_v4());
    let response = send(
        &app,
        Method::PUT,
        &unknown,
        &admin,
        Some(sector_body("x", "x")),
    )
    .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = send(&app, Method::DELETE, &unknown, &admin, None).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let department = app.login_as("department").await;
    let response = send(
        &app,
        Method::PUT,
        &path,
        &department,
        Some(sector_body("law", "法治")),
    )
    .await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = send(&app, Method::DELETE, &path, &department, None).await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;

    let finance_path = format!("/api/v1/service-sectors/{finance}");
    let response = send(&app, Method::DELETE, &finance_path, &admin, None).await;
    assert_error(response, StatusCode::CONFLICT, "sector_not_empty").await;
    let provider = department_id(&app, &admin).await;
    let mut withdrawn = item_body(&finance, &provider, "首贷续贷对接", &[]);
    withdrawn["active"] = json!(false);
    let item_path = format!("/api/v1/service-items/{}", loan["id"].as_str().unwrap());
    let response = send(&app, Method::PUT, &item_path, &admin, Some(withdrawn)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = send(&app, Method::DELETE, &finance_path, &admin, None).await;
    assert_error(response, StatusCode::CONFLICT, "sector_not_empty").await;

    let response = send(&app, Method::DELETE, &path, &admin, None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let sectors = app.get_json("/api/v1/service-sectors", &admin).await;
    assert_eq!(sectors.as_array().unwrap().len(), 1);
    assert_eq!(app.audit_entries("service_sector.update").await.len(), 2);
    assert_eq!(app.audit_entries("service_sector.delete").await.len(), 1);
}

#[tokio::test]
async fn the_centre_edits_and_deletes_packages_and_their_items_and_orders_stay() {
    use reqwest::Method;
    let app = spawn_app().await;
    let (admin, finance, loan) = catalogue(&app).await;
    let provider = department_id(&app, &admin).await;
    let audit = item(
        &app,
        &admin,
        item_body(&finance, &provider, "财务审计", &[]),
    )
    .await;
    let created: Value = app
        .post(
            "/api/v1/service-packages",
            &admin,
            json!({"title": "融资一类事", "item_ids": [loan["id"]]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let path = format!(
        "/api/v1/service-packages/{}",
        created["id"].as_str().unwrap()
    );
    let body = json!({"title": "融资上市一类事", "description": "两项", "item_ids": [audit["id"], loan["id"]]});
    let response = send(&app, Method::PUT, &path, &admin, Some(body.clone())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: Value = response.json().await.unwrap();
    assert_eq!(edited["title"], "融资上市一类事");
    assert_eq!(edited["items"][0]["title"], "财务审计");
    assert_eq!(edited["items"][1]["title"], "首贷续贷对接");
    let stray = json!({"title": "x", "item_ids": [uuid::Uuid::new_v4()]});
    let response = send(&app, Method::PUT, &path, &admin, Some(stray)).await;
    let error = assert_error(response, StatusCode::BAD_REQUEST, "not_found").await;
    assert!(error["error"]["fields"]["item_ids"].is_array());
    let empty = json!({"title": "x", "item_ids": []});
    let response = send(&app, Method::PUT, &path, &admin, Some(empty)).await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    let unknown = format!("/api/v1/service-packages/{}", uuid::Uuid::new_v4());
    let response = send(&app, Method::PUT, &unknown, &admin, Some(body.clone())).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let enterprise = app.login_as("enterprise").await;
    let response = send(&app, Method::PUT, &path, &enterprise, Some(body)).await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = send(&app, Method::DELETE, &path, &enterprise, None).await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;

    let order = format!(
        "/api/v1/service-items/{}/orders",
        loan["id"].as_str().unwrap()
    );
    let response = app.post(&order, &enterprise, json!({})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = send(&app, Method::DELETE, &path, &admin, None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = send(&app, Method::DELETE, &path, &admin, None).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let packages = app.get_json("/api/v1/service-packages", &admin).await;
    assert_eq!(packages.as_array().unwrap().len(), 0);
    let items = app.get_json("/api/v1/service-items", &enterprise).await;
    assert_eq!(items["total"], 2, "the package's items stay");
    let mine = app
        .get_json("/api/v1/enterprises/me/service-orders", &enterprise)
        .await;
    assert_eq!(mine["total"], 1, "orders of its items stay");
    assert_eq!(app.audit_entries("service_package.update").await.len(), 1);
    assert_eq!(app.audit_entries("service_package.delete").await.len(), 1);
}

/// A Beijing calendar day of an instant, as the filters take it.
fn china_day(at: chrono::DateTime<chrono::Utc>) -> String {
    (at + Duration::hours(8)).date_naive().to_string()
}

#[tokio::test]
async fn order_lists_are_filtered_by_item_sector_dates_overdue_and_text_in_the_query() {
    let app = spawn_app().await;
    let (admin, _, loan) = catalogue(&app).await;
    let legal = sector(&app, &admin, "legal").await;
    let provider = department_id(&app, &admin).await;
    let contract = item(&app, &admin, item_body(&legal, &provider, "合同审查", &[])).await;
    let enterprise = app.login_as("enterprise").await;
    let place = |item: &Value| {
        format!(
            "/api/v1/service-items/{}/orders",
            item["id"].as_str().unwrap()
        )
    };
    let first_day = china_day(app.clock_now());
    let response = app.post(&place(&loan), &enterprise, json!({})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    app.advance(Duration::days(14));
    let last_day = china_day(app.clock_now());
    let enterprise = app.login_as("enterprise").await;
    let response = app.post(&place(&contract), &enterprise, json!({})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let name = app.get_json("/api/v1/me", &enterprise).await["organisation"]["name"]
        .as_str()
        .unwrap()
        .to_owned();

    let department = app.login_as("department").await;
    let page = |who: &Session, path: String| {
        let (app, who) = (&app, who.clone());
        async move { app.get_json(&path, &who).await }
    };
    let served = |query: String| page(&department, format!("/api/v1/service-orders?{query}"));
    let total = |value: Value| value["total"].as_u64().unwrap();
    let loan_id = loan["id"].as_str().unwrap();
    assert_eq!(total(served(String::new()).await), 2);
    let by_item = served(format!("item_id={loan_id}")).await;
    assert_eq!(
        (
            total(by_item.clone()),
            by_item["items"][0]["item_title"].as_str()
        ),
        (1, Some("首贷续贷对接"))
    );
    assert_eq!(total(served(format!("sector_id={legal}")).await), 1);
    assert_eq!(
        total(served(format!("item_id={}", uuid::Uuid::new_v4())).await),
        0
    );
    assert_eq!(total(served(format!("from={last_day}")).await), 1);
    assert_eq!(total(served(format!("to={first_day}")).await), 1);
    assert_eq!(
        total(served(format!("from={first_day}&to={last_day}")).await),
        2
    );
    let overdue = served("overdue=true".to_owned()).await;
    assert_eq!(
        (
            total(overdue.clone()),
            overdue["items"][0]["late"].as_bool()
        ),
        (1, Some(true))
    );
    assert_eq!(total(served("overdue=false".to_owned()).await), 2);
    let text = urlencoding(&name);
    let by_name = served(format!("q={text}&per_page=1")).await;
    assert_eq!(
        total(by_name.clone()),
        2,
        "the total counts every match, not one page"
    );
    assert_eq!(by_name["items"].as_array().unwrap().len(), 1);
    assert_eq!(total(served(format!("q={}", urlencoding("合同"))).await), 1);
    assert_eq!(total(served("q=zzz".to_owned()).await), 0);
    let mine = page(
        &enterprise,
        format!("/api/v1/enterprises/me/service-orders?sector_id={legal}&overdue=false"),
    )
    .await;
    assert_eq!(total(mine), 1);

    for (query, field) in [
        ("from=2026-13-01", "from"),
        ("to=yesterday", "to"),
        (&*format!("from={last_day}&to={first_day}"), "to"),
        ("item_id=42", "item_id"),
        ("sector_id=x", "sector_id"),
        ("overdue=maybe", "overdue"),
    ] {
        let response = app
            .get(&format!("/api/v1/service-orders?{query}"), &department)
            .await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, "order_filter_invalid").await;
        assert!(
            error["error"]["fields"][field].is_array(),
            "{query}: {error}"
        );
    }
    let response = app
        .get(
            "/api/v1/enterprises/me/service-orders?from=1.1.2026",
            &enterprise,
        )
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "order_filter_invalid").await;
}

/// Percent-encodes a query value.
fn urlencoding(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

//! The intermediary supermarket: the catalogue, intermediaries' qualifications, projects,
//! procurements from draft to publishing (and changes after), bid refusals, closing, each
//! selection method, public notice and objections, the contract, delivery and acceptance.
//! Sealed-bid leak attempts and concurrency live in `sealed_bids.rs`.

use chrono::{DateTime, Duration, Utc};
use qifu::scheduler::{run_job_at, Trigger};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, new_uscc, spawn_app, Session, TestApp};

pub const PASSWORD: &str = "a-strong-password";

/// An intermediary the tests registered, with its e-mail (to sign in again after the clock moves).
#[derive(Debug, Clone)]
pub struct Bidder {
    pub email: String,
    pub organisation: String,
    pub uscc: String,
}

/// A catalogue with one service type, an owner with one project, and approved, qualified
/// intermediaries offering the type.
pub struct Market {
    pub service_type: String,
    pub project: String,
    pub bidders: Vec<Bidder>,
}

pub async fn service_type(app: &TestApp, admin: &Session, code: &str) -> Value {
    let response = app
        .post(
            "/api/v1/service-types",
            admin,
            json!({
                "code": code, "name_zh": "环境影响评价", "name_en": "Environmental impact assessment",
                "approval_zh": "环评审批", "qualification": "surveying",
                "fee_min_fen": 1_000_000, "fee_max_fen": 10_000_000,
                "time_limit_working_days": 20, "guide_zh": "编制环境影响报告表",
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn put(app: &TestApp, path: &str, session: &Session, body: Value) -> reqwest::Response {
    app.request(Method::PUT, path, Some(session), Some(body))
        .await
}

/// Registers, approves and qualifies an intermediary offering `service_type`.
pub async fn intermediary(app: &TestApp, admin: &Session, service_type: &str) -> Bidder {
    let uscc = new_uscc();
    let email = format!("bidder-{}@example.com", &uscc[8..17].to_lowercase());
    let registered: Value = app
        .register("intermediary", &uscc, &email)
        .await
        .json()
        .await
        .unwrap();
    let organisation = registered["organisation"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let approve = format!("/api/v1/organisations/{organisation}/approve");
    let approved = app
        .post(&approve, admin, json!({ "reason": "资质齐全" }))
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let session = app.login_with(&email, PASSWORD).await;
    let profile = put(
        app,
        "/api/v1/intermediaries/me",
        &session,
        json!({ "practitioners": 12, "introduction": "专业环评", "service_type_ids": [service_type] }),
    )
    .await;
    assert_eq!(profile.status(), StatusCode::OK);
    let qualification = put(
        app,
        "/api/v1/intermediaries/me/qualifications",
        &session,
        json!({ "qualification_type": "surveying", "level": "甲级", "certificate_number": "甲测资字 3300001", "expires_on": "2027-12-31" }),
    )
    .await;
    assert_eq!(qualification.status(), StatusCode::OK);
    Bidder {
        email,
        organisation,
        uscc,
    }
}

pub async fn project(app: &TestApp, owner: &Session, code: &str) -> Value {
    let response = app
        .post(
            "/api/v1/projects",
            owner,
            json!({ "name": "演示产业园一期", "code": code, "division_code": "330281", "investment_fen": 5_000_000_000i64 }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn market(app: &TestApp, bidders: usize) -> Market {
    let admin = app.login_as("center_admin").await;
    let owner = app.login_as("enterprise").await;
    let service_type = service_type(app, &admin, "eia").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let project = project(app, &owner, "2026-330281-47-01-000001").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut list = Vec::new();
    for _ in 0..bidders {
        list.push(intermediary(app, &admin, &service_type).await);
    }
    Market {
        service_type,
        project,
        bidders: list,
    }
}

pub fn procurement_body(m: &Market, method: &str) -> Value {
    json!({
        "project_id": m.project, "service_type_id": m.service_type,
        "title": "产业园环评报告编制", "scope": "编制环境影响报告表并取得批复",
        "budget_ceiling_fen": 8_000_000, "selection_method": method,
        "weight_price": 50, "weight_proposal": 30, "weight_credit": 20,
        "bidding_working_days": 3, "service_working_days": 20,
    })
}

pub async fn draft(app: &TestApp, owner: &Session, body: Value) -> Value {
    let response = app.post("/api/v1/procurements", owner, body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "draft");
    response.json().await.unwrap()
}

/// Drafts and publishes a procurement; answers it as published.
pub async fn published(app: &TestApp, m: &Market, method: &str) -> Value {
    let owner = app.login_as("enterprise").await;
    let drafted = draft(app, &owner, procurement_body(m, method)).await;
    let id = drafted["id"].as_str().unwrap();
    let response = app
        .post(
            &format!("/api/v1/procurements/{id}/publish"),
            &owner,
            json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "publish");
    response.json().await.unwrap()
}

pub async fn sign_in(app: &TestApp, bidder: &Bidder) -> Session {
    app.login_with(&bidder.email, PASSWORD).await
}

pub async fn bid(
    app: &TestApp,
    session: &Session,
    procurement: &str,
    price: i64,
) -> reqwest::Response {
    put(
        app,
        &format!("/api/v1/procurements/{procurement}/bid"),
        session,
        json!({ "price_fen": price, "promised_working_days": 15, "proposal": "技术方案" }),
    )
    .await
}

/// The owner cancels a procurement with a reason.
pub async fn cancel(app: &TestApp, owner: &Session, id: &str, reason: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/procurements/{id}/cancel"),
        owner,
        json!({ "reason": reason }),
    )
    .await
}

pub fn deadline(procurement: &Value) -> DateTime<Utc> {
    procurement["bid_deadline"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Moves the clock to just past `instant` and runs the deadlines job there; answers the run.
pub async fn deadlines_run_after(
    app: &TestApp,
    instant: DateTime<Utc>,
) -> entities::job_run::Model {
    let target = instant + Duration::seconds(30);
    let now = app.clock_now();
    if target > now {
        app.advance(target - now);
    }
    run_job_at(
        &app.state.scheduler,
        "marketplace_deadlines",
        target,
        Trigger::Schedule,
    )
    .await
    .unwrap()
}

/// Runs the deadlines job just past `instant`; answers its summary, which must be a success.
pub async fn run_deadlines_after(app: &TestApp, instant: DateTime<Utc>) -> String {
    let run = deadlines_run_after(app, instant).await;
    assert_eq!(run.outcome, "succeeded", "{:?}", run.message);
    run.message.unwrap_or_default()
}

pub async fn get(app: &TestApp, path: &str, session: &Session) -> Value {
    let response = app.get(path, session).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_centre_keeps_service_types_and_packages_and_bad_entries_are_refused() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let eia = service_type(&app, &admin, "eia").await;
    assert_eq!(eia["qualification"], "surveying");
    let mut bad = json!({ "code": "x1", "name_zh": "x", "name_en": "x", "fee_min_fen": 5, "fee_max_fen": 4, "time_limit_working_days": 5 });
    let response = app.post("/api/v1/service-types", &admin, bad.clone()).await;
    assert_error(response, StatusCode::BAD_REQUEST, "fee_range_invalid").await;
    bad["fee_max_fen"] = json!(6);
    bad["qualification"] = json!("no_such_licence");
    let response = app.post("/api/v1/service-types", &admin, bad.clone()).await;
    assert_error(
        response,
        StatusCode::BAD_REQUEST,
        "qualification_type_unknown",
    )
    .await;
    bad["qualification"] = Value::Null;
    bad["code"] = json!("eia");
    let response = app.post("/api/v1/service-types", &admin, bad).await;
    assert_error(response, StatusCode::CONFLICT, "code_taken").await;

    let survey = app
        .post(
            "/api/v1/service-types",
            &admin,
            json!({ "code": "completion_survey", "name_zh": "竣工测绘", "name_en": "Completion survey", "fee_min_fen": 500_000, "fee_max_fen": 2_000_000, "time_limit_working_days": 10 }),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    let package = app
        .post(
            "/api/v1/service-type-packages",
            &admin,
            json!({ "code": "completion", "name_zh": "竣工测绘类", "name_en": "Completion surveying", "service_type_ids": [eia["id"], survey["id"]] }),
        )
        .await;
    assert_eq!(package.status(), StatusCode::CREATED);
    let package: Value = package.json().await.unwrap();
    assert_eq!(package["fee_min_fen"], 1_500_000);
    assert_eq!(package["fee_max_fen"], 12_000_000);

    let owner = app.login_as("enterprise").await;
    let types = get(&app, "/api/v1/service-types", &owner).await;
    assert_eq!(types.as_array().unwrap().len(), 2);
    let qualifications = get(&app, "/api/v1/qualification-types", &owner).await;
    assert!(qualifications.as_array().unwrap().len() >= 20);

    let mut withdrawn = eia.clone();
    withdrawn["active"] = json!(false);
    let response = put(
        &app,
        &format!("/api/v1/service-types/{}", eia["id"].as_str().unwrap()),
        &admin,
        withdrawn,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let types = get(&app, "/api/v1/service-types", &owner).await;
    assert_eq!(types.as_array().unwrap().len(), 1);
    assert_eq!(app.audit_entries("service_type.update").await.len(), 1);
}

#[tokio::test]
async fn an_intermediary_keeps_its_service_types_and_qualifications_with_checked_levels() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let eia = service_type(&app, &admin, "eia").await;
    let bidder = intermediary(&app, &admin, eia["id"].as_str().unwrap()).await;
    let session = sign_in(&app, &bidder).await;
    let me = get(&app, "/api/v1/intermediaries/me", &session).await;
    assert_eq!(me["practitioners"], 12);
    assert_eq!(me["service_types"][0]["code"], "eia");
    assert_eq!(me["qualifications"][0]["level"], "甲级");
    assert_eq!(me["credit"]["stars"], Value::Null, "unrated until rated");

    let wrong_level = put(
        &app,
        "/api/v1/intermediaries/me/qualifications",
        &session,
        json!({ "qualification_type": "surveying", "level": "特级", "certificate_number": "x", "expires_on": "2027-01-01" }),
    )
    .await;
    assert_error(
        wrong_level,
        StatusCode::BAD_REQUEST,
        "qualification_level_unknown",
    )
    .await;
    let unknown = put(
        &app,
        "/api/v1/intermediaries/me/qualifications",
        &session,
        json!({ "qualification_type": "alchemy", "certificate_number": "x", "expires_on": "2027-01-01" }),
    )
    .await;
    assert_error(
        unknown,
        StatusCode::BAD_REQUEST,
        "qualification_type_unknown",
    )
    .await;

    let owner = app.login_as("enterprise").await;
    let listed = get(
        &app,
        &format!(
            "/api/v1/intermediaries?service_type_id={}",
            eia["id"].as_str().unwrap()
        ),
        &owner,
    )
    .await;
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [bidder.organisation.as_str()]);

    let other = intermediary(&app, &admin, eia["id"].as_str().unwrap()).await;
    let qualification = me["qualifications"][0]["id"].as_str().unwrap();
    let other_session = sign_in(&app, &other).await;
    let response = app
        .request(
            Method::DELETE,
            &format!("/api/v1/intermediaries/me/qualifications/{qualification}"),
            Some(&other_session),
            None,
        )
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_project_code_is_checked_part_by_part_and_registered_once() {
    let app = spawn_app().await;
    let owner = app.login_as("enterprise").await;
    for code in [
        "2026-330281-47-01",
        "26-330281-47-01-000001",
        "2026-3302X1-47-01-000001",
        "2026-330281-47-01-00001",
        "1999-330281-47-01-000001",
    ] {
        let response = app
            .post("/api/v1/projects", &owner, json!({ "name": "x", "code": code, "division_code": "330281", "investment_fen": 1 }))
            .await;
        let body = assert_error(response, StatusCode::BAD_REQUEST, "project_code_invalid").await;
        assert!(body["error"]["fields"]["code"].is_array(), "{code}: {body}");
    }
    let bad_division = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330281-47-01-000001", "division_code": "3302", "investment_fen": 1 }))
        .await;
    assert_error(
        bad_division,
        StatusCode::BAD_REQUEST,
        "division_code_invalid",
    )
    .await;
    let elsewhere = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330281-47-01-000001", "division_code": "330106", "investment_fen": 1 }))
        .await;
    let body = assert_error(elsewhere, StatusCode::BAD_REQUEST, "division_outside_code").await;
    assert!(
        body["error"]["fields"]["division_code"].is_array(),
        "{body}"
    );
    // A location must be a current division: an abolished one is refused naming its successor.
    let abolished = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330200-47-01-000003", "division_code": "330204", "investment_fen": 1 }))
        .await;
    let body = assert_error(abolished, StatusCode::BAD_REQUEST, "division_code_invalid").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("330212"),
        "{body}"
    );
    let never = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330200-47-01-000003", "division_code": "339999", "investment_fen": 1 }))
        .await;
    assert_error(never, StatusCode::BAD_REQUEST, "division_code_invalid").await;
    // A code registered in a division abolished since may be located in its successor.
    let old_code = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2020-330103-47-01-000004", "division_code": "330105", "investment_fen": 1 }))
        .await;
    assert_eq!(old_code.status(), StatusCode::CREATED);
    // A code a city registered covers every division of the city.
    let city = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330200-47-01-000002", "division_code": "330281", "investment_fen": 1 }))
        .await;
    assert_eq!(city.status(), StatusCode::CREATED);
    project(&app, &owner, "2026-330281-47-01-000001").await;
    let again = app
        .post("/api/v1/projects", &owner, json!({ "name": "x", "code": "2026-330281-47-01-000001", "division_code": "330281", "investment_fen": 1 }))
        .await;
    assert_error(again, StatusCode::CONFLICT, "project_code_taken").await;
    let projects = get(&app, "/api/v1/projects", &owner).await;
    assert_eq!(projects.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_procurement_draft_is_checked_against_the_catalogue_and_the_rules() {
    let app = spawn_app().await;
    let m = market(&app, 0).await;
    let owner = app.login_as("enterprise").await;
    let cases = [
        (
            json!({ "budget_ceiling_fen": 20_000_000 }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "budget_outside_fee_range",
        ),
        (
            json!({ "bidding_working_days": 2 }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "deadline_too_soon",
        ),
        (
            json!({ "selection_method": "scored", "weight_credit": 30 }),
            StatusCode::BAD_REQUEST,
            "weights_invalid",
        ),
        (
            json!({ "service_type_id": null }),
            StatusCode::BAD_REQUEST,
            "subject_invalid",
        ),
        (
            json!({ "required_qualifications": ["alchemy"] }),
            StatusCode::BAD_REQUEST,
            "qualification_type_unknown",
        ),
        (
            json!({ "project_id": "00000000-0000-4000-8000-000000000009" }),
            StatusCode::BAD_REQUEST,
            "not_found",
        ),
        (
            json!({ "avoided": [{ "intermediary_id": "00000000-0000-4000-8000-000000000009", "reason": "x" }] }),
            StatusCode::BAD_REQUEST,
            "not_found",
        ),
    ];
    for (change, status, code) in cases {
        let mut body = procurement_body(&m, "lowest_price");
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let response = app.post("/api/v1/procurements", &owner, body).await;
        assert_error(response, status, code).await;
    }
    let drafted = draft(&app, &owner, procurement_body(&m, "lowest_price")).await;
    assert_eq!(drafted["status"], "draft");
    assert_eq!(drafted["min_valid_bids"], 3);
    let intermediary = app.login_as("intermediary").await;
    let hidden = app
        .get(
            &format!("/api/v1/procurements/{}", drafted["id"].as_str().unwrap()),
            &intermediary,
        )
        .await;
    assert_error(hidden, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn publishing_fixes_the_deadline_in_working_days_and_tells_only_eligible_intermediaries() {
    let app = spawn_app().await;
    let m = market(&app, 2).await;
    let admin = app.login_as("center_admin").await;
    let other_type = service_type(&app, &admin, "other").await;
    let bystander = intermediary(&app, &admin, other_type["id"].as_str().unwrap()).await;
    let p = published(&app, &m, "random_draw").await;
    assert_eq!(p["status"], "published");
    assert_eq!(p["seed_commitment"].as_str().unwrap().len(), 64);
    // Published Monday 2 March 2026, 17:00 in Beijing: three working days end on Thursday.
    assert_eq!(p["bid_deadline"], "2026-03-05T15:59:59.999999Z");

    let eligible = sign_in(&app, &m.bidders[0]).await;
    let inbox = get(&app, "/api/v1/notifications", &eligible).await;
    assert_eq!(inbox["items"][0]["event"], "procurement_published");
    let open = get(&app, "/api/v1/procurements/open", &eligible).await;
    assert_eq!(open.as_array().unwrap().len(), 1);

    let other = sign_in(&app, &bystander).await;
    let inbox = get(&app, "/api/v1/notifications", &other).await;
    let events: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["registration_approved"]);
    let open = get(&app, "/api/v1/procurements/open", &other).await;
    assert!(open.as_array().unwrap().is_empty());
    let refused = bid(&app, &other, p["id"].as_str().unwrap(), 5_000_000).await;
    assert_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bidder_not_eligible",
    )
    .await;
}

#[tokio::test]
async fn each_reason_to_refuse_a_bid_has_its_own_code() {
    let app = spawn_app().await;
    let m = market(&app, 4).await;
    let owner = app.login_as("enterprise").await;
    let mut body = procurement_body(&m, "lowest_price");
    body["avoided"] =
        json!([{ "intermediary_id": m.bidders[1].organisation, "reason": "与业主存在关联关系" }]);
    let drafted = draft(&app, &owner, body).await;
    let id = drafted["id"].as_str().unwrap().to_owned();
    let early = bid(&app, &sign_in(&app, &m.bidders[0]).await, &id, 5_000_000).await;
    assert_error(early, StatusCode::NOT_FOUND, "not_found").await;
    app.post(
        &format!("/api/v1/procurements/{id}/publish"),
        &owner,
        json!({}),
    )
    .await;
    let p = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(p["avoided"][0]["reason"], "与业主存在关联关系");

    let first = sign_in(&app, &m.bidders[0]).await;
    let below = bid(&app, &first, &id, 999_999).await;
    assert_error(
        below,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bid_price_outside_fee_range",
    )
    .await;
    let above = bid(&app, &first, &id, 9_000_000).await;
    assert_error(
        above,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bid_price_above_ceiling",
    )
    .await;
    let avoided = bid(&app, &sign_in(&app, &m.bidders[1]).await, &id, 5_000_000).await;
    assert_error(avoided, StatusCode::UNPROCESSABLE_ENTITY, "bidder_avoided").await;

    // The credit domain delists an intermediary: it cannot bid and is hidden from listings.
    let delisted = &m.bidders[2];
    delist(&app, &delisted.organisation).await;
    let refused = bid(&app, &sign_in(&app, delisted).await, &id, 5_000_000).await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "bidder_delisted").await;
    let listed = get(&app, "/api/v1/intermediaries", &owner).await;
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["id"] != delisted.organisation.as_str()));

    // A qualification that has expired stops bidding.
    let expired = sign_in(&app, &m.bidders[3]).await;
    let replaced = put(
        &app,
        "/api/v1/intermediaries/me/qualifications",
        &expired,
        json!({ "qualification_type": "surveying", "level": "乙级", "certificate_number": "乙测 1", "expires_on": "2026-03-01" }),
    )
    .await;
    assert_eq!(replaced.status(), StatusCode::OK);
    let refused = bid(&app, &expired, &id, 5_000_000).await;
    assert_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bidder_unqualified",
    )
    .await;

    let placed = bid(&app, &first, &id, 5_000_000).await;
    assert_eq!(placed.status(), StatusCode::OK);
    let placed: Value = placed.json().await.unwrap();
    assert_eq!(placed["status"], "active");

    let late = deadline(&p);
    app.advance(late - app.clock_now());
    let first = sign_in(&app, &m.bidders[0]).await;
    let at_deadline = bid(&app, &first, &id, 4_000_000).await;
    assert_error(
        at_deadline,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bid_after_deadline",
    )
    .await;
    let withdraw = app
        .request(
            Method::DELETE,
            &format!("/api/v1/procurements/{id}/bid"),
            Some(&first),
            None,
        )
        .await;
    assert_error(
        withdraw,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bid_after_deadline",
    )
    .await;

    let owner = app.login_as("enterprise").await;
    let cancelled = cancel(&app, &owner, &id, "项目调整").await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let cancelled = bid(&app, &first, &id, 4_000_000).await;
    assert_error(cancelled, StatusCode::CONFLICT, "procurement_wrong_state").await;
}

/// Delists an intermediary as the credit domain will (临时下架).
pub async fn delist(app: &TestApp, organisation: &str) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let org = entities::organisation::Entity::find()
        .filter(
            entities::organisation::Column::PublicId
                .eq(organisation.parse::<uuid::Uuid>().unwrap()),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    entities::credit_standing::ActiveModel {
        organisation_id: Set(org.id),
        score: Set(Some(50)),
        stars: Set(Some(1)),
        delisted: Set(true),
        updated_at: Set(app.clock_now()),
        rated_jobs: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_change_of_terms_makes_placed_bids_stale_and_a_late_change_extends_the_deadline() {
    let app = spawn_app().await;
    let m = market(&app, 2).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let first = sign_in(&app, &m.bidders[0]).await;
    bid(&app, &first, &id, 5_000_000).await;

    // Thursday 5 March, 10:00 in Beijing: within one working day of the deadline.
    app.advance(deadline(&p) - app.clock_now() - Duration::hours(14));
    let owner = app.login_as("enterprise").await;
    let mut changed = procurement_body(&m, "lowest_price");
    changed["budget_ceiling_fen"] = json!(7_000_000);
    let response = put(
        &app,
        &format!("/api/v1/procurements/{id}"),
        &owner,
        changed.clone(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after: Value = response.json().await.unwrap();
    assert_eq!(after["terms_version"], 2);
    assert_eq!(
        after["bid_deadline"], "2026-03-06T15:59:59.999999Z",
        "extended to the end of Friday"
    );

    let first = sign_in(&app, &m.bidders[0]).await;
    let mine = get(&app, &format!("/api/v1/procurements/{id}"), &first).await;
    assert_eq!(mine["my_bid"]["status"], "stale");
    let inbox = get(&app, "/api/v1/notifications", &first).await;
    assert_eq!(inbox["items"][0]["event"], "procurement_updated");
    let confirmed = app
        .post(
            &format!("/api/v1/procurements/{id}/bid/confirm"),
            &first,
            json!({}),
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let confirmed: Value = confirmed.json().await.unwrap();
    assert_eq!(
        (
            confirmed["status"].as_str(),
            confirmed["terms_version"].as_i64()
        ),
        (Some("active"), Some(2))
    );
    let again = app
        .post(
            &format!("/api/v1/procurements/{id}/bid/confirm"),
            &first,
            json!({}),
        )
        .await;
    assert_error(again, StatusCode::UNPROCESSABLE_ENTITY, "bid_not_stale").await;

    let mut method = changed.clone();
    method["selection_method"] = json!("random_draw");
    let fixed = put(&app, &format!("/api/v1/procurements/{id}"), &owner, method).await;
    assert_error(
        fixed,
        StatusCode::UNPROCESSABLE_ENTITY,
        "procurement_terms_fixed",
    )
    .await;
    let mut period = changed.clone();
    period["bidding_working_days"] = json!(10);
    let fixed = put(&app, &format!("/api/v1/procurements/{id}"), &owner, period).await;
    let body = assert_error(
        fixed,
        StatusCode::UNPROCESSABLE_ENTITY,
        "procurement_terms_fixed",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("cannot change after publishing"));
    let rules = get(&app, "/api/v1/marketplace/rules", &owner).await;
    assert_eq!(rules["min_bidding_working_days"], 3);
    assert_eq!(rules["min_valid_bids"]["random_draw"], 3);
    let mut method = changed.clone();
    method["selection_method"] = json!("random_draw");
    let fixed = put(&app, &format!("/api/v1/procurements/{id}"), &owner, method).await;
    assert_error(
        fixed,
        StatusCode::UNPROCESSABLE_ENTITY,
        "procurement_terms_fixed",
    )
    .await;
}

#[tokio::test]
async fn too_few_valid_bids_fail_the_procurement_and_the_owner_publishes_a_copy() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let p = published(&app, &m, "random_draw").await;
    let id = p["id"].as_str().unwrap().to_owned();
    for bidder in &m.bidders[..2] {
        bid(&app, &sign_in(&app, bidder).await, &id, 5_000_000).await;
    }
    let third = sign_in(&app, &m.bidders[2]).await;
    bid(&app, &third, &id, 5_000_000).await;
    let withdrawn = app
        .request(
            Method::DELETE,
            &format!("/api/v1/procurements/{id}/bid"),
            Some(&third),
            None,
        )
        .await;
    assert_eq!(withdrawn.status(), StatusCode::OK);

    let message = run_deadlines_after(&app, deadline(&p)).await;
    assert!(
        message.starts_with("1 procurements closed (1 failed"),
        "{message}"
    );
    let owner = app.login_as("enterprise").await;
    let failed = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["end_reason"], "too_few_valid_bids");
    let copy = app
        .post(
            &format!("/api/v1/procurements/{id}/republish"),
            &owner,
            json!({}),
        )
        .await;
    assert_eq!(copy.status(), StatusCode::CREATED);
    let copy: Value = copy.json().await.unwrap();
    assert_eq!(copy["status"], "draft");
    assert_ne!(copy["id"], failed["id"]);
    let twice = run_deadlines_after(&app, deadline(&p) + Duration::minutes(1)).await;
    assert!(twice.starts_with("0 procurements closed"), "{twice}");
}

#[tokio::test]
async fn a_procurement_that_cannot_close_is_left_for_the_next_run_and_the_others_close() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let drawn = published(&app, &m, "random_draw").await;
    let unbid = published(&app, &m, "random_draw").await;
    assert_eq!(deadline(&drawn), deadline(&unbid));
    let id = drawn["id"].as_str().unwrap().to_owned();
    for bidder in &m.bidders {
        bid(&app, &sign_in(&app, bidder).await, &id, 5_000_000).await;
    }
    // The calendar loses its years, so the drawn one's public notice cannot be timed.
    let shift = |sql: &'static str| app.db.execute_unprepared(sql);
    shift("UPDATE calendar_years SET year = year + 100")
        .await
        .unwrap();
    let run = deadlines_run_after(&app, deadline(&drawn)).await;
    let message = run.message.unwrap_or_default();
    assert_eq!(run.outcome, "failed", "{message}");
    assert!(
        message.starts_with("1 procurements closed (1 failed, 0 awarded)"),
        "{message}"
    );
    assert!(
        message.contains("1 left for the next run") && message.contains("calendar"),
        "{message}"
    );
    let owner = app.login_as("enterprise").await;
    let path = |p: &Value| format!("/api/v1/procurements/{}", p["id"].as_str().unwrap());
    assert_eq!(get(&app, &path(&unbid), &owner).await["status"], "failed");
    assert_eq!(
        get(&app, &path(&drawn), &owner).await["status"],
        "published"
    );

    shift("UPDATE calendar_years SET year = year - 100")
        .await
        .unwrap();
    let next = run_deadlines_after(&app, deadline(&drawn) + Duration::minutes(1)).await;
    assert!(
        next.starts_with("1 procurements closed (0 failed, 1 awarded)"),
        "{next}"
    );
    let owner = app.login_as("enterprise").await;
    assert_eq!(get(&app, &path(&drawn), &owner).await["status"], "notice");
    assert_eq!(app.audit_entries("procurement.close").await.len(), 2);
}

#[tokio::test]
async fn questions_are_answered_for_every_bidder_without_saying_who_asked() {
    let app = spawn_app().await;
    let m = market(&app, 2).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let asker = sign_in(&app, &m.bidders[0]).await;
    let asked = app
        .post(
            &format!("/api/v1/procurements/{id}/questions"),
            &asker,
            json!({ "question": "是否需要含监测费用？" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    let asked: Value = asked.json().await.unwrap();
    let other = sign_in(&app, &m.bidders[1]).await;
    let before = get(
        &app,
        &format!("/api/v1/procurements/{id}/questions"),
        &other,
    )
    .await;
    assert!(
        before.as_array().unwrap().is_empty(),
        "unanswered questions are the owner's"
    );

    let owner = app.login_as("enterprise").await;
    let listed = get(
        &app,
        &format!("/api/v1/procurements/{id}/questions"),
        &owner,
    )
    .await;
    assert_eq!(listed[0]["question"], "是否需要含监测费用？");
    assert!(listed[0].get("organisation").is_none() && listed[0].get("asker").is_none());
    let question = asked["id"].as_str().unwrap();
    let answered = put(
        &app,
        &format!("/api/v1/procurements/{id}/questions/{question}/answer"),
        &owner,
        json!({ "answer": "不含" }),
    )
    .await;
    assert_eq!(answered.status(), StatusCode::OK);
    let after = get(
        &app,
        &format!("/api/v1/procurements/{id}/questions"),
        &other,
    )
    .await;
    assert_eq!(after[0]["answer"], "不含");
    let text = after.to_string();
    assert!(!text.contains(&m.bidders[0].organisation) && !text.contains(&m.bidders[0].uscc));
}

/// Three bidders through a random draw, the public proof, an objection and the contract.
#[tokio::test]
async fn a_random_draw_is_verifiable_from_its_public_proof_and_leads_to_an_accepted_delivery() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let p = published(&app, &m, "random_draw").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let commitment = p["seed_commitment"].as_str().unwrap().to_owned();
    let before = app
        .client
        .get(app.url(&format!("/api/v1/public/procurements/{id}/draw-proof")))
        .send()
        .await
        .unwrap();
    let before: Value = before.json().await.unwrap();
    assert_eq!(before["commitment"], commitment.as_str());
    assert_eq!(before["seed"], "", "the seed stays secret until closing");

    for (bidder, price) in m.bidders.iter().zip([5_000_000, 6_000_000, 7_000_000]) {
        assert_eq!(
            bid(&app, &sign_in(&app, bidder).await, &id, price)
                .await
                .status(),
            StatusCode::OK
        );
    }
    run_deadlines_after(&app, deadline(&p)).await;

    let proof: Value = app
        .client
        .get(app.url(&format!("/api/v1/public/procurements/{id}/draw-proof")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(proof["commitment"], commitment.as_str());
    let parsed: qifu::marketplace::draw::DrawProof = serde_json::from_value(proof.clone()).unwrap();
    parsed.verify().unwrap();
    let mut codes: Vec<String> = m.bidders.iter().map(|b| b.uscc.clone()).collect();
    codes.sort();
    assert_eq!(parsed.bidders, codes);
    let winner_code = parsed.winner.clone().unwrap();
    let winner = m
        .bidders
        .iter()
        .find(|b| b.uscc == winner_code)
        .unwrap()
        .clone();

    let owner = app.login_as("enterprise").await;
    let awarded = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(awarded["status"], "notice");
    assert_eq!(awarded["winner"]["id"], winner.organisation.as_str());
    let notices: Value = app
        .client
        .get(app.url("/api/v1/public/notices"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(notices["items"][0]["winner_uscc"], winner_code.as_str());

    // A losing bidder objects; the owner dismisses it; the notice then ends.
    let loser = m.bidders.iter().find(|b| b.uscc != winner_code).unwrap();
    let loser_session = sign_in(&app, loser).await;
    let objection = app
        .post(
            &format!("/api/v1/procurements/{id}/objections"),
            &loser_session,
            json!({ "reason": "中选机构资质存疑" }),
        )
        .await;
    assert_eq!(objection.status(), StatusCode::CREATED);
    let objection: Value = objection.json().await.unwrap();
    let notice_end: DateTime<Utc> = awarded["notice_ends_at"].as_str().unwrap().parse().unwrap();
    run_deadlines_after(&app, notice_end).await;
    let owner = app.login_as("enterprise").await;
    let waiting = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(
        waiting["status"], "notice",
        "an open objection holds the notice"
    );
    let objection_id = objection["id"].as_str().unwrap();
    let answered = put(
        &app,
        &format!("/api/v1/procurements/{id}/objections/{objection_id}/answer"),
        &owner,
        json!({ "uphold": false, "answer": "资质有效，异议不成立" }),
    )
    .await;
    assert_eq!(answered.status(), StatusCode::OK);
    let late = app
        .post(
            &format!("/api/v1/procurements/{id}/objections"),
            &sign_in(&app, loser).await,
            json!({ "reason": "again" }),
        )
        .await;
    assert_error(
        late,
        StatusCode::UNPROCESSABLE_ENTITY,
        "objection_period_over",
    )
    .await;
    run_deadlines_after(&app, app.clock_now()).await;

    let owner = app.login_as("enterprise").await;
    let contract = get(&app, &format!("/api/v1/procurements/{id}/contract"), &owner).await;
    assert_eq!(contract["status"], "proposed");
    let winner_session = sign_in(&app, &winner).await;
    let stranger = sign_in(&app, loser).await;
    let hidden = app
        .get(&format!("/api/v1/procurements/{id}/contract"), &stranger)
        .await;
    assert_error(hidden, StatusCode::NOT_FOUND, "not_found").await;
    app.post(
        &format!("/api/v1/procurements/{id}/contract/confirm"),
        &owner,
        json!({}),
    )
    .await;
    let signed: Value = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/confirm"),
            &winner_session,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(signed["status"], "signed");
    assert_eq!(signed["procurement_status"], "contracted");
    assert_eq!(signed["overdue"], false);
    let due: DateTime<Utc> = signed["due_at"].as_str().unwrap().parse().unwrap();
    app.advance(due - app.clock_now() + Duration::hours(1));
    let winner_session = sign_in(&app, &winner).await;
    let owner = app.login_as("enterprise").await;
    let overdue = get(
        &app,
        &format!("/api/v1/procurements/{id}/contract"),
        &winner_session,
    )
    .await;
    assert_eq!(
        overdue["overdue"], true,
        "signed, past due and not delivered"
    );

    let delivered = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/deliveries"),
            &winner_session,
            json!({ "summary": "环评报告表（送审稿）", "digest": "a".repeat(64) }),
        )
        .await;
    assert_eq!(delivered.status(), StatusCode::OK);
    let no_reason = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/decision"),
            &owner,
            json!({ "accept": false }),
        )
        .await;
    assert_error(no_reason, StatusCode::BAD_REQUEST, "reason_missing").await;
    let returned: Value = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/decision"),
            &owner,
            json!({ "accept": false, "reason": "缺少监测数据" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(returned["status"], "signed");
    assert_eq!(returned["deliveries"][0]["decision"], "returned");
    app.post(
        &format!("/api/v1/procurements/{id}/contract/deliveries"),
        &winner_session,
        json!({ "summary": "环评报告表（修改稿）", "digest": "b".repeat(64) }),
    )
    .await;
    let accepted: Value = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/decision"),
            &owner,
            json!({ "accept": true }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["procurement_status"], "accepted");
    assert_eq!(accepted["late"], true, "delivered after its due time");
    assert_eq!(accepted["overdue"], false);
    for action in [
        "contract.confirm",
        "contract.deliver",
        "contract.return",
        "contract.accept",
        "procurement.award",
        "procurement.close",
    ] {
        assert!(
            !app.audit_entries(action).await.is_empty(),
            "{action} audited"
        );
    }
    let mine = get(&app, "/api/v1/contracts/mine", &winner_session).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_upheld_objection_returns_a_draw_to_its_next_bidder() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let p = published(&app, &m, "random_draw").await;
    let id = p["id"].as_str().unwrap().to_owned();
    for bidder in &m.bidders {
        bid(&app, &sign_in(&app, bidder).await, &id, 5_000_000).await;
    }
    run_deadlines_after(&app, deadline(&p)).await;
    let proof: qifu::marketplace::draw::DrawProof = app
        .client
        .get(app.url(&format!("/api/v1/public/procurements/{id}/draw-proof")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let objector = m.bidders.iter().find(|b| b.uscc == proof.order[2]).unwrap();
    let raised: Value = app
        .post(
            &format!("/api/v1/procurements/{id}/objections"),
            &sign_in(&app, objector).await,
            json!({ "reason": "中选机构存在围标嫌疑" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let admin = app.login_as("center_admin").await;
    let objection = raised["id"].as_str().unwrap();
    let upheld = put(
        &app,
        &format!("/api/v1/procurements/{id}/objections/{objection}/answer"),
        &admin,
        json!({ "uphold": true, "answer": "经核查异议成立" }),
    )
    .await;
    assert_eq!(upheld.status(), StatusCode::OK);
    let owner = app.login_as("enterprise").await;
    let again = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(again["status"], "notice");
    let second = m.bidders.iter().find(|b| b.uscc == proof.order[1]).unwrap();
    assert_eq!(again["winner"]["id"], second.organisation.as_str());
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{id}/evaluation"),
        &owner,
    )
    .await;
    let first = evaluation["bids"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bidder_uscc"] == proof.order[0].as_str())
        .unwrap();
    assert_eq!(first["invalid_reason"], "objection_upheld");
}

#[tokio::test]
async fn lowest_price_waits_for_the_owner_to_accept_an_abnormally_low_justification() {
    let app = spawn_app().await;
    let m = market(&app, 4).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let prices = [2_000_000, 6_000_000, 6_500_000, 7_000_000];
    for (bidder, price) in m.bidders.iter().zip(prices) {
        bid(&app, &sign_in(&app, bidder).await, &id, price).await;
    }
    run_deadlines_after(&app, deadline(&p)).await;
    let owner = app.login_as("enterprise").await;
    let evaluating = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(evaluating["status"], "evaluating");
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{id}/evaluation"),
        &owner,
    )
    .await;
    let low = evaluation["bids"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["price_fen"] == 2_000_000)
        .unwrap()
        .clone();
    assert_eq!(low["abnormally_low"], true);
    let bid_id = low["id"].as_str().unwrap();
    let early = app
        .post(
            &format!("/api/v1/procurements/{id}/justification-decisions"),
            &owner,
            json!({ "bid_id": bid_id, "accept": true }),
        )
        .await;
    assert_error(
        early,
        StatusCode::UNPROCESSABLE_ENTITY,
        "justification_missing",
    )
    .await;

    let low_bidder = sign_in(&app, &m.bidders[0]).await;
    let justified = put(
        &app,
        &format!("/api/v1/procurements/{id}/bid/justification"),
        &low_bidder,
        json!({ "justification": "已有同区域监测数据，可复用" }),
    )
    .await;
    assert_eq!(justified.status(), StatusCode::OK);
    let other = sign_in(&app, &m.bidders[1]).await;
    let not_needed = put(
        &app,
        &format!("/api/v1/procurements/{id}/bid/justification"),
        &other,
        json!({ "justification": "x" }),
    )
    .await;
    assert_error(
        not_needed,
        StatusCode::UNPROCESSABLE_ENTITY,
        "justification_not_needed",
    )
    .await;

    let decided = app
        .post(
            &format!("/api/v1/procurements/{id}/justification-decisions"),
            &owner,
            json!({ "bid_id": bid_id, "accept": false }),
        )
        .await;
    assert_eq!(decided.status(), StatusCode::OK);
    let awarded = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(awarded["status"], "notice");
    assert_eq!(
        awarded["winner"]["id"],
        m.bidders[1].organisation.as_str(),
        "the next lowest wins"
    );
}

#[tokio::test]
async fn a_scored_comparison_awards_the_best_total_and_a_direct_pick_the_owners_choice() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let scored = published(&app, &m, "scored").await;
    let direct = published(&app, &m, "direct_pick").await;
    let (scored_id, direct_id) = (
        scored["id"].as_str().unwrap().to_owned(),
        direct["id"].as_str().unwrap().to_owned(),
    );
    for (bidder, price) in m.bidders.iter().zip([5_000_000, 6_000_000, 7_000_000]) {
        let session = sign_in(&app, bidder).await;
        bid(&app, &session, &scored_id, price).await;
        bid(&app, &session, &direct_id, price).await;
    }
    run_deadlines_after(&app, deadline(&scored)).await;
    let owner = app.login_as("enterprise").await;
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{scored_id}/evaluation"),
        &owner,
    )
    .await;
    assert!(evaluation["formula"]
        .as_str()
        .unwrap()
        .starts_with("综合评分"));
    let bid_of = |price: i64| {
        evaluation["bids"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["price_fen"] == price)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let marks = json!({ "marks": [
        { "bid_id": bid_of(5_000_000), "mark": 40 },
        { "bid_id": bid_of(6_000_000), "mark": 100 },
        { "bid_id": bid_of(7_000_000), "mark": 60 },
    ] });
    let incomplete = app
        .post(
            &format!("/api/v1/procurements/{scored_id}/marks"),
            &owner,
            json!({ "marks": [{ "bid_id": bid_of(5_000_000), "mark": 40 }] }),
        )
        .await;
    assert_error(incomplete, StatusCode::BAD_REQUEST, "marks_invalid").await;
    let cards: Value = app
        .post(
            &format!("/api/v1/procurements/{scored_id}/marks"),
            &owner,
            marks,
        )
        .await
        .json()
        .await
        .unwrap();
    // Price 5,000,000/6,000,000 × 10000 = 8333; total = (8333×50 + 10000×30 + 6000×20) / 100 = 8366.
    assert_eq!(cards[0]["bid"], bid_of(6_000_000).as_str());
    assert_eq!(cards[0]["total"], 8366);
    let awarded = get(&app, &format!("/api/v1/procurements/{scored_id}"), &owner).await;
    assert_eq!(awarded["winner"]["id"], m.bidders[1].organisation.as_str());

    let direct_evaluation = get(
        &app,
        &format!("/api/v1/procurements/{direct_id}/evaluation"),
        &owner,
    )
    .await;
    let chosen = direct_evaluation["bids"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["price_fen"] == 7_000_000)
        .unwrap()["id"]
        .clone();
    let wrong = app
        .post(
            &format!("/api/v1/procurements/{scored_id}/pick"),
            &owner,
            json!({ "bid_id": chosen }),
        )
        .await;
    assert_error(wrong, StatusCode::CONFLICT, "procurement_wrong_state").await;
    let picked = app
        .post(
            &format!("/api/v1/procurements/{direct_id}/pick"),
            &owner,
            json!({ "bid_id": chosen }),
        )
        .await;
    assert_eq!(picked.status(), StatusCode::NO_CONTENT);
    let awarded = get(&app, &format!("/api/v1/procurements/{direct_id}"), &owner).await;
    assert_eq!(awarded["winner"]["id"], m.bidders[2].organisation.as_str());
}

#[tokio::test]
async fn steps_out_of_turn_are_refused_with_their_own_codes() {
    let app = spawn_app().await;
    let m = market(&app, 4).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let owner = app.login_as("enterprise").await;
    let twice = app
        .post(
            &format!("/api/v1/procurements/{id}/publish"),
            &owner,
            json!({}),
        )
        .await;
    assert_error(twice, StatusCode::CONFLICT, "procurement_wrong_state").await;
    for (bidder, price) in m.bidders[..3].iter().zip([6_000_000, 6_500_000, 7_000_000]) {
        bid(&app, &sign_in(&app, bidder).await, &id, price).await;
    }
    run_deadlines_after(&app, deadline(&p)).await;
    let owner = app.login_as("enterprise").await;
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{id}/evaluation"),
        &owner,
    )
    .await;
    let any_bid = evaluation["bids"][0]["id"].clone();
    let marks = app
        .post(
            &format!("/api/v1/procurements/{id}/marks"),
            &owner,
            json!({ "marks": [{ "bid_id": any_bid, "mark": 50 }] }),
        )
        .await;
    assert_error(marks, StatusCode::CONFLICT, "procurement_wrong_state").await;
    let cancelled = cancel(&app, &owner, &id, "x").await;
    assert_error(cancelled, StatusCode::CONFLICT, "procurement_wrong_state").await;
    let outsider = app
        .post(
            &format!("/api/v1/procurements/{id}/objections"),
            &sign_in(&app, &m.bidders[3]).await,
            json!({ "reason": "x" }),
        )
        .await;
    assert_error(
        outsider,
        StatusCode::UNPROCESSABLE_ENTITY,
        "objection_not_bidder",
    )
    .await;
    let early = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/confirm"),
            &owner,
            json!({}),
        )
        .await;
    assert_error(early, StatusCode::NOT_FOUND, "not_found").await;

    let awarded = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    run_deadlines_after(
        &app,
        awarded["notice_ends_at"].as_str().unwrap().parse().unwrap(),
    )
    .await;
    let owner = app.login_as("enterprise").await;
    let winner = m
        .bidders
        .iter()
        .find(|b| b.organisation == awarded["winner"]["id"].as_str().unwrap())
        .unwrap();
    let winner_session = sign_in(&app, winner).await;
    let not_yet = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/deliveries"),
            &winner_session,
            json!({ "summary": "x", "digest": "c".repeat(64) }),
        )
        .await;
    assert_error(
        not_yet,
        StatusCode::UNPROCESSABLE_ENTITY,
        "contract_wrong_state",
    )
    .await;
    app.post(
        &format!("/api/v1/procurements/{id}/contract/confirm"),
        &owner,
        json!({}),
    )
    .await;
    app.post(
        &format!("/api/v1/procurements/{id}/contract/confirm"),
        &winner_session,
        json!({}),
    )
    .await;
    let again = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/confirm"),
            &owner,
            json!({}),
        )
        .await;
    assert_error(
        again,
        StatusCode::UNPROCESSABLE_ENTITY,
        "contract_wrong_state",
    )
    .await;
    let terms = put(
        &app,
        &format!("/api/v1/procurements/{id}/contract/terms"),
        &owner,
        json!({ "amount_fen": 1, "working_days": 5 }),
    )
    .await;
    assert_error(
        terms,
        StatusCode::UNPROCESSABLE_ENTITY,
        "contract_wrong_state",
    )
    .await;
    let nothing = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/decision"),
            &owner,
            json!({ "accept": true }),
        )
        .await;
    assert_error(
        nothing,
        StatusCode::UNPROCESSABLE_ENTITY,
        "contract_wrong_state",
    )
    .await;
    let no_file = app
        .post(
            &format!("/api/v1/procurements/{id}/contract/deliveries"),
            &winner_session,
            json!({ "summary": "成果" }),
        )
        .await;
    assert_error(no_file, StatusCode::BAD_REQUEST, "delivery_file_missing").await;
}

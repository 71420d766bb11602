//! Applications (申报) with their materials, the issuing department's review and payout, automatic
//! grants (免申即享) confirmed by the enterprise, the payout clock in working days, and who may
//! read the materials.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{
    files::{upload, PDF},
    helpers::{assert_error, spawn_app, Session, TestApp},
    policies::{clause, policy, publish, push, rd_clause, save_profile},
};

async fn material(app: &TestApp, enterprise: &Session, name: &str) -> Value {
    let response = upload(
        app,
        enterprise,
        "application_material",
        &format!("{name}.pdf"),
        PDF.to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let file: Value = response.json().await.unwrap();
    json!({ "name": name, "file_id": file["id"] })
}

async fn materials(app: &TestApp, enterprise: &Session) -> Value {
    json!({ "materials": [
        material(app, enterprise, "研发费用专项审计报告").await,
        material(app, enterprise, "营业执照").await,
    ]})
}

/// A published apply-mode clause the demo enterprise (120 staff) meets.
async fn eligible_clause(app: &TestApp) -> (Session, Session, String) {
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(app, &enterprise, 120).await;
    let policy = policy(app, &admin).await;
    let id = clause(app, &admin, &policy, rd_clause()).await;
    publish(app, &admin, &id).await;
    (admin, enterprise, id)
}

#[tokio::test]
async fn an_application_goes_from_submission_through_return_and_approval_to_payout() {
    let app = spawn_app().await;
    let (_, enterprise, clause) = eligible_clause(&app).await;
    let body = materials(&app, &enterprise).await;
    let response = app
        .post(
            &format!("/api/v1/clauses/{clause}/applications"),
            &enterprise,
            body.clone(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let application: Value = response.json().await.unwrap();
    let id = application["id"].as_str().unwrap().to_owned();
    assert_eq!(application["status"], "submitted");
    assert_eq!(
        application["policy_title"],
        "关于支持科技型中小企业高质量发展的若干政策"
    );
    assert_eq!(
        application["required_materials"].as_array().unwrap().len(),
        2
    );
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    assert_eq!(matches["eligible"][0]["application"]["status"], "submitted");
    assert_eq!(application["limit_working_days"], 60);
    assert_eq!(application["late"], false);
    let again = app
        .post(
            &format!("/api/v1/clauses/{clause}/applications"),
            &enterprise,
            body,
        )
        .await;
    assert_error(again, StatusCode::CONFLICT, "application_duplicate").await;

    let department = app.login_as("department").await;
    let queue = app
        .get_json("/api/v1/applications?status=submitted", &department)
        .await;
    assert_eq!(queue["total"], 1);
    assert!(
        queue["items"][0]["estimated_amount_fen"].is_i64(),
        "{queue}"
    );
    let other = uuid::Uuid::new_v4();
    let by_clause = |clause: String| {
        let path = format!("/api/v1/applications?clause_id={clause}");
        let (app, department) = (&app, &department);
        async move { app.get_json(&path, department).await["total"].clone() }
    };
    assert_eq!(by_clause(clause.clone()).await, 1);
    assert_eq!(by_clause(other.to_string()).await, 0);
    let decide = |body: Value| {
        let path = format!("/api/v1/applications/{id}/decide");
        let department = department.clone();
        let app = &app;
        async move { app.post(&path, &department, body).await }
    };
    let returned = decide(json!({"decision": "return", "reason": "审计报告缺少盖章页"})).await;
    assert_eq!(returned.status(), StatusCode::OK);
    let wrong = decide(json!({"decision": "approve", "amount_fen": 100})).await;
    assert_error(wrong, StatusCode::CONFLICT, "application_wrong_state").await;
    let resubmitted = app
        .post(
            &format!("/api/v1/applications/{id}/resubmit"),
            &enterprise,
            materials(&app, &enterprise).await,
        )
        .await;
    assert_eq!(resubmitted.status(), StatusCode::OK);
    let over_cap = decide(json!({"decision": "approve", "amount_fen": 60_000_000})).await;
    assert_error(
        over_cap,
        StatusCode::BAD_REQUEST,
        "application_amount_invalid",
    )
    .await;
    let approved = decide(json!({"decision": "approve", "amount_fen": 30_000_000})).await;
    assert_eq!(approved.status(), StatusCode::OK);

    // Ten days later (Thursday 12 March): paid after 8 working days, within the limit.
    app.advance(Duration::days(10));
    let department = app.login_as("department").await;
    let paid: Value = app
        .post(
            &format!("/api/v1/applications/{id}/pay"),
            &department,
            json!({"amount_fen": 30_000_000}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["paid_amount_fen"], 30_000_000);
    assert_eq!(paid["working_days_used"], 8);
    assert_eq!(paid["late"], false);

    let enterprise = app.login_as("enterprise").await;
    let inbox = app
        .get_json("/api/v1/notifications?per_page=50", &enterprise)
        .await;
    let updates: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["link"] == "/enterprise/applications")
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(updates.len(), 3, "returned, approved, paid: {updates:?}");
    assert_eq!(app.audit_entries("application.decide").await.len(), 2);
}

#[tokio::test]
async fn applications_are_refused_when_not_eligible_incomplete_late_or_of_the_wrong_mode() {
    let app = spawn_app().await;
    let (_, enterprise, clause_id) = eligible_clause(&app).await;
    let missing = json!({ "materials": [material(&app, &enterprise, "营业执照").await] });
    let response = app
        .post(
            &format!("/api/v1/clauses/{clause_id}/applications"),
            &enterprise,
            missing,
        )
        .await;
    let error = assert_error(
        response,
        StatusCode::BAD_REQUEST,
        "application_materials_missing",
    )
    .await;
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("研发费用专项审计报告"));

    save_profile(&app, &enterprise, 80).await;
    let response = app
        .post(
            &format!("/api/v1/clauses/{clause_id}/applications"),
            &enterprise,
            materials(&app, &enterprise).await,
        )
        .await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "application_not_eligible",
    )
    .await;

    save_profile(&app, &enterprise, 120).await;
    let confirm = app
        .post(
            &format!("/api/v1/clauses/{clause_id}/confirm"),
            &enterprise,
            json!({}),
        )
        .await;
    assert_error(
        confirm,
        StatusCode::UNPROCESSABLE_ENTITY,
        "clause_mode_mismatch",
    )
    .await;

    // The window closes on 30 June.
    app.advance(Duration::days(125));
    let enterprise = app.login_as("enterprise").await;
    let response = app
        .post(
            &format!("/api/v1/clauses/{clause_id}/applications"),
            &enterprise,
            materials(&app, &enterprise).await,
        )
        .await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "application_window_closed",
    )
    .await;

    let admin = app.login_as("center_admin").await;
    let unpublished = clause(&app, &admin, &policy(&app, &admin).await, rd_clause()).await;
    let response = app
        .post(
            &format!("/api/v1/clauses/{unpublished}/applications"),
            &enterprise,
            json!({"materials": []}),
        )
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn an_automatic_grant_is_confirmed_and_its_clock_starts_at_the_match() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let policy = policy(&app, &admin).await;
    let mut grant = rd_clause();
    grant["title"] = json!("规上企业稳岗奖励");
    grant["mode"] = json!("auto_grant");
    grant["materials"] = json!([]);
    grant["amount_basis"] = json!(null);
    grant["amount_rate_bp"] = json!(null);
    grant["amount_fixed_fen"] = json!(5_000_000);
    grant["amount_cap_fen"] = json!(null);
    let id = clause(&app, &admin, &policy, grant).await;
    publish(&app, &admin, &id).await;
    assert_eq!(push(&app).await, 1);
    let matched = app.clock_now();

    app.advance(Duration::days(1));
    let enterprise = app.login_as("enterprise").await;
    let apply = app
        .post(
            &format!("/api/v1/clauses/{id}/applications"),
            &enterprise,
            json!({"materials": []}),
        )
        .await;
    assert_error(
        apply,
        StatusCode::UNPROCESSABLE_ENTITY,
        "clause_mode_mismatch",
    )
    .await;
    let confirmed: Value = app
        .post(
            &format!("/api/v1/clauses/{id}/confirm"),
            &enterprise,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["status"], "approved");
    assert_eq!(confirmed["approved_amount_fen"], 5_000_000);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(confirmed["clock_started_at"].as_str().unwrap())
            .unwrap(),
        matched
    );
    let twice = app
        .post(
            &format!("/api/v1/clauses/{id}/decline"),
            &enterprise,
            json!({}),
        )
        .await;
    assert_error(twice, StatusCode::CONFLICT, "application_duplicate").await;

    // Unpaid 61 working days after the match, it is late.
    app.advance(Duration::days(90));
    let enterprise = app.login_as("enterprise").await;
    let mine = app
        .get_json("/api/v1/enterprises/me/applications", &enterprise)
        .await;
    assert_eq!(mine["items"][0]["late"], true);
    assert!(mine["items"][0]["working_days_used"].as_u64().unwrap() > 60);
}

#[tokio::test]
async fn materials_are_read_like_their_application() {
    let app = spawn_app().await;
    let (_, enterprise, clause_id) = eligible_clause(&app).await;
    let body = materials(&app, &enterprise).await;
    let file = body["materials"][0]["file_id"].as_str().unwrap().to_owned();
    let department = app.login_as("department").await;
    let before = app.get(&format!("/api/v1/files/{file}"), &department).await;
    assert_error(before, StatusCode::NOT_FOUND, "not_found").await;

    let response = app
        .post(
            &format!("/api/v1/clauses/{clause_id}/applications"),
            &enterprise,
            body.clone(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    for role in ["department", "center_admin", "commissioner", "enterprise"] {
        let session = app.login_as(role).await;
        let read = app
            .get(&format!("/api/v1/files/{file}/content"), &session)
            .await;
        assert_eq!(read.status(), StatusCode::OK, "{role}");
    }
    for role in ["intermediary", "regulator"] {
        let session = app.login_as(role).await;
        let read = app
            .get(&format!("/api/v1/files/{file}/content"), &session)
            .await;
        assert_error(read, StatusCode::NOT_FOUND, "not_found").await;
    }
    // A file claimed by one application cannot be handed in for another record.
    let admin = app.login_as("center_admin").await;
    let other = clause(&app, &admin, &policy(&app, &admin).await, rd_clause()).await;
    publish(&app, &admin, &other).await;
    let reuse = app
        .post(
            &format!("/api/v1/clauses/{other}/applications"),
            &enterprise,
            body,
        )
        .await;
    assert_error(reuse, StatusCode::CONFLICT, "file_already_attached").await;
}

//! Policies and clauses: the centre writes and publishes them, an enterprise sees what it is
//! eligible for and its near misses with explanations, staff list and export a clause's eligible
//! enterprises, and the push job tells each newly eligible enterprise exactly once.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, Session, TestApp};

pub async fn department_id(app: &TestApp, admin: &Session) -> String {
    let page = app
        .get_json("/api/v1/organisations?kind=department&per_page=100", admin)
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "演示区发展和改革局")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn policy(app: &TestApp, admin: &Session) -> String {
    let body = json!({
        "title": "关于支持科技型中小企业高质量发展的若干政策",
        "issuer_id": department_id(app, admin).await,
        "level": "district",
        "document_number": "演发改〔2026〕3号",
        "effective_from": "2026-01-01",
        "effective_to": "2027-12-31",
        "summary": "研发投入补助、人才奖励等",
    });
    let response = app.post("/api/v1/policies", admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    created["id"].as_str().unwrap().to_owned()
}

pub fn rd_clause() -> Value {
    json!({
        "title": "研发投入补助",
        "condition_text": r#"all(region within "3301", employees >= 100, rd_spending >= 2000000元, not(tax_credit_grade in ["C", "D"]))"#,
        "benefit": "按上年研发投入的10%给予补助，最高50万元",
        "amount_basis": "rd_spending",
        "amount_rate_bp": 1000,
        "amount_cap_fen": 50_000_000,
        "window_opens_on": "2026-03-01",
        "window_closes_on": "2026-06-30",
        "materials": ["研发费用专项审计报告", "营业执照"],
        "mode": "apply",
    })
}

pub async fn clause(app: &TestApp, admin: &Session, policy: &str, body: Value) -> String {
    let response = app
        .post(&format!("/api/v1/policies/{policy}/clauses"), admin, body)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["status"], "draft");
    created["id"].as_str().unwrap().to_owned()
}

pub async fn publish(app: &TestApp, admin: &Session, clause: &str) {
    let response = app
        .post(
            &format!("/api/v1/clauses/{clause}/publish"),
            admin,
            json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

pub async fn save_profile(app: &TestApp, enterprise: &Session, employees: i64) {
    let body = json!({
        "region_code": "330106",
        "industry_code": "I6513",
        "employees": employees,
        "revenue_fen": 4_500_000_000_i64,
        "rd_spending_fen": 300_000_000_i64,
        "tax_credit_grade": "A",
        "founded_on": "2019-05-20",
    });
    let response = app
        .request(
            Method::PUT,
            "/api/v1/enterprises/me/profile",
            Some(enterprise),
            Some(body),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

pub async fn push(app: &TestApp) -> usize {
    let state = &app.state;
    qifu::policies::push_new_eligibilities(
        &app.db,
        &state.settings.policies,
        app.clock_now(),
        &state.clauses,
        &state.enterprise_index,
    )
    .await
    .unwrap()
}

async fn policy_notifications(app: &TestApp, session: &Session) -> Vec<Value> {
    let inbox = app
        .get_json("/api/v1/notifications?per_page=100", session)
        .await;
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["category"] == "policies")
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_enterprise_sees_what_it_is_eligible_for_and_what_it_nearly_is() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let policy = policy(&app, &admin).await;
    let detail = app
        .get_json(&format!("/api/v1/policies/{policy}"), &admin)
        .await;
    assert_eq!(
        detail["issuer_id"],
        department_id(&app, &admin).await.as_str()
    );
    let rd = clause(&app, &admin, &policy, rd_clause()).await;
    let mut big = rd_clause();
    big["title"] = json!("规模企业奖励");
    big["condition_text"] = json!(r#"all(employees >= 300, region within "3301")"#);
    big["mode"] = json!("auto_grant");
    let big = clause(&app, &admin, &policy, big).await;
    let mut far = rd_clause();
    far["title"] = json!("宁波企业专项");
    far["condition_text"] =
        json!(r#"all(region within "3302", employees >= 1000, revenue >= 100000000元)"#);
    let far = clause(&app, &admin, &policy, far).await;

    // Drafts match nothing.
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    assert_eq!(matches["eligible"].as_array().unwrap().len(), 0);
    for id in [&rd, &big, &far] {
        publish(&app, &admin, id).await;
    }
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    let eligible = matches["eligible"].as_array().unwrap();
    assert_eq!(eligible.len(), 1);
    assert_eq!(eligible[0]["clause_id"], rd.as_str());
    // 10% of 3,000,000 yuan of R&D spending, under the 500,000 yuan cap.
    assert_eq!(eligible[0]["estimated_amount_fen"], 30_000_000);
    assert_eq!(eligible[0]["window_open"], true);
    assert_eq!(eligible[0]["explanation"]["met"], true);
    assert_eq!(eligible[0]["issuer"], "演示区发展和改革局");
    assert!(eligible[0]["materials"]
        .as_array()
        .is_some_and(|m| !m.is_empty()));
    assert_eq!(eligible[0]["application"], Value::Null);
    let near = matches["near_misses"].as_array().unwrap();
    assert_eq!(
        near.len(),
        1,
        "the Ningbo clause is three changes away: {matches}"
    );
    assert_eq!(near[0]["clause_id"], big.as_str());
    let to_change = near[0]["explanation"]["to_change"].as_array().unwrap();
    assert_eq!(to_change.len(), 1);
    assert_eq!(to_change[0]["requirement"], "employees >= 300");
    assert_eq!(to_change[0]["actual"], "120");

    // Withdrawn, the clause no longer matches; publishing twice is refused.
    let again = app
        .post(&format!("/api/v1/clauses/{rd}/publish"), &admin, json!({}))
        .await;
    assert_error(again, StatusCode::CONFLICT, "clause_wrong_state").await;
    app.post(&format!("/api/v1/clauses/{rd}/withdraw"), &admin, json!({}))
        .await;
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    assert_eq!(matches["eligible"].as_array().unwrap().len(), 0);

    // Enterprises see published clauses only.
    let detail = app
        .get_json(&format!("/api/v1/policies/{policy}"), &enterprise)
        .await;
    assert_eq!(detail["clauses"].as_array().unwrap().len(), 2);
    let staff_view = app
        .get_json(&format!("/api/v1/policies/{policy}"), &admin)
        .await;
    assert_eq!(staff_view["clauses"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn clauses_are_checked_and_only_the_centre_writes_them() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let policy = policy(&app, &admin).await;
    let mut bad = rd_clause();
    bad["condition_text"] = json!("all(employees >= 100, staff >= 3)");
    let response = app
        .post(&format!("/api/v1/policies/{policy}/clauses"), &admin, bad)
        .await;
    let error = assert_error(response, StatusCode::BAD_REQUEST, "condition_unknown_field").await;
    assert!(
        error["error"]["fields"]
            .get("condition_text.all[1].field")
            .is_some(),
        "{error}"
    );
    let mut both = rd_clause();
    both["amount_fixed_fen"] = json!(100);
    let response = app
        .post(&format!("/api/v1/policies/{policy}/clauses"), &admin, both)
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "clause_amount_invalid").await;

    let enterprise_org = app
        .get_json("/api/v1/organisations?kind=enterprise", &admin)
        .await;
    let mut body = json!({"title": "t", "level": "city", "document_number": "x", "effective_from": "2026-01-01"});
    body["issuer_id"] = enterprise_org["items"][0]["id"].clone();
    let response = app.post("/api/v1/policies", &admin, body).await;
    assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "policy_issuer_not_department",
    )
    .await;

    let department = app.login_as("department").await;
    let response = app
        .post(
            &format!("/api/v1/policies/{policy}/clauses"),
            &department,
            rd_clause(),
        )
        .await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn staff_list_and_export_the_enterprises_a_clause_reaches() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let policy = policy(&app, &admin).await;
    let rd = clause(&app, &admin, &policy, rd_clause()).await;
    let department = app.login_as("department").await;
    let page = app
        .get_json(&format!("/api/v1/clauses/{rd}/eligible"), &department)
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["name"], "杭州演示智能科技有限公司");
    let csv = app
        .get(&format!("/api/v1/clauses/{rd}/eligible.csv"), &admin)
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert_eq!(text.lines().count(), 2);
    assert!(text.contains("杭州演示智能科技有限公司"));
    let refused = app
        .get(&format!("/api/v1/clauses/{rd}/eligible"), &enterprise)
        .await;
    assert_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn a_newly_eligible_enterprise_is_told_once_and_never_twice() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 80).await;
    let policy = policy(&app, &admin).await;
    let rd = clause(&app, &admin, &policy, rd_clause()).await;
    publish(&app, &admin, &rd).await;
    assert_eq!(push(&app).await, 0, "80 employees: not eligible yet");
    assert!(policy_notifications(&app, &enterprise).await.is_empty());

    // Growing to 120 employees makes it eligible: told once, however often the job runs.
    save_profile(&app, &enterprise, 120).await;
    assert_eq!(push(&app).await, 1);
    assert_eq!(push(&app).await, 0);
    let told = policy_notifications(&app, &enterprise).await;
    assert_eq!(told.len(), 1);
    assert!(
        told[0]["title"].as_str().unwrap().contains("研发投入补助"),
        "{}",
        told[0]
    );

    // Falling out and back in, or the clause being edited, never tells it again.
    save_profile(&app, &enterprise, 90).await;
    save_profile(&app, &enterprise, 130).await;
    app.request(
        Method::PUT,
        &format!("/api/v1/clauses/{rd}"),
        Some(&admin),
        Some(rd_clause()),
    )
    .await;
    assert_eq!(push(&app).await, 0);
    assert_eq!(policy_notifications(&app, &enterprise).await.len(), 1);

    // A clause published later reaches it through the same job.
    let mut second = rd_clause();
    second["title"] = json!("人才引进奖励");
    second["condition_text"] = json!(r#"region within "33""#);
    let second = clause(&app, &admin, &policy, second).await;
    publish(&app, &admin, &second).await;
    assert_eq!(push(&app).await, 1);
    assert_eq!(policy_notifications(&app, &enterprise).await.len(), 2);
}

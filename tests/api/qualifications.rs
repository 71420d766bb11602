//! Qualifications an enterprise declares (待核验) against those a department or the centre
//! verified (已核验): only verified ones back an automatic grant (免申即享), whichever path
//! decides it (the push job, confirmation, the index, the evaluator, SQL); verifying and
//! rejecting are audited, told to the enterprise and allowed to departments and the centre only;
//! an edit declares a qualification again; the centre's import verifies.

use std::collections::BTreeSet;

use qifu::{
    enterprises::{
        condition::{
            compile::{CompileContext, Evidence},
            Condition, Vocabulary,
        },
        matching_organisations, today_in_china,
    },
    scheduler::{run_job_at, Trigger},
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{
    conditions::sql_matches,
    helpers::{assert_error, new_uscc, spawn_app, Session, TestApp},
    policies::{clause, policy, publish, rd_clause},
};

/// The demo enterprise's profile with these qualifications; answers the saved profile.
async fn save_with(app: &TestApp, enterprise: &Session, qualifications: Value) -> Value {
    let body = json!({
        "region_code": "330106",
        "industry_code": "I6513",
        "employees": 120,
        "revenue_fen": 4_500_000_000_i64,
        "rd_spending_fen": 300_000_000_i64,
        "tax_credit_grade": "A",
        "founded_on": "2019-05-20",
        "qualifications": qualifications,
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
    response.json().await.unwrap()
}

fn high_tech(expires_on: &str) -> Value {
    json!({
        "kind": "high_tech_enterprise",
        "certificate_no": "GR202533001234",
        "obtained_on": "2025-01-10",
        "expires_on": expires_on,
    })
}

fn tech_sme() -> Value {
    json!({"kind": "tech_sme", "certificate_no": "202533010604001587", "expires_on": "2027-03-31"})
}

/// The statuses of a profile's qualifications by kind.
fn statuses(profile: &Value) -> Vec<(String, String)> {
    profile["qualification_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["kind"].as_str().unwrap().to_owned(),
                q["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn decide(
    app: &TestApp,
    session: &Session,
    enterprise_id: &str,
    qualification: &str,
    reject: Option<&str>,
) -> reqwest::Response {
    let (action, body) = match reject {
        Some(reason) => ("reject", json!({ "reason": reason })),
        None => ("verify", json!({})),
    };
    app.post(
        &format!("/api/v1/enterprises/{enterprise_id}/qualifications/{qualification}/{action}"),
        session,
        body,
    )
    .await
}

/// A published automatic grant of 300,000 yuan for high-tech enterprises.
async fn high_tech_grant(app: &TestApp, admin: &Session) -> String {
    let policy = policy(app, admin).await;
    let mut grant = rd_clause();
    grant["title"] = json!("首次认定高新技术企业奖励");
    grant["condition_text"] = json!(r#"qualifications has "high_tech_enterprise""#);
    grant["mode"] = json!("auto_grant");
    grant["materials"] = json!([]);
    grant["amount_basis"] = json!(null);
    grant["amount_rate_bp"] = json!(null);
    grant["amount_fixed_fen"] = json!(30_000_000);
    grant["amount_cap_fen"] = json!(null);
    let id = clause(app, admin, &policy, grant).await;
    publish(app, admin, &id).await;
    id
}

/// Runs the push job a minute on (each instant runs once); answers its summary.
async fn push_job(app: &TestApp) -> String {
    app.advance(chrono::Duration::minutes(1));
    let run = run_job_at(
        &app.state.scheduler,
        "push_eligibility",
        app.clock_now(),
        Trigger::Manual,
    )
    .await
    .unwrap();
    assert_eq!(run.outcome, "succeeded", "{:?}", run.message);
    run.message.unwrap_or_default()
}

/// Which of the given enterprises meet `qualifications has "high_tech_enterprise"` on verified
/// qualifications only, by the index, the evaluator and SQL (which must agree).
async fn verified_high_tech(app: &TestApp, ids: &[i64]) -> BTreeSet<i64> {
    let condition = Condition::from_json(
        &json!({"field": "qualifications", "op": "has", "value": "high_tech_enterprise"}),
        &Vocabulary::default(),
    )
    .unwrap();
    let today = today_in_china(app.clock_now());
    let ours: BTreeSet<i64> = ids.iter().copied().collect();
    let indexed: BTreeSet<i64> = matching_organisations(
        &app.db,
        &app.state.enterprise_index,
        &condition,
        today,
        Evidence::Verified,
    )
    .await
    .unwrap()
    .into_iter()
    .filter(|id| ours.contains(id))
    .collect();
    let rules = Default::default();
    let context = CompileContext {
        today,
        tag_rules: &rules,
        evidence: Evidence::Verified,
    };
    let mut evaluated = BTreeSet::new();
    for id in ids {
        let facts = qifu::enterprises::facts(&app.db, *id).await.unwrap();
        if condition.compile(&context).eval(&facts) {
            evaluated.insert(*id);
        }
    }
    let in_sql: BTreeSet<i64> = sql_matches(app, &condition, &context)
        .await
        .intersection(&ours)
        .copied()
        .collect();
    assert_eq!(indexed, evaluated, "index and evaluator");
    assert_eq!(in_sql, evaluated, "SQL and evaluator");
    evaluated
}

#[tokio::test]
async fn a_declared_qualification_grants_nothing_automatically_until_a_department_verifies_it() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let profile = save_with(&app, &enterprise, json!([high_tech("2028-12-31")])).await;
    assert_eq!(
        statuses(&profile),
        [("high_tech_enterprise".to_owned(), "declared".to_owned())]
    );
    let enterprise_id = profile["enterprise_id"].as_str().unwrap().to_owned();
    let qualification = profile["qualification_checks"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let grant = high_tech_grant(&app, &admin).await;

    // Declared only: no notice, no grant, a near miss that says why.
    assert_eq!(push_job(&app).await, "0 enterprises told of a clause");
    let refused = app
        .post(
            &format!("/api/v1/clauses/{grant}/confirm"),
            &enterprise,
            json!({}),
        )
        .await;
    assert_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "application_not_eligible",
    )
    .await;
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    assert!(matches["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["clause_id"] != grant.as_str()));
    let near = matches["near_misses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["clause_id"] == grant.as_str())
        .unwrap_or_else(|| panic!("the grant is a near miss: {matches}"));
    assert_eq!(near["explanation"]["outcomes"][0]["met"], false);
    assert_eq!(near["explanation"]["outcomes"][0]["declared_only"], true);
    let reach = app
        .get_json(&format!("/api/v1/clauses/{grant}/eligible"), &admin)
        .await;
    assert_eq!(reach["total"], 0, "{reach}");

    // The department verifies it: the push job tells the enterprise, which confirms.
    let verified = decide(&app, &department, &enterprise_id, &qualification, None).await;
    assert_eq!(verified.status(), StatusCode::OK);
    let verified: Value = verified.json().await.unwrap();
    assert_eq!(verified["status"], "verified");
    assert_eq!(verified["verifier"], "演示区发展和改革局");
    assert_eq!(push_job(&app).await, "1 enterprises told of a clause");
    let reach = app
        .get_json(&format!("/api/v1/clauses/{grant}/eligible"), &admin)
        .await;
    assert_eq!(reach["total"], 1, "{reach}");
    let confirmed = app
        .post(
            &format!("/api/v1/clauses/{grant}/confirm"),
            &enterprise,
            json!({}),
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::CREATED);
    let confirmed: Value = confirmed.json().await.unwrap();
    assert_eq!(confirmed["status"], "approved");
    assert_eq!(confirmed["approved_amount_fen"], 30_000_000);

    // The department sees what the grant rests on, and may still stop it before payout.
    let id = confirmed["id"].as_str().unwrap();
    let seen = app
        .get_json(&format!("/api/v1/applications/{id}"), &department)
        .await;
    let grounds = &seen["grounds"];
    assert_eq!(grounds["enterprise_id"], enterprise_id.as_str());
    assert_eq!(grounds["explanation"]["met"], true);
    assert_eq!(grounds["qualifications"][0]["status"], "verified");
    assert_eq!(
        grounds["qualifications"][0]["certificate_no"],
        "GR202533001234"
    );
    let rejected = app
        .post(
            &format!("/api/v1/applications/{id}/decide"),
            &department,
            json!({"decision": "reject", "reason": "证书已被撤销"}),
        )
        .await;
    assert_eq!(rejected.status(), StatusCode::OK);
    let rejected: Value = rejected.json().await.unwrap();
    assert_eq!(rejected["status"], "rejected");
}

#[tokio::test]
async fn the_index_the_evaluator_and_sql_count_only_verified_qualifications_for_grants() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let admin = app.login_as("center_admin").await;
    let profile = save_with(&app, &enterprise, json!([high_tech("2028-12-31")])).await;
    let me = app.get_json("/api/v1/me", &enterprise).await;
    let uscc = me["organisation"]["uscc"].as_str().unwrap().to_owned();
    let demo = qifu::accounts::find_organisation_by_uscc(&app.db, &uscc)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(verified_high_tech(&app, &[demo]).await, BTreeSet::new());
    let enterprise_id = profile["enterprise_id"].as_str().unwrap();
    let qualification = profile["qualification_checks"][0]["id"].as_str().unwrap();
    let response = decide(&app, &admin, enterprise_id, qualification, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        verified_high_tech(&app, &[demo]).await,
        BTreeSet::from([demo])
    );
    // Expired, a verified qualification counts no more.
    app.advance(chrono::Duration::days(365 * 3));
    assert_eq!(verified_high_tech(&app, &[demo]).await, BTreeSet::new());
}

#[tokio::test]
async fn only_departments_and_the_centre_verify_and_each_decision_is_audited_and_told() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    let profile = save_with(&app, &enterprise, json!([high_tech("2028-12-31")])).await;
    let enterprise_id = profile["enterprise_id"].as_str().unwrap().to_owned();
    let qualification = profile["qualification_checks"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for role in ["enterprise", "intermediary", "commissioner", "regulator"] {
        let session = app.login_as(role).await;
        let response = decide(&app, &session, &enterprise_id, &qualification, None).await;
        assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        let response = decide(&app, &session, &enterprise_id, &qualification, Some("不符")).await;
        assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    }

    // Another enterprise's id, or an unknown qualification: not found.
    let other = new_uscc();
    let file = format!(
        "统一社会信用代码,企业名称,资质荣誉\r\n{other},杭州导入高新科技有限公司,high_tech_enterprise|GR2025|2025-01-01|2028-12-31"
    );
    let imported = app
        .client
        .post(app.url("/api/v1/enterprises/import?mode=all"))
        .bearer_auth(&admin.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(file.into_bytes())
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), StatusCode::OK);
    let list = app
        .get_json("/api/v1/enterprises?name=杭州导入高新", &admin)
        .await;
    let other_id = list["items"][0]["enterprise_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other_profile = app
        .get_json(&format!("/api/v1/enterprises/{other_id}/profile"), &admin)
        .await;
    // The centre's import is official data: verified.
    assert_eq!(
        statuses(&other_profile),
        [("high_tech_enterprise".to_owned(), "verified".to_owned())]
    );
    let response = decide(&app, &admin, &other_id, &qualification, None).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let unknown = uuid::Uuid::new_v4().to_string();
    let response = decide(&app, &admin, &enterprise_id, &unknown, None).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = decide(&app, &admin, &enterprise_id, &qualification, Some(" ")).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The centre rejects, then a department verifies; each is audited and told.
    let response = decide(
        &app,
        &admin,
        &enterprise_id,
        &qualification,
        Some("证书编号与认定名单不符"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let rejected: Value = response.json().await.unwrap();
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["note"], "证书编号与认定名单不符");
    let again = decide(&app, &admin, &enterprise_id, &qualification, Some("重复")).await;
    assert_error(again, StatusCode::CONFLICT, "qualification_already_decided").await;
    let entries = app.audit_entries("enterprise.reject_qualification").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["summary"]["after"], "rejected");
    assert_eq!(entries[0]["summary"]["reason"], "证书编号与认定名单不符");

    let department = app.login_as("department").await;
    let response = decide(&app, &department, &enterprise_id, &qualification, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let entries = app.audit_entries("enterprise.verify_qualification").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["summary"]["before"], "rejected");
    let profile = app
        .get_json("/api/v1/enterprises/me/profile", &enterprise)
        .await;
    assert_eq!(profile["qualification_checks"][0]["status"], "verified");

    let inbox = app
        .get_json("/api/v1/notifications?per_page=100", &enterprise)
        .await;
    let told: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["event"] == "qualification_checked")
        .collect();
    assert_eq!(told.len(), 2, "{inbox}");
    assert!(told.iter().all(|n| n["category"] == "policies"), "{inbox}");
    assert!(
        told.iter()
            .all(|n| n["title"].as_str().unwrap().contains("高新技术企业")),
        "{inbox}"
    );
}

#[tokio::test]
async fn editing_a_verified_qualification_declares_it_again_and_unchanged_ones_stay_verified() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    let profile = save_with(
        &app,
        &enterprise,
        json!([high_tech("2028-12-31"), tech_sme()]),
    )
    .await;
    let enterprise_id = profile["enterprise_id"].as_str().unwrap().to_owned();
    for check in profile["qualification_checks"].as_array().unwrap() {
        let id = check["id"].as_str().unwrap();
        let response = decide(&app, &admin, &enterprise_id, id, None).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let ids = |p: &Value| -> Vec<String> {
        p["qualification_checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let verified = [
        ("high_tech_enterprise".to_owned(), "verified".to_owned()),
        ("tech_sme".to_owned(), "verified".to_owned()),
    ];

    // Other fields change, the qualifications do not (listed in another order): still verified.
    let mut body = json!([tech_sme(), high_tech("2028-12-31")]);
    let saved = save_with(&app, &enterprise, body.clone()).await;
    let mut sorted = statuses(&saved);
    sorted.sort();
    assert_eq!(sorted, verified);
    let mut kept = ids(&saved);
    kept.sort();
    let mut before = ids(&profile);
    before.sort();
    assert_eq!(kept, before, "the same qualifications keep their ids");

    // A new expiry: declared again (same id); the other stays verified.
    body[1] = high_tech("2029-06-30");
    let saved = save_with(&app, &enterprise, body.clone()).await;
    assert_eq!(
        statuses(&saved),
        [
            ("tech_sme".to_owned(), "verified".to_owned()),
            ("high_tech_enterprise".to_owned(), "declared".to_owned()),
        ]
    );
    assert_eq!(ids(&saved)[1], ids(&profile)[0]);

    // Another certificate number: declared.
    body[0]["certificate_no"] = json!("202633010604009999");
    let saved = save_with(&app, &enterprise, body).await;
    assert_eq!(saved["qualification_checks"][0]["status"], "declared");
}

//! The 401 / 403 / 404 matrix: every protected endpoint refuses the signed-out (401) and every
//! role it does not name (403), and an unknown id is 404. The matrix is checked against the
//! OpenAPI document, so a new endpoint cannot be added without a row here.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, ROLES};

const ANY: &[&str] = &[
    "enterprise",
    "intermediary",
    "commissioner",
    "department",
    "regulator",
    "center_admin",
];
const ADMIN: &[&str] = &["center_admin"];
const AUDIT: &[&str] = &["center_admin", "regulator"];
const ENTERPRISE: &[&str] = &["enterprise"];
const STAFF: &[&str] = &["center_admin", "commissioner"];
const DEPARTMENT: &[&str] = &["department"];
const POLICY_STAFF: &[&str] = &["center_admin", "commissioner", "department"];
const SERVICE_DESK: &[&str] = &["center_admin", "department", "intermediary"];
const PROVIDERS: &[&str] = &["department", "intermediary"];
const INTERMEDIARY: &[&str] = &["intermediary"];
const REVIEWERS: &[&str] = &["enterprise", "center_admin", "regulator"];
const OBJECTION: &[&str] = &["enterprise", "center_admin"];
const PARTIES: &[&str] = &["enterprise", "intermediary"];
const VERIFIERS: &[&str] = &["center_admin", "department"];
const RATERS: &[&str] = &["enterprise", "department", "regulator", "center_admin"];
const REGULATOR: &[&str] = &["regulator"];
/// Fills a path's parameter with an id or name nothing has.
fn unknown(path: &str) -> String {
    path.replace("{id}", "00000000-0000-4000-8000-000000000000")
        .replace("{tag}", "00000000-0000-4000-8000-000000000001")
        .replace("{name}", "no_such_job")
        .replace("{year}", "1999")
        .replace("{date}", "1999-01-01")
        .replace("{question}", "00000000-0000-4000-8000-000000000003")
        .replace("{objection}", "00000000-0000-4000-8000-000000000004")
        .replace("{qualification_id}", "00000000-0000-4000-8000-000000000005")
}

/// (method, path with `{id}`, allowed roles)
fn protected() -> Vec<(Method, &'static str, &'static [&'static str])> {
    vec![
        (Method::GET, "/api/v1/me", ANY),
        (Method::PUT, "/api/v1/me", ANY),
        (Method::PUT, "/api/v1/me/password", ANY),
        (Method::POST, "/api/v1/auth/logout", ANY),
        (Method::GET, "/api/v1/organisations", ADMIN),
        (Method::POST, "/api/v1/organisations", ADMIN),
        (Method::POST, "/api/v1/organisations/{id}/approve", ADMIN),
        (Method::POST, "/api/v1/organisations/{id}/reject", ADMIN),
        (Method::GET, "/api/v1/users", ADMIN),
        (Method::POST, "/api/v1/users", ADMIN),
        (Method::POST, "/api/v1/users/{id}/disable", ADMIN),
        (Method::POST, "/api/v1/users/{id}/enable", ADMIN),
        (Method::GET, "/api/v1/audit", AUDIT),
        (Method::GET, "/api/v1/scheduler/jobs", ADMIN),
        (Method::PUT, "/api/v1/scheduler/jobs/{name}", ADMIN),
        (Method::POST, "/api/v1/scheduler/jobs/{name}/pause", ADMIN),
        (Method::POST, "/api/v1/scheduler/jobs/{name}/resume", ADMIN),
        (Method::POST, "/api/v1/scheduler/jobs/{name}/run", ADMIN),
        (Method::GET, "/api/v1/scheduler/jobs/{name}/runs", ADMIN),
        (Method::GET, "/api/v1/scheduler/clock", ADMIN),
        (Method::POST, "/api/v1/scheduler/clock/advance", ADMIN),
        (Method::GET, "/api/v1/notifications", ANY),
        (Method::GET, "/api/v1/notifications/unread-count", ANY),
        (Method::POST, "/api/v1/notifications/{id}/read", ANY),
        (Method::POST, "/api/v1/notifications/read-all", ANY),
        (Method::GET, "/api/v1/notifications/preferences", ANY),
        (Method::PUT, "/api/v1/notifications/preferences", ANY),
        (Method::GET, "/api/v1/search", ANY),
        (Method::POST, "/api/v1/files", ANY),
        (Method::GET, "/api/v1/files/limits", ANY),
        (Method::GET, "/api/v1/files/{id}", ANY),
        (Method::GET, "/api/v1/files/{id}/content", ANY),
        (Method::POST, "/api/v1/files/{id}/link", ANY),
        (Method::GET, "/api/v1/calendar/deadline", ANY),
        (Method::GET, "/api/v1/calendar/{year}", ANY),
        (Method::PUT, "/api/v1/calendar/{year}", ADMIN),
        (Method::PUT, "/api/v1/calendar/{year}/days/{date}", ADMIN),
        (Method::DELETE, "/api/v1/calendar/{year}/days/{date}", ADMIN),
        (Method::GET, "/api/v1/outbox", ADMIN),
        (Method::POST, "/api/v1/outbox/{id}/requeue", ADMIN),
        (Method::GET, "/api/v1/enterprises/me/profile", ENTERPRISE),
        (Method::PUT, "/api/v1/enterprises/me/profile", ENTERPRISE),
        (
            Method::GET,
            "/api/v1/enterprises/me/profile/history",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/enterprises/me/tags", ENTERPRISE),
        (Method::GET, "/api/v1/enterprises", STAFF),
        (Method::GET, "/api/v1/enterprises/{id}/profile", STAFF),
        (Method::PUT, "/api/v1/enterprises/{id}/profile", ADMIN),
        (
            Method::GET,
            "/api/v1/enterprises/{id}/profile/history",
            STAFF,
        ),
        (Method::GET, "/api/v1/enterprises/{id}/tags", STAFF),
        (Method::PUT, "/api/v1/enterprises/{id}/tags/{tag}", ADMIN),
        (Method::DELETE, "/api/v1/enterprises/{id}/tags/{tag}", ADMIN),
        (
            Method::POST,
            "/api/v1/enterprises/{id}/qualifications/{qualification_id}/verify",
            VERIFIERS,
        ),
        (
            Method::POST,
            "/api/v1/enterprises/{id}/qualifications/{qualification_id}/reject",
            VERIFIERS,
        ),
        (Method::GET, "/api/v1/tags", ANY),
        (Method::POST, "/api/v1/tag-dimensions", ADMIN),
        (Method::PUT, "/api/v1/tag-dimensions/{id}", ADMIN),
        (Method::DELETE, "/api/v1/tag-dimensions/{id}", ADMIN),
        (Method::POST, "/api/v1/tags", ADMIN),
        (Method::PUT, "/api/v1/tags/{id}", ADMIN),
        (Method::DELETE, "/api/v1/tags/{id}", ADMIN),
        (Method::GET, "/api/v1/conditions/fields", ANY),
        (Method::POST, "/api/v1/conditions/check", STAFF),
        (Method::GET, "/api/v1/policies", ANY),
        (Method::POST, "/api/v1/policies", ADMIN),
        (Method::GET, "/api/v1/policies/{id}", ANY),
        (Method::PUT, "/api/v1/policies/{id}", ADMIN),
        (Method::POST, "/api/v1/policies/{id}/clauses", ADMIN),
        (Method::PUT, "/api/v1/clauses/{id}", ADMIN),
        (Method::POST, "/api/v1/clauses/{id}/publish", ADMIN),
        (Method::POST, "/api/v1/clauses/{id}/withdraw", ADMIN),
        (Method::GET, "/api/v1/clauses/{id}/eligible", POLICY_STAFF),
        (
            Method::GET,
            "/api/v1/clauses/{id}/eligible.csv",
            POLICY_STAFF,
        ),
        (Method::GET, "/api/v1/enterprises/me/matches", ENTERPRISE),
        (Method::GET, "/api/v1/enterprises/{id}/matches", STAFF),
        (
            Method::POST,
            "/api/v1/clauses/{id}/applications",
            ENTERPRISE,
        ),
        (Method::POST, "/api/v1/clauses/{id}/confirm", ENTERPRISE),
        (Method::POST, "/api/v1/clauses/{id}/decline", ENTERPRISE),
        (
            Method::GET,
            "/api/v1/enterprises/me/applications",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/applications", POLICY_STAFF),
        (Method::GET, "/api/v1/applications/{id}", ANY),
        (
            Method::POST,
            "/api/v1/applications/{id}/resubmit",
            ENTERPRISE,
        ),
        (Method::POST, "/api/v1/applications/{id}/decide", DEPARTMENT),
        (Method::POST, "/api/v1/applications/{id}/pay", DEPARTMENT),
        (Method::GET, "/api/v1/reference/classifications", ANY),
        (Method::GET, "/api/v1/enterprises/export", ADMIN),
        (Method::POST, "/api/v1/enterprises/import", ADMIN),
        (Method::GET, "/api/v1/service-sectors", ANY),
        (Method::POST, "/api/v1/service-sectors", ADMIN),
        (Method::PUT, "/api/v1/service-sectors/{id}", ADMIN),
        (Method::DELETE, "/api/v1/service-sectors/{id}", ADMIN),
        (Method::GET, "/api/v1/service-items", ANY),
        (Method::POST, "/api/v1/service-items", ADMIN),
        (Method::GET, "/api/v1/service-items/{id}", ANY),
        (Method::PUT, "/api/v1/service-items/{id}", ADMIN),
        (Method::GET, "/api/v1/service-packages", ANY),
        (Method::POST, "/api/v1/service-packages", ADMIN),
        (Method::PUT, "/api/v1/service-packages/{id}", ADMIN),
        (Method::DELETE, "/api/v1/service-packages/{id}", ADMIN),
        (
            Method::GET,
            "/api/v1/enterprises/me/service-recommendations",
            ENTERPRISE,
        ),
        (
            Method::POST,
            "/api/v1/service-items/{id}/orders",
            ENTERPRISE,
        ),
        (
            Method::GET,
            "/api/v1/enterprises/me/service-orders",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/service-orders", SERVICE_DESK),
        (Method::GET, "/api/v1/service-orders/{id}", ANY),
        (
            Method::POST,
            "/api/v1/service-orders/{id}/accept",
            PROVIDERS,
        ),
        (
            Method::POST,
            "/api/v1/service-orders/{id}/decline",
            PROVIDERS,
        ),
        (
            Method::POST,
            "/api/v1/service-orders/{id}/complete",
            PROVIDERS,
        ),
        (
            Method::POST,
            "/api/v1/service-orders/{id}/cancel",
            ENTERPRISE,
        ),
        (Method::POST, "/api/v1/service-orders/{id}/rate", ENTERPRISE),
        (Method::GET, "/api/v1/marketplace/rules", ANY),
        (Method::GET, "/api/v1/qualification-types", ANY),
        (Method::GET, "/api/v1/service-types", ANY),
        (Method::POST, "/api/v1/service-types", ADMIN),
        (Method::PUT, "/api/v1/service-types/{id}", ADMIN),
        (Method::GET, "/api/v1/service-type-packages", ANY),
        (Method::POST, "/api/v1/service-type-packages", ADMIN),
        (Method::PUT, "/api/v1/service-type-packages/{id}", ADMIN),
        (Method::GET, "/api/v1/intermediaries", ANY),
        (Method::GET, "/api/v1/intermediaries/me", INTERMEDIARY),
        (Method::PUT, "/api/v1/intermediaries/me", INTERMEDIARY),
        (Method::GET, "/api/v1/intermediaries/{id}", ANY),
        (
            Method::PUT,
            "/api/v1/intermediaries/me/qualifications",
            INTERMEDIARY,
        ),
        (
            Method::DELETE,
            "/api/v1/intermediaries/me/qualifications/{id}",
            INTERMEDIARY,
        ),
        (Method::GET, "/api/v1/projects", ENTERPRISE),
        (Method::POST, "/api/v1/projects", ENTERPRISE),
        (Method::GET, "/api/v1/procurements/open", INTERMEDIARY),
        (Method::GET, "/api/v1/procurements", ANY),
        (Method::POST, "/api/v1/procurements", ENTERPRISE),
        (Method::GET, "/api/v1/procurements/{id}", ANY),
        (Method::PUT, "/api/v1/procurements/{id}", ENTERPRISE),
        (
            Method::POST,
            "/api/v1/procurements/{id}/publish",
            ENTERPRISE,
        ),
        (Method::POST, "/api/v1/procurements/{id}/cancel", ENTERPRISE),
        (
            Method::POST,
            "/api/v1/procurements/{id}/republish",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/procurements/{id}/questions", ANY),
        (
            Method::POST,
            "/api/v1/procurements/{id}/questions",
            INTERMEDIARY,
        ),
        (
            Method::PUT,
            "/api/v1/procurements/{id}/questions/{question}/answer",
            ENTERPRISE,
        ),
        (Method::PUT, "/api/v1/procurements/{id}/bid", INTERMEDIARY),
        (
            Method::DELETE,
            "/api/v1/procurements/{id}/bid",
            INTERMEDIARY,
        ),
        (
            Method::POST,
            "/api/v1/procurements/{id}/bid/confirm",
            INTERMEDIARY,
        ),
        (
            Method::PUT,
            "/api/v1/procurements/{id}/bid/justification",
            INTERMEDIARY,
        ),
        (Method::GET, "/api/v1/bids/mine", INTERMEDIARY),
        (
            Method::GET,
            "/api/v1/procurements/{id}/evaluation",
            REVIEWERS,
        ),
        (Method::POST, "/api/v1/procurements/{id}/pick", ENTERPRISE),
        (Method::POST, "/api/v1/procurements/{id}/marks", ENTERPRISE),
        (
            Method::POST,
            "/api/v1/procurements/{id}/justification-decisions",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/procurements/{id}/objections", ANY),
        (
            Method::POST,
            "/api/v1/procurements/{id}/objections",
            INTERMEDIARY,
        ),
        (
            Method::PUT,
            "/api/v1/procurements/{id}/objections/{objection}/answer",
            OBJECTION,
        ),
        (Method::GET, "/api/v1/procurements/{id}/contract", ANY),
        (
            Method::PUT,
            "/api/v1/procurements/{id}/contract/terms",
            ENTERPRISE,
        ),
        (
            Method::POST,
            "/api/v1/procurements/{id}/contract/confirm",
            PARTIES,
        ),
        (
            Method::POST,
            "/api/v1/procurements/{id}/contract/deliveries",
            INTERMEDIARY,
        ),
        (
            Method::POST,
            "/api/v1/procurements/{id}/contract/decision",
            ENTERPRISE,
        ),
        (Method::GET, "/api/v1/contracts/mine", INTERMEDIARY),
        (Method::GET, "/api/v1/marketplace/statistics", AUDIT),
        (Method::GET, "/api/v1/credit/indicators", ANY),
        (Method::GET, "/api/v1/credit/formula", ANY),
        (Method::GET, "/api/v1/credit/formulas", AUDIT),
        (Method::POST, "/api/v1/credit/formulas", ADMIN),
        (Method::GET, "/api/v1/credit/rating-tasks", RATERS),
        (Method::GET, "/api/v1/credit/rating-tasks/all", AUDIT),
        (Method::GET, "/api/v1/credit/rating-tasks/{id}", RATERS),
        (
            Method::POST,
            "/api/v1/credit/rating-tasks/{id}/rating",
            RATERS,
        ),
        (Method::GET, "/api/v1/credit/mine", INTERMEDIARY),
        (Method::GET, "/api/v1/credit/intermediaries", AUDIT),
        (Method::GET, "/api/v1/credit/overview", AUDIT),
        (Method::GET, "/api/v1/credit/events", AUDIT),
        (Method::POST, "/api/v1/credit/events/import", ADMIN),
        (Method::GET, "/api/v1/credit/intermediaries/{id}", AUDIT),
        (Method::GET, "/api/v1/credit/sanctions", AUDIT),
        (Method::GET, "/api/v1/credit/sanctions/mine", INTERMEDIARY),
        (Method::GET, "/api/v1/credit/sanctions/{id}", ANY),
        (Method::POST, "/api/v1/credit/sanctions", REGULATOR),
        (
            Method::POST,
            "/api/v1/credit/sanctions/{id}/report",
            INTERMEDIARY,
        ),
        (
            Method::POST,
            "/api/v1/credit/sanctions/{id}/decision",
            REGULATOR,
        ),
        (Method::GET, "/api/v1/credit/appeals", AUDIT),
        (Method::GET, "/api/v1/credit/appeals/mine", INTERMEDIARY),
        (Method::GET, "/api/v1/credit/appeals/{id}", ANY),
        (Method::POST, "/api/v1/credit/appeals", INTERMEDIARY),
        (
            Method::POST,
            "/api/v1/credit/appeals/{id}/decision",
            REGULATOR,
        ),
    ]
}

const PUBLIC: [(&str, &str); 9] = [
    ("get", "/api/v1/opendata/ocds/releases"),
    ("get", "/api/v1/public/credit"),
    ("get", "/api/v1/public/notices"),
    ("get", "/api/v1/public/procurements/{id}/draw-proof"),
    ("get", "/api/v1/files/{id}/download"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("get", "/health/live"),
    ("get", "/health/ready"),
];

#[tokio::test]
async fn the_matrix_covers_every_endpoint_of_the_api_description() {
    let app = spawn_app().await;
    let doc: Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(|method| (method.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut known: BTreeSet<(String, String)> = protected()
        .into_iter()
        .map(|(m, p, _)| (m.as_str().to_lowercase(), p.to_owned()))
        .collect();
    known.extend(
        PUBLIC
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned())),
    );
    assert_eq!(documented, known);
}

#[tokio::test]
async fn every_protected_endpoint_refuses_the_signed_out() {
    let app = spawn_app().await;
    for (method, path, _) in protected() {
        let path = unknown(path);
        let response = app
            .request(method.clone(), &path, None, Some(json!({})))
            .await;
        assert_error(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
}

#[tokio::test]
async fn every_protected_endpoint_refuses_the_roles_it_does_not_name() {
    let app = spawn_app().await;
    for (role, _) in ROLES {
        let session = app.login_as(role).await;
        for (method, path, allowed) in protected() {
            if allowed.contains(&role) {
                continue;
            }
            let path = unknown(path);
            let response = app
                .request(method.clone(), &path, Some(&session), Some(json!({})))
                .await;
            let status = response.status();
            assert_eq!(status, StatusCode::FORBIDDEN, "{role} {method} {path}");
            assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
}

#[tokio::test]
async fn an_unknown_id_is_not_found_for_every_endpoint_that_takes_one() {
    let app = spawn_app().await;
    let mut sessions = std::collections::HashMap::new();
    for (role, _) in ROLES {
        sessions.insert(role, app.login_as(role).await);
    }
    for (method, path, allowed) in protected() {
        // Each endpoint is asked by a role it admits (the centre's administrator when it can).
        let role = if allowed.contains(&"center_admin") {
            "center_admin"
        } else {
            allowed[0]
        };
        // `PUT /calendar/{year}` creates the year: an upsert has no "unknown" case.
        if !path.contains('{') || path == "/api/v1/calendar/{year}" {
            continue;
        }
        let path = unknown(path);
        // An appeal's decision is one of its own words; every other endpoint's is `reject`.
        let decision = if path.contains("/credit/appeals/") {
            "upheld"
        } else {
            "reject"
        };
        let response = app
            .request(
                method,
                &path,
                Some(&sessions[role]),
                Some(json!({
                    "reason": "test", "cron": "0 0 * * * *", "kind": "holiday", "name": "x",
                    "code": "x", "dimension_id": "00000000-0000-4000-8000-000000000002",
                    "name_zh": "x", "name_en": "x",
                    "title": "x", "issuer_id": "00000000-0000-4000-8000-000000000002",
                    "level": "city", "document_number": "x", "effective_from": "2026-01-01",
                    "condition_text": "employees >= 1", "benefit": "x", "mode": "apply",
                    "materials": [], "decision": decision, "amount_fen": 1,
                    "scores": {}, "report": "x", "action": "close",
                    "sector_id": "00000000-0000-4000-8000-000000000002",
                    "provider_id": "00000000-0000-4000-8000-000000000002",
                    "sla_working_days": 1, "note": "x", "rating": 1,
                    "price_fen": 1, "promised_working_days": 1, "budget_ceiling_fen": 1,
                    "project_id": "00000000-0000-4000-8000-000000000002",
                    "selection_method": "direct_pick", "bidding_working_days": 5,
                    "service_working_days": 5, "fee_min_fen": 1, "fee_max_fen": 2,
                    "time_limit_working_days": 1, "question": "x", "answer": "x",
                    "service_type_ids": ["00000000-0000-4000-8000-000000000002"],
                    "item_ids": ["00000000-0000-4000-8000-000000000002"],
                    "uphold": false, "bid_id": "00000000-0000-4000-8000-000000000002",
                    "marks": [{ "bid_id": "00000000-0000-4000-8000-000000000002", "mark": 1 }],
                    "justification": "x", "accept": true, "working_days": 1, "summary": "x",
                })),
            )
            .await;
        assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[tokio::test]
async fn a_regulator_reads_the_audit_log_but_cannot_manage_users() {
    let app = spawn_app().await;
    let regulator = app.login_as("regulator").await;
    assert_eq!(
        app.get("/api/v1/audit", &regulator).await.status(),
        StatusCode::OK
    );
    let users = app.get("/api/v1/users", &regulator).await;
    assert_error(users, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn a_user_only_ever_sees_their_own_account() {
    let app = spawn_app().await;
    for (role, email) in ROLES {
        let session = app.login_as(role).await;
        let me: Value = app.get_json("/api/v1/me", &session).await;
        assert_eq!(me["email"], email);
    }
}

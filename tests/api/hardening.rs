//! What an attacker tried (issue 13): forged client addresses, unbounded uploads, organisations
//! the centre has not approved acting anyway, public metrics, missing security headers, page
//! numbers that overflow, idle sessions that end while in use, a disabled account tested without
//! limit, and common passwords.

use chrono::Duration;
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

use crate::{
    files::{upload, PDF},
    helpers::{
        assert_error, email_of, new_uscc, spawn_app, spawn_with, test_settings, Session, TestApp,
        DEMO_PASSWORD, ROLES,
    },
    marketplace::{bid, market, published, service_type, sign_in, PASSWORD},
};

/// An application material (a small PDF) uploaded as `session`.
async fn material(app: &TestApp, session: &Session, name: &str) -> reqwest::Response {
    upload(app, session, "application_material", name, PDF.to_vec()).await
}

async fn login_from(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
    let (mut settings, db) = test_settings().await;
    settings.auth.address_failure_limit = 3;
    let app = spawn_with(settings, db, true).await;
    // No proxy is trusted: a new forged address per attempt still counts against 127.0.0.1.
    for n in 0..3 {
        let forged = format!("198.51.100.{n}");
        let status = login_from(&app, &forged, &format!("guess{n}@example.com"), "nope").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let status = login_from(&app, "198.51.100.99", email_of("enterprise"), DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_client_is_the_rightmost_untrusted_address() {
    let (mut settings, db) = test_settings().await;
    settings.auth.address_failure_limit = 3;
    settings.server.trusted_proxies = qifu::auth::TrustedProxies::parse(&["127.0.0.1"]).unwrap();
    let app = spawn_with(settings, db, true).await;
    // The client forges the leftmost entry; the proxy appends the address it really saw.
    for n in 0..3 {
        let chain = format!("10.9.9.{n}, 203.0.113.7");
        let status = login_from(&app, &chain, &format!("guess{n}@example.com"), "nope").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let throttled = login_from(
        &app,
        "1.1.1.1, 203.0.113.7",
        email_of("enterprise"),
        DEMO_PASSWORD,
    );
    assert_eq!(throttled.await, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not locked out by the first one's failures.
    let other = login_from(&app, "203.0.113.8", email_of("enterprise"), DEMO_PASSWORD).await;
    assert_eq!(other, StatusCode::OK);
    let ips: Vec<Value> = app
        .audit_entries("user.login")
        .await
        .iter()
        .map(|e| e["ip"].clone())
        .collect();
    assert!(ips.contains(&json!("203.0.113.8")), "{ips:?}");
}

#[tokio::test]
async fn uploads_past_an_organisations_hourly_count_or_unclaimed_bytes_are_refused() {
    let (mut settings, db) = test_settings().await;
    settings.files.quota.uploads_per_hour = 3;
    let app = spawn_with(settings, db, true).await;
    let enterprise = app.login_as("enterprise").await;
    for _ in 0..3 {
        let response = material(&app, &enterprise, "a.pdf");
        assert_eq!(response.await.status(), StatusCode::CREATED);
    }
    let refused = material(&app, &enterprise, "a.pdf").await;
    let retry: u64 = refused.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    assert_error(
        refused,
        StatusCode::TOO_MANY_REQUESTS,
        "upload_quota_exceeded",
    )
    .await;
    app.advance(Duration::minutes(61));
    let enterprise = app.login_as("enterprise").await;
    let later = material(&app, &enterprise, "a.pdf").await;
    assert_eq!(later.status(), StatusCode::CREATED);

    let (mut settings, db) = test_settings().await;
    settings.files.quota.unclaimed_bytes = PDF.len() as u64 + 10;
    let app = spawn_with(settings, db, true).await;
    let enterprise = app.login_as("enterprise").await;
    let first = material(&app, &enterprise, "a.pdf").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let second = material(&app, &enterprise, "b.pdf").await;
    assert!(second.headers().contains_key(header::RETRY_AFTER));
    assert_error(
        second,
        StatusCode::TOO_MANY_REQUESTS,
        "upload_quota_exceeded",
    )
    .await;
    let tmp = app.state.settings.data_dir.join("files").join("tmp");
    let left = std::fs::read_dir(tmp).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "the refused upload left nothing behind");
    // Another organisation has its own quota.
    let intermediary = app.login_as("intermediary").await;
    let theirs = upload(&app, &intermediary, "bid_proposal", "p.pdf", PDF.to_vec()).await;
    assert_eq!(theirs.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn purposes_no_record_of_the_role_can_claim_are_not_uploaded() {
    let app = spawn_app().await;
    for (role, purpose) in [
        ("enterprise", "case_evidence"),
        ("enterprise", "rectification_report"),
        ("enterprise", "appeal_evidence"),
        ("enterprise", "bid_proposal"),
    ] {
        let session = app.login_as(role).await;
        let response = upload(&app, &session, purpose, "x.pdf", PDF.to_vec()).await;
        assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
}

/// Registers an intermediary and signs its first user in (still pending).
async fn pending_intermediary(app: &TestApp) -> (String, Session) {
    let uscc = new_uscc();
    let email = format!("pending-{}@example.com", &uscc[8..17].to_lowercase());
    let body: Value = app
        .register("intermediary", &uscc, &email)
        .await
        .json()
        .await
        .unwrap();
    let id = body["organisation"]["id"].as_str().unwrap().to_owned();
    (id, app.login_with(&email, PASSWORD).await)
}

#[tokio::test]
async fn a_pending_intermediary_only_completes_its_registration_and_a_rejected_one_only_reads_why()
{
    let app = spawn_app().await;
    let (id, session) = pending_intermediary(&app).await;
    let me = app.get_json("/api/v1/me", &session).await;
    assert_eq!(me["organisation"]["status"], "pending");
    for path in [
        "/api/v1/intermediaries/me",
        "/api/v1/service-types",
        "/api/v1/qualification-types",
        "/api/v1/notifications",
    ] {
        assert_eq!(
            app.get(path, &session).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let admin = app.login_as("center_admin").await;
    let created = service_type(&app, &admin, "survey").await;
    let first_type = created["id"].as_str().unwrap().to_owned();
    let profile = app
        .request(
            Method::PUT,
            "/api/v1/intermediaries/me",
            Some(&session),
            Some(json!({ "practitioners": 3, "introduction": "测绘", "service_type_ids": [first_type] })),
        )
        .await;
    assert_eq!(profile.status(), StatusCode::OK);
    for path in [
        "/api/v1/procurements/open",
        "/api/v1/bids/mine",
        "/api/v1/files/limits",
        "/api/v1/search?q=测绘",
        "/api/v1/intermediaries",
    ] {
        let response = app.get(path, &session).await;
        assert_error(response, StatusCode::FORBIDDEN, "organisation_pending").await;
    }
    let upload = upload(&app, &session, "bid_proposal", "p.pdf", PDF.to_vec()).await;
    assert_error(upload, StatusCode::FORBIDDEN, "organisation_pending").await;

    let path = format!("/api/v1/organisations/{id}/reject");
    let rejected = app
        .post(&path, &admin, json!({ "reason": "资质证书不全" }))
        .await;
    assert_eq!(rejected.status(), StatusCode::OK);
    let me = app.get_json("/api/v1/me", &session).await;
    assert_eq!(me["organisation"]["status"], "rejected");
    assert_eq!(me["organisation"]["status_reason"], "资质证书不全");
    for path in [
        "/api/v1/intermediaries/me",
        "/api/v1/notifications",
        "/api/v1/procurements/open",
    ] {
        let response = app.get(path, &session).await;
        assert_error(response, StatusCode::FORBIDDEN, "organisation_rejected").await;
    }
    let out = app
        .request(Method::POST, "/api/v1/auth/logout", Some(&session), None)
        .await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn only_an_intermediary_eligible_to_bid_asks_a_question() {
    let app = spawn_app().await;
    let m = market(&app, 1).await;
    let p = published(&app, &m, "lowest_price").await;
    let path = format!(
        "/api/v1/procurements/{}/questions",
        p["id"].as_str().unwrap()
    );
    let question = json!({ "question": "是否含监测费用？" });
    // The demo intermediary does not offer this procurement's service type.
    let outsider = app.login_as("intermediary").await;
    let refused = app.post(&path, &outsider, question.clone()).await;
    assert_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bidder_not_eligible",
    )
    .await;
    let bidder = sign_in(&app, &m.bidders[0]).await;
    assert_eq!(
        app.post(&path, &bidder, question).await.status(),
        StatusCode::CREATED
    );
}

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn metrics_go_only_to_the_scraper_with_the_token_and_count_no_bids() {
    let app = spawn_app().await;
    let response = scrape(&app, None).await;
    assert_error(response, StatusCode::NOT_FOUND, "route_not_found").await;

    let (mut settings, db) = test_settings().await;
    settings.telemetry.metrics_token = "scraper-secret-0123456789".to_owned();
    let app = spawn_with(settings, db, true).await;
    for token in [None, Some("wrong")] {
        let response = scrape(&app, token).await;
        assert_error(response, StatusCode::UNAUTHORIZED, "metrics_token_required").await;
    }
    let m = market(&app, 1).await;
    let p = published(&app, &m, "direct_pick").await;
    let bidder = sign_in(&app, &m.bidders[0]).await;
    let placed = bid(&app, &bidder, p["id"].as_str().unwrap(), 5_000_000).await;
    assert_eq!(placed.status(), StatusCode::OK);
    app.client
        .get(app.url("/api/v1/no-such-route-a8f3"))
        .send()
        .await
        .unwrap();
    let text = scrape(&app, Some("scraper-secret-0123456789"))
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains("qifu_http_requests_total"), "{text}");
    assert!(text.contains("/api/v1/procurements/{id}/publish"), "{text}");
    assert!(
        !text.contains("/bid"),
        "a sealed bid shows in the metrics: {text}"
    );
    assert!(
        !text.contains("a8f3"),
        "an unmatched path became a label: {text}"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_api_answers_are_not_cached() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    for (path, api) in [
        ("/api/v1/me", true),
        ("/api/v1/no-such-route", true),
        ("/health/live", false),
        ("/", false),
    ] {
        let response = app.get(path, &session).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        if api {
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{path}");
        }
    }
}

#[tokio::test]
async fn a_page_number_past_the_bound_is_refused_on_every_list_endpoint() {
    let app = spawn_app().await;
    let document: Value = app.get_public_json("/api/openapi.json").await;
    let mut sessions = Vec::new();
    for (role, _) in ROLES {
        sessions.push(app.login_as(role).await);
    }
    let lists: Vec<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, item)| {
            item["get"]["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "page"))
        })
        .map(|(path, _)| {
            path.split('/')
                .map(|part| {
                    if part.starts_with('{') {
                        uuid::Uuid::new_v4().to_string()
                    } else {
                        part.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    assert!(lists.len() >= 16, "{lists:?}");
    for list in &lists {
        for huge in ["page=9223372036854775807", "page=100001", "per_page=101"] {
            let path = format!("{list}?q=x&{huge}");
            let mut refused = false;
            for session in &sessions {
                let response = app.get(&path, session).await;
                let status = response.status();
                assert!(!status.is_server_error(), "{path}: {status}");
                let body: Value = response.json().await.unwrap();
                refused |=
                    status == StatusCode::BAD_REQUEST && body["error"]["code"] == "invalid_query";
            }
            assert!(refused, "{path} was not refused as invalid_query");
        }
    }
}

#[tokio::test]
async fn an_active_session_outlives_a_short_idle_timeout() {
    let (mut settings, db) = test_settings().await;
    settings.auth.idle_timeout_minutes = 1;
    let app = spawn_with(settings, db, true).await;
    let session = app.login_as("enterprise").await;
    for _ in 0..4 {
        app.advance(Duration::seconds(40));
        let response = app.get("/api/v1/me", &session).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    app.advance(Duration::seconds(61));
    let expired = app.get("/api/v1/me", &session).await;
    assert_error(expired, StatusCode::UNAUTHORIZED, "session_expired").await;
}

#[tokio::test]
async fn a_disabled_account_answers_like_a_wrong_password_and_still_locks() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let victim = app.login_as("commissioner").await;
    let id = victim.user["id"].as_str().unwrap();
    let disable = format!("/api/v1/users/{id}/disable");
    let disabled = app
        .post(&disable, &admin, json!({ "reason": "离职" }))
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    // Failures count from the last success on: let the clock pass the victim's sign-in.
    app.advance(Duration::seconds(1));
    let email = email_of("commissioner");
    let wrong = app.login(email, "not-the-password").await;
    assert_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let threshold = app.state.settings.auth.lockout_threshold;
    for _ in 1..threshold {
        let right = app.login(email, DEMO_PASSWORD).await;
        assert_error(right, StatusCode::FORBIDDEN, "user_disabled").await;
    }
    let locked = app.login(email, DEMO_PASSWORD).await;
    assert_error(locked, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;
}

#[tokio::test]
async fn common_repeated_and_sequential_passwords_are_refused_at_registration() {
    let app = spawn_app().await;
    for password in ["1234567890", "qwertyuiop", "Password123", "zzzzzzzzzzzz"] {
        let response = app
            .request(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({
                    "kind": "enterprise", "organisation_name": "杭州测试科技有限公司",
                    "uscc": new_uscc(), "display_name": "测试", "email": "weak@example.com",
                    "password": password, "locale": "zh-CN",
                })),
            )
            .await;
        assert_error(response, StatusCode::BAD_REQUEST, "weak_password").await;
    }
}

#[tokio::test]
async fn a_sign_in_with_control_characters_is_refused_and_a_file_name_loses_them() {
    let app = spawn_app().await;
    let response = app
        .login("enter\u{0}prise@demo.qifu.local", DEMO_PASSWORD)
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    let enterprise = app.login_as("enterprise").await;
    let name = "报告\u{202E}fdp.exe";
    let stored: Value = material(&app, &enterprise, name)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["name"], "报告fdp.exe");
}

#[tokio::test]
async fn dates_outside_the_years_a_request_may_name_are_refused_not_crashed_on() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    for path in [
        "/api/v1/opendata/ocds/releases?since=-5000-01-01T00:00:00Z",
        "/api/v1/audit?from=-5000-01-01T00:00:00Z",
        "/api/v1/marketplace/statistics?to=-262143-01-01T00:00:00Z",
        "/api/v1/marketplace/statistics?from=-5000-01-01T00:00:00Z",
        "/api/v1/calendar/deadline?from=%2B262142-12-31T00:00:00Z&working_days=1",
        "/api/v1/calendar/deadline?from=-5000-01-01T00:00:00Z&working_days=5",
    ] {
        let response = app.get(path, &admin).await;
        assert_error(response, StatusCode::BAD_REQUEST, "invalid_query").await;
    }
    let orders = app
        .get("/api/v1/service-orders?from=-5000-01-01", &admin)
        .await;
    assert_error(orders, StatusCode::BAD_REQUEST, "order_filter_invalid").await;
    let intermediary = app.login_as("intermediary").await;
    let qualification = app
        .request(
            Method::PUT,
            "/api/v1/intermediaries/me/qualifications",
            Some(&intermediary),
            Some(json!({ "qualification_type": "environmental_impact_assessment", "certificate_number": "X1", "expires_on": "-5000-01-01" })),
        )
        .await;
    assert_error(qualification, StatusCode::BAD_REQUEST, "invalid_body").await;
}

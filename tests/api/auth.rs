//! Signing in and out, lockout and throttling, sessions, CSRF and passwords.

use chrono::Duration;
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, email_of, spawn_app, DEMO_PASSWORD};

#[tokio::test]
async fn a_demo_user_signs_in_and_sees_themselves() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let me: Value = app.get_json("/api/v1/me", &session).await;
    assert_eq!(me["email"], "enterprise@demo.qifu.local");
    assert_eq!(me["role"], "enterprise");
    assert_eq!(me["organisation"]["kind"], "enterprise");
}

#[tokio::test]
async fn signing_in_sets_an_http_only_strict_session_cookie_and_a_readable_csrf_cookie() {
    let app = spawn_app().await;
    let response = app.login(email_of("regulator"), DEMO_PASSWORD).await;
    let cookies: Vec<String> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("qifu_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("qifu_csrf="))
        .unwrap();
    assert!(!csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong = app.login(email_of("enterprise"), "not-the-password").await;
    let wrong = assert_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let unknown = app.login("nobody@example.com", "not-the-password").await;
    let unknown = assert_error(unknown, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    assert_eq!(wrong, unknown);
}

async fn fail_five_times(app: &crate::helpers::TestApp, email: &str) {
    for _ in 0..5 {
        let response = app.login(email, "not-the-password").await;
        assert_error(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let app = spawn_app().await;
    let email = email_of("enterprise");
    fail_five_times(&app, email).await;

    let locked = app.login(email, DEMO_PASSWORD).await;
    let retry_after: u64 = locked.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(retry_after, 15 * 60);
    assert_error(locked, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;

    app.advance(Duration::minutes(14));
    let still = app.login(email, DEMO_PASSWORD).await;
    assert_eq!(still.headers()[header::RETRY_AFTER], "60");
    assert_error(still, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;

    app.advance(Duration::minutes(1));
    assert_eq!(
        app.login(email, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.audit_entries("account.lock").await.len(), 1);
}

#[tokio::test]
async fn an_unknown_email_locks_like_a_known_one_so_lockout_reveals_nothing() {
    let app = spawn_app().await;
    fail_five_times(&app, "nobody@example.com").await;
    let response = app.login("nobody@example.com", "anything-at-all").await;
    assert_error(response, StatusCode::TOO_MANY_REQUESTS, "account_locked").await;
}

#[tokio::test]
async fn a_success_resets_the_count_of_consecutive_failures() {
    let app = spawn_app().await;
    let email = email_of("department");
    for _ in 0..4 {
        app.login(email, "not-the-password").await;
    }
    app.login_as("department").await;
    for _ in 0..4 {
        app.login(email, "not-the-password").await;
    }
    assert_eq!(
        app.login(email, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn one_address_failing_across_many_accounts_is_throttled() {
    let app = spawn_app().await;
    let limit = app.state.settings.auth.address_failure_limit;
    for attempt in 0..limit {
        let email = format!("guess{}@example.com", attempt % 7);
        let response = app.login(&email, "not-the-password").await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let response = app.login(email_of("intermediary"), DEMO_PASSWORD).await;
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    assert_error(response, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;

    app.advance(Duration::minutes(
        app.state.settings.auth.address_window_minutes,
    ));
    assert_eq!(
        app.login(email_of("intermediary"), DEMO_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn logging_out_revokes_the_token() {
    let app = spawn_app().await;
    let session = app.login_as("commissioner").await;
    let response = app
        .request(Method::POST, "/api/v1/auth/logout", Some(&session), None)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = app.get("/api/v1/me", &session).await;
    assert_error(after, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(app.audit_entries("user.logout").await.len(), 1);
}

#[tokio::test]
async fn an_idle_session_expires_after_the_idle_timeout() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    app.advance(Duration::minutes(29));
    assert_eq!(
        app.get("/api/v1/me", &session).await.status(),
        StatusCode::OK
    );
    app.advance(Duration::minutes(29));
    assert_eq!(
        app.get("/api/v1/me", &session).await.status(),
        StatusCode::OK
    );
    app.advance(Duration::minutes(30));
    let expired = app.get("/api/v1/me", &session).await;
    assert_error(expired, StatusCode::UNAUTHORIZED, "session_expired").await;
}

#[tokio::test]
async fn an_active_session_still_ends_at_its_absolute_expiry() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let ttl = app.state.settings.auth.session_ttl_minutes;
    let mut elapsed = 0;
    while elapsed + 20 < ttl {
        app.advance(Duration::minutes(20));
        elapsed += 20;
        assert_eq!(
            app.get("/api/v1/me", &session).await.status(),
            StatusCode::OK
        );
    }
    app.advance(Duration::minutes(ttl - elapsed));
    let expired = app.get("/api/v1/me", &session).await;
    assert_error(expired, StatusCode::UNAUTHORIZED, "session_expired").await;
}

#[tokio::test]
async fn a_missing_or_made_up_token_is_unauthenticated() {
    let app = spawn_app().await;
    let none = app.request(Method::GET, "/api/v1/me", None, None).await;
    assert_error(none, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let forged = crate::helpers::Session {
        token: "f".repeat(64),
        csrf: String::new(),
        user: Value::Null,
    };
    let forged = app.get("/api/v1/me", &forged).await;
    assert_error(forged, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn changing_the_password_signs_out_the_other_sessions_only() {
    let app = spawn_app().await;
    let laptop = app.login_as("enterprise").await;
    let phone = app.login_as("enterprise").await;
    let body = json!({ "current_password": DEMO_PASSWORD, "new_password": "a-brand-new-secret" });
    let response = app
        .request(
            Method::PUT,
            "/api/v1/me/password",
            Some(&laptop),
            Some(body),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    assert_eq!(
        app.get("/api/v1/me", &laptop).await.status(),
        StatusCode::OK
    );
    let phone = app.get("/api/v1/me", &phone).await;
    assert_error(phone, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let old = app.login(email_of("enterprise"), DEMO_PASSWORD).await;
    assert_error(old, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    app.login_with(email_of("enterprise"), "a-brand-new-secret")
        .await;
    let entries = app.audit_entries("user.change_password").await;
    assert_eq!(entries[0]["summary"]["other_sessions_revoked"], 1);
}

#[tokio::test]
async fn a_password_change_needs_the_current_password_and_a_strong_new_one() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let cases = [
        (
            json!({ "current_password": "wrong-one!", "new_password": "a-brand-new-secret" }),
            "wrong_password",
            "current_password",
        ),
        (
            json!({ "current_password": DEMO_PASSWORD, "new_password": "short" }),
            "weak_password",
            "new_password",
        ),
        (
            json!({ "current_password": DEMO_PASSWORD, "new_password": "enterprise@demo.qifu.local" }),
            "weak_password",
            "new_password",
        ),
    ];
    for (body, code, field) in cases {
        let response = app
            .request(
                Method::PUT,
                "/api/v1/me/password",
                Some(&session),
                Some(body),
            )
            .await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, code).await;
        assert!(error["error"]["fields"][field].is_array(), "{error}");
    }
}

#[tokio::test]
async fn cookie_authenticated_writes_need_the_csrf_token() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let cookie = format!("qifu_session={}; qifu_csrf={}", session.token, session.csrf);
    let body = json!({ "display_name": "新名字", "locale": "en" });

    let read = app
        .client
        .get(app.url("/api/v1/me"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK, "reads need no CSRF token");

    let without = app
        .client
        .put(app.url("/api/v1/me"))
        .header(header::COOKIE, &cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_error(without, StatusCode::FORBIDDEN, "csrf_failed").await;

    let wrong = app
        .client
        .put(app.url("/api/v1/me"))
        .header(header::COOKIE, &cookie)
        .header("X-CSRF-Token", "0".repeat(64))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_error(wrong, StatusCode::FORBIDDEN, "csrf_failed").await;

    let with = app
        .client
        .put(app.url("/api/v1/me"))
        .header(header::COOKIE, &cookie)
        .header("X-CSRF-Token", &session.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), StatusCode::OK);
    let me: Value = with.json().await.unwrap();
    assert_eq!(me["display_name"], "新名字");
    assert_eq!(me["locale"], "en");
}

//! Health probes, metrics, request ids, the API description and reference, the front-end fallback
//! and the production guard.

use qifu::{configuration::AppEnvironment, demo::seed, startup::Application};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{spawn_app, spawn_with, test_settings};

#[tokio::test]
async fn liveness_and_readiness_answer_ok() {
    let app = spawn_app().await;
    for path in ["/health/live", "/health/ready"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok");
    }
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.db.clone().close().await.unwrap();
    let response = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    crate::helpers::assert_error(
        response,
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
    )
    .await;
}

#[tokio::test]
async fn metrics_are_exposed_for_prometheus() {
    let (mut settings, db) = test_settings().await;
    settings.telemetry.metrics_token = "prometheus-scraper-token".to_owned();
    let app = spawn_with(settings, db, false).await;
    app.client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    let text = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("prometheus-scraper-token")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("qifu_http_requests_total"), "{text}");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok());
}

#[tokio::test]
async fn the_api_description_documents_schemas_and_errors() {
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
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let register = &doc["paths"]["/api/v1/auth/register"]["post"];
    for status in ["201", "400", "409", "413", "500"] {
        assert!(
            register["responses"][status].is_object(),
            "register {status}"
        );
    }
    let users = &doc["paths"]["/api/v1/users"]["get"];
    for status in ["200", "400", "401", "403"] {
        assert!(users["responses"][status].is_object(), "users {status}");
    }
    for schema in [
        "ErrorBody",
        "RegisterRequest",
        "MeResponse",
        "AuditEntryResponse",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    let reference = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(reference.status(), StatusCode::OK);
    assert!(reference.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn front_end_routes_fall_back_to_the_single_page_app() {
    let (mut settings, db) = test_settings().await;
    let dist = std::env::temp_dir().join(format!("qifu-dist-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), "<div id=app>qifu-spa</div>").unwrap();
    std::fs::write(dist.join("assets/app.js"), "console.log(1)").unwrap();
    settings.server.static_dir = dist;
    let app = spawn_with(settings, db, false).await;
    for path in ["/", "/login", "/admin/approvals"] {
        let body = app
            .client
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("qifu-spa"), "{path}: {body}");
    }
    let asset = app
        .client
        .get(app.url("/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.text().await.unwrap(), "console.log(1)");
    let api = app
        .client
        .get(app.url("/api/v1/unknown"))
        .send()
        .await
        .unwrap();
    crate::helpers::assert_error(api, StatusCode::NOT_FOUND, "route_not_found").await;
}

#[tokio::test]
async fn production_refuses_to_start_while_a_demo_account_is_active() {
    let (mut settings, db) = test_settings().await;
    let hasher = qifu::auth::PasswordHasher::new(&settings.auth.argon2).unwrap();
    seed::seed_demo(&db, &hasher, seed::DEMO_PASSWORD, chrono::Utc::now())
        .await
        .unwrap();
    settings.environment = AppEnvironment::Production;
    let clock = std::sync::Arc::new(qifu::clock::SystemClock);
    let refused =
        Application::build_with_database(settings.clone(), db.clone(), clock.clone()).await;
    let message = format!("{:#}", refused.err().unwrap());
    assert!(message.contains("demo accounts are active"), "{message}");

    for (_, email) in crate::helpers::ROLES {
        let account = qifu::accounts::find_account_by_email(&db, email)
            .await
            .unwrap()
            .unwrap();
        qifu::accounts::set_user_status(
            &db,
            &qifu::audit::Actor::system(),
            account.user.public_id,
            qifu::accounts::UserStatus::Disabled,
            Some("going live"),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    assert!(Application::build_with_database(settings, db, clock)
        .await
        .is_ok());
}

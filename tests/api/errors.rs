//! The error contract: every failure, from any layer, answers the same JSON shape with a stable code.

use reqwest::{header, Method, StatusCode};
use serde_json::json;

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_error(response, StatusCode::BAD_REQUEST, "malformed_json").await;
}

#[tokio::test]
async fn wrong_types_and_missing_fields_are_an_invalid_body() {
    let app = spawn_app().await;
    let bodies = [
        json!({ "email": 42, "password": "x" }),
        json!({ "email": "a@b.c" }),
        json!([1, 2, 3]),
        json!({ "kind": "bank", "organisation_name": "x", "uscc": "x", "display_name": "x", "email": "a@b.c", "password": "x" }),
    ];
    for (index, body) in bodies.into_iter().enumerate() {
        let path = if index == 3 {
            "/api/v1/auth/register"
        } else {
            "/api/v1/auth/login"
        };
        let response = app.request(Method::POST, path, None, Some(body)).await;
        assert_error(response, StatusCode::BAD_REQUEST, "invalid_body").await;
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_an_unsupported_media_type() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header(header::CONTENT_TYPE, "text/plain")
        .body("email=a")
        .send()
        .await
        .unwrap();
    assert_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    let limit = app.state.settings.server.max_body_bytes;
    let body = json!({ "email": "a".repeat(limit), "password": "x" });
    let response = app
        .request(Method::POST, "/api/v1/auth/login", None, Some(body))
        .await;
    assert_error(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn bad_query_strings_are_refused() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let cases = [
        ("/api/v1/users?page=abc", "invalid_query"),
        ("/api/v1/users?role=emperor", "invalid_query"),
        ("/api/v1/audit?from=yesterday", "invalid_query"),
        ("/api/v1/organisations?kind=bank", "invalid_query"),
        ("/api/v1/users?per_page=1000", "invalid_query"),
        ("/api/v1/users?page=0", "invalid_query"),
    ];
    for (path, code) in cases {
        let response = app.get(path, &admin).await;
        assert_error(response, StatusCode::BAD_REQUEST, code).await;
    }
}

#[tokio::test]
async fn a_bad_path_parameter_is_refused() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let response = app
        .post(
            "/api/v1/users/not-a-uuid/disable",
            &admin,
            json!({ "reason": "x" }),
        )
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "invalid_path").await;
}

#[tokio::test]
async fn unknown_api_routes_answer_json_not_found() {
    let app = spawn_app().await;
    for (method, path) in [
        (Method::GET, "/api/v1/nothing-here"),
        (Method::POST, "/api/v2/anything"),
        (Method::DELETE, "/api/v1/me"),
        (Method::GET, "/health/unknown"),
    ] {
        let response = app.request(method, path, None, None).await;
        assert_error(response, StatusCode::NOT_FOUND, "route_not_found").await;
    }
}

#[tokio::test]
async fn validation_failures_name_each_field() {
    let app = spawn_app().await;
    let response = app
        .request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": "", "password": "" })),
        )
        .await;
    let body = assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert!(body["error"]["fields"]["email"][0].is_string());
    assert!(body["error"]["fields"]["password"][0].is_string());
}

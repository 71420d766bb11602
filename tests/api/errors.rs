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

/// Every error response of the OpenAPI document names its codes, each a code of the table with the
/// response's status, lists them in `x-error-codes`, and `ErrorBody` refers to the whole table.
#[tokio::test]
async fn the_api_description_names_only_error_codes_of_the_table_with_their_status() {
    use qifu::{error::Code, openapi::named_codes};
    let app = spawn_app().await;
    let doc: serde_json::Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = &doc["components"]["schemas"];
    let table: Vec<&str> = schemas["ErrorCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        table.len(),
        Code::ALL.len() - 1,
        "one string per code but not_found"
    );
    assert_eq!(
        schemas["ErrorCode"]["x-statuses"]["bid_after_deadline"],
        422
    );
    let detail = &schemas["ErrorDetail"]["properties"]["code"];
    assert!(
        detail
            .to_string()
            .contains("#/components/schemas/ErrorCode"),
        "{detail}"
    );
    let mut mistakes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                if !status.starts_with(['4', '5']) {
                    continue;
                }
                let at = format!("{method} {path} {status}");
                let description = response["description"].as_str().unwrap_or_default();
                let named = named_codes(description);
                if named.is_empty() {
                    mistakes.push(format!("{at}: names no code"));
                }
                for name in named {
                    let codes = name.codes();
                    if codes.is_empty() {
                        mistakes.push(format!("{at}: {name:?} is not in the code table"));
                    } else if !codes.iter().any(|c| c.status().as_str() == status) {
                        let statuses: Vec<_> = codes.iter().map(|c| c.status().as_u16()).collect();
                        mistakes.push(format!("{at}: {name:?} answers {statuses:?}"));
                    }
                }
                if !response["x-error-codes"].is_array() {
                    mistakes.push(format!("{at}: no x-error-codes"));
                }
            }
        }
    }
    assert!(mistakes.is_empty(), "{}", mistakes.join("\n"));
}

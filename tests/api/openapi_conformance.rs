//! The OpenAPI document describes what the server does: every list and detail endpoint's real
//! answers, as each role sees them on the demo data and a small market, validate against the
//! document's own response schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses), and the document
//! itself has no enum written as Rust names, no schema that two types share, and the 415 answer.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::Value;

use crate::{
    helpers::{spawn_app, Session, TestApp, ROLES},
    marketplace::{bid, market, published, sign_in},
};

const DOCUMENT_URL: &str = "http://qifu.test/openapi.json";

/// `~` and `/` escaped for a JSON pointer.
fn pointer_escape(part: &str) -> String {
    part.replace('~', "~0").replace('/', "~1")
}

/// The response schema of `GET path` for a 200, compiled from the document.
fn compile_response_schema(
    document: &Value,
    path: &str,
    schemas: &mut boon::Schemas,
) -> Option<boon::SchemaIndex> {
    let content = &document["paths"][path]["get"]["responses"]["200"]["content"];
    content.get("application/json")?.get("schema")?;
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(DOCUMENT_URL, document.clone())
        .unwrap();
    let location = format!(
        "{DOCUMENT_URL}#/paths/{}/get/responses/200/content/application~1json/schema",
        pointer_escape(path)
    );
    Some(
        compiler
            .compile(&location, schemas)
            .unwrap_or_else(|e| panic!("{path}: {e:#}")),
    )
}

/// Path parameters, in order.
fn parameters(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|part| part.starts_with('{'))
        .collect()
}

/// Whether an operation needs a query parameter this test cannot make up.
fn needs_unknown_query(operation: &Value) -> bool {
    operation["parameters"].as_array().is_some_and(|ps| {
        ps.iter()
            .any(|p| p["in"] == "query" && p["required"] == true && p["name"] != "q")
    })
}

/// The ids a list answer holds (`items[].id`, or an array's `id`s).
fn ids_in(body: &Value) -> Vec<String> {
    let rows = body
        .get("items")
        .and_then(Value::as_array)
        .or_else(|| body.as_array());
    rows.into_iter()
        .flatten()
        .filter_map(|row| row["id"].as_str().map(str::to_owned))
        .collect()
}

async fn a_market_with_a_bid(app: &TestApp) {
    let m = market(app, 2).await;
    let p = published(app, &m, "lowest_price").await;
    let bidder = sign_in(app, &m.bidders[0]).await;
    let placed = bid(app, &bidder, p["id"].as_str().unwrap(), 5_000_000).await;
    assert_eq!(placed.status(), StatusCode::OK);
}

async fn sessions(app: &TestApp) -> Vec<(&'static str, Session)> {
    let mut all = Vec::new();
    for (role, _) in ROLES {
        all.push((role, app.login_as(role).await));
    }
    all
}

#[tokio::test]
async fn real_answers_of_every_list_and_detail_endpoint_match_the_documents_schemas() {
    let app = spawn_app().await;
    a_market_with_a_bid(&app).await;
    let document: Value = app.get_public_json("/api/openapi.json").await;
    let sessions = sessions(&app).await;
    let paths: Vec<(String, Value)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(path, item)| (path.clone(), item["get"].clone()))
        .collect();
    let mut schemas = boon::Schemas::new();
    // Each list's ids per role, for its detail pages.
    let mut ids: BTreeMap<(String, &str), Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    // Lists first (no parameters in the path), then the pages under them.
    for depth in 0..=1 {
        for (path, operation) in &paths {
            let params = parameters(path);
            if params.len() != depth || needs_unknown_query(operation) {
                continue;
            }
            let Some(schema) = compile_response_schema(&document, path, &mut schemas) else {
                continue;
            };
            for (role, session) in &sessions {
                let url = if depth == 0 {
                    path.clone()
                } else {
                    let parent = path.split("/{").next().unwrap().to_owned();
                    let Some(id) = ids.get(&(parent, role)).and_then(|v| v.first()) else {
                        continue;
                    };
                    path.replacen(params[0], id, 1)
                };
                let url = if operation["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p["name"] == "q"))
                {
                    format!("{url}?q=演示")
                } else {
                    url
                };
                let response = app.get(&url, session).await;
                if response.status() != StatusCode::OK {
                    continue;
                }
                let is_json = response
                    .headers()
                    .get(reqwest::header::CONTENT_TYPE)
                    .is_some_and(|t| t.to_str().unwrap_or_default().contains("json"));
                if !is_json {
                    continue;
                }
                let body: Value = response.json().await.unwrap();
                if depth == 0 {
                    ids.insert((path.clone(), role), ids_in(&body));
                }
                checked += 1;
                if let Err(e) = schemas.validate(&body, schema) {
                    failures.push(format!("GET {url} as {role}: {e:#}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked >= 100, "only {checked} answers were checked");
}

#[tokio::test]
async fn the_document_names_enums_as_sent_gives_each_schema_one_type_and_lists_415() {
    let app = spawn_app().await;
    let document: Value = app.get_public_json("/api/openapi.json").await;
    let schemas = document["components"]["schemas"].as_object().unwrap();
    assert_eq!(
        schemas["Role"]["enum"],
        serde_json::json!([
            "enterprise",
            "intermediary",
            "commissioner",
            "department",
            "regulator",
            "center_admin"
        ])
    );
    assert_eq!(
        schemas["Locale"]["enum"],
        serde_json::json!(["zh-CN", "en"])
    );
    for (name, schema) in schemas {
        if let Some(values) = schema["enum"].as_array() {
            for value in values.iter().filter_map(Value::as_str) {
                let rust_like = value.chars().next().is_some_and(char::is_uppercase)
                    && value.chars().any(char::is_lowercase)
                    && !value.contains(' ');
                assert!(!rust_like, "{name} lists `{value}`, a Rust name");
            }
        }
    }
    for name in [
        "PackageRequest",
        "ServiceTypePackageRequest",
        "PackageResponse",
        "ServiceTypePackageResponse",
        "ReasonRequest",
        "ProcurementReasonRequest",
    ] {
        assert!(schemas.contains_key(name), "{name} is missing");
    }
    // Validation limits are part of the schemas: a client can check before it sends.
    let register = &schemas["RegisterRequest"]["properties"]["display_name"];
    assert_eq!(register["maxLength"], 50, "{register}");
    assert_eq!(register["minLength"], 1, "{register}");
    let login = &document["paths"]["/api/v1/auth/login"]["post"]["responses"];
    assert!(login.get("415").is_some(), "{login}");
    let mut dangling = Vec::new();
    collect_dangling_references(&document, schemas, &mut dangling);
    assert!(dangling.is_empty(), "references to no schema: {dangling:?}");
}

/// Every `$ref` to a component schema that the document does not define.
fn collect_dangling_references(
    value: &Value,
    schemas: &serde_json::Map<String, Value>,
    dangling: &mut Vec<String>,
) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                let name = reference.trim_start_matches("#/components/schemas/");
                if !schemas.contains_key(name) {
                    dangling.push(reference.to_owned());
                }
            }
            for child in map.values() {
                collect_dangling_references(child, schemas, dangling);
            }
        }
        Value::Array(items) => {
            for child in items {
                collect_dangling_references(child, schemas, dangling);
            }
        }
        _ => {}
    }
}

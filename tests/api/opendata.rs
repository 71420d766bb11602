//! The marketplace's statistics and its open data: the OCDS release packages served at
//! `/opendata/ocds/releases`, validated against the vendored OCDS 1.1.5 schema, with nothing of
//! the bids while bidding is open; and the dashboard figures of `/marketplace/statistics`.

use reqwest::StatusCode;
use serde_json::Value;

use crate::{
    helpers::{spawn_app, TestApp},
    marketplace::{bid, deadline, get, market, published, run_deadlines_after, sign_in},
};

const RELEASE_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";
const PACKAGE_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json";
const RELEASE_SCHEMA: &str =
    include_str!("../../src/opendata/schema/ocds-1.1.5/release-schema.json");
const PACKAGE_SCHEMA: &str =
    include_str!("../../src/opendata/schema/ocds-1.1.5/release-package-schema.json");

/// Validates a release package against the vendored schemas (nothing is fetched).
fn assert_valid_package(package: &Value) {
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource(
            RELEASE_SCHEMA_URL,
            serde_json::from_str(RELEASE_SCHEMA).unwrap(),
        )
        .unwrap();
    compiler
        .add_resource(
            PACKAGE_SCHEMA_URL,
            serde_json::from_str(PACKAGE_SCHEMA).unwrap(),
        )
        .unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(PACKAGE_SCHEMA_URL, &mut schemas).unwrap();
    if let Err(e) = schemas.validate(package, index) {
        panic!("not valid OCDS 1.1.5: {e:#}\n{package:#}");
    }
}

async fn releases(app: &TestApp, query: &str) -> (StatusCode, Option<Value>, String) {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/opendata/ocds/releases{query}")))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let total = response.headers()["x-total-count"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = if status == StatusCode::OK {
        Some(response.json().await.unwrap())
    } else {
        None
    };
    (status, body, total)
}

#[tokio::test]
async fn the_procurement_lifecycle_is_published_as_valid_ocds_with_nothing_sealed() {
    let app = spawn_app().await;
    let (status, _, total) = releases(&app, "").await;
    assert_eq!((status, total.as_str()), (StatusCode::NO_CONTENT, "0"));

    let m = market(&app, 3).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let owner = app.login_as("enterprise").await;
    crate::marketplace::draft(
        &app,
        &owner,
        crate::marketplace::procurement_body(&m, "scored"),
    )
    .await;
    for (bidder, price) in m.bidders.iter().zip([5_000_000, 6_000_000, 6_500_000]) {
        bid(&app, &sign_in(&app, bidder).await, &id, price).await;
    }
    let (status, package, total) = releases(&app, "").await;
    assert_eq!(
        (status, total.as_str()),
        (StatusCode::OK, "1"),
        "drafts are not published"
    );
    let package = package.unwrap();
    assert_valid_package(&package);
    let release = &package["releases"][0];
    assert_eq!(release["ocid"], format!("ocds-qifu01-{id}"));
    assert_eq!(release["tag"], serde_json::json!(["tender"]));
    assert_eq!(release["tender"]["value"]["amount"], 80000.0);
    let text = package.to_string();
    for secret in [
        "bids",
        "numberOfTenderers",
        "tenderers",
        "awards",
        "5000000",
        "50000",
    ] {
        assert!(
            !text.contains(secret),
            "`{secret}` leaks while bidding is open"
        );
    }
    for bidder in &m.bidders {
        assert!(!text.contains(&bidder.uscc) && !text.contains(&bidder.organisation));
    }

    run_deadlines_after(&app, deadline(&p)).await;
    let (_, package, _) = releases(&app, "").await;
    let package = package.unwrap();
    assert_valid_package(&package);
    let release = &package["releases"][0];
    assert_eq!(release["tender"]["numberOfTenderers"], 3);
    assert_eq!(release["awards"][0]["value"]["amount"], 50000.0);
    assert_eq!(
        release["awards"][0]["status"], "pending",
        "in public notice"
    );
    let statistics = release["bids"]["statistics"].as_array().unwrap();
    assert!(
        statistics
            .iter()
            .any(|s| s["measure"] == "validBids" && s["value"] == 3),
        "{statistics:?}"
    );

    // `since` keeps only what changed from then on.
    let later = (app.clock_now() + chrono::Duration::seconds(1)).to_rfc3339();
    let (status, _, _) = releases(&app, &format!("?since={}", later.replace('+', "%2B"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_dashboard_counts_jobs_failures_working_days_and_the_saving() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let awarded = published(&app, &m, "lowest_price").await;
    let failed = published(&app, &m, "random_draw").await;
    let open = published(&app, &m, "direct_pick").await; // closed, waiting for the owner's pick
    let id = awarded["id"].as_str().unwrap();
    for (bidder, price) in m.bidders.iter().zip([6_000_000, 6_500_000, 7_000_000]) {
        bid(&app, &sign_in(&app, bidder).await, id, price).await;
    }
    bid(
        &app,
        &sign_in(&app, &m.bidders[0]).await,
        failed["id"].as_str().unwrap(),
        5_000_000,
    )
    .await;
    bid(
        &app,
        &sign_in(&app, &m.bidders[1]).await,
        open["id"].as_str().unwrap(),
        5_000_000,
    )
    .await;
    // Published Monday 2 March, closed just after Thursday's deadline: awarded on Friday 6 March,
    // four working days after publishing.
    run_deadlines_after(&app, deadline(&awarded)).await;

    let admin = app.login_as("center_admin").await;
    let stats = get(&app, "/api/v1/marketplace/statistics", &admin).await;
    let overall = &stats["overall"];
    assert_eq!(overall["jobs"], 3);
    assert_eq!(overall["awarded"], 1);
    assert_eq!(overall["failed"], 1);
    assert_eq!(overall["closed"], 3);
    assert_eq!(overall["failure_rate"].as_f64().unwrap(), 1.0 / 3.0);
    assert_eq!(overall["avg_working_days_to_award"], 4.0);
    assert_eq!(overall["avg_price_fen"], 6_000_000);
    assert_eq!(overall["saving_rate"].as_f64().unwrap(), 0.25);
    assert_eq!(stats["by_subject"][0]["code"], "eia");
    assert_eq!(stats["by_month"][0]["month"], "2026-03");
    assert_eq!(stats["by_status"]["failed"], 1);
    let regulator = app.login_as("regulator").await;
    assert_eq!(
        app.get("/api/v1/marketplace/statistics", &regulator)
            .await
            .status(),
        StatusCode::OK
    );
    let backwards = app
        .get(
            "/api/v1/marketplace/statistics?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
            &admin,
        )
        .await;
    crate::helpers::assert_error(
        backwards,
        StatusCode::BAD_REQUEST,
        "statistics_range_invalid",
    )
    .await;
}

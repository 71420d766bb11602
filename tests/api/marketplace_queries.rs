//! The marketplace's lists read the database a fixed number of times per page, however many
//! rows the page holds: the owner's procurements, an intermediary's open procurements, the
//! public result notices and the open-data releases each answer a page of two rows and a page
//! of eight with the same number of statements (counted with sea-orm's metric callback, leaving
//! out the background workers' tables).

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use chrono::Duration;

use crate::helpers::{spawn_with, test_settings, TestApp};
use crate::marketplace::{bid, deadline, market, published, run_deadlines_after, sign_in, Market};

/// Statements the workers run on their own schedule, which a request does not cause.
const BACKGROUND: [&str; 4] = ["outbox_messages", "job", "search_changes", "scheduler"];

async fn counted_app() -> (TestApp, Arc<AtomicUsize>) {
    let (settings, mut db) = test_settings().await;
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |info| {
        let sql = info.statement.sql.as_str();
        if !BACKGROUND.iter().any(|table| sql.contains(table)) {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    (spawn_with(settings, db, true).await, statements)
}

/// Publishes `n` random-draw procurements, each bid on by all three bidders.
async fn publish_bid_on(app: &TestApp, m: &Market, n: usize) -> Vec<serde_json::Value> {
    let mut list = Vec::new();
    for _ in 0..n {
        let p = published(app, m, "random_draw").await;
        for bidder in &m.bidders {
            bid(
                app,
                &sign_in(app, bidder).await,
                p["id"].as_str().unwrap(),
                5_000_000,
            )
            .await;
        }
        list.push(p);
    }
    list
}

/// How many statements one GET causes, and its number of rows (`items` of a page, or the array).
async fn statements_of(
    app: &TestApp,
    statements: &AtomicUsize,
    path: &str,
    token: Option<&crate::helpers::Session>,
) -> (usize, usize) {
    let before = statements.load(Ordering::SeqCst);
    let body: serde_json::Value = match token {
        Some(session) => app.get_json(path, session).await,
        None => app.get_public_json(path).await,
    };
    let used = statements.load(Ordering::SeqCst) - before;
    let rows = body["items"]
        .as_array()
        .or(body["releases"].as_array())
        .or(body.as_array())
        .map_or(0, Vec::len);
    (used, rows)
}

#[tokio::test]
async fn a_page_of_eight_reads_the_database_as_often_as_a_page_of_two() {
    let (app, statements) = counted_app().await;
    let m = market(&app, 3).await;
    let open = publish_bid_on(&app, &m, 8).await;
    let owner = app.login_as("enterprise").await;
    let bidder = sign_in(&app, &m.bidders[0]).await;
    let lists: [(&str, Option<&crate::helpers::Session>); 3] = [
        ("/api/v1/procurements?mine=true&per_page={n}", Some(&owner)),
        ("/api/v1/opendata/ocds/releases?per_page={n}", Some(&owner)),
        ("/api/v1/procurements?per_page={n}", Some(&bidder)),
    ];
    for (path, session) in lists {
        let (two, rows) =
            statements_of(&app, &statements, &path.replace("{n}", "2"), session).await;
        assert_eq!(rows, 2, "{path}");
        let (eight, rows) =
            statements_of(&app, &statements, &path.replace("{n}", "8"), session).await;
        assert_eq!(rows, 8, "{path}");
        assert_eq!(
            two, eight,
            "{path}: {two} statements for 2 rows, {eight} for 8"
        );
    }
    let (used, rows) = statements_of(
        &app,
        &statements,
        "/api/v1/procurements/open",
        Some(&bidder),
    )
    .await;
    assert_eq!(rows, 8);
    assert!(used < 20, "{used} statements for the open procurements");

    run_deadlines_after(&app, deadline(&open[0]) + Duration::minutes(1)).await;
    let notices = "/api/v1/public/notices?per_page={n}";
    let (two, rows) = statements_of(&app, &statements, &notices.replace("{n}", "2"), None).await;
    assert_eq!(rows, 2);
    let (eight, rows) = statements_of(&app, &statements, &notices.replace("{n}", "8"), None).await;
    assert_eq!(rows, 8);
    assert_eq!(
        two, eight,
        "notices: {two} statements for 2 rows, {eight} for 8"
    );
}

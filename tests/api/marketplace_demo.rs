//! The intermediary supermarket's demo data (the last step of `qifu seed --demo`) on the test
//! database (SQLite, or PostgreSQL when `QIFU_TEST_DATABASE_URL` is set): a hundred
//! intermediaries, procurements in every state and with every selection method whose instants
//! are consistent and in the past, nothing added by a second run, and the demo accounts finding
//! their procurements, bids and contracts through the API.

use chrono::{DateTime, TimeZone, Utc};
use qifu::{
    demo::{marketplace::MarketplaceSeedReport, seed},
    enterprises::SizeStandard,
    marketplace::model::{ProcurementStatus, SelectionMethod},
};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp, DEMO_PASSWORD};

/// A seeding day with six months of working-day calendar behind it.
fn seeding_day() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, 1, 30, 0).unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let statement = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn seeded_app() -> (TestApp, MarketplaceSeedReport) {
    let app = spawn_app().await;
    let now = seeding_day();
    app.advance(now - app.clock_now());
    let standard = SizeStandard::shipped().unwrap();
    seed::seed_demo_catalogue(&app.db, &standard, now)
        .await
        .unwrap();
    seed::seed_demo_enterprises(&app.db, &standard, 20, now, |_, _| {})
        .await
        .unwrap();
    // A real address's e-mail queued during the replayed months must survive the seeding.
    let real = serde_json::json!({ "to": "owner@example.com", "subject": "真实邮件" });
    qifu::outbox::enqueue(
        &app.db,
        qifu::outbox::EMAIL,
        &real,
        now - chrono::Duration::days(30),
    )
    .await
    .unwrap();
    let report = seed::seed_demo_marketplace(
        (&app.db, &app.state.hasher),
        &app.state.settings.marketplace,
        DEMO_PASSWORD,
        now,
    )
    .await
    .unwrap();
    (app, report)
}

#[tokio::test]
async fn the_marketplace_demo_covers_every_state_and_method_once_with_consistent_instants() {
    let (app, first) = seeded_app().await;
    assert_eq!(
        (first.service_types_created, first.packages_created),
        (39, 4)
    );
    assert_eq!(first.intermediaries_created, 100);
    // A user per generated intermediary and per generated owner.
    assert_eq!(first.users_created, 104);
    assert_eq!(first.procurements_created, 100);
    for status in ProcurementStatus::ALL {
        assert!(
            first.statuses.contains_key(status.as_str()),
            "{status:?}: {first:?}"
        );
    }
    for method in SelectionMethod::ALL {
        assert!(first.methods.contains_key(method.as_str()), "{method:?}");
    }
    let profiles = count(&app, "SELECT COUNT(*) FROM intermediary_profiles").await;
    assert_eq!(profiles, 101, "the hundred and the demo intermediary");
    let listed = count(
        &app,
        "SELECT COUNT(DISTINCT organisation_id) FROM intermediary_service_types",
    )
    .await;
    assert_eq!(listed, 101);

    // The replay's notifications stay in the app; its e-mails to demo addresses are dropped.
    assert!(first.emails_dropped > 100, "{}", first.emails_dropped);
    let pending = "SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'";
    assert_eq!(
        count(&app, pending).await,
        1,
        "only the real address's e-mail"
    );
    let notified = "SELECT COUNT(*) FROM notifications WHERE category = 'marketplace'";
    assert!(count(&app, notified).await > 100);

    let audit = "SELECT COUNT(*) FROM audit_entries";
    let entries = count(&app, audit).await;
    let second = seed::seed_demo_marketplace(
        (&app.db, &app.state.hasher),
        &app.state.settings.marketplace,
        DEMO_PASSWORD,
        seeding_day(),
    )
    .await
    .unwrap();
    assert_eq!(second, MarketplaceSeedReport::default());
    assert_eq!(
        count(&app, audit).await,
        entries,
        "the second run wrote nothing"
    );
    let procurements = entities::procurement::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(procurements, 100);

    instants_are_consistent(&app).await;
}

/// Every step happened before the seeding day, in lifecycle order; open jobs can still be bid on.
async fn instants_are_consistent(app: &TestApp) {
    let now = seeding_day();
    let procurements = entities::procurement::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    for p in &procurements {
        let steps = [p.published_at, p.closed_at, p.awarded_at]
            .into_iter()
            .flatten();
        assert!(
            steps.clone().all(|at| at <= now && at >= p.created_at),
            "{}",
            p.title
        );
        if let (Some(published), Some(deadline)) = (p.published_at, p.bid_deadline) {
            assert!(published < deadline, "{}", p.title);
        }
        if let (Some(deadline), Some(closed)) = (p.bid_deadline, p.closed_at) {
            assert!(deadline < closed, "{}", p.title);
        }
        if p.status.as_str() == "published" {
            assert!(
                p.bid_deadline.unwrap() > now + chrono::Duration::days(2),
                "{}",
                p.title
            );
        }
    }
    let contracts = entities::contract::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    for c in &contracts {
        for at in [c.signed_at, c.delivered_at, c.accepted_at]
            .into_iter()
            .flatten()
        {
            assert!(at <= now && at >= c.created_at);
        }
    }
    let accepted: Vec<_> = contracts
        .iter()
        .filter(|c| c.status.as_str() == "accepted")
        .collect();
    assert!(accepted.iter().any(|c| c.late) && accepted.iter().any(|c| !c.late));
    let bids = entities::bid::Entity::find().all(&app.db).await.unwrap();
    assert!(bids.len() > 250, "{} bids", bids.len());
    assert!(bids.iter().all(|b| b.placed_at <= now));
}

fn statuses(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_demo_accounts_find_their_marketplace_work_through_the_api() {
    let (app, _) = seeded_app().await;
    let owner = app.login_as("enterprise").await;
    let mine = app
        .get_json("/api/v1/procurements?mine=true&per_page=100", &owner)
        .await;
    let own = statuses(&mine["items"]);
    for status in [
        "draft",
        "published",
        "evaluating",
        "notice",
        "awarded",
        "delivered",
        "accepted",
    ] {
        assert!(own.contains(&status), "{status}: {own:?}");
    }
    let waiting = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "evaluating" && p["selection_method"] == "direct_pick")
        .expect("a direct pick waiting for the owner");
    let evaluation = app
        .get_json(
            &format!(
                "/api/v1/procurements/{}/evaluation",
                waiting["id"].as_str().unwrap()
            ),
            &owner,
        )
        .await;
    assert!(
        evaluation["bids"].as_array().unwrap().len() >= 3,
        "{evaluation}"
    );

    let intermediary = app.login_as("intermediary").await;
    let me = app
        .get_json("/api/v1/intermediaries/me", &intermediary)
        .await;
    assert_eq!(me["service_types"].as_array().unwrap().len(), 7);
    assert_eq!(me["qualifications"].as_array().unwrap().len(), 5);
    let bids = app.get_json("/api/v1/bids/mine", &intermediary).await;
    let bids = bids.as_array().unwrap();
    assert!(
        bids.iter().any(|b| b["procurement_status"] == "published"),
        "an open bid"
    );
    assert!(
        bids.iter()
            .any(|b| b["procurement_status"] == "evaluating" && b["bid"]["abnormally_low"] == true),
        "an abnormally low bid to justify"
    );
    let contracts = app.get_json("/api/v1/contracts/mine", &intermediary).await;
    let contracts = contracts.as_array().unwrap();
    let signed = |returned: bool| {
        contracts.iter().any(|c| {
            c["status"] == "signed"
                && c["deliveries"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["decision"] == "returned")
                    == returned
        })
    };
    assert!(signed(false), "a signed contract awaiting delivery");
    assert!(signed(true), "a returned delivery");
    assert!(
        contracts.iter().any(|c| c["status"] == "proposed"),
        "a contract to confirm"
    );
    let open = app
        .get_json("/api/v1/procurements/open", &intermediary)
        .await;
    assert!(!open.as_array().unwrap().is_empty());

    let generated = app
        .login_with("intermediary-001@demo.qifu.local", DEMO_PASSWORD)
        .await;
    let profile = app.get_json("/api/v1/intermediaries/me", &generated).await;
    assert!(!profile["service_types"].as_array().unwrap().is_empty());
    let listed = app.get_json("/api/v1/intermediaries", &owner).await;
    assert!(listed.as_array().unwrap().len() >= 100);
    let notices = app
        .client
        .get(app.url("/api/v1/public/notices?per_page=100"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(
        notices["total"].as_u64().unwrap() >= 50,
        "{}",
        notices["total"]
    );
}

//! The audit log: entries for every change, filters and paging, and the hash chain's verification.

use chrono::Duration;
use qifu::audit::{verify_chain, ChainReport};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use crate::helpers::{new_uscc, spawn_app};

#[tokio::test]
async fn the_demo_seed_leaves_an_intact_chain() {
    let app = spawn_app().await;
    app.login_as("center_admin").await;
    let report = verify_chain(&app.db).await.unwrap();
    // 11 from the demo seed, 2 shipped calendar years, 1 sign-in.
    assert_eq!(report, ChainReport::Intact { entries: 14 });
}

#[tokio::test]
async fn an_entry_says_who_did_what_when_and_from_where() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let entry = &app.audit_entries("user.login").await[1];
    assert_eq!(entry["actor"]["email"], "enterprise@demo.qifu.local");
    assert_eq!(entry["actor"]["role"], "enterprise");
    assert_eq!(
        entry["actor"]["organisation_id"],
        session.user["organisation"]["id"]
    );
    assert_eq!(
        entry["actor"]["organisation_name"],
        "杭州演示智能科技有限公司"
    );
    assert_eq!(entry["target_type"], "user");
    assert_eq!(entry["target_id"], session.user["id"]);
    assert_eq!(entry["ip"], "127.0.0.1");
    assert_eq!(entry["occurred_at"], "2026-03-02T09:00:00Z");
}

async fn tamper(app: &crate::helpers::TestApp, sql: &str) {
    app.db
        .execute_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap();
}

#[tokio::test]
async fn verification_finds_a_renamed_actor_organisation() {
    let app = spawn_app().await;
    app.login_as("enterprise").await;
    let seq = app.audit_entries("user.login").await[1]["id"]
        .as_i64()
        .unwrap();
    tamper(
        &app,
        &format!(
            "UPDATE audit_entries SET actor_organisation_name = 'someone else' WHERE seq = {seq}"
        ),
    )
    .await;
    let report = verify_chain(&app.db).await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { seq: s, .. } if s == seq),
        "{report:?}"
    );
}

#[tokio::test]
async fn verification_finds_an_altered_row() {
    let app = spawn_app().await;
    tamper(
        &app,
        "UPDATE audit_entries SET summary = '{\"forged\":true}' WHERE seq = 4",
    )
    .await;
    let report = verify_chain(&app.db).await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { seq: 4, .. }),
        "{report:?}"
    );
}

#[tokio::test]
async fn verification_finds_a_removed_row() {
    let app = spawn_app().await;
    tamper(&app, "DELETE FROM audit_entries WHERE seq = 7").await;
    let report = verify_chain(&app.db).await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { seq: 8, .. }),
        "{report:?}"
    );
}

#[tokio::test]
async fn verification_finds_a_rewritten_hash() {
    let app = spawn_app().await;
    tamper(
        &app,
        "UPDATE audit_entries SET action = 'user.nothing', hash = 'aa' WHERE seq = 2",
    )
    .await;
    let report = verify_chain(&app.db).await.unwrap();
    assert!(
        matches!(report, ChainReport::Broken { seq: 2, .. }),
        "{report:?}"
    );
}

#[tokio::test]
async fn the_log_filters_by_actor_action_target_and_time() {
    let app = spawn_app().await;
    app.advance(Duration::hours(1));
    let registered: Value = app
        .register("enterprise", &new_uscc(), "filter@example.com")
        .await
        .json()
        .await
        .unwrap();
    let org = registered["organisation"]["id"].as_str().unwrap();
    let admin = app.login_as("center_admin").await;
    let query = |q: String| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let body: Value = app.get_json(&format!("/api/v1/audit?{q}"), &admin).await;
            body["total"].as_u64().unwrap()
        }
    };
    assert_eq!(query("actor=FILTER@example.com".into()).await, 1);
    assert_eq!(
        query(format!("target_type=organisation&target_id={org}")).await,
        1
    );
    assert_eq!(query("action=organisation.create".into()).await, 5);
    assert_eq!(query("from=2026-03-02T09:30:00Z".into()).await, 2);
    assert_eq!(query("to=2026-03-02T09:30:00Z".into()).await, 13);
    assert_eq!(
        query("from=2026-03-02T09:30:00Z&action=user.login".into()).await,
        1
    );
}

#[tokio::test]
async fn the_log_is_newest_first_and_paged() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let page: Value = app.get_json("/api/v1/audit?per_page=5", &admin).await;
    assert_eq!(page["total"], 14);
    let ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![14, 13, 12, 11, 10]);
    assert_eq!(page["items"][0]["action"], "user.login");
}

#[tokio::test]
async fn a_failed_change_leaves_no_entry() {
    let app = spawn_app().await;
    let uscc = new_uscc();
    app.register("enterprise", &uscc, "one@example.com").await;
    let conflict = app.register("enterprise", &uscc, "two@example.com").await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    assert_eq!(app.audit_entries("organisation.register").await.len(), 1);
}

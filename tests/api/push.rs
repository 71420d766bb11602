//! The push job at scale: a clause that tens of thousands of enterprises meet is pushed in
//! chunks, each committed with the cursor, so requests keep being answered while it runs and
//! the run keeps heartbeating; a run stopped half-way is carried on by the next; every
//! enterprise is told once.

use std::time::{Duration, Instant};

use chrono::Duration as ChronoDuration;
use entities::{job_run, organisation, user};
use qifu::{
    demo::enterprises::{EnterpriseSet, SYNTHETIC_BATCH},
    enterprises::SizeStandard,
    policies::{push_eligibilities, PoliciesError, PushLimits, PushReport},
    scheduler::{run_job_at, Trigger},
};
use reqwest::StatusCode;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, Statement,
};
use serde_json::{json, Value};

use crate::{
    helpers::{spawn_with, test_settings, Session, TestApp},
    policies::{clause, policy, publish, rd_clause, save_profile},
};

/// Synthetic enterprises (written in bulk, as `qifu seed --synthetic` does), each with one
/// active user who wants e-mail, so that telling one writes a notice, a notification and an
/// outbox message.
async fn enterprises_with_users(app: &TestApp, count: u64) {
    let standard = SizeStandard::shipped().unwrap();
    qifu::demo::seed::seed_synthetic_enterprises(
        &app.db,
        &standard,
        count,
        app.clock_now(),
        |_, _| {},
    )
    .await
    .unwrap();
    let ids: Vec<i64> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Uscc.like(EnterpriseSet::Synthetic.uscc_pattern()))
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap();
    let now = app.clock_now();
    for chunk in ids.chunks(usize::try_from(SYNTHETIC_BATCH).unwrap()) {
        let users = chunk.iter().map(|id| user::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4()),
            organisation_id: Set(*id),
            email: Set(format!("user{id}@synthetic.qifu.local")),
            display_name: Set(format!("用户{id}")),
            role: Set(user::Role::Enterprise),
            locale: Set(user::Locale::ZhCn),
            status: Set(user::UserStatus::Active),
            password_hash: Set("not-a-hash".to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        user::Entity::insert_many(users)
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
}

/// A published clause every Zhejiang enterprise meets; answers its id and how many meet it.
async fn clause_for_zhejiang(app: &TestApp, admin: &Session, title: &str) -> (String, i64) {
    let policy = policy(app, admin).await;
    let mut body = rd_clause();
    body["title"] = json!(title);
    body["condition_text"] = json!(r#"region within "33""#);
    let id = clause(app, admin, &policy, body).await;
    publish(app, admin, &id).await;
    let eligible = app
        .get_json(&format!("/api/v1/clauses/{id}/eligible?per_page=1"), admin)
        .await;
    (id, eligible["total"].as_i64().unwrap())
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let statement = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// Each enterprise told of each clause once: as many notices, one notification per user and
/// clause, and no user notified of one clause twice.
async fn assert_told_once(app: &TestApp, notices: i64) {
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM eligibility_notices").await,
        notices
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM notifications WHERE event = 'policy_matched'"
        )
        .await,
        notices,
        "one notification per notice (every enterprise here has one user)"
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM (SELECT user_id, title FROM notifications \
             WHERE event = 'policy_matched' GROUP BY user_id, title HAVING COUNT(*) > 1) twice"
        )
        .await,
        0,
        "nobody told twice of one clause"
    );
}

/// Reads the enterprise's unread count, and every fifth time signs in again; answers how long
/// it took.
async fn read_once(app: &TestApp, session: &Session, round: usize) -> Duration {
    let started = Instant::now();
    let response = app.get("/api/v1/notifications/unread-count", session).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "read {round} during the push"
    );
    if round.is_multiple_of(5) {
        let response = app
            .login(
                crate::helpers::email_of("enterprise"),
                crate::helpers::DEMO_PASSWORD,
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "sign-in {round} during the push"
        );
    }
    started.elapsed()
}

/// How many enterprises meet the clause: 20,000 on SQLite, whose one connection the push shares
/// with every request; on PostgreSQL readers never wait for it (a pool, and no reader waits for
/// a writer) and every statement is a round trip, so 3,000 keep the run short.
fn enterprises_for(app: &TestApp) -> u64 {
    match app.db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => 20_000,
        _ => 3_000,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushing_a_clause_to_thousands_of_enterprises_lets_other_requests_through() {
    let (mut settings, db) = test_settings().await;
    // A heartbeat every second, so that a run of several seconds must show one.
    settings.scheduler.stale_after_seconds = 3;
    let app = spawn_with(settings, db, true).await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let enterprises = enterprises_for(&app);
    enterprises_with_users(&app, enterprises).await;
    let (_, eligible) = clause_for_zhejiang(&app, &admin, "浙江企业普惠补助").await;
    assert_eq!(
        eligible,
        i64::try_from(enterprises).unwrap() + 1,
        "every synthetic enterprise and the demo one"
    );

    let state = app.state.clone();
    let instant = app.clock_now();
    let started = Instant::now();
    let job = tokio::spawn(async move {
        run_job_at(
            &state.scheduler,
            "push_eligibility",
            instant,
            Trigger::Manual,
        )
        .await
    });
    let (mut reads, mut slowest, mut heartbeat_seen) = (0, Duration::ZERO, false);
    while !job.is_finished() {
        slowest = slowest.max(read_once(&app, &enterprise, reads).await);
        reads += 1;
        // The heartbeat writes the clock's time: move it so that a heartbeat shows.
        app.advance(ChronoDuration::seconds(1));
        let running = job_run::Entity::find()
            .filter(job_run::Column::JobName.eq("push_eligibility"))
            .filter(job_run::Column::FinishedAt.is_null())
            .one(&app.db)
            .await
            .unwrap();
        heartbeat_seen |= running.is_some_and(|run| run.heartbeat_at > run.started_at);
    }
    let run = job.await.unwrap().unwrap();
    let took = started.elapsed();
    eprintln!(
        "push of {eligible} enterprises: {took:?}; {reads} reads meanwhile, the slowest {slowest:?}"
    );
    assert_eq!(run.outcome, "succeeded", "{:?}", run.message);
    assert!(
        reads >= 3,
        "the push ended before anything was read ({took:?})"
    );
    assert!(
        slowest < Duration::from_secs(1),
        "a request waited {slowest:?} for the push"
    );
    assert!(
        heartbeat_seen || took < Duration::from_secs(3),
        "a push of {took:?} never heartbeat"
    );
    assert_told_once(&app, eligible).await;
    let inbox: Value = app
        .get_json("/api/v1/notifications/unread-count", &enterprise)
        .await;
    assert_eq!(inbox["count"], 1, "{inbox}");
}

/// One run of the push with these limits, on the application's clause cache and index.
async fn push_with(app: &TestApp, limits: PushLimits) -> Result<PushReport, PoliciesError> {
    let state = &app.state;
    push_eligibilities(
        &app.db,
        limits,
        app.clock_now(),
        &state.clauses,
        &state.enterprise_index,
    )
    .await
}

#[tokio::test]
async fn a_push_stopped_half_way_is_carried_on_by_the_next_run_without_telling_anyone_twice() {
    let app = crate::helpers::spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    enterprises_with_users(&app, 1_000).await;
    let (_, eligible) = clause_for_zhejiang(&app, &admin, "浙江企业普惠补助").await;
    assert_eq!(eligible, 1_000);
    // Chunks of 100 whatever the time they take, so that the counts below are exact.
    let limits = |max_chunks| PushLimits {
        chunk: 100,
        budget: Duration::from_secs(600),
        pause: Duration::ZERO,
        max_chunks,
    };

    // Three chunks, then the run stops as a crash would: what they told is committed.
    let first = push_with(&app, limits(Some(3))).await.unwrap();
    assert_eq!((first.sent, first.chunks, first.finished), (300, 3, false));
    assert_told_once(&app, 300).await;

    // Meanwhile more changes are logged: the demo enterprise's profile, and a second clause.
    save_profile(&app, &enterprise, 120).await;
    let (_, second) = clause_for_zhejiang(&app, &admin, "浙江企业稳岗补助").await;
    assert_eq!(second, 1_001);

    // The next run starts at the cursor: the 700 left of the first clause (7 chunks, none of
    // the first 300 again), then the later changes.
    let rest = push_with(&app, limits(None)).await.unwrap();
    assert!(rest.finished);
    assert_eq!(
        rest.sent,
        700 + 1_001 + 1,
        "the rest, the second clause, the demo enterprise"
    );
    assert_eq!(rest.chunks, 7 + 11);
    assert_told_once(&app, 1_000 + 1_001 + 1).await;
    let again = push_with(&app, limits(None)).await.unwrap();
    assert_eq!((again.sent, again.chunks), (0, 0));
}

//! Scheduled jobs: runs at given instants, catch-up after downtime, crash recovery, exactly one
//! run per instant across servers, and the operators' API. Driven by instants, never by waiting.

use chrono::{DateTime, Duration, TimeZone, Utc};
use qifu::scheduler::{run_job_at, tick, Trigger};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, spawn_with, test_settings, TestApp};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The application with only the two daily jobs enabled, so ticks are easy to count.
async fn spawn_daily_jobs_only() -> TestApp {
    let (settings, db) = test_settings().await;
    spawn_with(daily_jobs_only(settings), db, true).await
}

fn daily_jobs_only(mut settings: qifu::configuration::Settings) -> qifu::configuration::Settings {
    for frequent in [
        "purge_orphan_files",
        "push_eligibility",
        "marketplace_deadlines",
        "credit_rating_deadlines",
        "credit_rectification_deadlines",
        "credit_nightly_recompute",
    ] {
        if let Some(job) = settings.scheduler.jobs.get_mut(frequent) {
            job.enabled = false;
        }
    }
    settings
}

#[tokio::test]
async fn the_jobs_are_listed_with_expression_and_next_run() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let jobs: Value = app.get_json("/api/v1/scheduler/jobs", &admin).await;
    let purge = jobs
        .as_array()
        .unwrap()
        .iter()
        .find(|job| job["name"] == "purge_sessions")
        .unwrap();
    assert_eq!(purge["cron"], "0 30 3 * * *");
    // 03:30 in Beijing on 3 March is 19:30 UTC on 2 March; the clock stands at 09:00 UTC.
    assert_eq!(purge["next_run_at"], "2026-03-02T19:30:00Z");
    assert_eq!(purge["last_run"], Value::Null);
    assert_eq!(jobs.as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn a_job_run_at_an_instant_does_its_work_and_is_recorded() {
    let app = spawn_app().await;
    app.login_as("enterprise").await;
    app.advance(Duration::days(10));
    let run = run_job_at(
        &app.state.scheduler,
        "purge_sessions",
        app.clock_now(),
        Trigger::Schedule,
    )
    .await
    .unwrap();
    assert_eq!(run.outcome, "succeeded");
    assert_eq!(
        run.message.as_deref(),
        Some("1 sessions and 0 sign-in attempts deleted")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    let again = run_job_at(
        &app.state.scheduler,
        "purge_sessions",
        run.scheduled_for,
        Trigger::Schedule,
    )
    .await;
    assert!(again.is_err(), "an instant runs once");
}

#[tokio::test]
async fn a_tick_runs_each_due_instant_once() {
    let app = spawn_daily_jobs_only().await;
    let before = tick(&app.state.scheduler, at(2026, 3, 2, 19, 29))
        .await
        .unwrap();
    assert!(before.is_empty());
    let due = tick(&app.state.scheduler, at(2026, 3, 2, 19, 30))
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].job_name, "purge_sessions");
    assert_eq!(due[0].trigger, "schedule");
    assert!(tick(&app.state.scheduler, at(2026, 3, 2, 19, 45))
        .await
        .unwrap()
        .is_empty());
    let both = tick(&app.state.scheduler, at(2026, 3, 2, 20, 0))
        .await
        .unwrap();
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].job_name, "verify_audit_chain");
}

#[tokio::test]
async fn missed_instants_are_caught_up_once_after_downtime() {
    let app = spawn_daily_jobs_only().await;
    let runs = tick(&app.state.scheduler, at(2026, 3, 6, 12, 0))
        .await
        .unwrap();
    assert_eq!(runs.len(), 2);
    for run in &runs {
        assert_eq!(run.trigger, "catch_up");
        assert_eq!(run.outcome, "succeeded");
    }
    let purge = runs
        .iter()
        .find(|r| r.job_name == "purge_sessions")
        .unwrap();
    assert_eq!(purge.scheduled_for, at(2026, 3, 5, 19, 30));
    assert!(tick(&app.state.scheduler, at(2026, 3, 6, 12, 0))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM job_runs").await, 2);
}

/// A run left `running` by a server that stopped at 19:30 UTC.
async fn crashed_run(app: &TestApp, attempt: i32) {
    use sea_orm::{EntityTrait, Set};
    let crashed_at = at(2026, 3, 2, 19, 30);
    entities::job_run::Entity::insert(entities::job_run::ActiveModel {
        job_name: Set("purge_sessions".into()),
        scheduled_for: Set(crashed_at),
        trigger: Set(Trigger::Schedule),
        server_id: Set("gone".into()),
        attempt: Set(attempt),
        started_at: Set(crashed_at),
        heartbeat_at: Set(crashed_at),
        finished_at: Set(None),
        outcome: Set(qifu::scheduler::Outcome::Running),
        message: Set(None),
        ..Default::default()
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_run_whose_server_crashed_is_detected_and_retried() {
    let app = spawn_daily_jobs_only().await;
    crashed_run(&app, 1).await;
    let runs = tick(&app.state.scheduler, at(2026, 3, 2, 19, 35))
        .await
        .unwrap();
    assert!(runs.is_empty(), "not stale yet");
    let runs = tick(&app.state.scheduler, at(2026, 3, 2, 19, 45))
        .await
        .unwrap();
    let retried = runs
        .iter()
        .find(|r| r.job_name == "purge_sessions")
        .unwrap();
    assert_eq!(retried.attempt, 2);
    assert_eq!(retried.outcome, "succeeded");
    assert_eq!(retried.server_id, app.state.server_id);
}

#[tokio::test]
async fn a_run_that_keeps_crashing_is_given_up_after_the_last_attempt() {
    let app = spawn_daily_jobs_only().await;
    crashed_run(&app, 3).await;
    let runs = tick(&app.state.scheduler, at(2026, 3, 2, 20, 0))
        .await
        .unwrap();
    let given_up = runs
        .iter()
        .find(|r| r.job_name == "purge_sessions")
        .unwrap();
    assert_eq!(given_up.outcome, "failed");
    assert!(given_up
        .message
        .as_deref()
        .unwrap()
        .contains("abandoned after 3 attempts"));
}

#[tokio::test]
async fn a_failing_job_records_its_error() {
    let app = spawn_app().await;
    app.db
        .execute_unprepared("UPDATE audit_entries SET action = 'forged' WHERE seq = 3")
        .await
        .unwrap();
    let run = run_job_at(
        &app.state.scheduler,
        "verify_audit_chain",
        app.clock_now(),
        Trigger::Schedule,
    )
    .await
    .unwrap();
    assert_eq!(run.outcome, "failed");
    assert!(run.message.unwrap().contains("broken at entry 3"));
    let admin = app.login_as("center_admin").await;
    let history: Value = app
        .get_json("/api/v1/scheduler/jobs/verify_audit_chain/runs", &admin)
        .await;
    assert_eq!(history["total"], 1);
    assert_eq!(history["items"][0]["outcome"], "failed");
}

#[tokio::test]
async fn operators_pause_resume_run_and_reschedule_a_job_with_audit() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let path = "/api/v1/scheduler/jobs/purge_sessions";
    let pause = app
        .request(Method::POST, &format!("{path}/pause"), Some(&admin), None)
        .await;
    assert_eq!(pause.status(), StatusCode::NO_CONTENT);
    assert!(tick(&app.state.scheduler, at(2026, 3, 3, 0, 0))
        .await
        .unwrap()
        .iter()
        .all(|r| r.job_name != "purge_sessions"));

    app.clock.set(at(2026, 3, 3, 0, 0));
    let admin = app.login_as("center_admin").await;
    let resume = app
        .request(Method::POST, &format!("{path}/resume"), Some(&admin), None)
        .await;
    assert_eq!(resume.status(), StatusCode::NO_CONTENT);
    let after_resume = tick(&app.state.scheduler, at(2026, 3, 3, 1, 0))
        .await
        .unwrap();
    assert!(
        after_resume.iter().all(|r| r.job_name != "purge_sessions"),
        "paused instants are skipped"
    );

    let run: Value = app
        .request(Method::POST, &format!("{path}/run"), Some(&admin), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(run["trigger"], "manual");
    assert_eq!(run["outcome"], "succeeded");

    let bad = app
        .request(
            Method::PUT,
            path,
            Some(&admin),
            Some(json!({ "cron": "every night" })),
        )
        .await;
    assert_error(bad, StatusCode::BAD_REQUEST, "invalid_cron").await;
    let good = app
        .request(
            Method::PUT,
            path,
            Some(&admin),
            Some(json!({ "cron": "0 0 1 * * *" })),
        )
        .await;
    assert_eq!(good.status(), StatusCode::NO_CONTENT);
    let entry = &app.audit_entries("job.update_schedule").await[0];
    assert_eq!(entry["summary"]["before"]["cron"], "0 30 3 * * *");
    assert_eq!(entry["summary"]["after"]["cron"], "0 0 1 * * *");
    for action in ["job.pause", "job.resume", "job.run_now"] {
        assert_eq!(app.audit_entries(action).await.len(), 1, "{action}");
    }
}

#[tokio::test]
async fn two_servers_sharing_one_database_run_each_instant_once() {
    let (settings, db) = test_settings().await;
    let settings = daily_jobs_only(settings);
    let url = settings.database_url();
    let first = spawn_with(settings.clone(), db, false).await;
    let mut second_settings = settings;
    second_settings.database.url = url;
    second_settings.search.index_dir = second_settings.data_dir.join("second-search");
    let second_db = qifu::db::connect(&second_settings).await.unwrap();
    let second = spawn_with(second_settings, second_db, false).await;
    assert_ne!(first.state.server_id, second.state.server_id);

    // Daily at 19:30 UTC (purge_sessions) and 20:00 UTC (verify_audit_chain): ticking both
    // servers at 19:30 on five days is due for 1 + 2 × 4 = 9 runs in all.
    let mut instant = at(2026, 3, 2, 19, 30);
    let mut total = 0;
    for _ in 0..5 {
        let (a, b) = tokio::join!(
            tick(&first.state.scheduler, instant),
            tick(&second.state.scheduler, instant)
        );
        let runs: Vec<_> = a.unwrap().into_iter().chain(b.unwrap()).collect();
        let mut keys: Vec<_> = runs
            .iter()
            .map(|r| (r.job_name.clone(), r.scheduled_for))
            .collect();
        keys.sort();
        keys.dedup();
        assert_eq!(
            keys.len(),
            runs.len(),
            "an instant ran twice at {instant}: {runs:?}"
        );
        total += runs.len();
        instant += Duration::days(1);
    }
    assert_eq!(total, 9);
    assert_eq!(count(&first, "SELECT COUNT(*) FROM job_runs").await, 9);
}

#[tokio::test]
async fn a_training_servers_clock_moves_forward_when_its_administrator_says_so() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let clock: Value = app.get_json("/api/v1/scheduler/clock", &admin).await;
    assert_eq!(clock["adjustable"], false);
    let refused = app
        .post(
            "/api/v1/scheduler/clock/advance",
            &admin,
            json!({ "seconds": 3600 }),
        )
        .await;
    crate::helpers::assert_error(
        refused,
        reqwest::StatusCode::CONFLICT,
        "clock_not_adjustable",
    )
    .await;

    let (mut settings, db) = crate::helpers::test_settings().await;
    settings.clock.adjustable = true;
    let training = crate::helpers::spawn_with(settings, db, true).await;
    let admin = training.login_as("center_admin").await;
    let before = training.clock_now();
    let moved: Value = training
        .post(
            "/api/v1/scheduler/clock/advance",
            &admin,
            json!({ "seconds": 3 * 86_400 }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved["now"], json!(before + Duration::days(3)));
    let entries = training.audit_entries("clock.advance").await;
    assert_eq!(entries[0]["summary"]["seconds"], 3 * 86_400);
    let too_far = training
        .post(
            "/api/v1/scheduler/clock/advance",
            &training.login_as("center_admin").await,
            json!({ "seconds": 0 }),
        )
        .await;
    crate::helpers::assert_error(
        too_far,
        reqwest::StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
}

/// The `X-Qifu-Now` header of a response, parsed.
fn server_now(response: &reqwest::Response) -> DateTime<Utc> {
    let header = response
        .headers()
        .get("x-qifu-now")
        .unwrap_or_else(|| panic!("no X-Qifu-Now on {}", response.url()))
        .to_str()
        .unwrap();
    assert!(
        header.ends_with('Z') && header.len() == "2026-03-02T09:00:00.000Z".len(),
        "RFC 3339 in UTC with milliseconds: {header}"
    );
    DateTime::parse_from_rfc3339(header).unwrap().to_utc()
}

#[tokio::test]
async fn every_response_tells_the_server_clocks_time_and_follows_it_when_it_moves() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let paths = [
        "/api/v1/scheduler/clock",
        "/api/v1/no-such-route",
        "/health/live",
        "/",
        "/procurements",
        "/metrics",
    ];
    for path in paths {
        let response = app.get(path, &admin).await;
        assert_eq!(server_now(&response), app.clock_now(), "{path}");
    }
    let anonymous = app
        .client
        .get(app.url("/api/v1/scheduler/clock"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(server_now(&anonymous), at(2026, 3, 2, 9, 0));

    app.advance(Duration::days(3) + Duration::milliseconds(250));
    for path in paths {
        let response = app.get(path, &admin).await;
        assert_eq!(
            server_now(&response),
            at(2026, 3, 5, 9, 0) + Duration::milliseconds(250),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_training_servers_clock_moved_forward_is_the_time_its_next_responses_tell() {
    let (mut settings, db) = crate::helpers::test_settings().await;
    settings.clock.adjustable = true;
    let training = crate::helpers::spawn_with(settings, db, true).await;
    let admin = training.login_as("center_admin").await;
    let moved = training
        .post(
            "/api/v1/scheduler/clock/advance",
            &admin,
            json!({ "seconds": 2 * 86_400 }),
        )
        .await;
    let told = server_now(&moved);
    let body: Value = moved.json().await.unwrap();
    assert_eq!(told, at(2026, 3, 4, 9, 0), "the advance's own answer");
    assert_eq!(body["now"], json!(told));
    let later = training.get("/api/v1/scheduler/clock", &admin).await;
    assert_eq!(server_now(&later), at(2026, 3, 4, 9, 0));
}

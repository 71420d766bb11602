//! Scheduler use cases: keep the job table in step with the code, find and claim due instants
//! (`tick`), run one instant (`run_job_at`), retry runs whose server crashed, and the operators'
//! pause / resume / run now / change expression, each audited.

use std::{sync::Arc, time::Duration as StdDuration};

use chrono::{DateTime, Duration, Utc};
use entities::{job_run, scheduled_job};
use futures_util::future::{select, Either};
use sea_orm::TransactionTrait;
use serde_json::json;

use super::{
    error::SchedulerError,
    jobs::Job,
    model::{CronSchedule, Outcome, Trigger},
    store,
};
use crate::{
    audit::{self, Actor, AuditEvent},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Most instants looked at when catching up after downtime.
const CATCH_UP_LIMIT: usize = 100_000;

fn job_by_name(state: &AppState, name: &str) -> Result<Arc<dyn Job>, SchedulerError> {
    state
        .jobs
        .iter()
        .find(|job| job.name() == name)
        .cloned()
        .ok_or_else(|| SchedulerError::UnknownJob(name.to_owned()))
}

fn schedule_of(
    state: &AppState,
    row: &scheduled_job::Model,
) -> Result<CronSchedule, SchedulerError> {
    Ok(CronSchedule::parse(
        &row.cron,
        state.settings.scheduler.utc_offset_minutes,
    )?)
}

fn enabled(state: &AppState, name: &str) -> bool {
    state
        .settings
        .scheduler
        .jobs
        .get(name)
        .is_some_and(|job| job.enabled)
}

/// Checks that code and configuration name the same jobs, and records each job in the database.
pub async fn sync_jobs(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<()> {
    let configured = &state.settings.scheduler.jobs;
    for job in &state.jobs {
        let settings = configured.get(job.name()).ok_or_else(|| {
            anyhow::anyhow!(
                "configuration error: scheduler.jobs.{}: missing (every registered job needs a cron expression)",
                job.name()
            )
        })?;
        store::sync_job(&state.db, job.name(), &settings.cron, now).await?;
    }
    if let Some(unknown) = configured
        .keys()
        .find(|name| !state.jobs.iter().any(|job| job.name() == name.as_str()))
    {
        anyhow::bail!("configuration error: scheduler.jobs.{unknown}: no such job is registered");
    }
    Ok(())
}

/// One pass of the scheduler at `now`: retries crashed runs, then claims and runs every due job.
/// Answers the runs this server carried out.
pub async fn tick(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<Vec<job_run::Model>> {
    let mut done = retry_stale_runs(state, now).await?;
    for row in store::all_jobs(&state.db).await? {
        if row.paused || !enabled(state, &row.name) {
            continue;
        }
        let schedule = schedule_of(state, &row)?;
        let after = match store::last_scheduled_instant(&state.db, &row.name).await? {
            Some(last) if last > row.due_after => last,
            _ => row.due_after,
        };
        let Some((instant, missed)) = schedule.due_between(after, now, CATCH_UP_LIMIT) else {
            continue;
        };
        let trigger = if missed > 1 {
            Trigger::CatchUp
        } else {
            Trigger::Schedule
        };
        match claim_and_run(state, &row.name, instant, trigger, now).await {
            Ok(run) => done.push(run),
            Err(SchedulerError::AlreadyClaimed(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(done)
}

/// Claims `instant` of the job for this server and runs it to the end.
pub async fn run_job_at(
    state: &AppState,
    name: &str,
    instant: DateTime<Utc>,
    trigger: Trigger,
) -> Result<job_run::Model, SchedulerError> {
    claim_and_run(state, name, instant, trigger, state.clock.now()).await
}

/// Claims `instant` at `now` (the start and first heartbeat) and runs it.
async fn claim_and_run(
    state: &AppState,
    name: &str,
    instant: DateTime<Utc>,
    trigger: Trigger,
    now: DateTime<Utc>,
) -> Result<job_run::Model, SchedulerError> {
    let job = job_by_name(state, name)?;
    let run = store::claim_run(&state.db, name, instant, trigger, &state.server_id, now)
        .await?
        .ok_or_else(|| SchedulerError::AlreadyClaimed(name.to_owned()))?;
    execute(state, job.as_ref(), run).await
}

/// Runs a claimed run, keeping its heartbeat fresh, and records how it ended.
async fn execute(
    state: &AppState,
    job: &dyn Job,
    run: job_run::Model,
) -> Result<job_run::Model, SchedulerError> {
    let interval = StdDuration::from_secs(
        u64::try_from(state.settings.scheduler.stale_after_seconds / 3)
            .unwrap_or(1)
            .max(1),
    );
    let heartbeat = async {
        loop {
            tokio::time::sleep(interval).await;
            if let Err(e) = store::heartbeat(&state.db, run.id, state.clock.now()).await {
                tracing::warn!(error = %e, run = run.id, "job heartbeat failed");
            }
        }
    };
    let work = job.run(state, run.scheduled_for);
    let result = match select(Box::pin(work), Box::pin(heartbeat)).await {
        Either::Left((result, _)) => result,
        Either::Right(_) => unreachable_heartbeat(),
    };
    let (outcome, message) = match result {
        Ok(summary) => (Outcome::Succeeded, Some(summary)),
        Err(e) => {
            tracing::error!(job = job.name(), error = %format!("{e:#}"), "scheduled job failed");
            (Outcome::Failed, Some(format!("{e:#}")))
        }
    };
    Ok(store::finish_run(&state.db, run.id, outcome, message, state.clock.now()).await?)
}

/// The heartbeat loop never ends on its own.
fn unreachable_heartbeat() -> anyhow::Result<String> {
    Err(anyhow::anyhow!("the heartbeat loop ended"))
}

/// Takes over runs whose server stopped heartbeating, up to `max_attempts`, and runs them again.
async fn retry_stale_runs(
    state: &AppState,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<job_run::Model>> {
    let settings = &state.settings.scheduler;
    let cutoff = now - Duration::seconds(settings.stale_after_seconds);
    let mut done = Vec::new();
    for run in store::stale_runs(&state.db, cutoff).await? {
        if run.attempt >= settings.max_attempts {
            let message = format!(
                "abandoned after {} attempts: the server running it stopped",
                run.attempt
            );
            done.push(
                store::finish_run(&state.db, run.id, Outcome::Failed, Some(message), now).await?,
            );
            continue;
        }
        if !store::take_over(&state.db, &run, &state.server_id, now).await? {
            continue;
        }
        let Ok(job) = job_by_name(state, &run.job_name) else {
            let message = "the job is no longer registered".to_owned();
            done.push(
                store::finish_run(&state.db, run.id, Outcome::Failed, Some(message), now).await?,
            );
            continue;
        };
        let run = job_run::Model {
            attempt: run.attempt + 1,
            ..run
        };
        done.push(execute(state, job.as_ref(), run).await?);
    }
    Ok(done)
}

/// A job as the operators' page shows it.
#[derive(Debug, Clone)]
pub struct JobView {
    pub name: String,
    pub description: String,
    pub description_en: String,
    pub cron: String,
    pub enabled: bool,
    pub paused: bool,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run: Option<job_run::Model>,
}

pub async fn list_jobs(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<JobView>, SchedulerError> {
    let mut views = Vec::new();
    for row in store::all_jobs(&state.db).await? {
        let Ok(job) = job_by_name(state, &row.name) else {
            continue;
        };
        let enabled = enabled(state, &row.name);
        let next_run_at = (enabled && !row.paused)
            .then(|| schedule_of(state, &row).ok()?.next_after(now))
            .flatten();
        views.push(JobView {
            last_run: store::last_run(&state.db, &row.name).await?,
            description: job.description().to_owned(),
            description_en: job.description_en().to_owned(),
            name: row.name,
            cron: row.cron,
            enabled,
            paused: row.paused,
            next_run_at,
        });
    }
    Ok(views)
}

pub async fn list_runs(
    state: &AppState,
    name: &str,
    paging: &Paging,
) -> Result<Page<job_run::Model>, SchedulerError> {
    job_by_name(state, name)?;
    let (items, total) = store::runs(&state.db, name, paging).await?;
    Ok(Page::new(items, total, paging))
}

pub async fn set_paused(
    state: &AppState,
    actor: &Actor,
    name: &str,
    paused: bool,
) -> Result<(), SchedulerError> {
    job_by_name(state, name)?;
    let action = if paused { "job.pause" } else { "job.resume" };
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    store::set_paused(&txn, name, paused, now).await?;
    let event = AuditEvent::new(
        action,
        "job",
        name,
        json!({ "after": { "paused": paused } }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes a job's expression after checking it.
pub async fn update_cron(
    state: &AppState,
    actor: &Actor,
    name: &str,
    cron: &str,
) -> Result<(), SchedulerError> {
    job_by_name(state, name)?;
    let schedule = CronSchedule::parse(cron, state.settings.scheduler.utc_offset_minutes)?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let before = store::job(&txn, name).await?.map(|row| row.cron);
    store::set_cron(&txn, name, schedule.expression(), now).await?;
    let summary =
        json!({ "before": { "cron": before }, "after": { "cron": schedule.expression() } });
    let event = AuditEvent::new("job.update_schedule", "job", name, summary);
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a training server's time forward by `by` (audited); answers the new "now".
pub async fn advance_clock(
    state: &AppState,
    actor: &Actor,
    by: chrono::Duration,
) -> Result<DateTime<Utc>, SchedulerError> {
    let before = state.clock.now();
    if !state.settings.clock.adjustable || !state.clock.advance_by(by) {
        return Err(SchedulerError::ClockNotAdjustable);
    }
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let summary = json!({ "seconds": by.num_seconds(), "before": before, "after": now });
    let event = AuditEvent::new("clock.advance", "clock", "server", summary);
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(now)
}

/// Runs a job now, outside its schedule, and answers the finished run.
pub async fn run_now(
    state: &AppState,
    actor: &Actor,
    name: &str,
) -> Result<job_run::Model, SchedulerError> {
    let run = run_job_at(state, name, state.clock.now(), Trigger::Manual).await?;
    let txn = state.db.begin().await?;
    let summary = json!({ "run": run.id, "outcome": run.outcome });
    let event = AuditEvent::new("job.run_now", "job", name, summary);
    audit::record(&txn, actor, event, state.clock.now()).await?;
    txn.commit().await?;
    Ok(run)
}

/// The scheduler loop of `qifu serve`: a tick every `scheduler.tick_seconds`, until the process ends.
pub async fn run_loop(state: actix_web::web::Data<AppState>) {
    let period = StdDuration::from_secs(state.settings.scheduler.tick_seconds);
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = tick(&state, state.clock.now()).await {
            tracing::error!(error = %format!("{e:#}"), "scheduler tick failed");
        }
    }
}

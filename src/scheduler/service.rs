//! Scheduler use cases: keep the job table in step with the code, find and claim due instants
//! (`tick`), run one instant (`run_job_at`), retry runs whose server crashed, and the operators'
//! pause / resume / run now / change expression, each audited.

use std::{sync::Arc, time::Duration as StdDuration};

use chrono::{DateTime, Duration, Utc};
use entities::{job_run, scheduled_job};
use futures_util::future::{select, Either};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use super::{
    error::SchedulerError,
    jobs::Job,
    model::{CronSchedule, Outcome, Trigger},
    store,
};
use crate::{
    audit::{self, Actor, AuditEvent},
    clock::Clock,
    configuration::SchedulerSettings,
    pagination::{Page, Paging},
};

/// Most instants looked at when catching up after downtime.
const CATCH_UP_LIMIT: usize = 100_000;

/// What the scheduler works with: the database, the clock, this server's name in job runs, the
/// `scheduler` settings and the jobs the domains registered at start-up.
#[derive(Clone)]
pub struct Scheduler {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub server_id: String,
    pub settings: SchedulerSettings,
    pub jobs: Vec<Arc<dyn Job>>,
}

fn job_by_name(scheduler: &Scheduler, name: &str) -> Result<Arc<dyn Job>, SchedulerError> {
    scheduler
        .jobs
        .iter()
        .find(|job| job.name() == name)
        .cloned()
        .ok_or_else(|| SchedulerError::UnknownJob(name.to_owned()))
}

fn schedule_of(
    scheduler: &Scheduler,
    row: &scheduled_job::Model,
) -> Result<CronSchedule, SchedulerError> {
    Ok(CronSchedule::parse(
        &row.cron,
        scheduler.settings.utc_offset_minutes,
    )?)
}

fn enabled(scheduler: &Scheduler, name: &str) -> bool {
    scheduler
        .settings
        .jobs
        .get(name)
        .is_some_and(|job| job.enabled)
}

/// Checks that code and configuration name the same jobs, and records each job in the database.
pub async fn sync_jobs(scheduler: &Scheduler, now: DateTime<Utc>) -> anyhow::Result<()> {
    let configured = &scheduler.settings.jobs;
    for job in &scheduler.jobs {
        let settings = configured.get(job.name()).ok_or_else(|| {
            anyhow::anyhow!(
                "configuration error: scheduler.jobs.{}: missing (every registered job needs a cron expression)",
                job.name()
            )
        })?;
        store::sync_job(&scheduler.db, job.name(), &settings.cron, now).await?;
    }
    if let Some(unknown) = configured
        .keys()
        .find(|name| !scheduler.jobs.iter().any(|job| job.name() == name.as_str()))
    {
        anyhow::bail!("configuration error: scheduler.jobs.{unknown}: no such job is registered");
    }
    Ok(())
}

/// One pass of the scheduler at `now`: retries crashed runs, then claims and runs every due job.
/// Answers the runs this server carried out.
pub async fn tick(
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<job_run::Model>> {
    let mut done = retry_stale_runs(scheduler, now).await?;
    for row in store::all_jobs(&scheduler.db).await? {
        if row.paused || !enabled(scheduler, &row.name) {
            continue;
        }
        let schedule = schedule_of(scheduler, &row)?;
        let after = match store::last_scheduled_instant(&scheduler.db, &row.name).await? {
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
        match claim_and_run(scheduler, &row.name, instant, trigger, now).await {
            Ok(run) => done.push(run),
            Err(SchedulerError::AlreadyClaimed(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(done)
}

/// Claims `instant` of the job for this server and runs it to the end.
pub async fn run_job_at(
    scheduler: &Scheduler,
    name: &str,
    instant: DateTime<Utc>,
    trigger: Trigger,
) -> Result<job_run::Model, SchedulerError> {
    claim_and_run(scheduler, name, instant, trigger, scheduler.clock.now()).await
}

/// Claims `instant` at `now` (the start and first heartbeat) and runs it.
async fn claim_and_run(
    scheduler: &Scheduler,
    name: &str,
    instant: DateTime<Utc>,
    trigger: Trigger,
    now: DateTime<Utc>,
) -> Result<job_run::Model, SchedulerError> {
    let job = job_by_name(scheduler, name)?;
    let run = store::claim_run(
        &scheduler.db,
        name,
        instant,
        trigger,
        &scheduler.server_id,
        now,
    )
    .await?
    .ok_or_else(|| SchedulerError::AlreadyClaimed(name.to_owned()))?;
    execute(scheduler, job.as_ref(), run).await
}

/// Runs a claimed run, keeping its heartbeat fresh, and records how it ended.
async fn execute(
    scheduler: &Scheduler,
    job: &dyn Job,
    run: job_run::Model,
) -> Result<job_run::Model, SchedulerError> {
    let interval = StdDuration::from_secs(
        u64::try_from(scheduler.settings.stale_after_seconds / 3)
            .unwrap_or(1)
            .max(1),
    );
    let heartbeat = async {
        loop {
            tokio::time::sleep(interval).await;
            if let Err(e) = store::heartbeat(&scheduler.db, run.id, scheduler.clock.now()).await {
                tracing::warn!(error = %e, run = run.id, "job heartbeat failed");
            }
        }
    };
    let work = job.run(&scheduler.db, run.scheduled_for);
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
    Ok(store::finish_run(
        &scheduler.db,
        run.id,
        outcome,
        message,
        scheduler.clock.now(),
    )
    .await?)
}

/// The heartbeat loop never ends on its own.
fn unreachable_heartbeat() -> anyhow::Result<String> {
    Err(anyhow::anyhow!("the heartbeat loop ended"))
}

/// Takes over runs whose server stopped heartbeating, up to `max_attempts`, and runs them again.
async fn retry_stale_runs(
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<job_run::Model>> {
    let settings = &scheduler.settings;
    let cutoff = now - Duration::seconds(settings.stale_after_seconds);
    let mut done = Vec::new();
    for run in store::stale_runs(&scheduler.db, cutoff).await? {
        if run.attempt >= settings.max_attempts {
            let message = format!(
                "abandoned after {} attempts: the server running it stopped",
                run.attempt
            );
            done.push(
                store::finish_run(&scheduler.db, run.id, Outcome::Failed, Some(message), now)
                    .await?,
            );
            continue;
        }
        if !store::take_over(&scheduler.db, &run, &scheduler.server_id, now).await? {
            continue;
        }
        let Ok(job) = job_by_name(scheduler, &run.job_name) else {
            let message = "the job is no longer registered".to_owned();
            done.push(
                store::finish_run(&scheduler.db, run.id, Outcome::Failed, Some(message), now)
                    .await?,
            );
            continue;
        };
        let run = job_run::Model {
            attempt: run.attempt + 1,
            ..run
        };
        done.push(execute(scheduler, job.as_ref(), run).await?);
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
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> Result<Vec<JobView>, SchedulerError> {
    let mut views = Vec::new();
    for row in store::all_jobs(&scheduler.db).await? {
        let Ok(job) = job_by_name(scheduler, &row.name) else {
            continue;
        };
        let enabled = enabled(scheduler, &row.name);
        let next_run_at = (enabled && !row.paused)
            .then(|| schedule_of(scheduler, &row).ok()?.next_after(now))
            .flatten();
        views.push(JobView {
            last_run: store::last_run(&scheduler.db, &row.name).await?,
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
    scheduler: &Scheduler,
    name: &str,
    paging: &Paging,
) -> Result<Page<job_run::Model>, SchedulerError> {
    job_by_name(scheduler, name)?;
    let (items, total) = store::runs(&scheduler.db, name, paging).await?;
    Ok(Page::new(items, total, paging))
}

pub async fn set_paused(
    scheduler: &Scheduler,
    actor: &Actor,
    name: &str,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    job_by_name(scheduler, name)?;
    let action = if paused { "job.pause" } else { "job.resume" };
    let txn = scheduler.db.begin().await?;
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
    scheduler: &Scheduler,
    actor: &Actor,
    name: &str,
    cron: &str,
    now: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    job_by_name(scheduler, name)?;
    let schedule = CronSchedule::parse(cron, scheduler.settings.utc_offset_minutes)?;
    let txn = scheduler.db.begin().await?;
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
    db: &DatabaseConnection,
    clock: &dyn Clock,
    adjustable: bool,
    actor: &Actor,
    by: chrono::Duration,
) -> Result<DateTime<Utc>, SchedulerError> {
    let before = clock.now();
    if !adjustable || !clock.advance_by(by) {
        return Err(SchedulerError::ClockNotAdjustable);
    }
    let now = clock.now();
    let txn = db.begin().await?;
    let summary = json!({ "seconds": by.num_seconds(), "before": before, "after": now });
    let event = AuditEvent::new("clock.advance", "clock", "server", summary);
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(now)
}

/// Runs a job now, outside its schedule, and answers the finished run.
pub async fn run_now(
    scheduler: &Scheduler,
    actor: &Actor,
    name: &str,
) -> Result<job_run::Model, SchedulerError> {
    let run = run_job_at(scheduler, name, scheduler.clock.now(), Trigger::Manual).await?;
    let txn = scheduler.db.begin().await?;
    let summary = json!({ "run": run.id, "outcome": run.outcome });
    let event = AuditEvent::new("job.run_now", "job", name, summary);
    audit::record(&txn, actor, event, scheduler.clock.now()).await?;
    txn.commit().await?;
    Ok(run)
}

/// The scheduler loop of `qifu serve`: a tick every `scheduler.tick_seconds`, until the process ends.
pub async fn run_loop(state: actix_web::web::Data<crate::startup::AppState>) {
    let scheduler = &state.scheduler;
    let period = StdDuration::from_secs(scheduler.settings.tick_seconds);
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = tick(scheduler, scheduler.clock.now()).await {
            tracing::error!(error = %format!("{e:#}"), "scheduler tick failed");
        }
    }
}

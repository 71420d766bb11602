//! Scheduled-job and job-run queries. Claiming a run is an insert that the unique index on
//! (job, instant) lets exactly one server win, on SQLite and PostgreSQL alike.

use chrono::{DateTime, Utc};
use entities::{
    job_run::{self, Entity as JobRun},
    scheduled_job::{self, Entity as ScheduledJob},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr,
};

use super::model::{Outcome, Trigger};
use crate::pagination::Paging;

pub async fn all_jobs<C: ConnectionTrait>(conn: &C) -> Result<Vec<scheduled_job::Model>, DbErr> {
    ScheduledJob::find()
        .order_by_asc(scheduled_job::Column::Name)
        .all(conn)
        .await
}

pub async fn job<C: ConnectionTrait>(
    conn: &C,
    name: &str,
) -> Result<Option<scheduled_job::Model>, DbErr> {
    ScheduledJob::find_by_id(name.to_owned()).one(conn).await
}

/// Records a job the first time it is seen; afterwards keeps its expression in step with the
/// configuration unless an administrator has changed it.
pub async fn sync_job<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    cron: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    match job(conn, name).await? {
        None => {
            let inserted = ScheduledJob::insert(scheduled_job::ActiveModel {
                name: Set(name.to_owned()),
                cron: Set(cron.to_owned()),
                cron_overridden: Set(false),
                paused: Set(false),
                due_after: Set(now),
                updated_at: Set(now),
            })
            .exec_without_returning(conn)
            .await;
            match inserted {
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    Ok(())
                }
                other => other.map(|_| ()),
            }
        }
        Some(existing) if !existing.cron_overridden && existing.cron != cron => {
            ScheduledJob::update_many()
                .col_expr(scheduled_job::Column::Cron, Expr::value(cron))
                .col_expr(scheduled_job::Column::UpdatedAt, Expr::value(now))
                .filter(scheduled_job::Column::Name.eq(name))
                .exec(conn)
                .await
                .map(|_| ())
        }
        Some(_) => Ok(()),
    }
}

pub async fn set_paused<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut update = ScheduledJob::update_many()
        .col_expr(scheduled_job::Column::Paused, Expr::value(paused))
        .col_expr(scheduled_job::Column::UpdatedAt, Expr::value(now));
    if !paused {
        // Instants that passed while paused are skipped, not caught up.
        update = update.col_expr(scheduled_job::Column::DueAfter, Expr::value(now));
    }
    update
        .filter(scheduled_job::Column::Name.eq(name))
        .exec(conn)
        .await
        .map(|_| ())
}

pub async fn set_cron<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    cron: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    ScheduledJob::update_many()
        .col_expr(scheduled_job::Column::Cron, Expr::value(cron))
        .col_expr(scheduled_job::Column::CronOverridden, Expr::value(true))
        .col_expr(scheduled_job::Column::UpdatedAt, Expr::value(now))
        .filter(scheduled_job::Column::Name.eq(name))
        .exec(conn)
        .await
        .map(|_| ())
}

/// The latest instant a scheduled (not manual) run was claimed for.
pub async fn last_scheduled_instant<C: ConnectionTrait>(
    conn: &C,
    name: &str,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(JobRun::find()
        .filter(job_run::Column::JobName.eq(name))
        .filter(job_run::Column::Trigger.ne(Trigger::Manual))
        .order_by_desc(job_run::Column::ScheduledFor)
        .one(conn)
        .await?
        .map(|run| run.scheduled_for))
}

/// Claims (job, instant) for this server; `None` when another server already has.
pub async fn claim_run<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    instant: DateTime<Utc>,
    trigger: Trigger,
    server_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<job_run::Model>, DbErr> {
    let inserted = JobRun::insert(job_run::ActiveModel {
        job_name: Set(name.to_owned()),
        scheduled_for: Set(instant),
        trigger: Set(trigger),
        server_id: Set(server_id.to_owned()),
        attempt: Set(1),
        started_at: Set(now),
        heartbeat_at: Set(now),
        finished_at: Set(None),
        outcome: Set(Outcome::Running),
        message: Set(None),
        ..Default::default()
    })
    .exec_with_returning(conn)
    .await;
    match inserted {
        Ok(run) => Ok(Some(run)),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn heartbeat<C: ConnectionTrait>(
    conn: &C,
    run_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    JobRun::update_many()
        .col_expr(job_run::Column::HeartbeatAt, Expr::value(now))
        .filter(job_run::Column::Id.eq(run_id))
        .exec(conn)
        .await
        .map(|_| ())
}

pub async fn finish_run<C: ConnectionTrait>(
    conn: &C,
    run_id: i64,
    outcome: Outcome,
    message: Option<String>,
    now: DateTime<Utc>,
) -> Result<job_run::Model, DbErr> {
    JobRun::update_many()
        .col_expr(job_run::Column::Outcome, Expr::value(outcome))
        .col_expr(job_run::Column::Message, Expr::value(message))
        .col_expr(job_run::Column::FinishedAt, Expr::value(Some(now)))
        .col_expr(job_run::Column::HeartbeatAt, Expr::value(now))
        .filter(job_run::Column::Id.eq(run_id))
        .exec(conn)
        .await?;
    JobRun::find_by_id(run_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("job run {run_id}")))
}

/// Runs still marked running whose heartbeat stopped before `cutoff`: their server crashed.
pub async fn stale_runs<C: ConnectionTrait>(
    conn: &C,
    cutoff: DateTime<Utc>,
) -> Result<Vec<job_run::Model>, DbErr> {
    JobRun::find()
        .filter(job_run::Column::Outcome.eq(Outcome::Running))
        .filter(job_run::Column::HeartbeatAt.lt(cutoff))
        .order_by_asc(job_run::Column::Id)
        .limit(100)
        .all(conn)
        .await
}

/// Takes over a stale run for another attempt; `false` when another server was first.
pub async fn take_over<C: ConnectionTrait>(
    conn: &C,
    run: &job_run::Model,
    server_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = JobRun::update_many()
        .col_expr(job_run::Column::ServerId, Expr::value(server_id))
        .col_expr(job_run::Column::Attempt, Expr::value(run.attempt + 1))
        .col_expr(job_run::Column::StartedAt, Expr::value(now))
        .col_expr(job_run::Column::HeartbeatAt, Expr::value(now))
        .filter(job_run::Column::Id.eq(run.id))
        .filter(job_run::Column::Outcome.eq(Outcome::Running))
        .filter(job_run::Column::HeartbeatAt.eq(run.heartbeat_at))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn last_run<C: ConnectionTrait>(
    conn: &C,
    name: &str,
) -> Result<Option<job_run::Model>, DbErr> {
    JobRun::find()
        .filter(job_run::Column::JobName.eq(name))
        .order_by_desc(job_run::Column::Id)
        .one(conn)
        .await
}

pub async fn runs<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    paging: &Paging,
) -> Result<(Vec<job_run::Model>, u64), DbErr> {
    let paginator = JobRun::find()
        .filter(job_run::Column::JobName.eq(name))
        .order_by_desc(job_run::Column::Id)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(paging.page_index()).await?, total))
}

//! Scheduled jobs (定时任务): jobs are registered in code by name, run at the instants of a cron
//! expression from configuration, and every run is claimed in the database first, so with any
//! number of servers each instant runs exactly once. Runs are recorded; after downtime the missed
//! instants are caught up by one run; a run whose server crashed is retried. Tests and operators
//! drive a job at a given instant with `run_job_at`, never by waiting.

mod dto;
mod error;
mod jobs;
mod model;
mod routes;
mod service;
mod store;

pub use error::SchedulerError;
pub use jobs::Job;
pub use model::{CronSchedule, InvalidCron, Outcome, Trigger};
pub use routes::configure;
pub use service::{list_jobs, run_job_at, run_loop, sync_jobs, tick, Scheduler};

//! What a scheduled job is.
//!
//! Each domain hands the scheduler its jobs (`auth::jobs()`, `audit::jobs()`,
//! `files::jobs(storage)`, `policies::jobs(..)`, `marketplace::jobs(..)`); start-up concatenates
//! them, and the scheduler knows nothing of what they do. A job names itself, says what it does,
//! and runs for one scheduled instant with the database and the collaborators it was built with;
//! its expression and enabled flag come from `scheduler.jobs.<name>` in configuration.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// Work the scheduler runs at the instants of a cron expression.
#[async_trait]
pub trait Job: Send + Sync {
    fn name(&self) -> &'static str;
    /// One line for the operators' page, in Chinese.
    fn description(&self) -> &'static str;
    /// The same line in English.
    fn description_en(&self) -> &'static str;
    /// Does the work for `instant`; answers a short summary for the run history.
    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String>;
}

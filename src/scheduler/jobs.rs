//! What a scheduled job is, and the jobs still reaching the whole application state.
//!
//! Each domain hands the scheduler its jobs (`auth::jobs()`, `audit::jobs()`,
//! `files::jobs(storage)`, …); start-up concatenates them. A job names itself, says what it does,
//! and runs for one scheduled instant with the database and the collaborators it was built with;
//! its expression and enabled flag come from `scheduler.jobs.<name>` in configuration.
//!
//! [`state_jobs`] holds the policies' and the marketplace's jobs, which still call their domains
//! through the application state (reached through a weak handle, so the state can own the
//! scheduler): they move to their domains once those use cases take their pieces.

use std::sync::{Arc, Weak};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{marketplace, policies, startup::AppState};

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

/// The jobs that still reach the application state, given a handle to it.
pub fn state_jobs(state: Weak<AppState>) -> Vec<Arc<dyn Job>> {
    vec![
        Arc::new(PushEligibility {
            state: state.clone(),
        }),
        Arc::new(MarketplaceDeadlines { state }),
    ]
}

/// The application state behind a weak handle; gone only while the server shuts down.
fn upgrade(state: &Weak<AppState>) -> anyhow::Result<Arc<AppState>> {
    state
        .upgrade()
        .ok_or_else(|| anyhow::anyhow!("the application is shutting down"))
}

/// Tells enterprises of the clauses they have newly become eligible for (精准推送).
struct PushEligibility {
    state: Weak<AppState>,
}

#[async_trait]
impl Job for PushEligibility {
    fn name(&self) -> &'static str {
        "push_eligibility"
    }

    fn description(&self) -> &'static str {
        "向新符合条件的企业推送政策条款"
    }

    fn description_en(&self) -> &'static str {
        "Tell enterprises of the policy clauses they newly qualify for"
    }

    async fn run(
        &self,
        _db: &DatabaseConnection,
        instant: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let state = upgrade(&self.state)?;
        let sent = policies::push_new_eligibilities(&state, instant)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("{sent} enterprises told of a clause"))
    }
}

/// Closes bidding on the procurements whose deadline has passed (each exactly once, whichever
/// server runs it) and ends the public notices that are over.
struct MarketplaceDeadlines {
    state: Weak<AppState>,
}

#[async_trait]
impl Job for MarketplaceDeadlines {
    fn name(&self) -> &'static str {
        "marketplace_deadlines"
    }

    fn description(&self) -> &'static str {
        "到期截标并选取，结束到期的结果公示"
    }

    fn description_en(&self) -> &'static str {
        "Close bidding at deadlines, select, and end public notices that are over"
    }

    async fn run(
        &self,
        _db: &DatabaseConnection,
        instant: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let state = upgrade(&self.state)?;
        let error = |e: marketplace::MarketplaceError| anyhow::anyhow!("{e}");
        let closed = marketplace::service::selection::close_due(&state, instant)
            .await
            .map_err(error)?;
        let ended = marketplace::service::selection::end_notices(&state, instant)
            .await
            .map_err(error)?;
        let summary = format!(
            "{} procurements closed ({} failed, {} awarded), {} notices ended",
            closed.closed, closed.failed, closed.awarded, ended.ended
        );
        let stuck: Vec<_> = closed.stuck.iter().chain(&ended.stuck).collect();
        match stuck.first() {
            // The run fails so the operator sees it; the others moved on regardless and the
            // stuck ones are tried again on the next run.
            Some(first) => Err(anyhow::anyhow!(
                "{summary}; {} left for the next run, first {first}",
                stuck.len()
            )),
            None => Ok(summary),
        }
    }
}

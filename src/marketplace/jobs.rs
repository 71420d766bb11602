//! The marketplace's scheduled job: closing bidding at each deadline (selecting at once) and
//! ending the public notices that are over.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{selection::service as selection, MarketplaceError};
use crate::{configuration::MarketplaceSettings, scheduler::Job};

/// The jobs this domain hands the scheduler.
pub fn jobs(rules: MarketplaceSettings) -> Vec<Arc<dyn Job>> {
    vec![Arc::new(MarketplaceDeadlines { rules })]
}

/// Closes bidding on the procurements whose deadline has passed (each exactly once, whichever
/// server runs it) and ends the public notices that are over.
struct MarketplaceDeadlines {
    rules: MarketplaceSettings,
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

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let error = |e: MarketplaceError| anyhow::anyhow!("{e}");
        let closed = selection::close_due(db, instant, &self.rules)
            .await
            .map_err(error)?;
        let ended = selection::end_notices(db, instant).await.map_err(error)?;
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

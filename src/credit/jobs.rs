//! The credit domain's scheduled jobs: rating deadlines, rectification deadlines, and the
//! nightly recompute of every standing as the window slides.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{
    rating::jobs::RatingDeadlines, sanction::service::escalate_overdue,
    score::service::recompute_all, StarCause,
};
use crate::scheduler::Job;

/// The jobs this domain registers with the scheduler.
pub fn jobs() -> Vec<Arc<dyn Job>> {
    vec![
        Arc::new(RatingDeadlines),
        Arc::new(RectificationDeadlines),
        Arc::new(NightlyRecompute),
    ]
}

/// Escalates every rectification whose deadline passed without a report to a delisting proposal.
struct RectificationDeadlines;

#[async_trait]
impl Job for RectificationDeadlines {
    fn name(&self) -> &'static str {
        "credit_rectification_deadlines"
    }

    fn description(&self) -> &'static str {
        "限期整改逾期未报告的，自动提请临时下架"
    }

    fn description_en(&self) -> &'static str {
        "Escalate rectifications past their deadline without a report to delisting proposals"
    }

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let escalated = escalate_overdue(db, instant)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("escalated {escalated}"))
    }
}

/// Recomputes every intermediary's standing: jobs older than the window stop counting.
struct NightlyRecompute;

#[async_trait]
impl Job for NightlyRecompute {
    fn name(&self) -> &'static str {
        "credit_nightly_recompute"
    }

    fn description(&self) -> &'static str {
        "每晚按滑动的评价期重算全部中介机构的信用分和星级"
    }

    fn description_en(&self) -> &'static str {
        "Recompute every intermediary's score and stars as the window slides"
    }

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (done, changed) = recompute_all(db, StarCause::Nightly, instant)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("recomputed {done}, stars changed for {changed}"))
    }
}

//! The scheduled rating job: lapse the tasks whose window ended and remind those about to end.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::service::lapse_and_remind;
use crate::scheduler::Job;

/// Lapses rating tasks past their window and sends the reminders that are due.
pub struct RatingDeadlines;

#[async_trait]
impl Job for RatingDeadlines {
    fn name(&self) -> &'static str {
        "credit_rating_deadlines"
    }

    fn description(&self) -> &'static str {
        "评价期满的评价任务记为逾期未评，并提醒即将截止的评价"
    }

    fn description_en(&self) -> &'static str {
        "Lapse rating tasks whose window ended and remind those about to end"
    }

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (lapsed, reminded) = lapse_and_remind(db, instant)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("lapsed {lapsed}, reminded {reminded}"))
    }
}

//! The authentication domain's scheduled job: forgetting ended sessions and old sign-in attempts.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;

use super::store;
use crate::scheduler::Job;

/// The jobs this domain hands the scheduler.
pub fn jobs() -> Vec<Arc<dyn Job>> {
    vec![Arc::new(PurgeSessions)]
}

/// Deletes sessions that ended more than a week ago and sign-in attempts older than 30 days.
struct PurgeSessions;

#[async_trait]
impl Job for PurgeSessions {
    fn name(&self) -> &'static str {
        "purge_sessions"
    }

    fn description(&self) -> &'static str {
        "删除已结束的会话和 30 天前的登录记录"
    }

    fn description_en(&self) -> &'static str {
        "Delete ended sessions and sign-in attempts older than 30 days"
    }

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (sessions, attempts) = store::purge_history(
            db,
            instant - Duration::days(7),
            instant - Duration::days(30),
        )
        .await?;
        Ok(format!(
            "{sessions} sessions and {attempts} sign-in attempts deleted"
        ))
    }
}

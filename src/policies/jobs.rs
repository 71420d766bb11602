//! The policies domain's scheduled job: telling enterprises of the clauses they have newly become
//! eligible for (精准推送).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{matching::ClauseCache, push::push_new_eligibilities};
use crate::{configuration::PolicySettings, enterprises::EnterpriseIndex, scheduler::Job};

/// The jobs this domain hands the scheduler, sharing this server's clause cache and index.
pub fn jobs(
    clauses: Arc<ClauseCache>,
    index: Arc<EnterpriseIndex>,
    settings: PolicySettings,
) -> Vec<Arc<dyn Job>> {
    vec![Arc::new(PushEligibility {
        clauses,
        index,
        settings,
    })]
}

/// Tells enterprises of the clauses they have newly become eligible for.
struct PushEligibility {
    clauses: Arc<ClauseCache>,
    index: Arc<EnterpriseIndex>,
    settings: PolicySettings,
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

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let sent = push_new_eligibilities(db, &self.settings, instant, &self.clauses, &self.index)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("{sent} enterprises told of a clause"))
    }
}

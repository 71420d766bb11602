//! The audit log's scheduled job: recomputing the hash chain.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{model::ChainReport, service::verify_chain};
use crate::scheduler::Job;

/// The jobs this domain hands the scheduler.
pub fn jobs() -> Vec<Arc<dyn Job>> {
    vec![Arc::new(VerifyAuditChain)]
}

/// Recomputes the audit log's hash chain; a broken link fails the run with its position.
struct VerifyAuditChain;

#[async_trait]
impl Job for VerifyAuditChain {
    fn name(&self) -> &'static str {
        "verify_audit_chain"
    }

    fn description(&self) -> &'static str {
        "校验审计日志的哈希链"
    }

    fn description_en(&self) -> &'static str {
        "Verify the audit log's hash chain"
    }

    async fn run(
        &self,
        db: &DatabaseConnection,
        _instant: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        match verify_chain(db).await? {
            ChainReport::Intact { entries } => Ok(format!("{entries} entries verified")),
            ChainReport::Broken { seq, reason } => {
                anyhow::bail!("audit chain broken at entry {seq}: {reason}")
            }
        }
    }
}

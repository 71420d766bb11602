//! The jobs registered in code. Each names itself, says what it does, and runs for one scheduled
//! instant; its expression and enabled flag come from `scheduler.jobs.<name>` in configuration.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::{
    audit::{self, ChainReport},
    auth, files, marketplace, policies,
    startup::AppState,
};

/// Work the scheduler runs at the instants of a cron expression.
#[async_trait]
pub trait Job: Send + Sync {
    fn name(&self) -> &'static str;
    /// One line for the operators' page, in Chinese.
    fn description(&self) -> &'static str;
    /// The same line in English.
    fn description_en(&self) -> &'static str;
    /// Does the work for `instant`; answers a short summary for the run history.
    async fn run(&self, state: &AppState, instant: DateTime<Utc>) -> anyhow::Result<String>;
}

/// Every job the platform has.
pub fn registry() -> Vec<Arc<dyn Job>> {
    vec![
        Arc::new(PurgeSessions),
        Arc::new(VerifyAuditChain),
        Arc::new(PurgeOrphanFiles),
        Arc::new(PushEligibility),
        Arc::new(MarketplaceDeadlines),
    ]
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

    async fn run(&self, state: &AppState, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (sessions, attempts) = auth::purge_history(
            &state.db,
            instant - Duration::days(7),
            instant - Duration::days(30),
        )
        .await?;
        Ok(format!(
            "{sessions} sessions and {attempts} sign-in attempts deleted"
        ))
    }
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

    async fn run(&self, state: &AppState, _instant: DateTime<Utc>) -> anyhow::Result<String> {
        match audit::verify_chain(&state.db).await? {
            ChainReport::Intact { entries } => Ok(format!("{entries} entries verified")),
            ChainReport::Broken { seq, reason } => {
                anyhow::bail!("audit chain broken at entry {seq}: {reason}")
            }
        }
    }
}

/// Removes uploads that never finished and files no record claimed within a day.
struct PurgeOrphanFiles;

#[async_trait]
impl Job for PurgeOrphanFiles {
    fn name(&self) -> &'static str {
        "purge_orphan_files"
    }

    fn description(&self) -> &'static str {
        "清理中断的上传和无人认领的文件"
    }

    fn description_en(&self) -> &'static str {
        "Remove interrupted uploads and files no record claimed"
    }

    async fn run(&self, state: &AppState, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (partial, unclaimed) = files::purge_orphans(state, instant).await?;
        Ok(format!(
            "{partial} interrupted uploads and {unclaimed} unclaimed files removed"
        ))
    }
}

/// Tells enterprises of the clauses they have newly become eligible for (精准推送).
struct PushEligibility;

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

    async fn run(&self, state: &AppState, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let sent = policies::push_new_eligibilities(
            &state.db,
            &state.settings.policies,
            instant,
            &state.clauses,
            &state.enterprise_index,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("{sent} enterprises told of a clause"))
    }
}

/// Closes bidding on the procurements whose deadline has passed (each exactly once, whichever
/// server runs it) and ends the public notices that are over.
struct MarketplaceDeadlines;

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

    async fn run(&self, state: &AppState, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let error = |e: marketplace::MarketplaceError| anyhow::anyhow!("{e}");
        let closed = marketplace::service::selection::close_due(
            &state.db,
            instant,
            &state.settings.marketplace,
        )
        .await
        .map_err(error)?;
        let ended = marketplace::service::selection::end_notices(&state.db, instant)
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

//! The file store's scheduled job: purging what no record claimed.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{service::purge_orphans, storage::Storage};
use crate::scheduler::Job;

/// The jobs this domain hands the scheduler, working on `storage`.
pub fn jobs(storage: Storage) -> Vec<Arc<dyn Job>> {
    vec![Arc::new(PurgeOrphanFiles { storage })]
}

/// Removes uploads that never finished and files no record claimed within a day.
struct PurgeOrphanFiles {
    storage: Storage,
}

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

    async fn run(&self, db: &DatabaseConnection, instant: DateTime<Utc>) -> anyhow::Result<String> {
        let (partial, unclaimed) = purge_orphans(db, &self.storage, instant).await?;
        Ok(format!(
            "{partial} interrupted uploads and {unclaimed} unclaimed files removed"
        ))
    }
}

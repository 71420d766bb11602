//! Search sources: each domain whose records are searchable hands the indexer a [`SearchSource`]
//! for its kind of document at start-up, so the search module never reads a domain's tables.

use async_trait::async_trait;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::model::{DocKind, SearchDocument};

/// Where the documents of one kind come from.
#[async_trait]
pub trait SearchSource: Send + Sync {
    /// The kind of document this source builds.
    fn kind(&self) -> DocKind;
    /// The current documents of these records; records that are gone have none.
    async fn documents(
        &self,
        db: &DatabaseConnection,
        records: &[Uuid],
    ) -> anyhow::Result<Vec<SearchDocument>>;
    /// How many documents a rebuild makes.
    async fn count(&self, db: &DatabaseConnection) -> anyhow::Result<u64>;
    /// Up to `limit` documents of records with an internal id above `after`, and the last id
    /// read (`after` when none).
    async fn documents_after(
        &self,
        db: &DatabaseConnection,
        after: i64,
        limit: u64,
    ) -> anyhow::Result<(Vec<SearchDocument>, i64)>;
}

//! The one interface both search backends implement. An engine keeps, with its documents, the
//! position in the change log it has applied, so after a crash it resumes where its last commit
//! ended and the index agrees with the database.

use async_trait::async_trait;

use super::model::{IndexBatch, SearchQuery, SearchResults};

#[async_trait]
pub trait SearchEngine: Send + Sync {
    /// A name for logs and the reindex summary.
    fn name(&self) -> &'static str;
    /// The change-log position of the last applied batch (0 for a new index).
    async fn position(&self) -> anyhow::Result<i64>;
    /// Applies upserts and deletions and records the new position, all or nothing.
    async fn apply(&self, batch: IndexBatch) -> anyhow::Result<()>;
    /// Removes every document and resets the position (before a full reindex).
    async fn clear(&self) -> anyhow::Result<()>;
    /// Ranked hits the caller's audience may see, with highlighted snippets.
    async fn search(&self, query: &SearchQuery) -> anyhow::Result<SearchResults>;
}

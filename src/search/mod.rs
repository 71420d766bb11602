//! Full-text search: one [`SearchEngine`] trait with two backends, the embedded tantivy index
//! (jieba Chinese segmentation) and Meilisearch. Domains log changed records in the same
//! transaction as the change (the search outbox); each engine follows that log with a cursor it
//! commits together with its documents, so the index agrees with the database after a crash and
//! every server's embedded index catches up with changes made by the others.

mod dto;
mod engine;
mod meilisearch_engine;
mod model;
mod routes;
mod service;
mod source;
mod store;
mod tantivy_engine;

pub use engine::SearchEngine;
pub use meilisearch_engine::MeilisearchEngine;
pub use model::{
    caller_audience, organisation_audience, role_audience, DocKind, IndexBatch, SearchDocument,
    SearchHit, SearchQuery, SearchResults, PUBLIC,
};
pub use routes::configure;
pub use service::{
    catch_up, engine_from_settings, record_change, reindex, run_loop, Indexer, ReindexSummary,
};
pub use source::SearchSource;
pub use tantivy_engine::TantivyEngine;

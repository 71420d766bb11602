//! Search use cases: record a change (inside the caller's transaction), bring the engine up to
//! date with the change log (`catch_up`, run by the worker and by tests), rebuild everything
//! (`reindex`), and search on a caller's behalf.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use uuid::Uuid;

use super::{
    engine::SearchEngine,
    meilisearch_engine::MeilisearchEngine,
    model::{caller_audience, DocKind, IndexBatch, SearchDocument, SearchQuery, SearchResults},
    source::SearchSource,
    store,
    tantivy_engine::TantivyEngine,
};
use crate::{auth::CurrentUser, configuration::Settings, pagination::Paging};

/// What keeps the index in step with the database: the engine and the sources the domains
/// registered, one per kind of document.
#[derive(Clone)]
pub struct Indexer {
    pub db: DatabaseConnection,
    pub engine: Arc<dyn SearchEngine>,
    pub sources: Vec<Arc<dyn SearchSource>>,
}

/// Changes read from the log per batch.
const BATCH: u64 = 500;

/// The engine the settings ask for: Meilisearch when `search.meilisearch_url` is set, else the
/// embedded tantivy index under `search.index_dir` (default `<data_dir>/search`).
pub async fn engine_from_settings(settings: &Settings) -> anyhow::Result<Arc<dyn SearchEngine>> {
    let search = &settings.search;
    if search.meilisearch_url.trim().is_empty() {
        let dir = if search.index_dir.as_os_str().is_empty() {
            settings.data_dir.join("search")
        } else {
            search.index_dir.clone()
        };
        Ok(Arc::new(TantivyEngine::open(Some(&dir)).map_err(|e| {
            anyhow::anyhow!("search.index_dir: cannot open {}: {e}", dir.display())
        })?))
    } else {
        let key = (!search.meilisearch_key.is_empty()).then_some(search.meilisearch_key.as_str());
        let engine = MeilisearchEngine::connect(
            &search.meilisearch_url,
            key,
            &search.meilisearch_index_prefix,
        )
        .await
        .map_err(|e| anyhow::anyhow!("search.meilisearch_url: {e}"))?;
        Ok(Arc::new(engine))
    }
}

/// Records that a record's document must be (re)built. Call it with the change's transaction.
pub async fn record_change<C: ConnectionTrait>(
    conn: &C,
    kind: DocKind,
    record: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    store::record(conn, kind, record, now).await
}

/// Applies every change logged after the engine's position; answers how many were applied.
pub async fn catch_up(indexer: &Indexer) -> anyhow::Result<usize> {
    let mut applied = 0;
    loop {
        let position = indexer.engine.position().await?;
        let changes = store::changes_after(&indexer.db, position, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.id) else {
            return Ok(applied);
        };
        applied += changes.len();
        let mut by_kind: Vec<(DocKind, Vec<Uuid>)> = Vec::new();
        for change in changes {
            let slot = match by_kind
                .iter()
                .position(|(kind, _)| *kind == change.doc_kind)
            {
                Some(slot) => slot,
                None => {
                    by_kind.push((change.doc_kind, Vec::new()));
                    by_kind.len() - 1
                }
            };
            let records = &mut by_kind[slot].1;
            if !records.contains(&change.doc_id) {
                records.push(change.doc_id);
            }
        }
        let mut batch = IndexBatch {
            position: last,
            ..Default::default()
        };
        for (kind, records) in by_kind {
            let Some(source) = indexer.sources.iter().find(|s| s.kind() == kind) else {
                tracing::warn!(
                    kind = kind.as_str(),
                    "search change of a kind no domain registered skipped"
                );
                continue;
            };
            let docs = source.documents(&indexer.db, &records).await?;
            for record in records {
                let id = SearchDocument::id_for(kind, record);
                if !docs.iter().any(|d| d.id == id) {
                    batch.deletes.push(id);
                }
            }
            batch.upserts.extend(docs);
        }
        indexer.engine.apply(batch).await?;
    }
}

/// What a reindex did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReindexSummary {
    pub engine: &'static str,
    pub documents: u64,
    pub position: i64,
}

/// Empties the index and rebuilds it from the database, reporting progress as (done, total).
pub async fn reindex(
    indexer: &Indexer,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<ReindexSummary> {
    let db = &indexer.db;
    let position = store::last_position(db).await?;
    indexer.engine.clear().await?;
    let mut total = 0;
    for source in &indexer.sources {
        total += source.count(db).await?;
    }
    let mut done = 0;
    for source in &indexer.sources {
        let mut after = 0;
        loop {
            let (upserts, last) = source.documents_after(db, after, BATCH).await?;
            if upserts.is_empty() {
                break;
            }
            done += upserts.len() as u64;
            after = last;
            indexer
                .engine
                .apply(IndexBatch {
                    upserts,
                    deletes: Vec::new(),
                    position,
                })
                .await?;
            progress(done, total);
        }
    }
    // Changes made while rebuilding are applied on top; documents are rebuilt, so a repeat is harmless.
    catch_up(indexer).await?;
    Ok(ReindexSummary {
        engine: indexer.engine.name(),
        documents: done,
        position,
    })
}

/// Searches what the caller may see.
pub async fn search(
    engine: &dyn SearchEngine,
    user: &CurrentUser,
    text: &str,
    kind: Option<DocKind>,
    paging: &Paging,
) -> anyhow::Result<SearchResults> {
    let query = SearchQuery {
        text: text.to_owned(),
        kind,
        audience: caller_audience(user.role, user.organisation_public_id),
        offset: usize::try_from(paging.offset()).unwrap_or(usize::MAX),
        limit: usize::try_from(paging.per_page()).unwrap_or(20),
    };
    engine.search(&query).await
}

/// The indexing loop of `qifu serve`: catches up every `search.poll_seconds`.
pub async fn run_loop(state: actix_web::web::Data<crate::startup::AppState>) {
    let period = std::time::Duration::from_secs(state.settings.search.poll_seconds);
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = catch_up(&state.indexer).await {
            tracing::error!(error = %format!("{e:#}"), "search indexing failed");
        }
    }
}

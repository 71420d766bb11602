//! The production search backend: Meilisearch 1.x through `meilisearch-sdk`, shared by every
//! server. Documents live in the index `<prefix>_documents` (Meilisearch segments Chinese itself
//! and tolerates typos); the applied change-log position is a document of `<prefix>_meta`,
//! written only after the batch's tasks have succeeded.

use std::time::Duration;

use async_trait::async_trait;
use meilisearch_sdk::{client::Client, search::Selectors, settings::Settings, tasks::Task};
use serde::{Deserialize, Serialize};

use super::{
    engine::SearchEngine,
    model::{IndexBatch, SearchDocument, SearchHit, SearchQuery, SearchResults},
};

/// Private-use characters around highlights, swapped for `<mark>` after HTML-escaping.
const PRE: &str = "\u{E000}";
const POST: &str = "\u{E001}";
const TASK_TIMEOUT: Duration = Duration::from_secs(120);

pub struct MeilisearchEngine {
    client: Client,
    documents: String,
    meta: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Position {
    id: String,
    position: i64,
}

impl MeilisearchEngine {
    /// Connects and makes sure the indexes have their settings.
    pub async fn connect(url: &str, api_key: Option<&str>, prefix: &str) -> anyhow::Result<Self> {
        let client = Client::new(url, api_key)?;
        let engine = Self {
            client,
            documents: format!("{prefix}_documents"),
            meta: format!("{prefix}_meta"),
        };
        let settings = Settings::new()
            .with_searchable_attributes(["title", "body"])
            .with_filterable_attributes(["kind", "audience"]);
        let task = engine
            .client
            .index(&engine.documents)
            .set_settings(&settings)
            .await?;
        engine.wait(task).await?;
        Ok(engine)
    }

    async fn wait(&self, task: meilisearch_sdk::task_info::TaskInfo) -> anyhow::Result<()> {
        match task
            .wait_for_completion(&self.client, None, Some(TASK_TIMEOUT))
            .await?
        {
            Task::Failed { content } => Err(anyhow::anyhow!(
                "Meilisearch task failed: {}",
                content.error
            )),
            _ => Ok(()),
        }
    }

    async fn set_position(&self, position: i64) -> anyhow::Result<()> {
        let doc = Position {
            id: "position".to_owned(),
            position,
        };
        let task = self
            .client
            .index(&self.meta)
            .add_or_replace(&[doc], Some("id"))
            .await?;
        self.wait(task).await
    }
}

/// Escapes the text for HTML, then turns the highlight markers into `<mark>`.
fn safe_snippet(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace(PRE, "<mark>")
        .replace(POST, "</mark>")
}

fn filter(query: &SearchQuery) -> String {
    let quoted: Vec<String> = query
        .audience
        .iter()
        .map(|token| format!("\"{}\"", token.replace('"', "")))
        .collect();
    let mut filter = format!("audience IN [{}]", quoted.join(", "));
    if let Some(kind) = query.kind {
        filter.push_str(&format!(" AND kind = \"{}\"", kind.as_str()));
    }
    filter
}

#[async_trait]
impl SearchEngine for MeilisearchEngine {
    fn name(&self) -> &'static str {
        "meilisearch"
    }

    async fn position(&self) -> anyhow::Result<i64> {
        match self
            .client
            .index(&self.meta)
            .get_document::<Position>("position")
            .await
        {
            Ok(doc) => Ok(doc.position),
            Err(meilisearch_sdk::errors::Error::Meilisearch(e))
                if matches!(
                    e.error_code,
                    meilisearch_sdk::errors::ErrorCode::DocumentNotFound
                        | meilisearch_sdk::errors::ErrorCode::IndexNotFound
                ) =>
            {
                Ok(0)
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn apply(&self, batch: IndexBatch) -> anyhow::Result<()> {
        let index = self.client.index(&self.documents);
        if !batch.deletes.is_empty() {
            let task = index.delete_documents(&batch.deletes).await?;
            self.wait(task).await?;
        }
        if !batch.upserts.is_empty() {
            let task = index.add_or_replace(&batch.upserts, Some("id")).await?;
            self.wait(task).await?;
        }
        self.set_position(batch.position).await
    }

    async fn clear(&self) -> anyhow::Result<()> {
        let task = self
            .client
            .index(&self.documents)
            .delete_all_documents()
            .await?;
        self.wait(task).await?;
        self.set_position(0).await
    }

    async fn search(&self, query: &SearchQuery) -> anyhow::Result<SearchResults> {
        let index = self.client.index(&self.documents);
        let filter = filter(query);
        let results = index
            .search()
            .with_query(query.text.trim())
            .with_filter(&filter)
            .with_offset(query.offset)
            .with_limit(query.limit)
            .with_attributes_to_highlight(Selectors::Some(&["title", "body"]))
            .with_attributes_to_crop(Selectors::Some(&[("body", None)]))
            .with_crop_length(40)
            .with_highlight_pre_tag(PRE)
            .with_highlight_post_tag(POST)
            .with_show_ranking_score(true)
            .execute::<SearchDocument>()
            .await?;
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                let formatted = hit.formatted_result.unwrap_or_default();
                let field = |name: &str| formatted.get(name).and_then(|v| v.as_str()).unwrap_or("");
                // The passage with more matches: the body, unless the title matches more.
                let matches = |name: &str| field(name).matches(PRE).count();
                let snippet = if matches("title") > matches("body") {
                    field("title")
                } else {
                    field("body")
                };
                SearchHit {
                    snippet: safe_snippet(snippet),
                    score: hit.ranking_score.unwrap_or_default() as f32,
                    id: hit.result.id,
                    kind: hit.result.kind,
                    record_id: hit.result.record_id,
                    title: hit.result.title,
                }
            })
            .collect();
        let total = results
            .total_hits
            .or(results.estimated_total_hits)
            .unwrap_or_default() as u64;
        Ok(SearchResults { hits, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_everything_but_the_highlights() {
        let raw = format!("<b>A&B</b> {PRE}测绘{POST}");
        assert_eq!(
            safe_snippet(&raw),
            "&lt;b&gt;A&amp;B&lt;/b&gt; <mark>测绘</mark>"
        );
    }
}

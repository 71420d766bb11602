//! The embedded search backend: tantivy with jieba's Chinese segmentation (search mode, so a
//! query for 测绘 finds 竣工测绘), kept under `<data_dir>/search/`. Each server keeps its own
//! index and follows the change log itself, so several servers all catch up with every change.
//! The applied change-log position is stored as the commit's payload: documents and position
//! commit together.

use std::{path::Path, sync::Arc};

use async_trait::async_trait;
use tantivy::{
    collector::{Count, TopDocs},
    query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery},
    schema::{
        Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
    },
    snippet::SnippetGenerator,
    tokenizer::{LowerCaser, TextAnalyzer},
    Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};
use tantivy_jieba::JiebaTokenizer;

use super::{
    engine::SearchEngine,
    model::{IndexBatch, SearchHit, SearchQuery, SearchResults},
};

const TOKENIZER: &str = "jieba";
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
const SNIPPET_CHARS: usize = 120;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    record_id: Field,
    title: Field,
    body: Field,
    audience: Field,
}

struct Inner {
    index: Index,
    reader: IndexReader,
    writer: std::sync::Mutex<IndexWriter>,
    fields: Fields,
}

pub struct TantivyEngine {
    inner: Arc<Inner>,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        kind: builder.add_text_field("kind", STRING | STORED),
        record_id: builder.add_text_field("record_id", STORED),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
        audience: builder.add_text_field("audience", STRING),
    };
    (builder.build(), fields)
}

impl TantivyEngine {
    /// Opens (or creates) the index in `dir`; `None` keeps it in memory.
    pub fn open(dir: Option<&Path>) -> anyhow::Result<Self> {
        let (schema, fields) = schema();
        let index = match dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                let directory = tantivy::directory::MmapDirectory::open(dir)?;
                Index::open_or_create(directory, schema)?
            }
            None => Index::create_in_ram(schema),
        };
        index.tokenizers().register(
            TOKENIZER,
            TextAnalyzer::builder(JiebaTokenizer::new())
                .filter(LowerCaser)
                .build(),
        );
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(WRITER_HEAP_BYTES)?;
        Ok(Self {
            inner: Arc::new(Inner {
                index,
                reader,
                writer: std::sync::Mutex::new(writer),
                fields,
            }),
        })
    }
}

impl Inner {
    fn commit(&self, writer: &mut IndexWriter, position: i64) -> anyhow::Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&position.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn apply(&self, batch: IndexBatch) -> anyhow::Result<()> {
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("the index writer lock is poisoned"))?;
        let f = self.fields;
        for id in &batch.deletes {
            writer.delete_term(Term::from_field_text(f.id, id));
        }
        for doc in batch.upserts {
            writer.delete_term(Term::from_field_text(f.id, &doc.id));
            let mut document = TantivyDocument::default();
            document.add_text(f.id, &doc.id);
            document.add_text(f.kind, &doc.kind);
            document.add_text(f.record_id, &doc.record_id);
            document.add_text(f.title, &doc.title);
            document.add_text(f.body, &doc.body);
            for token in &doc.audience {
                document.add_text(f.audience, token);
            }
            writer.add_document(document)?;
        }
        self.commit(&mut writer, batch.position)
    }

    fn clear(&self) -> anyhow::Result<()> {
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("the index writer lock is poisoned"))?;
        writer.delete_all_documents()?;
        self.commit(&mut writer, 0)
    }

    fn filters(&self, query: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let audience: Vec<(Occur, Box<dyn Query>)> = query
            .audience
            .iter()
            .map(|token| {
                let term = Term::from_field_text(f.audience, token);
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        let mut filters: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(audience)))];
        if let Some(kind) = query.kind {
            let term = Term::from_field_text(f.kind, kind.as_str());
            filters.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        filters
    }

    fn search(&self, query: &SearchQuery) -> anyhow::Result<SearchResults> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let text_query: Box<dyn Query> = if query.text.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, 2.0);
            parser.parse_query_lenient(query.text.trim()).0
        };
        let mut clauses = self.filters(query);
        clauses.push((Occur::Must, text_query.box_clone()));
        let combined = BooleanQuery::new(clauses);
        let (top, total) = searcher.search(
            &combined,
            &(
                TopDocs::with_limit(query.limit.max(1))
                    .and_offset(query.offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut body_snippets = SnippetGenerator::create(&searcher, &*text_query, f.body)?;
        body_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut title_snippets = SnippetGenerator::create(&searcher, &*text_query, f.title)?;
        title_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            // The passage with more matches: the body, unless the title matches more.
            let body_snippet = body_snippets.snippet_from_doc(&doc);
            let title_snippet = title_snippets.snippet_from_doc(&doc);
            let mut snippet =
                if title_snippet.highlighted().len() > body_snippet.highlighted().len() {
                    title_snippet
                } else {
                    body_snippet
                };
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let mut html = snippet.to_html();
            if html.is_empty() {
                html = escape(&text(f.body).chars().take(SNIPPET_CHARS).collect::<String>());
            }
            hits.push(SearchHit {
                id: text(f.id),
                kind: text(f.kind),
                record_id: text(f.record_id),
                title: text(f.title),
                snippet: html,
                score,
            });
        }
        Ok(SearchResults {
            hits,
            total: total as u64,
        })
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[async_trait]
impl SearchEngine for TantivyEngine {
    fn name(&self) -> &'static str {
        "tantivy"
    }

    async fn position(&self) -> anyhow::Result<i64> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let metas = inner.index.load_metas()?;
            Ok(metas
                .payload
                .and_then(|p| p.parse().ok())
                .unwrap_or_default())
        })
        .await?
    }

    async fn apply(&self, batch: IndexBatch) -> anyhow::Result<()> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.apply(batch)).await?
    }

    async fn clear(&self) -> anyhow::Result<()> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.clear()).await?
    }

    async fn search(&self, query: &SearchQuery) -> anyhow::Result<SearchResults> {
        let inner = self.inner.clone();
        let query = query.clone();
        tokio::task::spawn_blocking(move || inner.search(&query)).await?
    }
}

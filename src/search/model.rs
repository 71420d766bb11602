//! Search documents, queries and results, and who may see what. No framework code here.
//!
//! Visibility is an `audience`: a document lists the tokens that may see it (`public`,
//! `org:<uuid>`, `role:<role>`), a caller holds `public`, their organisation's token and their
//! role's token, and sees a document when the two share one. Both backends filter on it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::Role;

pub use entities::search_change::DocKind;

/// The audience token everyone holds.
pub const PUBLIC: &str = "public";

pub fn organisation_audience(id: Uuid) -> String {
    format!("org:{id}")
}

pub fn role_audience(role: Role) -> String {
    format!("role:{}", role.as_str())
}

/// The tokens a caller holds.
pub fn caller_audience(role: Role, organisation_id: Uuid) -> Vec<String> {
    vec![
        PUBLIC.to_owned(),
        organisation_audience(organisation_id),
        role_audience(role),
    ]
}

/// One indexed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDocument {
    /// `<kind>-<uuid>`: letters, digits and `-` only, as Meilisearch requires.
    pub id: String,
    pub kind: String,
    /// The record's public id, for links.
    pub record_id: String,
    pub title: String,
    pub body: String,
    pub audience: Vec<String>,
}

impl SearchDocument {
    pub fn id_for(kind: DocKind, record: Uuid) -> String {
        format!("{}-{record}", kind.as_str())
    }
}

/// A search as the engine runs it: the caller's audience is always part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub kind: Option<DocKind>,
    pub audience: Vec<String>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub kind: String,
    pub record_id: String,
    pub title: String,
    /// HTML: the matching passage with matches in `<mark>`; everything else escaped.
    pub snippet: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// How many documents match (an estimate for Meilisearch beyond its exhaustive limit).
    pub total: u64,
}

/// A batch of index changes, and the change-log position it brings the engine to.
#[derive(Debug, Clone, Default)]
pub struct IndexBatch {
    pub upserts: Vec<SearchDocument>,
    pub deletes: Vec<String>,
    pub position: i64,
}

//! Event requests, responses and the import's report.

use chrono::{DateTime, NaiveDate, Utc};
use entities::{credit_event, organisation};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::{
    credit::{model::CreditEventKind, score::dto::IntermediaryRef},
    sheets::{ImportMode, RowError, SheetFormat},
};

/// An external feedback event.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreditEventResponse {
    pub id: Uuid,
    pub kind: CreditEventKind,
    pub source: String,
    pub reference: String,
    pub occurred_on: NaiveDate,
    /// When the source says it ended.
    pub ends_on: Option<NaiveDate>,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<credit_event::Model> for CreditEventResponse {
    fn from(e: credit_event::Model) -> Self {
        Self {
            id: e.public_id,
            kind: e.kind,
            source: e.source,
            reference: e.reference,
            occurred_on: e.occurred_on,
            ends_on: e.ends_on,
            description: e.description,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// An event in the centre's list, with its intermediary.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreditEventListItem {
    pub intermediary: Option<IntermediaryRef>,
    #[serde(flatten)]
    pub event: CreditEventResponse,
}

impl From<(credit_event::Model, Option<organisation::Model>)> for CreditEventListItem {
    fn from((event, organisation): (credit_event::Model, Option<organisation::Model>)) -> Self {
        Self {
            intermediary: organisation.as_ref().map(IntermediaryRef::from),
            event: event.into(),
        }
    }
}

/// Which events the list shows.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CreditEventQuery {
    /// Contained in the intermediary's name or code, the source or the reference.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub kind: Option<CreditEventKind>,
}

/// How an import runs.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventImportQuery {
    /// `check` (default), `all` or `valid_rows`.
    pub mode: Option<ImportMode>,
}

/// What an event import found and did.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct EventImportReport {
    pub mode: ImportMode,
    pub format: Option<SheetFormat>,
    /// Data rows in the file (blank rows skipped).
    pub total_rows: usize,
    pub valid_rows: usize,
    /// Whether anything was saved.
    pub applied: bool,
    /// New events.
    pub created: usize,
    /// Events already stored whose end, kind, date or description the file changed.
    pub updated: usize,
    /// Events already stored exactly as the file has them.
    pub unchanged: usize,
    /// Intermediaries whose score was recomputed.
    pub recomputed: usize,
    pub errors: Vec<RowError>,
}

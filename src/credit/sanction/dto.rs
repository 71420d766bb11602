//! Sanction requests and responses.

use chrono::{DateTime, Utc};
use entities::sanction;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::service::SanctionAction;
use crate::credit::{
    error::CreditError,
    model::{SanctionKind, SanctionOrigin, SanctionStatus},
    score::dto::IntermediaryRef,
};

/// A sanction, with the intermediary it concerns.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SanctionResponse {
    pub id: Uuid,
    pub intermediary: IntermediaryRef,
    pub kind: SanctionKind,
    pub status: SanctionStatus,
    pub origin: SanctionOrigin,
    pub reason: String,
    /// A rectification's deadline.
    pub due_at: Option<DateTime<Utc>>,
    /// Open past its deadline.
    pub overdue: bool,
    pub report: Option<String>,
    pub report_files: Vec<Uuid>,
    pub reported_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl SanctionResponse {
    pub fn new(
        s: sanction::Model,
        intermediary: &entities::organisation::Model,
        now: DateTime<Utc>,
    ) -> Result<Self, CreditError> {
        let report_files = s
            .report_files
            .as_deref()
            .map(serde_json::from_str::<Vec<Uuid>>)
            .transpose()
            .map_err(|e| {
                CreditError::Internal(anyhow::anyhow!("stored report files unreadable: {e}"))
            })?
            .unwrap_or_default();
        Ok(Self {
            id: s.public_id,
            intermediary: IntermediaryRef::from(intermediary),
            overdue: s.status == SanctionStatus::Open && s.due_at.is_some_and(|d| d < now),
            kind: s.kind,
            status: s.status,
            origin: s.origin,
            reason: s.reason,
            due_at: s.due_at,
            report: s.report,
            report_files,
            reported_at: s.reported_at,
            decided_at: s.decided_at,
            decision_reason: s.decision_reason,
            created_at: s.created_at,
        })
    }
}

/// A regulator opens a sanction on its own motion.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SanctionRequest {
    pub intermediary_id: Uuid,
    pub kind: SanctionKind,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 1000, message = "1 to 1000 characters"))]
    #[schema(min_length = 1, max_length = 1000)]
    pub reason: String,
}

/// The intermediary's rectification report.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RectificationReportRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub report: String,
    /// Uploaded files of purpose `rectification_report`.
    #[serde(default)]
    #[validate(length(max = 10, message = "at most 10 files"))]
    #[schema(max_items = 10)]
    pub files: Vec<Uuid>,
}

/// A regulator's decision on a sanction.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SanctionDecisionRequest {
    pub action: SanctionAction,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 1000, message = "1 to 1000 characters"))]
    #[schema(min_length = 1, max_length = 1000)]
    pub reason: String,
}

/// Which sanctions to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SanctionQuery {
    pub status: Option<SanctionStatus>,
    pub kind: Option<SanctionKind>,
}

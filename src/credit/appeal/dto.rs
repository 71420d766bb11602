//! Appeal requests and responses.

use chrono::{DateTime, Utc};
use entities::appeal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::credit::{
    error::CreditError,
    model::{AppealStatus, Scores},
    score::{dto::IntermediaryRef, service::parse_scores},
};

/// An appeal, with what it appeals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AppealResponse {
    pub id: Uuid,
    pub intermediary: IntermediaryRef,
    /// The appealed rating, or
    pub rating_id: Option<Uuid>,
    /// the appealed rating's job title, and
    pub job_title: Option<String>,
    /// the appealed sanction.
    pub sanction_id: Option<Uuid>,
    pub reason: String,
    pub evidence: Vec<Uuid>,
    pub status: AppealStatus,
    /// When the regulator's decision is due.
    pub due_at: DateTime<Utc>,
    /// Open past its due time.
    pub overdue: bool,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    #[schema(schema_with = crate::credit::model::scores_schema)]
    pub adjusted_scores: Option<Scores>,
    pub created_at: DateTime<Utc>,
}

/// What an appeal response names besides the appeal.
pub struct AppealContext<'a> {
    pub intermediary: &'a entities::organisation::Model,
    pub rating: Option<&'a entities::rating::Model>,
    pub sanction: Option<&'a entities::sanction::Model>,
}

impl AppealResponse {
    pub fn new(
        a: appeal::Model,
        context: AppealContext<'_>,
        now: DateTime<Utc>,
    ) -> Result<Self, CreditError> {
        let evidence = serde_json::from_str::<Vec<Uuid>>(&a.evidence).map_err(|e| {
            CreditError::Internal(anyhow::anyhow!("stored evidence unreadable: {e}"))
        })?;
        Ok(Self {
            id: a.public_id,
            intermediary: IntermediaryRef::from(context.intermediary),
            rating_id: context.rating.map(|r| r.public_id),
            job_title: context.rating.map(|r| r.job_title.clone()),
            sanction_id: context.sanction.map(|s| s.public_id),
            reason: a.reason,
            evidence,
            overdue: a.status == AppealStatus::Open && a.due_at < now,
            status: a.status,
            due_at: a.due_at,
            decided_at: a.decided_at,
            decision_reason: a.decision_reason,
            adjusted_scores: a.adjusted_scores.as_deref().map(parse_scores).transpose()?,
            created_at: a.created_at,
        })
    }
}

/// An intermediary's appeal of one rating or one sanction.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AppealRequest {
    pub rating_id: Option<Uuid>,
    pub sanction_id: Option<Uuid>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub reason: String,
    /// Uploaded files of purpose `appeal_evidence`.
    #[serde(default)]
    #[validate(length(max = 10, message = "at most 10 files"))]
    #[schema(max_items = 10)]
    pub evidence: Vec<Uuid>,
}

/// A regulator's decision on an appeal.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AppealDecisionRequest {
    /// upheld, overturned or adjusted.
    pub decision: AppealStatus,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
    /// For `adjusted`: the corrected score of every indicator.
    #[schema(schema_with = crate::credit::model::scores_schema)]
    #[validate(length(max = 20, message = "at most 20 indicators"))]
    pub scores: Option<Scores>,
}

/// Which appeals to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AppealQuery {
    pub status: Option<AppealStatus>,
}

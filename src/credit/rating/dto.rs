//! Rating task requests and responses.

use chrono::{DateTime, Utc};
use entities::rating;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::credit::{
    error::CreditError,
    model::{RaterRole, RatingStatus, Scores},
    score::service::parse_scores,
};

/// A rating task as its rater sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RatingTaskResponse {
    pub id: Uuid,
    /// The procurement.
    pub job_id: Uuid,
    pub job_title: String,
    /// Which rater this task is for.
    pub rater: RaterRole,
    pub status: RatingStatus,
    pub accepted_at: DateTime<Utc>,
    /// The end of the rating window.
    pub due_at: DateTime<Utc>,
    #[schema(schema_with = crate::credit::model::scores_schema)]
    pub scores: Option<Scores>,
    pub comment: Option<String>,
    pub rated_at: Option<DateTime<Utc>>,
    pub lapsed_at: Option<DateTime<Utc>>,
}

impl RatingTaskResponse {
    pub fn new(t: rating::Model) -> Result<Self, CreditError> {
        Ok(Self {
            scores: t.scores.as_deref().map(parse_scores).transpose()?,
            id: t.public_id,
            job_id: t.job_id,
            job_title: t.job_title,
            rater: t.rater,
            status: t.status,
            accepted_at: t.accepted_at,
            due_at: t.due_at,
            comment: t.comment,
            rated_at: t.rated_at,
            lapsed_at: t.lapsed_at,
        })
    }
}

/// A rating: every indicator of the formula scored 1–5; a comment when any is 1 or 2.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RatingRequest {
    /// Indicator code → 1–5.
    #[schema(schema_with = crate::credit::model::scores_schema)]
    #[validate(length(max = 20, message = "at most 20 indicators"))]
    pub scores: Scores,
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// Which tasks to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingTaskQuery {
    pub status: Option<RatingStatus>,
}

//! Anomaly requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::service::FlagView;
use crate::credit::{
    model::{RaterRole, RatingFlagKind, RatingFlagStatus},
    score::dto::IntermediaryRef,
};

/// The rating a flag is about.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FlaggedRating {
    /// The rating task.
    pub id: Uuid,
    /// The procurement.
    pub job_id: Uuid,
    pub job_title: String,
    pub rater: RaterRole,
    pub rated_at: Option<DateTime<Utc>>,
}

/// A rating anomaly.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RatingFlagResponse {
    pub id: Uuid,
    pub kind: RatingFlagKind,
    pub status: RatingFlagStatus,
    /// What was found: `{"ratings": N}` for a streak; `{"ratings": N, "seconds": S}` for a
    /// burst; the shared values by field (`legal_representative`, `phone`, `email`) for a tied
    /// owner.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub rating: Option<FlaggedRating>,
    pub intermediary: Option<IntermediaryRef>,
    pub created_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
}

impl From<FlagView> for RatingFlagResponse {
    fn from(v: FlagView) -> Self {
        Self {
            id: v.flag.public_id,
            kind: v.flag.kind,
            status: v.flag.status,
            detail: serde_json::from_str(&v.flag.detail).unwrap_or(serde_json::Value::Null),
            rating: v.rating.map(|r| FlaggedRating {
                id: r.public_id,
                job_id: r.job_id,
                job_title: r.job_title,
                rater: r.rater,
                rated_at: r.rated_at,
            }),
            intermediary: v.intermediary.as_ref().map(IntermediaryRef::from),
            created_at: v.flag.created_at,
            reviewed_at: v.flag.reviewed_at,
            review_note: v.flag.review_note,
        }
    }
}

/// Which flags the list shows.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingFlagQuery {
    pub status: Option<RatingFlagStatus>,
}

/// A regulator's review of a flag.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RatingFlagReviewRequest {
    /// What the regulator found.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub note: String,
}

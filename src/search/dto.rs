//! Search requests and responses.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::{DocKind, SearchHit};

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for; Chinese is segmented, so 测绘 finds 竣工测绘.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "enter 1 to 200 characters"))]
    #[param(min_length = 1, max_length = 200)]
    pub q: String,
    pub kind: Option<DocKind>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchHitResponse {
    pub id: String,
    pub kind: String,
    /// The public id of the record the hit stands for.
    pub record_id: String,
    pub title: String,
    /// HTML: everything escaped but the `<mark>` around matches.
    pub snippet: String,
    pub score: f32,
}

impl From<SearchHit> for SearchHitResponse {
    fn from(hit: SearchHit) -> Self {
        Self {
            id: hit.id,
            kind: hit.kind,
            record_id: hit.record_id,
            title: hit.title,
            snippet: hit.snippet,
            score: hit.score,
        }
    }
}

//! Request and response bodies of the bidder's endpoints: placing a bid, justifying an abnormally
//! low one, and the bidder's list of its bids. The bid itself, as its bidder sees it, is shared
//! (`marketplace::dto::MyBidResponse`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::super::{dto::MyBidResponse, model::ProcurementStatus};

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct BidRequest {
    pub price_fen: i64,
    pub promised_working_days: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 20000, message = "at most 20000 characters"))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub proposal: String,
    /// An uploaded file of purpose `bid_proposal`.
    pub proposal_file_id: Option<Uuid>,
    /// SHA-256 (hex) of a proposal kept elsewhere, when no file is uploaded.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "crate::marketplace::dto::sha256_shape"))]
    pub proposal_digest: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyBidListItem {
    pub bid: MyBidResponse,
    pub procurement_id: Uuid,
    pub procurement_title: String,
    pub procurement_status: ProcurementStatus,
    pub bid_deadline: Option<DateTime<Utc>>,
    /// Whether this bid won (once the result is out).
    pub won: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct JustificationRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub justification: String,
}

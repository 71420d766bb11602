//! What several marketplace objects share in their request and response bodies: a service type
//! as every object shows it, an intermediary's credit standing, a party (owner, bidder, winner),
//! a reason (cancelling a procurement, raising an objection), the bidder's own bid, and the check
//! of a SHA-256 digest (a bid's proposal, a delivered result). Each object's own bodies live in
//! its `dto` module, next to its routes. Bids appear in two shapes: the bidder's own
//! ([`MyBidResponse`]) and, after closing, the owner's view of all (`selection::dto::BidResponse`);
//! nothing else carries any bid data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::model::{BidStatus, JustificationDecision};
use crate::credit::Standing;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceTypeResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub approval_zh: String,
    pub approval_en: String,
    pub qualification: Option<String>,
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    pub time_limit_working_days: i32,
    pub guide_zh: String,
    pub guide_en: String,
    pub active: bool,
    pub position: i32,
}

impl From<entities::service_type::Model> for ServiceTypeResponse {
    fn from(t: entities::service_type::Model) -> Self {
        Self {
            id: t.public_id,
            code: t.code,
            name_zh: t.name_zh,
            name_en: t.name_en,
            approval_zh: t.approval_zh,
            approval_en: t.approval_en,
            qualification: t.qualification,
            fee_min_fen: t.fee_min_fen,
            fee_max_fen: t.fee_max_fen,
            time_limit_working_days: t.time_limit_working_days,
            guide_zh: t.guide_zh,
            guide_en: t.guide_en,
            active: t.active,
            position: t.position,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreditResponse {
    /// 0–100; absent while unrated.
    pub score: Option<i32>,
    /// 1–5; absent while unrated.
    pub stars: Option<u8>,
    pub delisted: bool,
}

impl From<Standing> for CreditResponse {
    fn from(s: Standing) -> Self {
        Self {
            score: s.score,
            stars: s.stars.map(|s| s.stars()),
            delisted: s.delisted,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyResponse {
    pub id: Uuid,
    pub name: String,
}

impl From<entities::organisation::Model> for PartyResponse {
    fn from(o: entities::organisation::Model) -> Self {
        Self {
            id: o.public_id,
            name: o.name,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(as = ProcurementReasonRequest)]
pub struct ReasonRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// The bidder's own bid.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyBidResponse {
    pub id: Uuid,
    pub price_fen: i64,
    pub promised_working_days: i32,
    pub proposal: String,
    pub proposal_file_id: Option<Uuid>,
    pub proposal_digest: Option<String>,
    pub status: BidStatus,
    pub terms_version: i32,
    pub placed_at: DateTime<Utc>,
    pub abnormally_low: bool,
    pub justification: Option<String>,
    pub justification_decision: Option<JustificationDecision>,
    pub invalid_reason: Option<String>,
}

impl From<entities::bid::Model> for MyBidResponse {
    fn from(b: entities::bid::Model) -> Self {
        Self {
            id: b.public_id,
            price_fen: b.price_fen,
            promised_working_days: b.promised_working_days,
            proposal: b.proposal,
            proposal_file_id: b.proposal_file_id,
            proposal_digest: b.proposal_digest,
            status: b.status,
            terms_version: b.terms_version,
            placed_at: b.placed_at,
            abnormally_low: b.abnormally_low,
            justification: b.justification,
            justification_decision: b.justification_decision,
            invalid_reason: b.invalid_reason,
        }
    }
}

pub(super) fn sha256_shape(digest: &str) -> Result<(), validator::ValidationError> {
    if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("digest")
            .with_message("a SHA-256 digest is 64 hexadecimal characters".into()))
    }
}

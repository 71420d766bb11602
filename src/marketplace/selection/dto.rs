//! Request and response bodies of what follows closing: the owner's evaluation (every bid, as the
//! owner and the centre see it after closing, and the score cards), the selection forms (pick,
//! marks, justification decisions), objections and their answers, and the public result notices
//! and draw proofs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::super::{
    bid::service::BidView,
    draw::DrawProof,
    dto::{CreditResponse, MyBidResponse, PartyResponse},
    model::{ObjectionStatus, ProcurementStatus, SelectionMethod},
};
use super::ranking::ScoreCard;

/// A bid as the owner and the centre see it after closing.
#[derive(Debug, Serialize, ToSchema)]
pub struct BidResponse {
    #[serde(flatten)]
    pub bid: MyBidResponse,
    pub bidder: PartyResponse,
    pub bidder_uscc: Option<String>,
    pub proposal_score: Option<i32>,
    pub credit: CreditResponse,
}

impl From<BidView> for BidResponse {
    fn from(v: BidView) -> Self {
        Self {
            proposal_score: v.bid.proposal_score,
            bid: v.bid.into(),
            bidder_uscc: v.bidder.uscc.clone(),
            bidder: v.bidder.into(),
            credit: v.standing.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationResponse {
    pub bids: Vec<BidResponse>,
    /// Scored comparison: each valid bid's scores by the published formula, best first.
    pub score_cards: Vec<ScoreCard>,
    /// The published formula of a scored comparison, Chinese then English.
    pub formula: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PickRequest {
    pub bid_id: Uuid,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct MarkRequest {
    pub bid_id: Uuid,
    /// 0–100.
    pub mark: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct MarksRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_items = 1, max_items = 200)]
    pub marks: Vec<MarkRequest>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct JustificationDecisionRequest {
    pub bid_id: Uuid,
    pub accept: bool,
}

// ---- objections ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ObjectionAnswerRequest {
    pub uphold: bool,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub answer: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionResponse {
    pub id: Uuid,
    pub reason: String,
    pub status: ObjectionStatus,
    pub answer: Option<String>,
    pub raised_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<entities::procurement_objection::Model> for ObjectionResponse {
    fn from(o: entities::procurement_objection::Model) -> Self {
        Self {
            id: o.public_id,
            reason: o.reason,
            status: o.status,
            answer: o.answer,
            raised_at: o.raised_at,
            answered_at: o.answered_at,
        }
    }
}

// ---- public ----

/// The public proof of a random draw (结果公示): before closing only the commitment is filled.
#[derive(Debug, Serialize, ToSchema)]
pub struct DrawProofResponse {
    #[serde(flatten)]
    pub proof: DrawProof,
    /// How to recompute it, step by step.
    pub algorithm_description: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    /// Only those whose objection period is still running.
    #[serde(default)]
    pub in_notice: bool,
}

/// A published result (结果公示).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicNoticeResponse {
    pub procurement_id: Uuid,
    pub title: String,
    pub owner: String,
    /// Chinese names of the service types.
    pub service_types: Vec<String>,
    pub service_types_en: Vec<String>,
    pub selection_method: SelectionMethod,
    pub winner: String,
    pub winner_uscc: Option<String>,
    pub price_fen: i64,
    pub budget_ceiling_fen: i64,
    pub awarded_at: Option<DateTime<Utc>>,
    pub notice_ends_at: Option<DateTime<Utc>>,
    pub status: ProcurementStatus,
}

impl From<super::service::PublicNotice> for PublicNoticeResponse {
    fn from(n: super::service::PublicNotice) -> Self {
        let p = n.procurement;
        Self {
            procurement_id: p.public_id,
            title: p.title,
            owner: n.owner.name,
            service_types: n.service_types.iter().map(|t| t.name_zh.clone()).collect(),
            service_types_en: n.service_types.into_iter().map(|t| t.name_en).collect(),
            selection_method: p.selection_method,
            winner: n.winner.name,
            winner_uscc: n.winner.uscc,
            price_fen: n.price_fen,
            budget_ceiling_fen: p.budget_ceiling_fen,
            awarded_at: p.awarded_at,
            notice_ends_at: p.notice_ends_at,
            status: p.status,
        }
    }
}

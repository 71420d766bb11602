//! `bids`: an intermediary's sealed offer on a procurement, one per intermediary.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where a bid stands.
    BidStatus {
        /// Placed on the current terms.
        Active => "active",
        /// The terms changed after it was placed: the bidder must re-confirm it before the deadline.
        Stale => "stale",
        Withdrawn => "withdrawn",
        /// Not valid at closing or set aside afterwards (see its reason).
        Rejected => "rejected",
    }
);

stored_enum!(
    /// The owner's decision on the justification of an abnormally low bid.
    JustificationDecision {
        Accepted => "accepted",
        Rejected => "rejected",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bids")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub procurement_id: i64,
    pub organisation_id: i64,
    pub price_fen: i64,
    pub promised_working_days: i32,
    pub proposal: String,
    pub proposal_file_id: Option<Uuid>,
    pub proposal_digest: Option<String>,
    pub status: BidStatus,
    pub terms_version: i32,
    /// When the current offer was placed (or last replaced or re-confirmed).
    pub placed_at: DateTimeUtc,
    pub abnormally_low: bool,
    pub justification: Option<String>,
    pub justification_decision: Option<JustificationDecision>,
    pub proposal_score: Option<i32>,
    pub invalid_reason: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

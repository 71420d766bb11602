//! `bids`: an intermediary's sealed offer on a procurement, one per intermediary.

use sea_orm::entity::prelude::*;

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
    pub status: String,
    pub terms_version: i32,
    /// When the current offer was placed (or last replaced or re-confirmed).
    pub placed_at: DateTimeUtc,
    pub abnormally_low: bool,
    pub justification: Option<String>,
    pub justification_decision: Option<String>,
    pub proposal_score: Option<i32>,
    pub invalid_reason: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

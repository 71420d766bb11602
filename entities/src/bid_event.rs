//! `bid_events`: the sealed history of each bid (placed, replaced, withdrawn, re-confirmed),
//! audited only once bidding has closed.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What the bidder did to its bid.
    BidAction {
        Place => "place",
        Replace => "replace",
        Withdraw => "withdraw",
        /// Re-confirmed on changed terms.
        Confirm => "confirm",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bid_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub procurement_id: i64,
    pub bid_id: i64,
    pub organisation_id: i64,
    pub user_id: i64,
    pub action: BidAction,
    pub price_fen: i64,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `contracts`: the agreement after an award, confirmed by both sides, then delivered and accepted.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where a contract stands.
    ContractStatus {
        /// Drawn from the award; waiting for both confirmations.
        Proposed => "proposed",
        /// Both sides confirmed; the intermediary works (also after a returned delivery).
        Signed => "signed",
        Delivered => "delivered",
        Accepted => "accepted",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    #[sea_orm(unique)]
    pub procurement_id: i64,
    pub bid_id: i64,
    /// The intermediary.
    pub organisation_id: i64,
    pub amount_fen: i64,
    pub working_days: i32,
    pub status: ContractStatus,
    pub owner_confirmed_at: Option<DateTimeUtc>,
    pub intermediary_confirmed_at: Option<DateTimeUtc>,
    pub signed_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    pub accepted_at: Option<DateTimeUtc>,
    pub late: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

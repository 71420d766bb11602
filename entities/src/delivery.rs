//! `deliveries`: each result an intermediary submits under a contract, and the owner's decision.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// The owner's decision on a delivered result.
    DeliveryDecision {
        Accepted => "accepted",
        /// Returned for rework, with a reason.
        Returned => "returned",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub contract_id: i64,
    pub summary: String,
    pub file_id: Option<Uuid>,
    pub digest: String,
    pub submitted_at: DateTimeUtc,
    pub decision: Option<DeliveryDecision>,
    pub reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

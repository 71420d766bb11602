//! `procurement_objections`: objections (异议) raised by bidders during the public notice.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where an objection stands.
    ObjectionStatus {
        /// Raised; waiting for the owner's or the centre's answer.
        Open => "open",
        Upheld => "upheld",
        Dismissed => "dismissed",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procurement_objections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub procurement_id: i64,
    pub organisation_id: i64,
    pub reason: String,
    pub status: ObjectionStatus,
    pub answer: Option<String>,
    pub answered_by: Option<i64>,
    pub raised_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

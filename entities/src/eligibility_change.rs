//! `eligibility_changes`: the log of changes to profiles, tags and clauses that every server's
//! in-memory eligibility index follows.

use sea_orm::entity::prelude::*;

crate::stored_enum!(
    /// What a change-log entry's record is.
    ChangeKind {
        /// An enterprise's profile (the record is the organisation).
        Profile => "profile",
        Tag => "tag",
        /// A policy clause.
        Clause => "clause",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ChangeKind,
    pub record_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

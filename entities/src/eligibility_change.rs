//! `eligibility_changes`: the log of changes to profiles, tags and clauses that every server's
//! in-memory eligibility index follows.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `profile`, `tag` or `clause`.
    pub kind: String,
    pub record_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

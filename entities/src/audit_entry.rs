//! `audit_entries`: the append-only, hash-chained audit log.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub occurred_at: DateTimeUtc,
    pub actor_user_id: Option<Uuid>,
    pub actor_email: Option<String>,
    pub actor_organisation_id: Option<Uuid>,
    pub actor_role: Option<crate::user::Role>,
    /// The actor's organisation's name at the time (absent on entries written before it was kept).
    pub actor_organisation_name: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    /// JSON text, kept as written so the hash can be recomputed byte for byte.
    pub summary: String,
    pub ip: Option<String>,
    pub prev_hash: String,
    #[sea_orm(unique)]
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

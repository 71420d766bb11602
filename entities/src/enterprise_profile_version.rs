//! `enterprise_profile_versions`: the history of an enterprise profile, one row per change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_profile_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub version: i32,
    pub changed_at: DateTimeUtc,
    pub actor_user_id: Option<Uuid>,
    pub actor_role: Option<crate::user::Role>,
    pub actor_name: Option<String>,
    /// JSON object: field → {before, after}.
    pub changes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `service_items`: one value-added service (增值服务事项) offered by a department or a market
//! organisation, with the tags it is meant for and its SLA in working days.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub sector_id: i64,
    pub title: String,
    pub description: String,
    pub provider_organisation_id: i64,
    /// JSON array of tag codes.
    pub target_tags: String,
    pub sla_working_days: i32,
    /// JSON array of the materials the enterprise brings.
    pub materials: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

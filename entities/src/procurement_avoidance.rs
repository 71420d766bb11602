//! `procurement_avoidances`: intermediaries an owner excludes from one procurement (回避), with why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procurement_avoidances")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub procurement_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

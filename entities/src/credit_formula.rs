//! `credit_formulas`: every version of the credit formula (weights, indicators, thresholds,
//! windows, event adjustments) as the centre kept it, with who made it and why. The highest
//! version is in force; every standing records the version it was computed with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_formulas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub version: i32,
    /// The formula as JSON.
    pub rules: String,
    pub reason: String,
    /// The user (public id) who made it; none for the version shipped with the platform.
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

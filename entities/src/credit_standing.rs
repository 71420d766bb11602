//! `credit_standings`: an intermediary's current credit (score 0–100, stars 1–5) and whether it
//! is delisted (临时下架); kept by the credit domain. No row means unrated.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_standings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    pub score: Option<i32>,
    pub stars: Option<i16>,
    pub delisted: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `service_types`: the centre's catalogue of 涉审中介事项, each with the approval it serves,
//! the qualification it needs, its fee range (收费区间) in fen and its statutory time limit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_types")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub approval_zh: String,
    pub approval_en: String,
    /// The qualification type an intermediary must hold to offer it.
    pub qualification: Option<String>,
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    pub time_limit_working_days: i32,
    /// The industry department (an organisation) responsible for it, who rates its jobs.
    pub department_id: Option<i64>,
    pub guide_zh: String,
    pub guide_en: String,
    pub active: bool,
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

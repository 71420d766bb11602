//! `enterprise_qualifications`: qualifications and honours (高新技术企业, 专精特新 …) with expiry.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_qualifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    /// A code of the qualification catalogue, e.g. `high_tech_enterprise`.
    pub kind: String,
    pub certificate_no: Option<String>,
    pub obtained_on: Option<Date>,
    /// None: does not expire.
    pub expires_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

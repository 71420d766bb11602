//! `policies`: a policy document, issued by a department, cut into clauses.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Who issued the policy: 国家 / 省 / 市 / 区.
    PolicyLevel {
        National => "national",
        Provincial => "provincial",
        City => "city",
        District => "district",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub title: String,
    pub issuer_organisation_id: i64,
    pub level: PolicyLevel,
    pub document_number: String,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub source_url: Option<String>,
    pub summary: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

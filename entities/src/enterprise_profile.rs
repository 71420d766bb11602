//! `enterprise_profiles`: what an enterprise keeps about itself (企业画像), one row per enterprise
//! organisation. Name and unified social credit code stay on the organisation.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// 大型 / 中型 / 小型 / 微型 (《中小企业划型标准规定》).
    SizeClass {
        Large => "large",
        Medium => "medium",
        Small => "small",
        Micro => "micro",
    }
);

stored_enum!(
    /// 纳税信用等级: the tax authority's grades.
    TaxCreditGrade {
        A => "A",
        B => "B",
        M => "M",
        C => "C",
        D => "D",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    pub legal_representative: Option<String>,
    pub registered_capital_fen: Option<i64>,
    /// Last year's operating revenue (营业收入).
    pub revenue_fen: Option<i64>,
    pub total_assets_fen: Option<i64>,
    pub founded_on: Option<Date>,
    /// 6-digit administrative division of registration.
    pub region_code: Option<String>,
    /// GB/T 4754-2017: section letter and 2 to 4 digits, e.g. `I65`, `I6513`.
    pub industry_code: Option<String>,
    pub employees: Option<i32>,
    pub rd_spending_fen: Option<i64>,
    pub tax_credit_grade: Option<TaxCreditGrade>,
    /// Derived from the size standard, never typed in; null when unknown.
    pub size_class: Option<SizeClass>,
    /// The revision of the size standard's rules `size_class` was derived with.
    pub size_class_revision: i32,
    /// JSON array of contacts.
    pub contacts: String,
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `intermediary_profiles`: what an intermediary tells owners about itself.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "intermediary_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    /// Registered practitioners (执业人员).
    pub practitioners: i32,
    pub introduction: String,
    /// 法定代表人, as the intermediary states it.
    pub legal_representative: Option<String>,
    /// The business's contact phone and e-mail (tell an owner tied to it, among others).
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `calendar_days`: the exceptions to "Monday to Friday": holidays, and weekend days worked (调休).

use sea_orm::entity::prelude::*;

stored_enum!(
    /// An exception to Monday-to-Friday.
    DayKind {
        /// A day off, even on a weekday.
        Holiday => "holiday",
        /// A day worked, even on a weekend (调休上班).
        Workday => "workday",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub date: Date,
    pub year: i32,
    pub kind: DayKind,
    pub name: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

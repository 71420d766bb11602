//! `credit_standings`: an intermediary's current credit (score 0–100, stars 1–5) and whether it
//! is delisted (临时下架); kept by the credit domain. No row means unrated.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_standings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    /// Whole points, rounded half up from `score_hundredths`.
    pub score: Option<i32>,
    pub stars: Option<i16>,
    pub delisted: bool,
    /// The score in hundredths of a point (0–10000); stars are decided on it.
    pub score_hundredths: Option<i32>,
    /// The formula version it was computed with.
    pub formula_version: Option<i32>,
    /// Scored jobs in the window.
    pub rated_jobs: i32,
    /// Why it is what it is (JSON): jobs, raters, lapsed tasks, events, formula.
    pub explanation: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

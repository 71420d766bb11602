//! `star_changes`: the star history, one row for every change of an intermediary's stars (from
//! unrated, between levels, back to unrated), with the score, the formula version and the cause.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What made the stars change.
    StarCause {
        /// A rating was given or a task lapsed.
        Rating => "rating",
        /// An external feedback event started or ended.
        Event => "event",
        /// An appeal was decided.
        Appeal => "appeal",
        /// A new formula version.
        Formula => "formula",
        /// The nightly recompute: the 12-month window slid.
        Nightly => "nightly",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "star_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub from_stars: Option<i16>,
    pub to_stars: Option<i16>,
    /// The new score in hundredths of a point (0–10000); none when unrated.
    pub score_hundredths: Option<i32>,
    pub cause: StarCause,
    /// The record behind the cause (a rating's public id, …), when there is one.
    pub reference: Option<String>,
    pub formula_version: i32,
    pub changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! `rating_flags`: an anomaly found in a rating when it was given (评价异常), for regulators:
//! the rater's last ratings all maximal, an owner tied to the intermediary, or a burst of
//! ratings from one user. A flag changes no score; it stays open until a regulator reviews it.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What looked wrong.
    RatingFlagKind {
        /// The rating user's last N ratings (this one included) all gave every indicator 5.
        MaximalStreak => "maximal_streak",
        /// The owner enterprise shares a legal representative, contact phone or e-mail with the
        /// intermediary it rated.
        TiedOwner => "tied_owner",
        /// The user gave many ratings seconds apart.
        Burst => "burst",
    }
);

stored_enum!(
    /// Where a flag stands.
    RatingFlagStatus {
        /// Waiting for a regulator.
        Open => "open",
        /// A regulator looked at it and noted what it found.
        Reviewed => "reviewed",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rating_flags")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub rating_id: i64,
    /// The rated intermediary.
    pub intermediary_id: i64,
    /// The user who gave the rating.
    pub rated_by: i64,
    pub kind: RatingFlagKind,
    /// JSON object: what was found (the streak's length, the shared fields, the burst's count
    /// and seconds).
    pub detail: String,
    pub status: RatingFlagStatus,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::rating::Entity",
        from = "Column::RatingId",
        to = "super::rating::Column::Id"
    )]
    Rating,
}

impl Related<super::rating::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Rating.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

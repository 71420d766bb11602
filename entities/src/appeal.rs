//! `appeals`: an intermediary disputing one rating or one sanction (申诉), with its reason and
//! evidence, decided by a regulator within a limit: upheld, overturned, or (a rating) adjusted.
//! A decided appeal is final; each rating or sanction is appealed at most once.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where an appeal stands.
    AppealStatus {
        /// Waiting for a regulator.
        Open => "open",
        /// The rating or sanction stands.
        Upheld => "upheld",
        /// The rating leaves the score, or the sanction ends.
        Overturned => "overturned",
        /// Corrected indicator scores replace the rater's.
        Adjusted => "adjusted",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appeals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The intermediary appealing.
    pub organisation_id: i64,
    /// The appealed rating, or
    pub rating_id: Option<i64>,
    /// the appealed sanction.
    pub sanction_id: Option<i64>,
    pub reason: String,
    /// JSON array of evidence file ids.
    pub evidence: String,
    pub status: AppealStatus,
    /// The user who filed it.
    pub filed_by: i64,
    /// When the regulator's decision is due.
    pub due_at: DateTimeUtc,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_reason: Option<String>,
    /// JSON object: the corrected scores of an adjusted rating.
    pub adjusted_scores: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

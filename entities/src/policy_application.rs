//! `policy_applications`: an enterprise's application for a clause (申报), or its confirmation of
//! an automatic grant (免申即享), through review to payout (兑付).

use sea_orm::entity::prelude::*;

use crate::policy_clause::ClauseMode;

stored_enum!(
    /// Where an application stands.
    ApplicationStatus {
        Submitted => "submitted",
        Returned => "returned",
        Approved => "approved",
        Rejected => "rejected",
        Paid => "paid",
        Declined => "declined",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "policy_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub clause_id: i64,
    pub organisation_id: i64,
    /// The clause's mode when the enterprise applied or confirmed.
    pub mode: ClauseMode,
    pub status: ApplicationStatus,
    /// JSON array of {name, file_id}.
    pub materials: String,
    /// From the match (automatic grant) or the first submission: the payout clock's start.
    pub clock_started_at: DateTimeUtc,
    /// The end of the last working day the payout is due by.
    pub due_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub decision_reason: Option<String>,
    pub approved_amount_fen: Option<i64>,
    pub paid_at: Option<DateTimeUtc>,
    pub paid_amount_fen: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

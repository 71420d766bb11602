//! `ratings`: one rating task per finished job (an accepted contract) and rater role (一事一评),
//! open from acceptance until its window ends, and the rating given in it: each indicator's
//! score (1–5) and a comment. A rating is final once given; only an appeal overturns it (it
//! leaves the score) or adjusts it (corrected scores replace the rater's).

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Who rates a finished job, each with its weight in the formula.
    RaterRole {
        /// The project owner (项目业主), the enterprise that posted the job.
        Owner => "owner",
        /// The industry department responsible for the job's service type (行业主管部门).
        Department => "department",
        /// The intermediary management centre (中介管理服务中心).
        Center => "center",
    }
);

stored_enum!(
    /// Where a rating task stands.
    RatingStatus {
        /// Waiting for the rater, until the window ends.
        Open => "open",
        /// Rated: final.
        Rated => "rated",
        /// The window ended unrated; its weight is shared among the raters who rated.
        Lapsed => "lapsed",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ratings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub contract_id: i64,
    pub procurement_id: i64,
    /// The procurement's public id: the job as everyone names it.
    pub job_id: Uuid,
    /// The rated intermediary.
    pub intermediary_id: i64,
    pub rater: RaterRole,
    /// The organisation whose users rate.
    pub rater_organisation_id: i64,
    /// The procurement's title when the task opened.
    pub job_title: String,
    pub status: RatingStatus,
    /// When the owner accepted the delivery: the job's date in the scoring window.
    pub accepted_at: DateTimeUtc,
    /// The end of the rating window.
    pub due_at: DateTimeUtc,
    /// When to remind an unrated task (none: no reminder).
    pub remind_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    /// JSON object: indicator code → 1–5, as the rater gave them.
    pub scores: Option<String>,
    pub comment: Option<String>,
    /// The user who rated.
    pub rated_by: Option<i64>,
    pub rated_at: Option<DateTimeUtc>,
    pub lapsed_at: Option<DateTimeUtc>,
    /// An appeal overturned it: it no longer counts.
    pub overturned: bool,
    /// JSON object: the scores an appeal's adjustment put in place of the rater's.
    pub adjusted_scores: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

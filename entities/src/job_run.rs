//! `job_runs`: one row per claimed run of a scheduled job; (job, instant) is unique, which is what
//! makes each scheduled instant run once across every server.

use sea_orm::entity::prelude::*;

crate::stored_enum!(
    /// Why a run started.
    Trigger {
        Schedule => "schedule",
        /// One run standing for several instants missed while no server was running.
        CatchUp => "catch_up",
        Manual => "manual",
    }
);

crate::stored_enum!(
    /// How a run stands.
    Outcome {
        Running => "running",
        Succeeded => "succeeded",
        Failed => "failed",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub job_name: String,
    pub scheduled_for: DateTimeUtc,
    pub trigger: Trigger,
    pub server_id: String,
    pub attempt: i32,
    pub started_at: DateTimeUtc,
    pub heartbeat_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub outcome: Outcome,
    pub message: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

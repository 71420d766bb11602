//! `scheduled_jobs`: each job registered in code, with its current cron expression and state.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub cron: String,
    /// Set when an administrator changed the expression; configuration no longer overrides it.
    pub cron_overridden: bool,
    pub paused: bool,
    /// Scheduled instants after this one are due: when the job was first seen or last resumed.
    pub due_after: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

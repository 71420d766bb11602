//! Scheduled jobs and their runs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScheduledJobs::Table)
                    .col(string(ScheduledJobs::Name).primary_key())
                    .col(string(ScheduledJobs::Cron))
                    .col(boolean(ScheduledJobs::CronOverridden))
                    .col(boolean(ScheduledJobs::Paused))
                    .col(timestamp_with_time_zone(ScheduledJobs::DueAfter))
                    .col(timestamp_with_time_zone(ScheduledJobs::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JobRuns::Table)
                    .col(big_pk_auto(JobRuns::Id))
                    .col(string(JobRuns::JobName))
                    .col(timestamp_with_time_zone(JobRuns::ScheduledFor))
                    .col(string(JobRuns::Trigger))
                    .col(string(JobRuns::ServerId))
                    .col(integer(JobRuns::Attempt))
                    .col(timestamp_with_time_zone(JobRuns::StartedAt))
                    .col(timestamp_with_time_zone(JobRuns::HeartbeatAt))
                    .col(timestamp_with_time_zone_null(JobRuns::FinishedAt))
                    .col(string(JobRuns::Outcome))
                    .col(text_null(JobRuns::Message))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_job_runs_job_instant")
                    .table(JobRuns::Table)
                    .col(JobRuns::JobName)
                    .col(JobRuns::ScheduledFor)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_job_runs_outcome")
                    .table(JobRuns::Table)
                    .col(JobRuns::Outcome)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JobRuns::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ScheduledJobs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ScheduledJobs {
    Table,
    Name,
    Cron,
    CronOverridden,
    Paused,
    DueAfter,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum JobRuns {
    Table,
    Id,
    JobName,
    ScheduledFor,
    Trigger,
    ServerId,
    Attempt,
    StartedAt,
    HeartbeatAt,
    FinishedAt,
    Outcome,
    Message,
}

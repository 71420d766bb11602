//! Applications (申报) and automatic grants (免申即享): one per enterprise and clause, from
//! submission or confirmation to payout (兑付), with the clock that counts working days.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PolicyApplications::Table)
                    .col(big_pk_auto(PolicyApplications::Id))
                    .col(uuid_uniq(PolicyApplications::PublicId))
                    .col(big_integer(PolicyApplications::ClauseId))
                    .col(big_integer(PolicyApplications::OrganisationId))
                    .col(string(PolicyApplications::Mode))
                    .col(string(PolicyApplications::Status))
                    .col(text(PolicyApplications::Materials))
                    .col(timestamp_with_time_zone(PolicyApplications::ClockStartedAt))
                    .col(timestamp_with_time_zone(PolicyApplications::DueAt))
                    .col(timestamp_with_time_zone_null(
                        PolicyApplications::SubmittedAt,
                    ))
                    .col(timestamp_with_time_zone_null(PolicyApplications::DecidedAt))
                    .col(uuid_null(PolicyApplications::DecidedBy))
                    .col(text_null(PolicyApplications::DecisionReason))
                    .col(big_integer_null(PolicyApplications::ApprovedAmountFen))
                    .col(timestamp_with_time_zone_null(PolicyApplications::PaidAt))
                    .col(big_integer_null(PolicyApplications::PaidAmountFen))
                    .col(timestamp_with_time_zone(PolicyApplications::CreatedAt))
                    .col(timestamp_with_time_zone(PolicyApplications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_policy_applications_clause")
                            .from(PolicyApplications::Table, PolicyApplications::ClauseId)
                            .to(PolicyClauses::Table, PolicyClauses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_policy_applications_organisation")
                            .from(
                                PolicyApplications::Table,
                                PolicyApplications::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_policy_applications_one_per_clause")
                    .table(PolicyApplications::Table)
                    .col(PolicyApplications::ClauseId)
                    .col(PolicyApplications::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_policy_applications_organisation")
                    .table(PolicyApplications::Table)
                    .col(PolicyApplications::OrganisationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PolicyApplications::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PolicyApplications {
    Table,
    Id,
    PublicId,
    ClauseId,
    OrganisationId,
    Mode,
    Status,
    Materials,
    ClockStartedAt,
    DueAt,
    SubmittedAt,
    DecidedAt,
    DecidedBy,
    DecisionReason,
    ApprovedAmountFen,
    PaidAt,
    PaidAmountFen,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PolicyClauses {
    Table,
    Id,
}

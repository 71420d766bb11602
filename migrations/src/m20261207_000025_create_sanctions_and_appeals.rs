//! The regulator's desk: sanctions (`sanctions`: a rectification 限期整改 with its deadline and
//! report, or a delisting 临时下架 from proposal to confirmation and reinstatement) and appeals
//! (`appeals`: an intermediary disputing one rating or one sanction, with evidence, decided by a
//! regulator within its own limit).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261201_000019_create_marketplace_catalogue::reference;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sanctions::Table)
                    .col(big_pk_auto(Sanctions::Id))
                    .col(uuid_uniq(Sanctions::PublicId))
                    .col(big_integer(Sanctions::OrganisationId))
                    .col(string_len(Sanctions::Kind, 16))
                    .col(string_len(Sanctions::Status, 16))
                    .col(string_len(Sanctions::Origin, 16))
                    .col(text(Sanctions::Reason))
                    .col(big_integer_null(Sanctions::OpenedBy))
                    .col(timestamp_with_time_zone_null(Sanctions::DueAt))
                    .col(text_null(Sanctions::Report))
                    .col(text_null(Sanctions::ReportFiles))
                    .col(timestamp_with_time_zone_null(Sanctions::ReportedAt))
                    .col(big_integer_null(Sanctions::DecidedBy))
                    .col(timestamp_with_time_zone_null(Sanctions::DecidedAt))
                    .col(text_null(Sanctions::DecisionReason))
                    .col(big_integer_null(Sanctions::FollowsId))
                    .col(timestamp_with_time_zone(Sanctions::CreatedAt))
                    .col(timestamp_with_time_zone(Sanctions::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_sanctions_organisation",
                        (Sanctions::Table, Sanctions::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sanctions_organisation")
                    .table(Sanctions::Table)
                    .col(Sanctions::OrganisationId)
                    .col(Sanctions::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sanctions_status_due")
                    .table(Sanctions::Table)
                    .col(Sanctions::Status)
                    .col(Sanctions::DueAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appeals::Table)
                    .col(big_pk_auto(Appeals::Id))
                    .col(uuid_uniq(Appeals::PublicId))
                    .col(big_integer(Appeals::OrganisationId))
                    .col(big_integer_null(Appeals::RatingId))
                    .col(big_integer_null(Appeals::SanctionId))
                    .col(text(Appeals::Reason))
                    .col(text(Appeals::Evidence))
                    .col(string_len(Appeals::Status, 16))
                    .col(big_integer(Appeals::FiledBy))
                    .col(timestamp_with_time_zone(Appeals::DueAt))
                    .col(big_integer_null(Appeals::DecidedBy))
                    .col(timestamp_with_time_zone_null(Appeals::DecidedAt))
                    .col(text_null(Appeals::DecisionReason))
                    .col(text_null(Appeals::AdjustedScores))
                    .col(timestamp_with_time_zone(Appeals::CreatedAt))
                    .col(timestamp_with_time_zone(Appeals::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_appeals_organisation",
                        (Appeals::Table, Appeals::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_appeals_rating", Appeals::RatingId),
            ("idx_appeals_sanction", Appeals::SanctionId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Appeals::Table)
                        .col(column)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_appeals_status_due")
                    .table(Appeals::Table)
                    .col(Appeals::Status)
                    .col(Appeals::DueAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Appeals::Table.into_iden(), Sanctions::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Sanctions {
    Table,
    Id,
    PublicId,
    OrganisationId,
    Kind,
    Status,
    Origin,
    Reason,
    OpenedBy,
    DueAt,
    Report,
    ReportFiles,
    ReportedAt,
    DecidedBy,
    DecidedAt,
    DecisionReason,
    FollowsId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Appeals {
    Table,
    Id,
    PublicId,
    OrganisationId,
    RatingId,
    SanctionId,
    Reason,
    Evidence,
    Status,
    FiledBy,
    DueAt,
    DecidedBy,
    DecidedAt,
    DecisionReason,
    AdjustedScores,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

//! Organisations: enterprises, intermediaries, departments and the centre.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(big_pk_auto(Organisations::Id))
                    .col(uuid_uniq(Organisations::PublicId))
                    .col(string(Organisations::Name))
                    .col(string(Organisations::Kind))
                    .col(string_null(Organisations::Uscc).unique_key())
                    .col(string(Organisations::Status))
                    .col(text_null(Organisations::StatusReason))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organisations_kind_status")
                    .table(Organisations::Table)
                    .col(Organisations::Kind)
                    .col(Organisations::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Organisations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Organisations {
    Table,
    Id,
    PublicId,
    Name,
    Kind,
    Uscc,
    Status,
    StatusReason,
    CreatedAt,
    UpdatedAt,
}

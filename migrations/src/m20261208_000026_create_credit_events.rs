//! External feedback events (`credit_events`: tax arrears, abnormal-operation listing, an
//! administrative penalty, an upheld complaint, a commendation) that adjust an intermediary's
//! credit score while in force; one per (source, reference), so an import is idempotent.

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
                    .table(CreditEvents::Table)
                    .col(big_pk_auto(CreditEvents::Id))
                    .col(uuid_uniq(CreditEvents::PublicId))
                    .col(big_integer(CreditEvents::OrganisationId))
                    .col(string_len(CreditEvents::Kind, 32))
                    .col(string_len(CreditEvents::Source, 100))
                    .col(string_len(CreditEvents::Reference, 100))
                    .col(date(CreditEvents::OccurredOn))
                    .col(date_null(CreditEvents::EndsOn))
                    .col(text(CreditEvents::Description))
                    .col(big_integer_null(CreditEvents::ImportedBy))
                    .col(timestamp_with_time_zone(CreditEvents::CreatedAt))
                    .col(timestamp_with_time_zone(CreditEvents::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_credit_events_organisation",
                        (CreditEvents::Table, CreditEvents::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credit_events_source_reference")
                    .table(CreditEvents::Table)
                    .col(CreditEvents::Source)
                    .col(CreditEvents::Reference)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credit_events_organisation")
                    .table(CreditEvents::Table)
                    .col(CreditEvents::OrganisationId)
                    .col(CreditEvents::OccurredOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CreditEvents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum CreditEvents {
    Table,
    Id,
    PublicId,
    OrganisationId,
    Kind,
    Source,
    Reference,
    OccurredOn,
    EndsOn,
    Description,
    ImportedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

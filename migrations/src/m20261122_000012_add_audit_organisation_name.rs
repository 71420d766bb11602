//! Audit entries keep the acting organisation's name as it was at the time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntries::Table)
                    .add_column(string_null(AuditEntries::ActorOrganisationName))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntries::Table)
                    .drop_column(AuditEntries::ActorOrganisationName)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    ActorOrganisationName,
}

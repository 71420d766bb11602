//! An index for the upload quotas: an organisation's files by upload time (uploads in the last
//! hour, unclaimed bytes).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_stored_files_organisation_created";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(StoredFiles::Table)
                    .col(StoredFiles::OrganisationId)
                    .col(StoredFiles::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(StoredFiles::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    OrganisationId,
    CreatedAt,
}

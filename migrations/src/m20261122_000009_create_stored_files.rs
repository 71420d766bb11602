//! Uploaded files' metadata.

use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261122_000001_create_organisations::Organisations, m20261122_000002_create_users::Users,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StoredFiles::Table)
                    .col(big_pk_auto(StoredFiles::Id))
                    .col(uuid_uniq(StoredFiles::PublicId))
                    .col(string(StoredFiles::Sha256))
                    .col(big_integer(StoredFiles::Size))
                    .col(string(StoredFiles::ContentType))
                    .col(string(StoredFiles::OriginalName))
                    .col(string(StoredFiles::Purpose))
                    .col(big_integer(StoredFiles::UploaderUserId))
                    .col(big_integer(StoredFiles::OrganisationId))
                    .col(string_null(StoredFiles::OwnerType))
                    .col(uuid_null(StoredFiles::OwnerId))
                    .col(timestamp_with_time_zone(StoredFiles::CreatedAt))
                    .col(timestamp_with_time_zone_null(StoredFiles::AttachedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stored_files_uploader")
                            .from(StoredFiles::Table, StoredFiles::UploaderUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stored_files_organisation")
                            .from(StoredFiles::Table, StoredFiles::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_stored_files_sha256", vec![StoredFiles::Sha256]),
            (
                "idx_stored_files_owner",
                vec![StoredFiles::OwnerType, StoredFiles::OwnerId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(StoredFiles::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StoredFiles::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Id,
    PublicId,
    Sha256,
    Size,
    ContentType,
    OriginalName,
    Purpose,
    UploaderUserId,
    OrganisationId,
    OwnerType,
    OwnerId,
    CreatedAt,
    AttachedAt,
}

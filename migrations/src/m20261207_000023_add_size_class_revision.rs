//! Which revision of the size standard's rules each stored size class was derived with. Stored
//! classes older than the shipped revision are derived again from the kept inputs when a server
//! starts (`enterprises::rederive_size_classes`): revision 1 stops classing an enterprise
//! without the figures its industry's row uses as micro (its class becomes unknown, null), and
//! leaves finance and railway transport unclassed. Nothing else in a profile changes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EnterpriseProfiles::Table)
                    .add_column(integer(EnterpriseProfiles::SizeClassRevision).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_profiles_size_class_revision")
                    .table(EnterpriseProfiles::Table)
                    .col(EnterpriseProfiles::SizeClassRevision)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_enterprise_profiles_size_class_revision")
                    .table(EnterpriseProfiles::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EnterpriseProfiles::Table)
                    .drop_column(EnterpriseProfiles::SizeClassRevision)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum EnterpriseProfiles {
    Table,
    SizeClassRevision,
}

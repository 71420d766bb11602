//! The value-added service store (增值服务): sectors, service items and packages (一类事), and the
//! orders enterprises place (点单) with their SLA and rating.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn organisation_key(from: (ServiceTable, ServiceColumn), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Organisations::Table, Organisations::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceSectors::Table)
                    .col(big_pk_auto(ServiceSectors::Id))
                    .col(uuid_uniq(ServiceSectors::PublicId))
                    .col(string_uniq(ServiceSectors::Code))
                    .col(string(ServiceSectors::NameZh))
                    .col(string(ServiceSectors::NameEn))
                    .col(integer(ServiceSectors::Position))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceItems::Table)
                    .col(big_pk_auto(ServiceItems::Id))
                    .col(uuid_uniq(ServiceItems::PublicId))
                    .col(big_integer(ServiceItems::SectorId))
                    .col(string(ServiceItems::Title))
                    .col(text(ServiceItems::Description))
                    .col(big_integer(ServiceItems::ProviderOrganisationId))
                    .col(text(ServiceItems::TargetTags))
                    .col(integer(ServiceItems::SlaWorkingDays))
                    .col(text(ServiceItems::Materials))
                    .col(boolean(ServiceItems::Active))
                    .col(timestamp_with_time_zone(ServiceItems::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceItems::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_items_sector")
                            .from(ServiceItems::Table, ServiceItems::SectorId)
                            .to(ServiceSectors::Table, ServiceSectors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(&mut organisation_key(
                        (ServiceTable::Items, ServiceColumn::ProviderOrganisationId),
                        "fk_service_items_provider",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServicePackages::Table)
                    .col(big_pk_auto(ServicePackages::Id))
                    .col(uuid_uniq(ServicePackages::PublicId))
                    .col(string(ServicePackages::Title))
                    .col(text(ServicePackages::Description))
                    .col(text(ServicePackages::ItemIds))
                    .col(timestamp_with_time_zone(ServicePackages::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceOrders::Table)
                    .col(big_pk_auto(ServiceOrders::Id))
                    .col(uuid_uniq(ServiceOrders::PublicId))
                    .col(big_integer(ServiceOrders::ItemId))
                    .col(big_integer(ServiceOrders::OrganisationId))
                    .col(big_integer(ServiceOrders::ProviderOrganisationId))
                    .col(string(ServiceOrders::Status))
                    .col(text(ServiceOrders::Note))
                    .col(timestamp_with_time_zone(ServiceOrders::OrderedAt))
                    .col(timestamp_with_time_zone(ServiceOrders::DueAt))
                    .col(timestamp_with_time_zone_null(ServiceOrders::AcceptedAt))
                    .col(timestamp_with_time_zone_null(ServiceOrders::ClosedAt))
                    .col(text_null(ServiceOrders::ProviderNote))
                    .col(small_integer_null(ServiceOrders::Rating))
                    .col(text_null(ServiceOrders::RatingComment))
                    .col(timestamp_with_time_zone_null(ServiceOrders::RatedAt))
                    .col(timestamp_with_time_zone(ServiceOrders::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_orders_item")
                            .from(ServiceOrders::Table, ServiceOrders::ItemId)
                            .to(ServiceItems::Table, ServiceItems::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(&mut organisation_key(
                        (ServiceTable::Orders, ServiceColumn::OrganisationId),
                        "fk_service_orders_organisation",
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "idx_service_items_sector",
                ServiceTable::Items,
                ServiceColumn::SectorId,
            ),
            (
                "idx_service_orders_organisation",
                ServiceTable::Orders,
                ServiceColumn::OrganisationId,
            ),
            (
                "idx_service_orders_provider",
                ServiceTable::Orders,
                ServiceColumn::ProviderOrganisationId,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ServiceOrders::Table.into_iden(),
            ServicePackages::Table.into_iden(),
            ServiceItems::Table.into_iden(),
            ServiceSectors::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Table names for the helpers above.
#[derive(DeriveIden, Clone, Copy)]
enum ServiceTable {
    #[sea_orm(iden = "service_items")]
    Items,
    #[sea_orm(iden = "service_orders")]
    Orders,
}

/// The variants name the columns, so they keep their common `Id` ending.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden, Clone, Copy)]
enum ServiceColumn {
    SectorId,
    OrganisationId,
    ProviderOrganisationId,
}

#[derive(DeriveIden)]
enum ServiceSectors {
    Table,
    Id,
    PublicId,
    Code,
    NameZh,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum ServiceItems {
    Table,
    Id,
    PublicId,
    SectorId,
    Title,
    Description,
    ProviderOrganisationId,
    TargetTags,
    SlaWorkingDays,
    Materials,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ServicePackages {
    Table,
    Id,
    PublicId,
    Title,
    Description,
    ItemIds,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ServiceOrders {
    Table,
    Id,
    PublicId,
    ItemId,
    OrganisationId,
    ProviderOrganisationId,
    Status,
    Note,
    OrderedAt,
    DueAt,
    AcceptedAt,
    ClosedAt,
    ProviderNote,
    Rating,
    RatingComment,
    RatedAt,
    UpdatedAt,
}

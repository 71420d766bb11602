//! Enterprise profiles (企业画像): the fields policies match on, qualifications and honours with
//! their expiry, and the history of every change.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn organisation_key(
    table: impl IntoIden + Copy,
    column: impl IntoIden,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Organisations::Table, Organisations::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EnterpriseProfiles::Table)
                    .col(big_integer(EnterpriseProfiles::OrganisationId).primary_key())
                    .col(string_null(EnterpriseProfiles::LegalRepresentative))
                    .col(big_integer_null(EnterpriseProfiles::RegisteredCapitalFen))
                    .col(big_integer_null(EnterpriseProfiles::RevenueFen))
                    .col(big_integer_null(EnterpriseProfiles::TotalAssetsFen))
                    .col(date_null(EnterpriseProfiles::FoundedOn))
                    .col(string_len_null(EnterpriseProfiles::RegionCode, 6))
                    .col(string_len_null(EnterpriseProfiles::IndustryCode, 5))
                    .col(integer_null(EnterpriseProfiles::Employees))
                    .col(big_integer_null(EnterpriseProfiles::RdSpendingFen))
                    .col(string_len_null(EnterpriseProfiles::TaxCreditGrade, 1))
                    .col(string_null(EnterpriseProfiles::SizeClass))
                    .col(text(EnterpriseProfiles::Contacts))
                    .col(integer(EnterpriseProfiles::Version))
                    .col(timestamp_with_time_zone(EnterpriseProfiles::UpdatedAt))
                    .foreign_key(&mut organisation_key(
                        EnterpriseProfiles::Table,
                        EnterpriseProfiles::OrganisationId,
                        "fk_enterprise_profiles_organisation",
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "idx_enterprise_profiles_region",
                EnterpriseProfiles::RegionCode,
            ),
            (
                "idx_enterprise_profiles_industry",
                EnterpriseProfiles::IndustryCode,
            ),
            (
                "idx_enterprise_profiles_employees",
                EnterpriseProfiles::Employees,
            ),
            (
                "idx_enterprise_profiles_revenue",
                EnterpriseProfiles::RevenueFen,
            ),
            (
                "idx_enterprise_profiles_founded",
                EnterpriseProfiles::FoundedOn,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(EnterpriseProfiles::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(EnterpriseQualifications::Table)
                    .col(big_pk_auto(EnterpriseQualifications::Id))
                    .col(big_integer(EnterpriseQualifications::OrganisationId))
                    .col(string(EnterpriseQualifications::Kind))
                    .col(string_null(EnterpriseQualifications::CertificateNo))
                    .col(date_null(EnterpriseQualifications::ObtainedOn))
                    .col(date_null(EnterpriseQualifications::ExpiresOn))
                    .foreign_key(&mut organisation_key(
                        EnterpriseQualifications::Table,
                        EnterpriseQualifications::OrganisationId,
                        "fk_enterprise_qualifications_organisation",
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "idx_enterprise_qualifications_organisation",
                EnterpriseQualifications::OrganisationId,
            ),
            (
                "idx_enterprise_qualifications_kind",
                EnterpriseQualifications::Kind,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(EnterpriseQualifications::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(EnterpriseProfileVersions::Table)
                    .col(big_pk_auto(EnterpriseProfileVersions::Id))
                    .col(big_integer(EnterpriseProfileVersions::OrganisationId))
                    .col(integer(EnterpriseProfileVersions::Version))
                    .col(timestamp_with_time_zone(
                        EnterpriseProfileVersions::ChangedAt,
                    ))
                    .col(uuid_null(EnterpriseProfileVersions::ActorUserId))
                    .col(string_null(EnterpriseProfileVersions::ActorRole))
                    .col(string_null(EnterpriseProfileVersions::ActorName))
                    .col(text(EnterpriseProfileVersions::Changes))
                    .foreign_key(&mut organisation_key(
                        EnterpriseProfileVersions::Table,
                        EnterpriseProfileVersions::OrganisationId,
                        "fk_enterprise_profile_versions_organisation",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_profile_versions_organisation")
                    .table(EnterpriseProfileVersions::Table)
                    .col(EnterpriseProfileVersions::OrganisationId)
                    .col(EnterpriseProfileVersions::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EnterpriseProfileVersions::Table.into_iden(),
            EnterpriseQualifications::Table.into_iden(),
            EnterpriseProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseProfiles {
    Table,
    OrganisationId,
    LegalRepresentative,
    RegisteredCapitalFen,
    RevenueFen,
    TotalAssetsFen,
    FoundedOn,
    RegionCode,
    IndustryCode,
    Employees,
    RdSpendingFen,
    TaxCreditGrade,
    SizeClass,
    Contacts,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseQualifications {
    Table,
    Id,
    OrganisationId,
    Kind,
    CertificateNo,
    ObtainedOn,
    ExpiresOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseProfileVersions {
    Table,
    Id,
    OrganisationId,
    Version,
    ChangedAt,
    ActorUserId,
    ActorRole,
    ActorName,
    Changes,
}

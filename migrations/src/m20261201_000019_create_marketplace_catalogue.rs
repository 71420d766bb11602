//! The intermediary supermarket's catalogue (涉审中介事项 and their packages), what each
//! intermediary offers (service types, qualifications, practitioners), and the credit standing
//! the credit domain keeps per intermediary (unrated until it rates one).

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A restricting foreign key from `from` to `to` (used by the next migration too).
pub(crate) fn reference<T: IntoIden, C: IntoIden, R: IntoIden, K: IntoIden>(
    name: &str,
    from: (T, C),
    to: (R, K),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceTypes::Table)
                    .col(big_pk_auto(ServiceTypes::Id))
                    .col(uuid_uniq(ServiceTypes::PublicId))
                    .col(string_uniq(ServiceTypes::Code))
                    .col(string(ServiceTypes::NameZh))
                    .col(string(ServiceTypes::NameEn))
                    .col(string(ServiceTypes::ApprovalZh))
                    .col(string(ServiceTypes::ApprovalEn))
                    .col(string_null(ServiceTypes::Qualification))
                    .col(big_integer(ServiceTypes::FeeMinFen))
                    .col(big_integer(ServiceTypes::FeeMaxFen))
                    .col(integer(ServiceTypes::TimeLimitWorkingDays))
                    .col(text(ServiceTypes::GuideZh))
                    .col(text(ServiceTypes::GuideEn))
                    .col(boolean(ServiceTypes::Active))
                    .col(integer(ServiceTypes::Position))
                    .col(timestamp_with_time_zone(ServiceTypes::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceTypes::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceTypePackages::Table)
                    .col(big_pk_auto(ServiceTypePackages::Id))
                    .col(uuid_uniq(ServiceTypePackages::PublicId))
                    .col(string_uniq(ServiceTypePackages::Code))
                    .col(string(ServiceTypePackages::NameZh))
                    .col(string(ServiceTypePackages::NameEn))
                    .col(text(ServiceTypePackages::DescriptionZh))
                    .col(text(ServiceTypePackages::DescriptionEn))
                    .col(timestamp_with_time_zone(ServiceTypePackages::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceTypePackages::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceTypePackageMembers::Table)
                    .col(big_integer(ServiceTypePackageMembers::PackageId))
                    .col(big_integer(ServiceTypePackageMembers::ServiceTypeId))
                    .primary_key(
                        Index::create()
                            .col(ServiceTypePackageMembers::PackageId)
                            .col(ServiceTypePackageMembers::ServiceTypeId),
                    )
                    .foreign_key(&mut reference(
                        "fk_package_members_package",
                        (
                            ServiceTypePackageMembers::Table,
                            ServiceTypePackageMembers::PackageId,
                        ),
                        (ServiceTypePackages::Table, ServiceTypePackages::Id),
                    ))
                    .foreign_key(&mut reference(
                        "fk_package_members_type",
                        (
                            ServiceTypePackageMembers::Table,
                            ServiceTypePackageMembers::ServiceTypeId,
                        ),
                        (ServiceTypes::Table, ServiceTypes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IntermediaryProfiles::Table)
                    .col(big_integer(IntermediaryProfiles::OrganisationId).primary_key())
                    .col(integer(IntermediaryProfiles::Practitioners))
                    .col(text(IntermediaryProfiles::Introduction))
                    .col(timestamp_with_time_zone(IntermediaryProfiles::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_intermediary_profiles_organisation",
                        (
                            IntermediaryProfiles::Table,
                            IntermediaryProfiles::OrganisationId,
                        ),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IntermediaryServiceTypes::Table)
                    .col(big_integer(IntermediaryServiceTypes::OrganisationId))
                    .col(big_integer(IntermediaryServiceTypes::ServiceTypeId))
                    .primary_key(
                        Index::create()
                            .col(IntermediaryServiceTypes::OrganisationId)
                            .col(IntermediaryServiceTypes::ServiceTypeId),
                    )
                    .foreign_key(&mut reference(
                        "fk_intermediary_service_types_organisation",
                        (
                            IntermediaryServiceTypes::Table,
                            IntermediaryServiceTypes::OrganisationId,
                        ),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut reference(
                        "fk_intermediary_service_types_type",
                        (
                            IntermediaryServiceTypes::Table,
                            IntermediaryServiceTypes::ServiceTypeId,
                        ),
                        (ServiceTypes::Table, ServiceTypes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IntermediaryQualifications::Table)
                    .col(big_pk_auto(IntermediaryQualifications::Id))
                    .col(uuid_uniq(IntermediaryQualifications::PublicId))
                    .col(big_integer(IntermediaryQualifications::OrganisationId))
                    .col(string(IntermediaryQualifications::QualificationType))
                    .col(string(IntermediaryQualifications::Level))
                    .col(string(IntermediaryQualifications::CertificateNumber))
                    .col(date(IntermediaryQualifications::ExpiresOn))
                    .col(timestamp_with_time_zone(
                        IntermediaryQualifications::CreatedAt,
                    ))
                    .col(timestamp_with_time_zone(
                        IntermediaryQualifications::UpdatedAt,
                    ))
                    .foreign_key(&mut reference(
                        "fk_intermediary_qualifications_organisation",
                        (
                            IntermediaryQualifications::Table,
                            IntermediaryQualifications::OrganisationId,
                        ),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_intermediary_qualifications_unique")
                    .table(IntermediaryQualifications::Table)
                    .col(IntermediaryQualifications::OrganisationId)
                    .col(IntermediaryQualifications::QualificationType)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CreditStandings::Table)
                    .col(big_integer(CreditStandings::OrganisationId).primary_key())
                    .col(integer_null(CreditStandings::Score))
                    .col(small_integer_null(CreditStandings::Stars))
                    .col(boolean(CreditStandings::Delisted))
                    .col(timestamp_with_time_zone(CreditStandings::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_credit_standings_organisation",
                        (CreditStandings::Table, CreditStandings::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CreditStandings::Table.into_iden(),
            IntermediaryQualifications::Table.into_iden(),
            IntermediaryServiceTypes::Table.into_iden(),
            IntermediaryProfiles::Table.into_iden(),
            ServiceTypePackageMembers::Table.into_iden(),
            ServiceTypePackages::Table.into_iden(),
            ServiceTypes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum ServiceTypes {
    Table,
    Id,
    PublicId,
    Code,
    NameZh,
    NameEn,
    ApprovalZh,
    ApprovalEn,
    Qualification,
    FeeMinFen,
    FeeMaxFen,
    TimeLimitWorkingDays,
    GuideZh,
    GuideEn,
    Active,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum ServiceTypePackages {
    Table,
    Id,
    PublicId,
    Code,
    NameZh,
    NameEn,
    DescriptionZh,
    DescriptionEn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServiceTypePackageMembers {
    Table,
    PackageId,
    ServiceTypeId,
}

#[derive(DeriveIden, Clone, Copy)]
enum IntermediaryProfiles {
    Table,
    OrganisationId,
    Practitioners,
    Introduction,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum IntermediaryServiceTypes {
    Table,
    OrganisationId,
    ServiceTypeId,
}

#[derive(DeriveIden, Clone, Copy)]
enum IntermediaryQualifications {
    Table,
    Id,
    PublicId,
    OrganisationId,
    QualificationType,
    Level,
    CertificateNumber,
    ExpiresOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CreditStandings {
    Table,
    OrganisationId,
    Score,
    Stars,
    Delisted,
    UpdatedAt,
}

//! Policies and their clauses (政策颗粒化), the eligibility change log that keeps every server's
//! in-memory index in step, and the notices already pushed (never twice per clause).

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Policies::Table)
                    .col(big_pk_auto(Policies::Id))
                    .col(uuid_uniq(Policies::PublicId))
                    .col(string(Policies::Title))
                    .col(big_integer(Policies::IssuerOrganisationId))
                    .col(string(Policies::Level))
                    .col(string(Policies::DocumentNumber))
                    .col(date(Policies::EffectiveFrom))
                    .col(date_null(Policies::EffectiveTo))
                    .col(text_null(Policies::SourceUrl))
                    .col(text(Policies::Summary))
                    .col(timestamp_with_time_zone(Policies::CreatedAt))
                    .col(timestamp_with_time_zone(Policies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_policies_issuer")
                            .from(Policies::Table, Policies::IssuerOrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PolicyClauses::Table)
                    .col(big_pk_auto(PolicyClauses::Id))
                    .col(uuid_uniq(PolicyClauses::PublicId))
                    .col(big_integer(PolicyClauses::PolicyId))
                    .col(integer(PolicyClauses::Position))
                    .col(string(PolicyClauses::Title))
                    .col(text(PolicyClauses::Condition))
                    .col(text(PolicyClauses::ConditionText))
                    .col(text(PolicyClauses::Benefit))
                    .col(big_integer_null(PolicyClauses::AmountFixedFen))
                    .col(string_null(PolicyClauses::AmountBasis))
                    .col(integer_null(PolicyClauses::AmountRateBp))
                    .col(big_integer_null(PolicyClauses::AmountCapFen))
                    .col(date_null(PolicyClauses::WindowOpensOn))
                    .col(date_null(PolicyClauses::WindowClosesOn))
                    .col(text(PolicyClauses::Materials))
                    .col(string(PolicyClauses::Mode))
                    .col(string(PolicyClauses::Status))
                    .col(timestamp_with_time_zone_null(PolicyClauses::PublishedAt))
                    .col(timestamp_with_time_zone(PolicyClauses::CreatedAt))
                    .col(timestamp_with_time_zone(PolicyClauses::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_policy_clauses_policy")
                            .from(PolicyClauses::Table, PolicyClauses::PolicyId)
                            .to(Policies::Table, Policies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_policy_clauses_policy")
                    .table(PolicyClauses::Table)
                    .col(PolicyClauses::PolicyId)
                    .col(PolicyClauses::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EligibilityChanges::Table)
                    .col(big_pk_auto(EligibilityChanges::Id))
                    .col(string(EligibilityChanges::Kind))
                    .col(big_integer(EligibilityChanges::RecordId))
                    .col(timestamp_with_time_zone(EligibilityChanges::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EligibilityNotices::Table)
                    .col(big_integer(EligibilityNotices::OrganisationId))
                    .col(big_integer(EligibilityNotices::ClauseId))
                    .col(timestamp_with_time_zone(EligibilityNotices::NotifiedAt))
                    .primary_key(
                        Index::create()
                            .col(EligibilityNotices::OrganisationId)
                            .col(EligibilityNotices::ClauseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eligibility_notices_organisation")
                            .from(
                                EligibilityNotices::Table,
                                EligibilityNotices::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eligibility_notices_clause")
                            .from(EligibilityNotices::Table, EligibilityNotices::ClauseId)
                            .to(PolicyClauses::Table, PolicyClauses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeCursors::Table)
                    .col(string(ChangeCursors::Name).primary_key())
                    .col(big_integer(ChangeCursors::Position))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ChangeCursors::Table.into_iden(),
            EligibilityNotices::Table.into_iden(),
            EligibilityChanges::Table.into_iden(),
            PolicyClauses::Table.into_iden(),
            Policies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Policies {
    Table,
    Id,
    PublicId,
    Title,
    IssuerOrganisationId,
    Level,
    DocumentNumber,
    EffectiveFrom,
    EffectiveTo,
    SourceUrl,
    Summary,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PolicyClauses {
    Table,
    Id,
    PublicId,
    PolicyId,
    Position,
    Title,
    Condition,
    ConditionText,
    Benefit,
    AmountFixedFen,
    AmountBasis,
    AmountRateBp,
    AmountCapFen,
    WindowOpensOn,
    WindowClosesOn,
    Materials,
    Mode,
    Status,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EligibilityChanges {
    Table,
    Id,
    Kind,
    RecordId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EligibilityNotices {
    Table,
    OrganisationId,
    ClauseId,
    NotifiedAt,
}

#[derive(DeriveIden)]
enum ChangeCursors {
    Table,
    Name,
    Position,
}

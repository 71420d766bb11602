//! The intermediary supermarket's jobs: owners' investment projects, the procurements posted for
//! them (with avoided intermediaries, clarifications and objections), sealed bids and their
//! sealed history, and the contract and deliveries that follow an award.

use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261122_000001_create_organisations::Organisations,
    m20261201_000019_create_marketplace_catalogue::{reference, ServiceTypePackages, ServiceTypes},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn organisation(name: &str, table: impl IntoIden) -> ForeignKeyCreateStatement {
    reference(
        name,
        (table, Alias::new("organisation_id")),
        (Organisations::Table, Organisations::Id),
    )
}

fn procurement(name: &str, table: impl IntoIden) -> ForeignKeyCreateStatement {
    reference(
        name,
        (table, Alias::new("procurement_id")),
        (Procurements::Table, Procurements::Id),
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(big_pk_auto(Projects::Id))
                    .col(uuid_uniq(Projects::PublicId))
                    .col(big_integer(Projects::OrganisationId))
                    .col(string(Projects::Name))
                    .col(string_uniq(Projects::Code))
                    .col(string(Projects::DivisionCode))
                    .col(big_integer(Projects::InvestmentFen))
                    .col(text(Projects::Description))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .col(timestamp_with_time_zone(Projects::UpdatedAt))
                    .foreign_key(&mut organisation(
                        "fk_projects_organisation",
                        Projects::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Procurements::Table)
                    .col(big_pk_auto(Procurements::Id))
                    .col(uuid_uniq(Procurements::PublicId))
                    .col(big_integer(Procurements::ProjectId))
                    .col(big_integer(Procurements::OrganisationId))
                    .col(big_integer_null(Procurements::ServiceTypeId))
                    .col(big_integer_null(Procurements::PackageId))
                    .col(string(Procurements::Title))
                    .col(text(Procurements::Scope))
                    .col(big_integer(Procurements::BudgetCeilingFen))
                    .col(big_integer(Procurements::FeeMinFen))
                    .col(big_integer(Procurements::FeeMaxFen))
                    .col(text(Procurements::RequiredQualifications))
                    .col(string(Procurements::SelectionMethod))
                    .col(integer(Procurements::WeightPrice))
                    .col(integer(Procurements::WeightProposal))
                    .col(integer(Procurements::WeightCredit))
                    .col(integer(Procurements::MinValidBids))
                    .col(string(Procurements::Status))
                    .col(integer(Procurements::BiddingWorkingDays))
                    .col(timestamp_with_time_zone_null(Procurements::BidDeadline))
                    .col(integer(Procurements::ServiceWorkingDays))
                    .col(integer(Procurements::TermsVersion))
                    .col(string_null(Procurements::SeedCommitment))
                    .col(string_null(Procurements::Seed))
                    .col(text_null(Procurements::DrawOrder))
                    .col(timestamp_with_time_zone_null(Procurements::PublishedAt))
                    .col(timestamp_with_time_zone_null(Procurements::ClosedAt))
                    .col(big_integer_null(Procurements::AwardedBidId))
                    .col(timestamp_with_time_zone_null(Procurements::AwardedAt))
                    .col(timestamp_with_time_zone_null(Procurements::NoticeEndsAt))
                    .col(string_null(Procurements::EndReason))
                    .col(timestamp_with_time_zone(Procurements::CreatedAt))
                    .col(timestamp_with_time_zone(Procurements::UpdatedAt))
                    .foreign_key(&mut reference(
                        "fk_procurements_project",
                        (Procurements::Table, Procurements::ProjectId),
                        (Projects::Table, Projects::Id),
                    ))
                    .foreign_key(&mut organisation(
                        "fk_procurements_organisation",
                        Procurements::Table,
                    ))
                    .foreign_key(&mut reference(
                        "fk_procurements_service_type",
                        (Procurements::Table, Procurements::ServiceTypeId),
                        (ServiceTypes::Table, ServiceTypes::Id),
                    ))
                    .foreign_key(&mut reference(
                        "fk_procurements_package",
                        (Procurements::Table, Procurements::PackageId),
                        (ServiceTypePackages::Table, ServiceTypePackages::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementAvoidances::Table)
                    .col(big_integer(ProcurementAvoidances::ProcurementId))
                    .col(big_integer(ProcurementAvoidances::OrganisationId))
                    .col(text(ProcurementAvoidances::Reason))
                    .primary_key(
                        Index::create()
                            .col(ProcurementAvoidances::ProcurementId)
                            .col(ProcurementAvoidances::OrganisationId),
                    )
                    .foreign_key(&mut procurement(
                        "fk_avoidances_procurement",
                        ProcurementAvoidances::Table,
                    ))
                    .foreign_key(&mut organisation(
                        "fk_avoidances_organisation",
                        ProcurementAvoidances::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bids::Table)
                    .col(big_pk_auto(Bids::Id))
                    .col(uuid_uniq(Bids::PublicId))
                    .col(big_integer(Bids::ProcurementId))
                    .col(big_integer(Bids::OrganisationId))
                    .col(big_integer(Bids::PriceFen))
                    .col(integer(Bids::PromisedWorkingDays))
                    .col(text(Bids::Proposal))
                    .col(uuid_null(Bids::ProposalFileId))
                    .col(string_null(Bids::ProposalDigest))
                    .col(string(Bids::Status))
                    .col(integer(Bids::TermsVersion))
                    .col(timestamp_with_time_zone(Bids::PlacedAt))
                    .col(boolean(Bids::AbnormallyLow))
                    .col(text_null(Bids::Justification))
                    .col(string_null(Bids::JustificationDecision))
                    .col(integer_null(Bids::ProposalScore))
                    .col(string_null(Bids::InvalidReason))
                    .col(timestamp_with_time_zone(Bids::UpdatedAt))
                    .foreign_key(&mut procurement("fk_bids_procurement", Bids::Table))
                    .foreign_key(&mut organisation("fk_bids_organisation", Bids::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BidEvents::Table)
                    .col(big_pk_auto(BidEvents::Id))
                    .col(big_integer(BidEvents::ProcurementId))
                    .col(big_integer(BidEvents::BidId))
                    .col(big_integer(BidEvents::OrganisationId))
                    .col(big_integer(BidEvents::UserId))
                    .col(string(BidEvents::Action))
                    .col(big_integer(BidEvents::PriceFen))
                    .col(timestamp_with_time_zone(BidEvents::At))
                    .foreign_key(&mut procurement(
                        "fk_bid_events_procurement",
                        BidEvents::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementQuestions::Table)
                    .col(big_pk_auto(ProcurementQuestions::Id))
                    .col(uuid_uniq(ProcurementQuestions::PublicId))
                    .col(big_integer(ProcurementQuestions::ProcurementId))
                    .col(big_integer(ProcurementQuestions::OrganisationId))
                    .col(text(ProcurementQuestions::Question))
                    .col(text_null(ProcurementQuestions::Answer))
                    .col(timestamp_with_time_zone(ProcurementQuestions::AskedAt))
                    .col(timestamp_with_time_zone_null(
                        ProcurementQuestions::AnsweredAt,
                    ))
                    .foreign_key(&mut procurement(
                        "fk_questions_procurement",
                        ProcurementQuestions::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementObjections::Table)
                    .col(big_pk_auto(ProcurementObjections::Id))
                    .col(uuid_uniq(ProcurementObjections::PublicId))
                    .col(big_integer(ProcurementObjections::ProcurementId))
                    .col(big_integer(ProcurementObjections::OrganisationId))
                    .col(text(ProcurementObjections::Reason))
                    .col(string(ProcurementObjections::Status))
                    .col(text_null(ProcurementObjections::Answer))
                    .col(big_integer_null(ProcurementObjections::AnsweredBy))
                    .col(timestamp_with_time_zone(ProcurementObjections::RaisedAt))
                    .col(timestamp_with_time_zone_null(
                        ProcurementObjections::AnsweredAt,
                    ))
                    .foreign_key(&mut procurement(
                        "fk_objections_procurement",
                        ProcurementObjections::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contracts::Table)
                    .col(big_pk_auto(Contracts::Id))
                    .col(uuid_uniq(Contracts::PublicId))
                    .col(big_integer_uniq(Contracts::ProcurementId))
                    .col(big_integer(Contracts::BidId))
                    .col(big_integer(Contracts::OrganisationId))
                    .col(big_integer(Contracts::AmountFen))
                    .col(integer(Contracts::WorkingDays))
                    .col(string(Contracts::Status))
                    .col(timestamp_with_time_zone_null(Contracts::OwnerConfirmedAt))
                    .col(timestamp_with_time_zone_null(
                        Contracts::IntermediaryConfirmedAt,
                    ))
                    .col(timestamp_with_time_zone_null(Contracts::SignedAt))
                    .col(timestamp_with_time_zone_null(Contracts::DueAt))
                    .col(timestamp_with_time_zone_null(Contracts::DeliveredAt))
                    .col(timestamp_with_time_zone_null(Contracts::AcceptedAt))
                    .col(boolean(Contracts::Late))
                    .col(timestamp_with_time_zone(Contracts::CreatedAt))
                    .col(timestamp_with_time_zone(Contracts::UpdatedAt))
                    .foreign_key(&mut procurement(
                        "fk_contracts_procurement",
                        Contracts::Table,
                    ))
                    .foreign_key(&mut organisation(
                        "fk_contracts_organisation",
                        Contracts::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Deliveries::Table)
                    .col(big_pk_auto(Deliveries::Id))
                    .col(uuid_uniq(Deliveries::PublicId))
                    .col(big_integer(Deliveries::ContractId))
                    .col(text(Deliveries::Summary))
                    .col(uuid_null(Deliveries::FileId))
                    .col(string(Deliveries::Digest))
                    .col(timestamp_with_time_zone(Deliveries::SubmittedAt))
                    .col(string_null(Deliveries::Decision))
                    .col(text_null(Deliveries::Reason))
                    .col(timestamp_with_time_zone_null(Deliveries::DecidedAt))
                    .foreign_key(&mut reference(
                        "fk_deliveries_contract",
                        (Deliveries::Table, Deliveries::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, table, columns, unique) in [
            (
                "idx_bids_procurement_organisation",
                Bids::Table.into_iden(),
                vec![
                    Bids::ProcurementId.into_iden(),
                    Bids::OrganisationId.into_iden(),
                ],
                true,
            ),
            (
                "idx_bids_organisation",
                Bids::Table.into_iden(),
                vec![Bids::OrganisationId.into_iden()],
                false,
            ),
            (
                "idx_procurements_status_deadline",
                Procurements::Table.into_iden(),
                vec![
                    Procurements::Status.into_iden(),
                    Procurements::BidDeadline.into_iden(),
                ],
                false,
            ),
            (
                "idx_procurements_organisation",
                Procurements::Table.into_iden(),
                vec![Procurements::OrganisationId.into_iden()],
                false,
            ),
            (
                "idx_projects_organisation",
                Projects::Table.into_iden(),
                vec![Projects::OrganisationId.into_iden()],
                false,
            ),
            (
                "idx_bid_events_procurement",
                BidEvents::Table.into_iden(),
                vec![BidEvents::ProcurementId.into_iden()],
                false,
            ),
            (
                "idx_questions_procurement",
                ProcurementQuestions::Table.into_iden(),
                vec![ProcurementQuestions::ProcurementId.into_iden()],
                false,
            ),
            (
                "idx_objections_procurement",
                ProcurementObjections::Table.into_iden(),
                vec![ProcurementObjections::ProcurementId.into_iden()],
                false,
            ),
            (
                "idx_deliveries_contract",
                Deliveries::Table.into_iden(),
                vec![Deliveries::ContractId.into_iden()],
                false,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Deliveries::Table.into_iden(),
            Contracts::Table.into_iden(),
            ProcurementObjections::Table.into_iden(),
            ProcurementQuestions::Table.into_iden(),
            BidEvents::Table.into_iden(),
            Bids::Table.into_iden(),
            ProcurementAvoidances::Table.into_iden(),
            Procurements::Table.into_iden(),
            Projects::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Projects {
    Table,
    Id,
    PublicId,
    OrganisationId,
    Name,
    Code,
    DivisionCode,
    InvestmentFen,
    Description,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
    PublicId,
    ProjectId,
    OrganisationId,
    ServiceTypeId,
    PackageId,
    Title,
    Scope,
    BudgetCeilingFen,
    FeeMinFen,
    FeeMaxFen,
    RequiredQualifications,
    SelectionMethod,
    WeightPrice,
    WeightProposal,
    WeightCredit,
    MinValidBids,
    Status,
    BiddingWorkingDays,
    BidDeadline,
    ServiceWorkingDays,
    TermsVersion,
    SeedCommitment,
    Seed,
    DrawOrder,
    PublishedAt,
    ClosedAt,
    AwardedBidId,
    AwardedAt,
    NoticeEndsAt,
    EndReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementAvoidances {
    Table,
    ProcurementId,
    OrganisationId,
    Reason,
}

#[derive(DeriveIden, Clone, Copy)]
enum Bids {
    Table,
    Id,
    PublicId,
    ProcurementId,
    OrganisationId,
    PriceFen,
    PromisedWorkingDays,
    Proposal,
    ProposalFileId,
    ProposalDigest,
    Status,
    TermsVersion,
    PlacedAt,
    AbnormallyLow,
    Justification,
    JustificationDecision,
    ProposalScore,
    InvalidReason,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum BidEvents {
    Table,
    Id,
    ProcurementId,
    BidId,
    OrganisationId,
    UserId,
    Action,
    PriceFen,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementQuestions {
    Table,
    Id,
    PublicId,
    ProcurementId,
    OrganisationId,
    Question,
    Answer,
    AskedAt,
    AnsweredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementObjections {
    Table,
    Id,
    PublicId,
    ProcurementId,
    OrganisationId,
    Reason,
    Status,
    Answer,
    AnsweredBy,
    RaisedAt,
    AnsweredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Contracts {
    Table,
    Id,
    PublicId,
    ProcurementId,
    BidId,
    OrganisationId,
    AmountFen,
    WorkingDays,
    Status,
    OwnerConfirmedAt,
    IntermediaryConfirmedAt,
    SignedAt,
    DueAt,
    DeliveredAt,
    AcceptedAt,
    Late,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Deliveries {
    Table,
    Id,
    PublicId,
    ContractId,
    Summary,
    FileId,
    Digest,
    SubmittedAt,
    Decision,
    Reason,
    DecidedAt,
}

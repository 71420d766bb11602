//! The five-star credit scale, first part: the versioned formula (`credit_formulas`), one rating
//! task per finished job and rater role with the rating given in it (`ratings`), the star
//! history (`star_changes`), what a standing was computed with and why (`credit_standings` gains
//! the exact score, the formula version, the number of rated jobs and the explanation), and the
//! department responsible for each service type (`service_types.department_id`), who rates its
//! jobs. SQLite takes one change per ALTER TABLE and no foreign key on an added column, so the
//! added columns are checked by the code that writes them. A rating names its job by the
//! contract's id without a foreign key: only the acceptance of a contract writes ratings, and the
//! scores are recomputed from rating rows alone.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261201_000019_create_marketplace_catalogue::reference;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            ServiceTypes::Table,
            vec![big_integer_null(ServiceTypes::DepartmentId)],
        )
        .await?;
        add_columns(
            manager,
            CreditStandings::Table,
            vec![
                integer_null(CreditStandings::ScoreHundredths),
                integer_null(CreditStandings::FormulaVersion),
                integer(CreditStandings::RatedJobs).default(0).to_owned(),
                text_null(CreditStandings::Explanation),
            ],
        )
        .await?;
        create_formulas(manager).await?;
        create_ratings(manager).await?;
        create_star_changes(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StarChanges::Table.into_iden(),
            Ratings::Table.into_iden(),
            CreditFormulas::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            CreditStandings::Explanation,
            CreditStandings::RatedJobs,
            CreditStandings::FormulaVersion,
            CreditStandings::ScoreHundredths,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(CreditStandings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ServiceTypes::Table)
                    .drop_column(ServiceTypes::DepartmentId)
                    .to_owned(),
            )
            .await
    }
}

async fn add_columns<T: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    columns: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for mut column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn create_formulas(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CreditFormulas::Table)
                .col(big_pk_auto(CreditFormulas::Id))
                .col(integer_uniq(CreditFormulas::Version))
                .col(text(CreditFormulas::Rules))
                .col(text(CreditFormulas::Reason))
                .col(uuid_null(CreditFormulas::CreatedBy))
                .col(timestamp_with_time_zone(CreditFormulas::CreatedAt))
                .to_owned(),
        )
        .await
}

async fn create_ratings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Ratings::Table)
                .col(big_pk_auto(Ratings::Id))
                .col(uuid_uniq(Ratings::PublicId))
                .col(big_integer(Ratings::ContractId))
                .col(big_integer(Ratings::ProcurementId))
                .col(uuid(Ratings::JobId))
                .col(big_integer(Ratings::IntermediaryId))
                .col(string_len(Ratings::Rater, 16))
                .col(big_integer(Ratings::RaterOrganisationId))
                .col(string(Ratings::JobTitle))
                .col(string_len(Ratings::Status, 16))
                .col(timestamp_with_time_zone(Ratings::AcceptedAt))
                .col(timestamp_with_time_zone(Ratings::DueAt))
                .col(timestamp_with_time_zone_null(Ratings::RemindAt))
                .col(timestamp_with_time_zone_null(Ratings::RemindedAt))
                .col(text_null(Ratings::Scores))
                .col(text_null(Ratings::Comment))
                .col(big_integer_null(Ratings::RatedBy))
                .col(timestamp_with_time_zone_null(Ratings::RatedAt))
                .col(timestamp_with_time_zone_null(Ratings::LapsedAt))
                .col(boolean(Ratings::Overturned).default(false))
                .col(text_null(Ratings::AdjustedScores))
                .col(timestamp_with_time_zone(Ratings::CreatedAt))
                .col(timestamp_with_time_zone(Ratings::UpdatedAt))
                .foreign_key(&mut reference(
                    "fk_ratings_intermediary",
                    (Ratings::Table, Ratings::IntermediaryId),
                    (Organisations::Table, Organisations::Id),
                ))
                .foreign_key(&mut reference(
                    "fk_ratings_rater_organisation",
                    (Ratings::Table, Ratings::RaterOrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )
        .await?;
    for (name, columns, unique) in [
        (
            "idx_ratings_job_rater",
            vec![Ratings::ContractId, Ratings::Rater],
            true,
        ),
        (
            "idx_ratings_rater_status",
            vec![Ratings::RaterOrganisationId, Ratings::Status],
            false,
        ),
        (
            "idx_ratings_intermediary",
            vec![Ratings::IntermediaryId, Ratings::AcceptedAt],
            false,
        ),
        (
            "idx_ratings_status_due",
            vec![Ratings::Status, Ratings::DueAt],
            false,
        ),
    ] {
        let mut index = Index::create();
        index.name(name).table(Ratings::Table);
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

async fn create_star_changes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(StarChanges::Table)
                .col(big_pk_auto(StarChanges::Id))
                .col(big_integer(StarChanges::OrganisationId))
                .col(small_integer_null(StarChanges::FromStars))
                .col(small_integer_null(StarChanges::ToStars))
                .col(integer_null(StarChanges::ScoreHundredths))
                .col(string_len(StarChanges::Cause, 16))
                .col(string_null(StarChanges::Reference))
                .col(integer(StarChanges::FormulaVersion))
                .col(timestamp_with_time_zone(StarChanges::ChangedAt))
                .foreign_key(&mut reference(
                    "fk_star_changes_organisation",
                    (StarChanges::Table, StarChanges::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_star_changes_organisation")
                .table(StarChanges::Table)
                .col(StarChanges::OrganisationId)
                .col(StarChanges::ChangedAt)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden, Clone, Copy)]
enum ServiceTypes {
    Table,
    DepartmentId,
}

#[derive(DeriveIden, Clone, Copy)]
enum CreditStandings {
    Table,
    ScoreHundredths,
    FormulaVersion,
    RatedJobs,
    Explanation,
}

#[derive(DeriveIden, Clone, Copy)]
enum CreditFormulas {
    Table,
    Id,
    Version,
    Rules,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Ratings {
    Table,
    Id,
    PublicId,
    ContractId,
    ProcurementId,
    JobId,
    IntermediaryId,
    Rater,
    RaterOrganisationId,
    JobTitle,
    Status,
    AcceptedAt,
    DueAt,
    RemindAt,
    RemindedAt,
    Scores,
    Comment,
    RatedBy,
    RatedAt,
    LapsedAt,
    Overturned,
    AdjustedScores,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StarChanges {
    Table,
    Id,
    OrganisationId,
    FromStars,
    ToStars,
    ScoreHundredths,
    Cause,
    Reference,
    FormulaVersion,
    ChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

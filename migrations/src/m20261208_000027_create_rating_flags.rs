//! Rating anomalies for regulators: the intermediary's legal representative and contacts (to
//! tell an owner tied to it) on `intermediary_profiles`, and `rating_flags`, one row per
//! (rating, kind of anomaly) found when the rating was given, open until a regulator reviews it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261201_000019_create_marketplace_catalogue::reference;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            IntermediaryProfiles::LegalRepresentative,
            IntermediaryProfiles::ContactPhone,
            IntermediaryProfiles::ContactEmail,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(IntermediaryProfiles::Table)
                        .add_column(string_len_null(column, 254))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RatingFlags::Table)
                    .col(big_pk_auto(RatingFlags::Id))
                    .col(uuid_uniq(RatingFlags::PublicId))
                    .col(big_integer(RatingFlags::RatingId))
                    .col(big_integer(RatingFlags::IntermediaryId))
                    .col(big_integer(RatingFlags::RatedBy))
                    .col(string_len(RatingFlags::Kind, 32))
                    .col(text(RatingFlags::Detail))
                    .col(string_len(RatingFlags::Status, 16))
                    .col(big_integer_null(RatingFlags::ReviewedBy))
                    .col(timestamp_with_time_zone_null(RatingFlags::ReviewedAt))
                    .col(text_null(RatingFlags::ReviewNote))
                    .col(timestamp_with_time_zone(RatingFlags::CreatedAt))
                    .foreign_key(&mut reference(
                        "fk_rating_flags_rating",
                        (RatingFlags::Table, RatingFlags::RatingId),
                        (Ratings::Table, Ratings::Id),
                    ))
                    .foreign_key(&mut reference(
                        "fk_rating_flags_intermediary",
                        (RatingFlags::Table, RatingFlags::IntermediaryId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rating_flags_rating_kind")
                    .table(RatingFlags::Table)
                    .col(RatingFlags::RatingId)
                    .col(RatingFlags::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rating_flags_status")
                    .table(RatingFlags::Table)
                    .col(RatingFlags::Status)
                    .col(RatingFlags::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RatingFlags::Table).to_owned())
            .await?;
        for column in [
            IntermediaryProfiles::LegalRepresentative,
            IntermediaryProfiles::ContactPhone,
            IntermediaryProfiles::ContactEmail,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(IntermediaryProfiles::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum IntermediaryProfiles {
    Table,
    LegalRepresentative,
    ContactPhone,
    ContactEmail,
}

#[derive(DeriveIden, Clone, Copy)]
enum RatingFlags {
    Table,
    Id,
    PublicId,
    RatingId,
    IntermediaryId,
    RatedBy,
    Kind,
    Detail,
    Status,
    ReviewedBy,
    ReviewedAt,
    ReviewNote,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Ratings {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

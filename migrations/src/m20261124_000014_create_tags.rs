//! Tag dimensions and tags (标签维度, 标签), and the manual tags given to enterprises. A tag with a
//! rule is derived from the profile and never stored per enterprise.

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
                    .table(TagDimensions::Table)
                    .col(big_pk_auto(TagDimensions::Id))
                    .col(uuid_uniq(TagDimensions::PublicId))
                    .col(string_uniq(TagDimensions::Code))
                    .col(string(TagDimensions::NameZh))
                    .col(string(TagDimensions::NameEn))
                    .col(integer(TagDimensions::Position))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tags::Table)
                    .col(big_pk_auto(Tags::Id))
                    .col(uuid_uniq(Tags::PublicId))
                    .col(big_integer(Tags::DimensionId))
                    .col(string_uniq(Tags::Code))
                    .col(string(Tags::NameZh))
                    .col(string(Tags::NameEn))
                    .col(text(Tags::Description))
                    .col(text_null(Tags::Rule))
                    .col(text_null(Tags::RuleText))
                    .col(timestamp_with_time_zone(Tags::CreatedAt))
                    .col(timestamp_with_time_zone(Tags::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tags_dimension")
                            .from(Tags::Table, Tags::DimensionId)
                            .to(TagDimensions::Table, TagDimensions::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EnterpriseTags::Table)
                    .col(big_integer(EnterpriseTags::OrganisationId))
                    .col(big_integer(EnterpriseTags::TagId))
                    .col(timestamp_with_time_zone(EnterpriseTags::AssignedAt))
                    .col(uuid_null(EnterpriseTags::AssignedBy))
                    .primary_key(
                        Index::create()
                            .col(EnterpriseTags::OrganisationId)
                            .col(EnterpriseTags::TagId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enterprise_tags_organisation")
                            .from(EnterpriseTags::Table, EnterpriseTags::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_enterprise_tags_tag")
                            .from(EnterpriseTags::Table, EnterpriseTags::TagId)
                            .to(Tags::Table, Tags::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_tags_tag")
                    .table(EnterpriseTags::Table)
                    .col(EnterpriseTags::TagId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EnterpriseTags::Table.into_iden(),
            Tags::Table.into_iden(),
            TagDimensions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TagDimensions {
    Table,
    Id,
    PublicId,
    Code,
    NameZh,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    PublicId,
    DimensionId,
    Code,
    NameZh,
    NameEn,
    Description,
    Rule,
    RuleText,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EnterpriseTags {
    Table,
    OrganisationId,
    TagId,
    AssignedAt,
    AssignedBy,
}

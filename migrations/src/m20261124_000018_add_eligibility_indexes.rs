//! Indexes for answering eligibility conditions in SQL (`enterprises::condition::sql`): the two
//! choice columns, qualifications by kind and expiry (covering the organisation, so the subquery
//! of `qualifications has` reads the index only), manual tags by tag (likewise covering), and on
//! PostgreSQL the region and industry codes again with `varchar_pattern_ops`, because a plain
//! btree serves `LIKE '3301%'` only under the C collation (a database created with `C.UTF-8` or a
//! language collation would scan the whole table for every `region within` / `industry within`).

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, column) of the PostgreSQL-only prefix indexes.
const PREFIX_INDEXES: [(&str, &str); 2] = [
    ("idx_enterprise_profiles_region_prefix", "region_code"),
    ("idx_enterprise_profiles_industry_prefix", "industry_code"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in [
            (
                "idx_enterprise_profiles_tax_credit_grade",
                EnterpriseProfiles::TaxCreditGrade,
            ),
            (
                "idx_enterprise_profiles_size_class",
                EnterpriseProfiles::SizeClass,
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
            .drop_index(
                Index::drop()
                    .name("idx_enterprise_qualifications_kind")
                    .table(EnterpriseQualifications::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_qualifications_kind_expiry")
                    .table(EnterpriseQualifications::Table)
                    .col(EnterpriseQualifications::Kind)
                    .col(EnterpriseQualifications::ExpiresOn)
                    .col(EnterpriseQualifications::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_enterprise_tags_tag")
                    .table(EnterpriseTags::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_tags_tag_organisation")
                    .table(EnterpriseTags::Table)
                    .col(EnterpriseTags::TagId)
                    .col(EnterpriseTags::OrganisationId)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            for (name, column) in PREFIX_INDEXES {
                manager
                    .get_connection()
                    .execute_unprepared(&format!(
                        "CREATE INDEX {name} ON enterprise_profiles ({column} varchar_pattern_ops)"
                    ))
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            for (name, _) in PREFIX_INDEXES {
                manager
                    .get_connection()
                    .execute_unprepared(&format!("DROP INDEX {name}"))
                    .await?;
            }
        }
        for (name, table) in [
            (
                "idx_enterprise_tags_tag_organisation",
                EnterpriseTags::Table.into_iden(),
            ),
            (
                "idx_enterprise_qualifications_kind_expiry",
                EnterpriseQualifications::Table.into_iden(),
            ),
            (
                "idx_enterprise_profiles_size_class",
                EnterpriseProfiles::Table.into_iden(),
            ),
            (
                "idx_enterprise_profiles_tax_credit_grade",
                EnterpriseProfiles::Table.into_iden(),
            ),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_tags_tag")
                    .table(EnterpriseTags::Table)
                    .col(EnterpriseTags::TagId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_qualifications_kind")
                    .table(EnterpriseQualifications::Table)
                    .col(EnterpriseQualifications::Kind)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseProfiles {
    Table,
    TaxCreditGrade,
    SizeClass,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseQualifications {
    Table,
    OrganisationId,
    Kind,
    ExpiresOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseTags {
    Table,
    OrganisationId,
    TagId,
}

//! Qualifications an enterprise declares are checked: each row gets a public id (the URL of its
//! verification), where its verification stands (`declared` until the issuing department or the
//! centre verifies or rejects it), who decided, when, and why a rejection. Existing rows are
//! `declared` and get a fresh public id. SQLite cannot add a NOT NULL column without a constant
//! default, so `public_id` is NOT NULL on PostgreSQL only; on both, every insert sets it.

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one change per ALTER TABLE.
        let columns = [
            uuid_null(EnterpriseQualifications::PublicId),
            string_len(EnterpriseQualifications::Verification, 16)
                .default("declared")
                .to_owned(),
            uuid_null(EnterpriseQualifications::VerifiedBy),
            string_null(EnterpriseQualifications::Verifier),
            timestamp_with_time_zone_null(EnterpriseQualifications::VerifiedAt),
            string_null(EnterpriseQualifications::VerificationNote),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(EnterpriseQualifications::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id FROM enterprise_qualifications WHERE public_id IS NULL",
            ))
            .await?;
        let update = match backend {
            DbBackend::Postgres => {
                "UPDATE enterprise_qualifications SET public_id = $1 WHERE id = $2"
            }
            _ => "UPDATE enterprise_qualifications SET public_id = ? WHERE id = ?",
        };
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                update,
                [
                    Value::Uuid(Some(uuid::Uuid::new_v4())),
                    Value::BigInt(Some(id)),
                ],
            ))
            .await?;
        }
        if backend == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE enterprise_qualifications ALTER COLUMN public_id SET NOT NULL",
            )
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_enterprise_qualifications_public_id")
                    .table(EnterpriseQualifications::Table)
                    .col(EnterpriseQualifications::PublicId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_enterprise_qualifications_public_id")
                    .table(EnterpriseQualifications::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            EnterpriseQualifications::VerificationNote,
            EnterpriseQualifications::VerifiedAt,
            EnterpriseQualifications::Verifier,
            EnterpriseQualifications::VerifiedBy,
            EnterpriseQualifications::Verification,
            EnterpriseQualifications::PublicId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EnterpriseQualifications::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EnterpriseQualifications {
    Table,
    PublicId,
    Verification,
    VerifiedBy,
    Verifier,
    VerifiedAt,
    VerificationNote,
}

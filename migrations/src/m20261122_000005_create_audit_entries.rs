//! The audit log: append-only rows, each carrying the hash of the one before it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEntries::Table)
                    .col(big_integer(AuditEntries::Seq).primary_key())
                    .col(timestamp_with_time_zone(AuditEntries::OccurredAt))
                    .col(uuid_null(AuditEntries::ActorUserId))
                    .col(string_null(AuditEntries::ActorEmail))
                    .col(uuid_null(AuditEntries::ActorOrganisationId))
                    .col(string_null(AuditEntries::ActorRole))
                    .col(string(AuditEntries::Action))
                    .col(string(AuditEntries::TargetType))
                    .col(string(AuditEntries::TargetId))
                    .col(text(AuditEntries::Summary))
                    .col(string_null(AuditEntries::Ip))
                    .col(string(AuditEntries::PrevHash))
                    .col(string_uniq(AuditEntries::Hash))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_audit_entries_occurred_at", AuditEntries::OccurredAt),
            ("idx_audit_entries_action", AuditEntries::Action),
            ("idx_audit_entries_actor_email", AuditEntries::ActorEmail),
            ("idx_audit_entries_target", AuditEntries::TargetId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditEntries::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEntries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Seq,
    OccurredAt,
    ActorUserId,
    ActorEmail,
    ActorOrganisationId,
    ActorRole,
    Action,
    TargetType,
    TargetId,
    Summary,
    Ip,
    PrevHash,
    Hash,
}

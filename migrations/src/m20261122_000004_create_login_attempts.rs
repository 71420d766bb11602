//! Login attempts: the evidence behind account lockout and per-address throttling.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(big_pk_auto(LoginAttempts::Id))
                    .col(string(LoginAttempts::Email))
                    .col(string(LoginAttempts::Ip))
                    .col(boolean(LoginAttempts::Succeeded))
                    .col(timestamp_with_time_zone(LoginAttempts::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_login_attempts_email", LoginAttempts::Email),
            ("idx_login_attempts_ip", LoginAttempts::Ip),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(LoginAttempts::Table)
                        .col(column)
                        .col(LoginAttempts::AttemptedAt)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginAttempts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    Ip,
    Succeeded,
    AttemptedAt,
}

//! The working-day calendar: years and their exception days.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarYears::Table)
                    .col(integer(CalendarYears::Year).primary_key())
                    .col(text(CalendarYears::Source))
                    .col(boolean(CalendarYears::Provisional))
                    .col(timestamp_with_time_zone(CalendarYears::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarDays::Table)
                    .col(date(CalendarDays::Date).primary_key())
                    .col(integer(CalendarDays::Year))
                    .col(string(CalendarDays::Kind))
                    .col(string(CalendarDays::Name))
                    .col(timestamp_with_time_zone(CalendarDays::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_days_year")
                    .table(CalendarDays::Table)
                    .col(CalendarDays::Year)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarDays::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CalendarYears::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CalendarYears {
    Table,
    Year,
    Source,
    Provisional,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CalendarDays {
    Table,
    Date,
    Year,
    Kind,
    Name,
    UpdatedAt,
}

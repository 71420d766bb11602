//! Calendar queries.

use chrono::{DateTime, NaiveDate, Utc};
use entities::{
    calendar_day::{self, Entity as CalendarDay},
    calendar_year::{self, Entity as CalendarYear},
};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::model::DayKind;

pub async fn year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
) -> Result<Option<calendar_year::Model>, DbErr> {
    CalendarYear::find_by_id(year).one(conn).await
}

pub async fn years<C: ConnectionTrait>(conn: &C) -> Result<Vec<i32>, DbErr> {
    Ok(CalendarYear::find()
        .order_by_asc(calendar_year::Column::Year)
        .all(conn)
        .await?
        .into_iter()
        .map(|y| y.year)
        .collect())
}

pub async fn upsert_year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
    source: &str,
    provisional: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    CalendarYear::insert(calendar_year::ActiveModel {
        year: Set(year),
        source: Set(source.to_owned()),
        provisional: Set(provisional),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_year::Column::Year)
            .update_columns([
                calendar_year::Column::Source,
                calendar_year::Column::Provisional,
                calendar_year::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

pub async fn days_of_year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
) -> Result<Vec<calendar_day::Model>, DbErr> {
    CalendarDay::find()
        .filter(calendar_day::Column::Year.eq(year))
        .order_by_asc(calendar_day::Column::Date)
        .all(conn)
        .await
}

pub async fn days_between<C: ConnectionTrait>(
    conn: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<calendar_day::Model>, DbErr> {
    CalendarDay::find()
        .filter(calendar_day::Column::Date.gte(from))
        .filter(calendar_day::Column::Date.lte(to))
        .all(conn)
        .await
}

pub async fn day<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<Option<calendar_day::Model>, DbErr> {
    CalendarDay::find_by_id(date).one(conn).await
}

pub async fn upsert_day<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
    year: i32,
    kind: DayKind,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    CalendarDay::insert(calendar_day::ActiveModel {
        date: Set(date),
        year: Set(year),
        kind: Set(kind),
        name: Set(name.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_day::Column::Date)
            .update_columns([
                calendar_day::Column::Kind,
                calendar_day::Column::Name,
                calendar_day::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

pub async fn delete_day<C: ConnectionTrait>(conn: &C, date: NaiveDate) -> Result<bool, DbErr> {
    Ok(CalendarDay::delete_by_id(date)
        .exec(conn)
        .await?
        .rows_affected
        > 0)
}

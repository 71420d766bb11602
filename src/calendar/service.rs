//! Calendar use cases: load the shipped years on first start, read a year, let the centre edit
//! its days (audited), and compute deadlines for every domain's SLAs.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;

use super::{
    model::{DayKind, ShippedYear, WorkCalendar, CHINA},
    store,
};
use crate::{
    audit::{self, Actor, AuditEvent},
    error::{ApiError, Code},
};

/// The years shipped with qifu: the current and the next.
const SHIPPED: [&str; 2] = [
    include_str!("data/2026.json"),
    include_str!("data/2027.json"),
];

/// Loads each shipped year the database does not have yet (the centre's edits are kept).
pub async fn load_shipped_years(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    for text in SHIPPED {
        let shipped: ShippedYear = serde_json::from_str(text)?;
        if store::year(db, shipped.year).await?.is_some() {
            continue;
        }
        let txn = db.begin().await?;
        store::upsert_year(
            &txn,
            shipped.year,
            &shipped.source,
            shipped.provisional,
            now,
        )
        .await?;
        for (date, kind, name) in shipped.days() {
            store::upsert_day(&txn, date, shipped.year, kind, &name, now).await?;
        }
        let summary = json!({ "source": shipped.source, "provisional": shipped.provisional });
        let event = AuditEvent::new("calendar.load_year", "calendar_year", shipped.year, summary);
        audit::record(&txn, &Actor::system(), event, now).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// The calendar covering `from` to a little past what `working_days` can reach.
async fn calendar_for<C: ConnectionTrait>(
    conn: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<WorkCalendar, ApiError> {
    let years = store::years(conn).await?;
    let days = store::days_between(conn, from, to).await?;
    let exceptions = days.into_iter().map(|d| (d.date, d.kind));
    Ok(WorkCalendar::new(years, exceptions))
}

fn missing(e: super::model::CalendarMissing) -> ApiError {
    ApiError::new(Code::CalendarMissing, e.to_string())
}

/// The calendar from `from` to `to` (both China dates), for counting many intervals at once.
pub async fn calendar_between<C: ConnectionTrait>(
    conn: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<WorkCalendar, ApiError> {
    calendar_for(conn, from, to).await
}

/// The end of the `working_days`-th working day after `from`.
pub async fn deadline<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    working_days: u32,
) -> Result<DateTime<Utc>, ApiError> {
    let start = from.with_timezone(&CHINA).date_naive();
    // Holidays never stretch N working days past 2N + 30 calendar days.
    let end = start
        .checked_add_signed(Duration::days(i64::from(working_days) * 2 + 30))
        .ok_or_else(|| {
            missing(super::model::CalendarMissing(
                start.year().saturating_add(1),
            ))
        })?;
    let calendar = calendar_for(conn, start, end).await?;
    calendar.deadline(from, working_days).map_err(missing)
}

/// Working days after `from`'s day up to and including `to`'s.
pub async fn working_days_between<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u32, ApiError> {
    let start = from.with_timezone(&CHINA).date_naive();
    let end = to.with_timezone(&CHINA).date_naive();
    let calendar = calendar_for(conn, start, end).await?;
    calendar.working_days_between(from, to).map_err(missing)
}

/// A year with its exception days.
pub async fn year(
    db: &DatabaseConnection,
    year: i32,
) -> Result<
    (
        entities::calendar_year::Model,
        Vec<entities::calendar_day::Model>,
    ),
    ApiError,
> {
    let row = store::year(db, year)
        .await?
        .ok_or_else(|| ApiError::not_found("calendar year"))?;
    Ok((row, store::days_of_year(db, year).await?))
}

/// Creates or updates a year (the centre enters next year's arrangement when it is published).
pub async fn put_year(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    source: &str,
    provisional: bool,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let txn = db.begin().await?;
    let before = store::year(&txn, year)
        .await?
        .map(|y| json!({ "source": y.source, "provisional": y.provisional }));
    store::upsert_year(&txn, year, source, provisional, now).await?;
    let summary =
        json!({ "before": before, "after": { "source": source, "provisional": provisional } });
    audit::record(
        &txn,
        actor,
        AuditEvent::new("calendar.put_year", "calendar_year", year, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn check_in_year(date: NaiveDate, year: i32) -> Result<(), ApiError> {
    if date.year() != year {
        return Err(ApiError::field(
            Code::DateOutsideYear,
            "date",
            format!("{date} is not in {year}"),
        ));
    }
    Ok(())
}

/// Marks a day of a loaded year as a holiday or a worked day.
pub async fn put_day(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    date: NaiveDate,
    kind: DayKind,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    check_in_year(date, year)?;
    let txn = db.begin().await?;
    store::year(&txn, year)
        .await?
        .ok_or_else(|| ApiError::not_found("calendar year"))?;
    let before = store::day(&txn, date)
        .await?
        .map(|d| json!({ "kind": d.kind, "name": d.name }));
    store::upsert_day(&txn, date, year, kind, name, now).await?;
    let summary = json!({ "before": before, "after": { "kind": kind.as_str(), "name": name } });
    audit::record(
        &txn,
        actor,
        AuditEvent::new("calendar.put_day", "calendar_day", date, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Returns a day to the weekday rule.
pub async fn delete_day(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    check_in_year(date, year)?;
    let txn = db.begin().await?;
    let before = store::day(&txn, date)
        .await?
        .ok_or_else(|| ApiError::not_found("calendar day"))?;
    store::delete_day(&txn, date).await?;
    let summary = json!({ "before": { "kind": before.kind, "name": before.name } });
    audit::record(
        &txn,
        actor,
        AuditEvent::new("calendar.delete_day", "calendar_day", date, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

//! The working-day calendar (工作日历) as a value: weekends off, statutory holidays off, some
//! weekend days worked (调休). A deadline of N working days from an instant ends at the end of
//! the N-th working day after it, in Beijing time. Which days are exceptions is data, per year,
//! never a rule in code. No framework code here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use serde::Deserialize;

/// China Standard Time, UTC+8 all year (checked when compiling).
pub const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

fn china() -> FixedOffset {
    CHINA
}

pub use entities::calendar_day::DayKind;

/// A year the calendar has no data for: deadlines into it cannot be computed honestly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the working-day calendar has no data for {0}; the centre must enter that year first")]
pub struct CalendarMissing(pub i32);

/// The exceptions of the years the calendar covers.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    exceptions: BTreeMap<NaiveDate, DayKind>,
    years: BTreeSet<i32>,
}

impl WorkCalendar {
    pub fn new(
        years: impl IntoIterator<Item = i32>,
        exceptions: impl IntoIterator<Item = (NaiveDate, DayKind)>,
    ) -> Self {
        Self {
            years: years.into_iter().collect(),
            exceptions: exceptions.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarMissing> {
        if !self.years.contains(&date.year()) {
            return Err(CalendarMissing(date.year()));
        }
        Ok(match self.exceptions.get(&date) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        })
    }

    /// The end (23:59:59.999999 Beijing time) of the `working_days`-th working day after the
    /// day `from` falls on.
    pub fn deadline(
        &self,
        from: DateTime<Utc>,
        working_days: u32,
    ) -> Result<DateTime<Utc>, CalendarMissing> {
        let mut date = from.with_timezone(&china()).date_naive();
        let mut counted = 0;
        while counted < working_days {
            date = date.succ_opt().ok_or(CalendarMissing(date.year() + 1))?;
            if self.is_working_day(date)? {
                counted += 1;
            }
        }
        Ok(end_of_day(date))
    }

    /// Working days after the day `from` falls on, up to and including the day `to` falls on.
    pub fn working_days_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<u32, CalendarMissing> {
        let mut date = from.with_timezone(&china()).date_naive();
        let last = to.with_timezone(&china()).date_naive();
        let mut counted = 0;
        while date < last {
            date = date.succ_opt().ok_or(CalendarMissing(date.year() + 1))?;
            if self.is_working_day(date)? {
                counted += 1;
            }
        }
        Ok(counted)
    }
}

/// An instant as people in China read it in a message: `2026-12-07 18:30` (Beijing time).
pub fn china_time(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&CHINA)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The first instant of a Beijing day, in UTC.
pub fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    china()
        .from_local_datetime(&midnight)
        .single()
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// The last microsecond of a Beijing day, in UTC.
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    let next = date
        .succ_opt()
        .unwrap_or(date)
        .and_time(chrono::NaiveTime::MIN);
    let next = china()
        .from_local_datetime(&next)
        .single()
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&next));
    next - Duration::microseconds(1)
}

/// A year of data as shipped (`src/calendar/data/<year>.json`) or entered by the centre.
#[derive(Debug, Clone, Deserialize)]
pub struct ShippedYear {
    pub year: i32,
    pub source: String,
    pub provisional: bool,
    pub holidays: Vec<HolidaySpan>,
    pub workdays: Vec<ShippedWorkday>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HolidaySpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShippedWorkday {
    pub date: NaiveDate,
    pub name: String,
}

impl ShippedYear {
    /// Every exception day with its kind and name.
    pub fn days(&self) -> Vec<(NaiveDate, DayKind, String)> {
        let mut days = Vec::new();
        for span in &self.holidays {
            let mut date = span.from;
            while date <= span.to {
                days.push((date, DayKind::Holiday, span.name.clone()));
                match date.succ_opt() {
                    Some(next) => date = next,
                    None => break,
                }
            }
        }
        days.extend(
            self.workdays
                .iter()
                .map(|w| (w.date, DayKind::Workday, w.name.clone())),
        );
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_2026() -> WorkCalendar {
        let year: ShippedYear = serde_json::from_str(include_str!("data/2026.json")).unwrap();
        WorkCalendar::new([2026], year.days().into_iter().map(|(d, k, _)| (d, k)))
    }

    fn beijing(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        china()
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        let calendar = shipped_2026();
        assert!(
            calendar.is_working_day(day(2026, 3, 2)).unwrap(),
            "a Monday"
        );
        assert!(
            !calendar.is_working_day(day(2026, 3, 7)).unwrap(),
            "a Saturday"
        );
        assert!(
            !calendar.is_working_day(day(2026, 10, 5)).unwrap(),
            "National Day, a Monday"
        );
        assert!(
            calendar.is_working_day(day(2026, 2, 14)).unwrap(),
            "a Saturday worked for Spring Festival"
        );
    }

    #[test]
    fn a_deadline_ends_at_the_end_of_the_nth_working_day_after() {
        let calendar = shipped_2026();
        // Friday 6 March, 10:00 → 1 working day → Monday 9 March, end of day (Beijing).
        let deadline = calendar.deadline(beijing(2026, 3, 6, 10), 1).unwrap();
        assert_eq!(deadline, end_of_day(day(2026, 3, 9)));
        assert_eq!(deadline.to_rfc3339(), "2026-03-09T15:59:59.999999+00:00");
    }

    #[test]
    fn a_deadline_skips_the_spring_festival_and_counts_its_make_up_saturdays() {
        let calendar = shipped_2026();
        // Friday 13 Feb → Sat 14 (worked) is day 1, then 15–23 off, Tue 24 is day 2, Wed 25 day 3.
        assert_eq!(
            calendar.deadline(beijing(2026, 2, 13, 9), 3).unwrap(),
            end_of_day(day(2026, 2, 25))
        );
        assert_eq!(
            calendar
                .working_days_between(beijing(2026, 2, 13, 9), beijing(2026, 2, 25, 9))
                .unwrap(),
            3
        );
    }

    #[test]
    fn an_instant_late_in_the_utc_day_is_already_the_next_beijing_day() {
        let calendar = shipped_2026();
        // 20:00 UTC on Friday 6 March is 04:00 on Saturday in Beijing.
        let from = Utc.with_ymd_and_hms(2026, 3, 6, 20, 0, 0).unwrap();
        assert_eq!(
            calendar.deadline(from, 1).unwrap(),
            end_of_day(day(2026, 3, 9))
        );
    }

    #[test]
    fn a_year_without_data_is_an_error_not_a_guess() {
        let calendar = shipped_2026();
        assert_eq!(
            calendar.deadline(beijing(2026, 12, 30, 9), 5),
            Err(CalendarMissing(2027))
        );
    }
}

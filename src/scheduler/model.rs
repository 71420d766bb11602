//! Schedules and runs as plain values: a cron expression read in the platform's time zone, which
//! instants fall due, and how a run ended. No framework code here.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Utc};
pub use entities::job_run::{Outcome, Trigger};

/// A parsed cron expression (seconds first) in a fixed time zone.
#[derive(Debug, Clone)]
pub struct CronSchedule {
    expression: String,
    schedule: cron::Schedule,
    offset: FixedOffset,
}

/// Why an expression is not a schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{expression}` is not a valid cron expression (seconds first, e.g. `0 30 3 * * *`): {reason}"
)]
pub struct InvalidCron {
    pub expression: String,
    pub reason: String,
}

impl CronSchedule {
    pub fn parse(expression: &str, utc_offset_minutes: i32) -> Result<Self, InvalidCron> {
        let invalid = |reason: String| InvalidCron {
            expression: expression.to_owned(),
            reason,
        };
        let schedule = cron::Schedule::from_str(expression.trim()).map_err(|e| {
            // The parser's message spans lines; keep the error to one.
            invalid(
                e.to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let offset = FixedOffset::east_opt(utc_offset_minutes * 60)
            .ok_or_else(|| invalid(format!("bad UTC offset {utc_offset_minutes} minutes")))?;
        Ok(Self {
            expression: expression.trim().to_owned(),
            schedule,
            offset,
        })
    }

    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The first instant strictly after `after`.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.schedule
            .after(&after.with_timezone(&self.offset))
            .next()
            .map(|instant| instant.with_timezone(&Utc))
    }

    /// The instants in `(after, until]` that fell due, as (latest, how many), looking at no more
    /// than `limit` of them: a server that was down runs a job once for everything it missed.
    pub fn due_between(
        &self,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: usize,
    ) -> Option<(DateTime<Utc>, usize)> {
        let mut latest = None;
        let mut count = 0;
        for instant in self.schedule.after(&after.with_timezone(&self.offset)) {
            let instant = instant.with_timezone(&Utc);
            if instant > until || count == limit {
                break;
            }
            latest = Some(instant);
            count += 1;
        }
        latest.map(|instant| (instant, count))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn expressions_are_read_in_china_standard_time() {
        let daily = CronSchedule::parse("0 30 3 * * *", 480).unwrap();
        let noon_utc = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
        // 03:30 in Beijing is 19:30 UTC the day before.
        assert_eq!(
            daily.next_after(noon_utc),
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 19, 30, 0).unwrap())
        );
    }

    #[test]
    fn missed_instants_are_reported_as_the_latest_and_a_count() {
        let hourly = CronSchedule::parse("0 0 * * * *", 480).unwrap();
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 5, 30, 0).unwrap();
        assert_eq!(
            hourly.due_between(start, later, 1000),
            Some((Utc.with_ymd_and_hms(2026, 3, 2, 5, 0, 0).unwrap(), 5))
        );
        assert_eq!(hourly.due_between(start, start, 1000), None);
    }

    #[test]
    fn a_bad_expression_says_what_is_wrong() {
        let error = CronSchedule::parse("every day", 480).unwrap_err();
        assert!(error.to_string().contains("every day"));
        assert!(CronSchedule::parse("0 0 25 * * *", 480).is_err());
    }
}

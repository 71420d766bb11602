//! The dates and instants a request may carry: years 1900 through 2199. Nothing the platform
//! records lies outside them (founding dates, certificates, policies, deadlines), and outside
//! them lie values that overflow date arithmetic or that PostgreSQL cannot store (before 4714
//! BC). Every date or instant field of a request DTO reads through `#[serde(deserialize_with =
//! "crate::dates::bounded")]` (with `default` when optional), so a far date answers 400
//! `invalid_body` or `invalid_query` before a handler runs.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{de::Error, Deserialize, Deserializer};

/// The first year a request may name.
pub const EARLIEST_YEAR: i32 = 1900;
/// The last year a request may name.
pub const LATEST_YEAR: i32 = 2199;

/// Values whose year can be checked: dates, instants, and optional ones.
pub trait Bounded {
    /// Whether the year lies within [`EARLIEST_YEAR`]..=[`LATEST_YEAR`] (an absent value does).
    fn within_bounds(&self) -> bool;
}

fn year_within(year: i32) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&year)
}

impl Bounded for NaiveDate {
    fn within_bounds(&self) -> bool {
        year_within(self.year())
    }
}

impl Bounded for DateTime<Utc> {
    fn within_bounds(&self) -> bool {
        year_within(self.year())
    }
}

impl<T: Bounded> Bounded for Option<T> {
    fn within_bounds(&self) -> bool {
        self.as_ref().is_none_or(Bounded::within_bounds)
    }
}

/// Reads a date or instant and refuses one outside the years a request may name.
pub fn bounded<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Bounded,
{
    let value = T::deserialize(deserializer)?;
    if value.within_bounds() {
        Ok(value)
    } else {
        Err(D::Error::custom(format!(
            "dates lie between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
        )))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Deserialize)]
    struct Query {
        #[serde(default, deserialize_with = "bounded")]
        from: Option<DateTime<Utc>>,
        #[serde(default, deserialize_with = "bounded")]
        on: Option<NaiveDate>,
    }

    fn read(json: &str) -> Result<Query, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn far_dates_are_refused_and_near_or_absent_ones_pass() {
        assert!(read(r#"{"from": "-5000-01-01T00:00:00Z"}"#).is_err());
        assert!(read(r#"{"from": "+262142-12-31T00:00:00Z"}"#).is_err());
        assert!(read(r#"{"on": "1899-12-31"}"#).is_err());
        assert!(read(r#"{"on": "2200-01-01"}"#).is_err());
        let fine = read(r#"{"from": "2026-12-07T00:00:00Z", "on": "1900-01-01"}"#).unwrap();
        assert!(fine.from.is_some() && fine.on.is_some());
        let absent = read("{}").unwrap();
        assert!(absent.from.is_none() && absent.on.is_none());
    }
}

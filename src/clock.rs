//! Time as a parameter: services ask a [`Clock`] for "now", so tests and the scheduler can drive
//! the application to any instant without sleeping. A training or browser-test server may run on
//! a [`ShiftedClock`] (`clock.adjustable`, never in production) that its administrator moves
//! forward, to walk a procurement past its deadline without waiting days.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Mutex,
};

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A source of the current instant, truncated to microseconds so that every database stores it
/// exactly (PostgreSQL keeps microseconds).
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;

    /// Moves the clock forward by `by`, if this clock can be moved; answers whether it moved.
    fn advance_by(&self, by: Duration) -> bool {
        let _ = by;
        false
    }
}

fn to_micros(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant
        .duration_trunc(Duration::microseconds(1))
        .unwrap_or(instant)
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// The wall clock shifted forward by an offset its administrator adds to.
#[derive(Debug, Default)]
pub struct ShiftedClock {
    offset_micros: AtomicI64,
}

impl ShiftedClock {
    /// How far ahead of the wall clock it is.
    pub fn offset(&self) -> Duration {
        Duration::microseconds(self.offset_micros.load(Ordering::SeqCst))
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now() + self.offset())
    }

    fn advance_by(&self, by: Duration) -> bool {
        let micros = by.num_microseconds().unwrap_or(0).max(0);
        self.offset_micros.fetch_add(micros, Ordering::SeqCst);
        true
    }
}

/// A clock that only moves when told to: for tests and for replaying a given instant.
#[derive(Debug)]
pub struct ManualClock {
    instant: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            instant: Mutex::new(to_micros(start)),
        }
    }

    pub fn set(&self, instant: DateTime<Utc>) {
        if let Ok(mut guard) = self.instant.lock() {
            *guard = to_micros(instant);
        }
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut guard) = self.instant.lock() {
            *guard += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        match self.instant.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    fn advance_by(&self, by: Duration) -> bool {
        self.advance(by);
        true
    }
}

/// Whole seconds from `now` until `until`, rounded up and at least one: a `Retry-After`.
pub fn seconds_until(until: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let millis = (until - now).num_milliseconds().max(0);
    u64::try_from((millis + 999) / 1000).unwrap_or(0).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_clock_runs_ahead_of_the_wall_clock_by_what_it_was_advanced() {
        let clock = ShiftedClock::default();
        assert!(clock.advance_by(Duration::days(3)));
        clock.advance_by(Duration::days(-1));
        assert_eq!(
            clock.offset(),
            Duration::days(3),
            "time never runs backwards"
        );
        let ahead = clock.now() - Utc::now();
        assert!(ahead > Duration::days(3) - Duration::seconds(5) && ahead <= Duration::days(3));
        assert!(!SystemClock.advance_by(Duration::days(1)));
    }
}

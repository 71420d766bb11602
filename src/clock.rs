//! Time as a parameter: services ask a [`Clock`] for "now", so tests and the scheduler can drive
//! the application to any instant without sleeping.

use std::sync::Mutex;

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A source of the current instant, truncated to microseconds so that every database stores it
/// exactly (PostgreSQL keeps microseconds).
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
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
}

//! The overview's response.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many intermediaries stand at one star level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StarCount {
    /// 1–5.
    pub stars: u8,
    pub count: u64,
}

/// How many scored intermediaries fall in one band of scores: `from` ≤ score < `to` (the last
/// band includes 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ScoreBand {
    pub from: u32,
    pub to: u32,
    pub count: u64,
}

/// One Beijing month of credit activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreditMonth {
    /// `2026-01`.
    pub month: String,
    /// Ratings given in the month.
    pub ratings: u64,
    /// Rating tasks that lapsed in the month.
    pub lapsed: u64,
    /// The mean score (0–100, two decimals) of the jobs accepted in the month that have one.
    pub mean_job_score: Option<f64>,
    /// Star changes up and down in the month (a first rating, or falling back to unrated, is
    /// neither).
    pub stars_up: u64,
    pub stars_down: u64,
    /// Rectifications and delisting proposals opened in the month.
    pub sanctions_opened: u64,
}

/// What waits for a regulator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreditQueues {
    /// Rectifications open or reported, waiting for the intermediary or a regulator.
    pub rectifications_open: u64,
    /// Open rectifications past their deadline.
    pub rectifications_overdue: u64,
    /// Delisting proposals awaiting a regulator's confirmation.
    pub proposals: u64,
    pub appeals_open: u64,
    /// Open appeals past the regulator's deadline.
    pub appeals_overdue: u64,
    /// Rating anomalies waiting for a regulator's review.
    pub anomalies_open: u64,
}

/// The credit overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreditOverview {
    /// Intermediaries on the platform (any status).
    pub intermediaries: u64,
    /// Those without a scored job in the window.
    pub unrated: u64,
    pub delisted: u64,
    /// Five levels, one star first.
    pub stars: Vec<StarCount>,
    /// Ten bands of ten points, 0 first.
    pub scores: Vec<ScoreBand>,
    /// The last twelve months, oldest first, the current one last.
    pub months: Vec<CreditMonth>,
    pub queues: CreditQueues,
}

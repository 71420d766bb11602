//! Service store types: an order's status and moves, and how well a service fits an enterprise
//! (the share of the service's target tags the enterprise has). No framework code here.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, waiting for the provider.
    Ordered,
    /// The provider took it on.
    Accepted,
    Completed,
    /// The provider could not take it.
    Declined,
    /// The enterprise withdrew it before it was accepted.
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 5] = [
        Self::Ordered,
        Self::Accepted,
        Self::Completed,
        Self::Declined,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordered => "ordered",
            Self::Accepted => "accepted",
            Self::Completed => "completed",
            Self::Declined => "declined",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether an order in this status may move to `next`.
    pub fn may_become(self, next: OrderStatus) -> bool {
        matches!(
            (self, next),
            (
                Self::Ordered,
                Self::Accepted | Self::Declined | Self::Cancelled
            ) | (Self::Accepted, Self::Completed)
        )
    }

    /// The statuses of an order still waiting on its provider.
    pub const OPEN: [OrderStatus; 2] = [Self::Ordered, Self::Accepted];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// Whether an order is late: completed after its due time, or still open past it (an
    /// order list's `overdue` filter asks the same of open orders in its query).
    pub fn is_late(
        self,
        due_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        match self {
            Self::Completed => closed_at.is_some_and(|t| t > due_at),
            s if s.is_open() => now > due_at,
            _ => false,
        }
    }
}

/// How well a service's target tags fit an enterprise's tags: the shared tags and the share of
/// the targets they cover (a service for everyone fits nobody in particular: 0).
pub fn fit(targets: &BTreeSet<String>, held: &BTreeSet<String>) -> (f64, Vec<String>) {
    let shared: Vec<String> = targets.intersection(held).cloned().collect();
    if targets.is_empty() {
        return (0.0, shared);
    }
    (shared.len() as f64 / targets.len() as f64, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_order_moves_forward_only() {
        assert!(OrderStatus::Ordered.may_become(OrderStatus::Accepted));
        assert!(OrderStatus::Accepted.may_become(OrderStatus::Completed));
        assert!(!OrderStatus::Ordered.may_become(OrderStatus::Completed));
        assert!(!OrderStatus::Completed.may_become(OrderStatus::Accepted));
        assert!(!OrderStatus::Accepted.may_become(OrderStatus::Cancelled));
    }

    #[test]
    fn fit_is_the_share_of_targets_held() {
        let (score, shared) = fit(&set(&["a", "b", "c", "d"]), &set(&["b", "d", "x"]));
        assert!((score - 0.5).abs() < f64::EPSILON);
        assert_eq!(shared, ["b", "d"]);
        assert_eq!(fit(&set(&[]), &set(&["a"])).0, 0.0);
    }
}

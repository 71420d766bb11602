//! Service store types: an order's status and moves, and how well a service fits an enterprise
//! (the share of the service's target tags the enterprise has). No framework code here.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use crate::lifecycle::Lifecycle;

pub use entities::service_order::OrderStatus;

/// An order placed may be accepted, declined or cancelled; an accepted one completed.
impl Lifecycle for OrderStatus {
    fn may_become(self, next: OrderStatus) -> bool {
        matches!(
            (self, next),
            (
                Self::Ordered,
                Self::Accepted | Self::Declined | Self::Cancelled
            ) | (Self::Accepted, Self::Completed)
        )
    }
}

/// The statuses of an order still waiting on its provider.
pub const OPEN_ORDERS: [OrderStatus; 2] = [OrderStatus::Ordered, OrderStatus::Accepted];

/// Whether an order in `status` still waits on its provider.
pub fn is_open(status: OrderStatus) -> bool {
    OPEN_ORDERS.contains(&status)
}

/// Whether an order is late: completed after its due time, or still open past it (an order
/// list's `overdue` filter asks the same of open orders in its query).
pub fn is_late(
    status: OrderStatus,
    due_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    match status {
        OrderStatus::Completed => closed_at.is_some_and(|t| t > due_at),
        s if is_open(s) => now > due_at,
        _ => false,
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

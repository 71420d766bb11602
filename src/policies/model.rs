//! Policy and clause types: level, mode (申报 / 免申即享), the clause's and the application's
//! lifecycles, the application window and the benefit's amount rule (a fixed sum, or a rate of a
//! profile figure, either capped). No framework code here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    enterprises::condition::{compile::Evidence, Facts},
    lifecycle::Lifecycle,
};

pub use entities::{
    policy::PolicyLevel,
    policy_application::ApplicationStatus,
    policy_clause::{AmountBasis, ClauseMode, ClauseStatus},
};

/// Which qualifications eligibility counts in a clause's mode.
pub trait ModeEvidence {
    /// Any held for applying (the department reviews the application), only verified ones for
    /// an automatic grant (nobody reviews it first).
    fn evidence(self) -> Evidence;
}

impl ModeEvidence for ClauseMode {
    fn evidence(self) -> Evidence {
        match self {
            Self::Apply => Evidence::Declared,
            Self::AutoGrant => Evidence::Verified,
        }
    }
}

/// A draft or withdrawn clause may be published; a published one withdrawn.
impl Lifecycle for ClauseStatus {
    fn may_become(self, next: Self) -> bool {
        matches!(
            (self, next),
            (Self::Draft | Self::Withdrawn, Self::Published) | (Self::Published, Self::Withdrawn)
        )
    }
}

/// A submitted application is approved, rejected or returned; a returned one is handed in
/// again; an approved one is paid, or (an automatic grant) rejected before it is paid.
impl Lifecycle for ApplicationStatus {
    fn may_become(self, next: Self) -> bool {
        matches!(
            (self, next),
            (
                Self::Submitted,
                Self::Approved | Self::Rejected | Self::Returned
            ) | (Self::Returned, Self::Submitted)
                | (Self::Approved, Self::Rejected | Self::Paid)
        )
    }
}

/// The enterprise's figure a rate of `basis` applies to.
fn basis_value(basis: AmountBasis, facts: &Facts) -> Option<i64> {
    match basis {
        AmountBasis::RdSpending => facts.rd_spending_fen,
        AmountBasis::Revenue => facts.revenue_fen,
        AmountBasis::RegisteredCapital => facts.registered_capital_fen,
    }
}

/// How much a clause grants: a fixed sum, or `rate_bp` basis points of a figure; at most `cap`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AmountRule {
    pub fixed_fen: Option<i64>,
    pub basis: Option<AmountBasis>,
    /// 1/10000 of the basis (e.g. 1000 = 10%).
    pub rate_bp: Option<i32>,
    pub cap_fen: Option<i64>,
}

impl AmountRule {
    /// The rule a stored clause holds.
    pub fn of_clause(row: &entities::policy_clause::Model) -> Self {
        Self {
            fixed_fen: row.amount_fixed_fen,
            basis: row.amount_basis,
            rate_bp: row.amount_rate_bp,
            cap_fen: row.amount_cap_fen,
        }
    }

    /// A rule names a fixed sum or a rate of a basis, not both; amounts and rates are positive.
    pub fn check(&self) -> Result<(), &'static str> {
        let rate = self.basis.is_some() || self.rate_bp.is_some();
        if self.fixed_fen.is_some() && rate {
            return Err("an amount is a fixed sum or a rate of a figure, not both");
        }
        if self.basis.is_some() != self.rate_bp.is_some() {
            return Err("a rate needs both its basis and its rate");
        }
        if self.rate_bp.is_some_and(|r| !(1..=10_000).contains(&r)) {
            return Err("a rate is 1 to 10000 basis points");
        }
        if [self.fixed_fen, self.cap_fen]
            .iter()
            .flatten()
            .any(|v| *v <= 0)
        {
            return Err("amounts are positive");
        }
        Ok(())
    }

    /// What this enterprise would receive; none when the rule needs a figure the profile lacks or
    /// names no amount.
    pub fn estimate(&self, facts: &Facts) -> Option<i64> {
        let amount = match (self.fixed_fen, self.basis, self.rate_bp) {
            (Some(fixed), _, _) => fixed,
            (None, Some(basis), Some(rate)) => {
                let base = i128::from(basis_value(basis, facts)?);
                i64::try_from(base * i128::from(rate) / 10_000).ok()?
            }
            _ => self.cap_fen?,
        };
        Some(self.cap_fen.map_or(amount, |cap| amount.min(cap)))
    }
}

/// The days applications are accepted; open-ended on a side without a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Window {
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
}

impl Window {
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.opens_on.is_none_or(|d| d <= today) && self.closes_on.is_none_or(|d| today <= d)
    }

    pub fn has_closed(&self, today: NaiveDate) -> bool {
        self.closes_on.is_some_and(|d| d < today)
    }
}

/// How far the push job has followed the eligibility change log: every change up to `position`
/// is done; `batch`, when set, is a batch of changes (up to `end`) whose notices were committed
/// in key order up to and including the (clause, enterprise) pair `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PushCursor {
    pub position: i64,
    pub batch: Option<PushBatch>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushBatch {
    pub end: i64,
    /// (clause id, organisation id) of the last notice committed.
    pub after: (i64, i64),
}

impl PushCursor {
    /// Every change up to `position` done.
    pub fn at(position: i64) -> Self {
        Self {
            position,
            batch: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_is_capped_and_needs_its_figure() {
        let rule = AmountRule {
            basis: Some(AmountBasis::RdSpending),
            rate_bp: Some(1000),
            cap_fen: Some(50_000_000),
            ..AmountRule::default()
        };
        assert!(rule.check().is_ok());
        let mut facts = Facts {
            rd_spending_fen: Some(300_000_000),
            ..Facts::default()
        };
        assert_eq!(rule.estimate(&facts), Some(30_000_000));
        facts.rd_spending_fen = Some(900_000_000);
        assert_eq!(rule.estimate(&facts), Some(50_000_000));
        facts.rd_spending_fen = None;
        assert_eq!(rule.estimate(&facts), None);
    }

    #[test]
    fn inconsistent_rules_are_refused() {
        let both = AmountRule {
            fixed_fen: Some(1),
            basis: Some(AmountBasis::Revenue),
            rate_bp: Some(5),
            cap_fen: None,
        };
        assert!(both.check().is_err());
        let half = AmountRule {
            basis: Some(AmountBasis::Revenue),
            ..AmountRule::default()
        };
        assert!(half.check().is_err());
    }

    #[test]
    fn a_clause_is_published_and_withdrawn_never_drafted_again() {
        assert!(ClauseStatus::Draft.may_become(ClauseStatus::Published));
        assert!(ClauseStatus::Withdrawn.may_become(ClauseStatus::Published));
        assert!(ClauseStatus::Published.may_become(ClauseStatus::Withdrawn));
        assert!(!ClauseStatus::Published.may_become(ClauseStatus::Published));
        assert!(!ClauseStatus::Draft.may_become(ClauseStatus::Withdrawn));
        assert!(!ClauseStatus::Published.may_become(ClauseStatus::Draft));
    }

    #[test]
    fn an_application_is_paid_only_once_approved() {
        use ApplicationStatus::*;
        assert!(Submitted.may_become(Returned));
        assert!(Returned.may_become(Submitted));
        assert!(Approved.may_become(Paid));
        assert!(!Submitted.may_become(Paid));
        assert!(!Paid.may_become(Rejected));
        assert!(!Declined.may_become(Approved));
    }

    #[test]
    fn a_window_is_inclusive() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let window = Window {
            opens_on: Some(d("2026-03-01")),
            closes_on: Some(d("2026-03-31")),
        };
        assert!(!window.is_open(d("2026-02-28")));
        assert!(window.is_open(d("2026-03-01")));
        assert!(window.is_open(d("2026-03-31")));
        assert!(window.has_closed(d("2026-04-01")));
    }
}

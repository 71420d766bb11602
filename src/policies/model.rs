//! Policy and clause types: level, mode (申报 / 免申即享), status, the application window and the
//! benefit's amount rule (a fixed sum, or a rate of a profile figure, either capped). No
//! framework code here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::enterprises::condition::Facts;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

text_enum!(
    /// Who issued the policy: 国家 / 省 / 市 / 区.
    PolicyLevel { National => "national", Provincial => "provincial", City => "city", District => "district" }
);
text_enum!(
    /// 申报 (the enterprise applies) or 免申即享 (granted to every eligible enterprise).
    ClauseMode { Apply => "apply", AutoGrant => "auto_grant" }
);

impl ClauseMode {
    /// Which qualifications eligibility counts: any held for applying (the department reviews
    /// the application), only verified ones for an automatic grant (nobody reviews it first).
    pub fn evidence(self) -> crate::enterprises::condition::compile::Evidence {
        use crate::enterprises::condition::compile::Evidence;
        match self {
            Self::Apply => Evidence::Declared,
            Self::AutoGrant => Evidence::Verified,
        }
    }
}
text_enum!(
    /// A clause is drafted, published (matched and pushed) or withdrawn.
    ClauseStatus { Draft => "draft", Published => "published", Withdrawn => "withdrawn" }
);

/// The profile figure a rate applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountBasis {
    RdSpending,
    Revenue,
    RegisteredCapital,
}

impl AmountBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RdSpending => "rd_spending",
            Self::Revenue => "revenue",
            Self::RegisteredCapital => "registered_capital",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::RdSpending, Self::Revenue, Self::RegisteredCapital]
            .into_iter()
            .find(|b| b.as_str() == text)
    }

    fn value(self, facts: &Facts) -> Option<i64> {
        match self {
            Self::RdSpending => facts.rd_spending_fen,
            Self::Revenue => facts.revenue_fen,
            Self::RegisteredCapital => facts.registered_capital_fen,
        }
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
            basis: row.amount_basis.as_deref().and_then(AmountBasis::parse),
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
                let base = i128::from(basis.value(facts)?);
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

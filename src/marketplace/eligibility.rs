//! Who may bid on a procurement: an active intermediary, not delisted, offering every service
//! type the procurement covers, holding an unexpired qualification of each required type, and
//! not avoided by the owner. One pure function used for publishing notices, listings and bids.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::error::BidRefusal;

/// What decides whether an intermediary may bid.
#[derive(Debug, Clone, Default)]
pub struct IntermediaryFacts {
    pub organisation_id: i64,
    pub active: bool,
    pub delisted: bool,
    /// Internal ids of the service types it offers.
    pub offered: BTreeSet<i64>,
    /// Qualification type code → expiry date.
    pub qualifications: BTreeMap<String, NaiveDate>,
}

/// The parts of a procurement that decide who may bid.
#[derive(Debug, Clone, Default)]
pub struct BiddingTerms {
    /// The service type, or every member of the package.
    pub service_type_ids: BTreeSet<i64>,
    /// The owner's required qualifications and those of the service types.
    pub qualifications: BTreeSet<String>,
    /// Organisations the owner avoids (回避).
    pub avoided: BTreeSet<i64>,
}

/// Whether the intermediary may bid on `terms` on `today` (China's date), and if not, why.
pub fn check(
    facts: &IntermediaryFacts,
    terms: &BiddingTerms,
    today: NaiveDate,
) -> Result<(), BidRefusal> {
    if facts.delisted {
        return Err(BidRefusal::Delisted);
    }
    if !facts.active || !terms.service_type_ids.is_subset(&facts.offered) {
        return Err(BidRefusal::NotEligible);
    }
    if terms.avoided.contains(&facts.organisation_id) {
        return Err(BidRefusal::Avoided);
    }
    match terms.qualifications.iter().find(|q| {
        facts
            .qualifications
            .get(*q)
            .is_none_or(|expires| *expires < today)
    }) {
        Some(_) => Err(BidRefusal::Unqualified),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn facts() -> IntermediaryFacts {
        IntermediaryFacts {
            organisation_id: 7,
            active: true,
            delisted: false,
            offered: [1, 2].into(),
            qualifications: [("surveying".to_owned(), date("2027-06-30"))].into(),
        }
    }

    fn terms() -> BiddingTerms {
        BiddingTerms {
            service_type_ids: [1].into(),
            qualifications: ["surveying".to_owned()].into(),
            avoided: BTreeSet::new(),
        }
    }

    #[test]
    fn a_qualified_offering_intermediary_may_bid() {
        assert_eq!(check(&facts(), &terms(), date("2026-12-01")), Ok(()));
    }

    #[test]
    fn each_reason_to_refuse_has_its_own_refusal() {
        let today = date("2026-12-01");
        let mut delisted = facts();
        delisted.delisted = true;
        assert_eq!(check(&delisted, &terms(), today), Err(BidRefusal::Delisted));
        let mut inactive = facts();
        inactive.active = false;
        assert_eq!(
            check(&inactive, &terms(), today),
            Err(BidRefusal::NotEligible)
        );
        let mut package = terms();
        package.service_type_ids = [1, 3].into();
        assert_eq!(
            check(&facts(), &package, today),
            Err(BidRefusal::NotEligible)
        );
        let mut avoided = terms();
        avoided.avoided = [7].into();
        assert_eq!(check(&facts(), &avoided, today), Err(BidRefusal::Avoided));
        let mut other = terms();
        other.qualifications.insert("engineering_cost".to_owned());
        assert_eq!(check(&facts(), &other, today), Err(BidRefusal::Unqualified));
    }

    #[test]
    fn an_expired_qualification_stops_bidding_from_the_day_after_expiry() {
        assert_eq!(check(&facts(), &terms(), date("2027-06-30")), Ok(()));
        assert_eq!(
            check(&facts(), &terms(), date("2027-07-01")),
            Err(BidRefusal::Unqualified)
        );
    }
}

//! Marketplace types and invariants: the national project code, selection methods, where a
//! procurement, a bid, a contract and an objection stand and how each may move (their
//! lifecycles; the stored enums themselves are declared with their tables), and fee ranges.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A kind of licence intermediaries hold (资质), with its levels; shipped as data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QualificationType {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// e.g. 甲级, 乙级; empty when the type has no levels.
    pub levels: Vec<String>,
}

/// Every qualification type qifu knows.
pub fn qualification_types() -> &'static [QualificationType] {
    static TYPES: OnceLock<Vec<QualificationType>> = OnceLock::new();
    TYPES.get_or_init(|| {
        serde_json::from_str(include_str!("data/qualification_types.json")).unwrap_or_default()
    })
}

pub fn qualification_type(code: &str) -> Option<&'static QualificationType> {
    qualification_types().iter().find(|q| q.code == code)
}

/// The catalogue the platform ships (`data/service_types.json`): the service types of project
/// approval (涉审中介事项) and the packages bundling them.
#[derive(Debug, Clone, Deserialize)]
pub struct ShippedCatalogue {
    pub service_types: Vec<ServiceTypeDefinition>,
    pub packages: Vec<ShippedPackage>,
}

/// What a service type is created or replaced with; a shipped one is active and takes its
/// place in the data file's order.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceTypeDefinition {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub approval_zh: String,
    pub approval_en: String,
    /// A qualification type code, or none.
    pub qualification: Option<String>,
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    pub time_limit_working_days: i32,
    pub guide_zh: String,
    pub guide_en: String,
    /// The industry department (an organisation's public id) responsible for it, who rates its
    /// jobs; none until the centre sets one.
    #[serde(default)]
    pub department: Option<uuid::Uuid>,
    #[serde(default = "shipped_active")]
    pub active: bool,
    #[serde(default)]
    pub position: i32,
}

fn shipped_active() -> bool {
    true
}

/// A shipped package (服务套餐), its members by service type code.
#[derive(Debug, Clone, Deserialize)]
pub struct ShippedPackage {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub service_types: Vec<String>,
}

/// The shipped catalogue, read from the data file built into the binary.
pub fn shipped_catalogue() -> Result<ShippedCatalogue, serde_json::Error> {
    serde_json::from_str(include_str!("data/service_types.json"))
}

/// A national investment project code (项目代码), `YYYY-XXXXXX-XX-XX-XXXXXX`: the year, the
/// 6-digit administrative division, the industry and project-type codes, and a serial number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectCode(String);

/// Why a project code was refused: which part is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectCodeError {
    #[error("a project code has five parts separated by `-`: YYYY-XXXXXX-XX-XX-XXXXXX")]
    Shape,
    #[error("the {part} must be {digits} digits")]
    Part { part: &'static str, digits: usize },
    #[error("the year must be between 2000 and 2099")]
    Year,
}

impl ProjectCode {
    const PARTS: [(&'static str, usize); 5] = [
        ("year", 4),
        ("division code", 6),
        ("industry code", 2),
        ("project type code", 2),
        ("serial number", 6),
    ];

    pub fn parse(text: &str) -> Result<Self, ProjectCodeError> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        if parts.len() != Self::PARTS.len() {
            return Err(ProjectCodeError::Shape);
        }
        for (value, (part, digits)) in parts.iter().zip(Self::PARTS) {
            if value.len() != digits || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ProjectCodeError::Part { part, digits });
            }
        }
        if !parts[0].starts_with("20") {
            return Err(ProjectCodeError::Year);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The administrative division the project was registered in.
    pub fn division(&self) -> &str {
        &self.0[5..11]
    }
}

pub use entities::{
    bid::{BidStatus, JustificationDecision},
    bid_event::BidAction,
    contract::ContractStatus,
    delivery::DeliveryDecision,
    procurement::{ProcurementStatus, SelectionMethod},
    procurement_objection::ObjectionStatus,
};

use crate::lifecycle::Lifecycle;

impl Lifecycle for ProcurementStatus {
    /// Drafted, published, closed into evaluation, then failed (流标) or awarded into notice; an
    /// upheld objection returns the notice to evaluation; after the notice the contract, the
    /// delivery (a returned one goes back to the contract) and acceptance. The owner may cancel
    /// until a result is in notice, and a failed one.
    fn may_become(self, next: Self) -> bool {
        use ProcurementStatus::*;
        matches!(
            (self, next),
            (Draft, Published)
                | (Published, Evaluating)
                | (Evaluating, Failed | Notice)
                | (Notice, Awarded | Evaluating)
                | (Awarded, Contracted)
                | (Contracted, Delivered)
                | (Delivered, Accepted | Contracted)
                | (Draft | Published | Evaluating | Failed, Cancelled)
        )
    }
}

impl Lifecycle for BidStatus {
    /// Active until the terms change (stale, re-confirmed to active), withdrawn (placed again to
    /// active) or set aside at or after closing.
    fn may_become(self, next: Self) -> bool {
        use BidStatus::*;
        matches!(
            (self, next),
            (Active, Stale | Withdrawn | Rejected)
                | (Stale, Active | Withdrawn | Rejected)
                | (Withdrawn, Active)
        )
    }
}

impl Lifecycle for ContractStatus {
    /// Proposed until both sides confirm; signed, delivered, then accepted or returned to signed.
    fn may_become(self, next: Self) -> bool {
        use ContractStatus::*;
        matches!(
            (self, next),
            (Proposed, Signed) | (Signed, Delivered) | (Delivered, Accepted | Signed)
        )
    }
}

impl Lifecycle for ObjectionStatus {
    /// An open objection is answered once: upheld or dismissed.
    fn may_become(self, next: Self) -> bool {
        use ObjectionStatus::*;
        matches!((self, next), (Open, Upheld | Dismissed))
    }
}

/// A fee range (收费区间) in fen, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeRange {
    pub min_fen: i64,
    pub max_fen: i64,
}

impl FeeRange {
    /// A range with `0 < min <= max`.
    pub fn new(min_fen: i64, max_fen: i64) -> Option<Self> {
        (min_fen > 0 && min_fen <= max_fen).then_some(Self { min_fen, max_fen })
    }

    pub fn contains(self, fen: i64) -> bool {
        (self.min_fen..=self.max_fen).contains(&fen)
    }

    /// The range of a bundle: the sums of its members' ends.
    pub fn sum(ranges: impl IntoIterator<Item = FeeRange>) -> Option<FeeRange> {
        let (min, max) = ranges.into_iter().fold((0i64, 0i64), |(a, b), r| {
            (a.saturating_add(r.min_fen), b.saturating_add(r.max_fen))
        });
        Self::new(min, max)
    }
}

/// Whether the owner's weights for a scored comparison add up to 100.
pub fn weights_valid(price: i32, proposal: i32, credit: i32) -> bool {
    [price, proposal, credit]
        .iter()
        .all(|w| (0..=100).contains(w))
        && price + proposal + credit == 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_well_formed_project_code_parses_and_names_its_division() {
        let code = ProjectCode::parse("2026-330281-47-01-123456").unwrap();
        assert_eq!(code.division(), "330281");
    }

    #[test]
    fn each_malformed_part_of_a_project_code_is_named() {
        let cases = [
            ("2026-330281-47-01", ProjectCodeError::Shape),
            ("2026-330281-47-01-123456-1", ProjectCodeError::Shape),
            (
                "26-330281-47-01-123456",
                ProjectCodeError::Part {
                    part: "year",
                    digits: 4,
                },
            ),
            (
                "2026-33028A-47-01-123456",
                ProjectCodeError::Part {
                    part: "division code",
                    digits: 6,
                },
            ),
            (
                "2026-330281-4-01-123456",
                ProjectCodeError::Part {
                    part: "industry code",
                    digits: 2,
                },
            ),
            (
                "2026-330281-47-011-123456",
                ProjectCodeError::Part {
                    part: "project type code",
                    digits: 2,
                },
            ),
            (
                "2026-330281-47-01-12345",
                ProjectCodeError::Part {
                    part: "serial number",
                    digits: 6,
                },
            ),
            ("1999-330281-47-01-123456", ProjectCodeError::Year),
        ];
        for (text, expected) in cases {
            assert_eq!(ProjectCode::parse(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn the_shipped_qualification_types_load_with_unique_codes() {
        let types = qualification_types();
        assert!(types.len() >= 10, "{} types", types.len());
        let codes: std::collections::BTreeSet<_> = types.iter().map(|t| &t.code).collect();
        assert_eq!(codes.len(), types.len());
        assert!(qualification_type(&types[0].code).is_some());
    }

    #[test]
    fn names_round_trip() {
        for &m in SelectionMethod::ALL {
            assert_eq!(SelectionMethod::parse(m.as_str()), Some(m));
        }
        for &s in ProcurementStatus::ALL {
            assert_eq!(ProcurementStatus::parse(s.as_str()), Some(s));
        }
        for &s in BidStatus::ALL {
            assert_eq!(BidStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_package_fee_range_is_the_sum_of_its_members() {
        let a = FeeRange::new(100, 200).unwrap();
        let b = FeeRange::new(50, 70).unwrap();
        assert_eq!(FeeRange::sum([a, b]), FeeRange::new(150, 270));
        assert!(FeeRange::new(0, 10).is_none());
        assert!(FeeRange::new(20, 10).is_none());
        assert!(a.contains(100) && a.contains(200) && !a.contains(201));
    }

    #[test]
    fn weights_must_add_up_to_one_hundred() {
        assert!(weights_valid(40, 40, 20));
        assert!(!weights_valid(40, 40, 30));
        assert!(!weights_valid(-10, 90, 20));
    }
}

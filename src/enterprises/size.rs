//! Enterprise size class (大/中/小/微), derived — never typed in — from 《中小企业划型标准规定》
//! (2011). Every industry of the standard, its GB/T 4754-2017 codes and its thresholds are data
//! (`data/size_standard.json`); this module only reads them. A class is met when all its
//! thresholds are; an enterprise is the first class it meets of large, medium and small, else
//! micro. A class needs every figure its industry's thresholds use: without one (no revenue
//! reported, no headcount) the class is unknown, never micro by default. Industries outside the
//! standard's scope (finance, railway transport) are unknown too. No framework code here.

use serde::{Deserialize, Serialize};

const STANDARD: &str = include_str!("data/size_standard.json");

/// The revision of the derivation rules (code and data) that stored size classes record; raise
/// it when a change would class a stored profile differently, and every server derives the
/// older ones again on start (`rederive_size_classes`). 1: a class needs every figure its
/// industry's thresholds use; finance and railway transport are outside the standard.
pub const RULES_REVISION: i32 = 1;

pub use entities::enterprise_profile::SizeClass;

/// What a threshold measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 从业人员 (people).
    Employees,
    /// 营业收入, last year (fen).
    Revenue,
    /// 资产总额 (fen).
    TotalAssets,
}

#[derive(Debug, Clone, Deserialize)]
struct Threshold {
    measure: Measure,
    at_least: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Industry {
    pub code: String,
    pub name: String,
    prefixes: Vec<String>,
    large: Vec<Threshold>,
    medium: Vec<Threshold>,
    small: Vec<Threshold>,
}

impl Industry {
    /// The figures its thresholds use, each once, in a fixed order.
    pub fn measures(&self) -> Vec<Measure> {
        let mut measures: Vec<Measure> = self
            .large
            .iter()
            .chain(&self.medium)
            .chain(&self.small)
            .map(|t| t.measure)
            .collect();
        measures.sort();
        measures.dedup();
        measures
    }
}

/// An industry the standard does not cover (its article 2), e.g. finance.
#[derive(Debug, Clone, Deserialize)]
pub struct UncoveredIndustry {
    pub code: String,
    pub name: String,
    prefixes: Vec<String>,
    /// Why, Chinese first, English second.
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SizeStandard {
    pub standard: String,
    industries: Vec<Industry>,
    #[serde(default)]
    not_covered: Vec<UncoveredIndustry>,
}

/// Why an enterprise has no size class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeUnknown<'a> {
    /// No industry code.
    NoIndustry,
    /// The industry is outside the standard's scope.
    NotCovered(&'a UncoveredIndustry),
    /// Figures the industry's thresholds use are not reported.
    Missing {
        industry: &'a Industry,
        measures: Vec<Measure>,
    },
}

impl PartialEq for Industry {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for Industry {}

impl PartialEq for UncoveredIndustry {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for UncoveredIndustry {}

/// The figures the standard looks at; a missing figure meets no threshold on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SizeFigures {
    pub employees: Option<i64>,
    pub revenue_fen: Option<i64>,
    pub total_assets_fen: Option<i64>,
}

impl SizeFigures {
    fn value(&self, measure: Measure) -> Option<i64> {
        match measure {
            Measure::Employees => self.employees,
            Measure::Revenue => self.revenue_fen,
            Measure::TotalAssets => self.total_assets_fen,
        }
    }

    fn meets(&self, thresholds: &[Threshold]) -> bool {
        thresholds
            .iter()
            .all(|t| self.value(t.measure).is_some_and(|v| v >= t.at_least))
    }
}

impl SizeStandard {
    /// The standard shipped with qifu.
    pub fn shipped() -> anyhow::Result<Self> {
        let standard: Self = serde_json::from_str(STANDARD)?;
        anyhow::ensure!(
            standard
                .industries
                .iter()
                .any(|i| i.prefixes.iter().any(String::is_empty)),
            "the size standard needs a catch-all industry (an empty prefix)"
        );
        Ok(standard)
    }

    /// The standard's industry for a GB/T 4754-2017 code (section letter optional): the one
    /// with the longest matching prefix; none when that is an industry the standard does not
    /// cover.
    pub fn industry(&self, gbt4754_code: &str) -> Option<&Industry> {
        self.industry_or_uncovered(gbt4754_code).ok()
    }

    fn industry_or_uncovered(
        &self,
        gbt4754_code: &str,
    ) -> Result<&Industry, Option<&UncoveredIndustry>> {
        let digits: String = gbt4754_code.chars().filter(char::is_ascii_digit).collect();
        let longest = |prefixes: &[String]| {
            prefixes
                .iter()
                .filter(|prefix| digits.starts_with(prefix.as_str()))
                .map(String::len)
                .max()
        };
        let covered = self
            .industries
            .iter()
            .filter_map(|i| longest(&i.prefixes).map(|l| (l, i)))
            .max_by_key(|(l, _)| *l);
        let uncovered = self
            .not_covered
            .iter()
            .filter_map(|i| longest(&i.prefixes).map(|l| (l, i)))
            .max_by_key(|(l, _)| *l);
        match (covered, uncovered) {
            (Some((a, _)), Some((b, u))) if b >= a => Err(Some(u)),
            (Some((_, industry)), _) => Ok(industry),
            (None, u) => Err(u.map(|(_, u)| u)),
        }
    }

    /// The size class of an enterprise of this industry with these figures, or why it has
    /// none.
    pub fn classify(
        &self,
        gbt4754_code: &str,
        figures: &SizeFigures,
    ) -> Result<(SizeClass, &Industry), SizeUnknown<'_>> {
        let industry = match self.industry_or_uncovered(gbt4754_code) {
            Ok(industry) => industry,
            Err(Some(uncovered)) => return Err(SizeUnknown::NotCovered(uncovered)),
            Err(None) => return Err(SizeUnknown::NoIndustry),
        };
        let missing: Vec<Measure> = industry
            .measures()
            .into_iter()
            .filter(|m| figures.value(*m).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(SizeUnknown::Missing {
                industry,
                measures: missing,
            });
        }
        let class = if figures.meets(&industry.large) {
            SizeClass::Large
        } else if figures.meets(&industry.medium) {
            SizeClass::Medium
        } else if figures.meets(&industry.small) {
            SizeClass::Small
        } else {
            SizeClass::Micro
        };
        Ok((class, industry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YUAN: i64 = 100;
    const WAN: i64 = 10_000 * YUAN;

    fn figures(employees: i64, revenue_wan: i64) -> SizeFigures {
        SizeFigures {
            employees: Some(employees),
            revenue_fen: Some(revenue_wan * WAN),
            total_assets_fen: None,
        }
    }

    fn class(code: &str, f: SizeFigures) -> SizeClass {
        SizeStandard::shipped()
            .unwrap()
            .classify(code, &f)
            .unwrap()
            .0
    }

    #[test]
    fn industrial_thresholds_follow_the_standard() {
        // C 制造业 (division 26, chemicals): the domain brief's example.
        assert_eq!(class("C2614", figures(1000, 40_000)), SizeClass::Large);
        assert_eq!(class("C2614", figures(999, 90_000)), SizeClass::Medium);
        assert_eq!(class("C2614", figures(300, 2_000)), SizeClass::Medium);
        assert_eq!(class("C2614", figures(300, 1_999)), SizeClass::Small);
        assert_eq!(class("C2614", figures(20, 300)), SizeClass::Small);
        assert_eq!(class("C2614", figures(19, 5_000)), SizeClass::Micro);
    }

    #[test]
    fn software_thresholds_follow_the_standard() {
        assert_eq!(class("I6513", figures(300, 10_000)), SizeClass::Large);
        assert_eq!(class("I6513", figures(100, 1_000)), SizeClass::Medium);
        assert_eq!(class("I6513", figures(10, 50)), SizeClass::Small);
        assert_eq!(class("I6513", figures(10, 49)), SizeClass::Micro);
    }

    #[test]
    fn the_longest_prefix_decides_the_industry() {
        let standard = SizeStandard::shipped().unwrap();
        assert_eq!(
            standard.industry("K7010").unwrap().code,
            "real_estate_development"
        );
        assert_eq!(
            standard.industry("K7020").unwrap().code,
            "property_management"
        );
        assert_eq!(standard.industry("K7090").unwrap().code, "other");
        assert_eq!(standard.industry("F5211").unwrap().code, "retail");
        assert_eq!(standard.industry("9010").unwrap().code, "other");
    }

    #[test]
    fn construction_counts_assets_and_a_missing_figure_leaves_the_class_unknown() {
        let both = SizeFigures {
            employees: None,
            revenue_fen: Some(6_000 * WAN),
            total_assets_fen: Some(5_000 * WAN),
        };
        assert_eq!(class("E4812", both), SizeClass::Medium);
        let no_assets = SizeFigures {
            total_assets_fen: None,
            ..both
        };
        let standard = SizeStandard::shipped().unwrap();
        assert!(matches!(
            standard.classify("E4812", &no_assets),
            Err(SizeUnknown::Missing { measures, .. }) if measures == [Measure::TotalAssets]
        ));
    }

    #[test]
    fn no_revenue_or_no_headcount_is_unknown_not_micro() {
        let standard = SizeStandard::shipped().unwrap();
        let no_revenue = SizeFigures {
            employees: Some(5),
            revenue_fen: None,
            total_assets_fen: None,
        };
        assert!(matches!(
            standard.classify("C2614", &no_revenue),
            Err(SizeUnknown::Missing { measures, .. }) if measures == [Measure::Revenue]
        ));
        assert!(matches!(
            standard.classify("I6513", &SizeFigures::default()),
            Err(SizeUnknown::Missing { measures, .. })
                if measures == [Measure::Employees, Measure::Revenue]
        ));
        // 其他未列明行业 uses headcount alone; 农林牧渔 revenue alone.
        assert_eq!(class("M7320", figures(5, 0)), SizeClass::Micro);
        let revenue_only = SizeFigures {
            revenue_fen: Some(40 * WAN),
            ..SizeFigures::default()
        };
        assert_eq!(class("A0111", revenue_only), SizeClass::Micro);
    }

    #[test]
    fn finance_and_railways_are_outside_the_standard() {
        let standard = SizeStandard::shipped().unwrap();
        for code in ["J6621", "J6810", "G5311", "G5320"] {
            assert!(
                matches!(
                    standard.classify(code, &figures(10, 100)),
                    Err(SizeUnknown::NotCovered(_))
                ),
                "{code}"
            );
            assert!(standard.industry(code).is_none(), "{code}");
        }
        assert_eq!(standard.industry("G5411").unwrap().code, "transport");
        assert_eq!(class("G5411", figures(20, 200)), SizeClass::Small);
    }

    #[test]
    fn every_industry_has_increasing_thresholds() {
        let standard = SizeStandard::shipped().unwrap();
        for industry in &standard.industries {
            for (small, medium) in industry.small.iter().zip(&industry.medium) {
                assert!(small.at_least <= medium.at_least, "{}", industry.code);
            }
            for (medium, large) in industry.medium.iter().zip(&industry.large) {
                assert!(medium.at_least <= large.at_least, "{}", industry.code);
            }
        }
        assert_eq!(standard.industries.len(), 16);
    }
}

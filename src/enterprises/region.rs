//! Administrative divisions (行政区划代码, GB/T 2260): six-digit codes whose first two digits
//! name the province, the next two the prefecture-level city and the last two the county-level
//! division. Shipped as data (`data/regions.json`, as of 2024), parsed once on first use: all 34
//! provincial-level divisions, and for Zhejiang (330000) its 11 cities and 90 county-level
//! divisions. Other provinces' cities and counties are not shipped yet.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const TABLE: &str = include_str!("data/regions.json");

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// 省级: province, autonomous region, municipality or special administrative region.
    Province,
    /// 地级: prefecture-level city.
    City,
    /// 县级: district, county-level city or county.
    County,
}

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Region {
    /// Six digits, e.g. `330106`.
    pub code: String,
    /// e.g. 西湖区.
    pub name_zh: String,
    /// Pinyin and the kind of division, e.g. `Xihu District`.
    pub name_en: String,
    pub level: RegionLevel,
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    regions: Vec<Region>,
}

fn parse() -> Result<Table, serde_json::Error> {
    serde_json::from_str(TABLE)
}

/// The shipped table; empty if it failed to parse (a unit test makes sure it does not).
fn table() -> &'static Table {
    static PARSED: OnceLock<Table> = OnceLock::new();
    PARSED.get_or_init(|| parse().unwrap_or_default())
}

/// All shipped divisions, ordered by code.
pub fn regions() -> &'static [Region] {
    &table().regions
}

/// The shipped division with this code.
pub fn region(code: &str) -> Option<&'static Region> {
    let all = regions();
    all.binary_search_by(|r| r.code.as_str().cmp(code))
        .ok()
        .and_then(|i| all.get(i))
}

/// The county-level divisions whose code starts with `prefix` (e.g. `"3301"`: Hangzhou's).
pub fn counties_of(prefix: &str) -> impl Iterator<Item = &'static Region> {
    let prefix = prefix.to_owned();
    regions()
        .iter()
        .filter(move |r| r.level == RegionLevel::County && r.code.starts_with(&prefix))
}

/// The Chinese names of the province, the city and the division itself, joined (浙江省杭州市西湖区);
/// `None` if the code is not shipped.
pub fn full_name_zh(code: &str) -> Option<String> {
    let target = region(code)?;
    let province = region(&format!("{}0000", code.get(..2)?));
    let city = match target.level {
        RegionLevel::County => region(&format!("{}00", code.get(..4)?)),
        RegionLevel::Province | RegionLevel::City => None,
    };
    let mut parts: Vec<&Region> = Vec::with_capacity(3);
    for r in [province, city, Some(target)].into_iter().flatten() {
        if !parts.iter().any(|p| p.code == r.code) {
            parts.push(r);
        }
    }
    Some(parts.iter().map(|r| r.name_zh.as_str()).collect())
}

/// The code without its trailing `00` pairs: the prefix of every code the division covers
/// (`330100` → `3301`, `330000` → `33`, `330106` → `330106`).
pub fn significant_prefix(code: &str) -> &str {
    let mut prefix = code;
    while let Some(rest) = prefix.strip_suffix("00") {
        prefix = rest;
    }
    prefix
}

/// Six ASCII digits whose first two name a shipped province.
pub fn is_valid_code(code: &str) -> bool {
    code.len() == 6
        && code.bytes().all(|b| b.is_ascii_digit())
        && code
            .get(..2)
            .and_then(|p| region(&format!("{p}0000")))
            .is_some_and(|r| r.level == RegionLevel::Province)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(level: RegionLevel, prefix: &str) -> usize {
        regions()
            .iter()
            .filter(|r| r.level == level && r.code.starts_with(prefix))
            .count()
    }

    #[test]
    fn the_shipped_table_parses_sorted_and_unique() {
        let table = parse().unwrap();
        assert_eq!(table.regions.len(), regions().len());
        for pair in regions().windows(2) {
            assert!(pair[0].code < pair[1].code, "{}", pair[1].code);
        }
        for r in regions() {
            assert!(
                r.code.len() == 6 && r.code.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(!r.name_zh.is_empty() && !r.name_en.is_empty(), "{}", r.code);
        }
    }

    #[test]
    fn counts() {
        assert_eq!(count(RegionLevel::Province, ""), 34);
        assert_eq!(count(RegionLevel::City, "33"), 11);
        assert_eq!(count(RegionLevel::County, "33"), 90);
        assert_eq!(counties_of("33").count(), 90);
        assert_eq!(counties_of("3301").count(), 13);
        assert_eq!(counties_of("3311").count(), 9);
    }

    #[test]
    fn every_division_sits_under_its_parents() {
        for r in regions() {
            let code = r.code.as_str();
            match r.level {
                RegionLevel::Province => assert!(code.ends_with("0000"), "{code}"),
                RegionLevel::City => {
                    assert!(code.ends_with("00") && !code.ends_with("0000"), "{code}");
                    assert_eq!(
                        region(&format!("{}0000", &code[..2])).unwrap().level,
                        RegionLevel::Province
                    );
                }
                RegionLevel::County => {
                    assert!(!code.ends_with("00"), "{code}");
                    assert_eq!(
                        region(&format!("{}00", &code[..4])).unwrap().level,
                        RegionLevel::City
                    );
                    assert_eq!(
                        region(&format!("{}0000", &code[..2])).unwrap().level,
                        RegionLevel::Province
                    );
                }
            }
        }
    }

    #[test]
    fn full_names() {
        assert_eq!(full_name_zh("330106").unwrap(), "浙江省杭州市西湖区");
        assert_eq!(
            full_name_zh("331127").unwrap(),
            "浙江省丽水市景宁畲族自治县"
        );
        assert_eq!(full_name_zh("330100").unwrap(), "浙江省杭州市");
        assert_eq!(full_name_zh("330000").unwrap(), "浙江省");
        assert_eq!(full_name_zh("110000").unwrap(), "北京市");
        assert_eq!(full_name_zh("820000").unwrap(), "澳门特别行政区");
        assert!(full_name_zh("330199").is_none());
        assert!(full_name_zh("").is_none());
    }

    #[test]
    fn significant_prefixes() {
        assert_eq!(significant_prefix("330100"), "3301");
        assert_eq!(significant_prefix("330000"), "33");
        assert_eq!(significant_prefix("330106"), "330106");
        assert_eq!(significant_prefix("331000"), "3310");
        assert_eq!(significant_prefix("110000"), "11");
        assert_eq!(significant_prefix(""), "");
    }

    #[test]
    fn valid_codes() {
        assert!(is_valid_code("330106"));
        assert!(is_valid_code("110101"));
        assert!(is_valid_code("820000"));
        assert!(!is_valid_code("990000"));
        assert!(!is_valid_code("33010"));
        assert!(!is_valid_code("3301066"));
        assert!(!is_valid_code("33a106"));
        assert!(!is_valid_code("３３0106"));
    }
}

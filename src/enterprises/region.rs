//! Administrative divisions (行政区划代码, GB/T 2260): six-digit codes whose first two digits
//! name the province, the next two the prefecture-level city and the last two the county-level
//! division. Shipped as data, parsed once on first use:
//!
//! - `data/regions.json`: every current provincial, prefecture-level and county-level division of
//!   China (about 3,200), built by `scripts/regions/build_regions.py` from the Ministry of Civil
//!   Affairs' list (民政部《县以上行政区划代码》) with its source and date in the file. As the
//!   ministry lists them, a county-level division without a prefecture-level city above it (a
//!   municipality's district, 仙桃市, 济源市 …) sits directly under its province.
//! - `data/regions_abolished.json`: codes that no longer exist, with their former names, the year
//!   and the successors, so that an old record still shows what its code meant. New input never
//!   accepts them ([`check_new_code`]).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const TABLE: &str = include_str!("data/regions.json");
const ABOLISHED: &str = include_str!("data/regions_abolished.json");

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// 省级: province, autonomous region, municipality or special administrative region.
    Province,
    /// 地级: prefecture-level city, prefecture, autonomous prefecture or league.
    City,
    /// 县级: district, county-level city, county, banner …
    County,
}

/// One current administrative division.
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

/// A division code that no longer exists (撤销的行政区划).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AbolishedRegion {
    /// Six digits, e.g. `330103`.
    pub code: String,
    /// The former name, e.g. 下城区.
    pub name_zh: String,
    /// With the province and city it lay in, e.g. 浙江省杭州市下城区.
    pub full_name_zh: String,
    pub name_en: String,
    /// The year it was abolished.
    pub abolished_in: i32,
    /// Current divisions that took over its area, the main one first (may be empty).
    pub successors: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    #[serde(default)]
    source: String,
    #[serde(default)]
    as_of: String,
    regions: Vec<Region>,
}

#[derive(Debug, Default, Deserialize)]
struct AbolishedTable {
    abolished: Vec<AbolishedRegion>,
}

fn parse() -> Result<Table, serde_json::Error> {
    serde_json::from_str(TABLE)
}

fn parse_abolished() -> Result<AbolishedTable, serde_json::Error> {
    let mut table: AbolishedTable = serde_json::from_str(ABOLISHED)?;
    table.abolished.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(table)
}

/// The shipped table; empty if it failed to parse (a unit test makes sure it does not).
fn table() -> &'static Table {
    static PARSED: OnceLock<Table> = OnceLock::new();
    PARSED.get_or_init(|| parse().unwrap_or_default())
}

fn abolished_table() -> &'static AbolishedTable {
    static PARSED: OnceLock<AbolishedTable> = OnceLock::new();
    PARSED.get_or_init(|| parse_abolished().unwrap_or_default())
}

/// Where the shipped table comes from, and the day it describes.
pub fn source() -> (&'static str, &'static str) {
    (table().source.as_str(), table().as_of.as_str())
}

/// All current divisions, ordered by code.
pub fn regions() -> &'static [Region] {
    &table().regions
}

/// All shipped abolished codes, ordered by code.
pub fn abolished_regions() -> &'static [AbolishedRegion] {
    &abolished_table().abolished
}

/// The current division with this code.
pub fn region(code: &str) -> Option<&'static Region> {
    let all = regions();
    all.binary_search_by(|r| r.code.as_str().cmp(code))
        .ok()
        .and_then(|i| all.get(i))
}

/// The abolished division with this code.
pub fn abolished(code: &str) -> Option<&'static AbolishedRegion> {
    let all = abolished_regions();
    all.binary_search_by(|r| r.code.as_str().cmp(code))
        .ok()
        .and_then(|i| all.get(i))
}

/// The division directly above: a county's city, or its province where no city is listed above
/// it (as for a municipality's districts); a city's province; none for a province.
pub fn parent(code: &str) -> Option<&'static Region> {
    match region(code)?.level {
        RegionLevel::Province => None,
        RegionLevel::City => region(&format!("{}0000", code.get(..2)?)),
        RegionLevel::County => region(&format!("{}00", code.get(..4)?))
            .filter(|r| r.level == RegionLevel::City)
            .or_else(|| region(&format!("{}0000", code.get(..2)?))),
    }
}

/// The county-level divisions whose code starts with `prefix` (e.g. `"3301"`: Hangzhou's).
pub fn counties_of(prefix: &str) -> impl Iterator<Item = &'static Region> {
    let prefix = prefix.to_owned();
    regions()
        .iter()
        .filter(move |r| r.level == RegionLevel::County && r.code.starts_with(&prefix))
}

/// The Chinese names of the province, the city and the division itself, joined (浙江省杭州市西湖区);
/// `None` if the code is not a current division.
pub fn full_name_zh(code: &str) -> Option<String> {
    let mut names = vec![region(code)?.name_zh.as_str()];
    let mut at = code.to_owned();
    while let Some(up) = parent(&at) {
        names.push(up.name_zh.as_str());
        at.clone_from(&up.code);
    }
    names.reverse();
    Some(names.concat())
}

/// What a stored code shows: the current full name, or for an abolished code its former full
/// name marked as abolished (浙江省杭州市下城区（已撤销）); `None` for a code never shipped.
pub fn display_name_zh(code: &str) -> Option<String> {
    full_name_zh(code).or_else(|| {
        abolished(code).map(|a| format!("{}（已撤销，{}年）", a.full_name_zh, a.abolished_in))
    })
}

/// Why a code is refused as new input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionRefusal {
    /// Not six ASCII digits.
    Shape,
    /// A code that existed and was abolished.
    Abolished(&'static AbolishedRegion),
    /// Six digits that name no division in the shipped table.
    Unknown,
}

impl RegionRefusal {
    /// The message for the caller, Chinese first, English second.
    pub fn message(&self, code: &str) -> String {
        match self {
            Self::Shape => format!(
                "行政区划代码为6位数字：`{code}` 不是 / an administrative division code is 6 digits: `{code}` is not"
            ),
            Self::Unknown => format!(
                "`{code}` 不是现行行政区划代码（GB/T 2260） / `{code}` is not a current administrative division code (GB/T 2260)"
            ),
            Self::Abolished(a) => {
                let (zh, en) = match a.successors.as_slice() {
                    [] => (String::new(), String::new()),
                    successors => {
                        let named = |s: &String| {
                            region(s).map(|r| (format!("{s} {}", r.name_zh), format!("{s} ({})", r.name_en)))
                        };
                        let (zh, en): (Vec<String>, Vec<String>) =
                            successors.iter().filter_map(named).unzip();
                        (
                            format!("，请改用 {}", zh.join(" 或 ")),
                            format!("; use {} instead", en.join(" or ")),
                        )
                    }
                };
                format!(
                    "{code} {}已于{}年撤销{zh} / {code} ({}) was abolished in {}{en}",
                    a.full_name_zh, a.abolished_in, a.name_en, a.abolished_in
                )
            }
        }
    }
}

/// A code as new input (a profile, an import row, a project's location): it must be a current
/// division; an abolished one is refused naming its successors.
pub fn check_new_code(code: &str) -> Result<&'static Region, RegionRefusal> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RegionRefusal::Shape);
    }
    if let Some(current) = region(code) {
        return Ok(current);
    }
    Err(abolished(code).map_or(RegionRefusal::Unknown, RegionRefusal::Abolished))
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

/// A current division's code (what new input must be).
pub fn is_valid_code(code: &str) -> bool {
    check_new_code(code).is_ok()
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
        // The ministry's totals: 34 provincial-level, 333 prefecture-level and 2,843 county-level
        // divisions at the end of 2022, plus 白杨市 (2023), 和康县 and 和安县 (2024).
        assert_eq!(count(RegionLevel::Province, ""), 34);
        assert_eq!(count(RegionLevel::City, ""), 333);
        assert_eq!(count(RegionLevel::County, ""), 2846);
        assert_eq!(count(RegionLevel::City, "33"), 11);
        assert_eq!(count(RegionLevel::County, "33"), 90);
        assert_eq!(counties_of("33").count(), 90);
        assert_eq!(counties_of("3301").count(), 13);
        assert_eq!(counties_of("3311").count(), 9);
        let (source, as_of) = source();
        assert!(source.contains("民政部"), "{source}");
        assert!(as_of.starts_with("20"), "{as_of}");
    }

    #[test]
    fn every_division_sits_under_its_parents() {
        for r in regions() {
            let code = r.code.as_str();
            match r.level {
                RegionLevel::Province => {
                    assert!(code.ends_with("0000"), "{code}");
                    assert!(parent(code).is_none());
                }
                RegionLevel::City => {
                    assert!(code.ends_with("00") && !code.ends_with("0000"), "{code}");
                    assert_eq!(parent(code).unwrap().code, format!("{}0000", &code[..2]));
                }
                RegionLevel::County => {
                    assert!(!code.ends_with("00"), "{code}");
                    let up = parent(code).unwrap();
                    assert!(up.level != RegionLevel::County, "{code}");
                    assert!(code.starts_with(significant_prefix(&up.code)), "{code}");
                }
            }
        }
        // As the ministry lists them: no 市辖区 rows, districts straight under a municipality.
        assert!(region("110100").is_none());
        assert_eq!(parent("110101").unwrap().code, "110000");
        assert_eq!(parent("429004").unwrap().code, "420000");
        assert_eq!(parent("500229").unwrap().code, "500000");
    }

    #[test]
    fn the_zhejiang_changes_of_the_issue_are_in_the_table() {
        for gone in [
            "330103", "330104", "330183", "330185", "330204", "330283", "330621", "330682",
            "331021",
        ] {
            assert!(region(gone).is_none(), "{gone}");
            assert!(abolished(gone).is_some(), "{gone}");
        }
        assert_eq!(region("330111").unwrap().name_zh, "富阳区");
        assert_eq!(region("330112").unwrap().name_zh, "临安区");
        assert_eq!(region("330113").unwrap().name_zh, "临平区");
        assert_eq!(region("330114").unwrap().name_zh, "钱塘区");
        // Elsewhere: 莱芜 into 济南 (2019), 米林县 → 米林市 (2023), 白杨市 (2023).
        assert!(region("371200").is_none());
        assert_eq!(region("370116").unwrap().name_zh, "莱芜区");
        assert_eq!(region("540481").unwrap().name_zh, "米林市");
        assert!(region("540422").is_none());
        assert_eq!(region("659012").unwrap().name_zh, "白杨市");
    }

    #[test]
    fn abolished_codes_are_apart_and_name_current_successors() {
        for a in abolished_regions() {
            assert!(region(&a.code).is_none(), "{} is still current", a.code);
            for s in &a.successors {
                assert!(region(s).is_some(), "{}: successor {s}", a.code);
            }
        }
        for pair in abolished_regions().windows(2) {
            assert!(pair[0].code < pair[1].code);
        }
        parse_abolished().unwrap();
    }

    #[test]
    fn new_input_takes_only_current_codes() {
        assert_eq!(check_new_code("330106").unwrap().name_zh, "西湖区");
        assert_eq!(check_new_code("330111").unwrap().name_zh, "富阳区");
        for never in ["339999", "331200", "330101", "990000", "110100"] {
            assert_eq!(
                check_new_code(never),
                Err(RegionRefusal::Unknown),
                "{never}"
            );
        }
        assert_eq!(check_new_code("33010"), Err(RegionRefusal::Shape));
        let refusal = check_new_code("330183").unwrap_err();
        assert!(matches!(refusal, RegionRefusal::Abolished(a) if a.successors == ["330111"]));
        let message = refusal.message("330183");
        assert!(
            message.contains("已于2014年撤销") && message.contains("330111 富阳区"),
            "{message}"
        );
        assert!(
            message.contains("was abolished in 2014") && message.contains("Fuyang District"),
            "{message}"
        );
        assert_eq!(
            display_name_zh("330103").unwrap(),
            "浙江省杭州市下城区（已撤销，2021年）"
        );
        assert_eq!(display_name_zh("330106").unwrap(), "浙江省杭州市西湖区");
        assert!(display_name_zh("339999").is_none());
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
        assert_eq!(full_name_zh("110101").unwrap(), "北京市东城区");
        assert_eq!(full_name_zh("429004").unwrap(), "湖北省仙桃市");
        assert_eq!(
            full_name_zh("222401").unwrap(),
            "吉林省延边朝鲜族自治州延吉市"
        );
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
        assert!(!is_valid_code("330103"));
        assert!(!is_valid_code("339999"));
        assert!(!is_valid_code("33010"));
        assert!(!is_valid_code("3301066"));
        assert!(!is_valid_code("33a106"));
        assert!(!is_valid_code("３３0106"));
    }
}

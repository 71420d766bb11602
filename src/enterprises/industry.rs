//! The national industry classification GB/T 4754-2017 (国民经济行业分类) at its two top levels:
//! the 20 sections (门类, letters A–T) and the 97 divisions (大类, codes 01–97), each with its
//! official Chinese name and an English name. The table is data (`data/gbt4754_2017.json`),
//! parsed once on first use; this module only reads it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const TABLE: &str = include_str!("data/gbt4754_2017.json");

/// A section (门类): a letter and the contiguous range of divisions it groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Section {
    /// `A` to `T`.
    pub letter: char,
    /// The official name, e.g. 信息传输、软件和信息技术服务业.
    pub name_zh: String,
    pub name_en: String,
    /// The first division of the section.
    pub first_division: u8,
    /// The last division of the section (inclusive).
    pub last_division: u8,
}

/// A division (大类): a two-digit code within one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Division {
    /// `1` to `97`; written with two digits (`01`) in codes.
    pub code: u8,
    /// The letter of the section the division belongs to.
    pub section: char,
    /// The official name, e.g. 软件和信息技术服务业.
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    sections: Vec<Section>,
    divisions: Vec<Division>,
}

fn parse() -> Result<Table, serde_json::Error> {
    serde_json::from_str(TABLE)
}

/// The shipped table; empty if it failed to parse (a unit test makes sure it does not).
fn table() -> &'static Table {
    static PARSED: OnceLock<Table> = OnceLock::new();
    PARSED.get_or_init(|| parse().unwrap_or_default())
}

/// All sections, ordered by letter.
pub fn sections() -> &'static [Section] {
    &table().sections
}

/// All divisions, ordered by code.
pub fn divisions() -> &'static [Division] {
    &table().divisions
}

/// The section with this letter (upper case).
pub fn section(letter: char) -> Option<&'static Section> {
    sections().iter().find(|s| s.letter == letter)
}

/// The division with this code.
pub fn division(code: u8) -> Option<&'static Division> {
    divisions()
        .binary_search_by_key(&code, |d| d.code)
        .ok()
        .and_then(|i| divisions().get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_whole() {
        let table = parse().unwrap();
        assert_eq!(table.sections.len(), 20);
        assert_eq!(table.divisions.len(), 97);
        assert_eq!(sections().len(), 20);
        assert_eq!(divisions().len(), 97);
    }

    #[test]
    fn sections_are_ordered_and_contiguous() {
        let letters: String = sections().iter().map(|s| s.letter).collect();
        assert_eq!(letters, "ABCDEFGHIJKLMNOPQRST");
        let mut next = 1;
        for s in sections() {
            assert_eq!(s.first_division, next, "{}", s.letter);
            assert!(s.first_division <= s.last_division, "{}", s.letter);
            next = s.last_division + 1;
        }
        assert_eq!(next, 98);
    }

    #[test]
    fn every_division_lies_in_its_section() {
        let codes: Vec<u8> = divisions().iter().map(|d| d.code).collect();
        assert_eq!(codes, (1..=97).collect::<Vec<u8>>());
        for d in divisions() {
            let s = section(d.section).unwrap();
            assert!(
                (s.first_division..=s.last_division).contains(&d.code),
                "{}",
                d.code
            );
            assert!(!d.name_zh.is_empty() && !d.name_en.is_empty(), "{}", d.code);
        }
    }

    #[test]
    fn lookups_follow_the_standard() {
        let i = section('I').unwrap();
        assert_eq!(i.name_zh, "信息传输、软件和信息技术服务业");
        assert_eq!((i.first_division, i.last_division), (63, 65));
        let c = section('C').unwrap();
        assert_eq!((c.first_division, c.last_division), (13, 43));
        let software = division(65).unwrap();
        assert_eq!(software.name_zh, "软件和信息技术服务业");
        assert_eq!(software.section, 'I');
        assert_eq!(division(70).unwrap().section, 'K');
        assert_eq!(division(97).unwrap().section, 'T');
        assert!(division(0).is_none());
        assert!(division(98).is_none());
        assert!(section('U').is_none());
    }
}

//! A GB/T 4754-2017 industry code as profiles keep it: the section letter and 2 to 4 digits
//! (`I65` 软件和信息技术服务业, `I6513` 应用软件开发), the division agreeing with the section.
//!
//! For the in-memory index a code is also a number ([`IndustryCode::key`]) in which every digit
//! counts one more than itself and a missing digit counts 0, in base 11: then "starts with
//! prefix P" is exactly "key within P's range", and a section is the range of its divisions.

use super::industry;

const DIGITS: u32 = 4;

/// A checked code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndustryCode(String);

impl IndustryCode {
    /// A section letter followed by 2 to 4 digits whose division belongs to the section.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_uppercase();
        (Self::is_valid_prefix(&code) && code.len() >= 3).then_some(Self(code))
    }

    /// A section letter alone, or a code of 2 to 4 digits after it.
    pub fn is_valid_prefix(code: &str) -> bool {
        let mut chars = code.chars();
        let Some(letter) = chars.next() else {
            return false;
        };
        let digits = chars.as_str();
        let Some(section) = industry::section(letter) else {
            return false;
        };
        if digits.is_empty() {
            return true;
        }
        if !(2..=DIGITS as usize).contains(&digits.len())
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return false;
        }
        let division: u8 = digits[..2].parse().unwrap_or(0);
        industry::division(division).is_some_and(|d| d.section == section.letter)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code's base-11 number (never 0, which the index keeps for "no industry").
    pub fn key(&self) -> u32 {
        digits_key(&self.0[1..])
    }

    /// The keys of every code starting with a valid prefix (a section letter or letter + digits).
    pub fn prefix_range(prefix: &str) -> Option<(u32, u32)> {
        if !Self::is_valid_prefix(prefix) {
            return None;
        }
        let digits = &prefix[1..];
        if digits.is_empty() {
            let section = industry::section(prefix.chars().next()?)?;
            let first = digits_key(&format!("{:02}", section.first_division));
            let last = digits_key(&format!("{:02}", section.last_division));
            return Some((first, last + 11u32.pow(DIGITS - 2) - 1));
        }
        let low = digits_key(digits);
        let span = 11u32.pow(DIGITS - digits.len() as u32);
        Some((low, low + span - 1))
    }
}

fn digits_key(digits: &str) -> u32 {
    let mut key = 0;
    let mut used = 0;
    for b in digits.bytes().take(DIGITS as usize) {
        key = key * 11 + u32::from(b - b'0') + 1;
        used += 1;
    }
    key * 11u32.pow(DIGITS - used)
}

impl std::fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_range(code: &str, prefix: &str) -> bool {
        let (low, high) = IndustryCode::prefix_range(prefix).unwrap();
        let key = IndustryCode::parse(code).unwrap().key();
        (low..=high).contains(&key)
    }

    #[test]
    fn codes_must_agree_with_their_section() {
        assert!(IndustryCode::parse("I65").is_some());
        assert!(IndustryCode::parse("i6513").is_some());
        assert!(IndustryCode::parse("C65").is_none());
        assert!(IndustryCode::parse("I").is_none());
        assert!(IndustryCode::parse("I6").is_none());
        assert!(IndustryCode::parse("I65131").is_none());
        assert!(IndustryCode::parse("Z65").is_none());
    }

    #[test]
    fn a_key_range_is_exactly_a_string_prefix() {
        let codes = [
            "I63", "I65", "I651", "I6513", "I652", "I6520", "C13", "C3911", "K7010", "K70",
        ];
        let prefixes = [
            "I", "C", "K", "I65", "I651", "I6520", "I652", "K70", "K701", "C39",
        ];
        for code in codes {
            for prefix in prefixes {
                assert_eq!(
                    in_range(code, prefix),
                    code.starts_with(prefix),
                    "{code} within {prefix}"
                );
            }
        }
    }
}

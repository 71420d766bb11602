//! What free text the API accepts, for every text field of every request.
//!
//! Text arrives through request DTOs (JSON bodies and query strings). Each text field carries two
//! attributes: `#[serde(deserialize_with = "text::tidy")]`, which trims leading and trailing
//! white space (including the full-width space U+3000) and turns Windows line ends (`\r\n`) into
//! `\n`, and `#[validate(custom(function = "text::single_line"))]` (names, codes, titles, filters)
//! or `text::multi_line` (descriptions, reasons, comments, proposals). Both refuse control
//! characters (NUL and the rest of Unicode's `Cc`, a lone `\r` included), which PostgreSQL cannot
//! store or which break CSV exports and logs, and the bidirectional-formatting characters
//! (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that make text read differently from
//! what it stores ("Trojan Source"). A multi-line field also takes `\n` and tab; a single-line field
//! takes neither, nor the Unicode line and paragraph separators. A refusal is the ordinary
//! `validation_failed` answer with the field's message; length checks run on the tidied value, so a
//! required name of spaces is refused as empty. Passwords are secrets, not text: they are neither
//! tidied nor checked. A unit test below reads every `dto.rs` and fails when a request's text field
//! lacks these attributes.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};
use validator::ValidationError;

/// Values the `tidy` deserializer accepts: a string, an optional string and a list of strings.
pub trait Tidy {
    /// Trims and turns `\r\n` into `\n`.
    fn tidy(self) -> Self;
}

impl Tidy for String {
    fn tidy(self) -> Self {
        let trimmed = self.trim();
        if trimmed.contains("\r\n") {
            trimmed.replace("\r\n", "\n")
        } else if trimmed.len() == self.len() {
            self
        } else {
            trimmed.to_owned()
        }
    }
}

impl Tidy for Option<String> {
    fn tidy(self) -> Self {
        self.map(Tidy::tidy)
    }
}

impl Tidy for Vec<String> {
    fn tidy(self) -> Self {
        self.into_iter().map(Tidy::tidy).collect()
    }
}

/// Values the validators check: a string or a list of strings (the validator derive unwraps
/// `Option` itself and hands over a reference).
pub trait Texts {
    fn texts(&self) -> Vec<&str>;
}

impl Texts for String {
    fn texts(&self) -> Vec<&str> {
        vec![self.as_str()]
    }
}

impl Texts for Vec<String> {
    fn texts(&self) -> Vec<&str> {
        self.iter().map(String::as_str).collect()
    }
}

impl<T: Texts + ?Sized> Texts for &T {
    fn texts(&self) -> Vec<&str> {
        (**self).texts()
    }
}

/// Deserializes a text field trimmed, with `\r\n` turned into `\n`. An `Option` field using it
/// also needs `#[serde(default)]`.
pub fn tidy<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Tidy + Deserialize<'de>,
{
    T::deserialize(deserializer).map(Tidy::tidy)
}

/// A field that holds one line: no control characters, no line breaks, no bidi controls.
pub fn single_line<T: Texts + ?Sized>(value: &T) -> Result<(), ValidationError> {
    check(value, false)
}

/// A field that may hold several lines (`\n`) and tabs, but no other control characters and no
/// bidi controls.
pub fn multi_line<T: Texts + ?Sized>(value: &T) -> Result<(), ValidationError> {
    check(value, true)
}

fn check<T: Texts + ?Sized>(value: &T, multi_line: bool) -> Result<(), ValidationError> {
    match value
        .texts()
        .into_iter()
        .find_map(|text| refusal(text, multi_line))
    {
        None => Ok(()),
        Some(message) => Err(ValidationError::new("text_control_character").with_message(message)),
    }
}

/// Why `text` is refused, if it is: for checks outside request DTOs (nested domain types).
pub fn refusal(text: &str, multi_line: bool) -> Option<Cow<'static, str>> {
    text.chars().find(|&c| refused(c, multi_line)).map(message)
}

/// Whether a single-line text may hold this character (file names drop those it may not).
pub fn allowed_in_single_line(c: char) -> bool {
    !refused(c, false)
}

fn refused(c: char, multi_line: bool) -> bool {
    match c {
        '\n' | '\t' => !multi_line,
        '\u{2028}' | '\u{2029}' => !multi_line,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => true,
        c => c.is_control(),
    }
}

fn message(c: char) -> Cow<'static, str> {
    let code_point = format!("U+{:04X}", u32::from(c));
    let what = match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => "a line break, not allowed in a one-line field",
        '\t' => "a tab, not allowed in a one-line field",
        c if c.is_control() => "a control character",
        _ => "a bidirectional-formatting character",
    };
    Cow::Owned(format!("contains {code_point}, {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidying_trims_white_space_including_the_full_width_space_and_normalises_crlf() {
        assert_eq!(" \u{3000}名称\t ".to_owned().tidy(), "名称");
        assert_eq!("a\r\nb\r\n".to_owned().tidy(), "a\nb");
        assert_eq!("   ".to_owned().tidy(), "");
        assert_eq!(Some(" x ".to_owned()).tidy(), Some("x".to_owned()));
        assert_eq!(vec![" a".to_owned()].tidy(), vec!["a".to_owned()]);
    }

    #[test]
    fn one_line_fields_refuse_control_line_break_and_bidi_characters() {
        for bad in [
            "a\0b",
            "a\nb",
            "a\rb",
            "a\tb",
            "a\u{7f}",
            "a\u{85}",
            "a\u{2028}",
            "\u{202E}abc",
            "\u{2066}x",
            "\u{200F}",
            "\u{061C}",
        ] {
            let err = single_line(&bad.to_owned()).unwrap_err();
            assert_eq!(err.code, "text_control_character", "{bad:?}");
        }
        assert!(single_line(&"杭州示例科技有限公司 (Demo) 100%_ok".to_owned()).is_ok());
        assert!(single_line(&vec!["ok".to_owned(), "a\0".to_owned()]).is_err());
    }

    #[test]
    fn multi_line_fields_take_line_breaks_and_tabs_but_no_other_controls() {
        assert!(multi_line(&"第一行\n\t第二行".to_owned()).is_ok());
        for bad in ["a\0b", "a\rb", "a\u{1b}[31m", "\u{202D}x"] {
            assert!(multi_line(&bad.to_owned()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_message_names_the_code_point() {
        let err = single_line(&"a\0".to_owned()).unwrap_err();
        assert_eq!(
            err.message.as_deref(),
            Some("contains U+0000, a control character")
        );
    }

    /// Every text field of every request DTO carries `text::tidy` and a `text::` validator.
    /// Passwords are secrets, not text.
    #[test]
    fn every_request_text_field_is_tidied_and_checked() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut checked = 0;
        for domain in std::fs::read_dir(&root).unwrap() {
            let path = domain.unwrap().path().join("dto.rs");
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            let (mut derive, mut request, mut attributes) = ("", false, String::new());
            for line in source.lines().map(str::trim) {
                if line.starts_with("#[derive(") {
                    derive = line;
                } else if let Some(name) = line.strip_prefix("pub struct ") {
                    let serializes = derive.replace("Deserialize", "").contains("Serialize");
                    request = derive.contains("Deserialize")
                        && (!serializes || name.trim_end_matches(" {").ends_with("Request"));
                } else if line == "}" {
                    request = false;
                }
                if line.starts_with("#[") || line.starts_with("///") {
                    attributes.push_str(line);
                    continue;
                }
                let text_types = [": String,", ": Option<String>,", ": Vec<String>,"];
                if request
                    && line.starts_with("pub ")
                    && text_types.iter().any(|t| line.ends_with(t))
                    && !line.contains("password")
                {
                    checked += 1;
                    let tidied = attributes.contains("\"crate::text::tidy\"");
                    let validated = attributes.contains("\"crate::text::single_line\"")
                        || attributes.contains("\"crate::text::multi_line\"");
                    if !(tidied && validated) {
                        missing.push(format!("{}: {line}", path.display()));
                    }
                }
                attributes.clear();
            }
        }
        assert!(checked > 50, "found only {checked} text fields");
        assert!(
            missing.is_empty(),
            "text fields without text:: attributes: {missing:#?}"
        );
    }
}

//! Account types and their invariants: the unified social credit code, roles, organisation kinds
//! and statuses, locales, e-mail addresses and the password policy. No framework code here.

use std::fmt;

use crate::{error::Code, lifecycle::Lifecycle};

/// The 31 characters of GB 32100-2015, in value order (no I, O, S, V, Z).
const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a string is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("a unified social credit code has 18 characters, this one has {0}")]
    Length(usize),
    #[error("character {position} (`{character}`) is not allowed in a unified social credit code")]
    Character { position: usize, character: char },
    #[error("the check character should be `{expected}`, not `{found}`")]
    CheckCharacter { expected: char, found: char },
}

impl UsccError {
    /// The stable error code of each failure.
    pub fn code(&self) -> Code {
        match self {
            Self::Length(_) => Code::UsccLength,
            Self::Character { .. } => Code::UsccCharacter,
            Self::CheckCharacter { .. } => Code::UsccCheckCharacter,
        }
    }
}

/// A unified social credit code (统一社会信用代码), checked against GB 32100-2015.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc(String);

impl Uscc {
    /// Parses a code: upper-cases it, then checks length, alphabet and check character.
    pub fn parse(input: &str) -> Result<Self, UsccError> {
        let code = input.trim().to_ascii_uppercase();
        let count = code.chars().count();
        if count != 18 {
            return Err(UsccError::Length(count));
        }
        let values = code
            .chars()
            .enumerate()
            .map(|(index, character)| {
                char_value(character).ok_or(UsccError::Character {
                    position: index + 1,
                    character,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let expected = check_character(&values[..17]);
        let found = code.chars().nth(17).unwrap_or_default();
        if expected != found {
            return Err(UsccError::CheckCharacter { expected, found });
        }
        Ok(Self(code))
    }

    /// Completes 17 characters with their check character (for seeding and tests).
    pub fn with_check_character(first17: &str) -> Result<Self, UsccError> {
        let values = first17
            .chars()
            .enumerate()
            .map(|(index, character)| {
                char_value(character).ok_or(UsccError::Character {
                    position: index + 1,
                    character,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if values.len() != 17 {
            return Err(UsccError::Length(values.len() + 1));
        }
        Ok(Self(format!("{first17}{}", check_character(&values))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn char_value(character: char) -> Option<u32> {
    USCC_ALPHABET
        .iter()
        .position(|&c| char::from(c) == character)
        .and_then(|index| u32::try_from(index).ok())
}

fn check_character(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    char::from(USCC_ALPHABET[check as usize])
}

pub use entities::organisation::{OrganisationKind, OrganisationStatus};
pub use entities::user::{Locale, Role, UserStatus};

/// What the platform knows about each role.
pub trait RoleRules {
    /// The organisation kinds a user of this role may belong to.
    fn allowed_organisation_kinds(&self) -> &'static [OrganisationKind];
    /// Roles whose users the centre creates (the others register themselves).
    fn is_staff(&self) -> bool;
}

impl RoleRules for Role {
    fn allowed_organisation_kinds(&self) -> &'static [OrganisationKind] {
        match self {
            Self::Enterprise => &[OrganisationKind::Enterprise],
            Self::Intermediary => &[OrganisationKind::Intermediary],
            Self::Commissioner => &[OrganisationKind::Center, OrganisationKind::Department],
            Self::Department => &[OrganisationKind::Department],
            Self::Regulator => &[OrganisationKind::Department, OrganisationKind::Center],
            Self::CenterAdmin => &[OrganisationKind::Center],
        }
    }

    fn is_staff(&self) -> bool {
        matches!(
            self,
            Self::Commissioner | Self::Department | Self::Regulator | Self::CenterAdmin
        )
    }
}

/// The organisation lifecycle: an intermediary waits `pending` until the centre approves
/// (`active`) or rejects it; enterprises and staff organisations start `active`.
impl Lifecycle for OrganisationStatus {
    fn may_become(self, next: Self) -> bool {
        matches!(
            (self, next),
            (Self::Pending, Self::Active) | (Self::Pending, Self::Rejected)
        )
    }
}

/// A normalised (trimmed, lower-case) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Self> {
        let email = input.trim().to_lowercase();
        validator::ValidateEmail::validate_email(&email).then_some(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("a password needs at least {0} characters")]
    TooShort(usize),
    #[error("a password may have at most {0} characters")]
    TooLong(usize),
    #[error("the password must not be the e-mail address")]
    SameAsEmail,
    #[error("this password is among the most common ones; choose another")]
    Common,
    #[error(
        "a password must not be one repeated character or a plain sequence such as 0123456789"
    )]
    Trivial,
}

/// The most common passwords long enough to pass the length rule (data, see its header).
fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static LIST: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("data/common-passwords.txt")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .collect()
    })
}

/// One character repeated, or each character one after the previous (or before it) in the
/// alphabet or the digits: `aaaaaaaaaa`, `0123456789`, `zyxwvutsrq`.
fn is_trivial(password: &str) -> bool {
    let chars: Vec<u32> = password.chars().map(u32::from).collect();
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|pair| i64::from(pair[1]) - i64::from(pair[0]))
        .collect();
    steps.iter().all(|step| *step == 0)
        || steps.iter().all(|step| *step == 1)
        || steps.iter().all(|step| *step == -1)
}

/// A new password that meets the policy.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(password: &str, email: &Email) -> Result<Self, PasswordPolicyError> {
        let count = password.chars().count();
        if count < Self::MIN_CHARS {
            return Err(PasswordPolicyError::TooShort(Self::MIN_CHARS));
        }
        if count > Self::MAX_CHARS {
            return Err(PasswordPolicyError::TooLong(Self::MAX_CHARS));
        }
        let lowered = password.trim().to_lowercase();
        if lowered == email.as_str() {
            return Err(PasswordPolicyError::SameAsEmail);
        }
        if is_trivial(&lowered) {
            return Err(PasswordPolicyError::Trivial);
        }
        if common_passwords().contains(lowered.as_str()) {
            return Err(PasswordPolicyError::Common);
        }
        Ok(Self(password.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_repeated_and_sequential_passwords_are_refused() {
        let email = Email::parse("someone@example.com").unwrap();
        for (password, expected) in [
            ("0123456789", PasswordPolicyError::Trivial),
            ("1234567890", PasswordPolicyError::Common),
            ("ZYXWVUTSRQP", PasswordPolicyError::Trivial),
            ("aaaaaaaaaaaa", PasswordPolicyError::Trivial),
            ("qwertyuiop", PasswordPolicyError::Common),
            ("Password123", PasswordPolicyError::Common),
            ("1q2w3e4r5t", PasswordPolicyError::Common),
        ] {
            assert_eq!(
                NewPassword::parse(password, &email).unwrap_err(),
                expected,
                "{password}"
            );
        }
        assert!(NewPassword::parse("a-strong-password", &email).is_ok());
        assert!(NewPassword::parse("qifu-demo-2026", &email).is_ok());
    }

    #[test]
    fn a_code_completed_with_its_check_character_parses() {
        let code = Uscc::with_check_character("91330106MA2B0D5A4").unwrap();
        assert_eq!(Uscc::parse(code.as_str()).unwrap(), code);
    }

    #[test]
    fn a_known_public_code_is_valid() {
        // 阿里巴巴（中国）有限公司's published code.
        assert!(Uscc::parse("91330100799655058B").is_ok());
    }

    #[test]
    fn each_failure_has_its_own_code() {
        assert_eq!(Uscc::parse("123").unwrap_err().code(), "uscc_length");
        assert_eq!(
            Uscc::parse("91330106MA2B0D5AIX").unwrap_err().code(),
            "uscc_character"
        );
        let valid = Uscc::with_check_character("91330106MA2B0D5A4").unwrap();
        let mut wrong = valid.as_str()[..17].to_owned();
        wrong.push(if valid.as_str().ends_with('0') {
            '1'
        } else {
            '0'
        });
        assert_eq!(
            Uscc::parse(&wrong).unwrap_err().code(),
            "uscc_check_character"
        );
    }

    #[test]
    fn lower_case_input_is_accepted_and_normalised() {
        let code = Uscc::with_check_character("91330106MA2B0D5A4").unwrap();
        let parsed = Uscc::parse(&code.as_str().to_lowercase()).unwrap();
        assert_eq!(parsed, code);
    }

    #[test]
    fn a_check_value_of_31_becomes_zero() {
        // Search a code whose weighted sum is a multiple of 31: its check character is `0`.
        let found = (0..31u32)
            .filter_map(|v| {
                let c = char::from(USCC_ALPHABET[v as usize]);
                Uscc::with_check_character(&format!("9133010600000000{c}")).ok()
            })
            .find(|code| code.as_str().ends_with('0'));
        assert!(found.is_some());
    }

    #[test]
    fn roles_belong_to_their_organisation_kinds() {
        assert_eq!(
            Role::CenterAdmin.allowed_organisation_kinds(),
            &[OrganisationKind::Center]
        );
        assert!(!Role::Enterprise.is_staff());
        assert!(Role::Regulator.is_staff());
    }

    #[test]
    fn the_password_policy_refuses_short_long_and_email_passwords() {
        let email = Email::parse("A@Example.com ").unwrap();
        assert_eq!(email.as_str(), "a@example.com");
        assert!(NewPassword::parse("short", &email).is_err());
        assert!(NewPassword::parse(&"x".repeat(200), &email).is_err());
        assert!(NewPassword::parse("a@example.com", &email).is_err());
        assert!(NewPassword::parse("a long enough one", &email).is_ok());
    }
}

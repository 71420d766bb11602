//! Profile types and their invariants: what an enterprise may record about itself, checked field
//! by field (administrative division, GB/T 4754 code, tax credit grade, amounts, dates,
//! qualification kinds), and the size class derived from it. No framework code here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
pub use entities::eligibility_change::ChangeKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    condition::{Facts, TAX_CREDIT_GRADES},
    error::EnterprisesError,
    industry_code::IndustryCode,
    qualification::qualification_kind,
    region, SizeClass, SizeFigures, SizeStandard, SizeUnknown,
};
use crate::error::Code;
use entities::enterprise_profile::TaxCreditGrade;

/// A qualification or honour held, with its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HeldQualification {
    /// A code of `GET /api/v1/qualification-kinds`, e.g. `high_tech_enterprise`.
    pub kind: String,
    #[serde(default)]
    pub certificate_no: Option<String>,
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub obtained_on: Option<NaiveDate>,
    /// None: it does not expire.
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub expires_on: Option<NaiveDate>,
}

/// A person to contact at the enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// The fields of a profile, as checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProfileFields {
    pub legal_representative: Option<String>,
    pub registered_capital_fen: Option<i64>,
    pub revenue_fen: Option<i64>,
    pub total_assets_fen: Option<i64>,
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub founded_on: Option<NaiveDate>,
    pub region_code: Option<String>,
    pub industry_code: Option<String>,
    pub employees: Option<i32>,
    pub rd_spending_fen: Option<i64>,
    pub tax_credit_grade: Option<String>,
    #[serde(default)]
    pub qualifications: Vec<HeldQualification>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

fn amount(value: Option<i64>, field: &'static str) -> Result<(), EnterprisesError> {
    match value {
        Some(v) if !(0..=MAX_AMOUNT).contains(&v) => Err(EnterprisesError::field(
            Code::ProfileAmountInvalid,
            field,
            format!("{field} is an amount in fen from 0 to {MAX_AMOUNT}"),
        )),
        _ => Ok(()),
    }
}

impl ProfileFields {
    /// Checks every field; codes are normalised (industry upper-cased, blanks to none).
    pub fn check(mut self, today: NaiveDate) -> Result<Self, EnterprisesError> {
        self.check_text()?;
        for (value, field) in [
            (self.registered_capital_fen, "registered_capital_fen"),
            (self.revenue_fen, "revenue_fen"),
            (self.total_assets_fen, "total_assets_fen"),
            (self.rd_spending_fen, "rd_spending_fen"),
        ] {
            amount(value, field)?;
        }
        if self.employees.is_some_and(|n| n < 0) {
            return Err(EnterprisesError::field(
                Code::ProfileEmployeesInvalid,
                "employees",
                "employees cannot be negative",
            ));
        }
        if let Some(founded) = self.founded_on {
            if founded > today || chrono::Datelike::year(&founded) < 1900 {
                return Err(EnterprisesError::field(
                    Code::ProfileFoundedOnInvalid,
                    "founded_on",
                    "the founding date is between 1900 and today",
                ));
            }
        }
        self.region_code = blank_to_none(self.region_code);
        if let Some(code) = &self.region_code {
            if let Err(refusal) = region::check_new_code(code) {
                return Err(EnterprisesError::field(
                    Code::ProfileRegionInvalid,
                    "region_code",
                    refusal.message(code),
                ));
            }
        }
        self.industry_code = match blank_to_none(self.industry_code) {
            None => None,
            Some(code) => Some(
                IndustryCode::parse(&code)
                    .ok_or_else(|| {
                        EnterprisesError::field(
                            Code::ProfileIndustryInvalid,
                            "industry_code",
                            format!("`{code}` is not a GB/T 4754-2017 code (section letter and 2 to 4 digits, e.g. I6513)"),
                        )
                    })?
                    .to_string(),
            ),
        };
        self.tax_credit_grade =
            blank_to_none(self.tax_credit_grade).map(|g| g.to_ascii_uppercase());
        if let Some(grade) = &self.tax_credit_grade {
            if !TAX_CREDIT_GRADES.contains(&grade.as_str()) {
                return Err(EnterprisesError::field(
                    Code::ProfileTaxCreditGradeInvalid,
                    "tax_credit_grade",
                    "the tax credit grade is A, B, M, C or D",
                ));
            }
        }
        self.legal_representative = blank_to_none(self.legal_representative);
        self.check_lists()?;
        Ok(self)
    }

    fn check_lists(&self) -> Result<(), EnterprisesError> {
        if self.qualifications.len() > 50 || self.contacts.len() > 20 {
            return Err(EnterprisesError::field(
                Code::ValidationFailed,
                "qualifications",
                "at most 50 qualifications and 20 contacts",
            ));
        }
        for held in &self.qualifications {
            if qualification_kind(&held.kind).is_none() {
                return Err(EnterprisesError::field(
                    Code::ProfileQualificationUnknown,
                    "qualifications",
                    format!("unknown qualification `{}`", held.kind),
                ));
            }
            if let (Some(from), Some(to)) = (held.obtained_on, held.expires_on) {
                if to < from {
                    return Err(EnterprisesError::field(
                        Code::ProfileQualificationDates,
                        "qualifications",
                        format!("`{}` expires before it was obtained", held.kind),
                    ));
                }
            }
        }
        if self
            .contacts
            .iter()
            .any(|c| c.name.trim().is_empty() || c.name.chars().count() > 50)
        {
            return Err(EnterprisesError::field(
                Code::ValidationFailed,
                "contacts",
                "every contact has a name of 1 to 50 characters",
            ));
        }
        Ok(())
    }

    /// The size class of 《中小企业划型标准规定》, or why it is unknown (no industry, an
    /// industry the standard does not cover, or a figure its thresholds use not reported).
    pub fn size_outcome<'a>(
        &self,
        standard: &'a SizeStandard,
    ) -> Result<SizeClass, SizeUnknown<'a>> {
        let figures = SizeFigures {
            employees: self.employees.map(i64::from),
            revenue_fen: self.revenue_fen,
            total_assets_fen: self.total_assets_fen,
        };
        let code = self
            .industry_code
            .as_deref()
            .ok_or(SizeUnknown::NoIndustry)?;
        standard.classify(code, &figures).map(|(class, _)| class)
    }

    /// The size class to store; none when unknown.
    pub fn size_class(&self, standard: &SizeStandard) -> Option<SizeClass> {
        self.size_outcome(standard).ok()
    }

    /// The tax credit grade to store. [`ProfileFields::check`] accepts only the grades' words,
    /// so an unchecked word is an error here, never dropped.
    pub fn stored_grade(&self) -> Result<Option<TaxCreditGrade>, String> {
        self.tax_credit_grade
            .as_deref()
            .map(|g| {
                TaxCreditGrade::parse(g).ok_or_else(|| format!("unchecked tax credit grade `{g}`"))
            })
            .transpose()
    }

    /// What conditions are evaluated against, with the enterprise's manual tags; `verified`
    /// says, qualification by qualification (in order), which ones are verified (a missing
    /// entry: declared).
    pub fn facts(
        &self,
        size_class: Option<SizeClass>,
        tags: BTreeSet<String>,
        verified: &[bool],
    ) -> Facts {
        let mut qualifications: BTreeMap<String, Option<NaiveDate>> = BTreeMap::new();
        let mut verified_qualifications: BTreeMap<String, Option<NaiveDate>> = BTreeMap::new();
        for (position, held) in self.qualifications.iter().enumerate() {
            latest_expiry(&mut qualifications, held);
            if verified.get(position).copied().unwrap_or(false) {
                latest_expiry(&mut verified_qualifications, held);
            }
        }
        Facts {
            registered_capital_fen: self.registered_capital_fen,
            revenue_fen: self.revenue_fen,
            total_assets_fen: self.total_assets_fen,
            rd_spending_fen: self.rd_spending_fen,
            employees: self.employees.map(i64::from),
            founded_on: self.founded_on,
            region_code: self.region_code.clone(),
            industry_code: self.industry_code.clone(),
            tax_credit_grade: self.tax_credit_grade.clone(),
            size_class: size_class.map(|c| c.as_str().to_owned()),
            tags,
            qualifications,
            verified_qualifications,
        }
    }
}

/// Keeps the latest expiry of a kind; one that never expires beats any date.
fn latest_expiry(
    held: &mut BTreeMap<String, Option<NaiveDate>>,
    qualification: &HeldQualification,
) {
    let entry = held
        .entry(qualification.kind.clone())
        .or_insert(qualification.expires_on);
    *entry = match (*entry, qualification.expires_on) {
        (None, _) | (_, None) => None,
        (Some(a), Some(b)) => Some(a.max(b)),
    };
}

impl ProfileFields {
    /// Refuses control and bidirectional-formatting characters in the free-text fields.
    fn check_text(&self) -> Result<(), EnterprisesError> {
        let representative = self
            .legal_representative
            .as_deref()
            .map(|t| ("legal_representative", t));
        let certificates = self
            .qualifications
            .iter()
            .filter_map(|q| q.certificate_no.as_deref())
            .map(|t| ("qualifications", t));
        let contacts = self
            .contacts
            .iter()
            .flat_map(|c| {
                [
                    Some(c.name.as_str()),
                    c.title.as_deref(),
                    c.phone.as_deref(),
                    c.email.as_deref(),
                ]
            })
            .flatten()
            .map(|t| ("contacts", t));
        for (field, text) in representative
            .into_iter()
            .chain(certificates)
            .chain(contacts)
        {
            if let Some(message) = crate::text::refusal(text, false) {
                return Err(EnterprisesError::field(
                    Code::ValidationFailed,
                    field,
                    message,
                ));
            }
        }
        Ok(())
    }
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The fields that differ between two versions: name → {before, after}.
pub fn changes(
    before: &ProfileFields,
    after: &ProfileFields,
) -> serde_json::Map<String, serde_json::Value> {
    let (Ok(serde_json::Value::Object(old)), Ok(serde_json::Value::Object(new))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return serde_json::Map::new();
    };
    new.into_iter()
        .filter(|(key, value)| old.get(key) != Some(value))
        .map(|(key, value)| {
            let previous = old.get(&key).cloned().unwrap_or(serde_json::Value::Null);
            (
                key,
                serde_json::json!({ "before": previous, "after": value }),
            )
        })
        .collect()
}

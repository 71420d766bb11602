//! Enterprise, tag and condition requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use entities::enterprise_qualification::Verification;

use super::{
    condition::{compile::Explanation, FieldSpec},
    model::ProfileFields,
    qualification::{qualification_kind, QualificationKind},
    region,
    service::ProfileView,
};

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProfileRequest {
    #[serde(flatten)]
    pub fields: ProfileFields,
    /// The version this edit is based on; a newer stored version answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileResponse {
    pub enterprise_id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
    #[serde(flatten)]
    pub fields: ProfileFields,
    /// Derived from 《中小企业划型标准规定》: large, medium, small or micro; null when unknown
    /// (see `size_class_missing` and `size_class_note`).
    pub size_class: Option<super::SizeClass>,
    /// The figures the industry's thresholds use that the profile lacks, so the class is
    /// unknown (`employees`, `revenue`, `total_assets`); empty otherwise.
    #[serde(default)]
    pub size_class_missing: Vec<super::Measure>,
    /// Why the class is unknown when no figure is missing (no industry, or an industry the
    /// standard does not cover), Chinese first, English second.
    #[serde(default)]
    pub size_class_note: Option<String>,
    /// e.g. 浙江省杭州市西湖区; an abolished code's former name marked 已撤销.
    pub region_name: Option<String>,
    /// 0 before the first save.
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
    /// Each qualification's verification, in the order of `qualifications`.
    pub qualification_checks: Vec<QualificationCheck>,
}

/// Where a qualification's verification stands (核验状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// 待核验: typed in by the enterprise, not checked yet; enough to apply, not for an
    /// automatic grant.
    Declared,
    /// 已核验: verified by a department or the centre, or imported by the centre.
    Verified,
    /// 未通过: checked and rejected.
    Rejected,
}

impl From<Verification> for VerificationStatus {
    fn from(v: Verification) -> Self {
        match v {
            Verification::Declared => Self::Declared,
            Verification::Verified => Self::Verified,
            Verification::Rejected => Self::Rejected,
        }
    }
}

/// One qualification of a profile with its verification.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QualificationCheck {
    /// The qualification's id (for verifying or rejecting it).
    pub id: Uuid,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub certificate_no: Option<String>,
    pub expires_on: Option<chrono::NaiveDate>,
    pub status: VerificationStatus,
    /// The organisation that verified or rejected it.
    pub verifier: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    /// Why it was rejected.
    pub note: Option<String>,
}

impl From<&entities::enterprise_qualification::Model> for QualificationCheck {
    fn from(q: &entities::enterprise_qualification::Model) -> Self {
        let kind = qualification_kind(&q.kind);
        Self {
            id: q.public_id,
            kind: q.kind.clone(),
            name_zh: kind.map_or_else(|| q.kind.clone(), |k| k.name_zh.to_owned()),
            name_en: kind.map_or_else(|| q.kind.clone(), |k| k.name_en.to_owned()),
            certificate_no: q.certificate_no.clone(),
            expires_on: q.expires_on,
            status: q.verification.into(),
            verifier: q.verifier.clone(),
            verified_at: q.verified_at,
            note: q.verification_note.clone(),
        }
    }
}

/// Why a qualification is rejected.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct QualificationRejectRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 500, message = "give a reason (1 to 500 characters)"))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

impl ProfileResponse {
    /// The profile as answered, with why its size class is unknown under `standard`.
    pub fn new(view: ProfileView, standard: &super::SizeStandard) -> Self {
        let (size_class_missing, size_class_note) = match view.fields.size_outcome(standard) {
            Ok(_) => (Vec::new(), None),
            Err(super::SizeUnknown::Missing { measures, .. }) => (measures, None),
            Err(super::SizeUnknown::NotCovered(industry)) => {
                (Vec::new(), Some(industry.note.clone()))
            }
            Err(super::SizeUnknown::NoIndustry) => (
                Vec::new(),
                Some(
                    "未填写所属行业，无法划型 / no industry: the size class cannot be derived"
                        .to_owned(),
                ),
            ),
        };
        Self {
            enterprise_id: view.organisation.public_id,
            name: view.organisation.name,
            uscc: view.organisation.uscc,
            region_name: view
                .fields
                .region_code
                .as_deref()
                .and_then(region::display_name_zh),
            size_class: view.row.as_ref().and_then(|r| r.size_class),
            size_class_missing,
            size_class_note,
            version: view.row.as_ref().map_or(0, |r| r.version),
            updated_at: view.row.as_ref().map(|r| r.updated_at),
            qualification_checks: view
                .qualifications
                .iter()
                .map(QualificationCheck::from)
                .collect(),
            fields: view.fields,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileVersionResponse {
    pub version: i32,
    pub changed_at: DateTime<Utc>,
    pub actor_role: Option<crate::accounts::Role>,
    pub actor_organisation: Option<String>,
    /// Field → {before, after}.
    pub changes: Value,
}

impl From<entities::enterprise_profile_version::Model> for ProfileVersionResponse {
    fn from(v: entities::enterprise_profile_version::Model) -> Self {
        Self {
            version: v.version,
            changed_at: v.changed_at,
            actor_role: v.actor_role,
            actor_organisation: v.actor_name,
            changes: serde_json::from_str(&v.changes).unwrap_or(Value::Null),
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnterpriseQuery {
    /// Part of the name or of the unified social credit code.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub name: Option<String>,
    /// An administrative division prefix, e.g. `3301` (Hangzhou).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 6))]
    #[param(max_length = 6)]
    pub region: Option<String>,
    /// An industry code prefix: a section letter (`C`) or more (`C39`).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 5))]
    #[param(max_length = 5)]
    pub industry: Option<String>,
    pub size_class: Option<super::SizeClass>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnterpriseSummary {
    pub enterprise_id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
    pub region_code: Option<String>,
    pub industry_code: Option<String>,
    pub size_class: Option<super::SizeClass>,
    pub employees: Option<i32>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl
    From<(
        entities::organisation::Model,
        Option<entities::enterprise_profile::Model>,
    )> for EnterpriseSummary
{
    fn from(
        (o, p): (
            entities::organisation::Model,
            Option<entities::enterprise_profile::Model>,
        ),
    ) -> Self {
        Self {
            enterprise_id: o.public_id,
            name: o.name,
            uscc: o.uscc,
            region_code: p.as_ref().and_then(|p| p.region_code.clone()),
            industry_code: p.as_ref().and_then(|p| p.industry_code.clone()),
            size_class: p.as_ref().and_then(|p| p.size_class),
            employees: p.as_ref().and_then(|p| p.employees),
            updated_at: p.as_ref().map(|p| p.updated_at),
        }
    }
}

// ---- tags ----

/// A catalogue code's shape (tag dimensions, tags, service sectors).
pub fn code_shape(code: &str) -> Result<(), ValidationError> {
    let mut chars = code.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if starts
        && code.len() <= 50
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(())
    } else {
        Err(ValidationError::new("code").with_message(
            "a code is lower-case letters, digits and _, starting with a letter (at most 50)"
                .into(),
        ))
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DimensionRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "code_shape"))]
    pub code: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 100, message = "1 to 100 characters"))]
    #[schema(min_length = 1, max_length = 100)]
    pub name_en: String,
    #[serde(default)]
    pub position: i32,
}

/// A dimension's names and place (its code is fixed once created).
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DimensionUpdateRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 100, message = "1 to 100 characters"))]
    #[schema(min_length = 1, max_length = 100)]
    pub name_en: String,
    #[serde(default)]
    pub position: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct TagRequest {
    /// Fixed once created (conditions refer to it).
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "code_shape"))]
    pub code: String,
    pub dimension_id: Uuid,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 100, message = "1 to 100 characters"))]
    #[schema(min_length = 1, max_length = 100)]
    pub name_en: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 1000, message = "at most 1000 characters"))]
    #[schema(max_length = 1000)]
    #[serde(default)]
    pub description: String,
    /// The rule deriving the tag, as JSON; leave both this and `rule_text` out for a manual tag.
    #[serde(default)]
    pub rule: Option<Value>,
    /// The rule in the text form, e.g. `all(employees >= 20)`.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[serde(default)]
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub rule_text: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TagResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description: String,
    /// `manual` or `derived`.
    pub kind: String,
    pub rule: Option<Value>,
    pub rule_text: Option<String>,
}

impl From<entities::tag::Model> for TagResponse {
    fn from(t: entities::tag::Model) -> Self {
        Self {
            id: t.public_id,
            code: t.code,
            name_zh: t.name_zh,
            name_en: t.name_en,
            description: t.description,
            kind: if t.rule.is_some() {
                "derived"
            } else {
                "manual"
            }
            .to_owned(),
            rule: t.rule.as_deref().and_then(|r| serde_json::from_str(r).ok()),
            rule_text: t.rule_text,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DimensionResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub position: i32,
    pub tags: Vec<TagResponse>,
}

/// The dimension a tag belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct DimensionRef {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl From<&entities::tag_dimension::Model> for DimensionRef {
    fn from(d: &entities::tag_dimension::Model) -> Self {
        Self {
            id: d.public_id,
            code: d.code.clone(),
            name_zh: d.name_zh.clone(),
            name_en: d.name_en.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeldTagResponse {
    pub tag: TagResponse,
    pub dimension: Option<DimensionRef>,
    /// Why a derived tag applies (each comparison of its rule); none for a manual tag.
    pub explanation: Option<Explanation>,
}

// ---- conditions ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ConditionCheckRequest {
    /// The condition as JSON …
    #[serde(default)]
    pub condition: Option<Value>,
    /// … or in the text form.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[serde(default)]
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub text: Option<String>,
    /// Check it as a tag rule (which may not test tags).
    #[serde(default)]
    pub tag_rule: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConditionCheckResponse {
    pub condition: Value,
    pub text: String,
    /// How many enterprises meet it today.
    pub matching_enterprises: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionFieldsResponse {
    pub fields: Vec<FieldSpec>,
    pub qualification_kinds: Vec<QualificationKind>,
}

/// The classification tables a profile form chooses from.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClassificationsResponse {
    /// Current administrative divisions (GB/T 2260) down to county level, ordered by code.
    pub regions: &'static [super::region::Region],
    /// Where the divisions come from (民政部《县以上行政区划代码》) and the day they describe.
    pub regions_source: &'static str,
    pub regions_as_of: &'static str,
    /// Codes abolished since, which old records may still show; never accepted as new input.
    pub abolished_regions: &'static [super::region::AbolishedRegion],
    /// GB/T 4754-2017 sections (门类).
    pub sections: &'static [super::industry::Section],
    /// GB/T 4754-2017 divisions (大类).
    pub divisions: &'static [super::industry::Division],
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` (default) or `csv`.
    pub format: Option<super::bulk::Format>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `check` (default), `all` or `valid_rows`.
    pub mode: Option<crate::sheets::ImportMode>,
}

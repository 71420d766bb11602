//! Request and response bodies of the intermediary endpoints: the list owners choose among and
//! its query, an intermediary's profile with its service types, qualifications and credit, and
//! the forms an intermediary keeps them with.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::super::dto::{CreditResponse, ServiceTypeResponse};
use super::service::IntermediaryView;

#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationResponse {
    pub id: Uuid,
    pub qualification_type: String,
    pub level: String,
    pub certificate_number: String,
    pub expires_on: NaiveDate,
}

impl From<entities::intermediary_qualification::Model> for QualificationResponse {
    fn from(q: entities::intermediary_qualification::Model) -> Self {
        Self {
            id: q.public_id,
            qualification_type: q.qualification_type,
            level: q.level,
            certificate_number: q.certificate_number,
            expires_on: q.expires_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntermediaryResponse {
    pub id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
    pub status: String,
    pub practitioners: i32,
    pub introduction: String,
    /// 法定代表人.
    pub legal_representative: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub service_types: Vec<ServiceTypeResponse>,
    pub qualifications: Vec<QualificationResponse>,
    pub credit: CreditResponse,
}

impl From<IntermediaryView> for IntermediaryResponse {
    fn from(v: IntermediaryView) -> Self {
        let profile = v.profile;
        let text = |f: fn(&entities::intermediary_profile::Model) -> Option<String>| {
            profile.as_ref().and_then(f)
        };
        Self {
            id: v.organisation.public_id,
            name: v.organisation.name,
            uscc: v.organisation.uscc,
            status: v.organisation.status.to_string(),
            practitioners: profile.as_ref().map_or(0, |p| p.practitioners),
            introduction: text(|p| Some(p.introduction.clone())).unwrap_or_default(),
            legal_representative: text(|p| p.legal_representative.clone()),
            contact_phone: text(|p| p.contact_phone.clone()),
            contact_email: text(|p| p.contact_email.clone()),
            service_types: v.service_types.into_iter().map(Into::into).collect(),
            qualifications: v.qualifications.into_iter().map(Into::into).collect(),
            credit: v.standing.into(),
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntermediaryQuery {
    /// Only those offering this service type.
    pub service_type_id: Option<Uuid>,
    /// Contained in the name.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// A phone number: 5–30 characters, digits with `+` first and `-`, spaces or brackets between.
fn phone(value: &str) -> Result<(), validator::ValidationError> {
    let mut chars = value.chars();
    let first_ok = chars.next().is_some_and(|c| c == '+' || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_digit() || " -()".contains(c));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if first_ok && rest_ok && (5..=20).contains(&digits) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("phone")
            .with_message("a phone number: digits, + - ( ) and spaces".into()))
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct IntermediaryProfileRequest {
    #[validate(range(min = 0, max = 100000, message = "0 to 100000"))]
    #[schema(minimum = 0, maximum = 100000)]
    pub practitioners: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub introduction: String,
    /// 法定代表人; none or blank: not stated.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 50, message = "at most 50 characters"))]
    #[schema(max_length = 50)]
    pub legal_representative: Option<String>,
    /// A phone number: digits, with `+`, `-`, spaces or brackets.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "phone"))]
    #[validate(length(max = 30, message = "at most 30 characters"))]
    #[schema(max_length = 30, pattern = r"^\+?[0-9][0-9 ()\-]{4,29}$")]
    pub contact_phone: Option<String>,
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(email(message = "an e-mail address"))]
    #[validate(length(max = 254, message = "at most 254 characters"))]
    #[schema(max_length = 254, format = "email")]
    pub contact_email: Option<String>,
    /// The service types offered.
    #[validate(length(max = 100, message = "at most 100 service types"))]
    #[schema(max_items = 100)]
    pub service_type_ids: Vec<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct QualificationRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub qualification_type: String,
    /// One of the type's levels, or empty when it has none.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 20))]
    #[schema(max_length = 20)]
    #[serde(default)]
    pub level: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 64, message = "1 to 64 characters"))]
    #[schema(min_length = 1, max_length = 64)]
    pub certificate_number: String,
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub expires_on: NaiveDate,
}

//! Account requests and responses. Entities never cross the API: each response is built here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{
    account::Account,
    model::{Locale, OrganisationKind, OrganisationStatus, Role, UserStatus},
};

/// Who may register themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationKind {
    Enterprise,
    Intermediary,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RegisterRequest {
    pub kind: RegistrationKind,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 2, max = 100, message = "2 to 100 characters"))]
    #[schema(min_length = 2, max_length = 100)]
    #[schema(example = "杭州示例科技有限公司")]
    pub organisation_name: String,
    /// Unified social credit code (统一社会信用代码), 18 characters.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub uscc: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub display_name: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(email(message = "not a valid e-mail address"), length(max = 254))]
    pub email: String,
    pub password: String,
    pub locale: Option<Locale>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganisationResponse {
    pub id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    pub uscc: Option<String>,
    pub status: OrganisationStatus,
    /// Why the centre approved or rejected it.
    pub status_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<entities::organisation::Model> for OrganisationResponse {
    fn from(org: entities::organisation::Model) -> Self {
        Self {
            id: org.public_id,
            kind: org.kind,
            status: org.status,
            name: org.name,
            uscc: org.uscc,
            status_reason: org.status_reason,
            created_at: org.created_at,
        }
    }
}

/// A user with their organisation: `GET /me`, and each row of the users list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
    pub status: UserStatus,
    pub organisation: OrganisationResponse,
    pub created_at: DateTime<Utc>,
}

impl From<Account> for MeResponse {
    fn from(account: Account) -> Self {
        Self {
            id: account.user.public_id,
            locale: account.locale,
            email: account.user.email,
            display_name: account.user.display_name,
            role: account.role,
            status: account.status,
            created_at: account.user.created_at,
            organisation: account.organisation.into(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegisterResponse {
    pub organisation: OrganisationResponse,
    pub user: MeResponse,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct UpdateMeRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub display_name: String,
    pub locale: Locale,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationQuery {
    pub kind: Option<OrganisationKind>,
    pub status: Option<OrganisationStatus>,
}

/// Kinds of organisation the centre creates itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffOrganisationKind {
    Department,
    Center,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateOrganisationRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 2, max = 100, message = "2 to 100 characters"))]
    #[schema(min_length = 2, max_length = 100)]
    pub name: String,
    pub kind: StaffOrganisationKind,
    /// Optional for government bodies; checked when given.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub uscc: Option<String>,
}

/// A decision that needs a recorded reason (approve, reject, disable).
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ReasonRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 500, message = "give a reason (1 to 500 characters)"))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub organisation_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateUserRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(email(message = "not a valid e-mail address"), length(max = 254))]
    pub email: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    pub display_name: String,
    /// One of `department`, `regulator`, `commissioner`, `center_admin`.
    pub role: Role,
    pub organisation_id: Uuid,
    pub password: String,
    pub locale: Option<Locale>,
}

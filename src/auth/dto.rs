//! Sign-in and password requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::accounts::MeResponse;

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct LoginRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 254, message = "enter your e-mail address"))]
    #[schema(min_length = 1, max_length = 254)]
    #[schema(example = "enterprise@demo.qifu.local")]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "enter your password"))]
    #[schema(min_length = 1, max_length = 1024)]
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LoginResponse {
    /// Opaque session token for `Authorization: Bearer`; the browser gets it as a cookie too.
    pub token: String,
    /// Send it as `X-CSRF-Token` on writes authenticated by the cookie.
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    pub user: MeResponse,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 1024, message = "enter your current password"))]
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: String,
    #[validate(length(min = 1, max = 1024, message = "enter a new password"))]
    #[schema(min_length = 1, max_length = 1024)]
    pub new_password: String,
}

//! Why signing in or using a session failed, each with a stable code.

use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("sign in first")]
    Unauthenticated,
    #[error("the session has expired; sign in again")]
    SessionExpired,
    #[error("this action needs another role")]
    Forbidden,
    #[error(
        "the CSRF token is missing or wrong; send the qifu_csrf cookie's value in X-CSRF-Token"
    )]
    CsrfFailed,
    #[error("wrong e-mail address or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins: the account is locked; try again later")]
    AccountLocked { retry_after_seconds: u64 },
    #[error("too many failed sign-ins from this address; try again later")]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error("this account is disabled")]
    UserDisabled,
    #[error("the centre has not yet approved your organisation's registration (入驻审核中)")]
    OrganisationPending,
    #[error("the centre rejected your organisation's registration; GET /api/v1/me tells why")]
    OrganisationRejected,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("{0}")]
    WeakPassword(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AuthError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        let message = err.to_string();
        let code = match err {
            AuthError::Internal(source) => return ApiError::internal(source),
            AuthError::AccountLocked {
                retry_after_seconds,
            } => {
                return ApiError::new(Code::AccountLocked, message).retry_after(retry_after_seconds)
            }
            AuthError::TooManyAttempts {
                retry_after_seconds,
            } => {
                return ApiError::new(Code::TooManyAttempts, message)
                    .retry_after(retry_after_seconds)
            }
            AuthError::WrongPassword => {
                return ApiError::field(Code::WrongPassword, "current_password", message)
            }
            AuthError::WeakPassword(_) => {
                return ApiError::field(Code::WeakPassword, "new_password", message)
            }
            AuthError::Unauthenticated => Code::Unauthenticated,
            AuthError::SessionExpired => Code::SessionExpired,
            AuthError::Forbidden => Code::Forbidden,
            AuthError::CsrfFailed => Code::CsrfFailed,
            AuthError::InvalidCredentials => Code::InvalidCredentials,
            AuthError::UserDisabled => Code::UserDisabled,
            AuthError::OrganisationPending => Code::OrganisationPending,
            AuthError::OrganisationRejected => Code::OrganisationRejected,
        };
        ApiError::new(code, message)
    }
}

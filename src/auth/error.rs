//! Why signing in or using a session failed, each with a stable code.

use crate::error::{ApiError, ErrorKind};

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
        let (kind, code) = match err {
            AuthError::Internal(source) => return ApiError::internal(source),
            AuthError::AccountLocked {
                retry_after_seconds,
            } => {
                return ApiError::new(ErrorKind::TooManyRequests, "account_locked", message)
                    .retry_after(retry_after_seconds)
            }
            AuthError::TooManyAttempts {
                retry_after_seconds,
            } => {
                return ApiError::new(ErrorKind::TooManyRequests, "too_many_attempts", message)
                    .retry_after(retry_after_seconds)
            }
            AuthError::WrongPassword => {
                return ApiError::field("wrong_password", "current_password", message)
            }
            AuthError::WeakPassword(_) => {
                return ApiError::field("weak_password", "new_password", message)
            }
            AuthError::Unauthenticated => (ErrorKind::Unauthenticated, "unauthenticated"),
            AuthError::SessionExpired => (ErrorKind::Unauthenticated, "session_expired"),
            AuthError::Forbidden => (ErrorKind::Forbidden, "forbidden"),
            AuthError::CsrfFailed => (ErrorKind::Forbidden, "csrf_failed"),
            AuthError::InvalidCredentials => (ErrorKind::Unauthenticated, "invalid_credentials"),
            AuthError::UserDisabled => (ErrorKind::Forbidden, "user_disabled"),
            AuthError::OrganisationPending => (ErrorKind::Forbidden, "organisation_pending"),
            AuthError::OrganisationRejected => (ErrorKind::Forbidden, "organisation_rejected"),
        };
        ApiError::new(kind, code, message)
    }
}

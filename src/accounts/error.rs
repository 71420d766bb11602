//! Why an account operation was refused, each with a stable code.

use super::model::UsccError;
use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error(transparent)]
    Uscc(#[from] UsccError),
    #[error("this unified social credit code is already registered")]
    UsccTaken,
    #[error("this e-mail address is already registered")]
    EmailTaken,
    #[error("this is not a valid e-mail address")]
    InvalidEmail,
    #[error("{0}")]
    WeakPassword(String),
    #[error("organisation not found")]
    OrganisationNotFound,
    #[error("user not found")]
    UserNotFound,
    #[error("{0}")]
    InvalidState(String),
    #[error("a {role} user cannot belong to a {kind} organisation")]
    RoleNotAllowed { role: String, kind: String },
    #[error("{0}")]
    NotAllowed(&'static str),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AccountsError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<AccountsError> for ApiError {
    fn from(err: AccountsError) -> Self {
        let message = err.to_string();
        let code = match err {
            AccountsError::Internal(source) => return ApiError::internal(source),
            AccountsError::Uscc(e) => return ApiError::field(e.code(), "uscc", message),
            AccountsError::InvalidEmail => {
                return ApiError::field(Code::ValidationFailed, "email", message)
            }
            AccountsError::WeakPassword(_) => {
                return ApiError::field(Code::WeakPassword, "password", message)
            }
            AccountsError::UsccTaken => Code::UsccTaken,
            AccountsError::EmailTaken => Code::EmailTaken,
            AccountsError::OrganisationNotFound | AccountsError::UserNotFound => Code::NotFound,
            AccountsError::InvalidState(_) => Code::InvalidState,
            AccountsError::RoleNotAllowed { .. } => Code::RoleNotAllowedForOrganisation,
            AccountsError::NotAllowed(_) => Code::NotAllowed,
        };
        ApiError::new(code, message)
    }
}

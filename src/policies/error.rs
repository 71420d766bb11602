//! Why a policy or clause operation was refused, each with a stable code.

use crate::{
    enterprises::EnterprisesError,
    error::{ApiError, ErrorKind},
};

#[derive(Debug, thiserror::Error)]
pub enum PoliciesError {
    #[error("{message}")]
    InvalidField {
        code: &'static str,
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Enterprises(#[from] EnterprisesError),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the issuer must be a department")]
    IssuerNotDepartment,
    #[error("the clause is {0}")]
    WrongState(&'static str),
    #[error("the application is {0}")]
    WrongApplicationState(&'static str),
    #[error("the clause is not open for applications today")]
    WindowClosed,
    #[error("the enterprise does not meet the clause's conditions today")]
    NotEligible,
    #[error("{0}")]
    ModeMismatch(&'static str),
    #[error("the enterprise has applied for this clause already")]
    Duplicate,
    #[error("{0}")]
    Api(ApiError),
    #[error(transparent)]
    Files(#[from] crate::files::FilesError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for PoliciesError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<ApiError> for PoliciesError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}

impl PoliciesError {
    pub fn field(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField {
            code,
            field,
            message: message.into(),
        }
    }
}

impl From<PoliciesError> for ApiError {
    fn from(err: PoliciesError) -> Self {
        let message = err.to_string();
        let (kind, code) = match err {
            PoliciesError::Internal(source) => return ApiError::internal(source),
            PoliciesError::Enterprises(e) => return e.into(),
            PoliciesError::Api(e) => return e,
            PoliciesError::Files(e) => return e.into(),
            PoliciesError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            PoliciesError::NotFound(_) => (ErrorKind::NotFound, "not_found"),
            PoliciesError::IssuerNotDepartment => {
                (ErrorKind::BusinessRule, "policy_issuer_not_department")
            }
            PoliciesError::WrongState(_) => (ErrorKind::Conflict, "clause_wrong_state"),
            PoliciesError::WrongApplicationState(_) => {
                (ErrorKind::Conflict, "application_wrong_state")
            }
            PoliciesError::WindowClosed => (ErrorKind::BusinessRule, "application_window_closed"),
            PoliciesError::NotEligible => (ErrorKind::BusinessRule, "application_not_eligible"),
            PoliciesError::ModeMismatch(_) => (ErrorKind::BusinessRule, "clause_mode_mismatch"),
            PoliciesError::Duplicate => (ErrorKind::Conflict, "application_duplicate"),
        };
        ApiError::new(kind, code, message)
    }
}

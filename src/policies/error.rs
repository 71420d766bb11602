//! Why a policy or clause operation was refused, each with a stable code.

use crate::{
    enterprises::EnterprisesError,
    error::{ApiError, Code},
};

#[derive(Debug, thiserror::Error)]
pub enum PoliciesError {
    #[error("{message}")]
    InvalidField {
        code: Code,
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
    pub fn field(code: Code, field: &'static str, message: impl Into<String>) -> Self {
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
        let code = match err {
            PoliciesError::Internal(source) => return ApiError::internal(source),
            PoliciesError::Enterprises(e) => return e.into(),
            PoliciesError::Api(e) => return e,
            PoliciesError::Files(e) => return e.into(),
            PoliciesError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            PoliciesError::NotFound(_) => Code::NotFound,
            PoliciesError::IssuerNotDepartment => Code::PolicyIssuerNotDepartment,
            PoliciesError::WrongState(_) => Code::ClauseWrongState,
            PoliciesError::WrongApplicationState(_) => Code::ApplicationWrongState,
            PoliciesError::WindowClosed => Code::ApplicationWindowClosed,
            PoliciesError::NotEligible => Code::ApplicationNotEligible,
            PoliciesError::ModeMismatch(_) => Code::ClauseModeMismatch,
            PoliciesError::Duplicate => Code::ApplicationDuplicate,
        };
        ApiError::new(code, message)
    }
}

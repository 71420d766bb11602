//! Why a credit operation was refused, each with a stable code from the one code table.

use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum CreditError {
    #[error("{message}")]
    InvalidField {
        code: Code,
        field: &'static str,
        message: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A rule refused it: (code, message); the code decides the status.
    #[error("{1}")]
    Rule(Code, &'static str),
    #[error("{0}")]
    Api(ApiError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl CreditError {
    pub fn field(code: Code, field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField {
            code,
            field,
            message: message.into(),
        }
    }
}

impl From<sea_orm::DbErr> for CreditError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<ApiError> for CreditError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}

impl From<CreditError> for ApiError {
    fn from(err: CreditError) -> Self {
        let message = err.to_string();
        let code = match err {
            CreditError::Internal(source) => return ApiError::internal(source),
            CreditError::Api(e) => return e,
            CreditError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            CreditError::NotFound(_) => Code::NotFound,
            CreditError::Rule(code, _) => code,
        };
        ApiError::new(code, message)
    }
}

//! Why an enterprise, tag or condition operation was refused, each with a stable code.

use super::condition::ConditionError;
use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum EnterprisesError {
    #[error("{message}")]
    InvalidField {
        code: Code,
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    Condition(ConditionError, &'static str),
    #[error("the profile was changed by someone else (now version {current})")]
    VersionConflict { current: i32 },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("a tag or dimension with code `{0}` exists already")]
    CodeTaken(String),
    #[error("{0}")]
    NotManual(&'static str),
    #[error("the dimension still has tags")]
    DimensionInUse,
    #[error("the qualification is {0} already")]
    QualificationAlreadyDecided(&'static str),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for EnterprisesError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl EnterprisesError {
    pub fn field(code: Code, field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField {
            code,
            field,
            message: message.into(),
        }
    }
}

/// A condition mistake as an API error: the field map names the path in the tree.
pub fn condition_error(error: &ConditionError, field: &str) -> ApiError {
    let key = if error.path.is_empty() {
        field.to_owned()
    } else {
        format!("{field}.{}", error.path)
    };
    let mut api = ApiError::field(error.code, &key, error.to_string());
    api.message = format!("{field}: {error}");
    api
}

impl From<EnterprisesError> for ApiError {
    fn from(err: EnterprisesError) -> Self {
        let message = err.to_string();
        let code = match err {
            EnterprisesError::Internal(source) => return ApiError::internal(source),
            EnterprisesError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            EnterprisesError::Condition(error, field) => return condition_error(&error, field),
            EnterprisesError::VersionConflict { .. } => Code::ProfileVersionConflict,
            EnterprisesError::NotFound(_) => Code::NotFound,
            EnterprisesError::CodeTaken(_) => Code::CodeTaken,
            EnterprisesError::NotManual(_) => Code::TagNotManual,
            EnterprisesError::DimensionInUse => Code::DimensionInUse,
            EnterprisesError::QualificationAlreadyDecided(_) => Code::QualificationAlreadyDecided,
        };
        ApiError::new(code, message)
    }
}

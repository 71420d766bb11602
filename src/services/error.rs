//! Why a service store operation was refused, each with a stable code.

use crate::{
    enterprises::EnterprisesError,
    error::{ApiError, Code},
};

#[derive(Debug, thiserror::Error)]
pub enum ServicesError {
    #[error("{message}")]
    InvalidField {
        code: Code,
        field: &'static str,
        message: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("a sector with code `{0}` exists already")]
    CodeTaken(String),
    #[error("{0} service items (active or withdrawn) belong to this sector; move them to another sector first")]
    SectorNotEmpty(u64),
    #[error("the provider must be a department or an intermediary")]
    ProviderKind,
    #[error("the order is {0}")]
    WrongState(&'static str),
    #[error("the service is not on offer")]
    Inactive,
    #[error("you have an open order for this service already")]
    DuplicateOrder,
    #[error("the order was rated already")]
    AlreadyRated,
    #[error("{0}")]
    Api(ApiError),
    #[error(transparent)]
    Enterprises(#[from] EnterprisesError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for ServicesError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<ApiError> for ServicesError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}

impl ServicesError {
    pub fn field(code: Code, field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField {
            code,
            field,
            message: message.into(),
        }
    }
}

impl From<ServicesError> for ApiError {
    fn from(err: ServicesError) -> Self {
        let message = err.to_string();
        let code = match err {
            ServicesError::Internal(source) => return ApiError::internal(source),
            ServicesError::Api(e) => return e,
            ServicesError::Enterprises(e) => return e.into(),
            ServicesError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            ServicesError::NotFound(_) => Code::NotFound,
            ServicesError::CodeTaken(_) => Code::CodeTaken,
            ServicesError::SectorNotEmpty(_) => Code::SectorNotEmpty,
            ServicesError::ProviderKind => Code::ServiceProviderInvalid,
            ServicesError::WrongState(_) => Code::OrderWrongState,
            ServicesError::Inactive => Code::ServiceInactive,
            ServicesError::DuplicateOrder => Code::OrderDuplicate,
            ServicesError::AlreadyRated => Code::OrderAlreadyRated,
        };
        ApiError::new(code, message)
    }
}

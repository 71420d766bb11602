//! The one error contract of the HTTP API.
//!
//! Every failure, whether raised by a domain, by an extractor (JSON, query, path) or by routing,
//! leaves the server as `{"error": {"code", "message", "fields"?}}`. Domains describe their
//! errors as an [`ApiError`] with a [`Code`] from the one table in [`codes`]; the code alone
//! decides the HTTP status. Internal errors answer an opaque 500 and keep their whole cause chain
//! for the log.

pub mod codes;

pub use codes::Code;

use std::collections::BTreeMap;

use actix_web::{
    error::{JsonPayloadError, PathError, QueryPayloadError},
    http::{header, StatusCode},
    HttpRequest, HttpResponse, ResponseError,
};
use serde::Serialize;
use utoipa::ToSchema;

/// Per-field validation messages, keyed by the request field's name.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// An error on its way to becoming a response.
#[derive(Debug)]
pub struct ApiError {
    pub code: Code,
    pub message: String,
    pub fields: Option<FieldErrors>,
    pub retry_after_seconds: Option<u64>,
    source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: None,
            retry_after_seconds: None,
            source: None,
        }
    }

    /// A 500 that keeps its cause for the log and tells the client nothing more.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        Self {
            source: Some(source.into()),
            ..Self::new(Code::InternalError, "internal server error")
        }
    }

    pub fn validation(fields: FieldErrors) -> Self {
        Self {
            fields: Some(fields),
            ..Self::new(Code::ValidationFailed, "the request has invalid fields")
        }
    }

    /// A refusal of one field, with its own stable code (a 400 one: bad input).
    pub fn field(code: Code, field: &str, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.status(), StatusCode::BAD_REQUEST, "{code}");
        let message = message.into();
        let fields = BTreeMap::from([(field.to_owned(), vec![message.clone()])]);
        Self {
            fields: Some(fields),
            ..Self::new(code, message)
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(Code::NotFound, format!("{what} not found"))
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds);
        self
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(source) = &self.source {
            write!(f, ": {source:#}")?;
        }
        Ok(())
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::internal(err)
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => Self::internal(db),
            sea_orm::TransactionError::Transaction(api) => api,
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let fields = errors
            .field_errors()
            .into_iter()
            .map(|(field, errs)| {
                let messages = errs
                    .iter()
                    .map(|e| {
                        e.message
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| e.code.to_string())
                    })
                    .collect();
                (field.to_string(), messages)
            })
            .collect();
        Self::validation(fields)
    }
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable cause, e.g. `uscc_check_character`; the `ErrorCode` schema
    /// lists them all with their statuses.
    #[schema(example = "validation_failed")]
    pub code: Code,
    /// Human-readable explanation (English); clients translate by `code`.
    pub message: String,
    /// Per-field messages for validation failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        if self.code == Code::InternalError {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
                fields: self.fields.clone(),
            },
        })
    }
}

/// Turns a JSON body extractor failure into the contract.
pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::new(
                Code::PayloadTooLarge,
                "the request body is larger than allowed",
            )
        }
        JsonPayloadError::ContentType => ApiError::new(
            Code::UnsupportedMediaType,
            "the request body must be application/json",
        ),
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::new(
            Code::InvalidBody,
            format!("the request body does not match the expected shape: {e}"),
        ),
        JsonPayloadError::Deserialize(e) => ApiError::new(
            Code::MalformedJson,
            format!("the request body is not valid JSON: {e}"),
        ),
        other => ApiError::new(
            Code::MalformedJson,
            format!("the request body could not be read: {other}"),
        ),
    };
    api.into()
}

/// Turns a query-string extractor failure into the contract.
pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(
        Code::InvalidQuery,
        format!("the query string is invalid: {err}"),
    )
    .into()
}

/// Turns a path-parameter extractor failure into the contract.
pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(
        Code::InvalidPath,
        format!("a path parameter is invalid: {err}"),
    )
    .into()
}

/// The answer for a route that does not exist.
pub fn route_not_found(req: &HttpRequest) -> ApiError {
    ApiError::new(
        Code::RouteNotFound,
        format!("no route for {} {}", req.method(), req.path()),
    )
}

//! Why an upload or download was refused, each with a stable code.

use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error("send the file as the multipart field `file`")]
    FileMissing,
    #[error("the file is larger than the {limit} bytes allowed for this purpose")]
    TooLarge { limit: u64 },
    #[error("this type of file is not accepted{}", found.as_ref().map(|t| format!(" ({t})")).unwrap_or_default())]
    TypeNotAllowed { found: Option<String> },
    #[error("the upload was interrupted before the file was complete")]
    Interrupted,
    #[error("this purpose is not open to your role")]
    Forbidden,
    #[error("your organisation has uploaded too much for now ({why}); try again later")]
    QuotaExceeded {
        why: &'static str,
        retry_after_seconds: u64,
    },
    #[error("file not found")]
    NotFound,
    #[error("the file was uploaded for another purpose (this needs `{expected}`)")]
    WrongPurpose { expected: &'static str },
    #[error("the file belongs to another record already")]
    AlreadyAttached,
    #[error("the download link is not valid")]
    InvalidSignature,
    #[error("the download link has expired; ask for a new one")]
    LinkExpired,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for FilesError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<FilesError> for ApiError {
    fn from(err: FilesError) -> Self {
        let message = err.to_string();
        let code = match err {
            FilesError::Internal(source) => return ApiError::internal(source),
            FilesError::QuotaExceeded {
                retry_after_seconds,
                ..
            } => {
                return ApiError::new(Code::UploadQuotaExceeded, message)
                    .retry_after(retry_after_seconds)
            }
            FilesError::FileMissing => Code::FileMissing,
            FilesError::TooLarge { .. } => Code::FileTooLarge,
            FilesError::TypeNotAllowed { .. } => Code::FileTypeNotAllowed,
            FilesError::Interrupted => Code::UploadInterrupted,
            FilesError::Forbidden => Code::Forbidden,
            FilesError::NotFound => Code::NotFound,
            FilesError::WrongPurpose { .. } => Code::FilePurposeMismatch,
            FilesError::AlreadyAttached => Code::FileAlreadyAttached,
            FilesError::InvalidSignature => Code::InvalidSignature,
            FilesError::LinkExpired => Code::LinkExpired,
        };
        ApiError::new(code, message)
    }
}

//! Why a scheduler operation was refused.

use super::model::InvalidCron;
use crate::error::{ApiError, Code};

#[derive(Debug, thiserror::Error)]
pub enum SchedulerError {
    #[error("no job named `{0}`")]
    UnknownJob(String),
    #[error(transparent)]
    InvalidCron(#[from] InvalidCron),
    #[error("this instant of `{0}` has already been claimed")]
    AlreadyClaimed(String),
    #[error("this server's clock follows the wall clock (clock.adjustable is off)")]
    ClockNotAdjustable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for SchedulerError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<SchedulerError> for ApiError {
    fn from(err: SchedulerError) -> Self {
        let message = err.to_string();
        match err {
            SchedulerError::Internal(source) => ApiError::internal(source),
            SchedulerError::UnknownJob(_) => ApiError::new(Code::NotFound, message),
            SchedulerError::InvalidCron(_) => ApiError::field(Code::InvalidCron, "cron", message),
            SchedulerError::AlreadyClaimed(_) => ApiError::new(Code::AlreadyClaimed, message),
            SchedulerError::ClockNotAdjustable => ApiError::new(Code::ClockNotAdjustable, message),
        }
    }
}

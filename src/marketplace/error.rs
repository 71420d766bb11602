//! Why a marketplace operation was refused, each with a stable code. Bid refusals name exactly
//! what stops the bidder and never anything about other bids.

use crate::{
    error::{ApiError, Code},
    files::FilesError,
};

/// Why an intermediary may not bid (or is not told about a procurement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BidRefusal {
    #[error("you are delisted (临时下架) and cannot bid until a regulator reinstates you")]
    Delisted,
    #[error("you hold no valid (unexpired) qualification of a type this procurement requires")]
    Unqualified,
    #[error("the price is outside the service type's fee range")]
    PriceOutsideFeeRange,
    #[error("the price is above the procurement's budget ceiling")]
    PriceAboveCeiling,
    #[error("the owner avoids (回避) your organisation for this procurement")]
    Avoided,
    #[error("your organisation does not offer this service type or is not active")]
    NotEligible,
    #[error("bidding closed at the deadline")]
    AfterDeadline,
}

impl BidRefusal {
    pub fn code(self) -> Code {
        match self {
            Self::Delisted => Code::BidderDelisted,
            Self::Unqualified => Code::BidderUnqualified,
            Self::PriceOutsideFeeRange => Code::BidPriceOutsideFeeRange,
            Self::PriceAboveCeiling => Code::BidPriceAboveCeiling,
            Self::Avoided => Code::BidderAvoided,
            Self::NotEligible => Code::BidderNotEligible,
            Self::AfterDeadline => Code::BidAfterDeadline,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MarketplaceError {
    #[error("{message}")]
    InvalidField {
        code: Code,
        field: &'static str,
        message: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("`{0}` is taken already")]
    CodeTaken(String),
    #[error("a project with this code is registered already")]
    ProjectCodeTaken,
    #[error("the procurement is {0}; this is not possible now")]
    WrongState(&'static str),
    #[error("{0}")]
    BidRefused(BidRefusal),
    #[error("the budget ceiling must lie within the fee range {min_fen}–{max_fen} fen")]
    BudgetOutsideFeeRange { min_fen: i64, max_fen: i64 },
    #[error("the bidding deadline must be at least {0} working days after publishing")]
    DeadlineTooSoon(u32),
    /// A rule refused it: (code, message); the code decides the status.
    #[error("{1}")]
    Rule(Code, &'static str),
    #[error(transparent)]
    Files(#[from] FilesError),
    #[error("{0}")]
    Api(ApiError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for MarketplaceError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<ApiError> for MarketplaceError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}

impl From<BidRefusal> for MarketplaceError {
    fn from(refusal: BidRefusal) -> Self {
        Self::BidRefused(refusal)
    }
}

impl MarketplaceError {
    pub fn field(code: Code, field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField {
            code,
            field,
            message: message.into(),
        }
    }
}

impl From<MarketplaceError> for ApiError {
    fn from(err: MarketplaceError) -> Self {
        let message = err.to_string();
        let code = match err {
            MarketplaceError::Internal(source) => return ApiError::internal(source),
            MarketplaceError::Api(e) => return e,
            MarketplaceError::Files(e) => return e.into(),
            MarketplaceError::InvalidField {
                code,
                field,
                message,
            } => return ApiError::field(code, field, message),
            MarketplaceError::NotFound(_) => Code::NotFound,
            MarketplaceError::CodeTaken(_) => Code::CodeTaken,
            MarketplaceError::ProjectCodeTaken => Code::ProjectCodeTaken,
            MarketplaceError::WrongState(_) => Code::ProcurementWrongState,
            MarketplaceError::BidRefused(refusal) => refusal.code(),
            MarketplaceError::BudgetOutsideFeeRange { .. } => Code::BudgetOutsideFeeRange,
            MarketplaceError::DeadlineTooSoon(_) => Code::DeadlineTooSoon,
            MarketplaceError::Rule(code, _) => code,
        };
        ApiError::new(code, message)
    }
}

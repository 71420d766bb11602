//! Formula requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::service::FormulaVersion;
use crate::credit::model::{indicators, Formula, Indicator};

/// One version of the formula, with the indicators it scores.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FormulaResponse {
    pub version: i32,
    pub formula: Formula,
    /// The formula's indicators with their names and descriptions, in its order.
    pub indicators: Vec<Indicator>,
    pub reason: String,
    /// The user who made it; none for the shipped version.
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<FormulaVersion> for FormulaResponse {
    fn from(v: FormulaVersion) -> Self {
        let named = v
            .formula
            .indicators
            .iter()
            .filter_map(|code| indicators().iter().find(|i| &i.code == code).cloned())
            .collect();
        Self {
            version: v.version,
            formula: v.formula,
            indicators: named,
            reason: v.reason,
            created_by: v.created_by,
            created_at: v.created_at,
        }
    }
}

/// A new version of the formula and why it is made.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct FormulaRequest {
    pub formula: Formula,
    #[validate(length(min = 1, max = 500, message = "say why, in 1 to 500 characters"))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

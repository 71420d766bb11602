//! Calendar requests and responses.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::DayKind;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CalendarDayResponse {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CalendarYearResponse {
    pub year: i32,
    /// Where the arrangement comes from (the State Council's notice).
    pub source: String,
    /// Statutory days only, before the year's arrangement is entered.
    pub provisional: bool,
    /// The exceptions to Monday-to-Friday, in date order.
    pub days: Vec<CalendarDayResponse>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PutYearRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 500, message = "name the source (1 to 500 characters)"))]
    #[schema(min_length = 1, max_length = 500)]
    pub source: String,
    pub provisional: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PutDayRequest {
    pub kind: DayKind,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 50, message = "1 to 50 characters"))]
    #[schema(min_length = 1, max_length = 50)]
    #[schema(example = "国庆节")]
    pub name: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub from: DateTime<Utc>,
    #[validate(range(min = 1, max = 366, message = "between 1 and 366 working days"))]
    #[param(minimum = 1, maximum = 366)]
    pub working_days: u32,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeadlineResponse {
    /// The end of the last working day (23:59:59.999999 Beijing time).
    pub deadline: DateTime<Utc>,
}

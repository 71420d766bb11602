//! `/marketplace/statistics`: the centre's (and regulators') dashboard figures.

use actix_web::{get, web, HttpResponse};
use chrono::Duration;
use utoipa_actix_web::service_config::ServiceConfig;

use super::dto::{StatisticsQuery, StatisticsResponse};
use super::service as statistics;
use crate::{
    auth::{AuditReaders, Authenticated},
    error::{ApiError, Code, ErrorBody},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_statistics);
}

/// Jobs, failure rate, working days to award and to delivery, and the saving against the
/// ceiling, per service type (or package), overall, per month and per status.
#[utoipa::path(tag = "marketplace", params(StatisticsQuery), responses((status = 200, body = StatisticsResponse), (status = 400, description = "`statistics_range_invalid`, `invalid_query`", body = ErrorBody)), security(("session" = [])))]
#[get("/marketplace/statistics")]
async fn get_statistics(
    _user: Authenticated<AuditReaders>,
    state: web::Data<AppState>,
    query: web::Query<StatisticsQuery>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let to = query.to.unwrap_or(now);
    let from = query
        .from
        .or_else(|| to.checked_sub_signed(Duration::days(365)))
        .unwrap_or(to);
    if from >= to {
        return Err(ApiError::field(
            Code::StatisticsRangeInvalid,
            "from",
            "`from` must be before `to`",
        ));
    }
    let figures = statistics::statistics(&state.db, from, to, now).await?;
    Ok(HttpResponse::Ok().json(StatisticsResponse::from(figures)))
}

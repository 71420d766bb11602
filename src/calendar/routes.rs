//! `/calendar`: the working-day calendar, read by everyone and kept by the centre.

use actix_web::{delete, get, put, web, HttpResponse};
use chrono::NaiveDate;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    dto::{
        CalendarDayResponse, CalendarYearResponse, DeadlineQuery, DeadlineResponse, PutDayRequest,
        PutYearRequest,
    },
    service,
};
use crate::{
    auth::{Authenticated, CenterAdmins},
    error::{ApiError, ErrorBody},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(deadline)
        .service(get_year)
        .service(put_year)
        .service(put_day)
        .service(delete_day);
}

/// The end of the N-th working day after an instant.
#[utoipa::path(
    tag = "calendar",
    params(DeadlineQuery),
    responses((status = 200, body = DeadlineResponse), (status = 422, description = "`calendar_missing`: a year without data", body = ErrorBody)),
    security(("session" = []))
)]
#[get("/calendar/deadline")]
async fn deadline(
    _user: Authenticated,
    state: web::Data<AppState>,
    query: web::Query<DeadlineQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let deadline = service::deadline(&state.db, query.from, query.working_days).await?;
    Ok(HttpResponse::Ok().json(DeadlineResponse { deadline }))
}

/// A year's holidays and worked weekend days.
#[utoipa::path(tag = "calendar", params(("year" = i32, Path)), responses((status = 200, body = CalendarYearResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/calendar/{year}")]
async fn get_year(
    _user: Authenticated,
    state: web::Data<AppState>,
    year: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let (row, days) = service::year(&state.db, *year).await?;
    Ok(HttpResponse::Ok().json(CalendarYearResponse {
        year: row.year,
        source: row.source,
        provisional: row.provisional,
        days: days
            .into_iter()
            .map(|d| CalendarDayResponse {
                date: d.date,
                kind: d.kind,
                name: d.name,
            })
            .collect(),
    }))
}

/// Creates or updates a year.
#[utoipa::path(tag = "calendar", params(("year" = i32, Path)), request_body = PutYearRequest, responses((status = 204)), security(("session" = [])))]
#[put("/calendar/{year}")]
async fn put_year(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    year: web::Path<i32>,
    body: web::Json<PutYearRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    service::put_year(
        &state.db,
        &admin.actor(),
        *year,
        &body.source,
        body.provisional,
        now,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks a day as a holiday or a worked day.
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path), ("date" = NaiveDate, Path)),
    request_body = PutDayRequest,
    responses((status = 204), (status = 400, description = "`date_outside_year`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[put("/calendar/{year}/days/{date}")]
async fn put_day(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    path: web::Path<(i32, NaiveDate)>,
    body: web::Json<PutDayRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let (year, date) = path.into_inner();
    let now = state.clock.now();
    service::put_day(
        &state.db,
        &admin.actor(),
        year,
        date,
        body.kind,
        &body.name,
        now,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Returns a day to the Monday-to-Friday rule.
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path), ("date" = NaiveDate, Path)),
    responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[delete("/calendar/{year}/days/{date}")]
async fn delete_day(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    path: web::Path<(i32, NaiveDate)>,
) -> Result<HttpResponse, ApiError> {
    let (year, date) = path.into_inner();
    service::delete_day(&state.db, &admin.actor(), year, date, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

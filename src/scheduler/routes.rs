//! `/scheduler/jobs`: the centre administrators' view of scheduled jobs (定时任务).

use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    dto::{JobResponse, JobRunResponse, UpdateJobRequest},
    service,
};
use crate::{
    auth::{Authenticated, CenterAdmins},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_jobs)
        .service(update_job)
        .service(pause_job)
        .service(resume_job)
        .service(run_job)
        .service(list_runs)
        .service(get_clock)
        .service(advance_clock);
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ClockResponse {
    pub now: chrono::DateTime<chrono::Utc>,
    /// Whether an administrator may move this server's time forward (`clock.adjustable`).
    pub adjustable: bool,
}

#[derive(Debug, serde::Deserialize, Validate, utoipa::ToSchema)]
pub struct AdvanceClockRequest {
    /// How far to move time forward, at most a year.
    #[validate(range(min = 1, max = 31_622_400, message = "1 second to a year"))]
    #[schema(minimum = 1, maximum = 31_622_400)]
    pub seconds: i64,
}

/// The server's time, and whether it can be moved (training and browser-test servers).
#[utoipa::path(tag = "scheduler", responses((status = 200, body = ClockResponse)), security(("session" = [])))]
#[get("/scheduler/clock")]
async fn get_clock(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
) -> HttpResponse {
    HttpResponse::Ok().json(ClockResponse {
        now: state.clock.now(),
        adjustable: state.settings.clock.adjustable,
    })
}

/// Moves a training server's time forward (audited); 409 `clock_not_adjustable` elsewhere.
#[utoipa::path(tag = "scheduler", request_body = AdvanceClockRequest, responses((status = 200, body = ClockResponse), (status = 409, description = "`clock_not_adjustable`", body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/clock/advance")]
async fn advance_clock(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<AdvanceClockRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = service::advance_clock(
        &state.db,
        state.clock.as_ref(),
        state.settings.clock.adjustable,
        &admin.actor(),
        chrono::Duration::seconds(body.seconds),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ClockResponse {
        now,
        adjustable: true,
    }))
}

/// Every job with its expression, next run time and last outcome.
#[utoipa::path(tag = "scheduler", responses((status = 200, body = Vec<JobResponse>)), security(("session" = [])))]
#[get("/scheduler/jobs")]
async fn list_jobs(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let jobs = service::list_jobs(&state.scheduler, state.clock.now()).await?;
    let jobs: Vec<JobResponse> = jobs.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(jobs))
}

/// Changes a job's cron expression (checked first).
#[utoipa::path(
    tag = "scheduler",
    params(("name" = String, Path)),
    request_body = UpdateJobRequest,
    responses((status = 204), (status = 400, description = "`invalid_cron`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[put("/scheduler/jobs/{name}")]
async fn update_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
    body: web::Json<UpdateJobRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    service::update_cron(
        &state.scheduler,
        &admin.actor(),
        &name,
        &body.cron,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Pauses a job: its instants pass without running.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/pause")]
async fn pause_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    service::set_paused(
        &state.scheduler,
        &admin.actor(),
        &name,
        true,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Resumes a paused job from its next instant.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/resume")]
async fn resume_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    service::set_paused(
        &state.scheduler,
        &admin.actor(),
        &name,
        false,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Runs a job now and answers the finished run.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 200, body = JobRunResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/run")]
async fn run_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let run = service::run_now(&state.scheduler, &admin.actor(), &name).await?;
    Ok(HttpResponse::Ok().json(JobRunResponse::from(run)))
}

/// A job's run history, newest first, with errors.
#[utoipa::path(
    tag = "scheduler",
    params(("name" = String, Path), Paging),
    responses((status = 200, body = Page<JobRunResponse>), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[get("/scheduler/jobs/{name}/runs")]
async fn list_runs(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list_runs(&state.scheduler, &name, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(JobRunResponse::from)))
}

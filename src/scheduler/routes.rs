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
        .service(list_runs);
}

/// Every job with its expression, next run time and last outcome.
#[utoipa::path(tag = "scheduler", responses((status = 200, body = Vec<JobResponse>)), security(("session" = [])))]
#[get("/scheduler/jobs")]
async fn list_jobs(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let jobs = service::list_jobs(&state, state.clock.now()).await?;
    let jobs: Vec<JobResponse> = jobs.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(jobs))
}

/// Changes a job's cron expression (checked first).
#[utoipa::path(
    tag = "scheduler",
    params(("name" = String, Path)),
    request_body = UpdateJobRequest,
    responses((status = 204), (status = 400, description = "`invalid_cron`", body = ErrorBody), (status = 404, body = ErrorBody)),
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
    service::update_cron(&state, &admin.actor(), &name, &body.cron).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Pauses a job: its instants pass without running.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 204), (status = 404, body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/pause")]
async fn pause_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    service::set_paused(&state, &admin.actor(), &name, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Resumes a paused job from its next instant.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 204), (status = 404, body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/resume")]
async fn resume_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    service::set_paused(&state, &admin.actor(), &name, false).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Runs a job now and answers the finished run.
#[utoipa::path(tag = "scheduler", params(("name" = String, Path)), responses((status = 200, body = JobRunResponse), (status = 404, body = ErrorBody)), security(("session" = [])))]
#[post("/scheduler/jobs/{name}/run")]
async fn run_job(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let run = service::run_now(&state, &admin.actor(), &name).await?;
    Ok(HttpResponse::Ok().json(JobRunResponse::from(run)))
}

/// A job's run history, newest first, with errors.
#[utoipa::path(
    tag = "scheduler",
    params(("name" = String, Path), Paging),
    responses((status = 200, body = Page<JobRunResponse>), (status = 404, body = ErrorBody)),
    security(("session" = []))
)]
#[get("/scheduler/jobs/{name}/runs")]
async fn list_runs(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    name: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    paging.validate()?;
    let page = service::list_runs(&state, &name, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(JobRunResponse::from)))
}

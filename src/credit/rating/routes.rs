//! `/credit/rating-tasks`: the tasks the caller's organisation rates, one task, and giving its
//! rating.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{RatingRequest, RatingTaskQuery, RatingTaskResponse},
    service::{self, NewRating},
};
use crate::{
    auth::{Authenticated, CreditReaders, Raters},
    credit::CreditError,
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the rating task endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_rating_tasks)
        .service(list_all_rating_tasks)
        .service(get_rating_task)
        .service(rate);
}

/// The tasks the caller's organisation rates: open ones by deadline first, then the newest.
#[utoipa::path(tag = "credit", params(RatingTaskQuery, Paging), responses((status = 200, body = Page<RatingTaskResponse>)), security(("session" = [])))]
#[get("/credit/rating-tasks")]
async fn list_rating_tasks(
    user: Authenticated<Raters>,
    state: web::Data<AppState>,
    query: web::Query<RatingTaskQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::my_tasks(&state.db, &user, query.status, &paging).await?;
    Ok(HttpResponse::Ok().json(responses(page)?))
}

fn responses(page: Page<entities::rating::Model>) -> Result<Page<RatingTaskResponse>, CreditError> {
    let (rows, page) = page.take_items();
    let items = rows
        .into_iter()
        .map(RatingTaskResponse::new)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(page.with_items(items))
}

/// Every organisation's tasks, for the centre and regulators following the ratings.
#[utoipa::path(tag = "credit", params(RatingTaskQuery, Paging), responses((status = 200, body = Page<RatingTaskResponse>)), security(("session" = [])))]
#[get("/credit/rating-tasks/all")]
async fn list_all_rating_tasks(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<RatingTaskQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::all_tasks(&state.db, query.status, &paging).await?;
    Ok(HttpResponse::Ok().json(responses(page)?))
}

/// One task of the caller's organisation.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), responses((status = 200, body = RatingTaskResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/credit/rating-tasks/{id}")]
async fn get_rating_task(
    user: Authenticated<Raters>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let task = service::task(&state.db, &user, *id).await?;
    Ok(HttpResponse::Ok().json(RatingTaskResponse::new(task)?))
}

/// Gives the task's rating: final once given.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), request_body = RatingRequest, responses((status = 200, body = RatingTaskResponse), (status = 400, description = "`rating_scores_invalid`, `rating_comment_missing`", body = ErrorBody), (status = 403, description = "`forbidden`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`rating_given`", body = ErrorBody), (status = 422, description = "`rating_window_closed`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/rating-tasks/{id}/rating")]
async fn rate(
    user: Authenticated<Raters>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<RatingRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let input = NewRating {
        scores: body.scores,
        comment: body.comment,
    };
    let (task, _) = service::rate(&state.db, &user, *id, input, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(RatingTaskResponse::new(task)?))
}

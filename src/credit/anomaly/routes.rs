//! `/credit/anomalies`: the rating anomalies (regulators and the centre read them; regulators
//! review them).

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{RatingFlagQuery, RatingFlagResponse, RatingFlagReviewRequest},
    service::{self, FlagView},
};
use crate::{
    auth::{Authenticated, CreditReaders, Regulators},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the anomaly endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_flags).service(review_flag);
}

/// Rating anomalies: open ones first, the oldest first.
#[utoipa::path(tag = "credit", params(RatingFlagQuery, Paging), responses((status = 200, body = Page<RatingFlagResponse>)), security(("session" = [])))]
#[get("/credit/anomalies")]
async fn list_flags(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<RatingFlagQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::flags(&state.db, query.status, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(RatingFlagResponse::from)))
}

/// A regulator reviews an open anomaly, noting what it found (audited; final).
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), request_body = RatingFlagReviewRequest, responses((status = 200, body = RatingFlagResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`rating_flag_reviewed`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/anomalies/{id}/review")]
async fn review_flag(
    user: Authenticated<Regulators>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<RatingFlagReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    let flag = service::review(&state.db, &user, *id, body.into_inner().note, now).await?;
    let view = FlagView {
        flag,
        rating: None,
        intermediary: None,
    };
    Ok(HttpResponse::Ok().json(RatingFlagResponse::from(view)))
}

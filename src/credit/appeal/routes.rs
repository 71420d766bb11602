//! `/credit/appeals`: the regulators' queue (and each intermediary's own appeals), filing an
//! appeal, and a regulator's decision.

use actix_web::{get, post, web, HttpResponse};
use entities::appeal;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{AppealContext, AppealDecisionRequest, AppealQuery, AppealRequest, AppealResponse},
    service::{self, AppealDecision, NewAppeal},
};
use crate::{
    auth::{AnyRole, Authenticated, CreditReaders, Intermediaries, Regulators},
    credit::{
        rating::service::rating_by_id, sanction::service::sanction_by_id,
        score::service::intermediaries_by_id, CreditError,
    },
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the appeal endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_appeals)
        .service(my_appeals)
        .service(get_appeal)
        .service(file_appeal)
        .service(decide_appeal);
}

async fn responses(
    state: &AppState,
    rows: Vec<appeal::Model>,
) -> Result<Vec<AppealResponse>, CreditError> {
    let now = state.clock.now();
    let orgs = intermediaries_by_id(&state.db, rows.iter().map(|a| a.organisation_id)).await?;
    let mut list = Vec::with_capacity(rows.len());
    for a in rows {
        let rating = match a.rating_id {
            Some(id) => rating_by_id(&state.db, id).await?,
            None => None,
        };
        let sanction = match a.sanction_id {
            Some(id) => sanction_by_id(&state.db, id).await?,
            None => None,
        };
        let intermediary = orgs
            .get(&a.organisation_id)
            .ok_or(CreditError::NotFound("intermediary"))?;
        let context = AppealContext {
            intermediary,
            rating: rating.as_ref(),
            sanction: sanction.as_ref(),
        };
        list.push(AppealResponse::new(a, context, now)?);
    }
    Ok(list)
}

async fn one(state: &AppState, a: appeal::Model) -> Result<HttpResponse, ApiError> {
    let body = responses(state, vec![a])
        .await?
        .pop()
        .ok_or(CreditError::NotFound("appeal"))?;
    Ok(HttpResponse::Ok().json(body))
}

async fn page_of(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    query: &AppealQuery,
    paging: &Paging,
) -> Result<HttpResponse, ApiError> {
    let (rows, page) = service::appeals(&state.db, user, query.status, paging)
        .await?
        .take_items();
    let items = responses(state, rows).await?;
    Ok(HttpResponse::Ok().json(page.with_items(items)))
}

/// Every appeal: open ones by their decision deadline first.
#[utoipa::path(tag = "credit", params(AppealQuery, Paging), responses((status = 200, body = Page<AppealResponse>)), security(("session" = [])))]
#[get("/credit/appeals")]
async fn list_appeals(
    user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<AppealQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    page_of(&state, &user, &query, &paging).await
}

/// The intermediary's own appeals.
#[utoipa::path(tag = "credit", params(AppealQuery, Paging), responses((status = 200, body = Page<AppealResponse>)), security(("session" = [])))]
#[get("/credit/appeals/mine")]
async fn my_appeals(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    query: web::Query<AppealQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    page_of(&state, &user, &query, &paging).await
}

/// One appeal (the centre, regulators, or the intermediary that filed it).
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), responses((status = 200, body = AppealResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/credit/appeals/{id}")]
async fn get_appeal(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let a = service::appeal(&state.db, &user, *id).await?;
    one(&state, a).await
}

/// The intermediary appeals one given rating of its jobs or one of its sanctions in force.
#[utoipa::path(tag = "credit", request_body = AppealRequest, responses((status = 200, body = AppealResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`appeal_exists`", body = ErrorBody), (status = 422, description = "`appeal_target_invalid`, `appeal_too_late`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/appeals")]
async fn file_appeal(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    body: web::Json<AppealRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let input = NewAppeal {
        rating: body.rating_id,
        sanction: body.sanction_id,
        reason: body.reason,
        evidence: body.evidence,
    };
    let a = service::file_appeal(&state.db, &user, input, state.clock.now()).await?;
    one(&state, a).await
}

/// A regulator decides an appeal, finally: upheld, overturned, or (a rating) adjusted.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), request_body = AppealDecisionRequest, responses((status = 200, body = AppealResponse), (status = 400, description = "`appeal_decision_invalid`, `rating_scores_invalid`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`appeal_decided`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/appeals/{id}/decision")]
async fn decide_appeal(
    user: Authenticated<Regulators>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<AppealDecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let decision = AppealDecision {
        decision: body.decision,
        reason: body.reason,
        scores: body.scores,
    };
    let a = service::decide_appeal(&state.db, &user, *id, decision, state.clock.now()).await?;
    one(&state, a).await
}

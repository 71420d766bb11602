//! `/credit/sanctions`: the regulators' and the centre's queue, an intermediary's own
//! sanctions, a regulator's own motion and decisions, and the intermediary's rectification
//! report.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use entities::sanction;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        RectificationReportRequest, SanctionDecisionRequest, SanctionQuery, SanctionRequest,
        SanctionResponse,
    },
    service,
    store::SanctionFilter,
};
use crate::{
    auth::{AnyRole, Authenticated, CreditReaders, Intermediaries, Regulators},
    credit::{score::service::intermediaries_by_id, CreditError},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the sanction endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sanctions)
        .service(my_sanctions)
        .service(get_sanction)
        .service(open_sanction)
        .service(report_rectification)
        .service(decide_sanction);
}

/// The responses of sanctions, each with its intermediary.
pub(crate) async fn responses(
    state: &AppState,
    rows: Vec<sanction::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<SanctionResponse>, CreditError> {
    let orgs = intermediaries_by_id(&state.db, rows.iter().map(|s| s.organisation_id)).await?;
    rows.into_iter()
        .map(|s| {
            let org = orgs
                .get(&s.organisation_id)
                .ok_or(CreditError::NotFound("intermediary"))?;
            SanctionResponse::new(s, org, now)
        })
        .collect()
}

async fn one(state: &AppState, s: sanction::Model) -> Result<HttpResponse, ApiError> {
    let mut list = responses(state, vec![s], state.clock.now()).await?;
    let body = list.pop().ok_or(CreditError::NotFound("sanction"))?;
    Ok(HttpResponse::Ok().json(body))
}

async fn page(state: &AppState, page: Page<sanction::Model>) -> Result<HttpResponse, ApiError> {
    let (rows, page) = page.take_items();
    let items = responses(state, rows, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(page.with_items(items)))
}

/// Every sanction: those in force and the most overdue first.
#[utoipa::path(tag = "credit", params(SanctionQuery, Paging), responses((status = 200, body = Page<SanctionResponse>)), security(("session" = [])))]
#[get("/credit/sanctions")]
async fn list_sanctions(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<SanctionQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let filter = SanctionFilter {
        organisation_id: None,
        status: query.status,
        kind: query.kind,
    };
    let found = service::sanctions(&state.db, &filter, &paging).await?;
    page(&state, found).await
}

/// The intermediary's own sanctions.
#[utoipa::path(tag = "credit", params(Paging), responses((status = 200, body = Page<SanctionResponse>)), security(("session" = [])))]
#[get("/credit/sanctions/mine")]
async fn my_sanctions(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let found = service::my_sanctions(&state.db, &user, &paging).await?;
    page(&state, found).await
}

/// One sanction (the centre, regulators, or the intermediary it concerns).
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), responses((status = 200, body = SanctionResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/credit/sanctions/{id}")]
async fn get_sanction(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = service::sanction(&state.db, &user, *id).await?;
    one(&state, s).await
}

/// A regulator opens a rectification or a delisting proposal on its own motion.
#[utoipa::path(tag = "credit", request_body = SanctionRequest, responses((status = 200, body = SanctionResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`sanction_in_force`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/sanctions")]
async fn open_sanction(
    user: Authenticated<Regulators>,
    state: web::Data<AppState>,
    body: web::Json<SanctionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let now = state.clock.now();
    let s = service::open_on_motion(
        &state.db,
        &user,
        body.intermediary_id,
        body.kind,
        body.reason,
        now,
    )
    .await?;
    one(&state, s).await
}

/// The intermediary reports on its open rectification.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), request_body = RectificationReportRequest, responses((status = 200, body = SanctionResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`sanction_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/sanctions/{id}/report")]
async fn report_rectification(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<RectificationReportRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let now = state.clock.now();
    let s = service::report(&state.db, &user, *id, body.report, body.files, now).await?;
    one(&state, s).await
}

/// A regulator decides a sanction: close or escalate a rectification, confirm or dismiss a
/// delisting proposal, reinstate a delisted intermediary.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), request_body = SanctionDecisionRequest, responses((status = 200, body = SanctionResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`sanction_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/sanctions/{id}/decision")]
async fn decide_sanction(
    user: Authenticated<Regulators>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<SanctionDecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let now = state.clock.now();
    let s = service::decide(&state.db, &user, *id, body.action, body.reason, now).await?;
    one(&state, s).await
}

//! `/credit/mine` (an intermediary's own credit file), `/credit/intermediaries` (every file, for
//! the centre and regulators) and `/public/credit` (the disclosure, no sign-in).

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{CreditFileResponse, CreditListItem, CreditQuery, PublicCreditItem},
    service,
    store::CreditFilter,
};
use crate::{
    auth::{Authenticated, CreditReaders, Intermediaries},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the endpoints for signed-in users.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(my_credit)
        .service(list_credit)
        .service(intermediary_credit);
}

/// Mounts the public disclosure.
pub fn configure_public(cfg: &mut ServiceConfig) {
    cfg.service(public_credit);
}

fn filter_of(query: CreditQuery, active_only: bool) -> CreditFilter {
    CreditFilter {
        text: query.q,
        stars: query.stars,
        active_only,
    }
}

/// The intermediary's own credit file: standing, why, star history and the ratings of its jobs.
#[utoipa::path(tag = "credit", responses((status = 200, body = CreditFileResponse)), security(("session" = [])))]
#[get("/credit/mine")]
async fn my_credit(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let file = service::intermediary_file(&state.db, user.organisation_public_id).await?;
    Ok(HttpResponse::Ok().json(CreditFileResponse::new(file)?))
}

/// Every intermediary with its standing, the best first.
#[utoipa::path(tag = "credit", params(CreditQuery, Paging), responses((status = 200, body = Page<CreditListItem>)), security(("session" = [])))]
#[get("/credit/intermediaries")]
async fn list_credit(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<CreditQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let filter = filter_of(query.into_inner(), false);
    let page = service::intermediaries(&state.db, &filter, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(CreditListItem::from)))
}

/// An intermediary's credit file.
#[utoipa::path(tag = "credit", params(("id" = Uuid, Path)), responses((status = 200, body = CreditFileResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/credit/intermediaries/{id}")]
async fn intermediary_credit(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file = service::intermediary_file(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(CreditFileResponse::new(file)?))
}

/// The public credit disclosure (信用公示): each active intermediary's stars, rated jobs in the
/// window and whether it is delisted; no sign-in needed.
#[utoipa::path(tag = "credit", params(CreditQuery, Paging), responses((status = 200, body = Page<PublicCreditItem>)))]
#[get("/public/credit")]
async fn public_credit(
    state: web::Data<AppState>,
    query: web::Query<CreditQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let filter = filter_of(query.into_inner(), true);
    let page = service::intermediaries(&state.db, &filter, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(PublicCreditItem::from)))
}

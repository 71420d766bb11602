//! `GET /search`: ranked, highlighted hits among what the caller may see.

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    dto::{SearchHitResponse, SearchParams},
    service,
};
use crate::{
    auth::Authenticated,
    error::ApiError,
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search);
}

/// Full-text search over the documents the caller may see. Indexing follows each change within
/// `search.poll_seconds` (about two seconds), not in the change's own request.
#[utoipa::path(
    tag = "search",
    params(SearchParams, Paging),
    responses((status = 200, body = Page<SearchHitResponse>)),
    security(("session" = []))
)]
#[get("/search")]
async fn search(
    user: Authenticated,
    state: web::Data<AppState>,
    params: web::Query<SearchParams>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    params.validate()?;
    let results = service::search(
        state.search.as_ref(),
        &user,
        &params.q,
        params.kind,
        &paging,
    )
    .await
    .map_err(ApiError::internal)?;
    let items = results.hits.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(Page::<SearchHitResponse>::new(
        items,
        results.total,
        &paging,
    )))
}

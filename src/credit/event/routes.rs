//! `/credit/events`: the centre's import of external feedback events and the list (the centre
//! and regulators).

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    dto::{CreditEventListItem, CreditEventQuery, EventImportQuery, EventImportReport},
    service::{self, Importer},
    store::EventFilter,
};
use crate::{
    auth::{Authenticated, CenterAdmins, CreditReaders},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    sheets,
    startup::AppState,
};

/// Mounts the event endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_events).service(import_events);
}

/// Every external feedback event with its intermediary, the latest occurred first.
#[utoipa::path(tag = "credit", params(CreditEventQuery, Paging), responses((status = 200, body = Page<CreditEventListItem>)), security(("session" = [])))]
#[get("/credit/events")]
async fn list_events(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
    query: web::Query<CreditEventQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let filter = EventFilter {
        text: query.q,
        kind: query.kind,
    };
    let page = service::events(&state.db, &filter, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(CreditEventListItem::from)))
}

/// Imports external feedback events from an Excel (.xlsx), CSV or JSON (an array of objects)
/// file sent as the request body, one event per row keyed by the intermediary's unified social
/// credit code: `mode=check` only reports, `all` saves every row or (with any error) nothing,
/// `valid_rows` saves the valid rows. A row repeating a stored (source, reference) changes
/// nothing unless its end, kind, date or description differ. The report names each bad cell by
/// row and column.
#[utoipa::path(tag = "credit", params(EventImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"), responses((status = 200, body = EventImportReport), (status = 400, description = "`import_unreadable`, `import_missing_column`, `import_too_many_rows`", body = ErrorBody), (status = 413, description = "`payload_too_large`", body = ErrorBody), (status = 422, description = "`import_has_errors` (mode all): nothing saved; the body also holds the report", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/events/import")]
async fn import_events(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<EventImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = sheets::read_upload(payload).await?;
    let mode = query.mode.unwrap_or_default();
    let importer = Importer {
        actor: user.actor(),
        user_id: Some(user.user_id),
    };
    let report = service::import(&state.db, &importer, &bytes, mode, state.clock.now()).await?;
    Ok(sheets::answer(mode, report.errors.len(), &report))
}

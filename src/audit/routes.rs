//! `GET /api/v1/audit`: the audit log, for the centre's administrators and regulators.

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{dto::AuditQuery, service};
use crate::{
    auth::{AuditReaders, Authenticated},
    error::ApiError,
    pagination::Paging,
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_entries);
}

/// Lists audit entries, newest first, filtered by actor, action, target and time range.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery, Paging),
    responses((status = 200, body = crate::pagination::Page<super::dto::AuditEntryResponse>)),
    security(("session" = []))
)]
#[get("/audit")]
async fn list_audit_entries(
    _user: Authenticated<AuditReaders>,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let page = service::list_entries(&state.db, &query, &paging).await?;
    Ok(HttpResponse::Ok().json(page))
}

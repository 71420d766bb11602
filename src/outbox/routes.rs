//! `/outbox`: the centre's view of queued side effects, and re-queueing dead ones.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{OutboxMessageResponse, OutboxQuery},
    service,
};
use crate::{
    auth::{Authenticated, CenterAdmins},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_outbox).service(requeue_message);
}

/// Outbox messages, newest first; `status=dead` lists those that gave up.
#[utoipa::path(
    tag = "notifications",
    params(OutboxQuery, Paging),
    responses((status = 200, body = Page<OutboxMessageResponse>)),
    security(("session" = []))
)]
#[get("/outbox")]
async fn list_outbox(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<OutboxQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let status = query.status;
    let page = service::list_messages(&state.db, status, &paging).await?;
    Ok(
        HttpResponse::Ok()
            .json(page.map(|m| OutboxMessageResponse::new(m, &state.outbox_handlers))),
    )
}

/// Re-queues a dead message with fresh attempts.
#[utoipa::path(
    tag = "notifications",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = OutboxMessageResponse),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_state`: not dead", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/outbox/{id}/requeue")]
async fn requeue_message(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let message = service::requeue(&state.db, &admin.actor(), *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(OutboxMessageResponse::new(message, &state.outbox_handlers)))
}

//! `/notifications`: the caller's inbox and e-mail preferences.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        InboxQuery, MarkedReadResponse, NotificationResponse, Preference, PreferencesRequest,
        UnreadCountResponse,
    },
    service,
};
use crate::{
    auth::{AnyRole, Authenticated, Registering},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(unread_count)
        .service(mark_all_read)
        .service(get_preferences)
        .service(set_preferences)
        .service(mark_read);
}

/// The caller's notifications, newest first, in the language of `Accept-Language` (else the
/// account's).
#[utoipa::path(
    tag = "notifications",
    params(InboxQuery, Paging),
    responses((status = 200, body = Page<NotificationResponse>)),
    security(("session" = []))
)]
#[get("/notifications")]
async fn list_notifications(
    req: HttpRequest,
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    query: web::Query<InboxQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let unread_only = query.unread.unwrap_or(false);
    let page = service::inbox(&state.db, &user, unread_only, &paging).await?;
    let locale = user.language(&req);
    Ok(HttpResponse::Ok().json(
        page.map(|n| NotificationResponse::from(service::localise(&state.templates, n, locale))),
    ))
}

/// How many of the caller's notifications are unread (the bell).
#[utoipa::path(tag = "notifications", responses((status = 200, body = UnreadCountResponse)), security(("session" = [])))]
#[get("/notifications/unread-count")]
async fn unread_count(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let count = service::unread_count(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(UnreadCountResponse { count }))
}

/// Marks one notification read.
#[utoipa::path(
    tag = "notifications",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = NotificationResponse), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/notifications/{id}/read")]
async fn mark_read(
    req: HttpRequest,
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let notification = service::mark_read(&state.db, &user, *id, state.clock.now()).await?;
    let notification = service::localise(&state.templates, notification, user.language(&req));
    Ok(HttpResponse::Ok().json(NotificationResponse::from(notification)))
}

/// Marks all the caller's notifications read.
#[utoipa::path(tag = "notifications", responses((status = 200, body = MarkedReadResponse)), security(("session" = [])))]
#[post("/notifications/read-all")]
async fn mark_all_read(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let updated = service::mark_all_read(&state.db, &user, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(MarkedReadResponse { updated }))
}

fn preference_list(choices: Vec<(super::model::Category, bool)>) -> Vec<Preference> {
    choices
        .into_iter()
        .map(|(category, email)| Preference { category, email })
        .collect()
}

/// Whether the caller also gets e-mail, per category.
#[utoipa::path(tag = "notifications", responses((status = 200, body = Vec<Preference>)), security(("session" = [])))]
#[get("/notifications/preferences")]
async fn get_preferences(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let choices = service::preferences(&state.db, &user).await?;
    Ok(HttpResponse::Ok().json(preference_list(choices)))
}

/// Sets whether the caller also gets e-mail for the given categories.
#[utoipa::path(
    tag = "notifications",
    request_body = PreferencesRequest,
    responses((status = 200, body = Vec<Preference>)),
    security(("session" = []))
)]
#[put("/notifications/preferences")]
async fn set_preferences(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    body: web::Json<PreferencesRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let choices: Vec<_> = body
        .preferences
        .iter()
        .map(|p| (p.category, p.email))
        .collect();
    let now = state.clock.now();
    let after = service::set_preferences(&state.db, &user, &choices, now).await?;
    Ok(HttpResponse::Ok().json(preference_list(after)))
}

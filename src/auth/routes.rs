//! `/auth/login`, `/auth/logout` and `/me/password`.

use actix_web::{
    cookie::{time, Cookie, SameSite},
    post, put, web, HttpRequest, HttpResponse,
};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    address::client_ip,
    dto::{ChangePasswordRequest, LoginRequest, LoginResponse},
    extractors::{Authenticated, CSRF_COOKIE, SESSION_COOKIE},
    model::{AnyRole, AnyStanding, Registering},
    service,
};
use crate::{error::ApiError, startup::AppState};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(logout).service(change_password);
}

fn cookie(name: &'static str, value: String, http_only: bool, state: &AppState) -> Cookie<'static> {
    let minutes = state.settings.auth.session_ttl_minutes;
    Cookie::build(name, value)
        .path("/")
        .http_only(http_only)
        .same_site(SameSite::Strict)
        .secure(state.settings.server.secure_cookies)
        .max_age(time::Duration::minutes(minutes))
        .finish()
}

fn removal(name: &'static str) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, "").path("/").finish();
    cookie.make_removal();
    cookie
}

/// Signs in with e-mail and password; sets the session and CSRF cookies.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "`invalid_credentials`", body = crate::error::ErrorBody),
        (status = 403, description = "`user_disabled`", body = crate::error::ErrorBody),
        (status = 429, description = "`account_locked` or `too_many_attempts`, with `Retry-After`", body = crate::error::ErrorBody),
    )
)]
#[post("/auth/login")]
async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    let outcome = service::log_in(
        &state.db,
        &state.settings.auth,
        &state.hasher,
        &body.email,
        &body.password,
        ip,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .cookie(cookie(SESSION_COOKIE, outcome.token.clone(), true, &state))
        .cookie(cookie(
            CSRF_COOKIE,
            outcome.csrf_token.clone(),
            false,
            &state,
        ))
        .json(LoginResponse {
            token: outcome.token,
            csrf_token: outcome.csrf_token,
            expires_at: outcome.expires_at,
            user: outcome.account.into(),
        }))
}

/// Ends the current session and clears the cookies.
#[utoipa::path(tag = "auth", responses((status = 204)), security(("session" = [])))]
#[post("/auth/logout")]
async fn logout(
    user: Authenticated<AnyRole, AnyStanding>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    service::log_out(&state.db, &user, state.clock.now()).await?;
    Ok(HttpResponse::NoContent()
        .cookie(removal(SESSION_COOKIE))
        .cookie(removal(CSRF_COOKIE))
        .finish())
}

/// Changes the caller's password; every other session of theirs ends.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204),
        (status = 400, description = "`wrong_password`, `weak_password` or `validation_failed`", body = crate::error::ErrorBody),
    ),
    security(("session" = []))
)]
#[put("/me/password")]
async fn change_password(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    service::change_password(
        &state.db,
        &state.hasher,
        &user,
        &body.current_password,
        &body.new_password,
        now,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

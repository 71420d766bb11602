//! The `Authenticated<R>` extractor: a handler names the roles it admits in its signature, and
//! cannot run without a live session of one of them. The [`resolve_session`] middleware looks the
//! session up first, so the extractor itself is synchronous and its refusal comes before any
//! other extractor's (a wrong role gets 403 whatever the body).
//!
//! The session token comes from `Authorization: Bearer …` (API clients) or the `qifu_session`
//! cookie (the browser). A write authenticated by the cookie must also carry the session's CSRF
//! token in `X-CSRF-Token` (the readable `qifu_csrf` cookie holds it).

use std::marker::PhantomData;

use actix_web::{
    body::MessageBody,
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::header,
    middleware::Next,
    web, FromRequest, HttpMessage, HttpRequest,
};
use futures_util::future::{ready, Ready};

use super::{
    address::client_ip,
    error::AuthError,
    model::{AnyRole, Approved, CurrentUser, RoleSet, Standing},
    service,
};
use crate::{accounts::OrganisationStatus, error::ApiError, startup::AppState};

pub const SESSION_COOKIE: &str = "qifu_session";
pub const CSRF_COOKIE: &str = "qifu_csrf";
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// A signed-in user whose role is one of `R` and whose organisation's status is one `S` admits.
#[derive(Debug)]
pub struct Authenticated<R: RoleSet = AnyRole, S: Standing = Approved> {
    pub user: CurrentUser,
    roles: PhantomData<(R, S)>,
}

impl<R: RoleSet, S: Standing> std::ops::Deref for Authenticated<R, S> {
    type Target = CurrentUser;

    fn deref(&self) -> &CurrentUser {
        &self.user
    }
}

enum Credential {
    Bearer(String),
    Cookie(String),
}

/// The token of an `Authorization: Bearer …` header, trimmed.
pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
}

fn credential(req: &HttpRequest) -> Option<Credential> {
    let bearer = bearer_token(req).map(|token| Credential::Bearer(token.to_owned()));
    bearer.or_else(|| {
        req.cookie(SESSION_COOKIE)
            .map(|cookie| Credential::Cookie(cookie.value().to_owned()))
    })
}

fn csrf_matches(req: &HttpRequest, expected: &str) -> bool {
    let sent = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    !sent.is_empty() && constant_time_eq(sent.as_bytes(), expected.as_bytes())
}

/// Compares secrets without revealing where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The outcome of resolving the request's credential, left for the extractor by [`resolve_session`].
struct Resolution(Result<(CurrentUser, String, bool), AuthError>);

/// Middleware: resolves the session of every `/api/` request that carries a credential, before
/// any extractor runs, so authentication and role checks answer ahead of body validation.
pub async fn resolve_session(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        if let Some(state) = req.app_data::<web::Data<AppState>>().cloned() {
            if let Some(credential) = credential(req.request()) {
                let (token, from_cookie) = match &credential {
                    Credential::Bearer(token) => (token.as_str(), false),
                    Credential::Cookie(token) => (token.as_str(), true),
                };
                let ip = client_ip(req.request(), &state.settings.server.trusted_proxies);
                let outcome = service::authenticate(
                    &state.db,
                    &state.settings.auth,
                    token,
                    ip,
                    state.clock.now(),
                )
                .await
                .map(|(user, csrf)| (user, csrf, from_cookie));
                req.extensions_mut().insert(Resolution(outcome));
            }
        }
    }
    next.call(req).await
}

/// Refuses a user whose organisation's status `S` does not admit, saying which status it is.
fn check_standing<S: Standing>(user: &CurrentUser) -> Result<(), AuthError> {
    if S::ADMITS.contains(&user.organisation_status) {
        return Ok(());
    }
    Err(match user.organisation_status {
        OrganisationStatus::Rejected => AuthError::OrganisationRejected,
        _ => AuthError::OrganisationPending,
    })
}

impl<R: RoleSet + 'static, S: Standing + 'static> FromRequest for Authenticated<R, S> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let resolution = req.extensions_mut().remove::<Resolution>();
        let outcome = match resolution {
            None => Err(AuthError::Unauthenticated),
            Some(Resolution(Err(error))) => Err(error),
            Some(Resolution(Ok((user, csrf_token, from_cookie)))) => {
                if from_cookie && !req.method().is_safe() && !csrf_matches(req, &csrf_token) {
                    Err(AuthError::CsrfFailed)
                } else if !R::ROLES.contains(&user.role) {
                    Err(AuthError::Forbidden)
                } else if let Err(refusal) = check_standing::<S>(&user) {
                    Err(refusal)
                } else {
                    Ok(Self {
                        user,
                        roles: PhantomData,
                    })
                }
            }
        };
        ready(outcome.map_err(ApiError::from))
    }
}

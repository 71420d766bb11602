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
    error::AuthError,
    model::{AnyRole, CurrentUser, RoleSet},
    service,
};
use crate::{error::ApiError, startup::AppState};

pub const SESSION_COOKIE: &str = "qifu_session";
pub const CSRF_COOKIE: &str = "qifu_csrf";
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// A signed-in user whose role is one of `R`.
#[derive(Debug)]
pub struct Authenticated<R: RoleSet = AnyRole> {
    pub user: CurrentUser,
    roles: PhantomData<R>,
}

impl<R: RoleSet> std::ops::Deref for Authenticated<R> {
    type Target = CurrentUser;

    fn deref(&self) -> &CurrentUser {
        &self.user
    }
}

/// The client's address: the socket peer, or the forwarded one when configured behind a proxy.
pub fn client_ip(req: &HttpRequest, behind_proxy: bool) -> Option<String> {
    let info = req.connection_info();
    let address = if behind_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    address.map(|a| {
        a.parse::<std::net::SocketAddr>()
            .map(|s| s.ip().to_string())
            .unwrap_or_else(|_| a.to_owned())
    })
}

enum Credential {
    Bearer(String),
    Cookie(String),
}

fn credential(req: &HttpRequest) -> Option<Credential> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(|token| Credential::Bearer(token.trim().to_owned()));
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
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
                let ip = client_ip(req.request(), state.settings.server.behind_proxy);
                let outcome = service::authenticate(&state, token, ip, state.clock.now())
                    .await
                    .map(|(user, csrf)| (user, csrf, from_cookie));
                req.extensions_mut().insert(Resolution(outcome));
            }
        }
    }
    next.call(req).await
}

impl<R: RoleSet + 'static> FromRequest for Authenticated<R> {
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

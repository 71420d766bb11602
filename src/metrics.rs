//! Prometheus metrics: per-route request counts and durations, served at `/metrics` only to a
//! scraper presenting `telemetry.metrics_token` as a bearer token (no token configured: no
//! metrics). Routes are labelled by their pattern, never their path, so an attacker's random
//! paths cannot grow the label set; the sealed-bid routes are left out of the counters, so not
//! even the operators' scraper can count bids before bidding closes.

use actix_web::{web, HttpRequest, HttpResponse};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{Encoder, TextEncoder};

use crate::{
    error::{route_not_found, ApiError, Code},
    startup::AppState,
};

/// Routes whose every call is a sealed bid's move (place, withdraw, confirm, justify).
const SEALED_ROUTES: &str = r"^/api/v1/procurements/\{id\}/bid(/|$)";
/// The label of every path no route matched.
const UNMATCHED: &str = "unmatched";

/// The metrics middleware (it serves no endpoint itself; [`scrape`] does).
pub fn middleware() -> anyhow::Result<PrometheusMetrics> {
    PrometheusMetricsBuilder::new("qifu")
        .exclude_regex(SEALED_ROUTES)
        .mask_unmatched_patterns(UNMATCHED)
        .build()
        .map_err(|e| anyhow::anyhow!("building the metrics middleware: {e}"))
}

/// `GET /metrics`: the text exposition format, for a scraper with the token.
pub async fn scrape(
    req: HttpRequest,
    state: web::Data<AppState>,
    metrics: web::Data<PrometheusMetrics>,
) -> Result<HttpResponse, ApiError> {
    let expected = state.settings.telemetry.metrics_token.as_bytes();
    if expected.is_empty() {
        return Err(route_not_found(&req));
    }
    let sent = crate::auth::bearer_token(&req).unwrap_or_default();
    if !crate::auth::constant_time_eq(sent.as_bytes(), expected) {
        return Err(ApiError::new(
            Code::MetricsTokenRequired,
            "send the scraper's token (telemetry.metrics_token) as Authorization: Bearer …",
        ));
    }
    let mut body = Vec::new();
    TextEncoder::new()
        .encode(&metrics.registry.gather(), &mut body)
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(TextEncoder::new().format_type())
        .body(body))
}

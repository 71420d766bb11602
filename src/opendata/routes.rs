//! `/opendata/ocds/releases`: the intermediary supermarket's procurements as OCDS 1.1 release
//! packages, for anyone (no sign-in).

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::service;
use crate::{error::ApiError, pagination::Paging, startup::AppState};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(ocds_releases);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReleasesQuery {
    /// Only procurements changed at or after this instant (RFC 3339).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub since: Option<DateTime<Utc>>,
}

/// A release package: one release per published procurement at its current state (tender, bid
/// statistics after closing, award, contract), oldest change first; `X-Total-Count` says how
/// many procurements match. 204 when the page is empty (OCDS packages hold at least one release).
#[utoipa::path(tag = "opendata", params(ReleasesQuery, Paging), responses((status = 200, description = "An OCDS 1.1 release package", content_type = "application/json"), (status = 204, description = "No procurement on this page")))]
#[get("/opendata/ocds/releases")]
async fn ocds_releases(
    state: web::Data<AppState>,
    query: web::Query<ReleasesQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let (package, total) = service::release_package(
        &state.db,
        &state.settings.email.public_url,
        &state.settings.marketplace.ocid_prefix,
        query.since,
        &paging,
        state.clock.now(),
    )
    .await?;
    let mut response = match package {
        Some(_) => HttpResponse::Ok(),
        None => HttpResponse::NoContent(),
    };
    response.insert_header(("X-Total-Count", total.to_string()));
    Ok(match package {
        Some(package) => response.json(package),
        None => response.finish(),
    })
}

//! `/credit/overview`: the regulator's credit overview (regulators and the centre).

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{dto::CreditOverview, service};
use crate::{
    auth::{Authenticated, CreditReaders},
    error::ApiError,
    startup::AppState,
};

/// Mounts the overview.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(credit_overview);
}

/// Stars and score bands of every intermediary, the last twelve months' activity and the
/// regulator's queue counts.
#[utoipa::path(tag = "credit", responses((status = 200, body = CreditOverview)), security(("session" = [])))]
#[get("/credit/overview")]
async fn credit_overview(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let overview = service::overview(&state.db, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(overview))
}

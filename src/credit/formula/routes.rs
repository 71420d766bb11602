//! `/credit/formula` (the version in force, for everyone signed in) and `/credit/formulas`
//! (every version for the centre and regulators; a new one by the centre's administrators).

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    dto::{FormulaRequest, FormulaResponse},
    service,
};
use crate::{
    auth::{AnyRole, Authenticated, CenterAdmins, CreditReaders},
    credit::model::{indicators, Indicator},
    error::{ApiError, ErrorBody},
    startup::AppState,
};

/// Mounts the formula endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_indicators)
        .service(current_formula)
        .service(list_formulas)
        .service(save_formula);
}

/// Every indicator the platform knows (a formula chooses among them), in the order raters see
/// them.
#[utoipa::path(tag = "credit", responses((status = 200, body = [Indicator])), security(("session" = [])))]
#[get("/credit/indicators")]
async fn list_indicators(_user: Authenticated<AnyRole>) -> HttpResponse {
    HttpResponse::Ok().json(indicators())
}

/// The formula in force, with its indicators' names and descriptions.
#[utoipa::path(tag = "credit", responses((status = 200, body = FormulaResponse)), security(("session" = [])))]
#[get("/credit/formula")]
async fn current_formula(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let current = service::current(&state.db).await?;
    Ok(HttpResponse::Ok().json(FormulaResponse::from(current)))
}

/// Every version of the formula, newest first.
#[utoipa::path(tag = "credit", responses((status = 200, body = [FormulaResponse])), security(("session" = [])))]
#[get("/credit/formulas")]
async fn list_formulas(
    _user: Authenticated<CreditReaders>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let versions = service::versions(&state.db).await?;
    let list: Vec<FormulaResponse> = versions.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(list))
}

/// A new version of the formula, in force at once; every standing is recomputed with it.
#[utoipa::path(tag = "credit", request_body = FormulaRequest, responses((status = 201, body = FormulaResponse), (status = 400, description = "`credit_formula_invalid`, `validation_failed`", body = ErrorBody)), security(("session" = [])))]
#[post("/credit/formulas")]
async fn save_formula(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<FormulaRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let reason = body.reason.trim().to_owned();
    let saved =
        service::save_formula(&state.db, &user, body.formula, reason, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(FormulaResponse::from(saved)))
}

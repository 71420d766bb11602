//! `/procurements/{id}/contract` (terms, confirmation, deliveries and their acceptance) and the
//! intermediary's `/contracts/mine`. Also who may read the files a delivery owns
//! ([`DeliveryFiles`]), registered with the file store.

use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::dto::{
    ContractResponse, ContractTermsRequest, DeliveryDecisionRequest, DeliveryRequest,
};
use super::service::{self as contracts, DeliveryInput};
use crate::{
    auth::{AnyRole, Authenticated, ContractParties, Enterprises, Intermediaries},
    error::{ApiError, ErrorBody},
    startup::AppState,
};

/// Mounts the contract and delivery endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_contract)
        .service(propose_contract_terms)
        .service(confirm_contract)
        .service(deliver)
        .service(decide_delivery)
        .service(my_contracts);
}

/// The contract of an awarded procurement (its two parties, the centre and regulators).
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = ContractResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/procurements/{id}/contract")]
async fn get_contract(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = contracts::contract(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The owner changes the proposed amount and working days; both confirm again.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = ContractTermsRequest, responses((status = 200, body = ContractResponse), (status = 400, description = "`contract_terms_invalid`", body = ErrorBody), (status = 422, description = "`contract_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}/contract/terms")]
async fn propose_contract_terms(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ContractTermsRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = contracts::propose_terms(
        &state.db,
        &user,
        *id,
        body.amount_fen,
        body.working_days,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// One side confirms the contract; with both it is signed and its clock starts.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = ContractResponse), (status = 422, description = "`contract_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/contract/confirm")]
async fn confirm_contract(
    user: Authenticated<ContractParties>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = contracts::confirm(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The intermediary submits its result (a `delivery_result` file or a digest, and a summary).
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = DeliveryRequest, responses((status = 200, body = ContractResponse), (status = 400, description = "`delivery_file_missing`", body = ErrorBody), (status = 422, description = "`contract_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/contract/deliveries")]
async fn deliver(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<DeliveryRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let input = DeliveryInput {
        summary: body.summary,
        file: body.file_id,
        digest: body.digest.map(|d| d.to_ascii_lowercase()),
    };
    let view = contracts::deliver(&state.db, &user, *id, input, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The owner accepts the latest delivery or returns it for rework with a reason.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = DeliveryDecisionRequest, responses((status = 200, body = ContractResponse), (status = 400, description = "`reason_missing`", body = ErrorBody), (status = 422, description = "`contract_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/contract/decision")]
async fn decide_delivery(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<DeliveryDecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let view = contracts::decide_delivery(
        &state.db,
        &user,
        *id,
        body.accept,
        body.reason,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The calling intermediary's contracts, newest first.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = [ContractResponse])), security(("session" = [])))]
#[get("/contracts/mine")]
async fn my_contracts(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<ContractResponse> = contracts::my_contracts(&state.db, &user, state.clock.now())
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

crate::files::read_like_record!(
    /// Delivered results are read like their delivery.
    pub DeliveryFiles,
    contracts::DELIVERY_OWNER,
    contracts::may_read_delivery
);

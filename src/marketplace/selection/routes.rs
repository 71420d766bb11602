//! What follows closing: the owner's evaluation and selection (pick, marks, justification
//! decisions) and objections under `/procurements/{id}`, and the public result notices and draw
//! proofs under `/public` (no sign-in).

use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::super::{draw::algorithm_description, dto::ReasonRequest, model::ProcurementStatus};
use super::{
    dto::{
        DrawProofResponse, EvaluationResponse, JustificationDecisionRequest, MarksRequest,
        NoticeQuery, ObjectionAnswerRequest, ObjectionResponse, PickRequest, PublicNoticeResponse,
    },
    ranking::{formula_description, ScoreCard},
    service::{self as selection, ObjectionAnswer},
};
use crate::{
    auth::{
        AnyRole, Authenticated, Enterprises, Intermediaries, ObjectionAnswerers,
        ProcurementReviewers,
    },
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

/// Mounts the evaluation, selection and objection endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(evaluation)
        .service(pick)
        .service(mark)
        .service(decide_justification)
        .service(list_objections)
        .service(raise_objection)
        .service(answer_objection);
}

/// Mounts the public result notices and draw proofs (after the contract endpoints, as before).
pub fn configure_public(cfg: &mut ServiceConfig) {
    cfg.service(public_notices).service(draw_proof);
}

/// After closing: every bid with its bidder and credit, and the score cards of a scored
/// comparison (the owner, the centre and regulators).
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = EvaluationResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 422, description = "`bids_sealed`", body = ErrorBody)), security(("session" = [])))]
#[get("/procurements/{id}/evaluation")]
async fn evaluation(
    user: Authenticated<ProcurementReviewers>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (bids, cards) =
        selection::evaluation(&state.db, &user, *id, &state.settings.marketplace).await?;
    Ok(HttpResponse::Ok().json(EvaluationResponse {
        bids: bids.into_iter().map(Into::into).collect(),
        score_cards: cards,
        formula: formula_description().to_owned(),
    }))
}

/// Direct pick: the owner chooses among the valid bids.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = PickRequest, responses((status = 204), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody), (status = 422, description = "`selection_method_mismatch`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/pick")]
async fn pick(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<PickRequest>,
) -> Result<HttpResponse, ApiError> {
    selection::pick(
        &state.db,
        &user,
        *id,
        body.bid_id,
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Scored comparison: the owner marks every valid proposal (0–100); the best total wins.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = MarksRequest, responses((status = 200, body = [ScoreCard]), (status = 400, description = "`marks_invalid`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/marks")]
async fn mark(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<MarksRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let marks = body
        .into_inner()
        .marks
        .into_iter()
        .map(|m| (m.bid_id, m.mark))
        .collect();
    let cards = selection::score(
        &state.db,
        &user,
        *id,
        marks,
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::Ok().json(cards))
}

/// The owner accepts or rejects an abnormally low bid's written justification.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = JustificationDecisionRequest, responses((status = 200, body = ProcurementStatus), (status = 422, description = "`justification_missing`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/justification-decisions")]
async fn decide_justification(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<JustificationDecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let status = selection::decide_justification(
        &state.db,
        &user,
        *id,
        body.bid_id,
        body.accept,
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::Ok().json(status))
}

/// Objections to the result: all for the owner and the centre, one's own for a bidder.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = [ObjectionResponse])), security(("session" = [])))]
#[get("/procurements/{id}/objections")]
async fn list_objections(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<ObjectionResponse> = selection::objections(&state.db, &user, *id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

/// A bidder objects to the result during the public notice.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 201, body = ObjectionResponse), (status = 422, description = "`objection_not_bidder`, `objection_period_over`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/objections")]
async fn raise_objection(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let raised = selection::raise_objection(
        &state.db,
        &user,
        *id,
        body.into_inner().reason,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(ObjectionResponse::from(raised)))
}

/// The owner or the centre answers an objection; upholding it returns the procurement to selection.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path), ("objection" = Uuid, Path)), request_body = ObjectionAnswerRequest, responses((status = 200, body = ObjectionResponse), (status = 409, description = "`objection_answered`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}/objections/{objection}/answer")]
async fn answer_objection(
    user: Authenticated<ObjectionAnswerers>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<ObjectionAnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let (id, objection) = path.into_inner();
    let body = body.into_inner();
    let answered = selection::answer_objection(
        &state.db,
        &user,
        (id, objection),
        ObjectionAnswer {
            uphold: body.uphold,
            answer: body.answer,
        },
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ObjectionResponse::from(answered)))
}

/// Public result notices (结果公示), newest first; no sign-in needed.
#[utoipa::path(tag = "marketplace", params(NoticeQuery, Paging), responses((status = 200, body = Page<PublicNoticeResponse>)))]
#[get("/public/notices")]
async fn public_notices(
    state: web::Data<AppState>,
    query: web::Query<NoticeQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = selection::public_notices(&state.db, query.in_notice, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(PublicNoticeResponse::from)))
}

/// The public proof of a random draw: the commitment from publishing; after closing the seed,
/// the sorted bidders, the algorithm and the drawn order. `qifu verify-draw` recomputes it.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = DrawProofResponse), (status = 404, description = "`not_found`", body = ErrorBody)))]
#[get("/public/procurements/{id}/draw-proof")]
async fn draw_proof(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let proof = selection::draw_proof(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(DrawProofResponse {
        proof,
        algorithm_description: algorithm_description().to_owned(),
    }))
}

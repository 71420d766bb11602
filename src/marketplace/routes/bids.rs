//! Sealed bids and what follows closing: `/procurements/{id}/bid` (the bidder's own), the
//! owner's evaluation and selection (pick, marks, justifications), objections, the contract and
//! deliveries, the intermediary's `/bids/mine` and `/contracts/mine`, and the public result
//! notices and draw proofs under `/public` (no sign-in). Also who may read the files a bid or a
//! delivery owns ([`BidFiles`], [`DeliveryFiles`]), registered with the file store.

use actix_web::{delete, get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::super::{
    draw::algorithm_description,
    dto::{
        BidRequest, ContractResponse, ContractTermsRequest, DeliveryDecisionRequest,
        DeliveryRequest, DrawProofResponse, EvaluationResponse, JustificationDecisionRequest,
        JustificationRequest, MarksRequest, MyBidListItem, MyBidResponse, NoticeQuery,
        ObjectionAnswerRequest, ObjectionResponse, PickRequest, PublicNoticeResponse,
        ReasonRequest,
    },
    model::ProcurementStatus,
    selection::{formula_description, ScoreCard},
    service::{
        bids::{self, BidOffer},
        contracts::{self, DeliveryInput},
        procurements::bids_sealed,
        selection::{self, ObjectionAnswer},
    },
};
use crate::{
    auth::{
        AnyRole, Authenticated, ContractParties, CurrentUser, Enterprises, Intermediaries,
        ObjectionAnswerers, ProcurementReviewers,
    },
    error::{ApiError, ErrorBody},
    files::FileOwner,
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(place_bid)
        .service(withdraw_bid)
        .service(confirm_bid)
        .service(justify_bid)
        .service(my_bids)
        .service(evaluation)
        .service(pick)
        .service(mark)
        .service(decide_justification)
        .service(list_objections)
        .service(raise_objection)
        .service(answer_objection)
        .service(get_contract)
        .service(propose_contract_terms)
        .service(confirm_contract)
        .service(deliver)
        .service(decide_delivery)
        .service(my_contracts)
        .service(public_notices)
        .service(draw_proof);
}

/// Places the caller's sealed bid, or replaces it, before the deadline.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = BidRequest, responses((status = 200, body = MyBidResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody), (status = 422, description = "`bid_after_deadline`, `bidder_delisted`, `bidder_unqualified`, `bidder_avoided`, `bidder_not_eligible`, `bid_price_outside_fee_range`, `bid_price_above_ceiling`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}/bid")]
async fn place_bid(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<BidRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let offer = BidOffer {
        price_fen: body.price_fen,
        promised_working_days: body.promised_working_days,
        proposal: body.proposal,
        proposal_file: body.proposal_file_id,
        proposal_digest: body.proposal_digest.map(|d| d.to_ascii_lowercase()),
    };
    let bid = bids::place_bid(&state.db, &user, *id, offer, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(MyBidResponse::from(bid)))
}

/// Withdraws the caller's bid before the deadline.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = MyBidResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`bid_withdrawn`", body = ErrorBody), (status = 422, description = "`bid_after_deadline`", body = ErrorBody)), security(("session" = [])))]
#[delete("/procurements/{id}/bid")]
async fn withdraw_bid(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let bid = bids::withdraw_bid(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(MyBidResponse::from(bid)))
}

/// Re-confirms the caller's bid after the terms changed.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = MyBidResponse), (status = 422, description = "`bid_not_stale`, `bid_after_deadline`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/bid/confirm")]
async fn confirm_bid(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let bid = bids::confirm_bid(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(MyBidResponse::from(bid)))
}

/// The bidder of an abnormally low bid explains its price.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = JustificationRequest, responses((status = 200, body = MyBidResponse), (status = 422, description = "`justification_not_needed`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}/bid/justification")]
async fn justify_bid(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<JustificationRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let bid = selection::justify(
        &state.db,
        &user,
        *id,
        body.into_inner().justification,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(MyBidResponse::from(bid)))
}

/// The caller's own bids, newest first.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = [MyBidListItem])), security(("session" = [])))]
#[get("/bids/mine")]
async fn my_bids(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<MyBidListItem> = bids::my_bids(&state.db, &user)
        .await?
        .into_iter()
        .map(|(bid, p)| MyBidListItem {
            won: !bids_sealed(&p) && p.awarded_bid_id == Some(bid.id),
            procurement_id: p.public_id,
            procurement_title: p.title,
            procurement_status: p.status,
            bid_deadline: p.bid_deadline,
            bid: bid.into(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
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

/// Proposal files are read like their bid.
pub struct BidFiles;

#[async_trait::async_trait]
impl FileOwner for BidFiles {
    fn owner_type(&self) -> &'static str {
        bids::BID_OWNER
    }

    async fn may_read(
        &self,
        db: &sea_orm::DatabaseConnection,
        user: &CurrentUser,
        owner_id: Uuid,
    ) -> anyhow::Result<bool> {
        bids::may_read_bid(db, user, owner_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// Delivered results are read like their delivery.
pub struct DeliveryFiles;

#[async_trait::async_trait]
impl FileOwner for DeliveryFiles {
    fn owner_type(&self) -> &'static str {
        contracts::DELIVERY_OWNER
    }

    async fn may_read(
        &self,
        db: &sea_orm::DatabaseConnection,
        user: &CurrentUser,
        owner_id: Uuid,
    ) -> anyhow::Result<bool> {
        contracts::may_read_delivery(db, user, owner_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    }
}

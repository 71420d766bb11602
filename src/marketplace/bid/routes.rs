//! `/procurements/{id}/bid` (the bidder's own sealed bid: place, withdraw, confirm, justify)
//! and the intermediary's `/bids/mine`. Also who may read the files a bid owns ([`BidFiles`]),
//! registered with the file store.

use actix_web::{delete, get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::super::{
    dto::MyBidResponse, procurement::service::bids_sealed, selection::service as selection,
};
use super::dto::{BidRequest, JustificationRequest, MyBidListItem};
use super::service::{self as bids, BidOffer};
use crate::{
    auth::{Authenticated, Intermediaries},
    error::{ApiError, ErrorBody},
    startup::AppState,
};

/// Mounts the bid endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(place_bid)
        .service(withdraw_bid)
        .service(confirm_bid)
        .service(justify_bid)
        .service(my_bids);
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

crate::files::read_like_record!(
    /// Proposal files are read like their bid.
    pub BidFiles,
    bids::BID_OWNER,
    bids::may_read_bid
);

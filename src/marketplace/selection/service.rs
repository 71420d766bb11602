//! Closing and selection. At the deadline the scheduler closes bidding exactly once per
//! procurement (a conditional update only one server wins), audits the sealed bid history, sets
//! aside bids that are stale or whose bidder is no longer eligible, and either fails the
//! procurement (流标: too few valid bids) or selects: a verifiable random draw, the lowest price
//! (an abnormally low winner must have its justification accepted by the owner first), the
//! owner's direct pick, or the published scoring formula. The award goes to public notice
//! (结果公示); bidders may object; an upheld objection returns the procurement to selection.
//! When the notice ends without an open objection, the contract is proposed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entities::{bid, contract, procurement, procurement_objection};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::super::{
    bid::{
        service::{bid_views, moved, BidView},
        store as bid_store,
    },
    contract::store as contract_store,
    draw::{DrawProof, Seed},
    eligibility,
    error::MarketplaceError,
    intermediary::service as intermediaries,
    model::{
        BidStatus, ContractStatus, JustificationDecision, ObjectionStatus, ProcurementStatus,
        SelectionMethod,
    },
    procurement::{
        service::{bids_sealed, move_procurement, notify_organisation, viewer},
        store as procurement_store,
        views::{bidding_terms, terms_with_types},
        Viewer,
    },
};
use super::ranking::{
    abnormally_low, rank_lowest_price, rank_scored, BidEntry, ScoreCard, ScoreWeights,
};
use crate::{
    accounts::{self, Role},
    audit::{self, Actor, AuditEvent, Pending},
    auth::CurrentUser,
    calendar::{self, CHINA},
    configuration::MarketplaceSettings,
    error::Code,
    lifecycle::Move,
};

/// What one closing run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ClosingReport {
    pub closed: usize,
    pub failed: usize,
    pub awarded: usize,
    /// Procurements the run could not close; each stays open for the next run.
    pub stuck: Vec<Stuck>,
}

/// A procurement a scheduled run could not move on (its transaction rolled back), left as it
/// was for the next run while the run carried on with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stuck {
    pub procurement_id: i64,
    pub error: String,
}

impl std::fmt::Display for Stuck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "procurement {}: {}", self.procurement_id, self.error)
    }
}

impl Stuck {
    /// Logs the error and answers it as a `Stuck` entry.
    fn logged(procurement_id: i64, step: &str, error: &MarketplaceError) -> Self {
        tracing::error!(procurement = procurement_id, step, error = %error, "procurement left for the next run");
        Self {
            procurement_id,
            error: error.to_string(),
        }
    }
}

/// Closes every procurement whose deadline has passed at `instant`. One that cannot be closed
/// (say its notice would end in a year the calendar lacks) is logged, skipped and reported, and
/// the others are closed regardless.
pub async fn close_due(
    db: &DatabaseConnection,
    instant: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<ClosingReport, MarketplaceError> {
    let mut report = ClosingReport::default();
    let mut skip = Vec::new();
    loop {
        let due = procurement_store::due_for_closing(db, instant, &skip, 200).await?;
        if due.is_empty() {
            return Ok(report);
        }
        for id in due {
            match close_one(db, id, instant, rules).await {
                Ok(None) => {}
                Ok(Some(outcome)) => report.count(outcome),
                Err(e) => {
                    report.stuck.push(Stuck::logged(id, "close", &e));
                    skip.push(id);
                }
            }
        }
    }
}

impl ClosingReport {
    fn count(&mut self, outcome: ProcurementStatus) {
        self.closed += 1;
        match outcome {
            ProcurementStatus::Failed => self.failed += 1,
            ProcurementStatus::Notice => self.awarded += 1,
            _ => {}
        }
    }
}

/// Closes one procurement if nobody has yet; answers the status it ends in.
pub async fn close_one(
    db: &DatabaseConnection,
    procurement_id: i64,
    instant: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<Option<ProcurementStatus>, MarketplaceError> {
    let txn = db.begin().await?;
    if !procurement_store::hold_for_closing(&txn, procurement_id, instant).await? {
        return Ok(None);
    }
    let published = procurement_store::procurement_by_id(&txn, procurement_id)
        .await?
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let also = vec![(procurement::Column::ClosedAt, Expr::value(instant))];
    let p = move_procurement(
        &txn,
        &published,
        ProcurementStatus::Evaluating,
        instant,
        also,
    )
    .await?;
    let mut trail = Pending::default();
    trail.push(Actor::system(), sealed_history(&txn, &p).await?);
    let valid = validate_bids(&txn, &p, instant).await?;
    let outcome = if valid.len() < usize::try_from(p.min_valid_bids).unwrap_or(usize::MAX) {
        fail(&txn, &p, instant, &mut trail).await?
    } else {
        notify_organisation(&txn, p.organisation_id, &p, "closed", instant).await?;
        select(&txn, &p, instant, &mut trail, rules).await?
    };
    trail.record(&txn, instant).await?;
    txn.commit().await?;
    Ok(Some(outcome))
}

/// The audit entry that unseals the bid history now that bidding has closed (the bids as they
/// stood at the deadline, before any is set aside).
async fn sealed_history<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
) -> Result<AuditEvent, MarketplaceError> {
    let events = bid_store::events(conn, p.id).await?;
    let history: Vec<serde_json::Value> = events
        .iter()
        .map(|e| json!({ "bid": e.bid_id, "organisation": e.organisation_id, "user": e.user_id, "action": e.action, "price_fen": e.price_fen, "at": e.at }))
        .collect();
    let bids: Vec<serde_json::Value> = bid_store::bids_of_procurement(conn, p.id)
        .await?
        .iter()
        .map(|b| json!({ "bid": b.public_id, "organisation": b.organisation_id, "price_fen": b.price_fen, "status": b.status, "proposal_file": b.proposal_file_id, "proposal_digest": b.proposal_digest }))
        .collect();
    Ok(AuditEvent::new(
        "procurement.close",
        "procurement",
        p.public_id,
        json!({ "bids": bids, "bid_events": history }),
    ))
}

/// Sets aside the bids that are not valid at closing; answers the valid ones.
async fn validate_bids<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    instant: DateTime<Utc>,
) -> Result<Vec<bid::Model>, MarketplaceError> {
    let bids = bid_store::bids_of_procurement(conn, p.id).await?;
    let bidders =
        accounts::organisations_by_id(conn, bids.iter().map(|b| b.organisation_id)).await?;
    let facts = intermediaries::facts(conn, &bidders).await?;
    let terms = bidding_terms(conn, p).await?;
    let today = instant.with_timezone(&CHINA).date_naive();
    let mut valid = Vec::new();
    for b in bids {
        let reason = match b.status {
            BidStatus::Active if b.terms_version != p.terms_version => Some("terms_changed"),
            BidStatus::Active => facts
                .iter()
                .find(|f| f.organisation_id == b.organisation_id)
                .map_or(Some(Code::BidderNotEligible.as_str()), |f| {
                    eligibility::check(f, &terms, today)
                        .err()
                        .map(|r| r.code().as_str())
                }),
            BidStatus::Stale => Some("terms_changed"),
            _ => None,
        };
        match (reason, b.status == BidStatus::Active) {
            (Some(reason), _) => {
                reject(conn, b, reason, instant).await?;
            }
            (None, true) => valid.push(b),
            (None, false) => {}
        }
    }
    Ok(valid)
}

/// Sets a bid aside with why. Its procurement's row is held, so nobody moves the bid meanwhile.
async fn reject<C: ConnectionTrait>(
    conn: &C,
    b: bid::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let step = Move {
        key: b.id,
        from: b.status,
        to: BidStatus::Rejected,
    };
    let also = vec![(bid::Column::InvalidReason, Expr::value(reason.to_owned()))];
    moved(bid_store::move_bid(conn, step, now, also).await?, &b)
}

async fn notify_bidders<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    for b in bid_store::bids_of_procurement(conn, p.id).await? {
        notify_organisation(conn, b.organisation_id, p, what, now).await?;
    }
    Ok(())
}

async fn fail<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    now: DateTime<Utc>,
    trail: &mut Pending,
) -> Result<ProcurementStatus, MarketplaceError> {
    let also = vec![(
        procurement::Column::EndReason,
        Expr::value("too_few_valid_bids"),
    )];
    let failed = move_procurement(conn, p, ProcurementStatus::Failed, now, also).await?;
    let event = AuditEvent::new(
        "procurement.fail",
        "procurement",
        p.public_id,
        json!({ "reason": "too_few_valid_bids" }),
    );
    trail.push(Actor::system(), event);
    notify_organisation(conn, p.organisation_id, &failed, "failed", now).await?;
    notify_bidders(conn, &failed, "failed", now).await?;
    Ok(ProcurementStatus::Failed)
}

/// The valid (active) bids of a procurement under evaluation.
async fn valid_bids<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
) -> Result<Vec<bid::Model>, MarketplaceError> {
    Ok(bid_store::bids_of_procurement(conn, p.id)
        .await?
        .into_iter()
        .filter(|b| b.status == BidStatus::Active)
        .collect())
}

async fn entries<C: ConnectionTrait>(
    conn: &C,
    bids: &[bid::Model],
) -> Result<Vec<BidEntry>, MarketplaceError> {
    let ids: Vec<i64> = bids.iter().map(|b| b.organisation_id).collect();
    let standings = crate::credit::standings(conn, &ids).await?;
    Ok(bids
        .iter()
        .map(|b| BidEntry {
            bid: b.public_id,
            price_fen: b.price_fen,
            stars: standings
                .get(&b.organisation_id)
                .and_then(|s| s.stars)
                .map(|s| s.stars()),
            placed_at: b.placed_at,
            proposal_score: b.proposal_score.and_then(|s| u32::try_from(s).ok()),
        })
        .collect())
}

/// Runs the automatic part of selection: the draw, or the lowest price; the owner's methods
/// wait for the owner. Answers the status the procurement is left in.
async fn select<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    now: DateTime<Utc>,
    trail: &mut Pending,
    rules: &MarketplaceSettings,
) -> Result<ProcurementStatus, MarketplaceError> {
    let valid = valid_bids(conn, p).await?;
    let winner = match p.selection_method {
        SelectionMethod::RandomDraw => draw_winner(conn, p, &valid).await?,
        SelectionMethod::LowestPrice => lowest_price_winner(conn, p, &valid, now, rules).await?,
        SelectionMethod::DirectPick | SelectionMethod::Scored => None,
    };
    match winner {
        Some(b) => {
            award(conn, p, &b, now, trail, rules).await?;
            Ok(ProcurementStatus::Notice)
        }
        None => Ok(ProcurementStatus::Evaluating),
    }
}

/// The draw's order over the valid bidders (kept on the procurement); its first still-valid
/// bidder wins.
async fn draw_winner<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    valid: &[bid::Model],
) -> Result<Option<bid::Model>, MarketplaceError> {
    let codes = bidder_codes(conn, valid).await?;
    let order: Vec<String> = match &p.draw_order {
        Some(order) => serde_json::from_str(order).unwrap_or_default(),
        None => {
            let seed = Seed::from_hex(p.seed.as_deref().unwrap_or_default())
                .map_err(|e| MarketplaceError::Internal(anyhow::anyhow!("the draw's seed: {e}")))?;
            let proof = DrawProof::compute(
                p.public_id,
                &seed,
                &codes.keys().cloned().collect::<Vec<_>>(),
            );
            let mut row: procurement::ActiveModel = p.clone().into();
            row.draw_order = Set(Some(
                serde_json::to_string(&proof.order).unwrap_or_default(),
            ));
            procurement_store::update_procurement(conn, row).await?;
            proof.order
        }
    };
    Ok(order
        .iter()
        .find_map(|code| codes.get(code))
        .and_then(|id| valid.iter().find(|b| b.id == *id))
        .cloned())
}

/// The unified social credit code of each valid bidder → its bid's id.
async fn bidder_codes<C: ConnectionTrait>(
    conn: &C,
    bids: &[bid::Model],
) -> Result<BTreeMap<String, i64>, MarketplaceError> {
    let orgs = accounts::organisations_by_id(conn, bids.iter().map(|b| b.organisation_id)).await?;
    Ok(bids
        .iter()
        .filter_map(|b| {
            let org = orgs.iter().find(|o| o.id == b.organisation_id)?;
            Some((
                org.uscc
                    .clone()
                    .unwrap_or_else(|| org.public_id.to_string()),
                b.id,
            ))
        })
        .collect())
}

/// The lowest valid price, after flagging abnormally low bids; `None` while the owner must
/// still decide on the justification of an abnormally low leader.
async fn lowest_price_winner<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    valid: &[bid::Model],
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<Option<bid::Model>, MarketplaceError> {
    let entries = entries(conn, valid).await?;
    let flagged = abnormally_low(&entries, rules.abnormally_low_percent);
    for b in valid
        .iter()
        .filter(|b| flagged.contains(&b.public_id) && !b.abnormally_low)
    {
        let mut row: bid::ActiveModel = b.clone().into();
        row.abnormally_low = Set(true);
        bid_store::update_bid(conn, row).await?;
    }
    let Some(leader) = rank_lowest_price(&entries).first().copied() else {
        return Ok(None);
    };
    let Some(b) = valid.iter().find(|b| b.public_id == leader) else {
        return Ok(None);
    };
    let accepted = b.justification_decision == Some(JustificationDecision::Accepted);
    if flagged.contains(&leader) && !accepted {
        notify_organisation(conn, b.organisation_id, p, "justification_needed", now).await?;
        notify_organisation(conn, p.organisation_id, p, "abnormally_low", now).await?;
        return Ok(None);
    }
    Ok(Some(b.clone()))
}

/// Awards the procurement to a bid and opens the public notice.
async fn award<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    b: &bid::Model,
    now: DateTime<Utc>,
    trail: &mut Pending,
    rules: &MarketplaceSettings,
) -> Result<(), MarketplaceError> {
    let ends = calendar::deadline(conn, now, rules.notice_working_days).await?;
    let also = vec![
        (procurement::Column::AwardedBidId, Expr::value(b.id)),
        (procurement::Column::AwardedAt, Expr::value(now)),
        (procurement::Column::NoticeEndsAt, Expr::value(ends)),
    ];
    let awarded = move_procurement(conn, p, ProcurementStatus::Notice, now, also).await?;
    let event = AuditEvent::new(
        "procurement.award",
        "procurement",
        p.public_id,
        json!({ "bid": b.public_id, "price_fen": b.price_fen, "notice_ends_at": ends }),
    );
    trail.push(Actor::system(), event);
    notify_organisation(conn, p.organisation_id, &awarded, "awarded", now).await?;
    notify_bidders(conn, &awarded, "awarded", now).await?;
    Ok(())
}

/// The owner's procurement under evaluation.
async fn evaluating<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<procurement::Model, MarketplaceError> {
    let p = procurement_store::procurement(conn, id)
        .await?
        .filter(|p| p.organisation_id == user.organisation_id)
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if p.status != ProcurementStatus::Evaluating {
        return Err(MarketplaceError::WrongState(p.status.as_str()));
    }
    Ok(p)
}

fn wrong_method(expected: &'static str) -> MarketplaceError {
    MarketplaceError::Rule(Code::SelectionMethodMismatch, expected)
}

/// Direct pick: the owner chooses one of the valid bids.
pub async fn pick(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    bid: Uuid,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<(), MarketplaceError> {
    let txn = db.begin().await?;
    let p = evaluating(&txn, user, id).await?;
    if p.selection_method != SelectionMethod::DirectPick {
        return Err(wrong_method(
            "only a direct-pick procurement is picked by its owner",
        ));
    }
    let chosen = valid_bids(&txn, &p)
        .await?
        .into_iter()
        .find(|b| b.public_id == bid)
        .ok_or_else(|| {
            MarketplaceError::field(
                Code::ReferenceNotFound,
                "bid_id",
                "no valid bid with this id",
            )
        })?;
    let mut trail = Pending::default();
    award(&txn, &p, &chosen, now, &mut trail, rules).await?;
    trail.record(&txn, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Score cards of a scored procurement's valid bids, best first, by the published formula.
pub async fn score_cards<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    rules: &MarketplaceSettings,
) -> Result<Vec<ScoreCard>, MarketplaceError> {
    let weights = ScoreWeights::new(
        u32::try_from(p.weight_price).unwrap_or(0),
        u32::try_from(p.weight_proposal).unwrap_or(0),
        u32::try_from(p.weight_credit).unwrap_or(0),
    )
    .map_err(|e| MarketplaceError::Internal(anyhow::anyhow!("{e}")))?;
    let valid = valid_bids(conn, p).await?;
    let entries = entries(conn, &valid).await?;
    Ok(rank_scored(
        &entries,
        weights,
        rules.unrated_credit_score * 100,
    ))
}

/// Scored comparison: the owner marks each valid proposal 0–100; the best total wins.
pub async fn score(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    marks: Vec<(Uuid, i32)>,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<Vec<ScoreCard>, MarketplaceError> {
    let txn = db.begin().await?;
    let p = evaluating(&txn, user, id).await?;
    if p.selection_method != SelectionMethod::Scored {
        return Err(wrong_method(
            "only a scored procurement takes proposal marks",
        ));
    }
    let valid = valid_bids(&txn, &p).await?;
    let complete = valid
        .iter()
        .all(|b| marks.iter().any(|(id, _)| *id == b.public_id));
    if !complete || marks.len() != valid.len() || marks.iter().any(|(_, m)| !(0..=100).contains(m))
    {
        return Err(MarketplaceError::field(
            Code::MarksInvalid,
            "marks",
            "mark every valid bid's proposal once, 0 to 100",
        ));
    }
    for b in &valid {
        let mark = marks
            .iter()
            .find(|(id, _)| *id == b.public_id)
            .map(|(_, m)| *m);
        let mut row: bid::ActiveModel = b.clone().into();
        row.proposal_score = Set(mark);
        bid_store::update_bid(&txn, row).await?;
    }
    let cards = score_cards(&txn, &p, rules).await?;
    let event = AuditEvent::new(
        "procurement.score",
        "procurement",
        p.public_id,
        json!({ "cards": cards }),
    );
    let mut trail = Pending::default();
    trail.push(user.actor(), event);
    if let Some(best) = cards.first() {
        let winner = valid.iter().find(|b| b.public_id == best.bid).cloned();
        if let Some(b) = winner {
            award(&txn, &p, &b, now, &mut trail, rules).await?;
        }
    }
    trail.record(&txn, now).await?;
    txn.commit().await?;
    Ok(cards)
}

/// The bidder of an abnormally low bid explains its price.
pub async fn justify(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    justification: String,
    now: DateTime<Utc>,
) -> Result<bid::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = procurement_store::procurement(&txn, id)
        .await?
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let b = bid_store::bid_of(&txn, p.id, user.organisation_id)
        .await?
        .ok_or(MarketplaceError::NotFound("bid"))?;
    if p.status != ProcurementStatus::Evaluating
        || !b.abnormally_low
        || b.justification_decision.is_some()
    {
        return Err(MarketplaceError::Rule(
            Code::JustificationNotNeeded,
            "only an abnormally low bid under evaluation is justified",
        ));
    }
    let mut row: bid::ActiveModel = b.into();
    row.justification = Set(Some(justification));
    row.updated_at = Set(now);
    let saved = bid_store::update_bid(&txn, row).await?;
    notify_organisation(&txn, p.organisation_id, &p, "justification_submitted", now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The owner accepts or rejects an abnormally low bid's justification; selection then goes on.
pub async fn decide_justification(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    bid: Uuid,
    accept: bool,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<ProcurementStatus, MarketplaceError> {
    let txn = db.begin().await?;
    let p = evaluating(&txn, user, id).await?;
    let b = valid_bids(&txn, &p)
        .await?
        .into_iter()
        .find(|b| b.public_id == bid && b.abnormally_low)
        .ok_or_else(|| {
            MarketplaceError::field(
                Code::ReferenceNotFound,
                "bid_id",
                "no abnormally low valid bid with this id",
            )
        })?;
    if b.justification.is_none() {
        return Err(MarketplaceError::Rule(
            Code::JustificationMissing,
            "the bidder has not justified its price yet",
        ));
    }
    let decision = if accept {
        JustificationDecision::Accepted
    } else {
        JustificationDecision::Rejected
    };
    let mut row: bid::ActiveModel = b.clone().into();
    row.justification_decision = Set(Some(decision));
    let decided = bid_store::update_bid(&txn, row).await?;
    if !accept {
        reject(&txn, decided, "abnormally_low_rejected", now).await?;
    }
    let event = AuditEvent::new(
        "procurement.decide_justification",
        "procurement",
        p.public_id,
        json!({ "bid": bid, "decision": decision }),
    );
    let mut trail = Pending::default();
    trail.push(user.actor(), event);
    let outcome = select(&txn, &p, now, &mut trail, rules).await?;
    trail.record(&txn, now).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// The bids of a closed procurement with the score cards of a scored one.
pub async fn evaluation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    rules: &MarketplaceSettings,
) -> Result<(Vec<BidView>, Vec<ScoreCard>), MarketplaceError> {
    let p = procurement_store::procurement(db, id)
        .await?
        .filter(|p| matches!(viewer(p, user), Viewer::Owner | Viewer::Staff))
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if bids_sealed(&p) {
        return Err(MarketplaceError::Rule(
            Code::BidsSealed,
            "bids are sealed until the bidding deadline",
        ));
    }
    let cards = if p.selection_method == SelectionMethod::Scored {
        score_cards(db, &p, rules).await?
    } else {
        Vec::new()
    };
    Ok((bid_views(db, p.id).await?, cards))
}

// ---- public notice and objections ----

/// A bidder objects to the result during the public notice.
pub async fn raise_objection(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    reason: String,
    now: DateTime<Utc>,
) -> Result<procurement_objection::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = procurement_store::procurement(&txn, id)
        .await?
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if bid_store::bid_of(&txn, p.id, user.organisation_id)
        .await?
        .is_none()
    {
        return Err(MarketplaceError::Rule(
            Code::ObjectionNotBidder,
            "only bidders may object to the result",
        ));
    }
    let open =
        p.status == ProcurementStatus::Notice && p.notice_ends_at.is_some_and(|end| now < end);
    if !open {
        return Err(MarketplaceError::Rule(
            Code::ObjectionPeriodOver,
            "objections are raised during the public notice",
        ));
    }
    let raised = procurement_store::insert_objection(
        &txn,
        procurement_objection::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            procurement_id: Set(p.id),
            organisation_id: Set(user.organisation_id),
            reason: Set(reason.clone()),
            status: Set(ObjectionStatus::Open),
            raised_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let event = AuditEvent::new(
        "procurement.object",
        "procurement",
        p.public_id,
        json!({ "objection": raised.public_id, "reason": reason }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    notify_organisation(&txn, p.organisation_id, &p, "objection_raised", now).await?;
    txn.commit().await?;
    Ok(raised)
}

/// An answer to an objection: upheld or dismissed, and why.
#[derive(Debug, Clone)]
pub struct ObjectionAnswer {
    pub uphold: bool,
    pub answer: String,
}

/// The owner or the centre answers an objection: dismissed, or upheld — which sets the awarded
/// bid aside and returns the procurement to selection (the draw's and the lowest price's next
/// bidder win at once; the owner picks or scores again otherwise).
pub async fn answer_objection(
    db: &DatabaseConnection,
    user: &CurrentUser,
    (id, objection): (Uuid, Uuid),
    ObjectionAnswer { uphold, answer }: ObjectionAnswer,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<procurement_objection::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = procurement_store::procurement(&txn, id)
        .await?
        .filter(|p| p.organisation_id == user.organisation_id || user.role == Role::CenterAdmin)
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let o = procurement_store::objection(&txn, objection)
        .await?
        .filter(|o| o.procurement_id == p.id)
        .ok_or(MarketplaceError::NotFound("objection"))?;
    let answered_already = MarketplaceError::Rule(
        Code::ObjectionAnswered,
        "the objection was answered already",
    );
    if o.status != ObjectionStatus::Open {
        return Err(answered_already);
    }
    let step = Move {
        key: o.id,
        from: ObjectionStatus::Open,
        to: if uphold {
            ObjectionStatus::Upheld
        } else {
            ObjectionStatus::Dismissed
        },
    };
    let also = vec![
        (
            procurement_objection::Column::Answer,
            Expr::value(answer.clone()),
        ),
        (
            procurement_objection::Column::AnsweredBy,
            Expr::value(user.user_id),
        ),
        (procurement_objection::Column::AnsweredAt, Expr::value(now)),
    ];
    if !procurement_store::move_objection(&txn, step, also).await? {
        return Err(answered_already);
    }
    let answered = procurement_store::objection_by_id(&txn, o.id)
        .await?
        .ok_or(MarketplaceError::NotFound("objection"))?;
    let event = AuditEvent::new(
        "procurement.answer_objection",
        "procurement",
        p.public_id,
        json!({ "objection": o.public_id, "upheld": uphold, "answer": answer }),
    );
    let mut trail = Pending::default();
    trail.push(user.actor(), event);
    notify_organisation(&txn, o.organisation_id, &p, "objection_answered", now).await?;
    if uphold && p.status == ProcurementStatus::Notice {
        return_to_selection(&txn, &p, now, &mut trail, rules).await?;
    }
    trail.record(&txn, now).await?;
    txn.commit().await?;
    Ok(answered)
}

async fn return_to_selection<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    now: DateTime<Utc>,
    trail: &mut Pending,
    rules: &MarketplaceSettings,
) -> Result<(), MarketplaceError> {
    if let Some(awarded) = p.awarded_bid_id {
        if let Some(b) = bid_store::bid_by_id(conn, awarded).await? {
            reject(conn, b, "objection_upheld", now).await?;
        }
    }
    let also = vec![
        (procurement::Column::AwardedBidId, Expr::value(None::<i64>)),
        (
            procurement::Column::AwardedAt,
            Expr::value(None::<DateTime<Utc>>),
        ),
        (
            procurement::Column::NoticeEndsAt,
            Expr::value(None::<DateTime<Utc>>),
        ),
    ];
    let back = move_procurement(conn, p, ProcurementStatus::Evaluating, now, also).await?;
    if valid_bids(conn, &back).await?.is_empty() {
        fail(conn, &back, now, trail).await?;
        return Ok(());
    }
    select(conn, &back, now, trail, rules).await?;
    Ok(())
}

/// What one run ending notices did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NoticeReport {
    pub ended: usize,
    /// Procurements whose notice could not be ended; each stays in notice for the next run.
    pub stuck: Vec<Stuck>,
}

/// Ends the public notices that are over at `instant` and have no open objection: the
/// procurement is awarded and the contract proposed on the winning bid's terms. One that cannot
/// be ended is logged, skipped and reported.
pub async fn end_notices(
    db: &DatabaseConnection,
    instant: DateTime<Utc>,
) -> Result<NoticeReport, MarketplaceError> {
    let mut report = NoticeReport::default();
    for id in procurement_store::notices_ended(db, instant).await? {
        match end_notice(db, id, instant).await {
            Ok(true) => report.ended += 1,
            Ok(false) => {}
            Err(e) => report.stuck.push(Stuck::logged(id, "end_notice", &e)),
        }
    }
    Ok(report)
}

/// Ends one notice unless an objection is open or another server ended it first.
async fn end_notice(
    db: &DatabaseConnection,
    id: i64,
    instant: DateTime<Utc>,
) -> Result<bool, MarketplaceError> {
    let txn = db.begin().await?;
    let open = procurement_store::objections(&txn, id)
        .await?
        .iter()
        .any(|o| o.status == ObjectionStatus::Open);
    let step = Move {
        key: id,
        from: ProcurementStatus::Notice,
        to: ProcurementStatus::Awarded,
    };
    if open || !procurement_store::move_procurement(&txn, step, instant, Vec::new()).await? {
        return Ok(false);
    }
    let p = procurement_store::procurement_by_id(&txn, id)
        .await?
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let b = match p.awarded_bid_id {
        Some(bid) => bid_store::bid_by_id(&txn, bid).await?,
        None => None,
    }
    .ok_or(MarketplaceError::NotFound("bid"))?;
    propose_contract(&txn, &p, &b, instant).await?;
    let event = AuditEvent::new(
        "procurement.end_notice",
        "procurement",
        p.public_id,
        json!({ "bid": b.public_id }),
    );
    audit::record(&txn, &Actor::system(), event, instant).await?;
    txn.commit().await?;
    Ok(true)
}

/// Proposes the contract on the winning bid's terms and tells both sides.
async fn propose_contract<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    b: &bid::Model,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    contract_store::insert_contract(
        conn,
        contract::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            procurement_id: Set(p.id),
            bid_id: Set(b.id),
            organisation_id: Set(b.organisation_id),
            amount_fen: Set(b.price_fen),
            working_days: Set(b.promised_working_days),
            status: Set(ContractStatus::Proposed),
            late: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    for organisation in [p.organisation_id, b.organisation_id] {
        notify_organisation(conn, organisation, p, "contract_proposed", now).await?;
    }
    Ok(())
}

/// The objections of a procurement: all for its owner and the centre, one's own for a bidder.
pub async fn objections(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<Vec<procurement_objection::Model>, MarketplaceError> {
    let p = procurement_store::procurement(db, id)
        .await?
        .filter(|p| {
            p.status != ProcurementStatus::Draft || p.organisation_id == user.organisation_id
        })
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let all = matches!(viewer(&p, user), Viewer::Owner | Viewer::Staff);
    Ok(procurement_store::objections(db, p.id)
        .await?
        .into_iter()
        .filter(|o| all || o.organisation_id == user.organisation_id)
        .collect())
}

/// The public proof of a random draw: the commitment from publishing, and after closing the
/// seed, the sorted bidder list, the algorithm and the result.
pub async fn draw_proof(db: &DatabaseConnection, id: Uuid) -> Result<DrawProof, MarketplaceError> {
    let p = procurement_store::procurement(db, id)
        .await?
        .filter(|p| {
            p.selection_method == SelectionMethod::RandomDraw
                && p.status != ProcurementStatus::Draft
        })
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let commitment = p.seed_commitment.clone().unwrap_or_default();
    let order: Option<Vec<String>> = p
        .draw_order
        .as_deref()
        .and_then(|o| serde_json::from_str(o).ok());
    match (order, bids_sealed(&p)) {
        (Some(order), false) => {
            let mut bidders = order.clone();
            bidders.sort();
            Ok(DrawProof {
                algorithm: super::super::draw::DRAW_ALGORITHM.to_owned(),
                procurement_id: p.public_id,
                commitment,
                seed: p.seed.clone().unwrap_or_default(),
                winner: order.first().cloned(),
                bidders,
                order,
            })
        }
        _ => Ok(DrawProof {
            algorithm: super::super::draw::DRAW_ALGORITHM.to_owned(),
            procurement_id: p.public_id,
            commitment,
            seed: String::new(),
            bidders: Vec::new(),
            order: Vec::new(),
            winner: None,
        }),
    }
}

/// A result in public notice (结果公示) or past it, as anyone may read it.
#[derive(Debug, Clone)]
pub struct PublicNotice {
    pub procurement: procurement::Model,
    pub owner: entities::organisation::Model,
    pub winner: entities::organisation::Model,
    pub price_fen: i64,
    pub service_types: Vec<entities::service_type::Model>,
}

/// Awarded procurements, newest first, read in a fixed number of queries per page.
pub async fn public_notices(
    db: &DatabaseConnection,
    in_notice_only: bool,
    paging: &crate::pagination::Paging,
) -> Result<crate::pagination::Page<PublicNotice>, MarketplaceError> {
    let statuses = if in_notice_only {
        vec![ProcurementStatus::Notice]
    } else {
        vec![
            ProcurementStatus::Notice,
            ProcurementStatus::Awarded,
            ProcurementStatus::Contracted,
            ProcurementStatus::Delivered,
            ProcurementStatus::Accepted,
        ]
    };
    let query = procurement_store::ProcurementQuery {
        statuses,
        awarded_only: true,
        ..Default::default()
    };
    let (rows, total) =
        procurement_store::procurements_page(db, &query, paging.page_index(), paging.per_page())
            .await?;
    let bids: BTreeMap<i64, bid::Model> =
        bid_store::bids_by_id(db, rows.iter().filter_map(|p| p.awarded_bid_id))
            .await?
            .into_iter()
            .map(|b| (b.id, b))
            .collect();
    let organisations: BTreeMap<i64, entities::organisation::Model> =
        accounts::organisations_by_id(
            db,
            rows.iter()
                .map(|p| p.organisation_id)
                .chain(bids.values().map(|b| b.organisation_id)),
        )
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let terms = terms_with_types(db, &rows).await?;
    let mut notices = Vec::with_capacity(rows.len());
    for (p, (_, service_types)) in rows.into_iter().zip(terms) {
        let b = p
            .awarded_bid_id
            .and_then(|id| bids.get(&id))
            .ok_or(MarketplaceError::NotFound("bid"))?;
        let organisation = |id| {
            organisations
                .get(&id)
                .cloned()
                .ok_or(MarketplaceError::NotFound("organisation"))
        };
        notices.push(PublicNotice {
            owner: organisation(p.organisation_id)?,
            winner: organisation(b.organisation_id)?,
            price_fen: b.price_fen,
            service_types,
            procurement: p,
        });
    }
    Ok(crate::pagination::Page::new(notices, total, paging))
}

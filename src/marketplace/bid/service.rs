//! Sealed bids. An eligible intermediary places one bid per procurement, may replace, withdraw
//! or (after a change of terms) re-confirm it until the deadline by the server's clock. Until
//! bidding closes nobody but the bidder learns anything of a bid: no count, no audit entry (the
//! sealed history is audited at closing), no e-mail, no error that depends on other bids; the
//! proposal file is readable by its bidder only. Afterwards the owner and the centre see all.

use chrono::{DateTime, Utc};
use entities::{bid, bid_event, organisation, procurement};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use uuid::Uuid;

use super::super::{
    eligibility,
    error::{BidRefusal, MarketplaceError},
    intermediary::service as intermediaries,
    model::{BidAction, BidStatus, FeeRange, ProcurementStatus},
    procurement::{
        service::{bids_sealed, viewer},
        store as procurement_store,
        views::bidding_terms,
        Viewer,
    },
};
use super::store;
use crate::{
    accounts,
    auth::CurrentUser,
    calendar::CHINA,
    credit::{self, Standing},
    error::Code,
    files::{self, Purpose},
    lifecycle::Move,
};

/// The file owner type of bid proposals.
pub const BID_OWNER: &str = "bid";

/// What a bidder offers.
#[derive(Debug, Clone)]
pub struct BidOffer {
    pub price_fen: i64,
    pub promised_working_days: i32,
    pub proposal: String,
    /// An uploaded proposal file (purpose `bid_proposal`); its content hash becomes the digest.
    pub proposal_file: Option<Uuid>,
    /// The SHA-256 of a proposal kept elsewhere, when no file is uploaded.
    pub proposal_digest: Option<String>,
}

/// A bid with its bidder, as the owner sees it after closing.
#[derive(Debug, Clone)]
pub struct BidView {
    pub bid: bid::Model,
    pub bidder: organisation::Model,
    pub standing: Standing,
}

/// The procurement for a bid move: visible to intermediaries (published or later), and held
/// against closing while it is open; refused with the right code when it is not.
async fn open_procurement<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<procurement::Model, MarketplaceError> {
    let p = procurement_store::procurement(conn, id)
        .await?
        .filter(|p| p.status != ProcurementStatus::Draft)
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if procurement_store::hold_for_bidding(conn, p.id, now).await? {
        return Ok(p);
    }
    // Read it again: closing may have just moved it on.
    let p = procurement_store::procurement_by_id(conn, p.id)
        .await?
        .unwrap_or(p);
    let status = p.status;
    let closed = match status {
        ProcurementStatus::Draft | ProcurementStatus::Cancelled => false,
        ProcurementStatus::Published => p.bid_deadline.is_some_and(|d| d <= now),
        _ => true,
    };
    if closed {
        Err(BidRefusal::AfterDeadline.into())
    } else {
        Err(MarketplaceError::WrongState(status.as_str()))
    }
}

/// Whether this intermediary may bid on `p` now.
pub(in crate::marketplace) async fn check_bidder<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    p: &procurement::Model,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let me = accounts::organisation_by_id(conn, user.organisation_id)
        .await?
        .ok_or(MarketplaceError::NotFound("organisation"))?;
    let facts = intermediaries::facts(conn, std::slice::from_ref(&me))
        .await?
        .pop()
        .unwrap_or_default();
    let terms = bidding_terms(conn, p).await?;
    eligibility::check(&facts, &terms, now.with_timezone(&CHINA).date_naive())?;
    Ok(())
}

fn check_offer(p: &procurement::Model, offer: &BidOffer) -> Result<(), MarketplaceError> {
    let fee = FeeRange::new(p.fee_min_fen, p.fee_max_fen);
    if !fee.is_some_and(|f| f.contains(offer.price_fen)) {
        return Err(BidRefusal::PriceOutsideFeeRange.into());
    }
    if offer.price_fen > p.budget_ceiling_fen {
        return Err(BidRefusal::PriceAboveCeiling.into());
    }
    if !(1..=p.service_working_days).contains(&offer.promised_working_days) {
        return Err(MarketplaceError::field(
            Code::BidDaysInvalid,
            "promised_working_days",
            format!(
                "promise between 1 and {} working days (the procurement's service deadline)",
                p.service_working_days
            ),
        ));
    }
    Ok(())
}

async fn log_event<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    b: &bid::Model,
    action: BidAction,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    store::insert_event(
        conn,
        bid_event::ActiveModel {
            procurement_id: Set(b.procurement_id),
            bid_id: Set(b.id),
            organisation_id: Set(b.organisation_id),
            user_id: Set(user.user_id),
            action: Set(action),
            price_fen: Set(b.price_fen),
            at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// Places the intermediary's bid, or replaces the one it has.
pub async fn place_bid(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    offer: BidOffer,
    now: DateTime<Utc>,
) -> Result<bid::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = open_procurement(&txn, procurement, now).await?;
    check_bidder(&txn, user, &p, now).await?;
    check_offer(&p, &offer)?;
    let existing = store::bid_of(&txn, p.id, user.organisation_id).await?;
    let replacing = existing.is_some();
    let mut row: bid::ActiveModel = match existing {
        Some(b) => {
            if b.status != BidStatus::Active {
                let step = Move {
                    key: b.id,
                    from: b.status,
                    to: BidStatus::Active,
                };
                moved(store::move_bid(&txn, step, now, Vec::new()).await?, &b)?;
            }
            b.into()
        }
        None => bid::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            procurement_id: Set(p.id),
            organisation_id: Set(user.organisation_id),
            abnormally_low: Set(false),
            status: Set(BidStatus::Active),
            ..Default::default()
        },
    };
    row.price_fen = Set(offer.price_fen);
    row.promised_working_days = Set(offer.promised_working_days);
    row.proposal = Set(offer.proposal);
    row.proposal_file_id = Set(offer.proposal_file);
    row.proposal_digest = Set(offer.proposal_digest);
    row.terms_version = Set(p.terms_version);
    row.placed_at = Set(now);
    row.updated_at = Set(now);
    let mut saved = if replacing {
        store::update_bid(&txn, row).await?
    } else {
        store::insert_bid(&txn, row).await?
    };
    if let Some(file) = offer.proposal_file {
        let claimed = files::claim(
            &txn,
            user,
            &[file],
            Purpose::BidProposal,
            BID_OWNER,
            saved.public_id,
            now,
        )
        .await?;
        let mut row: bid::ActiveModel = saved.into();
        row.proposal_digest = Set(claimed.first().map(|f| f.sha256.clone()));
        saved = store::update_bid(&txn, row).await?;
    }
    log_event(
        &txn,
        user,
        &saved,
        if replacing {
            BidAction::Replace
        } else {
            BidAction::Place
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// A bid move that found the bid moved already: its procurement's row is held by the bid's
/// transaction, so nothing else moves it meanwhile; this is a bug, not a race.
pub(in crate::marketplace) fn moved(moved: bool, b: &bid::Model) -> Result<(), MarketplaceError> {
    if moved {
        Ok(())
    } else {
        Err(anyhow::anyhow!("bid {} moved while its procurement was held", b.id).into())
    }
}

async fn own_bid<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    p: &procurement::Model,
) -> Result<bid::Model, MarketplaceError> {
    store::bid_of(conn, p.id, user.organisation_id)
        .await?
        .ok_or(MarketplaceError::NotFound("bid"))
}

/// Withdraws the intermediary's bid before the deadline.
pub async fn withdraw_bid(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    now: DateTime<Utc>,
) -> Result<bid::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = open_procurement(&txn, procurement, now).await?;
    let b = own_bid(&txn, user, &p).await?;
    if b.status == BidStatus::Withdrawn {
        return Err(MarketplaceError::Rule(
            Code::BidWithdrawn,
            "the bid is withdrawn already",
        ));
    }
    let step = Move {
        key: b.id,
        from: b.status,
        to: BidStatus::Withdrawn,
    };
    moved(store::move_bid(&txn, step, now, Vec::new()).await?, &b)?;
    let saved = store::bid_by_id(&txn, b.id)
        .await?
        .ok_or(MarketplaceError::NotFound("bid"))?;
    log_event(&txn, user, &saved, BidAction::Withdraw, now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Re-confirms a bid made stale by a change of terms, unchanged, on the current terms.
pub async fn confirm_bid(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    now: DateTime<Utc>,
) -> Result<bid::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = open_procurement(&txn, procurement, now).await?;
    let b = own_bid(&txn, user, &p).await?;
    if b.status != BidStatus::Stale {
        return Err(MarketplaceError::Rule(
            Code::BidNotStale,
            "only a bid placed on older terms needs re-confirming",
        ));
    }
    check_bidder(&txn, user, &p, now).await?;
    let offer = BidOffer {
        price_fen: b.price_fen,
        promised_working_days: b.promised_working_days,
        proposal: String::new(),
        proposal_file: None,
        proposal_digest: None,
    };
    check_offer(&p, &offer)?;
    let step = Move {
        key: b.id,
        from: BidStatus::Stale,
        to: BidStatus::Active,
    };
    let also = vec![(bid::Column::TermsVersion, Expr::value(p.terms_version))];
    moved(store::move_bid(&txn, step, now, also).await?, &b)?;
    let saved = store::bid_by_id(&txn, b.id)
        .await?
        .ok_or(MarketplaceError::NotFound("bid"))?;
    log_event(&txn, user, &saved, BidAction::Confirm, now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The intermediary's own bids with their procurements, newest first.
pub async fn my_bids(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<(bid::Model, procurement::Model)>, MarketplaceError> {
    let bids = store::bids_of_organisation(db, user.organisation_id).await?;
    let procurements =
        procurement_store::procurements_by_id(db, bids.iter().map(|b| b.procurement_id)).await?;
    Ok(bids
        .into_iter()
        .filter_map(|b| {
            let p = procurements
                .iter()
                .find(|p| p.id == b.procurement_id)?
                .clone();
            Some((b, p))
        })
        .collect())
}

/// Every bid of a closed procurement, for its owner and the centre (and regulators).
pub async fn bids_after_closing(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
) -> Result<Vec<BidView>, MarketplaceError> {
    let p = procurement_store::procurement(db, procurement)
        .await?
        .filter(|p| matches!(viewer(p, user), Viewer::Owner | Viewer::Staff))
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if bids_sealed(&p) {
        return Err(MarketplaceError::Rule(
            Code::BidsSealed,
            "bids are sealed until the bidding deadline",
        ));
    }
    bid_views(db, p.id).await
}

/// The bids of a procurement with their bidders and standings.
pub async fn bid_views<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<BidView>, MarketplaceError> {
    let bids = store::bids_of_procurement(conn, procurement_id).await?;
    let ids: Vec<i64> = bids.iter().map(|b| b.organisation_id).collect();
    let orgs = accounts::organisations_by_id(conn, ids.clone()).await?;
    let standings = credit::standings(conn, &ids).await?;
    Ok(bids
        .into_iter()
        .filter_map(|bid| {
            let bidder = orgs.iter().find(|o| o.id == bid.organisation_id)?.clone();
            let standing = standings
                .get(&bid.organisation_id)
                .copied()
                .unwrap_or_default();
            Some(BidView {
                bid,
                bidder,
                standing,
            })
        })
        .collect())
}

/// Whether the user may read a bid (and so its proposal file): its bidder always; the
/// procurement's owner and the centre once bidding has closed.
pub async fn may_read_bid(
    db: &DatabaseConnection,
    user: &CurrentUser,
    bid: Uuid,
) -> Result<bool, MarketplaceError> {
    let Some(b) = store::bid(db, bid).await? else {
        return Ok(false);
    };
    if b.organisation_id == user.organisation_id {
        return Ok(true);
    }
    let Some(p) = procurement_store::procurement_by_id(db, b.procurement_id).await? else {
        return Ok(false);
    };
    Ok(!bids_sealed(&p) && matches!(viewer(&p, user), Viewer::Owner | Viewer::Staff))
}

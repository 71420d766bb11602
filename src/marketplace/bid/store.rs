//! Bid queries. Only the bids service calls these, and it asks for other organisations' bids
//! only once bidding has closed.

use chrono::{DateTime, Utc};
use entities::{
    bid::{self, Entity as Bid},
    bid_event::{self, Entity as BidEvent},
};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::super::model::BidStatus;
use crate::lifecycle::{self, Move};

pub async fn bid_of<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
    organisation_id: i64,
) -> Result<Option<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::ProcurementId.eq(procurement_id))
        .filter(bid::Column::OrganisationId.eq(organisation_id))
        .one(conn)
        .await
}

pub async fn bid<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn bid_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<bid::Model>, DbErr> {
    Bid::find_by_id(id).one(conn).await
}

pub async fn bids_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::Id.is_in(ids))
        .all(conn)
        .await
}

/// An organisation's bids on any of these procurements.
pub async fn bids_of_on<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    procurement_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::OrganisationId.eq(organisation_id))
        .filter(bid::Column::ProcurementId.is_in(procurement_ids))
        .all(conn)
        .await
}

pub async fn insert_bid<C: ConnectionTrait>(
    conn: &C,
    row: bid::ActiveModel,
) -> Result<bid::Model, DbErr> {
    Bid::insert(row).exec_with_returning(conn).await
}

pub async fn update_bid<C: ConnectionTrait>(
    conn: &C,
    row: bid::ActiveModel,
) -> Result<bid::Model, DbErr> {
    row.update(conn).await
}

/// Every bid on a procurement, earliest placed first.
pub async fn bids_of_procurement<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(bid::Column::PlacedAt)
        .order_by_asc(bid::Column::Id)
        .all(conn)
        .await
}

/// Every bid on any of these procurements, earliest placed first.
pub async fn bids_of_procurements<C: ConnectionTrait>(
    conn: &C,
    procurement_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::ProcurementId.is_in(procurement_ids))
        .order_by_asc(bid::Column::PlacedAt)
        .order_by_asc(bid::Column::Id)
        .all(conn)
        .await
}

/// An organisation's own bids, newest first.
pub async fn bids_of_organisation<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<bid::Model>, DbErr> {
    Bid::find()
        .filter(bid::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(bid::Column::Id)
        .all(conn)
        .await
}

/// Moves a bid along its lifecycle if it still holds `step.from` (the compare-and-set),
/// stamping `updated_at` and setting `also` with it; answers whether it moved.
pub async fn move_bid<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, BidStatus>,
    now: DateTime<Utc>,
    also: Vec<(bid::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    let mut also = also;
    also.push((bid::Column::UpdatedAt, Expr::value(now)));
    lifecycle::move_status::<Bid, _, _>(conn, bid::Column::Id, bid::Column::Status, step, also)
        .await
}

/// Marks the active bids of a procurement stale (terms changed); answers nothing, so the caller
/// cannot learn how many there were.
pub async fn mark_stale<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let active = Bid::find()
        .filter(bid::Column::ProcurementId.eq(procurement_id))
        .filter(bid::Column::Status.eq(BidStatus::Active))
        .all(conn)
        .await?;
    for b in active {
        let step = Move {
            key: b.id,
            from: BidStatus::Active,
            to: BidStatus::Stale,
        };
        move_bid(conn, step, now, Vec::new()).await?;
    }
    Ok(())
}

pub async fn insert_event<C: ConnectionTrait>(
    conn: &C,
    row: bid_event::ActiveModel,
) -> Result<(), DbErr> {
    BidEvent::insert(row).exec_without_returning(conn).await?;
    Ok(())
}

pub async fn events<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<bid_event::Model>, DbErr> {
    BidEvent::find()
        .filter(bid_event::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(bid_event::Column::Id)
        .all(conn)
        .await
}

//! Outbox queries. Claiming is one conditional `UPDATE`: a message is taken only while it is
//! pending, due and unclaimed (or its claim has lapsed), which PostgreSQL re-checks on the locked
//! row and SQLite's single writer serialises, so two workers never hold the same message.

use chrono::{DateTime, Utc};
use entities::outbox_message::{self, Entity as OutboxMessage};
use sea_orm::{
    sea_query::Expr, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::pagination::Paging;

use super::dto::OutboxStatus::{self, Dead, Pending, Sent};

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    payload: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    OutboxMessage::insert(outbox_message::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        status: Set(Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The pending messages of `kind` created in `[from, to)` whose payload contains `marker`:
/// (id, payload).
pub async fn pending_between<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    marker: &str,
) -> Result<Vec<(i64, String)>, DbErr> {
    OutboxMessage::find()
        .select_only()
        .column(outbox_message::Column::Id)
        .column(outbox_message::Column::Payload)
        .filter(outbox_message::Column::Kind.eq(kind))
        .filter(outbox_message::Column::Status.eq(Pending))
        .filter(outbox_message::Column::CreatedAt.gte(from))
        .filter(outbox_message::Column::CreatedAt.lt(to))
        .filter(outbox_message::Column::Payload.contains(marker))
        .into_tuple()
        .all(conn)
        .await
}

/// Deletes messages by id; answers how many.
pub async fn delete<C: ConnectionTrait>(conn: &C, ids: Vec<i64>) -> Result<u64, DbErr> {
    let mut deleted = 0;
    for chunk in ids.chunks(500) {
        deleted += OutboxMessage::delete_many()
            .filter(outbox_message::Column::Id.is_in(chunk.iter().copied()))
            .exec(conn)
            .await?
            .rows_affected;
    }
    Ok(deleted)
}

fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(outbox_message::Column::Status.eq(Pending))
        .add(outbox_message::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(outbox_message::Column::ClaimedUntil.is_null())
                .add(outbox_message::Column::ClaimedUntil.lt(now)),
        )
}

/// Claims up to `limit` due messages for `token` until `until`, oldest first.
pub async fn claim_due<C: ConnectionTrait>(
    conn: &C,
    token: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    let ids: Vec<i64> = OutboxMessage::find()
        .select_only()
        .column(outbox_message::Column::Id)
        .filter(claimable(now))
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    OutboxMessage::update_many()
        .col_expr(outbox_message::Column::ClaimedBy, Expr::value(token))
        .col_expr(outbox_message::Column::ClaimedUntil, Expr::value(until))
        .filter(outbox_message::Column::Id.is_in(ids))
        .filter(claimable(now))
        .exec(conn)
        .await?;
    OutboxMessage::find()
        .filter(outbox_message::Column::ClaimedBy.eq(token))
        .filter(outbox_message::Column::Status.eq(Pending))
        .order_by_asc(outbox_message::Column::Id)
        .all(conn)
        .await
}

/// Records an attempt's end: `status` is `sent`, `pending` (retry at `next_attempt_at`) or `dead`.
pub async fn settle<C: ConnectionTrait>(
    conn: &C,
    message: &outbox_message::Model,
    status: OutboxStatus,
    next_attempt_at: DateTime<Utc>,
    error: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let sent_at = (status == Sent).then_some(now);
    OutboxMessage::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(status))
        .col_expr(
            outbox_message::Column::Attempts,
            Expr::value(message.attempts + 1),
        )
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            Expr::value(next_attempt_at),
        )
        .col_expr(outbox_message::Column::LastError, Expr::value(error))
        .col_expr(outbox_message::Column::SentAt, Expr::value(sent_at))
        .col_expr(
            outbox_message::Column::ClaimedBy,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_message::Column::Id.eq(message.id))
        .filter(outbox_message::Column::ClaimedBy.eq(message.claimed_by.clone()))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    status: Option<OutboxStatus>,
    paging: &Paging,
) -> Result<(Vec<outbox_message::Model>, u64), DbErr> {
    let mut select = OutboxMessage::find();
    if let Some(status) = status {
        select = select.filter(outbox_message::Column::Status.eq(status));
    }
    let paginator = select
        .order_by_desc(outbox_message::Column::Id)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(paging.page_index()).await?, total))
}

/// Puts a dead message back in the queue with fresh attempts; `false` if it was not dead.
pub async fn requeue<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<outbox_message::Model>, DbErr> {
    let result = OutboxMessage::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(Pending))
        .col_expr(outbox_message::Column::Attempts, Expr::value(0))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox_message::Column::PublicId.eq(public_id))
        .filter(outbox_message::Column::Status.eq(Dead))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Ok(None);
    }
    by_public_id(conn, public_id).await
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<outbox_message::Model>, DbErr> {
    OutboxMessage::find()
        .filter(outbox_message::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

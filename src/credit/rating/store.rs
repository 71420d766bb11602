//! Rating queries.

use chrono::{DateTime, Utc};
use entities::rating::{self, Entity as Rating, RatingStatus};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    lifecycle::{move_status, Move},
    pagination::Paging,
};

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: rating::ActiveModel,
) -> Result<rating::Model, DbErr> {
    row.insert(conn).await
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::PublicId.eq(id))
        .one(conn)
        .await
}

/// A page of the tasks an organisation rates (every organisation's when none), open ones by
/// deadline first, then the newest.
pub async fn tasks_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Option<i64>,
    status: Option<RatingStatus>,
    paging: &Paging,
) -> Result<(Vec<rating::Model>, u64), DbErr> {
    let mut select = Rating::find();
    if let Some(id) = organisation_id {
        select = select.filter(rating::Column::RaterOrganisationId.eq(id));
    }
    if let Some(status) = status {
        select = select.filter(rating::Column::Status.eq(status));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_asc(Expr::cust("CASE WHEN status = 'open' THEN 0 ELSE 1 END"))
        .order_by_asc(rating::Column::DueAt)
        .order_by_desc(rating::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

/// Moves an open task to rated, with its scores, if it is still open.
pub async fn give<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    scores: String,
    comment: Option<String>,
    rated_by: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let step = Move {
        key: id,
        from: RatingStatus::Open,
        to: RatingStatus::Rated,
    };
    let also = vec![
        (rating::Column::Scores, Expr::value(scores)),
        (rating::Column::Comment, Expr::value(comment)),
        (rating::Column::RatedBy, Expr::value(rated_by)),
        (rating::Column::RatedAt, Expr::value(now)),
        (rating::Column::UpdatedAt, Expr::value(now)),
    ];
    move_status::<Rating, _, _>(conn, rating::Column::Id, rating::Column::Status, step, also).await
}

/// Open tasks whose window ended before `now`, `limit` of them.
pub async fn overdue<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::Status.eq(RatingStatus::Open))
        .filter(rating::Column::DueAt.lt(now))
        .order_by_asc(rating::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// Moves an open task to lapsed, if it is still open.
pub async fn lapse<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let step = Move {
        key: id,
        from: RatingStatus::Open,
        to: RatingStatus::Lapsed,
    };
    let also = vec![
        (rating::Column::LapsedAt, Expr::value(now)),
        (rating::Column::UpdatedAt, Expr::value(now)),
    ];
    move_status::<Rating, _, _>(conn, rating::Column::Id, rating::Column::Status, step, also).await
}

/// An appeal's decision on a rating: overturned (it leaves the score) or adjusted scores.
pub async fn amend<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    overturned: bool,
    adjusted_scores: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Rating::update_many()
        .col_expr(rating::Column::Overturned, Expr::value(overturned))
        .col_expr(rating::Column::AdjustedScores, Expr::value(adjusted_scores))
        .col_expr(rating::Column::UpdatedAt, Expr::value(now))
        .filter(rating::Column::Id.eq(id))
        .exec(conn)
        .await
        .map(|_| ())
}

/// Open, unreminded tasks whose reminder is due at `now`, `limit` of them.
pub async fn to_remind<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::Status.eq(RatingStatus::Open))
        .filter(rating::Column::RemindedAt.is_null())
        .filter(rating::Column::RemindAt.lte(now))
        .filter(rating::Column::DueAt.gte(now))
        .order_by_asc(rating::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// Marks a task reminded, once (compare and set).
pub async fn mark_reminded<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Rating::update_many()
        .col_expr(rating::Column::RemindedAt, Expr::value(now))
        .filter(rating::Column::Id.eq(id))
        .filter(rating::Column::RemindedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<rating::Model>, DbErr> {
    Rating::find_by_id(id).one(conn).await
}

//! `rating_flags` reads and writes, and the rating rows the checks read.

use chrono::{DateTime, Utc};
use entities::{
    rating::{self, Entity as Rating, RatingStatus},
    rating_flag::{self, Entity as RatingFlag, RatingFlagStatus},
};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::pagination::Paging;

/// The scores (as given) of a user's last `limit` ratings, the newest first.
pub async fn last_given_scores<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    limit: u64,
) -> Result<Vec<Option<String>>, DbErr> {
    Rating::find()
        .select_only()
        .column(rating::Column::Scores)
        .filter(rating::Column::RatedBy.eq(user_id))
        .filter(rating::Column::Status.eq(RatingStatus::Rated))
        .order_by_desc(rating::Column::RatedAt)
        .order_by_desc(rating::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await
}

/// How many ratings a user gave from `since` on.
pub async fn given_since<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Rating::find()
        .filter(rating::Column::RatedBy.eq(user_id))
        .filter(rating::Column::Status.eq(RatingStatus::Rated))
        .filter(rating::Column::RatedAt.gte(since))
        .count(conn)
        .await
}

/// Saves a flag unless the rating has one of its kind.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: rating_flag::ActiveModel,
) -> Result<(), DbErr> {
    RatingFlag::insert(row)
        .on_conflict(
            OnConflict::columns([rating_flag::Column::RatingId, rating_flag::Column::Kind])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: uuid::Uuid,
) -> Result<Option<rating_flag::Model>, DbErr> {
    RatingFlag::find()
        .filter(rating_flag::Column::PublicId.eq(id))
        .one(conn)
        .await
}

/// Marks an open flag reviewed; false when it was not open.
pub async fn review<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    user_id: i64,
    note: String,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = RatingFlag::update_many()
        .set(rating_flag::ActiveModel {
            status: Set(RatingFlagStatus::Reviewed),
            reviewed_by: Set(Some(user_id)),
            reviewed_at: Set(Some(now)),
            review_note: Set(Some(note)),
            ..Default::default()
        })
        .filter(rating_flag::Column::Id.eq(id))
        .filter(rating_flag::Column::Status.eq(RatingFlagStatus::Open))
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A page of flags with their ratings: open ones first, the oldest open first, then the newest
/// reviewed.
pub async fn flags<C: ConnectionTrait>(
    conn: &C,
    status: Option<RatingFlagStatus>,
    paging: &Paging,
) -> Result<(Vec<(rating_flag::Model, Option<rating::Model>)>, u64), DbErr> {
    let mut select = RatingFlag::find().find_also_related(Rating);
    if let Some(status) = status {
        select = select.filter(rating_flag::Column::Status.eq(status));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_asc(sea_orm::sea_query::Expr::cust(
            "CASE WHEN rating_flags.status = 'open' THEN 0 ELSE 1 END",
        ))
        .order_by_asc(sea_orm::sea_query::Expr::cust(
            "CASE WHEN rating_flags.status = 'open' THEN rating_flags.id ELSE -rating_flags.id END",
        ))
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

/// How many flags wait for a regulator.
pub async fn open_count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    RatingFlag::find()
        .filter(rating_flag::Column::Status.eq(RatingFlagStatus::Open))
        .count(conn)
        .await
}

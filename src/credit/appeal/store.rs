//! Appeal queries.

use chrono::{DateTime, Utc};
use entities::appeal::{self, AppealStatus, Entity as Appeal};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    lifecycle::{move_status, Move},
    pagination::Paging,
};

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: appeal::ActiveModel,
) -> Result<appeal::Model, DbErr> {
    row.insert(conn).await
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<appeal::Model>, DbErr> {
    Appeal::find()
        .filter(appeal::Column::PublicId.eq(id))
        .one(conn)
        .await
}

pub async fn by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<appeal::Model>, DbErr> {
    Appeal::find_by_id(id).one(conn).await
}

/// The appeal of a rating or a sanction, if there is one.
pub async fn of_target<C: ConnectionTrait>(
    conn: &C,
    rating_id: Option<i64>,
    sanction_id: Option<i64>,
) -> Result<Option<appeal::Model>, DbErr> {
    let select = match (rating_id, sanction_id) {
        (Some(id), _) => Appeal::find().filter(appeal::Column::RatingId.eq(id)),
        (None, Some(id)) => Appeal::find().filter(appeal::Column::SanctionId.eq(id)),
        (None, None) => return Ok(None),
    };
    select.one(conn).await
}

/// Moves an open appeal to its decision, if it is still open.
pub async fn decide<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    to: AppealStatus,
    mut also: Vec<(appeal::Column, SimpleExpr)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    also.push((appeal::Column::UpdatedAt, Expr::value(now)));
    let step = Move {
        key: id,
        from: AppealStatus::Open,
        to,
    };
    move_status::<Appeal, _, _>(conn, appeal::Column::Id, appeal::Column::Status, step, also).await
}

/// A page of appeals: open ones by their deadline first (the most overdue first), then the
/// newest decided.
pub async fn appeals<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Option<i64>,
    status: Option<AppealStatus>,
    paging: &Paging,
) -> Result<(Vec<appeal::Model>, u64), DbErr> {
    let mut select = Appeal::find();
    if let Some(id) = organisation_id {
        select = select.filter(appeal::Column::OrganisationId.eq(id));
    }
    if let Some(status) = status {
        select = select.filter(appeal::Column::Status.eq(status));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_asc(Expr::cust("CASE WHEN status = 'open' THEN 0 ELSE 1 END"))
        .order_by_asc(appeal::Column::DueAt)
        .order_by_desc(appeal::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

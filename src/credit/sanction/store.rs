//! Sanction queries.

use chrono::{DateTime, Utc};
use entities::sanction::{self, Entity as Sanction, SanctionKind, SanctionStatus};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    credit::model::SANCTIONS_IN_FORCE,
    lifecycle::{move_status, Move},
    pagination::Paging,
};

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: sanction::ActiveModel,
) -> Result<sanction::Model, DbErr> {
    row.insert(conn).await
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<sanction::Model>, DbErr> {
    Sanction::find()
        .filter(sanction::Column::PublicId.eq(id))
        .one(conn)
        .await
}

pub async fn by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<sanction::Model>, DbErr> {
    Sanction::find_by_id(id).one(conn).await
}

/// The intermediary's sanction of this kind in force, if any.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    kind: SanctionKind,
) -> Result<Option<sanction::Model>, DbErr> {
    Sanction::find()
        .filter(sanction::Column::OrganisationId.eq(organisation_id))
        .filter(sanction::Column::Kind.eq(kind))
        .filter(sanction::Column::Status.is_in(SANCTIONS_IN_FORCE))
        .one(conn)
        .await
}

/// Moves a sanction's status if it still holds `from`, setting `also` with it.
pub async fn move_sanction<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    (from, to): (SanctionStatus, SanctionStatus),
    mut also: Vec<(sanction::Column, SimpleExpr)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    also.push((sanction::Column::UpdatedAt, Expr::value(now)));
    let step = Move { key: id, from, to };
    move_status::<Sanction, _, _>(
        conn,
        sanction::Column::Id,
        sanction::Column::Status,
        step,
        also,
    )
    .await
}

/// Which sanctions a list shows.
#[derive(Debug, Clone, Default)]
pub struct SanctionFilter {
    pub organisation_id: Option<i64>,
    pub status: Option<SanctionStatus>,
    pub kind: Option<SanctionKind>,
}

/// A page of sanctions: those in force first, the earliest deadline (the most overdue) first,
/// then the newest.
pub async fn sanctions<C: ConnectionTrait>(
    conn: &C,
    filter: &SanctionFilter,
    paging: &Paging,
) -> Result<(Vec<sanction::Model>, u64), DbErr> {
    let mut select = Sanction::find();
    if let Some(id) = filter.organisation_id {
        select = select.filter(sanction::Column::OrganisationId.eq(id));
    }
    if let Some(status) = filter.status {
        select = select.filter(sanction::Column::Status.eq(status));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(sanction::Column::Kind.eq(kind));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_asc(Expr::cust(
            "CASE WHEN status IN ('open', 'reported', 'proposed') THEN 0 WHEN status = 'delisted' THEN 1 ELSE 2 END",
        ))
        .order_by_asc(Expr::cust("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END"))
        .order_by_asc(sanction::Column::DueAt)
        .order_by_desc(sanction::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

/// Open rectifications whose deadline passed before `now`, `limit` of them.
pub async fn overdue_rectifications<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<sanction::Model>, DbErr> {
    Sanction::find()
        .filter(sanction::Column::Kind.eq(SanctionKind::Rectification))
        .filter(sanction::Column::Status.eq(SanctionStatus::Open))
        .filter(sanction::Column::DueAt.lt(now))
        .order_by_asc(sanction::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

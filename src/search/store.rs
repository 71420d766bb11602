//! The search change log.

use chrono::{DateTime, Utc};
use entities::search_change::{self, Entity as SearchChange};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::model::DocKind;
use crate::db;

/// Appends a change; ids follow commit order because writers are serialised first.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    kind: DocKind,
    doc_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    db::serialise_writes(conn).await?;
    SearchChange::insert(search_change::ActiveModel {
        doc_kind: Set(kind),
        doc_id: Set(doc_id),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

pub async fn changes_after<C: ConnectionTrait>(
    conn: &C,
    position: i64,
    limit: u64,
) -> Result<Vec<search_change::Model>, DbErr> {
    SearchChange::find()
        .filter(search_change::Column::Id.gt(position))
        .order_by_asc(search_change::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

pub async fn last_position<C: ConnectionTrait>(conn: &C) -> Result<i64, DbErr> {
    Ok(SearchChange::find()
        .order_by_desc(search_change::Column::Id)
        .one(conn)
        .await?
        .map(|change| change.id)
        .unwrap_or_default())
}

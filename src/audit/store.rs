//! Audit queries. Appending serialises writers first (`db::serialise_writes`); the primary key
//! on `seq` refuses a fork in any case.

use entities::audit_entry::{self, Entity as AuditEntry};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::dto::AuditQuery;
use crate::pagination::Paging;

pub async fn last_entry<C: ConnectionTrait>(conn: &C) -> Result<Option<audit_entry::Model>, DbErr> {
    AuditEntry::find()
        .order_by_desc(audit_entry::Column::Seq)
        .one(conn)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    model: audit_entry::ActiveModel,
) -> Result<(), DbErr> {
    AuditEntry::insert(model)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A batch of entries in chain order, after `after_seq`.
pub async fn entries_after<C: ConnectionTrait>(
    conn: &C,
    after_seq: i64,
    limit: u64,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    AuditEntry::find()
        .filter(audit_entry::Column::Seq.gt(after_seq))
        .order_by_asc(audit_entry::Column::Seq)
        .limit(limit)
        .all(conn)
        .await
}

/// One page of entries matching the filters, newest first, and the total.
pub async fn search<C: ConnectionTrait>(
    conn: &C,
    query: &AuditQuery,
    paging: &Paging,
) -> Result<(Vec<audit_entry::Model>, u64), DbErr> {
    use audit_entry::Column;
    let mut select = AuditEntry::find();
    if let Some(actor) = &query.actor {
        select = select.filter(Column::ActorEmail.eq(actor.trim().to_lowercase()));
    }
    if let Some(action) = &query.action {
        select = select.filter(Column::Action.eq(action.as_str()));
    }
    if let Some(target_type) = &query.target_type {
        select = select.filter(Column::TargetType.eq(target_type.as_str()));
    }
    if let Some(target_id) = &query.target_id {
        select = select.filter(Column::TargetId.eq(target_id.as_str()));
    }
    if let Some(from) = query.from {
        select = select.filter(Column::OccurredAt.gte(from));
    }
    if let Some(to) = query.to {
        select = select.filter(Column::OccurredAt.lt(to));
    }
    let paginator = select
        .order_by_desc(Column::Seq)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(paging.page_index()).await?;
    Ok((items, total))
}

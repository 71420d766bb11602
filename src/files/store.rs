//! Stored-file queries.

use chrono::{DateTime, Utc};
use entities::organisation;
use entities::stored_file::{self, Entity as StoredFile};
use sea_orm::{
    sea_query::{Alias, Expr, Func},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    model: stored_file::ActiveModel,
) -> Result<stored_file::Model, DbErr> {
    StoredFile::insert(model).exec_with_returning(conn).await
}

pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<stored_file::Model>, DbErr> {
    StoredFile::find()
        .filter(stored_file::Column::PublicId.eq(id))
        .one(conn)
        .await
}

/// Files no record claimed, uploaded before `cutoff`.
pub async fn unattached_before<C: ConnectionTrait>(
    conn: &C,
    cutoff: DateTime<Utc>,
) -> Result<Vec<stored_file::Model>, DbErr> {
    StoredFile::find()
        .filter(stored_file::Column::OwnerType.is_null())
        .filter(stored_file::Column::CreatedAt.lt(cutoff))
        .all(conn)
        .await
}

pub async fn delete<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    StoredFile::delete_by_id(id).exec(conn).await?;
    Ok(())
}

/// How many rows still point at a content hash.
pub async fn count_with_hash<C: ConnectionTrait>(conn: &C, sha256: &str) -> Result<u64, DbErr> {
    StoredFile::find()
        .filter(stored_file::Column::Sha256.eq(sha256))
        .count(conn)
        .await
}

/// Holds the organisation's row until the transaction ends (PostgreSQL: `FOR UPDATE`; SQLite
/// has one writer anyway), so two uploads of one organisation check their quota one at a time.
pub async fn lock_organisation<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    organisation::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?;
    Ok(())
}

/// When the organisation's uploads since `since` arrived, oldest first, at most `limit` of them.
pub async fn uploads_since<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    since: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    StoredFile::find()
        .select_only()
        .column(stored_file::Column::CreatedAt)
        .filter(stored_file::Column::OrganisationId.eq(organisation_id))
        .filter(stored_file::Column::CreatedAt.gte(since))
        .order_by_asc(stored_file::Column::CreatedAt)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await
}

/// The bytes of the organisation's files no record claimed, and when the oldest arrived.
pub async fn unclaimed_usage<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let row: Option<(Option<i64>, Option<DateTime<Utc>>)> = StoredFile::find()
        .select_only()
        // PostgreSQL sums a bigint column as numeric: cast it back.
        .column_as(
            Expr::from(Func::cast_as(
                Func::sum(Expr::col(stored_file::Column::Size)),
                Alias::new("bigint"),
            )),
            "bytes",
        )
        .column_as(
            Expr::from(Func::min(Expr::col(stored_file::Column::CreatedAt))),
            "oldest",
        )
        .filter(stored_file::Column::OrganisationId.eq(organisation_id))
        .filter(stored_file::Column::OwnerType.is_null())
        .into_tuple()
        .one(conn)
        .await?;
    let (bytes, oldest) = row.unwrap_or((None, None));
    Ok((
        bytes.and_then(|b| u64::try_from(b).ok()).unwrap_or(0),
        oldest,
    ))
}

//! Stored-file queries.

use chrono::{DateTime, Utc};
use entities::stored_file::{self, Entity as StoredFile};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
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

//! Bulk writes of enterprise profiles, for benchmark-scale loads: first profiles, their
//! qualifications and manual tags, as many rows per statement as the database allows, and on
//! SQLite a page cache large enough for the load. What a load skips (history, audit entry per
//! profile, change-log rows) is the use case's to say: see
//! [`crate::enterprises::import_profiles_in_bulk`].

use entities::enterprise_tag;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, Set, Statement};

use super::{carried_over, profile_row, Verifier};
use crate::enterprises::{model::ProfileFields, SizeClass};

/// One enterprise of a bulk load, its organisation inserted already.
pub struct LoadedProfile<'a> {
    pub organisation_id: i64,
    pub fields: &'a ProfileFields,
    pub size_class: Option<SizeClass>,
    /// The ids of its manual tags.
    pub tag_ids: Vec<i64>,
}

/// Inserts the first version of each profile, its qualifications (verified by `verifier`, as
/// the centre's import verifies them) and its manual tags (given by `verifier`'s user, if any, at
/// the verifier's time).
pub async fn insert_profiles<C: ConnectionTrait>(
    conn: &C,
    profiles: &[LoadedProfile<'_>],
    verifier: &Verifier,
) -> Result<(), DbErr> {
    let now = verifier.at;
    let rows = profiles
        .iter()
        .map(|p| profile_row(p.organisation_id, p.fields, (p.size_class, 1), now))
        .collect::<Result<Vec<_>, DbErr>>()?;
    insert_chunked(conn, rows).await?;
    let qualifications = profiles.iter().flat_map(|p| {
        p.fields
            .qualifications
            .iter()
            .map(|q| carried_over(p.organisation_id, q, &mut Vec::new(), Some(verifier)))
    });
    insert_chunked(conn, qualifications.collect()).await?;
    let tags = profiles.iter().flat_map(|p| {
        p.tag_ids.iter().map(|tag_id| enterprise_tag::ActiveModel {
            organisation_id: Set(p.organisation_id),
            tag_id: Set(*tag_id),
            assigned_at: Set(now),
            assigned_by: Set(verifier.user),
        })
    });
    insert_chunked(conn, tags.collect()).await
}

/// Inserts rows, as many per statement as the database allows.
async fn insert_chunked<A, C>(conn: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
    C: ConnectionTrait,
{
    let per_statement = crate::db::rows_per_insert::<A::Entity>(conn.get_database_backend());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// SQLite's page cache during a bulk load, in KiB: random keys (public ids, codes) would otherwise
/// make most inserts read their index pages back from the file once the default 2 MiB is full.
const BULK_CACHE_KIB: i64 = 256 * 1024;

/// On SQLite, enlarges the connection's page cache for a bulk load and answers the previous
/// setting (for [`restore_page_cache`]); elsewhere does nothing.
pub async fn enlarge_page_cache<C: ConnectionTrait>(conn: &C) -> Result<Option<i64>, DbErr> {
    if conn.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    let statement = Statement::from_string(DbBackend::Sqlite, "PRAGMA cache_size");
    let previous = match conn.query_one_raw(statement).await? {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => return Ok(None),
    };
    conn.execute_unprepared(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))
        .await?;
    Ok(Some(previous))
}

/// Puts back the page cache setting [`enlarge_page_cache`] answered.
pub async fn restore_page_cache<C: ConnectionTrait>(
    conn: &C,
    previous: Option<i64>,
) -> Result<(), DbErr> {
    if let Some(size) = previous {
        conn.execute_unprepared(&format!("PRAGMA cache_size = {size}"))
            .await?;
    }
    Ok(())
}

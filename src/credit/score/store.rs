//! Score queries: the ratings a score reads, standings, the star history, and the lists of
//! intermediaries with their standings.

use chrono::{DateTime, Utc};
use entities::{
    credit_standing::{self, Entity as CreditStanding},
    organisation::{self, Entity as Organisation, OrganisationKind, OrganisationStatus},
    rating::{self, Entity as Rating},
    star_change::{self, Entity as StarChange},
};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::{
    db::{contains_text, rows_per_insert},
    pagination::Paging,
};

/// The intermediary's ratings of jobs accepted from `from` on.
pub async fn ratings_of<C: ConnectionTrait>(
    conn: &C,
    intermediary_id: i64,
    from: DateTime<Utc>,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::IntermediaryId.eq(intermediary_id))
        .filter(rating::Column::AcceptedAt.gte(from))
        .order_by_asc(rating::Column::Id)
        .all(conn)
        .await
}

/// The ratings of jobs accepted from `from` on of each of the intermediaries, in id order.
pub async fn ratings_of_many<C: ConnectionTrait>(
    conn: &C,
    intermediary_ids: &[i64],
    from: DateTime<Utc>,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::IntermediaryId.is_in(intermediary_ids.iter().copied()))
        .filter(rating::Column::AcceptedAt.gte(from))
        .order_by_asc(rating::Column::Id)
        .all(conn)
        .await
}

/// Every rating task of the intermediary, newest first.
pub async fn all_ratings_of<C: ConnectionTrait>(
    conn: &C,
    intermediary_id: i64,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(rating::Column::IntermediaryId.eq(intermediary_id))
        .order_by_desc(rating::Column::AcceptedAt)
        .order_by_asc(rating::Column::Id)
        .all(conn)
        .await
}

pub async fn standing<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Option<credit_standing::Model>, DbErr> {
    CreditStanding::find_by_id(organisation_id).one(conn).await
}

pub async fn standings<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<Vec<credit_standing::Model>, DbErr> {
    CreditStanding::find()
        .filter(credit_standing::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .all(conn)
        .await
}

/// What writing a standing over an existing one updates: everything but whether it is
/// delisted (the sanctions decide that).
fn standing_upsert() -> OnConflict {
    OnConflict::column(credit_standing::Column::OrganisationId)
        .update_columns([
            credit_standing::Column::Score,
            credit_standing::Column::Stars,
            credit_standing::Column::ScoreHundredths,
            credit_standing::Column::FormulaVersion,
            credit_standing::Column::RatedJobs,
            credit_standing::Column::Explanation,
            credit_standing::Column::UpdatedAt,
        ])
        .to_owned()
}

/// Writes a standing, keeping whether it is delisted (the sanctions decide that).
pub async fn save_standing<C: ConnectionTrait>(
    conn: &C,
    row: credit_standing::ActiveModel,
) -> Result<(), DbErr> {
    CreditStanding::insert(row)
        .on_conflict(standing_upsert())
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// Writes standings in bulk (a statement per chunk the database takes), each as
/// [`save_standing`] writes it.
pub async fn save_standings<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<credit_standing::ActiveModel>,
) -> Result<(), DbErr> {
    let per_statement = rows_per_insert::<CreditStanding>(conn.get_database_backend());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_statement).collect();
        CreditStanding::insert_many(chunk)
            .on_conflict(standing_upsert())
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

pub async fn insert_star_change<C: ConnectionTrait>(
    conn: &C,
    row: star_change::ActiveModel,
) -> Result<(), DbErr> {
    StarChange::insert(row)
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// Star history rows in bulk, in the given order.
pub async fn insert_star_changes<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<star_change::ActiveModel>,
) -> Result<(), DbErr> {
    let per_statement = rows_per_insert::<StarChange>(conn.get_database_backend());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_statement).collect();
        StarChange::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The star history, newest first.
pub async fn star_history<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<star_change::Model>, DbErr> {
    StarChange::find()
        .filter(star_change::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(star_change::Column::Id)
        .all(conn)
        .await
}

/// Every intermediary that has a rating task or a standing, by id, after `after`, `limit` of them.
pub async fn scored_intermediaries<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<i64>, DbErr> {
    let mut ids: Vec<i64> = Rating::find()
        .select_only()
        .column(rating::Column::IntermediaryId)
        .distinct()
        .filter(rating::Column::IntermediaryId.gt(after))
        .order_by_asc(rating::Column::IntermediaryId)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    let standing_ids: Vec<i64> = CreditStanding::find()
        .select_only()
        .column(credit_standing::Column::OrganisationId)
        .filter(credit_standing::Column::OrganisationId.gt(after))
        .filter(credit_standing::Column::Stars.is_not_null())
        .order_by_asc(credit_standing::Column::OrganisationId)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    ids.extend(standing_ids);
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(ids)
}

/// Which intermediaries a list shows.
#[derive(Debug, Clone, Default)]
pub struct CreditFilter {
    /// Contained in the name or the unified social credit code.
    pub text: Option<String>,
    /// Only this many stars.
    pub stars: Option<u8>,
    /// Only active intermediaries (the public disclosure).
    pub active_only: bool,
}

/// A page of intermediaries with their standings (none: unrated), the best first.
pub async fn intermediaries<C: ConnectionTrait>(
    conn: &C,
    filter: &CreditFilter,
    paging: &Paging,
) -> Result<
    (
        Vec<(organisation::Model, Option<credit_standing::Model>)>,
        u64,
    ),
    DbErr,
> {
    let mut select = Organisation::find()
        .find_also_related(CreditStanding)
        .filter(organisation::Column::Kind.eq(OrganisationKind::Intermediary));
    if filter.active_only {
        select = select.filter(organisation::Column::Status.eq(OrganisationStatus::Active));
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        select = select.filter(
            sea_orm::Condition::any()
                .add(contains_text(organisation::Column::Name, text))
                .add(contains_text(organisation::Column::Uscc, text)),
        );
    }
    if let Some(stars) = filter.stars {
        select = select.filter(credit_standing::Column::Stars.eq(i16::from(stars)));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_desc(credit_standing::Column::ScoreHundredths)
        .order_by_asc(organisation::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

/// Sets whether the intermediary is delisted, writing an unrated standing when it has none.
pub async fn set_delisted<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    delisted: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = credit_standing::ActiveModel {
        organisation_id: sea_orm::Set(organisation_id),
        score: sea_orm::Set(None),
        stars: sea_orm::Set(None),
        delisted: sea_orm::Set(delisted),
        score_hundredths: sea_orm::Set(None),
        formula_version: sea_orm::Set(None),
        rated_jobs: sea_orm::Set(0),
        explanation: sea_orm::Set(None),
        updated_at: sea_orm::Set(now),
    };
    CreditStanding::insert(row)
        .on_conflict(
            OnConflict::column(credit_standing::Column::OrganisationId)
                .update_columns([
                    credit_standing::Column::Delisted,
                    credit_standing::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

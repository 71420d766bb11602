//! Score use cases: recomputing one intermediary's standing inside the caller's transaction (a
//! rating, a lapse, an appeal decision), recomputing everyone (a new formula, the nightly job),
//! the standings other domains read, and the credit files and lists people read.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Months, Utc};
use entities::{credit_standing, rating, star_change};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Set, TransactionTrait};
use uuid::Uuid;

use super::store::{self, CreditFilter};
use crate::{
    credit::{
        error::CreditError,
        event::service as event,
        formula::service::{self as formula, FormulaVersion},
        model::{
            explain, whole_points, FeedbackEvent, JobRatings, RaterPart, ScoreExplanation, Scores,
            Standing, StarLevel,
        },
        StarCause,
    },
    pagination::{Page, Paging},
};

/// The standing of each organisation (by internal id); those without a row are unrated.
pub async fn standings<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<HashMap<i64, Standing>, DbErr> {
    let mut found: HashMap<i64, Standing> = organisation_ids
        .iter()
        .map(|id| (*id, Standing::UNRATED))
        .collect();
    for row in store::standings(conn, organisation_ids).await? {
        found.insert(row.organisation_id, standing_of(&row));
    }
    Ok(found)
}

/// The standing of one organisation.
pub async fn standing<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Standing, DbErr> {
    Ok(standings(conn, &[organisation_id])
        .await?
        .remove(&organisation_id)
        .unwrap_or(Standing::UNRATED))
}

fn standing_of(row: &credit_standing::Model) -> Standing {
    Standing {
        score: row.score,
        stars: row
            .stars
            .and_then(|s| u8::try_from(s).ok())
            .and_then(StarLevel::new),
        delisted: row.delisted,
    }
}

/// A stored JSON object of scores; a row the code cannot read is an error, never a guess.
pub fn parse_scores(text: &str) -> Result<Scores, CreditError> {
    serde_json::from_str(text)
        .map_err(|e| CreditError::Internal(anyhow::anyhow!("stored rating scores unreadable: {e}")))
}

/// The scores a rating counts with: an appeal's adjustment, else the rater's.
pub fn effective_scores(row: &rating::Model) -> Result<Option<Scores>, CreditError> {
    row.adjusted_scores
        .as_deref()
        .or(row.scores.as_deref())
        .map(parse_scores)
        .transpose()
}

/// The jobs of a set of rating rows, each with its raters in the table's order.
pub(crate) fn jobs_of(rows: &[rating::Model]) -> Result<Vec<JobRatings>, CreditError> {
    let mut jobs: BTreeMap<i64, JobRatings> = BTreeMap::new();
    for row in rows {
        let part = RaterPart {
            rater: row.rater,
            status: row.status,
            overturned: row.overturned,
            scores: effective_scores(row)?,
        };
        jobs.entry(row.contract_id)
            .or_insert_with(|| JobRatings {
                job_id: row.job_id,
                title: row.job_title.clone(),
                accepted_at: row.accepted_at,
                parts: Vec::new(),
            })
            .parts
            .push(part);
    }
    Ok(jobs.into_values().collect())
}

/// The first instant of the formula's window ending at `now`.
fn window_from(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// What a recompute changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recomputed {
    pub before: Option<StarLevel>,
    pub standing: Standing,
    pub score_hundredths: Option<i32>,
}

/// Recomputes one intermediary's standing inside the caller's transaction, with the formula in
/// force and its window ending at `now`, and writes a star history row when the stars change.
pub async fn recompute<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    cause: StarCause,
    reference: Option<String>,
    now: DateTime<Utc>,
) -> Result<Recomputed, CreditError> {
    let formula = formula::current(conn).await?;
    recompute_with(conn, &formula, organisation_id, (cause, reference), now).await
}

/// [`recompute`] with the formula in force already read (a batch reads it once).
pub async fn recompute_with<C: ConnectionTrait>(
    conn: &C,
    formula: &FormulaVersion,
    organisation_id: i64,
    (cause, reference): (StarCause, Option<String>),
    now: DateTime<Utc>,
) -> Result<Recomputed, CreditError> {
    let from = window_from(now, formula.formula.window_months);
    let rows = store::ratings_of(conn, organisation_id, from).await?;
    let events = event::feedback_events_of(conn, &[organisation_id])
        .await?
        .remove(&organisation_id)
        .unwrap_or_default();
    let before = store::standing(conn, organisation_id).await?;
    let computed = compute(
        formula,
        organisation_id,
        (&rows, &events, before.as_ref()),
        (cause, reference),
        now,
    )?;
    store::save_standing(conn, computed.row).await?;
    if let Some(change) = computed.change {
        store::insert_star_change(conn, change).await?;
        let stars = computed.result.standing.stars;
        crate::credit::sanction::service::follow_stars(conn, organisation_id, stars, now).await?;
    }
    Ok(computed.result)
}

/// One intermediary's standing computed from its rows: the row to write, the star history row
/// when the stars change, and what changed.
struct Computed {
    row: credit_standing::ActiveModel,
    change: Option<star_change::ActiveModel>,
    result: Recomputed,
}

/// Computes a standing from the intermediary's ratings in the window, its events and its
/// standing before (none: unrated), with the formula's window ending at `now`.
fn compute(
    formula: &FormulaVersion,
    organisation_id: i64,
    (rows, events, before): (
        &[rating::Model],
        &[FeedbackEvent],
        Option<&credit_standing::Model>,
    ),
    (cause, reference): (StarCause, Option<String>),
    now: DateTime<Utc>,
) -> Result<Computed, CreditError> {
    let from = window_from(now, formula.formula.window_months);
    let explanation = explain(
        &jobs_of(rows)?,
        events,
        &formula.formula,
        formula.version,
        from,
        now,
    );
    let before_stars = before.map(standing_of).and_then(|s| s.stars);
    let delisted = before.is_some_and(|b| b.delisted);
    let stars = explanation.stars.and_then(StarLevel::new);
    let text = serde_json::to_string(&explanation).map_err(|e| CreditError::Internal(e.into()))?;
    let row = credit_standing::ActiveModel {
        organisation_id: Set(organisation_id),
        score: Set(explanation.score_hundredths.map(whole_points)),
        stars: Set(stars.map(|s| i16::from(s.stars()))),
        delisted: Set(delisted),
        score_hundredths: Set(explanation.score_hundredths),
        formula_version: Set(Some(formula.version)),
        rated_jobs: Set(i32::try_from(explanation.rated_jobs()).unwrap_or(i32::MAX)),
        explanation: Set(Some(text)),
        updated_at: Set(now),
    };
    let change = (before_stars != stars).then(|| star_change::ActiveModel {
        organisation_id: Set(organisation_id),
        from_stars: Set(before_stars.map(|s| i16::from(s.stars()))),
        to_stars: Set(stars.map(|s| i16::from(s.stars()))),
        score_hundredths: Set(explanation.score_hundredths),
        cause: Set(cause),
        reference: Set(reference),
        formula_version: Set(formula.version),
        changed_at: Set(now),
        ..Default::default()
    });
    Ok(Computed {
        row,
        change,
        result: Recomputed {
            before: before_stars,
            standing: Standing {
                score: explanation.score_hundredths.map(whole_points),
                stars,
                delisted,
            },
            score_hundredths: explanation.score_hundredths,
        },
    })
}

/// Recomputes every intermediary that has a rating or stars, a batch per transaction: each
/// batch's ratings, events and standings are read with one query each, its standings written
/// in bulk, then the star history of those whose stars changed and their sanctions — the same
/// rows as [`recompute_with`] one by one. Returns how many were recomputed and how many of them
/// changed stars.
pub async fn recompute_all(
    db: &DatabaseConnection,
    cause: StarCause,
    now: DateTime<Utc>,
) -> Result<(u64, u64), CreditError> {
    const BATCH: u64 = 1_000;
    let (mut done, mut changed, mut after) = (0, 0, 0);
    loop {
        let ids = store::scored_intermediaries(db, after, BATCH).await?;
        let Some(last) = ids.last().copied() else {
            return Ok((done, changed));
        };
        let txn = db.begin().await?;
        let formula = formula::current(&txn).await?;
        changed += recompute_batch(&txn, &formula, &ids, cause, now).await?;
        txn.commit().await?;
        done += ids.len() as u64;
        after = last;
    }
}

/// Recomputes a batch of intermediaries inside the caller's transaction; returns how many
/// changed stars.
async fn recompute_batch<C: ConnectionTrait>(
    conn: &C,
    formula: &FormulaVersion,
    ids: &[i64],
    cause: StarCause,
    now: DateTime<Utc>,
) -> Result<u64, CreditError> {
    let from = window_from(now, formula.formula.window_months);
    let mut ratings: HashMap<i64, Vec<rating::Model>> = HashMap::with_capacity(ids.len());
    for row in store::ratings_of_many(conn, ids, from).await? {
        ratings.entry(row.intermediary_id).or_default().push(row);
    }
    let events = event::feedback_events_of(conn, ids).await?;
    let before: HashMap<i64, credit_standing::Model> = store::standings(conn, ids)
        .await?
        .into_iter()
        .map(|row| (row.organisation_id, row))
        .collect();
    let mut rows = Vec::with_capacity(ids.len());
    let mut changes = Vec::new();
    for id in ids {
        let computed = compute(
            formula,
            *id,
            (
                ratings.get(id).map_or(&[][..], Vec::as_slice),
                events.get(id).map_or(&[][..], Vec::as_slice),
                before.get(id),
            ),
            (cause, None),
            now,
        )?;
        rows.push(computed.row);
        if let Some(change) = computed.change {
            changes.push((*id, computed.result.standing.stars, change));
        }
    }
    store::save_standings(conn, rows).await?;
    let changed = changes.len() as u64;
    let (moved, history): (Vec<_>, Vec<_>) = changes
        .into_iter()
        .map(|(id, stars, change)| ((id, stars), change))
        .unzip();
    store::insert_star_changes(conn, history).await?;
    for (id, stars) in moved {
        crate::credit::sanction::service::follow_stars(conn, id, stars, now).await?;
    }
    Ok(changed)
}

/// One intermediary's credit file: its standing with the explanation, the star history and
/// every rating task of its jobs and every external feedback event.
#[derive(Debug, Clone)]
pub struct CreditFile {
    pub intermediary: entities::organisation::Model,
    pub standing: Option<credit_standing::Model>,
    pub explanation: Option<ScoreExplanation>,
    pub star_history: Vec<star_change::Model>,
    pub ratings: Vec<rating::Model>,
    /// Every external feedback event, in force or not, newest first.
    pub events: Vec<entities::credit_event::Model>,
}

/// The credit file of an intermediary (by internal id).
pub async fn credit_file<C: ConnectionTrait>(
    conn: &C,
    intermediary: entities::organisation::Model,
) -> Result<CreditFile, CreditError> {
    let standing = store::standing(conn, intermediary.id).await?;
    let explanation = standing
        .as_ref()
        .and_then(|s| s.explanation.as_deref())
        .map(serde_json::from_str::<ScoreExplanation>)
        .transpose()
        .map_err(|e| {
            CreditError::Internal(anyhow::anyhow!("stored explanation unreadable: {e}"))
        })?;
    Ok(CreditFile {
        star_history: store::star_history(conn, intermediary.id).await?,
        ratings: store::all_ratings_of(conn, intermediary.id).await?,
        events: crate::credit::event::service::events_of(conn, intermediary.id).await?,
        intermediary,
        standing,
        explanation,
    })
}

/// An intermediary by public id, for the centre and regulators.
pub async fn intermediary_file(
    db: &DatabaseConnection,
    id: Uuid,
) -> Result<CreditFile, CreditError> {
    let org = crate::accounts::organisation_by_public_id(db, id)
        .await?
        .filter(|o| o.kind == entities::organisation::OrganisationKind::Intermediary)
        .ok_or(CreditError::NotFound("intermediary"))?;
    credit_file(db, org).await
}

/// A page of intermediaries with their standings, the best first.
pub async fn intermediaries(
    db: &DatabaseConnection,
    filter: &CreditFilter,
    paging: &Paging,
) -> Result<
    Page<(
        entities::organisation::Model,
        Option<credit_standing::Model>,
    )>,
    CreditError,
> {
    let (rows, total) = store::intermediaries(db, filter, paging).await?;
    Ok(Page::new(rows, total, paging))
}

/// Delists an intermediary or lifts it (the sanctions decide when).
pub async fn set_delisted<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    delisted: bool,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    Ok(store::set_delisted(conn, organisation_id, delisted, now).await?)
}

/// The intermediaries (by internal id) that records name, each once.
pub async fn intermediaries_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, entities::organisation::Model>, CreditError> {
    Ok(crate::accounts::organisations_by_id(conn, ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

//! Rating use cases: opening the tasks of a finished job (inside the acceptance's transaction),
//! the tasks an organisation rates, giving a rating (final; the intermediary's standing is
//! recomputed in the same transaction), and the scheduled lapse and reminder of open tasks.

use chrono::{DateTime, Utc};
use entities::rating::{self, RaterRole, RatingStatus};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::{
    accounts::Role,
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar::{self, china_time},
    credit::{
        error::CreditError,
        formula::service as formula,
        model::{check_scores, Scores, ScoresRefusal},
        score::service::{recompute, recompute_with, Recomputed},
        StarCause,
    },
    error::Code,
    notifications::{notify_organisation, Event, Notice},
    pagination::{Page, Paging},
};

/// A job the owner has just accepted, as the marketplace hands it to credit.
#[derive(Debug, Clone)]
pub struct FinishedJob {
    pub contract_id: i64,
    pub procurement_id: i64,
    /// The procurement's public id.
    pub job_id: Uuid,
    pub title: String,
    /// The owner enterprise.
    pub owner_id: i64,
    pub intermediary_id: i64,
    pub intermediary_name: String,
    /// The department responsible for the job's service type, if one is set.
    pub department_id: Option<i64>,
    pub accepted_at: DateTime<Utc>,
}

/// Opens the job's rating tasks, one per rater role with an organisation (the owner; the
/// department responsible for the service type, when one is set; the centre), never one that
/// would rate its own organisation, and asks each organisation to rate. Inside the caller's
/// transaction.
pub async fn open_ratings<C: ConnectionTrait>(
    conn: &C,
    job: &FinishedJob,
    now: DateTime<Utc>,
) -> Result<Vec<rating::Model>, CreditError> {
    let formula = formula::current(conn).await?.formula;
    let window = formula.rating_window_working_days;
    let due_at = calendar::deadline(conn, job.accepted_at, window).await?;
    let remind_at = match window.checked_sub(formula.reminder_working_days) {
        Some(days) if formula.reminder_working_days > 0 => {
            Some(calendar::deadline(conn, job.accepted_at, days).await?)
        }
        _ => None,
    };
    let centre = crate::accounts::find_center(conn).await?.map(|c| c.id);
    let raters = [
        (RaterRole::Owner, Some(job.owner_id)),
        (RaterRole::Department, job.department_id),
        (RaterRole::Center, centre),
    ];
    let mut opened = Vec::new();
    for (rater, organisation) in raters {
        let Some(organisation) = organisation.filter(|o| *o != job.intermediary_id) else {
            continue;
        };
        let row = rating::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            contract_id: Set(job.contract_id),
            procurement_id: Set(job.procurement_id),
            job_id: Set(job.job_id),
            intermediary_id: Set(job.intermediary_id),
            rater: Set(rater),
            rater_organisation_id: Set(organisation),
            job_title: Set(job.title.clone()),
            status: Set(RatingStatus::Open),
            accepted_at: Set(job.accepted_at),
            due_at: Set(due_at),
            remind_at: Set(remind_at),
            overturned: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let task = store::insert(conn, row).await?;
        ask_to_rate(conn, &task, &job.intermediary_name, "requested", now).await?;
        opened.push(task);
    }
    Ok(opened)
}

async fn ask_to_rate<C: ConnectionTrait>(
    conn: &C,
    task: &rating::Model,
    intermediary: &str,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let notice = Notice {
        event: Event::RatingRequested,
        params: json!({
            "what": what,
            "title": task.job_title,
            "intermediary": intermediary,
            "due": china_time(task.due_at),
        }),
        link: Some(format!("/ratings/{}", task.public_id)),
    };
    notify_organisation(conn, task.rater_organisation_id, &notice, now).await?;
    Ok(())
}

/// Whether a user's role may rate for a rater role: the owner's enterprise users; the
/// department's department users and regulators; the centre's administrators and regulators.
pub fn may_rate_as(role: Role, rater: RaterRole) -> bool {
    match rater {
        RaterRole::Owner => role == Role::Enterprise,
        RaterRole::Department => matches!(role, Role::Department | Role::Regulator),
        RaterRole::Center => matches!(role, Role::CenterAdmin | Role::Regulator),
    }
}

/// A page of the tasks the user's organisation rates, open ones by deadline first.
pub async fn my_tasks(
    db: &DatabaseConnection,
    user: &CurrentUser,
    status: Option<RatingStatus>,
    paging: &Paging,
) -> Result<Page<rating::Model>, CreditError> {
    let (rows, total) = store::tasks_of(db, Some(user.organisation_id), status, paging).await?;
    Ok(Page::new(rows, total, paging))
}

/// A page of every organisation's tasks, for the centre and regulators following the ratings.
pub async fn all_tasks(
    db: &DatabaseConnection,
    status: Option<RatingStatus>,
    paging: &Paging,
) -> Result<Page<rating::Model>, CreditError> {
    let (rows, total) = store::tasks_of(db, None, status, paging).await?;
    Ok(Page::new(rows, total, paging))
}

/// One task of the user's organisation (any other is not found).
pub async fn task<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<rating::Model, CreditError> {
    store::by_public_id(conn, id)
        .await?
        .filter(|t| t.rater_organisation_id == user.organisation_id)
        .ok_or(CreditError::NotFound("rating task"))
}

/// What a rater gives.
#[derive(Debug, Clone)]
pub struct NewRating {
    pub scores: Scores,
    pub comment: Option<String>,
}

/// Gives the rating of one task: the task's organisation only, in a role that rates for it,
/// while the window is open, once. The intermediary's standing is recomputed in the same
/// transaction, the rating audited, and the intermediary told.
pub async fn rate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    input: NewRating,
    now: DateTime<Utc>,
) -> Result<(rating::Model, Recomputed), CreditError> {
    let txn = db.begin().await?;
    let task = task(&txn, user, id).await?;
    if !may_rate_as(user.role, task.rater) {
        return Err(CreditError::Rule(
            Code::Forbidden,
            "your role does not rate for this task's organisation",
        ));
    }
    match task.status {
        RatingStatus::Rated => {
            return Err(CreditError::Rule(
                Code::RatingGiven,
                "this job is rated already; a rating is final",
            ))
        }
        RatingStatus::Lapsed => return Err(window_closed()),
        RatingStatus::Open if now > task.due_at => return Err(window_closed()),
        RatingStatus::Open => {}
    }
    let current = formula::current(&txn).await?;
    let comment = input
        .comment
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    check_scores(&current.formula, &input.scores, comment.as_deref()).map_err(refusal)?;
    let scores =
        serde_json::to_string(&input.scores).map_err(|e| CreditError::Internal(e.into()))?;
    if !store::give(&txn, task.id, scores, comment.clone(), user.user_id, now).await? {
        return Err(CreditError::Rule(
            Code::RatingGiven,
            "this job is rated already; a rating is final",
        ));
    }
    let reference = Some(task.public_id.to_string());
    let cause = (StarCause::Rating, reference);
    let result = recompute_with(&txn, &current, task.intermediary_id, cause, now).await?;
    let event = AuditEvent::new(
        "credit.rate",
        "rating",
        task.public_id,
        json!({ "job": task.job_id, "rater": task.rater, "scores": input.scores, "comment": comment, "formula_version": current.version }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    tell_intermediary(&txn, &task, "rated", &result, now).await?;
    let saved = store::by_public_id(&txn, id)
        .await?
        .ok_or(CreditError::NotFound("rating task"))?;
    let rules = current.formula.anomalies;
    crate::credit::anomaly::service::check_given(&txn, &saved, user.user_id, rules, now).await?;
    txn.commit().await?;
    Ok((saved, result))
}

fn window_closed() -> CreditError {
    CreditError::Rule(
        Code::RatingWindowClosed,
        "the rating window of this job has ended",
    )
}

fn refusal(refusal: ScoresRefusal) -> CreditError {
    match refusal {
        ScoresRefusal::Invalid(message) => {
            CreditError::field(Code::RatingScoresInvalid, "scores", message)
        }
        ScoresRefusal::CommentMissing => CreditError::field(
            Code::RatingCommentMissing,
            "comment",
            "say why when an indicator is scored 1 or 2",
        ),
    }
}

async fn tell_intermediary<C: ConnectionTrait>(
    conn: &C,
    task: &rating::Model,
    what: &str,
    result: &Recomputed,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let notice = Notice {
        event: Event::CreditChanged,
        params: json!({
            "what": what,
            "title": task.job_title,
            "score": result.standing.score,
            "stars": result.standing.stars.map(|s| s.stars()),
            "previous": result.before.filter(|b| Some(*b) != result.standing.stars).map(|s| s.stars()),
        }),
        link: Some("/credit".to_owned()),
    };
    notify_organisation(conn, task.intermediary_id, &notice, now).await?;
    Ok(())
}

/// Lapses the open tasks whose window has ended (each once, whichever server runs it; the
/// intermediary's standing recomputed in the same transaction) and reminds, once, the open
/// tasks whose reminder is due. Returns (lapsed, reminded).
pub async fn lapse_and_remind(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(u64, u64), CreditError> {
    const BATCH: u64 = 100;
    let mut lapsed = 0;
    loop {
        let due = store::overdue(db, now, BATCH).await?;
        if due.is_empty() {
            break;
        }
        for task in due {
            let txn = db.begin().await?;
            if store::lapse(&txn, task.id, now).await? {
                let reference = Some(task.public_id.to_string());
                let result = recompute(
                    &txn,
                    task.intermediary_id,
                    StarCause::Rating,
                    reference,
                    now,
                )
                .await?;
                let event = AuditEvent::new(
                    "credit.rating_lapse",
                    "rating",
                    task.public_id,
                    json!({ "job": task.job_id, "rater": task.rater, "due_at": task.due_at }),
                );
                audit::record(&txn, &audit::Actor::system(), event, now).await?;
                tell_intermediary(&txn, &task, "lapsed", &result, now).await?;
                lapsed += 1;
            }
            txn.commit().await?;
        }
    }
    let mut reminded = 0;
    loop {
        let due = store::to_remind(db, now, BATCH).await?;
        if due.is_empty() {
            break;
        }
        for task in due {
            let txn = db.begin().await?;
            if store::mark_reminded(&txn, task.id, now).await? {
                let intermediary = crate::accounts::organisation_by_id(&txn, task.intermediary_id)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default();
                ask_to_rate(&txn, &task, &intermediary, "reminder", now).await?;
                reminded += 1;
            }
            txn.commit().await?;
        }
    }
    Ok((lapsed, reminded))
}

/// A rating by its public id, whoever's it is (the caller checks ownership).
pub async fn rating_by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<rating::Model>, CreditError> {
    Ok(store::by_public_id(conn, id).await?)
}

/// Applies an appeal's decision to a rating: overturned (it leaves the score) or its scores
/// adjusted (they replace the rater's). The caller recomputes the standing.
pub async fn amend<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    overturned: bool,
    adjusted: Option<&Scores>,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let adjusted = adjusted
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| CreditError::Internal(e.into()))?;
    store::amend(conn, id, overturned, adjusted, now).await?;
    Ok(())
}

/// A rating by its internal id.
pub async fn rating_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<rating::Model>, CreditError> {
    Ok(store::by_id(conn, id).await?)
}

//! Appeal use cases: filing (the intermediary's own given rating or sanction, within the
//! formula's appeal window, once), deciding (a regulator, final; the standing recomputed in the
//! same transaction), reading and the lists. Every step is audited and notifies whom it
//! concerns.

use chrono::{DateTime, Utc};
use entities::{
    appeal::{self, AppealStatus},
    rating::{self, RatingStatus},
    sanction::{self, SanctionStatus},
};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::{
    accounts::Role,
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar,
    credit::{
        error::CreditError,
        formula::service as formula,
        model::{check_scores, Scores, SANCTIONS_IN_FORCE},
        rating::service as ratings,
        sanction::service::{self as sanctions, ask_regulators},
        score::service::recompute,
        StarCause,
    },
    error::Code,
    files::{self, Purpose},
    notifications::{notify_organisation, Event, Notice},
    pagination::{Page, Paging},
};

/// The `owner_type` of an appeal's evidence files.
pub const APPEAL_OWNER: &str = "appeal";

/// What an intermediary appeals, and why.
#[derive(Debug, Clone)]
pub struct NewAppeal {
    /// One of the two: a rating of its jobs, or
    pub rating: Option<Uuid>,
    /// one of its sanctions.
    pub sanction: Option<Uuid>,
    pub reason: String,
    /// Uploaded files of purpose `appeal_evidence`.
    pub evidence: Vec<Uuid>,
}

/// The appealed record, found and checked.
enum Target {
    Rating(rating::Model),
    Sanction(sanction::Model),
}

fn invalid_target(message: &'static str) -> CreditError {
    CreditError::Rule(Code::AppealTargetInvalid, message)
}

/// The record an appeal names: exactly one, the intermediary's own (another's is not found), a
/// rating that was given or a sanction in force; and the instant its appeal window opened.
async fn target<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    input: &NewAppeal,
) -> Result<(Target, DateTime<Utc>), CreditError> {
    match (input.rating, input.sanction) {
        (Some(id), None) => {
            let r = ratings::rating_by_public_id(conn, id)
                .await?
                .filter(|r| r.intermediary_id == user.organisation_id)
                .ok_or(CreditError::NotFound("rating"))?;
            match (r.status, r.rated_at) {
                (RatingStatus::Rated, Some(at)) if !r.overturned => Ok((Target::Rating(r), at)),
                _ => Err(invalid_target(
                    "only a given rating that still counts is appealed",
                )),
            }
        }
        (None, Some(id)) => {
            let s = sanctions::sanction_by_public_id(conn, id)
                .await?
                .filter(|s| s.organisation_id == user.organisation_id)
                .ok_or(CreditError::NotFound("sanction"))?;
            if !SANCTIONS_IN_FORCE.contains(&s.status) {
                return Err(invalid_target("only a sanction in force is appealed"));
            }
            let opened = s.created_at;
            Ok((Target::Sanction(s), opened))
        }
        _ => Err(invalid_target("appeal exactly one rating or one sanction")),
    }
}

/// The intermediary appeals one rating of its jobs or one of its sanctions, within the window,
/// with its reason and evidence; the regulators are asked to decide by the limit.
pub async fn file_appeal(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: NewAppeal,
    now: DateTime<Utc>,
) -> Result<appeal::Model, CreditError> {
    let txn = db.begin().await?;
    let (found, opened) = target(&txn, user, &input).await?;
    let (rating_id, sanction_id) = match &found {
        Target::Rating(r) => (Some(r.id), None),
        Target::Sanction(s) => (None, Some(s.id)),
    };
    let rules = formula::current(&txn).await?.formula;
    let closes = calendar::deadline(&txn, opened, rules.appeal_working_days).await?;
    if now > closes {
        return Err(CreditError::Rule(
            Code::AppealTooLate,
            "the appeal window of this rating or sanction has ended",
        ));
    }
    if store::of_target(&txn, rating_id, sanction_id)
        .await?
        .is_some()
    {
        return Err(CreditError::Rule(
            Code::AppealExists,
            "this was appealed already; a decided appeal is final",
        ));
    }
    let due_at = calendar::deadline(&txn, now, rules.appeal_decision_working_days).await?;
    let public_id = Uuid::new_v4();
    files::claim(
        &txn,
        user,
        &input.evidence,
        Purpose::AppealEvidence,
        APPEAL_OWNER,
        public_id,
        now,
    )
    .await
    .map_err(|e| CreditError::Api(e.into()))?;
    let evidence =
        serde_json::to_string(&input.evidence).map_err(|e| CreditError::Internal(e.into()))?;
    let row = appeal::ActiveModel {
        public_id: Set(public_id),
        organisation_id: Set(user.organisation_id),
        rating_id: Set(rating_id),
        sanction_id: Set(sanction_id),
        reason: Set(input.reason.clone()),
        evidence: Set(evidence),
        status: Set(AppealStatus::Open),
        filed_by: Set(user.user_id),
        due_at: Set(due_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = store::insert(&txn, row).await?;
    let event = AuditEvent::new(
        "credit.appeal_file",
        "appeal",
        saved.public_id,
        json!({ "rating": input.rating, "sanction": input.sanction, "reason": input.reason, "evidence": input.evidence }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    let link = format!("/regulator/appeals/{}", saved.public_id);
    ask_regulators(
        &txn,
        "appeal_filed",
        user.organisation_id,
        Some(due_at),
        link,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// A regulator's decision on an appeal.
#[derive(Debug, Clone)]
pub struct AppealDecision {
    pub decision: AppealStatus,
    pub reason: String,
    /// The corrected scores of an adjusted rating.
    pub scores: Option<Scores>,
}

fn invalid_decision(message: &'static str) -> CreditError {
    CreditError::field(Code::AppealDecisionInvalid, "decision", message)
}

/// A regulator decides an open appeal, finally: uphold (nothing changes), overturn (the rating
/// leaves the score; the sanction ends) or adjust a rating (the corrected scores replace the
/// rater's). The standing is recomputed in the same transaction; the intermediary is told.
pub async fn decide_appeal(
    db: &DatabaseConnection,
    regulator: &CurrentUser,
    id: Uuid,
    decision: AppealDecision,
    now: DateTime<Utc>,
) -> Result<appeal::Model, CreditError> {
    let txn = db.begin().await?;
    let a = store::by_public_id(&txn, id)
        .await?
        .ok_or(CreditError::NotFound("appeal"))?;
    if a.status != AppealStatus::Open {
        return Err(CreditError::Rule(
            Code::AppealDecided,
            "this appeal was decided already",
        ));
    }
    let adjusted = match (decision.decision, a.rating_id, &decision.scores) {
        (AppealStatus::Open, _, _) => {
            return Err(invalid_decision("decide: upheld, overturned or adjusted"))
        }
        (AppealStatus::Adjusted, None, _) => {
            return Err(invalid_decision("only a rating's scores are adjusted"))
        }
        (AppealStatus::Adjusted, Some(_), None) => {
            return Err(invalid_decision("give the corrected scores"))
        }
        (AppealStatus::Adjusted, Some(_), Some(scores)) => {
            let rules = formula::current(&txn).await?.formula;
            check_scores(&rules, scores, Some(&decision.reason)).map_err(|_| {
                CreditError::field(
                    Code::RatingScoresInvalid,
                    "scores",
                    "score exactly the formula's indicators, each 1 to 5",
                )
            })?;
            Some(serde_json::to_string(scores).map_err(|e| CreditError::Internal(e.into()))?)
        }
        _ => None,
    };
    let also = vec![
        (appeal::Column::DecidedBy, Expr::value(regulator.user_id)),
        (appeal::Column::DecidedAt, Expr::value(now)),
        (
            appeal::Column::DecisionReason,
            Expr::value(decision.reason.clone()),
        ),
        (appeal::Column::AdjustedScores, Expr::value(adjusted)),
    ];
    if !store::decide(&txn, a.id, decision.decision, also, now).await? {
        return Err(CreditError::Rule(
            Code::AppealDecided,
            "this appeal was decided already",
        ));
    }
    let title = apply(&txn, &a, &decision, now).await?;
    let event = AuditEvent::new(
        "credit.appeal_decide",
        "appeal",
        a.public_id,
        json!({ "decision": decision.decision, "reason": decision.reason, "scores": decision.scores }),
    );
    audit::record(&txn, &regulator.actor(), event, now).await?;
    let notice = Notice {
        event: Event::AppealDecided,
        params: json!({
            "target": if a.rating_id.is_some() { "rating" } else { "sanction" },
            "title": title,
            "decision": decision.decision,
            "reason": decision.reason,
        }),
        link: Some("/credit".to_owned()),
    };
    notify_organisation(&txn, a.organisation_id, &notice, now).await?;
    let saved = store::by_id(&txn, a.id)
        .await?
        .ok_or(CreditError::NotFound("appeal"))?;
    txn.commit().await?;
    Ok(saved)
}

/// Applies a decision to the appealed record and recomputes the standing; answers the job's
/// title for a rating.
async fn apply<C: ConnectionTrait>(
    conn: &C,
    a: &appeal::Model,
    decision: &AppealDecision,
    now: DateTime<Utc>,
) -> Result<Option<String>, CreditError> {
    let reference = Some(a.public_id.to_string());
    if let Some(rating_id) = a.rating_id {
        let overturned = decision.decision == AppealStatus::Overturned;
        let adjusted = (decision.decision == AppealStatus::Adjusted)
            .then_some(decision.scores.as_ref())
            .flatten();
        if overturned || adjusted.is_some() {
            ratings::amend(conn, rating_id, overturned, adjusted, now).await?;
        }
        recompute(conn, a.organisation_id, StarCause::Appeal, reference, now).await?;
        let title = ratings::rating_by_id(conn, rating_id)
            .await?
            .map(|r| r.job_title);
        return Ok(title);
    }
    if let (Some(sanction_id), AppealStatus::Overturned) = (a.sanction_id, decision.decision) {
        let s = sanctions::sanction_by_id(conn, sanction_id)
            .await?
            .ok_or(CreditError::NotFound("sanction"))?;
        if SANCTIONS_IN_FORCE.contains(&s.status) {
            let reason = Some(format!("申诉成立 / Appeal upheld: {}", decision.reason));
            sanctions::end(conn, &s, SanctionStatus::Dismissed, None, reason, now).await?;
        }
    }
    Ok(None)
}

/// One appeal as the user may read it: the centre's administrators and regulators all, an
/// intermediary its own (any other is not found).
pub async fn appeal<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<appeal::Model, CreditError> {
    store::by_public_id(conn, id)
        .await?
        .filter(|a| may_read(user, a))
        .ok_or(CreditError::NotFound("appeal"))
}

fn may_read(user: &CurrentUser, a: &appeal::Model) -> bool {
    crate::credit::may_read_record(user, a.organisation_id)
}

/// Whether the user may read an appeal (and its evidence).
pub async fn may_read_appeal(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<bool, CreditError> {
    Ok(store::by_public_id(db, id)
        .await?
        .is_some_and(|a| may_read(user, &a)))
}

/// A page of appeals: every one for the centre and regulators, its own for an intermediary.
pub async fn appeals(
    db: &DatabaseConnection,
    user: &CurrentUser,
    status: Option<AppealStatus>,
    paging: &Paging,
) -> Result<Page<appeal::Model>, CreditError> {
    let own = (user.role == Role::Intermediary).then_some(user.organisation_id);
    let (rows, total) = store::appeals(db, own, status, paging).await?;
    Ok(Page::new(rows, total, paging))
}

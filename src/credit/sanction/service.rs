//! Sanction use cases: the consequences of a change of stars (inside the recompute's
//! transaction), a regulator's own motion, the intermediary's rectification report, a regulator's
//! decisions, the scheduled escalation of overdue rectifications, and the lists. Every step is
//! audited and notifies the intermediary; steps waiting for a regulator notify the regulators.

use chrono::{DateTime, Utc};
use entities::sanction::{self, SanctionKind, SanctionOrigin, SanctionStatus};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::store;
pub use super::store::SanctionFilter;
use crate::{
    accounts::{self, OrganisationKind, Role},
    audit::{self, Actor, AuditEvent},
    auth::CurrentUser,
    calendar::{self, china_time},
    credit::{
        error::CreditError, formula::service as formula, score::service::set_delisted, StarLevel,
    },
    error::Code,
    files::{self, Purpose},
    notifications::{notify_audience, notify_organisation, Audience, Event, Notice},
    pagination::{Page, Paging},
};

/// The `owner_type` of a rectification report's files.
pub const SANCTION_OWNER: &str = "sanction";

async fn intermediary_name<C: ConnectionTrait>(conn: &C, id: i64) -> Result<String, CreditError> {
    Ok(accounts::organisation_by_id(conn, id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// Tells the intermediary where its sanction stands now.
async fn tell_intermediary<C: ConnectionTrait>(
    conn: &C,
    s: &sanction::Model,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let notice = Notice {
        event: Event::SanctionUpdated,
        params: json!({
            "intermediary": intermediary_name(conn, s.organisation_id).await?,
            "kind": s.kind,
            "status": s.status,
            "reason": s.reason,
            "decision_reason": s.decision_reason,
            "due": s.due_at.map(china_time),
        }),
        link: Some("/credit".to_owned()),
    };
    notify_organisation(conn, s.organisation_id, &notice, now).await?;
    Ok(())
}

/// Tells every regulator that something waits for them.
pub(crate) async fn ask_regulators<C: ConnectionTrait>(
    conn: &C,
    what: &str,
    organisation_id: i64,
    due: Option<DateTime<Utc>>,
    link: String,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let notice = Notice {
        event: Event::CreditReview,
        params: json!({
            "what": what,
            "intermediary": intermediary_name(conn, organisation_id).await?,
            "due": due.map(china_time),
        }),
        link: Some(link),
    };
    notify_audience(conn, Audience::Role(Role::Regulator), &notice, now).await?;
    Ok(())
}

/// What opens a sanction.
struct Opening {
    organisation_id: i64,
    kind: SanctionKind,
    origin: SanctionOrigin,
    reason: String,
    opened_by: Option<i64>,
    follows_id: Option<i64>,
}

/// Opens a sanction unless one of its kind is in force: a rectification with its deadline, or a
/// delisting proposal for the regulators. Answers the new sanction, if one was opened.
async fn open<C: ConnectionTrait>(
    conn: &C,
    opening: Opening,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Option<sanction::Model>, CreditError> {
    if store::in_force(conn, opening.organisation_id, opening.kind)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    let (status, due_at) = match opening.kind {
        SanctionKind::Rectification => {
            let days = formula::current(conn)
                .await?
                .formula
                .rectification_working_days;
            (
                SanctionStatus::Open,
                Some(calendar::deadline(conn, now, days).await?),
            )
        }
        SanctionKind::Delisting => (SanctionStatus::Proposed, None),
    };
    let row = sanction::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        organisation_id: Set(opening.organisation_id),
        kind: Set(opening.kind),
        status: Set(status),
        origin: Set(opening.origin),
        reason: Set(opening.reason),
        opened_by: Set(opening.opened_by),
        due_at: Set(due_at),
        follows_id: Set(opening.follows_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = store::insert(conn, row).await?;
    let event = AuditEvent::new(
        "credit.sanction_open",
        "sanction",
        saved.public_id,
        json!({ "kind": saved.kind, "origin": saved.origin, "reason": saved.reason, "due_at": saved.due_at }),
    );
    audit::record(conn, actor, event, now).await?;
    tell_intermediary(conn, &saved, now).await?;
    if saved.kind == SanctionKind::Delisting {
        let link = format!("/regulator/sanctions/{}", saved.public_id);
        ask_regulators(
            conn,
            "delisting_proposed",
            saved.organisation_id,
            None,
            link,
            now,
        )
        .await?;
    }
    Ok(Some(saved))
}

/// The consequences of stars that just changed (inside the recompute's transaction): falling to
/// two stars opens a rectification, to one a delisting proposal, each unless one is in force.
pub async fn follow_stars<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    stars: Option<StarLevel>,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let (kind, reason) = match stars.map(StarLevel::stars) {
        Some(2) => (
            SanctionKind::Rectification,
            "信用等级降至二星，须限期整改 / Two stars: rectify by the deadline",
        ),
        Some(1) => (
            SanctionKind::Delisting,
            "信用等级降至一星，提请临时下架 / One star: delisting proposed",
        ),
        _ => return Ok(()),
    };
    let opening = Opening {
        organisation_id,
        kind,
        origin: SanctionOrigin::Stars,
        reason: reason.to_owned(),
        opened_by: None,
        follows_id: None,
    };
    open(conn, opening, &Actor::system(), now).await?;
    Ok(())
}

/// A regulator opens a sanction on its own motion, with a reason.
pub async fn open_on_motion(
    db: &DatabaseConnection,
    regulator: &CurrentUser,
    intermediary: Uuid,
    kind: SanctionKind,
    reason: String,
    now: DateTime<Utc>,
) -> Result<sanction::Model, CreditError> {
    let txn = db.begin().await?;
    let org = accounts::organisation_by_public_id(&txn, intermediary)
        .await?
        .filter(|o| o.kind == OrganisationKind::Intermediary)
        .ok_or(CreditError::NotFound("intermediary"))?;
    let opening = Opening {
        organisation_id: org.id,
        kind,
        origin: SanctionOrigin::Regulator,
        reason,
        opened_by: Some(regulator.user_id),
        follows_id: None,
    };
    let saved = open(&txn, opening, &regulator.actor(), now)
        .await?
        .ok_or(CreditError::Rule(
            Code::SanctionInForce,
            "a sanction of this kind is in force for this intermediary already",
        ))?;
    txn.commit().await?;
    Ok(saved)
}

/// One sanction as the user may read it: the centre's administrators and regulators all, an
/// intermediary its own (any other is not found).
pub async fn sanction<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<sanction::Model, CreditError> {
    store::by_public_id(conn, id)
        .await?
        .filter(|s| may_read(user, s))
        .ok_or(CreditError::NotFound("sanction"))
}

fn may_read(user: &CurrentUser, s: &sanction::Model) -> bool {
    crate::credit::may_read_record(user, s.organisation_id)
}

/// Whether the user may read a sanction (and its report's files).
pub async fn may_read_sanction(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<bool, CreditError> {
    Ok(store::by_public_id(db, id)
        .await?
        .is_some_and(|s| may_read(user, &s)))
}

/// The intermediary reports on its open rectification, with files (purpose
/// `rectification_report`); the regulators are asked to review it.
pub async fn report(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    text: String,
    report_files: Vec<Uuid>,
    now: DateTime<Utc>,
) -> Result<sanction::Model, CreditError> {
    let txn = db.begin().await?;
    let s = own(&txn, user, id).await?;
    if s.kind != SanctionKind::Rectification || s.status != SanctionStatus::Open {
        return Err(wrong_state("only an open rectification takes a report"));
    }
    files::claim(
        &txn,
        user,
        &report_files,
        Purpose::RectificationReport,
        SANCTION_OWNER,
        s.public_id,
        now,
    )
    .await
    .map_err(|e| CreditError::Api(e.into()))?;
    let listed =
        serde_json::to_string(&report_files).map_err(|e| CreditError::Internal(e.into()))?;
    let also = vec![
        (sanction::Column::Report, Expr::value(text.clone())),
        (sanction::Column::ReportFiles, Expr::value(listed)),
        (sanction::Column::ReportedAt, Expr::value(now)),
    ];
    if !store::move_sanction(&txn, s.id, (s.status, SanctionStatus::Reported), also, now).await? {
        return Err(wrong_state("the rectification moved on meanwhile"));
    }
    let event = AuditEvent::new(
        "credit.rectification_report",
        "sanction",
        s.public_id,
        json!({ "report": text, "files": report_files }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    let link = format!("/regulator/sanctions/{}", s.public_id);
    ask_regulators(
        &txn,
        "rectification_reported",
        s.organisation_id,
        s.due_at,
        link,
        now,
    )
    .await?;
    let saved = reload(&txn, s.id).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn own<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<sanction::Model, CreditError> {
    store::by_public_id(conn, id)
        .await?
        .filter(|s| s.organisation_id == user.organisation_id)
        .ok_or(CreditError::NotFound("sanction"))
}

async fn reload<C: ConnectionTrait>(conn: &C, id: i64) -> Result<sanction::Model, CreditError> {
    store::by_id(conn, id)
        .await?
        .ok_or(CreditError::NotFound("sanction"))
}

fn wrong_state(message: &'static str) -> CreditError {
    CreditError::Rule(Code::SanctionWrongState, message)
}

/// What a regulator decides on a sanction.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SanctionAction {
    /// A reported rectification is accepted: the sanction ends.
    Close,
    /// A rectification fails: a delisting is proposed.
    Escalate,
    /// A proposed delisting takes effect.
    Confirm,
    /// A proposed delisting is dismissed.
    Dismiss,
    /// A delisted intermediary is reinstated after review.
    Reinstate,
}

impl SanctionAction {
    /// The status this action moves a sanction of `kind` to, when it applies to it.
    fn target(self, kind: SanctionKind) -> Option<SanctionStatus> {
        match (kind, self) {
            (SanctionKind::Rectification, Self::Close) => Some(SanctionStatus::Closed),
            (SanctionKind::Rectification, Self::Escalate) => Some(SanctionStatus::Escalated),
            (SanctionKind::Delisting, Self::Confirm) => Some(SanctionStatus::Delisted),
            (SanctionKind::Delisting, Self::Dismiss) => Some(SanctionStatus::Dismissed),
            (SanctionKind::Delisting, Self::Reinstate) => Some(SanctionStatus::Reinstated),
            _ => None,
        }
    }
}

/// A regulator decides a sanction, with a reason: closes or escalates a rectification (closing
/// needs a report), confirms or dismisses a delisting proposal, or reinstates a delisted
/// intermediary.
pub async fn decide(
    db: &DatabaseConnection,
    regulator: &CurrentUser,
    id: Uuid,
    action: SanctionAction,
    reason: String,
    now: DateTime<Utc>,
) -> Result<sanction::Model, CreditError> {
    let txn = db.begin().await?;
    let s = store::by_public_id(&txn, id)
        .await?
        .ok_or(CreditError::NotFound("sanction"))?;
    let to = action
        .target(s.kind)
        .filter(|to| crate::lifecycle::Lifecycle::may_become(s.status, *to))
        .ok_or_else(|| wrong_state("this decision does not apply to the sanction as it stands"))?;
    let decided = end(
        &txn,
        &s,
        to,
        Some(regulator.user_id),
        Some(reason.clone()),
        now,
    )
    .await?;
    let event = AuditEvent::new(
        "credit.sanction_decide",
        "sanction",
        s.public_id,
        json!({ "action": action, "from": s.status, "to": to, "reason": reason }),
    );
    audit::record(&txn, &regulator.actor(), event, now).await?;
    if to == SanctionStatus::Escalated {
        escalate(
            &txn,
            &decided,
            SanctionOrigin::Regulator,
            &regulator.actor(),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(decided)
}

/// Moves a sanction to `to` with who decided and why, applies what the move means for the
/// standing (delisted or not) and tells the intermediary. Used by regulators' decisions and by
/// appeals that overturn a sanction.
pub(crate) async fn end<C: ConnectionTrait>(
    conn: &C,
    s: &sanction::Model,
    to: SanctionStatus,
    decided_by: Option<i64>,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<sanction::Model, CreditError> {
    let also = vec![
        (sanction::Column::DecidedBy, Expr::value(decided_by)),
        (sanction::Column::DecidedAt, Expr::value(now)),
        (sanction::Column::DecisionReason, Expr::value(reason)),
    ];
    if !store::move_sanction(conn, s.id, (s.status, to), also, now).await? {
        return Err(wrong_state("the sanction moved on meanwhile"));
    }
    match (s.status, to) {
        (_, SanctionStatus::Delisted) => set_delisted(conn, s.organisation_id, true, now).await?,
        (SanctionStatus::Delisted, _) => set_delisted(conn, s.organisation_id, false, now).await?,
        _ => {}
    }
    let saved = reload(conn, s.id).await?;
    tell_intermediary(conn, &saved, now).await?;
    Ok(saved)
}

/// A failed or overdue rectification becomes a delisting proposal.
async fn escalate<C: ConnectionTrait>(
    conn: &C,
    rectification: &sanction::Model,
    origin: SanctionOrigin,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let opening = Opening {
        organisation_id: rectification.organisation_id,
        kind: SanctionKind::Delisting,
        origin,
        reason: match origin {
            SanctionOrigin::Deadline => {
                "整改逾期未报告，提请临时下架 / The rectification ran past its deadline".to_owned()
            }
            _ => "整改未通过，提请临时下架 / The rectification failed".to_owned(),
        },
        opened_by: None,
        follows_id: Some(rectification.id),
    };
    open(conn, opening, actor, now).await?;
    Ok(())
}

/// Escalates every open rectification whose deadline passed without a report (each once,
/// whichever server runs it). Answers how many.
pub async fn escalate_overdue(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, CreditError> {
    let mut escalated = 0;
    loop {
        let due = store::overdue_rectifications(db, now, 100).await?;
        if due.is_empty() {
            return Ok(escalated);
        }
        for s in due {
            let txn = db.begin().await?;
            let reason = Some("整改期限届满未提交报告 / No report by the deadline".to_owned());
            let moved = end(&txn, &s, SanctionStatus::Escalated, None, reason, now).await?;
            let event = AuditEvent::new(
                "credit.rectification_overdue",
                "sanction",
                moved.public_id,
                json!({ "due_at": s.due_at }),
            );
            audit::record(&txn, &Actor::system(), event, now).await?;
            escalate(
                &txn,
                &moved,
                SanctionOrigin::Deadline,
                &Actor::system(),
                now,
            )
            .await?;
            txn.commit().await?;
            escalated += 1;
        }
    }
}

/// A page of sanctions for the centre and regulators (in force and most overdue first).
pub async fn sanctions(
    db: &DatabaseConnection,
    filter: &SanctionFilter,
    paging: &Paging,
) -> Result<Page<sanction::Model>, CreditError> {
    let (rows, total) = store::sanctions(db, filter, paging).await?;
    Ok(Page::new(rows, total, paging))
}

/// A page of the intermediary's own sanctions.
pub async fn my_sanctions(
    db: &DatabaseConnection,
    user: &CurrentUser,
    paging: &Paging,
) -> Result<Page<sanction::Model>, CreditError> {
    let filter = SanctionFilter {
        organisation_id: Some(user.organisation_id),
        ..SanctionFilter::default()
    };
    sanctions(db, &filter, paging).await
}

/// A sanction by its public id, whoever's it is (the caller checks ownership).
pub async fn sanction_by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<sanction::Model>, CreditError> {
    Ok(store::by_public_id(conn, id).await?)
}

/// A sanction by its internal id.
pub async fn sanction_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<sanction::Model>, CreditError> {
    Ok(store::by_id(conn, id).await?)
}

//! Applications (申报), automatic grants (免申即享) and payouts (兑付). An enterprise applies for a
//! clause with the materials it lists (eligibility, window and duplicates checked at submission);
//! the issuing department approves, rejects or returns it for more material, then records the
//! payout. For an automatic grant the enterprise only confirms (意愿确认) and is approved for the
//! amount its profile gives. Every application runs a clock of working days from the match or
//! submission to payout against `policies.payout_limit_working_days`.

use chrono::{DateTime, Utc};
use entities::{policy_application, policy_clause};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ConnectionTrait, DatabaseConnection, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    error::PoliciesError,
    matching::{ClauseCache, LiveClause},
    model::{ApplicationStatus, ClauseMode, ModeEvidence},
    store,
};
use crate::{
    accounts::Role,
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar,
    configuration::PolicySettings,
    enterprises::{
        self,
        condition::{
            compile::{CompileContext, Explanation},
            Condition, Field, Operand,
        },
        today_in_china,
    },
    error::Code,
    files::{self, Purpose},
    lifecycle::{Lifecycle, Move},
    notifications::{self, Event, Notice},
};

/// The owner type of application materials.
pub const APPLICATION_OWNER: &str = "application";

/// One material handed in: the clause's name for it and the uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Material {
    pub name: String,
    pub file_id: Uuid,
}

/// The department's decision on a submitted application.
pub enum Decision {
    Approve { amount_fen: i64 },
    Reject { reason: String },
    Return { reason: String },
}

impl Decision {
    /// The status the decision gives the application.
    fn status(&self) -> ApplicationStatus {
        match self {
            Self::Approve { .. } => ApplicationStatus::Approved,
            Self::Reject { .. } => ApplicationStatus::Rejected,
            Self::Return { .. } => ApplicationStatus::Returned,
        }
    }
}

fn wrong_state(row: &policy_application::Model) -> PoliciesError {
    PoliciesError::WrongApplicationState(row.status.as_str())
}

/// Moves an application from the status it was read in to `to`, setting `also` with it, and
/// answers the row as it now stands; another request moving it first is a wrong state.
async fn move_application<C: ConnectionTrait>(
    conn: &C,
    row: &policy_application::Model,
    to: ApplicationStatus,
    also: Vec<(policy_application::Column, SimpleExpr)>,
) -> Result<policy_application::Model, PoliciesError> {
    let step = Move {
        key: row.id,
        from: row.status,
        to,
    };
    if !store::move_application(conn, step, also).await? {
        return Err(wrong_state(row));
    }
    store::application_by_id(conn, row.id)
        .await?
        .ok_or(PoliciesError::NotFound("application"))
}

/// The published clause, as matching holds it.
async fn live_clause<C: ConnectionTrait>(
    conn: &C,
    clauses: &ClauseCache,
    clause: Uuid,
) -> Result<LiveClause, PoliciesError> {
    clauses
        .clauses(conn)
        .await?
        .iter()
        .find(|c| c.public_id == clause)
        .map(|c| LiveClause::clone(c))
        .ok_or(PoliciesError::NotFound("clause"))
}

/// Refuses an enterprise that does not meet the clause today, or a clause not open today. An
/// automatic grant counts verified qualifications only ([`ModeEvidence::evidence`]).
async fn check_eligible<C: ConnectionTrait>(
    conn: &C,
    clause: &LiveClause,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<(), PoliciesError> {
    let today = today_in_china(now);
    if !clause.in_force(today)
        || (clause.mode == ClauseMode::Apply && !clause.window.is_open(today))
    {
        return Err(PoliciesError::WindowClosed);
    }
    let facts = enterprises::facts(conn, organisation_id).await?;
    let tag_rules = enterprises::current_tag_rules(conn).await?;
    let context = CompileContext {
        today,
        tag_rules: &tag_rules,
        evidence: clause.mode.evidence(),
    };
    if !clause.condition.compile(&context).eval(&facts) {
        return Err(PoliciesError::NotEligible);
    }
    Ok(())
}

fn check_materials(required: &[String], materials: &[Material]) -> Result<(), PoliciesError> {
    if let Some(refusal) = materials
        .iter()
        .find_map(|m| crate::text::refusal(&m.name, false))
    {
        return Err(PoliciesError::field(
            Code::ValidationFailed,
            "materials",
            refusal,
        ));
    }
    let missing: Vec<&str> = required
        .iter()
        .filter(|name| !materials.iter().any(|m| &m.name == *name))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(PoliciesError::field(
            Code::ApplicationMaterialsMissing,
            "materials",
            format!("missing: {}", missing.join("、")),
        ));
    }
    Ok(())
}

async fn clause_row<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<policy_clause::Model, PoliciesError> {
    store::clause_by_id(conn, id)
        .await?
        .ok_or(PoliciesError::NotFound("clause"))
}

/// Submits an application for a clause in `apply` mode; its payout is due
/// `rules.payout_limit_working_days` working days later.
pub async fn apply(
    db: &DatabaseConnection,
    user: &CurrentUser,
    clause: Uuid,
    materials: Vec<Material>,
    now: DateTime<Utc>,
    clauses: &ClauseCache,
    rules: &PolicySettings,
) -> Result<policy_application::Model, PoliciesError> {
    let live = live_clause(db, clauses, clause).await?;
    if live.mode != ClauseMode::Apply {
        return Err(PoliciesError::ModeMismatch(
            "this clause is granted without applying: confirm it instead",
        ));
    }
    check_eligible(db, &live, user.organisation_id, now).await?;
    let required: Vec<String> =
        serde_json::from_str(&clause_row(db, live.id).await?.materials).unwrap_or_default();
    check_materials(&required, &materials)?;
    let due = calendar::deadline(db, now, rules.payout_limit_working_days).await?;
    let txn = db.begin().await?;
    if store::application_of(&txn, live.id, user.organisation_id)
        .await?
        .is_some()
    {
        return Err(PoliciesError::Duplicate);
    }
    let public_id = Uuid::new_v4();
    let files: Vec<Uuid> = materials.iter().map(|m| m.file_id).collect();
    files::claim(
        &txn,
        user,
        &files,
        Purpose::ApplicationMaterial,
        APPLICATION_OWNER,
        public_id,
        now,
    )
    .await?;
    let created = store::insert_application(
        &txn,
        policy_application::ActiveModel {
            public_id: Set(public_id),
            clause_id: Set(live.id),
            organisation_id: Set(user.organisation_id),
            mode: Set(ClauseMode::Apply),
            status: Set(ApplicationStatus::Submitted),
            materials: Set(serde_json::to_string(&materials).unwrap_or_else(|_| "[]".to_owned())),
            clock_started_at: Set(now),
            due_at: Set(due),
            submitted_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let summary = json!({ "clause": clause, "materials": materials.len() });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(
            "application.submit",
            "policy_application",
            public_id,
            summary,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Hands a returned application in again with the material asked for.
pub async fn resubmit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    materials: Vec<Material>,
    now: DateTime<Utc>,
) -> Result<policy_application::Model, PoliciesError> {
    let txn = db.begin().await?;
    let row = store::application(&txn, id)
        .await?
        .filter(|a| a.organisation_id == user.organisation_id)
        .ok_or(PoliciesError::NotFound("application"))?;
    if row.status != ApplicationStatus::Returned {
        return Err(wrong_state(&row));
    }
    let required: Vec<String> =
        serde_json::from_str(&clause_row(&txn, row.clause_id).await?.materials).unwrap_or_default();
    check_materials(&required, &materials)?;
    let files: Vec<Uuid> = materials.iter().map(|m| m.file_id).collect();
    files::claim(
        &txn,
        user,
        &files,
        Purpose::ApplicationMaterial,
        APPLICATION_OWNER,
        id,
        now,
    )
    .await?;
    let materials_json = serde_json::to_string(&materials).unwrap_or_else(|_| "[]".to_owned());
    let updated = move_application(
        &txn,
        &row,
        ApplicationStatus::Submitted,
        vec![
            (
                policy_application::Column::Materials,
                Expr::value(materials_json),
            ),
            (
                policy_application::Column::SubmittedAt,
                Expr::value(Some(now)),
            ),
            (policy_application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(
            "application.resubmit",
            "policy_application",
            id,
            json!({ "materials": materials.len() }),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Confirms (意愿确认) or declines an automatic grant. A confirmation is approved at once for the
/// amount the enterprise's profile gives, since the enterprise is eligible on verified
/// qualifications only (one it merely declared never grants anything); the issuing department
/// sees the facts the grant rests on and may still reject it until it is paid. Its clock started
/// when the enterprise was told.
pub async fn answer_grant(
    db: &DatabaseConnection,
    user: &CurrentUser,
    clause: Uuid,
    accept: bool,
    now: DateTime<Utc>,
    clauses: &ClauseCache,
    rules: &PolicySettings,
) -> Result<policy_application::Model, PoliciesError> {
    let live = live_clause(db, clauses, clause).await?;
    if live.mode != ClauseMode::AutoGrant {
        return Err(PoliciesError::ModeMismatch(
            "this clause needs an application",
        ));
    }
    check_eligible(db, &live, user.organisation_id, now).await?;
    let facts = enterprises::facts(db, user.organisation_id).await?;
    let started = store::notice_time(db, user.organisation_id, live.id)
        .await?
        .unwrap_or(now);
    let due = calendar::deadline(db, started, rules.payout_limit_working_days).await?;
    let txn = db.begin().await?;
    if store::application_of(&txn, live.id, user.organisation_id)
        .await?
        .is_some()
    {
        return Err(PoliciesError::Duplicate);
    }
    let (status, amount) = if accept {
        (ApplicationStatus::Approved, live.amount.estimate(&facts))
    } else {
        (ApplicationStatus::Declined, None)
    };
    let public_id = Uuid::new_v4();
    let created = store::insert_application(
        &txn,
        policy_application::ActiveModel {
            public_id: Set(public_id),
            clause_id: Set(live.id),
            organisation_id: Set(user.organisation_id),
            mode: Set(ClauseMode::AutoGrant),
            status: Set(status),
            materials: Set("[]".to_owned()),
            clock_started_at: Set(started),
            due_at: Set(due),
            decided_at: Set(Some(now)),
            decision_reason: Set(Some(
                if accept {
                    "免申即享：企业已确认"
                } else {
                    "企业放弃"
                }
                .to_owned(),
            )),
            approved_amount_fen: Set(amount),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let action = if accept {
        "application.confirm_grant"
    } else {
        "application.decline_grant"
    };
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(
            action,
            "policy_application",
            public_id,
            json!({ "clause": clause, "amount_fen": amount }),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The application if the user may act on it as the issuing department (else 404).
async fn for_issuer<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<(policy_application::Model, policy_clause::Model), PoliciesError> {
    let row = store::application(conn, id)
        .await?
        .ok_or(PoliciesError::NotFound("application"))?;
    let clause = clause_row(conn, row.clause_id).await?;
    let policy = store::policy_by_id(conn, clause.policy_id)
        .await?
        .ok_or(PoliciesError::NotFound("policy"))?;
    if policy.issuer_organisation_id != user.organisation_id {
        return Err(PoliciesError::NotFound("application"));
    }
    Ok((row, clause))
}

/// The issuing department approves, rejects or returns a submitted application, or rejects an
/// automatic grant approved at confirmation and not yet paid.
pub async fn decide(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<policy_application::Model, PoliciesError> {
    let txn = db.begin().await?;
    let (row, clause) = for_issuer(&txn, user, id).await?;
    // Only an automatic grant is rejected once approved (nobody reviewed it before).
    let may_decide = row.status.may_become(decision.status())
        && (row.status != ApplicationStatus::Approved || row.mode == ClauseMode::AutoGrant);
    if !may_decide {
        return Err(wrong_state(&row));
    }
    let (status, amount, reason) = match decision {
        Decision::Approve { amount_fen } => {
            if amount_fen <= 0 || clause.amount_cap_fen.is_some_and(|cap| amount_fen > cap) {
                return Err(PoliciesError::field(
                    Code::ApplicationAmountInvalid,
                    "amount_fen",
                    "the amount is positive and within the clause's cap",
                ));
            }
            (ApplicationStatus::Approved, Some(amount_fen), None)
        }
        Decision::Reject { reason } => (ApplicationStatus::Rejected, None, Some(reason)),
        Decision::Return { reason } => (ApplicationStatus::Returned, None, Some(reason)),
    };
    let updated = move_application(
        &txn,
        &row,
        status,
        vec![
            (
                policy_application::Column::DecidedAt,
                Expr::value(Some(now)),
            ),
            (
                policy_application::Column::DecidedBy,
                Expr::value(Some(user.public_id)),
            ),
            (
                policy_application::Column::DecisionReason,
                Expr::value(reason.clone()),
            ),
            (
                policy_application::Column::ApprovedAmountFen,
                Expr::value(amount),
            ),
            (policy_application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    let summary = json!({ "status": status.as_str(), "amount_fen": amount, "reason": reason });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("application.decide", "policy_application", id, summary),
        now,
    )
    .await?;
    tell_enterprise(&txn, &updated, &clause, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The issuing department records the payout (兑付) of an approved application.
pub async fn pay(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    amount_fen: i64,
    now: DateTime<Utc>,
) -> Result<policy_application::Model, PoliciesError> {
    let txn = db.begin().await?;
    let (row, clause) = for_issuer(&txn, user, id).await?;
    if row.status != ApplicationStatus::Approved {
        return Err(wrong_state(&row));
    }
    if amount_fen <= 0
        || row
            .approved_amount_fen
            .is_some_and(|approved| amount_fen > approved)
    {
        return Err(PoliciesError::field(
            Code::ApplicationAmountInvalid,
            "amount_fen",
            "the payout is positive and at most the approved amount",
        ));
    }
    let updated = move_application(
        &txn,
        &row,
        ApplicationStatus::Paid,
        vec![
            (policy_application::Column::PaidAt, Expr::value(Some(now))),
            (
                policy_application::Column::PaidAmountFen,
                Expr::value(Some(amount_fen)),
            ),
            (policy_application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(
            "application.pay",
            "policy_application",
            id,
            json!({ "amount_fen": amount_fen }),
        ),
        now,
    )
    .await?;
    tell_enterprise(&txn, &updated, &clause, now).await?;
    txn.commit().await?;
    Ok(updated)
}

async fn tell_enterprise<C: ConnectionTrait>(
    conn: &C,
    row: &policy_application::Model,
    clause: &policy_clause::Model,
    now: DateTime<Utc>,
) -> Result<(), PoliciesError> {
    let notice = Notice {
        event: Event::ApplicationDecided,
        params: json!({
            "clause": clause.title,
            "status": row.status,
            "reason": row.decision_reason,
            "amount_yuan": row.paid_amount_fen.or(row.approved_amount_fen).map(|f| f as f64 / 100.0),
        }),
        link: Some("/enterprise/applications".to_owned()),
    };
    notifications::notify_organisation(conn, row.organisation_id, &notice, now).await?;
    Ok(())
}

/// Whether a user may read an application (and so its materials): its enterprise, the issuing
/// department, and the centre's staff.
pub async fn may_read<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<bool, PoliciesError> {
    let Some(row) = store::application(conn, id).await? else {
        return Ok(false);
    };
    if row.organisation_id == user.organisation_id
        || matches!(user.role, Role::CenterAdmin | Role::Commissioner)
    {
        return Ok(true);
    }
    let clause = clause_row(conn, row.clause_id).await?;
    let issuer = store::policy_by_id(conn, clause.policy_id)
        .await?
        .map(|p| p.issuer_organisation_id);
    Ok(user.role == Role::Department && issuer == Some(user.organisation_id))
}

/// What an application rests on today: the clause's condition explained against the
/// enterprise's profile (counting the qualifications the clause's mode counts), and the
/// enterprise's qualifications the condition tests, each with its verification.
#[derive(Debug, Clone)]
pub struct Grounds {
    pub enterprise_id: Uuid,
    pub explanation: Option<Explanation>,
    pub qualifications: Vec<entities::enterprise_qualification::Model>,
}

/// The grounds of an application (for whoever may read it).
pub async fn grounds<C: ConnectionTrait>(
    conn: &C,
    view: &ApplicationView,
    now: DateTime<Utc>,
) -> Result<Grounds, PoliciesError> {
    let profile = enterprises::profile(conn, view.row.organisation_id).await?;
    let vocabulary = enterprises::vocabulary(conn, true).await?;
    let condition = serde_json::from_str(&view.clause.condition)
        .ok()
        .and_then(|json| Condition::from_json(&json, &vocabulary).ok());
    let tag_rules = enterprises::current_tag_rules(conn).await?;
    let context = CompileContext {
        today: today_in_china(now),
        tag_rules: &tag_rules,
        evidence: view.clause.mode.evidence(),
    };
    let facts = enterprises::facts(conn, view.row.organisation_id).await?;
    let kinds = condition
        .as_ref()
        .map(|c| tested_qualifications(c, &tag_rules))
        .unwrap_or_default();
    Ok(Grounds {
        enterprise_id: profile.organisation.public_id,
        explanation: condition.map(|c| c.explain(&facts, &context)),
        qualifications: profile
            .qualifications
            .into_iter()
            .filter(|q| kinds.contains(&q.kind))
            .collect(),
    })
}

/// The qualification kinds a condition tests, also through the rules of derived tags.
fn tested_qualifications(
    condition: &Condition,
    tag_rules: &std::collections::HashMap<String, Condition>,
) -> std::collections::BTreeSet<String> {
    let mut kinds = std::collections::BTreeSet::new();
    for (_, test) in condition.tests() {
        match (&test.field, &test.operand) {
            (Field::Qualifications, Operand::Text(kind)) => {
                kinds.insert(kind.clone());
            }
            (Field::Tags, Operand::Text(code)) => {
                if let Some(rule) = tag_rules.get(code) {
                    kinds.extend(tested_qualifications(rule, tag_rules));
                }
            }
            _ => {}
        }
    }
    kinds
}

/// One application with its clause and the enterprise's name, if the user may read it.
pub async fn application(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<ApplicationView, PoliciesError> {
    if !may_read(db, user, id).await? {
        return Err(PoliciesError::NotFound("application"));
    }
    let row = store::application(db, id)
        .await?
        .ok_or(PoliciesError::NotFound("application"))?;
    view(db, row).await
}

/// An application with what a list shows beside it.
#[derive(Debug, Clone)]
pub struct ApplicationView {
    pub row: policy_application::Model,
    pub clause: policy_clause::Model,
    pub policy_title: String,
    pub enterprise: String,
}

async fn view<C: ConnectionTrait>(
    conn: &C,
    row: policy_application::Model,
) -> Result<ApplicationView, PoliciesError> {
    let clause = clause_row(conn, row.clause_id).await?;
    let enterprise = crate::accounts::organisation_by_id(conn, row.organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let policy_title = store::policy_by_id(conn, clause.policy_id)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    Ok(ApplicationView {
        row,
        clause,
        policy_title,
        enterprise,
    })
}

/// Whose applications a list shows.
pub enum Scope {
    Enterprise(i64),
    Issuer(i64),
    All,
}

/// A page of the applications in scope, by status and clause when given.
pub async fn list(
    db: &DatabaseConnection,
    scope: Scope,
    (status, clause): (Option<ApplicationStatus>, Option<Uuid>),
    paging: &crate::pagination::Paging,
) -> Result<(Vec<ApplicationView>, u64), PoliciesError> {
    let (rows, total) = store::applications_page(
        db,
        &scope,
        (status, clause),
        paging.page_index(),
        paging.per_page(),
    )
    .await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(view(db, row).await?);
    }
    Ok((views, total))
}

/// The clauses an enterprise has applied for or answered: clause id → (application, status).
pub async fn answered_clauses<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<std::collections::HashMap<i64, (Uuid, ApplicationStatus)>, PoliciesError> {
    Ok(store::applications_of_enterprise(conn, organisation_id)
        .await?
        .into_iter()
        .map(|a| (a.clause_id, (a.public_id, a.status)))
        .collect())
}

/// The clock: working days used (to payout, or to now) and whether the payout is late.
pub async fn clock<C: ConnectionTrait>(
    conn: &C,
    row: &policy_application::Model,
    now: DateTime<Utc>,
) -> Result<(u32, bool), PoliciesError> {
    let end = row.paid_at.unwrap_or(now);
    let used = calendar::working_days_between(conn, row.clock_started_at, end).await?;
    let late = match row.status {
        ApplicationStatus::Rejected | ApplicationStatus::Declined => false,
        _ => end > row.due_at,
    };
    Ok((used, late))
}

crate::files::read_like_record!(
    /// Materials of applications are read like their application.
    pub ApplicationFiles,
    APPLICATION_OWNER,
    may_read
);

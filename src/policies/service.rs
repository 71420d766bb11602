//! Policy use cases for the centre: write a policy and cut it into clauses (each condition
//! checked against the field registry), publish or withdraw a clause. Every change is audited and
//! logged so every server's matching follows it and the push job tells newly eligible enterprises.

use chrono::{DateTime, Utc};
use entities::{policy, policy_clause};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::{
    error::PoliciesError,
    model::{AmountRule, ClauseMode, ClauseStatus, PolicyLevel, Window},
    store,
};
use crate::enterprises::ChangeKind;
use crate::{
    audit::{self, AuditEvent},
    auth::CurrentUser,
    enterprises::{self, condition::text, condition::Condition},
    error::Code,
    lifecycle::{Lifecycle, Move},
    pagination::Paging,
};

/// A policy as the centre writes it.
pub struct PolicyDraft {
    pub title: String,
    pub issuer: Uuid,
    pub level: PolicyLevel,
    pub document_number: String,
    pub effective_from: chrono::NaiveDate,
    pub effective_to: Option<chrono::NaiveDate>,
    pub source_url: Option<String>,
    pub summary: String,
}

/// A clause as the centre writes it.
pub struct ClauseDraft {
    pub position: i32,
    pub title: String,
    pub condition: Condition,
    pub benefit: String,
    pub amount: AmountRule,
    pub window: Window,
    pub materials: Vec<String>,
    pub mode: ClauseMode,
}

async fn issuer<C: ConnectionTrait>(conn: &C, public_id: Uuid) -> Result<i64, PoliciesError> {
    let organisation = crate::accounts::organisation_by_public_id(conn, public_id)
        .await?
        .ok_or(PoliciesError::NotFound("issuing department"))?;
    if organisation.kind != crate::accounts::OrganisationKind::Department {
        return Err(PoliciesError::IssuerNotDepartment);
    }
    Ok(organisation.id)
}

fn check_dates(draft: &PolicyDraft) -> Result<(), PoliciesError> {
    if draft
        .effective_to
        .is_some_and(|to| to < draft.effective_from)
    {
        return Err(PoliciesError::field(
            Code::PolicyDatesInvalid,
            "effective_to",
            "a policy ends after it starts",
        ));
    }
    Ok(())
}

pub async fn create_policy(
    db: &DatabaseConnection,
    user: &CurrentUser,
    draft: PolicyDraft,
    now: DateTime<Utc>,
) -> Result<policy::Model, PoliciesError> {
    check_dates(&draft)?;
    let txn = db.begin().await?;
    let issuer_id = issuer(&txn, draft.issuer).await?;
    let created = store::insert_policy(
        &txn,
        policy::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            title: Set(draft.title.clone()),
            issuer_organisation_id: Set(issuer_id),
            level: Set(draft.level),
            document_number: Set(draft.document_number.clone()),
            effective_from: Set(draft.effective_from),
            effective_to: Set(draft.effective_to),
            source_url: Set(draft.source_url),
            summary: Set(draft.summary),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let summary = json!({ "title": draft.title, "document_number": draft.document_number });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("policy.create", "policy", created.public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_policy(
    db: &DatabaseConnection,
    user: &CurrentUser,
    public_id: Uuid,
    draft: PolicyDraft,
    now: DateTime<Utc>,
) -> Result<policy::Model, PoliciesError> {
    check_dates(&draft)?;
    let txn = db.begin().await?;
    let before = store::policy(&txn, public_id)
        .await?
        .ok_or(PoliciesError::NotFound("policy"))?;
    let issuer_id = issuer(&txn, draft.issuer).await?;
    let updated = store::update_policy(
        &txn,
        policy::ActiveModel {
            id: Set(before.id),
            title: Set(draft.title.clone()),
            issuer_organisation_id: Set(issuer_id),
            level: Set(draft.level),
            document_number: Set(draft.document_number),
            effective_from: Set(draft.effective_from),
            effective_to: Set(draft.effective_to),
            source_url: Set(draft.source_url),
            summary: Set(draft.summary),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    // The policy's dates decide whether its clauses match: their matching follows.
    for clause in store::clauses_of(&txn, before.id).await? {
        enterprises::record_change(&txn, ChangeKind::Clause, clause.id, now).await?;
    }
    let summary = json!({ "before": { "title": before.title, "effective_to": before.effective_to }, "after": { "title": draft.title, "effective_to": updated.effective_to } });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("policy.update", "policy", public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// The department that issued a policy.
#[derive(Debug, Clone, Default)]
pub struct Issuer {
    pub id: Uuid,
    pub name: String,
}

async fn issuer_of<C: ConnectionTrait>(
    conn: &C,
    policy: &policy::Model,
) -> Result<Issuer, PoliciesError> {
    Ok(
        crate::accounts::organisation_by_id(conn, policy.issuer_organisation_id)
            .await?
            .map(|o| Issuer {
                id: o.public_id,
                name: o.name,
            })
            .unwrap_or_default(),
    )
}

pub async fn policy_with_clauses<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<(policy::Model, Issuer, Vec<policy_clause::Model>), PoliciesError> {
    let policy = store::policy(conn, public_id)
        .await?
        .ok_or(PoliciesError::NotFound("policy"))?;
    let issuer = issuer_of(conn, &policy).await?;
    let clauses = store::clauses_of(conn, policy.id).await?;
    Ok((policy, issuer, clauses))
}

/// The first policy with this document number (文号), with its issuer and clauses.
pub async fn policy_by_document_number<C: ConnectionTrait>(
    conn: &C,
    document_number: &str,
) -> Result<Option<(policy::Model, Issuer, Vec<policy_clause::Model>)>, PoliciesError> {
    let Some(policy) = store::policy_by_document_number(conn, document_number).await? else {
        return Ok(None);
    };
    let issuer = issuer_of(conn, &policy).await?;
    let clauses = store::clauses_of(conn, policy.id).await?;
    Ok(Some((policy, issuer, clauses)))
}

pub async fn list_policies<C: ConnectionTrait>(
    conn: &C,
    title: Option<&str>,
    paging: &Paging,
) -> Result<(Vec<(policy::Model, Issuer, u64)>, u64), PoliciesError> {
    let (policies, total) =
        store::policies_page(conn, title, paging.page_index(), paging.per_page()).await?;
    let mut items = Vec::with_capacity(policies.len());
    for policy in policies {
        let issuer = issuer_of(conn, &policy).await?;
        let clauses = store::count_clauses(conn, policy.id).await?;
        items.push((policy, issuer, clauses));
    }
    Ok((items, total))
}

fn check_clause(draft: &ClauseDraft) -> Result<(), PoliciesError> {
    draft
        .amount
        .check()
        .map_err(|m| PoliciesError::field(Code::ClauseAmountInvalid, "amount", m))?;
    if let (Some(from), Some(to)) = (draft.window.opens_on, draft.window.closes_on) {
        if to < from {
            return Err(PoliciesError::field(
                Code::ClauseWindowInvalid,
                "window_closes_on",
                "the window closes after it opens",
            ));
        }
    }
    Ok(())
}

fn clause_row(draft: &ClauseDraft, now: DateTime<Utc>) -> policy_clause::ActiveModel {
    policy_clause::ActiveModel {
        position: Set(draft.position),
        title: Set(draft.title.clone()),
        condition: Set(draft.condition.to_json().to_string()),
        condition_text: Set(text::format(&draft.condition)),
        benefit: Set(draft.benefit.clone()),
        amount_fixed_fen: Set(draft.amount.fixed_fen),
        amount_basis: Set(draft.amount.basis),
        amount_rate_bp: Set(draft.amount.rate_bp),
        amount_cap_fen: Set(draft.amount.cap_fen),
        window_opens_on: Set(draft.window.opens_on),
        window_closes_on: Set(draft.window.closes_on),
        materials: Set(serde_json::to_string(&draft.materials).unwrap_or_else(|_| "[]".to_owned())),
        mode: Set(draft.mode),
        updated_at: Set(now),
        ..Default::default()
    }
}

pub async fn create_clause(
    db: &DatabaseConnection,
    user: &CurrentUser,
    policy: Uuid,
    draft: ClauseDraft,
    now: DateTime<Utc>,
) -> Result<policy_clause::Model, PoliciesError> {
    check_clause(&draft)?;
    let txn = db.begin().await?;
    let policy = store::policy(&txn, policy)
        .await?
        .ok_or(PoliciesError::NotFound("policy"))?;
    let mut row = clause_row(&draft, now);
    row.public_id = Set(Uuid::new_v4());
    row.policy_id = Set(policy.id);
    row.status = Set(ClauseStatus::Draft);
    row.created_at = Set(now);
    let created = store::insert_clause(&txn, row).await?;
    let summary = json!({ "policy": policy.public_id, "title": draft.title, "condition": created.condition_text });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("clause.create", "policy_clause", created.public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_clause(
    db: &DatabaseConnection,
    user: &CurrentUser,
    public_id: Uuid,
    draft: ClauseDraft,
    now: DateTime<Utc>,
) -> Result<policy_clause::Model, PoliciesError> {
    check_clause(&draft)?;
    let txn = db.begin().await?;
    let before = store::clause(&txn, public_id)
        .await?
        .ok_or(PoliciesError::NotFound("clause"))?;
    let mut row = clause_row(&draft, now);
    row.id = Set(before.id);
    let updated = store::update_clause(&txn, row).await?;
    enterprises::record_change(&txn, ChangeKind::Clause, before.id, now).await?;
    let summary = json!({ "before": { "title": before.title, "condition": before.condition_text }, "after": { "title": updated.title, "condition": updated.condition_text } });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("clause.update", "policy_clause", public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Publishes a draft (or withdrawn) clause, or withdraws a published one.
pub async fn set_clause_status(
    db: &DatabaseConnection,
    user: &CurrentUser,
    public_id: Uuid,
    status: ClauseStatus,
    now: DateTime<Utc>,
) -> Result<policy_clause::Model, PoliciesError> {
    let txn = db.begin().await?;
    let before = store::clause(&txn, public_id)
        .await?
        .ok_or(PoliciesError::NotFound("clause"))?;
    let current = before.status;
    if !current.may_become(status) {
        return Err(PoliciesError::WrongState(current.as_str()));
    }
    let mut also = vec![(policy_clause::Column::UpdatedAt, Expr::value(now))];
    if status == ClauseStatus::Published {
        also.push((policy_clause::Column::PublishedAt, Expr::value(now)));
    }
    let step = Move {
        key: before.id,
        from: current,
        to: status,
    };
    if !store::move_clause(&txn, step, also).await? {
        return Err(PoliciesError::WrongState(current.as_str()));
    }
    let updated = store::clause_by_id(&txn, before.id)
        .await?
        .ok_or(PoliciesError::NotFound("clause"))?;
    enterprises::record_change(&txn, ChangeKind::Clause, before.id, now).await?;
    let action = if status == ClauseStatus::Published {
        "clause.publish"
    } else {
        "clause.withdraw"
    };
    let summary = json!({ "before": current.as_str(), "after": status.as_str() });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(action, "policy_clause", public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

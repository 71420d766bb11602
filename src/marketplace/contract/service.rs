//! After the notice: the contract (amount and working days, proposed from the winning bid and
//! adjustable by the owner) is confirmed by both sides, which starts its clock; the intermediary
//! submits its result (a file or a digest, and a summary); the owner accepts it or returns it
//! for rework with a reason. Each step is audited and the other side notified; a delivery after
//! the contract's deadline is flagged late.

use chrono::{DateTime, Utc};
use entities::{contract, delivery, procurement};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::super::{
    catalogue::store as catalogue_store,
    error::MarketplaceError,
    model::{ContractStatus, DeliveryDecision, ProcurementStatus},
    procurement::{service::notify_organisation, store as procurement_store},
};
use super::store;
use crate::{
    accounts::{self, Role},
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar, credit,
    error::Code,
    files::{self, Purpose},
    lifecycle::Move,
};

/// The file owner type of delivered results.
pub const DELIVERY_OWNER: &str = "delivery";

/// A contract with its procurement and deliveries.
#[derive(Debug, Clone)]
pub struct ContractView {
    pub contract: contract::Model,
    pub procurement: procurement::Model,
    pub deliveries: Vec<delivery::Model>,
    /// Signed, past its due time and not delivered yet (a delivered one carries `late`).
    pub overdue: bool,
}

/// What the intermediary delivers.
#[derive(Debug, Clone)]
pub struct DeliveryInput {
    pub summary: String,
    pub file: Option<Uuid>,
    pub digest: Option<String>,
}

enum Party {
    Owner,
    Intermediary,
    Staff,
}

async fn load<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    procurement: Uuid,
) -> Result<(procurement::Model, contract::Model, Party), MarketplaceError> {
    let p = procurement_store::procurement(conn, procurement)
        .await?
        .ok_or(MarketplaceError::NotFound("contract"))?;
    let c = store::contract_of(conn, p.id)
        .await?
        .ok_or(MarketplaceError::NotFound("contract"))?;
    let party = if p.organisation_id == user.organisation_id {
        Party::Owner
    } else if c.organisation_id == user.organisation_id {
        Party::Intermediary
    } else if matches!(user.role, Role::CenterAdmin | Role::Regulator) {
        Party::Staff
    } else {
        return Err(MarketplaceError::NotFound("contract"));
    };
    Ok((p, c, party))
}

async fn view<C: ConnectionTrait>(
    conn: &C,
    procurement: procurement::Model,
    contract: contract::Model,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let deliveries = store::deliveries(conn, contract.id).await?;
    let overdue =
        contract.status == ContractStatus::Signed && contract.due_at.is_some_and(|due| now > due);
    Ok(ContractView {
        contract,
        procurement,
        deliveries,
        overdue,
    })
}

/// The view after a change: the procurement read again, since the change may have moved it.
async fn fresh_view(
    db: &DatabaseConnection,
    p: procurement::Model,
    contract: contract::Model,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let p = procurement_store::procurement_by_id(db, p.id)
        .await?
        .unwrap_or(p);
    view(db, p, contract, now).await
}

pub async fn contract(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let (p, c, _) = load(db, user, procurement).await?;
    view(db, p, c, now).await
}

/// The intermediary's contracts, newest first.
pub async fn my_contracts(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<ContractView>, MarketplaceError> {
    let mut views = Vec::new();
    for c in store::contracts_of_organisation(db, user.organisation_id).await? {
        if let Some(p) = procurement_store::procurement_by_id(db, c.procurement_id).await? {
            views.push(view(db, p, c, now).await?);
        }
    }
    Ok(views)
}

async fn record<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    action: &'static str,
    c: &contract::Model,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let event = AuditEvent::new(action, "contract", c.public_id, detail);
    audit::record(conn, &user.actor(), event, now).await?;
    Ok(())
}

/// Moves the contract from the status it was read in to `to` (with `also`); one that another
/// request moved first is refused as in the wrong state.
async fn move_contract<C: ConnectionTrait>(
    conn: &C,
    c: &contract::Model,
    to: ContractStatus,
    now: DateTime<Utc>,
    also: Vec<(contract::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<(), MarketplaceError> {
    let step = Move {
        key: c.id,
        from: c.status,
        to,
    };
    if store::move_contract(conn, step, now, also).await? {
        Ok(())
    } else {
        Err(MarketplaceError::Rule(
            Code::ContractWrongState,
            "the contract was changed meanwhile",
        ))
    }
}

/// Moves the procurement along with its contract; it stands where the contract's step expects.
async fn follow_procurement<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    (from, to): (ProcurementStatus, ProcurementStatus),
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let step = Move {
        key: p.id,
        from,
        to,
    };
    procurement_store::move_procurement(conn, step, now, Vec::new()).await?;
    Ok(())
}

/// The owner changes the proposed amount and working days; both must confirm again.
pub async fn propose_terms(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    amount_fen: i64,
    working_days: i32,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let txn = db.begin().await?;
    let (p, c, party) = load(&txn, user, procurement).await?;
    if !matches!(party, Party::Owner) {
        return Err(MarketplaceError::NotFound("contract"));
    }
    if c.status != ContractStatus::Proposed {
        return Err(MarketplaceError::Rule(
            Code::ContractWrongState,
            "the contract is signed already",
        ));
    }
    if !(1..=p.budget_ceiling_fen).contains(&amount_fen) || !(1..=366).contains(&working_days) {
        return Err(MarketplaceError::field(
            Code::ContractTermsInvalid,
            "amount_fen",
            "the amount must be positive and within the budget ceiling; working days 1–366",
        ));
    }
    let mut row: contract::ActiveModel = c.clone().into();
    row.amount_fen = Set(amount_fen);
    row.working_days = Set(working_days);
    row.owner_confirmed_at = Set(None);
    row.intermediary_confirmed_at = Set(None);
    row.updated_at = Set(now);
    let saved = store::update_contract(&txn, row).await?;
    record(
        &txn,
        user,
        "contract.propose",
        &saved,
        json!({ "amount_fen": amount_fen, "working_days": working_days }),
        now,
    )
    .await?;
    notify_organisation(&txn, c.organisation_id, &p, "contract_proposed", now).await?;
    txn.commit().await?;
    view(db, p, saved, now).await
}

/// One side confirms the contract; with both confirmations it is signed and its clock starts.
pub async fn confirm(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let txn = db.begin().await?;
    let (p, c, party) = load(&txn, user, procurement).await?;
    if c.status != ContractStatus::Proposed {
        return Err(MarketplaceError::Rule(
            Code::ContractWrongState,
            "the contract is signed already",
        ));
    }
    let mut row: contract::ActiveModel = c.clone().into();
    let other = match party {
        Party::Owner => {
            row.owner_confirmed_at = Set(Some(now));
            c.organisation_id
        }
        Party::Intermediary => {
            row.intermediary_confirmed_at = Set(Some(now));
            p.organisation_id
        }
        Party::Staff => return Err(MarketplaceError::NotFound("contract")),
    };
    let both = match party {
        Party::Owner => c.intermediary_confirmed_at.is_some(),
        _ => c.owner_confirmed_at.is_some(),
    };
    if both {
        let days = u32::try_from(c.working_days).unwrap_or(0);
        let also = vec![
            (contract::Column::SignedAt, Expr::value(now)),
            (
                contract::Column::DueAt,
                Expr::value(calendar::deadline(&txn, now, days).await?),
            ),
        ];
        move_contract(&txn, &c, ContractStatus::Signed, now, also).await?;
        let step = (ProcurementStatus::Awarded, ProcurementStatus::Contracted);
        follow_procurement(&txn, &p, step, now).await?;
    }
    row.updated_at = Set(now);
    let saved = store::update_contract(&txn, row).await?;
    record(
        &txn,
        user,
        "contract.confirm",
        &saved,
        json!({ "signed": both }),
        now,
    )
    .await?;
    notify_organisation(
        &txn,
        other,
        &p,
        if both {
            "contract_signed"
        } else {
            "contract_confirmed"
        },
        now,
    )
    .await?;
    txn.commit().await?;
    fresh_view(db, p, saved, now).await
}

/// The intermediary submits its result.
pub async fn deliver(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    input: DeliveryInput,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let txn = db.begin().await?;
    let (p, c, party) = load(&txn, user, procurement).await?;
    if !matches!(party, Party::Intermediary) {
        return Err(MarketplaceError::NotFound("contract"));
    }
    if c.status != ContractStatus::Signed {
        return Err(MarketplaceError::Rule(
            Code::ContractWrongState,
            "a result is delivered under a signed contract",
        ));
    }
    let public_id = Uuid::new_v4();
    let digest = match input.file {
        Some(file) => files::claim(
            &txn,
            user,
            &[file],
            Purpose::DeliveryResult,
            DELIVERY_OWNER,
            public_id,
            now,
        )
        .await?
        .first()
        .map(|f| f.sha256.clone()),
        None => input.digest.clone(),
    }
    .ok_or_else(|| {
        MarketplaceError::field(
            Code::DeliveryFileMissing,
            "file_id",
            "attach the result file or give its SHA-256 digest",
        )
    })?;
    store::insert_delivery(
        &txn,
        delivery::ActiveModel {
            public_id: Set(public_id),
            contract_id: Set(c.id),
            summary: Set(input.summary),
            file_id: Set(input.file),
            digest: Set(digest.clone()),
            submitted_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let late = c.due_at.is_some_and(|due| now > due);
    let also = vec![
        (contract::Column::DeliveredAt, Expr::value(now)),
        (contract::Column::Late, Expr::value(late)),
    ];
    move_contract(&txn, &c, ContractStatus::Delivered, now, also).await?;
    let saved = store::contract_by_id(&txn, c.id)
        .await?
        .ok_or(MarketplaceError::NotFound("contract"))?;
    let step = (ProcurementStatus::Contracted, ProcurementStatus::Delivered);
    follow_procurement(&txn, &p, step, now).await?;
    record(
        &txn,
        user,
        "contract.deliver",
        &saved,
        json!({ "delivery": public_id, "digest": digest, "late": late }),
        now,
    )
    .await?;
    notify_organisation(&txn, p.organisation_id, &p, "delivered", now).await?;
    txn.commit().await?;
    fresh_view(db, p, saved, now).await
}

/// The owner accepts the latest delivery, or returns it for rework with a reason.
pub async fn decide_delivery(
    db: &DatabaseConnection,
    user: &CurrentUser,
    procurement: Uuid,
    accept: bool,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<ContractView, MarketplaceError> {
    let txn = db.begin().await?;
    let (p, c, party) = load(&txn, user, procurement).await?;
    if !matches!(party, Party::Owner) {
        return Err(MarketplaceError::NotFound("contract"));
    }
    if c.status != ContractStatus::Delivered || p.status != ProcurementStatus::Delivered {
        return Err(MarketplaceError::Rule(
            Code::ContractWrongState,
            "there is no delivery waiting for a decision",
        ));
    }
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if !accept && reason.is_none() {
        return Err(MarketplaceError::field(
            Code::ReasonMissing,
            "reason",
            "say why the result is returned",
        ));
    }
    let latest = store::deliveries(&txn, c.id)
        .await?
        .pop()
        .ok_or(MarketplaceError::NotFound("delivery"))?;
    let mut row: delivery::ActiveModel = latest.into();
    row.decision = Set(Some(if accept {
        DeliveryDecision::Accepted
    } else {
        DeliveryDecision::Returned
    }));
    row.reason = Set(reason.clone());
    row.decided_at = Set(Some(now));
    store::update_delivery(&txn, row).await?;
    let (contract_status, next, also) = if accept {
        let also = vec![(contract::Column::AcceptedAt, Expr::value(now))];
        (ContractStatus::Accepted, ProcurementStatus::Accepted, also)
    } else {
        (
            ContractStatus::Signed,
            ProcurementStatus::Contracted,
            Vec::new(),
        )
    };
    move_contract(&txn, &c, contract_status, now, also).await?;
    let saved = store::contract_by_id(&txn, c.id)
        .await?
        .ok_or(MarketplaceError::NotFound("contract"))?;
    follow_procurement(&txn, &p, (ProcurementStatus::Delivered, next), now).await?;
    let action = if accept {
        "contract.accept"
    } else {
        "contract.return"
    };
    record(&txn, user, action, &saved, json!({ "reason": reason }), now).await?;
    notify_organisation(
        &txn,
        c.organisation_id,
        &p,
        if accept { "accepted" } else { "returned" },
        now,
    )
    .await?;
    if accept {
        open_ratings(&txn, &p, &saved, now).await?;
    }
    txn.commit().await?;
    fresh_view(db, p, saved, now).await
}

/// Opens the accepted job's rating tasks (一事一评) in the acceptance's transaction; the
/// department that rates is the one responsible for the procurement's service type.
async fn open_ratings<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    c: &contract::Model,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let service_type = match p.service_type_id {
        Some(id) => catalogue_store::service_types_by_id(conn, [id])
            .await?
            .pop(),
        None => None,
    };
    let intermediary = accounts::organisation_by_id(conn, c.organisation_id)
        .await?
        .ok_or(MarketplaceError::NotFound("intermediary"))?;
    let job = credit::FinishedJob {
        contract_id: c.id,
        procurement_id: p.id,
        job_id: p.public_id,
        title: p.title.clone(),
        owner_id: p.organisation_id,
        intermediary_id: c.organisation_id,
        intermediary_name: intermediary.name,
        department_id: service_type.and_then(|t| t.department_id),
        accepted_at: c.accepted_at.unwrap_or(now),
    };
    credit::open_ratings(conn, &job, now)
        .await
        .map_err(|e| MarketplaceError::Api(e.into()))?;
    Ok(())
}

/// Whether the user may read a delivery (and its file): the contract's parties and the centre.
pub async fn may_read_delivery(
    db: &DatabaseConnection,
    user: &CurrentUser,
    delivery: Uuid,
) -> Result<bool, MarketplaceError> {
    let Some(d) = store::delivery(db, delivery).await? else {
        return Ok(false);
    };
    let Some(c) = store::contract_by_id(db, d.contract_id).await? else {
        return Ok(false);
    };
    let Some(p) = procurement_store::procurement_by_id(db, c.procurement_id).await? else {
        return Ok(false);
    };
    Ok(c.organisation_id == user.organisation_id
        || p.organisation_id == user.organisation_id
        || matches!(user.role, Role::CenterAdmin | Role::Regulator))
}

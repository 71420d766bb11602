//! Formula use cases: the version in force, every version, and a new version (center_admin),
//! audited and followed by recomputing every standing.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;

use super::store;
use crate::{
    audit::{self, AuditEvent},
    auth::CurrentUser,
    credit::{
        error::CreditError,
        model::{shipped_formula, Formula},
        score::service::recompute_all,
        StarCause,
    },
    error::Code,
};

/// One version of the formula.
#[derive(Debug, Clone)]
pub struct FormulaVersion {
    pub version: i32,
    pub formula: Formula,
    pub reason: String,
    pub created_by: Option<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
}

fn parse(row: entities::credit_formula::Model) -> Result<FormulaVersion, CreditError> {
    let formula: Formula = serde_json::from_str(&row.rules).map_err(|e| {
        CreditError::Internal(anyhow::anyhow!(
            "credit formula {} unreadable: {e}",
            row.version
        ))
    })?;
    Ok(FormulaVersion {
        version: row.version,
        formula,
        reason: row.reason,
        created_by: row.created_by,
        created_at: row.created_at,
    })
}

/// The version in force; the shipped formula becomes version 1 on first use.
pub async fn current<C: ConnectionTrait>(conn: &C) -> Result<FormulaVersion, CreditError> {
    if let Some(row) = store::latest(conn).await? {
        return parse(row);
    }
    let shipped = shipped_formula().map_err(|e| CreditError::Internal(e.into()))?;
    let rules = serde_json::to_string(&shipped).map_err(|e| CreditError::Internal(e.into()))?;
    let reason = "随平台发布的计分规则 / The formula shipped with the platform".to_owned();
    store::insert(conn, 1, rules, reason, None, chrono::DateTime::UNIX_EPOCH).await?;
    let row = store::latest(conn)
        .await?
        .ok_or(CreditError::NotFound("credit formula"))?;
    parse(row)
}

/// One version, as every standing computed with it records.
pub async fn version<C: ConnectionTrait>(
    conn: &C,
    version: i32,
) -> Result<FormulaVersion, CreditError> {
    let row = store::version(conn, version)
        .await?
        .ok_or(CreditError::NotFound("credit formula version"))?;
    parse(row)
}

/// Every version, newest first (the shipped one included once it is in use).
pub async fn versions(db: &DatabaseConnection) -> Result<Vec<FormulaVersion>, CreditError> {
    current(db).await?;
    store::all(db).await?.into_iter().map(parse).collect()
}

/// Makes a new version in force (center_admin), audited with its reason, then recomputes every
/// intermediary's standing with it. Returns the new version.
pub async fn save_formula(
    db: &DatabaseConnection,
    user: &CurrentUser,
    formula: Formula,
    reason: String,
    now: DateTime<Utc>,
) -> Result<FormulaVersion, CreditError> {
    formula.check().map_err(|refusal| {
        CreditError::field(Code::CreditFormulaInvalid, refusal.field, refusal.message)
    })?;
    let txn = db.begin().await?;
    // One new version at a time on every server: the next number is read under the lock.
    crate::db::serialise_writes(&txn).await?;
    let previous = current(&txn).await?;
    let version = previous.version + 1;
    let rules = serde_json::to_string(&formula).map_err(|e| CreditError::Internal(e.into()))?;
    store::insert(
        &txn,
        version,
        rules,
        reason.clone(),
        Some(user.public_id),
        now,
    )
    .await?;
    let event = AuditEvent::new(
        "credit.formula_save",
        "credit_formula",
        version,
        json!({ "reason": reason, "formula": formula, "previous": previous.version }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    recompute_all(db, StarCause::Formula, now).await?;
    current(db).await
}

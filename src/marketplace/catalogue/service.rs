//! The centre's catalogue: service types (涉审中介事项) with their fee ranges and time limits,
//! and packages bundling them. Everyone signed in reads it; `center_admin` keeps it, audited.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entities::{service_type, service_type_package};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::super::{
    error::MarketplaceError,
    model::{qualification_type, FeeRange},
};
use super::store;
use crate::{
    accounts,
    audit::{self, AuditEvent},
    auth::CurrentUser,
    error::Code,
};

pub use crate::marketplace::model::ServiceTypeDefinition;

/// What a package is created or replaced with.
#[derive(Debug, Clone)]
pub struct PackageDefinition {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub service_types: Vec<Uuid>,
}

/// A package with its service types and their summed fee range.
#[derive(Debug, Clone)]
pub struct PackageView {
    pub package: service_type_package::Model,
    pub service_types: Vec<service_type::Model>,
    pub fee_range: Option<FeeRange>,
}

pub fn fee_range(t: &service_type::Model) -> Option<FeeRange> {
    FeeRange::new(t.fee_min_fen, t.fee_max_fen)
}

pub async fn service_types(
    db: &DatabaseConnection,
    with_inactive: bool,
) -> Result<Vec<service_type::Model>, MarketplaceError> {
    Ok(store::service_types(db, with_inactive).await?)
}

pub async fn service_type(
    db: &DatabaseConnection,
    id: Uuid,
) -> Result<service_type::Model, MarketplaceError> {
    store::service_type(db, id)
        .await?
        .ok_or(MarketplaceError::NotFound("service type"))
}

fn check_service_type(definition: &ServiceTypeDefinition) -> Result<(), MarketplaceError> {
    if let Some(code) = &definition.qualification {
        if qualification_type(code).is_none() {
            return Err(MarketplaceError::field(
                Code::QualificationTypeUnknown,
                "qualification",
                format!("no qualification type `{code}`"),
            ));
        }
    }
    if FeeRange::new(definition.fee_min_fen, definition.fee_max_fen).is_none() {
        return Err(MarketplaceError::field(
            Code::FeeRangeInvalid,
            "fee_max_fen",
            "the fee range needs 0 < fee_min_fen ≤ fee_max_fen",
        ));
    }
    Ok(())
}

/// A service type with the department responsible for it.
#[derive(Debug, Clone)]
pub struct ServiceTypeView {
    pub service_type: service_type::Model,
    pub department: Option<entities::organisation::Model>,
}

/// Each service type with its responsible department.
pub async fn with_departments<C: ConnectionTrait>(
    conn: &C,
    types: Vec<service_type::Model>,
) -> Result<Vec<ServiceTypeView>, MarketplaceError> {
    let ids: Vec<i64> = types.iter().filter_map(|t| t.department_id).collect();
    let departments = accounts::organisations_by_id(conn, ids).await?;
    Ok(types
        .into_iter()
        .map(|t| ServiceTypeView {
            department: departments
                .iter()
                .find(|d| Some(d.id) == t.department_id)
                .cloned(),
            service_type: t,
        })
        .collect())
}

/// The internal id of the department a definition names: an active department, or refused.
async fn department_of<C: ConnectionTrait>(
    conn: &C,
    department: Option<Uuid>,
) -> Result<Option<i64>, MarketplaceError> {
    let Some(id) = department else {
        return Ok(None);
    };
    let found = accounts::organisation_by_public_id(conn, id)
        .await?
        .filter(|o| {
            o.kind == accounts::OrganisationKind::Department
                && o.status == accounts::OrganisationStatus::Active
        })
        .ok_or_else(|| {
            MarketplaceError::field(
                Code::ServiceTypeDepartmentInvalid,
                "department_id",
                "the responsible department is an active department organisation",
            )
        })?;
    Ok(Some(found.id))
}

fn service_type_row(
    mut row: service_type::ActiveModel,
    d: ServiceTypeDefinition,
    department_id: Option<i64>,
    now: DateTime<Utc>,
) -> service_type::ActiveModel {
    row.department_id = Set(department_id);
    row.code = Set(d.code);
    row.name_zh = Set(d.name_zh);
    row.name_en = Set(d.name_en);
    row.approval_zh = Set(d.approval_zh);
    row.approval_en = Set(d.approval_en);
    row.qualification = Set(d.qualification);
    row.fee_min_fen = Set(d.fee_min_fen);
    row.fee_max_fen = Set(d.fee_max_fen);
    row.time_limit_working_days = Set(d.time_limit_working_days);
    row.guide_zh = Set(d.guide_zh);
    row.guide_en = Set(d.guide_en);
    row.active = Set(d.active);
    row.position = Set(d.position);
    row.updated_at = Set(now);
    row
}

fn summary(t: &service_type::Model) -> serde_json::Value {
    json!({
        "code": t.code, "name_zh": t.name_zh, "qualification": t.qualification,
        "fee_min_fen": t.fee_min_fen, "fee_max_fen": t.fee_max_fen,
        "time_limit_working_days": t.time_limit_working_days, "active": t.active,
        "department_id": t.department_id,
    })
}

/// Creates a service type (`id` None) or replaces one; no two share a code.
pub async fn save_service_type(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<Uuid>,
    definition: ServiceTypeDefinition,
    now: DateTime<Utc>,
) -> Result<service_type::Model, MarketplaceError> {
    check_service_type(&definition)?;
    let txn = db.begin().await?;
    let department_id = department_of(&txn, definition.department).await?;
    let before = match id {
        Some(id) => Some(
            store::service_type(&txn, id)
                .await?
                .ok_or(MarketplaceError::NotFound("service type"))?,
        ),
        None => None,
    };
    let code_changed = before.as_ref().is_none_or(|t| t.code != definition.code);
    if code_changed && store::service_type_code_taken(&txn, &definition.code).await? {
        return Err(MarketplaceError::CodeTaken(definition.code));
    }
    let (saved, action, change) = match before {
        Some(before) => {
            let row = service_type_row(before.clone().into(), definition, department_id, now);
            let updated = store::update_service_type(&txn, row).await?;
            let change = json!({ "before": summary(&before), "after": summary(&updated) });
            (updated, "service_type.update", change)
        }
        None => {
            let row = service_type::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                created_at: Set(now),
                ..Default::default()
            };
            let created = store::insert_service_type(
                &txn,
                service_type_row(row, definition, department_id, now),
            )
            .await?;
            let change = summary(&created);
            (created, "service_type.create", change)
        }
    };
    let event = AuditEvent::new(action, "service_type", saved.public_id, change);
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn packages(db: &DatabaseConnection) -> Result<Vec<PackageView>, MarketplaceError> {
    let packages = store::packages(db).await?;
    let members = store::package_members(db).await?;
    let types: BTreeMap<i64, service_type::Model> = store::service_types(db, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    Ok(packages
        .into_iter()
        .map(|package| {
            let service_types: Vec<service_type::Model> = members
                .get(&package.id)
                .into_iter()
                .flatten()
                .filter_map(|id| types.get(id).cloned())
                .collect();
            let fee_range = FeeRange::sum(service_types.iter().filter_map(fee_range));
            PackageView {
                package,
                service_types,
                fee_range,
            }
        })
        .collect())
}

/// The service types of a package definition: each must exist, none twice.
async fn package_types<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<Vec<service_type::Model>, MarketplaceError> {
    let found = store::service_types_by_public_id(conn, ids).await?;
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    if found.len() != ids.len() || unique.len() != ids.len() {
        return Err(MarketplaceError::field(
            Code::ReferenceNotFound,
            "service_type_ids",
            "each service type must exist and appear once",
        ));
    }
    Ok(found)
}

fn package_row(
    mut row: service_type_package::ActiveModel,
    d: &PackageDefinition,
    now: DateTime<Utc>,
) -> service_type_package::ActiveModel {
    row.code = Set(d.code.clone());
    row.name_zh = Set(d.name_zh.clone());
    row.name_en = Set(d.name_en.clone());
    row.description_zh = Set(d.description_zh.clone());
    row.description_en = Set(d.description_en.clone());
    row.updated_at = Set(now);
    row
}

/// Creates a package (`id` None) or replaces one.
pub async fn save_package(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<Uuid>,
    definition: PackageDefinition,
    now: DateTime<Utc>,
) -> Result<PackageView, MarketplaceError> {
    let txn = db.begin().await?;
    let existing = match id {
        Some(id) => Some(
            store::package(&txn, id)
                .await?
                .ok_or(MarketplaceError::NotFound("package"))?,
        ),
        None => None,
    };
    let types = package_types(&txn, &definition.service_types).await?;
    let code_changed = existing.as_ref().is_none_or(|p| p.code != definition.code);
    if code_changed && store::package_code_taken(&txn, &definition.code).await? {
        return Err(MarketplaceError::CodeTaken(definition.code));
    }
    let package = match existing {
        Some(before) => {
            store::update_package(&txn, package_row(before.into(), &definition, now)).await?
        }
        None => {
            let row = service_type_package::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                created_at: Set(now),
                ..Default::default()
            };
            store::insert_package(&txn, package_row(row, &definition, now)).await?
        }
    };
    let ids: Vec<i64> = types.iter().map(|t| t.id).collect();
    store::replace_package_members(&txn, package.id, &ids).await?;
    let action = if id.is_some() {
        "service_type_package.update"
    } else {
        "service_type_package.create"
    };
    let codes: Vec<&str> = types.iter().map(|t| t.code.as_str()).collect();
    let event = AuditEvent::new(
        action,
        "service_type_package",
        package.public_id,
        json!({ "code": package.code, "service_types": codes }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    let fee_range = FeeRange::sum(types.iter().filter_map(fee_range));
    Ok(PackageView {
        package,
        service_types: types,
        fee_range,
    })
}

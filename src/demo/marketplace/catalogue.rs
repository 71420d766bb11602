//! The shipped catalogue (the marketplace's `data/service_types.json`: 39 service types and 4 packages), created
//! through the catalogue's use cases as the centre's administrator where a code is missing.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use entities::service_type;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    auth::CurrentUser,
    marketplace::{
        catalogue::service::{self as catalogue, PackageDefinition, ServiceTypeDefinition},
        model::{shipped_catalogue, FeeRange, ShippedPackage},
    },
};

/// What a procurement can be for: one service type, or a package of them.
#[derive(Debug, Clone)]
pub struct Subject {
    pub code: String,
    pub name_zh: String,
    /// The approval it serves (a package: its description).
    pub approval_zh: String,
    pub service_type: Option<Uuid>,
    pub package: Option<Uuid>,
    /// The codes of the service types it covers.
    pub types: Vec<String>,
    pub fee: FeeRange,
    /// The service time limit a procurement of it gives, in working days.
    pub working_days: i32,
}

/// The catalogue as the demo needs it: every active service type and package, by code.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub types: BTreeMap<String, service_type::Model>,
    pub subjects: Vec<Subject>,
}

impl Catalogue {
    pub fn type_id(&self, code: &str) -> Option<Uuid> {
        self.types.get(code).map(|t| t.public_id)
    }
}

/// How many service types and packages were created.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueCreated {
    pub service_types: usize,
    pub packages: usize,
}

/// Creates the shipped service types and packages whose code is missing, as `admin`, at `at`.
pub async fn seed(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    at: DateTime<Utc>,
) -> anyhow::Result<(Catalogue, CatalogueCreated)> {
    let shipped = shipped_catalogue()
        .context("the shipped service types (src/marketplace/data/service_types.json)")?;
    let mut created = CatalogueCreated::default();
    let mut types: BTreeMap<String, service_type::Model> = catalogue::service_types(db, true)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let departments = demo_departments(db).await?;
    for (position, seed) in (1..).zip(shipped.service_types) {
        if types.contains_key(&seed.code) {
            continue;
        }
        let code = seed.code.clone();
        let mut definition = definition(seed, position);
        definition.department = departments.responsible_for(&code);
        let made = catalogue::save_service_type(db, admin, None, definition, at)
            .await
            .with_context(|| format!("demo service type {code}"))?;
        types.insert(code, made);
        created.service_types += 1;
    }
    created.packages = seed_packages(db, admin, &shipped.packages, &types, at).await?;
    let catalogue = Catalogue {
        subjects: subjects(db, &types).await?,
        types,
    };
    Ok((catalogue, created))
}

/// The two demo departments with users, who rate the jobs of the service types they are
/// responsible for: market regulation the safety, fire, lightning and security reviews, the
/// development bureau every other type.
struct DemoDepartments {
    development: Option<Uuid>,
    market: Option<Uuid>,
}

impl DemoDepartments {
    fn responsible_for(&self, code: &str) -> Option<Uuid> {
        const MARKET: [&str; 6] = [
            "safety",
            "fire",
            "lightning",
            "occupational",
            "security",
            "civil_air",
        ];
        if MARKET.iter().any(|word| code.contains(word)) {
            self.market
        } else {
            self.development
        }
    }
}

async fn demo_departments(db: &DatabaseConnection) -> anyhow::Result<DemoDepartments> {
    let departments =
        crate::accounts::organisations_of_kind(db, crate::accounts::OrganisationKind::Department)
            .await?;
    let named = |name: &str| {
        departments
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.public_id)
    };
    Ok(DemoDepartments {
        development: named("演示区发展和改革局"),
        market: named("演示区市场监督管理局"),
    })
}

fn definition(seed: ServiceTypeDefinition, position: i32) -> ServiceTypeDefinition {
    ServiceTypeDefinition { position, ..seed }
}

async fn seed_packages(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    seeds: &[ShippedPackage],
    types: &BTreeMap<String, service_type::Model>,
    at: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let existing: Vec<String> = catalogue::packages(db)
        .await?
        .into_iter()
        .map(|p| p.package.code)
        .collect();
    let mut created = 0;
    for seed in seeds.iter().filter(|p| !existing.contains(&p.code)) {
        let members = seed
            .service_types
            .iter()
            .map(|code| {
                types
                    .get(code)
                    .map(|t| t.public_id)
                    .with_context(|| format!("package {}: no service type {code}", seed.code))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let definition = PackageDefinition {
            code: seed.code.clone(),
            name_zh: seed.name_zh.clone(),
            name_en: seed.name_en.clone(),
            description_zh: seed.description_zh.clone(),
            description_en: seed.description_en.clone(),
            service_types: members,
        };
        catalogue::save_package(db, admin, None, definition, at)
            .await
            .with_context(|| format!("demo package {}", seed.code))?;
        created += 1;
    }
    Ok(created)
}

/// Every active service type and every package as something to procure.
async fn subjects(
    db: &DatabaseConnection,
    types: &BTreeMap<String, service_type::Model>,
) -> anyhow::Result<Vec<Subject>> {
    let mut subjects: Vec<Subject> = types
        .values()
        .filter(|t| t.active)
        .filter_map(|t| {
            Some(Subject {
                code: t.code.clone(),
                name_zh: t.name_zh.clone(),
                approval_zh: t.approval_zh.clone(),
                service_type: Some(t.public_id),
                package: None,
                types: vec![t.code.clone()],
                fee: catalogue::fee_range(t)?,
                working_days: t.time_limit_working_days,
            })
        })
        .collect();
    for view in catalogue::packages(db).await? {
        let Some(fee) = view.fee_range else { continue };
        let longest = view
            .service_types
            .iter()
            .map(|t| t.time_limit_working_days)
            .max()
            .unwrap_or(20);
        subjects.push(Subject {
            code: view.package.code.clone(),
            name_zh: format!("{}服务套餐", view.package.name_zh),
            approval_zh: view.package.description_zh.clone(),
            service_type: None,
            package: Some(view.package.public_id),
            types: view.service_types.iter().map(|t| t.code.clone()).collect(),
            fee,
            // The members are worked on side by side; the bundle allows a little more.
            working_days: (longest + 10).min(120),
        });
    }
    Ok(subjects)
}

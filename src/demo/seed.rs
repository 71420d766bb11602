//! Demo data: one organisation and one user per role, the tag catalogue, the demo enterprise's
//! profile, a thousand realistic Zhejiang enterprises, the departments and intermediaries behind
//! twenty demo policies (a hundred clauses) and a hundred-item service catalogue, and a little
//! activity of the demo enterprise, all created through the same use cases as real data (so each
//! leaves its audit entry, and each profile its history and change-log row). Idempotent: what
//! exists is left as it is. Also the synthetic enterprises of benchmarks, written through the
//! enterprises' bulk import (see [`crate::enterprises::import_profiles_in_bulk`]).
//!
//! The API tests seed only the accounts ([`seed_demo`]), so that each test starts from an empty
//! catalogue and an enterprise without a profile; `qifu seed --demo` adds the rest.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use anyhow::Context;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    accounts::{
        self, AccountsError, Locale, NewOrganisation, NewUser, OrganisationKind,
        OrganisationStatus, Role, Uscc,
    },
    audit::Actor,
    auth::{CurrentUser, PasswordHasher},
    configuration::{MarketplaceSettings, PolicySettings},
    demo::{
        enterprises::{self as demo, CatalogueReport, EnterpriseSet, Generator, SYNTHETIC_BATCH},
        marketplace::{self as market, MarketplaceSeedReport, OwnerOrganisation},
        policies::PolicySeedReport,
        services::ServiceSeedReport,
    },
    enterprises::{self, BulkEnterprise, SizeStandard},
    policies::ClauseCache,
};
use uuid::Uuid;

/// Every demo address ends with this.
pub const DEMO_EMAIL_DOMAIN: &str = "@demo.qifu.local";
pub const DEMO_PASSWORD: &str = "qifu-demo-2026";

struct DemoOrganisation {
    /// The first 17 characters of its unified social credit code.
    uscc17: &'static str,
    name: &'static str,
    kind: OrganisationKind,
}

const CENTER: DemoOrganisation = DemoOrganisation {
    uscc17: "12330100MB0000001",
    name: "演示区企业综合服务中心",
    kind: OrganisationKind::Center,
};
const DEVELOPMENT_BUREAU: DemoOrganisation = DemoOrganisation {
    uscc17: "11330100MB0000002",
    name: "演示区发展和改革局",
    kind: OrganisationKind::Department,
};
const MARKET_REGULATION: DemoOrganisation = DemoOrganisation {
    uscc17: "11330100MB0000003",
    name: "演示区市场监督管理局",
    kind: OrganisationKind::Department,
};
const ENTERPRISE: DemoOrganisation = DemoOrganisation {
    uscc17: "91330100MA2D00001",
    name: "杭州演示智能科技有限公司",
    kind: OrganisationKind::Enterprise,
};
const INTERMEDIARY: DemoOrganisation = DemoOrganisation {
    uscc17: "91330100MA2D00002",
    name: "浙江演示工程咨询有限公司",
    kind: OrganisationKind::Intermediary,
};

const fn department(uscc17: &'static str, name: &'static str) -> DemoOrganisation {
    DemoOrganisation {
        uscc17,
        name,
        kind: OrganisationKind::Department,
    }
}

const fn intermediary(uscc17: &'static str, name: &'static str) -> DemoOrganisation {
    DemoOrganisation {
        uscc17,
        name,
        kind: OrganisationKind::Intermediary,
    }
}

/// The departments that issue the demo policies and the departments and intermediaries that
/// provide the demo services, by the key the demo catalogues name them with (the first three
/// are the demo accounts' own organisations).
#[rustfmt::skip]
const PROVIDERS: [(&str, DemoOrganisation); 16] = [
    ("development", DEVELOPMENT_BUREAU),
    ("market", MARKET_REGULATION),
    ("consulting", INTERMEDIARY),
    ("economy", department("11330100MB0000004", "演示区经济和信息化局")),
    ("science", department("11330100MB0000005", "演示区科学技术局")),
    ("commerce", department("11330100MB0000006", "演示区商务局")),
    ("hr", department("11330100MB0000007", "演示区人力资源和社会保障局")),
    ("finance", department("11330100MB0000008", "演示区财政局")),
    ("justice", department("11330100MB0000009", "演示区司法局")),
    ("planning", department("11330100MB0000010", "演示区自然资源和规划局")),
    ("ip_agency", intermediary("91330100MA2D00003", "杭州演示知识产权代理有限公司")),
    ("accounting", intermediary("91330100MA2D00004", "浙江演示会计师事务所（普通合伙）")),
    ("law_firm", intermediary("31330100470012345", "浙江演示律师事务所")),
    ("hr_agency", intermediary("91330100MA2D00005", "杭州演示人力资源服务有限公司")),
    ("environment", intermediary("91330100MA2D00006", "浙江演示环境科技有限公司")),
    ("guarantee", intermediary("91330100MA2D00007", "杭州演示融资担保有限公司")),
];

/// (e-mail local part, display name, role, organisation)
const DEMO_USERS: [(&str, &str, Role, &DemoOrganisation); 6] = [
    ("enterprise", "企业演示用户", Role::Enterprise, &ENTERPRISE),
    (
        "intermediary",
        "中介演示用户",
        Role::Intermediary,
        &INTERMEDIARY,
    ),
    (
        "commissioner",
        "服务专员演示用户",
        Role::Commissioner,
        &CENTER,
    ),
    (
        "department",
        "部门演示用户",
        Role::Department,
        &DEVELOPMENT_BUREAU,
    ),
    (
        "regulator",
        "监管演示用户",
        Role::Regulator,
        &MARKET_REGULATION,
    ),
    ("admin", "中心管理员演示用户", Role::CenterAdmin, &CENTER),
];

/// What a seeding run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations_created: usize,
    pub users_created: usize,
}

/// Creates whatever demo organisations and users are missing.
pub async fn seed_demo(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<SeedReport> {
    let actor = Actor::system();
    let mut report = SeedReport::default();
    for (local, display_name, role, org) in DEMO_USERS {
        let (organisation_id, created) = ensure_organisation(db, &actor, org, now).await?;
        report.organisations_created += usize::from(created);
        let new = NewUser {
            email: format!("{local}{DEMO_EMAIL_DOMAIN}"),
            display_name: display_name.to_owned(),
            role,
            organisation_id,
            password: password.to_owned(),
            locale: Locale::ZhCn,
        };
        match accounts::create_user(db, hasher, &actor, new, now).await {
            Ok(_) => report.users_created += 1,
            Err(AccountsError::EmailTaken) => {}
            Err(e) => return Err(anyhow::anyhow!("creating demo user {local}: {e}")),
        }
    }
    Ok(report)
}

async fn ensure_organisation(
    db: &DatabaseConnection,
    actor: &Actor,
    org: &DemoOrganisation,
    now: DateTime<Utc>,
) -> anyhow::Result<(uuid::Uuid, bool)> {
    let uscc = Uscc::with_check_character(org.uscc17)
        .with_context(|| format!("demo code {}", org.uscc17))?;
    let (organisation, created) =
        ensure_organisation_named(db, actor, (org.name, org.kind), &uscc, now).await?;
    Ok((organisation.public_id, created))
}

/// The organisation with this code, created (active) when missing; true when created.
async fn ensure_organisation_named(
    db: &DatabaseConnection,
    actor: &Actor,
    (name, kind): (&str, OrganisationKind),
    uscc: &Uscc,
    now: DateTime<Utc>,
) -> anyhow::Result<(entities::organisation::Model, bool)> {
    if let Some(existing) = accounts::find_organisation_by_uscc(db, uscc.as_str()).await? {
        return Ok((existing, false));
    }
    let new = NewOrganisation {
        name: name.to_owned(),
        kind,
        uscc: Some(uscc.to_string()),
        status: OrganisationStatus::Active,
    };
    let created = accounts::create_organisation(db, actor, new, now)
        .await
        .map_err(|e| anyhow::anyhow!("creating demo organisation {name}: {e}"))?;
    Ok((created, true))
}

/// A demo user (by the local part of its address) acting as if signed in.
async fn demo_user(db: &DatabaseConnection, local: &str) -> anyhow::Result<CurrentUser> {
    let email = format!("{local}{DEMO_EMAIL_DOMAIN}");
    let account = accounts::find_account_by_email(db, &email)
        .await?
        .with_context(|| {
            format!("the demo user {email} is missing: seed the demo accounts first")
        })?;
    Ok(account.current_user(0, None))
}

/// What seeding the catalogue and the demo enterprise's profile did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CatalogueSeedReport {
    pub catalogue: CatalogueReport,
    /// Whether the demo enterprise's profile was saved (false: it had one).
    pub demo_profile_saved: bool,
}

/// Creates the demo tag catalogue (5 dimensions, 25 tags) as the demo centre administrator, and
/// the demo enterprise's profile as its own user, when missing. Needs [`seed_demo`] first.
pub async fn seed_demo_catalogue(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    now: DateTime<Utc>,
) -> anyhow::Result<CatalogueSeedReport> {
    let centre = demo_user(db, "admin").await?;
    let catalogue = demo::seed_catalogue(db, &centre, now).await?;
    let enterprise_user = demo_user(db, "enterprise").await?;
    let uscc = Uscc::with_check_character(ENTERPRISE.uscc17)
        .with_context(|| format!("demo code {}", ENTERPRISE.uscc17))?;
    let enterprise = accounts::find_organisation_by_uscc(db, uscc.as_str())
        .await?
        .context("the demo enterprise is missing: seed the demo accounts first")?;
    let seed = (
        demo::demo_enterprise_profile(),
        &demo::DEMO_ENTERPRISE_TAGS[..],
    );
    let users = (&enterprise_user, &centre);
    let demo_profile_saved =
        demo::save_first_profile(db, standard, users, &enterprise, seed, now).await?;
    Ok(CatalogueSeedReport {
        catalogue,
        demo_profile_saved,
    })
}

/// How many demo enterprises `qifu seed --demo` creates unless told otherwise.
pub const DEMO_ENTERPRISES: u64 = 1000;

/// What seeding generated enterprises did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EnterpriseSeedReport {
    pub created: u64,
    /// Those of the requested ones that were there already.
    pub existing: u64,
    pub elapsed: Duration,
}

/// Creates the first `count` demo enterprises (deterministic, unique names) that are missing, each
/// organisation and profile through the use cases, with the demo centre administrator as the
/// author; `progress` hears (done, count) after each. Needs [`seed_demo_catalogue`] first for
/// the manual tags.
pub async fn seed_demo_enterprises(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    count: u64,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<EnterpriseSeedReport> {
    let started = Instant::now();
    let centre = demo_user(db, "admin").await?;
    let actor = Actor::system();
    let mut report = EnterpriseSeedReport::default();
    let enterprises = Generator::new(EnterpriseSet::Demo).unique_enterprises(count)?;
    for (done, generated) in (1..).zip(enterprises) {
        let kind = (generated.name.as_str(), OrganisationKind::Enterprise);
        let (organisation, _) =
            ensure_organisation_named(db, &actor, kind, &generated.uscc, now).await?;
        let seed = (generated.fields, &generated.manual_tags[..]);
        let users = (&centre, &centre);
        if demo::save_first_profile(db, standard, users, &organisation, seed, now).await? {
            report.created += 1;
        } else {
            report.existing += 1;
        }
        progress(done, count);
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Makes sure the first `count` synthetic enterprises exist, writing the missing ones through the
/// enterprises' bulk import (batches of [`SYNTHETIC_BATCH`], one transaction each) with one audit
/// entry for the load; `progress` hears (done, count) after each batch. Manual tags are given
/// when the demo catalogue exists.
pub async fn seed_synthetic_enterprises(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    count: u64,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<EnterpriseSeedReport> {
    let started = Instant::now();
    let pattern = EnterpriseSet::Synthetic.uscc_pattern();
    let existing = accounts::count_organisations_with_uscc_like(db, &pattern).await?;
    let generator = Generator::new(EnterpriseSet::Synthetic);
    let actor = Actor::system();
    let load = enterprises::start_bulk_load(db).await?;
    let mut next = existing;
    progress(next.min(count), count);
    while next < count {
        let end = (next + SYNTHETIC_BATCH).min(count);
        let batch = (next..end)
            .map(|number| generator.enterprise(number).map(BulkEnterprise::from))
            .collect::<anyhow::Result<Vec<_>>>()?;
        enterprises::import_profiles_in_bulk(db, standard, &actor, batch, now)
            .await
            .with_context(|| format!("loading synthetic enterprises {next} to {end}"))?;
        next = end;
        progress(next, count);
    }
    let created = count.saturating_sub(existing);
    enterprises::finish_bulk_load(db, load, &actor, (created, count), now).await?;
    Ok(EnterpriseSeedReport {
        created,
        existing: existing.min(count),
        elapsed: started.elapsed(),
    })
}

/// The demo departments and intermediaries, by key, and how many were created now.
#[derive(Debug, Default)]
pub struct DemoProviders {
    pub ids: HashMap<&'static str, Uuid>,
    pub created: usize,
}

/// Creates whatever demo departments and intermediaries (active) are missing. Needs nothing
/// before it; the demo accounts' own organisations are found or created as in [`seed_demo`].
pub async fn seed_demo_providers(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> anyhow::Result<DemoProviders> {
    let actor = Actor::system();
    let mut providers = DemoProviders::default();
    for (key, org) in &PROVIDERS {
        let (id, created) = ensure_organisation(db, &actor, org, now).await?;
        providers.ids.insert(key, id);
        providers.created += usize::from(created);
    }
    Ok(providers)
}

/// Creates the demo policies and their clauses (20 and 100) that are missing, as the demo
/// centre administrator. Needs [`seed_demo_catalogue`] (the tags the conditions name) and
/// [`seed_demo_providers`] first.
pub async fn seed_demo_policies(
    db: &DatabaseConnection,
    providers: &DemoProviders,
    now: DateTime<Utc>,
) -> anyhow::Result<PolicySeedReport> {
    let centre = demo_user(db, "admin").await?;
    crate::demo::policies::seed_policies(db, &centre, &providers.ids, now).await
}

/// Creates the demo service catalogue (8 sectors, 100 items, 6 packages) where missing, as the
/// demo centre administrator. Needs [`seed_demo_catalogue`] and [`seed_demo_providers`] first.
pub async fn seed_demo_services(
    db: &DatabaseConnection,
    providers: &DemoProviders,
    now: DateTime<Utc>,
) -> anyhow::Result<ServiceSeedReport> {
    let centre = demo_user(db, "admin").await?;
    crate::demo::services::seed_catalogue(db, &centre, &providers.ids, now).await
}

/// What seeding the demo enterprise's activity did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ActivitySeedReport {
    pub applications_created: usize,
    pub orders_created: usize,
}

/// Gives the demo enterprise something to look at, through the use cases: its declared qualifications verified by the centre, two automatic
/// grants confirmed, one of them paid by the demo
/// department, and three service orders (completed and rated, accepted, waiting). Needs the
/// demo profile, policies and services first.
pub async fn seed_demo_activity(
    db: &DatabaseConnection,
    (clauses, rules): (&ClauseCache, &PolicySettings),
    now: DateTime<Utc>,
) -> anyhow::Result<ActivitySeedReport> {
    let enterprise = demo_user(db, "enterprise").await?;
    let department = demo_user(db, "department").await?;
    let intermediary = demo_user(db, "intermediary").await?;
    // The centre verifies what the demo enterprise declared, so its automatic grants rest on
    // verified qualifications only.
    let centre = demo_user(db, "admin").await?;
    let organisation = accounts::organisation_by_id(db, enterprise.organisation_id)
        .await?
        .context("the demo enterprise is missing: seed the demo accounts first")?;
    demo::verify_declared_qualifications(db, &centre, &organisation, now).await?;
    let applications_created =
        crate::demo::policies::seed_applications(db, &enterprise, &department, now, clauses, rules)
            .await?;
    let providers = [&department, &intermediary];
    let orders_created =
        crate::demo::services::seed_orders(db, &enterprise, &providers, now).await?;
    Ok(ActivitySeedReport {
        applications_created,
        orders_created,
    })
}

/// How many generated demo enterprises own marketplace projects besides the demo enterprise.
const MARKETPLACE_OWNERS: usize = 4;

/// The intermediary supermarket's demo (see [`crate::demo::marketplace`]): its catalogue, a
/// hundred intermediaries, projects and about a hundred procurements in every state, driven
/// through the use cases over the months before `now`. Needs [`seed_demo`] first; the other
/// owners are the first generated demo enterprises in manufacturing, construction or real
/// estate (their organisations are created when fewer demo enterprises were seeded).
pub async fn seed_demo_marketplace(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    rules: &MarketplaceSettings,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<MarketplaceSeedReport> {
    let profile = demo::demo_enterprise_profile();
    let cast = market::Cast {
        admin: demo_user(db, "admin").await?,
        enterprise: demo_user(db, "enterprise").await?,
        intermediary: demo_user(db, "intermediary").await?,
        enterprise_region: profile.region_code.unwrap_or_default(),
        enterprise_industry: profile.industry_code.unwrap_or_default(),
        owners: marketplace_owners(db, now).await?,
        password,
    };
    market::seed((db, hasher), &cast, now, rules).await
}

/// The credit demo (see [`crate::demo::credit`]): the raters rate the tasks the marketplace's
/// accepted deliveries opened, and the consequences follow. Needs [`seed_demo_marketplace`]
/// first. The e-mails of the replay are dropped like the marketplace's.
pub async fn seed_demo_credit(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> anyhow::Result<crate::demo::credit::CreditSeedReport> {
    let regulator = demo_user(db, "regulator").await?;
    let enterprise = demo_user(db, "enterprise").await?;
    let report =
        crate::demo::credit::seed(db, (&regulator, enterprise.organisation_id), now).await?;
    let replay = (now - chrono::Duration::days(400), now);
    crate::outbox::drop_replayed_demo_emails(db, DEMO_EMAIL_DOMAIN, replay).await?;
    Ok(report)
}

async fn marketplace_owners(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<OwnerOrganisation>> {
    let builds =
        |code: &str| code.starts_with('C') || code.starts_with('E') || code.starts_with('K');
    let owners = Generator::new(EnterpriseSet::Demo)
        .unique_enterprises(60)?
        .into_iter()
        .filter(|e| e.fields.industry_code.as_deref().is_some_and(builds))
        .take(MARKETPLACE_OWNERS);
    let mut found = Vec::new();
    for e in owners {
        let kind = (e.name.as_str(), OrganisationKind::Enterprise);
        let (organisation, _) =
            ensure_organisation_named(db, &Actor::system(), kind, &e.uscc, now).await?;
        found.push(OwnerOrganisation {
            organisation,
            region: e.fields.region_code.unwrap_or_default(),
            industry: e.fields.industry_code.unwrap_or_default(),
        });
    }
    Ok(found)
}

/// In production, refuses to start while any demo account can still sign in.
pub async fn refuse_active_demo_accounts(db: &DatabaseConnection) -> anyhow::Result<()> {
    let active = accounts::active_emails_ending_with(db, DEMO_EMAIL_DOMAIN).await?;
    if active.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "refusing to start in production while demo accounts are active ({}); disable them first",
        active.join(", ")
    )
}

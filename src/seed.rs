//! Demo data: one organisation and one user per role, created through the same use cases as real
//! data (so each leaves its audit entry). Idempotent: what exists is left as it is.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    accounts::{
        self, AccountsError, Locale, NewOrganisation, NewUser, OrganisationKind,
        OrganisationStatus, Role, Uscc,
    },
    audit::Actor,
    auth::PasswordHasher,
};

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
    if let Some(existing) = accounts::find_organisation_by_uscc(db, uscc.as_str()).await? {
        return Ok((existing.public_id, false));
    }
    let new = NewOrganisation {
        name: org.name.to_owned(),
        kind: org.kind,
        uscc: Some(uscc.to_string()),
        status: OrganisationStatus::Active,
    };
    let created = accounts::create_organisation(db, actor, new, now)
        .await
        .map_err(|e| anyhow::anyhow!("creating demo organisation {}: {e}", org.name))?;
    Ok((created.public_id, true))
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

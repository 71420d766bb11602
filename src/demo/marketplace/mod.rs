//! Demo data of the intermediary supermarket for `qifu seed --demo`: the shipped catalogue (39
//! service types, 4 packages), a hundred generated intermediaries with their users, service types
//! and qualifications (and a full profile for the demo intermediary), the owners' investment
//! projects, and about a hundred procurements in every state and with every selection method,
//! spread over the last six months before the seeding day. Everything is created through the
//! same use cases as real data (so each step leaves its audit entry and notifications), and time
//! is driven the way the scheduler drives it: each step runs at its own instant in the past, and
//! closing and the end of the public notice run through `close_due` and `end_notices` at their
//! deadlines. Deterministic (fixed seeds, instants relative to the seeding day; only the draws'
//! secret seeds and the ids are random) and idempotent: what exists is kept, and a procurement is
//! known by its project and title.

mod catalogue;
mod firms;
mod plan;
mod projects;
mod run;
mod schedule;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entities::organisation;

use sea_orm::DatabaseConnection;

use crate::{
    auth::{CurrentUser, PasswordHasher},
    calendar::CHINA,
    configuration::MarketplaceSettings,
    outbox,
};

pub use firms::FIRMS;

/// Who the demo acts as: the demo accounts, and the generated enterprises that own projects.
pub struct Cast<'a> {
    pub admin: CurrentUser,
    pub enterprise: CurrentUser,
    pub intermediary: CurrentUser,
    /// The demo enterprise's division and industry (GB/T 4754 class) for its project codes.
    pub enterprise_region: String,
    pub enterprise_industry: String,
    /// Other owners: each gets a user `enterprise-NNN@demo.qifu.local` and a few projects.
    pub owners: Vec<OwnerOrganisation>,
    /// The password of the users created.
    pub password: &'a str,
}

/// A generated enterprise that owns demo projects.
#[derive(Debug, Clone)]
pub struct OwnerOrganisation {
    pub organisation: organisation::Model,
    /// Its division (6 digits) and industry class (e.g. `C3421`).
    pub region: String,
    pub industry: String,
}

/// What seeding the marketplace demo created.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MarketplaceSeedReport {
    pub service_types_created: usize,
    pub packages_created: usize,
    pub intermediaries_created: usize,
    pub users_created: usize,
    pub qualifications_created: usize,
    pub projects_created: usize,
    pub procurements_created: usize,
    /// The procurements created, by the status they ended in.
    pub statuses: BTreeMap<&'static str, usize>,
    /// The procurements created, by selection method.
    pub methods: BTreeMap<&'static str, usize>,
    /// The replay's e-mails to demo addresses, dropped rather than sent (see below).
    pub emails_dropped: u64,
}

/// Creates whatever of the marketplace demo is missing, as of `now` (the seeding instant).
pub async fn seed(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    cast: &Cast<'_>,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> anyhow::Result<MarketplaceSeedReport> {
    let mut calendar = schedule::Calendar::new(db);
    let window = calendar.window(now).await?;
    let today = now.with_timezone(&CHINA).date_naive();
    let (catalogue, types) = catalogue::seed(db, &cast.admin, window.setup).await?;
    let (firms, made) = firms::seed((db, hasher), cast, &catalogue, window.setup, today).await?;
    let (sites, owners_made) = projects::seed((db, hasher), cast, window.setup).await?;
    let jobs = plan::jobs(&catalogue, &firms, &sites)?;
    let outcome = run::run((db, rules), &mut calendar, &window, (&jobs, &sites, &firms)).await?;
    // The replay notifies as real use would; its in-app notifications stay, but its e-mails tell
    // demo addresses of events months ago and are not worth sending.
    let emails_dropped = match outcome.created {
        0 => 0,
        _ => {
            let replay = (window.start, window.now);
            outbox::drop_replayed_demo_emails(db, crate::demo::seed::DEMO_EMAIL_DOMAIN, replay)
                .await?
        }
    };
    Ok(MarketplaceSeedReport {
        service_types_created: types.service_types,
        packages_created: types.packages,
        intermediaries_created: made.organisations,
        users_created: made.users + owners_made.users,
        qualifications_created: made.qualifications,
        projects_created: owners_made.projects,
        procurements_created: outcome.created,
        statuses: outcome.statuses,
        methods: outcome.methods,
        emails_dropped,
    })
}

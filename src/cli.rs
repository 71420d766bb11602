//! The `qifu` command line: `serve`, `migrate`, `seed`, `user`, `audit` and `openapi` (see `qifu
//! --help`).

use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::{
    accounts::{
        self, Locale, NewOrganisation, NewUser, OrganisationKind, OrganisationStatus, Role,
        UserStatus,
    },
    audit::{self, Actor, ChainReport},
    auth::PasswordHasher,
    clock::{Clock, ShiftedClock, SystemClock},
    configuration::Settings,
    db,
    demo::seed,
    enterprises::SizeStandard,
    marketplace::draw::DrawProof,
    outbox, scheduler, search,
    startup::{self, Application},
    telemetry,
};

/// qifu (企服): enterprise service matching and intermediary marketplace platform.
///
/// Settings come from configuration/*.yaml and QIFU_* environment variables
/// (e.g. QIFU_DATABASE__URL, QIFU_SERVER__PORT, QIFU_ENVIRONMENT=production).
#[derive(Debug, Parser)]
#[command(name = "qifu", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations and serve the web application and API.
    Serve,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load data: `--demo` creates one organisation and one user per role, the tag catalogue, the
    /// demo enterprise's profile, 1,000 generated enterprises, 20 policies (100 clauses), the
    /// service catalogue (8 sectors, 100 items, 6 packages), the demo enterprise's grants and
    /// orders, and the intermediary supermarket (39 service types, 4 packages, 100
    /// intermediaries, about 100 procurements in every state); `--synthetic --enterprises N`
    /// writes N generated enterprises in bulk for benchmarks. Both are idempotent.
    Seed {
        /// Create the demo data (users' e-mails *@demo.qifu.local).
        #[arg(
            long,
            required_unless_present = "synthetic",
            conflicts_with = "synthetic"
        )]
        demo: bool,
        /// Make sure N synthetic enterprises exist (with the demo accounts and catalogue),
        /// written in bulk: no history or audit entry per enterprise; run `qifu reindex` after
        /// to make them searchable.
        #[arg(long, requires = "enterprises")]
        synthetic: bool,
        /// How many generated enterprises (default for --demo: 1000).
        #[arg(long, value_name = "N")]
        enterprises: Option<u64>,
        /// Password of the demo users.
        #[arg(long, default_value = seed::DEMO_PASSWORD)]
        password: String,
    },
    /// Manage users from the command line.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Rebuild the search index from the database, with a progress bar and a summary.
    Reindex,
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Recompute a random draw from its public proof (the JSON of
    /// `GET /api/v1/public/procurements/{id}/draw-proof`) and check it: the commitment, the
    /// sorted bidders, the drawn order and the winner. Exits 1 when anything does not match.
    /// Needs no database or configuration.
    VerifyDraw {
        /// The proof's JSON file; `-` or nothing reads standard input.
        #[arg(value_name = "FILE")]
        proof: Option<std::path::PathBuf>,
    },
    /// Import external feedback events (tax arrears, abnormal-operation listings, administrative
    /// penalties, upheld complaints, commendations) from an Excel, CSV or JSON file, exactly as
    /// `POST /api/v1/credit/events/import` does (audited as the system); prints the report as
    /// JSON. Exits 1 when any row has an error.
    CreditEvents {
        /// The file (.xlsx, .csv or .json).
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
        /// `check` only reports; `all` saves every row or nothing; `valid_rows` saves the valid
        /// rows.
        #[arg(long, default_value = "check", value_parser = ["check", "all", "valid_rows"])]
        mode: String,
    },
    /// Print the OpenAPI document the server publishes at `/api/openapi.json` (pretty JSON, keys
    /// in a stable order); `make api-types` writes it to the front end's snapshot. Needs no
    /// database or configuration.
    Openapi,
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back the most recent migrations.
    Down {
        /// How many migrations to roll back.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether each is applied.
    Status,
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Create a centre administrator (center_admin) on a fresh install; creates the centre
    /// organisation when there is none yet.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        display_name: String,
        /// At least 10 characters. Can also be given as QIFU_ADMIN_PASSWORD.
        #[arg(long, env = "QIFU_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        /// Name of the centre organisation, when it has to be created.
        #[arg(long, default_value = "企业综合服务中心")]
        organisation_name: String,
    },
    /// Disable a user (their sessions end at once), e.g. the demo accounts before production.
    Disable {
        #[arg(long)]
        email: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Recompute the hash chain and report the first broken link; exits 1 if one is found.
    Verify,
}

/// Runs the command line; the process exit code is the result.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::VerifyDraw { proof } = &cli.command {
        return verify_draw(proof.as_deref());
    }
    if let Command::Openapi = cli.command {
        return print_openapi();
    }
    let settings = Settings::load()?;
    telemetry::init(&settings.log);
    let clock: Arc<dyn Clock> = if settings.clock.adjustable {
        Arc::new(ShiftedClock::default())
    } else {
        Arc::new(SystemClock)
    };
    match cli.command {
        Command::Serve => serve(settings, clock).await,
        Command::Migrate { action } => migrate(&settings, action).await,
        Command::Seed {
            synthetic,
            enterprises,
            password,
            ..
        } => {
            let count = match (synthetic, enterprises) {
                (true, count) => SeedEnterprises::Synthetic(count.unwrap_or_default()),
                (false, count) => SeedEnterprises::Demo(count.unwrap_or(seed::DEMO_ENTERPRISES)),
            };
            seed(&settings, &password, count, clock.now()).await
        }
        Command::User { action } => user(&settings, action, clock.now()).await,
        Command::Reindex => reindex(settings, clock).await,
        Command::Audit {
            action: AuditAction::Verify,
        } => verify_audit(&settings).await,
        Command::VerifyDraw { proof } => verify_draw(proof.as_deref()),
        Command::CreditEvents { file, mode } => {
            import_credit_events(&settings, &file, &mode, clock.now()).await
        }
        Command::Openapi => print_openapi(),
    }
}

/// Which generated enterprises `qifu seed` makes, and how many.
#[derive(Debug, Clone, Copy)]
enum SeedEnterprises {
    Demo(u64),
    Synthetic(u64),
}

async fn seed(
    settings: &Settings,
    password: &str,
    enterprises: SeedEnterprises,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let db = open_migrated(settings).await?;
    let hasher = PasswordHasher::new(&settings.auth.argon2)?;
    let standard = SizeStandard::shipped()?;
    let report = seed::seed_demo(&db, &hasher, password, now).await?;
    println!(
        "demo data ready: {} organisations and {} users created (existing ones kept)",
        report.organisations_created, report.users_created
    );
    let catalogue = seed::seed_demo_catalogue(&db, &standard, now).await?;
    println!(
        "tag catalogue: {} dimensions and {} tags created; demo enterprise profile {}",
        catalogue.catalogue.dimensions_created,
        catalogue.catalogue.tags_created,
        if catalogue.demo_profile_saved {
            "saved"
        } else {
            "kept"
        }
    );
    let bar = progress_bar("enterprises")?;
    let on_progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let (label, report) = match enterprises {
        SeedEnterprises::Demo(count) => (
            "demo",
            seed::seed_demo_enterprises(&db, &standard, count, now, on_progress).await?,
        ),
        SeedEnterprises::Synthetic(count) => (
            "synthetic",
            seed::seed_synthetic_enterprises(&db, &standard, count, now, on_progress).await?,
        ),
    };
    bar.finish_and_clear();
    println!(
        "{label} enterprises: {} created, {} already there ({:.1} s)",
        report.created,
        report.existing,
        report.elapsed.as_secs_f64()
    );
    if matches!(enterprises, SeedEnterprises::Synthetic(_)) && report.created > 0 {
        println!(
            "run `qifu reindex` to make them searchable; running servers see them after a restart"
        );
    }
    if matches!(enterprises, SeedEnterprises::Demo(_)) {
        seed_offers(settings, db, password, now).await?;
    }
    Ok(())
}

/// The demo policies, service catalogue, the demo enterprise's activity and the marketplace,
/// one line each.
async fn seed_offers(
    settings: &Settings,
    db: sea_orm::DatabaseConnection,
    password: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let providers = seed::seed_demo_providers(&db, now).await?;
    println!(
        "departments and intermediaries: {} created",
        providers.created
    );
    let policies = seed::seed_demo_policies(&db, &providers, now).await?;
    println!(
        "policies: {} policies and {} clauses created ({} published, {} drafts, {} withdrawn)",
        policies.policies_created,
        policies.clauses_created,
        policies.published,
        policies.drafts,
        policies.withdrawn
    );
    let services = seed::seed_demo_services(&db, &providers, now).await?;
    println!(
        "service catalogue: {} sectors, {} items ({} withdrawn) and {} packages created",
        services.sectors_created,
        services.items_created,
        services.withdrawn,
        services.packages_created
    );
    let (application, scratch) = seeding_application(settings, db).await?;
    let state = application.state();
    let rules = (&*state.clauses, &state.settings.policies);
    let seeded = seed_with_application(
        (&state.db, &state.hasher),
        rules,
        &state.settings.marketplace,
        (password, now),
    )
    .await;
    drop(state);
    drop(application);
    if let Some(dir) = scratch {
        let _ = std::fs::remove_dir_all(dir);
    }
    seeded
}

/// The demo enterprise's activity and the marketplace demo, with the clause cache of the seeding
/// application and the calendar it loaded.
async fn seed_with_application(
    accounts: (&sea_orm::DatabaseConnection, &crate::auth::PasswordHasher),
    policies: (
        &crate::policies::ClauseCache,
        &crate::configuration::PolicySettings,
    ),
    marketplace: &crate::configuration::MarketplaceSettings,
    (password, now): (&str, chrono::DateTime<chrono::Utc>),
) -> anyhow::Result<()> {
    let activity = seed::seed_demo_activity(accounts.0, policies, now).await?;
    println!(
        "demo enterprise activity: {} applications and {} service orders created",
        activity.applications_created, activity.orders_created
    );
    let started = std::time::Instant::now();
    let market = seed::seed_demo_marketplace(accounts, marketplace, password, now).await?;
    let statuses: Vec<String> = market
        .statuses
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    println!(
        "marketplace: {} service types and {} packages, {} intermediaries ({} users, {} \
         qualifications), {} projects and {} procurements created{}, {} replayed demo e-mails \
         dropped ({:.1} s)",
        market.service_types_created,
        market.packages_created,
        market.intermediaries_created,
        market.users_created,
        market.qualifications_created,
        market.projects_created,
        market.procurements_created,
        if statuses.is_empty() {
            String::new()
        } else {
            format!(" ({})", statuses.join(", "))
        },
        market.emails_dropped,
        started.elapsed().as_secs_f64()
    );
    let credit = seed::seed_demo_credit(accounts.0, now).await?;
    println!(
        "credit: {} ratings given, {} tasks lapsed, {} rectifications escalated{}{}{}",
        credit.rated,
        credit.lapsed,
        credit.escalated,
        if credit.delisted {
            ", one delisting confirmed"
        } else {
            ""
        },
        if credit.rectification {
            ", one rectification opened"
        } else {
            ""
        },
        if credit.appealed {
            ", one appeal filed"
        } else {
            ""
        },
    );
    Ok(())
}

/// The application (never served) whose state the demo activity's use cases need. Seeding
/// writes no search documents (the change log carries them to the real index), so an embedded
/// index is opened in a scratch folder of its own, removed after: a running server holds the
/// real one's lock.
async fn seeding_application(
    settings: &Settings,
    db: sea_orm::DatabaseConnection,
) -> anyhow::Result<(Application, Option<std::path::PathBuf>)> {
    let mut settings = settings.clone();
    settings.server.port = 0;
    let scratch =
        settings.search.meilisearch_url.trim().is_empty().then(|| {
            std::env::temp_dir().join(format!("qifu-seed-search-{}", uuid::Uuid::new_v4()))
        });
    if let Some(dir) = &scratch {
        settings.search.index_dir = dir.clone();
    }
    let application = Application::build_with_database(settings, db, Arc::new(SystemClock)).await?;
    Ok((application, scratch))
}

/// A progress bar of `unit`s (drawn only on a terminal).
fn progress_bar(unit: &str) -> anyhow::Result<indicatif::ProgressBar> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {unit} ({{eta}})"
        ))
        .map_err(|e| anyhow::anyhow!("progress bar: {e}"))?,
    );
    Ok(bar)
}

async fn serve(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<()> {
    let (host, environment) = (settings.server.host.clone(), settings.environment_name());
    let scheduler_enabled = settings.scheduler.enabled;
    let application = Application::build(settings, clock).await?;
    if scheduler_enabled {
        tokio::spawn(scheduler::run_loop(application.state()));
    }
    tokio::spawn(outbox::run_loop(application.state()));
    tokio::spawn(search::run_loop(application.state()));
    tracing::info!(%host, port = application.port(), environment, "qifu is serving");
    println!("qifu is serving on http://{host}:{}/", application.port());
    application.run_until_stopped().await?;
    Ok(())
}

async fn open_migrated(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = db::connect(settings).await?;
    db::migrate_up(&db).await?;
    Ok(db)
}

async fn migrate(settings: &Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = db::connect(settings).await?;
    match action {
        MigrateAction::Up => {
            db::migrate_up(&db).await?;
            println!("migrations applied");
        }
        MigrateAction::Down { steps } => {
            db::migrate_down(&db, steps).await?;
            println!("rolled back {steps} migration(s)");
        }
        MigrateAction::Status => {
            for (name, applied) in db::migration_status(&db).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
    }
    Ok(())
}

async fn user(
    settings: &Settings,
    action: UserAction,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let db = open_migrated(settings).await?;
    let actor = Actor::system();
    match action {
        UserAction::Create {
            email,
            display_name,
            password,
            organisation_name,
        } => {
            let hasher = PasswordHasher::new(&settings.auth.argon2)?;
            let centre = match accounts::find_center(&db).await? {
                Some(centre) => centre,
                None => {
                    let new = NewOrganisation {
                        name: organisation_name,
                        kind: OrganisationKind::Center,
                        uscc: None,
                        status: OrganisationStatus::Active,
                    };
                    accounts::create_organisation(&db, &actor, new, now).await?
                }
            };
            let new = NewUser {
                email,
                display_name,
                role: Role::CenterAdmin,
                organisation_id: centre.public_id,
                password,
                locale: Locale::ZhCn,
            };
            let account = accounts::create_user(&db, &hasher, &actor, new, now).await?;
            println!(
                "created center_admin {} in {}",
                account.user.email, account.organisation.name
            );
        }
        UserAction::Disable { email, reason } => {
            let account = accounts::find_account_by_email(&db, &email)
                .await?
                .with_context(|| format!("no user with e-mail {email}"))?;
            accounts::set_user_status(
                &db,
                &actor,
                account.user.public_id,
                UserStatus::Disabled,
                Some(&reason),
                now,
            )
            .await?;
            println!("disabled {email}");
        }
    }
    Ok(())
}

async fn import_credit_events(
    settings: &Settings,
    file: &std::path::Path,
    mode: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    use crate::{credit::event::service as events, sheets::ImportMode};
    let mode: ImportMode = serde_json::from_value(serde_json::json!(mode))?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let db = open_migrated(settings).await?;
    let importer = events::Importer {
        actor: Actor::system(),
        user_id: None,
    };
    let report = events::import(&db, &importer, &bytes, mode, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    if !report.errors.is_empty() {
        anyhow::bail!("{} rows have errors", report.errors.len());
    }
    Ok(())
}

async fn verify_audit(settings: &Settings) -> anyhow::Result<()> {
    let db = open_migrated(settings).await?;
    match audit::verify_chain(&db).await? {
        ChainReport::Intact { entries } => {
            println!("audit chain intact: {entries} entries verified");
            Ok(())
        }
        ChainReport::Broken { seq, reason } => {
            anyhow::bail!("audit chain broken at entry {seq}: {reason}")
        }
    }
}

async fn reindex(mut settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<()> {
    settings.server.port = 0;
    let application = Application::build(settings, clock).await?;
    let state = application.state();
    let bar = progress_bar("documents")?;
    let summary = search::reindex(&state.indexer, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await?;
    bar.finish_and_clear();
    println!(
        "reindexed {} documents into {} (change log position {})",
        summary.documents, summary.engine, summary.position
    );
    Ok(())
}

fn print_openapi() -> anyhow::Result<()> {
    println!("{}", startup::openapi_document().to_pretty_json()?);
    Ok(())
}

fn verify_draw(path: Option<&std::path::Path>) -> anyhow::Result<()> {
    use std::io::Read;
    let mut text = String::new();
    match path.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?
        }
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let proof: DrawProof =
        serde_json::from_str(&text).context("the proof is not a draw proof's JSON")?;
    if proof.seed.is_empty() {
        anyhow::bail!("the seed is not revealed yet: bidding has not closed");
    }
    proof
        .verify()
        .map_err(|e| anyhow::anyhow!("the draw does NOT verify: {e}"))?;
    println!(
        "draw verified ({}): {} bidders",
        proof.algorithm,
        proof.bidders.len()
    );
    for (rank, code) in proof.order.iter().enumerate() {
        println!("{:>3}. {code}", rank + 1);
    }
    println!("winner: {}", proof.winner.as_deref().unwrap_or("-"));
    Ok(())
}

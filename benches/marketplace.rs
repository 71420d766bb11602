//! `make bench`: two hot paths of the intermediary supermarket, on a file-backed SQLite database
//! (the embedded default, opened as the server opens it: WAL, synchronous NORMAL, one
//! connection) and on PostgreSQL (the production store, the configured pool of 10 connections).
//!
//! (a) Durable bids per second: 64 clients (tokio tasks, each an approved, qualified
//! intermediary with its own user) place and replace bids on 100 published procurements through
//! the real use case `bid::service::place_bid` — its transaction, the conditional update that
//! holds the procurement against closing, the eligibility check and the sealed bid-history row —
//! for a fixed time (`QIFU_BENCH_BID_SECONDS`, default 20). Reported: acknowledged bids per
//! second and the p50/p99 latency of one call. Afterwards a fresh connection checks that every
//! acknowledged bid is in the database with its last acknowledged price, and that the history
//! holds exactly one row per acknowledgement.
//!
//! (b) Closing 10,000 procurements that share one deadline: they are written in bulk (3–5 bids
//! each from the 64 intermediaries, the four selection methods in turn, the draws with their
//! committed seeds), then one `selection::service::close_due` run at the deadline is timed — the
//! scheduler's job: per procurement the claim, the audited sealed history, the bids' validation,
//! then the draw or the lowest price with the award, its notice end in working days and its
//! notifications, or evaluation for the owner's methods. Reported: total seconds and
//! milliseconds per procurement. Checked: all 10,000 closed, each with exactly one
//! `procurement.close` audit entry, a second run at the same instant closes nothing, and the
//! audit chain is intact.
//!
//! Reproduce: `cargo bench --bench marketplace` (release build). PostgreSQL at
//! `QIFU_BENCH_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/qifu_bench_market`;
//! the database is dropped and created afresh on every run, so its name must contain `market`);
//! the PostgreSQL side is skipped when the server cannot be reached. The instants are fixed
//! (24 November 2026), the random choices seeded; only the draws' seeds and ids differ per run.

mod common;

use common::{load_average, ms, percentile, Lcg};

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};
use entities::{bid, bid_event, procurement};
use qifu::{
    accounts::{
        self, Locale, NewOrganisation, NewUser, OrganisationKind, OrganisationStatus, Role, Uscc,
    },
    audit::{self, Actor, ChainReport},
    auth::{CurrentUser, PasswordHasher},
    calendar,
    configuration::{MarketplaceSettings, Settings},
    demo::seed,
    marketplace::{
        bid::service::{self as bids, BidOffer},
        catalogue::service::{self as catalogue, ServiceTypeDefinition},
        draw::{commitment, Seed},
        intermediary::service::{
            self as intermediaries, IntermediaryContact, ProfileUpdate, QualificationInput,
        },
        model::{BidAction, BidStatus, ProcurementStatus, SelectionMethod},
        procurement::service::{self as procurements, ProcurementDefinition, ProjectDefinition},
        selection::service as selection,
    },
};
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
    QueryFilter, QuerySelect, Set, Statement,
};
use uuid::Uuid;

const CLIENTS: usize = 64;
const OPEN_PROCUREMENTS: usize = 100;
const CLOSING: usize = 10_000;
const BATCH: usize = 500;
const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/qifu_bench_market";

/// Tuesday 24 November 2026, 10:00 in Beijing: bidding runs from here.
fn bench_now() -> anyhow::Result<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0)
        .single()
        .context("the bench's instant")
}

/// One database with the collaborators the use cases need: no server is built.
struct Backend {
    name: &'static str,
    url: String,
    db: DatabaseConnection,
    hasher: PasswordHasher,
    rules: MarketplaceSettings,
    /// The data folder (the SQLite file): removed after the run.
    scratch: std::path::PathBuf,
}

async fn backend(
    name: &'static str,
    url: String,
    data_dir: std::path::PathBuf,
) -> anyhow::Result<Backend> {
    let mut settings = Settings::load_for("test")?;
    settings.server.port = 0;
    settings.server.host = "127.0.0.1".to_owned();
    settings.database.url = url.clone();
    settings.data_dir = data_dir;
    let db = qifu::db::connect(&settings).await?;
    qifu::db::migrate_up(&db).await?;
    calendar::load_shipped_years(&db, bench_now()?).await?;
    Ok(Backend {
        name,
        url,
        db,
        hasher: PasswordHasher::new(&settings.auth.argon2)?,
        rules: settings.marketplace,
        scratch: settings.data_dir,
    })
}

async fn sqlite_backend() -> anyhow::Result<Backend> {
    let dir = std::env::temp_dir().join(format!("qifu-bench-market-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("qifu.db").display());
    backend("SQLite (WAL)", url, dir).await
}

/// The PostgreSQL backend on a fresh database; none when the server cannot be reached.
async fn postgres_backend(url: &str) -> anyhow::Result<Option<Backend>> {
    let (server, name) = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit_once('/'))
        .context("QIFU_BENCH_DATABASE_URL has no database name")?;
    anyhow::ensure!(
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "the benchmark database's name `{name}` is not a plain lower-case identifier"
    );
    // It is dropped on every run: never another bench's (or anyone's) database by mistake.
    anyhow::ensure!(
        name.contains("market"),
        "the marketplace bench drops and recreates its database; `{name}` does not look like one \
         meant for it (its name must contain `market`)"
    );
    let mut options = ConnectOptions::new(format!("{server}/postgres"));
    options
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let admin = match Database::connect(options).await {
        Ok(admin) => admin,
        Err(e) => {
            println!("PostgreSQL at {server} is unreachable ({e}): the PostgreSQL side is skipped");
            return Ok(None);
        }
    };
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    admin.close().await?;
    let dir = std::env::temp_dir().join(format!("qifu-bench-market-{}", Uuid::new_v4()));
    Ok(Some(backend("PostgreSQL", url.to_owned(), dir).await?))
}

/// The owner, the service type, the 64 intermediaries and the open procurements.
struct Market {
    owner: CurrentUser,
    service_type: Uuid,
    service_type_id: i64,
    project: Uuid,
    project_id: i64,
    bidders: Vec<CurrentUser>,
    open: Vec<Uuid>,
}

async fn demo_user(db: &DatabaseConnection, local: &str) -> anyhow::Result<CurrentUser> {
    let email = format!("{local}{}", seed::DEMO_EMAIL_DOMAIN);
    let account = accounts::find_account_by_email(db, &email)
        .await?
        .with_context(|| format!("the demo user {email}"))?;
    Ok(account.current_user(0, None))
}

async fn prepare_market(backend: &Backend) -> anyhow::Result<Market> {
    let now = bench_now()?;
    let db = &backend.db;
    seed::seed_demo(db, &backend.hasher, seed::DEMO_PASSWORD, now).await?;
    let admin = demo_user(db, "admin").await?;
    let owner = demo_user(db, "enterprise").await?;
    let definition = ServiceTypeDefinition {
        code: "eia".to_owned(),
        name_zh: "环境影响评价".to_owned(),
        name_en: "Environmental impact assessment".to_owned(),
        approval_zh: "环评审批".to_owned(),
        approval_en: String::new(),
        qualification: Some("surveying".to_owned()),
        fee_min_fen: 1_000_000,
        fee_max_fen: 10_000_000,
        time_limit_working_days: 20,
        guide_zh: String::new(),
        guide_en: String::new(),
        department: None,
        active: true,
        position: 1,
    };
    let service_type = catalogue::save_service_type(db, &admin, None, definition, now).await?;
    let project = procurements::create_project(
        db,
        &owner,
        ProjectDefinition {
            name: "基准测试产业园".to_owned(),
            code: "2026-330281-47-03-900001".to_owned(),
            division_code: "330281".to_owned(),
            investment_fen: 5_000_000_000,
            description: String::new(),
        },
        now,
    )
    .await?;
    let mut bidders = Vec::with_capacity(CLIENTS);
    for n in 0..CLIENTS {
        bidders.push(bidder(backend, n, service_type.public_id, now).await?);
    }
    let mut market = Market {
        owner,
        service_type: service_type.public_id,
        service_type_id: service_type.id,
        project: project.public_id,
        project_id: project.id,
        bidders,
        open: Vec::new(),
    };
    market.open = open_procurements(backend, &market, now).await?;
    Ok(market)
}

/// An approved intermediary offering the type with a valid qualification, and its user.
async fn bidder(
    backend: &Backend,
    n: usize,
    service_type: Uuid,
    now: DateTime<Utc>,
) -> anyhow::Result<CurrentUser> {
    let db = &backend.db;
    let uscc = Uscc::with_check_character(&format!("91330106MA8B{n:05}"))
        .map_err(|e| anyhow::anyhow!("bench code: {e}"))?;
    let org = accounts::create_organisation(
        db,
        &Actor::system(),
        NewOrganisation {
            name: format!("基准测试环境科技{n:02}有限公司"),
            kind: OrganisationKind::Intermediary,
            uscc: Some(uscc.to_string()),
            status: OrganisationStatus::Active,
        },
        now,
    )
    .await?;
    let new = NewUser {
        email: format!("bench-bidder-{n:02}@bench.qifu.local"),
        display_name: format!("投标人{n:02}"),
        role: Role::Intermediary,
        organisation_id: org.public_id,
        password: seed::DEMO_PASSWORD.to_owned(),
        locale: Locale::ZhCn,
    };
    let user = accounts::create_user(db, &backend.hasher, &Actor::system(), new, now)
        .await?
        .current_user(0, None);
    let profile = ProfileUpdate {
        practitioners: 20,
        introduction: String::new(),
        contact: IntermediaryContact::default(),
        service_types: vec![service_type],
    };
    intermediaries::update_profile(db, &user, profile, now).await?;
    let qualification = QualificationInput {
        qualification_type: "surveying".to_owned(),
        level: "甲级".to_owned(),
        certificate_number: format!("甲测资字 33{n:05}"),
        expires_on: now.date_naive() + chrono::Duration::days(730),
    };
    intermediaries::save_qualification(db, &user, qualification, now).await?;
    Ok(user)
}

/// Procurements drafted and published through the use cases, open for ten working days.
async fn open_procurements(
    backend: &Backend,
    market: &Market,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Uuid>> {
    let mut open = Vec::with_capacity(OPEN_PROCUREMENTS);
    for n in 0..OPEN_PROCUREMENTS {
        let definition = ProcurementDefinition {
            project: market.project,
            service_type: Some(market.service_type),
            package: None,
            title: format!("基准测试环评报告编制（{n}）"),
            scope: "编制环境影响报告表".to_owned(),
            budget_ceiling_fen: 8_000_000,
            required_qualifications: Vec::new(),
            avoided: Vec::new(),
            method: SelectionMethod::LowestPrice,
            weights: (0, 0, 0),
            bidding_working_days: 10,
            service_working_days: 20,
        };
        let drafted = procurements::create_procurement(
            &backend.db,
            &market.owner,
            definition,
            now,
            &backend.rules,
        )
        .await?;
        let id = drafted.procurement.public_id;
        procurements::publish(&backend.db, &market.owner, id, now).await?;
        open.push(id);
    }
    Ok(open)
}

/// One acknowledged bid.
struct Ack {
    procurement: Uuid,
    organisation_id: i64,
    price_fen: i64,
}

/// What one client did.
#[derive(Default)]
struct ClientRun {
    acks: Vec<Ack>,
    latencies: Vec<Duration>,
    errors: Vec<String>,
}

async fn client(
    db: DatabaseConnection,
    user: CurrentUser,
    open: Arc<Vec<Uuid>>,
    n: usize,
    run_for: Duration,
) -> anyhow::Result<ClientRun> {
    let start = bench_now()?;
    let mut rng = Lcg(2026 + n as u64);
    let mut run = ClientRun::default();
    let began = Instant::now();
    while began.elapsed() < run_for {
        let procurement = open[rng.below(open.len() as u64) as usize];
        let price_fen = 1_000_000 + rng.below(70) as i64 * 100_000;
        let offer = BidOffer {
            price_fen,
            promised_working_days: 15,
            proposal: "技术方案".to_owned(),
            proposal_file: None,
            proposal_digest: None,
        };
        let at = start + chrono::Duration::from_std(began.elapsed())?;
        let called = Instant::now();
        match bids::place_bid(&db, &user, procurement, offer, at).await {
            Ok(_) => {
                run.latencies.push(called.elapsed());
                run.acks.push(Ack {
                    procurement,
                    organisation_id: user.organisation_id,
                    price_fen,
                });
            }
            Err(e) => run.errors.push(e.to_string()),
        }
    }
    Ok(run)
}

struct BidFigures {
    acknowledged: usize,
    seconds: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

async fn bench_bids(
    backend: &Backend,
    market: &Market,
    run_for: Duration,
) -> anyhow::Result<BidFigures> {
    let open = Arc::new(market.open.clone());
    let began = Instant::now();
    let tasks: Vec<_> = market
        .bidders
        .iter()
        .enumerate()
        .map(|(n, user)| {
            tokio::spawn(client(
                backend.db.clone(),
                user.clone(),
                open.clone(),
                n,
                run_for,
            ))
        })
        .collect();
    let mut all = ClientRun::default();
    for task in tasks {
        let run = task.await??;
        all.acks.extend(run.acks);
        all.latencies.extend(run.latencies);
        all.errors.extend(run.errors);
    }
    let seconds = began.elapsed().as_secs_f64();
    if let Some(first) = all.errors.first() {
        println!(
            "  {} bids refused or failed; the first: {first}",
            all.errors.len()
        );
    }
    verify_bids(backend, &all.acks).await?;
    all.latencies.sort();
    Ok(BidFigures {
        acknowledged: all.acks.len(),
        seconds,
        p50: percentile(&all.latencies, 0.5),
        p99: percentile(&all.latencies, 0.99),
        errors: all.errors.len(),
    })
}

/// A fresh connection finds every acknowledged bid with its last acknowledged price, and one
/// history row per acknowledgement.
async fn verify_bids(backend: &Backend, acks: &[Ack]) -> anyhow::Result<()> {
    let db = Database::connect(
        ConnectOptions::new(backend.url.clone())
            .sqlx_logging(false)
            .to_owned(),
    )
    .await?;
    let ids: HashMap<Uuid, i64> = procurement::Entity::find()
        .all(&db)
        .await?
        .into_iter()
        .map(|p| (p.public_id, p.id))
        .collect();
    let stored: HashMap<(i64, i64), i64> = bid::Entity::find()
        .all(&db)
        .await?
        .into_iter()
        .map(|b| ((b.procurement_id, b.organisation_id), b.price_fen))
        .collect();
    let mut last: HashMap<(i64, i64), i64> = HashMap::new();
    for ack in acks {
        let p = *ids
            .get(&ack.procurement)
            .context("an acknowledged bid's procurement")?;
        last.insert((p, ack.organisation_id), ack.price_fen);
    }
    let missing = last
        .iter()
        .filter(|(key, price)| stored.get(key) != Some(price))
        .count();
    anyhow::ensure!(
        missing == 0,
        "{missing} acknowledged bids are not in the database as acknowledged"
    );
    anyhow::ensure!(
        stored.len() == last.len(),
        "{} bids stored, {} acknowledged",
        stored.len(),
        last.len()
    );
    let events = bid_event::Entity::find().all(&db).await?.len();
    anyhow::ensure!(
        events == acks.len(),
        "{events} history rows for {} acknowledgements",
        acks.len()
    );
    db.close().await?;
    Ok(())
}

/// The 10,000 procurements due at `deadline`, written in bulk with their bids and history.
async fn seed_closing(
    backend: &Backend,
    market: &Market,
    deadline: DateTime<Utc>,
) -> anyhow::Result<()> {
    let db = &backend.db;
    let published = deadline - chrono::Duration::days(7);
    let mins = &backend.rules.min_valid_bids;
    let methods = [
        (SelectionMethod::RandomDraw, mins.random_draw),
        (SelectionMethod::LowestPrice, mins.lowest_price),
        (SelectionMethod::DirectPick, mins.direct_pick),
        (SelectionMethod::Scored, mins.scored),
    ];
    for start in (0..CLOSING).step_by(BATCH) {
        let rows: Vec<procurement::ActiveModel> = (start..(start + BATCH).min(CLOSING))
            .map(|n| {
                let (method, min) = methods[n % methods.len()];
                closing_row(market, n, (method, min), (published, deadline))
            })
            .collect();
        procurement::Entity::insert_many(rows).exec(db).await?;
    }
    let due: Vec<i64> = procurement::Entity::find()
        .select_only()
        .column(procurement::Column::Id)
        .filter(procurement::Column::BidDeadline.eq(deadline))
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(due.len() == CLOSING, "{} procurements written", due.len());
    let mut rng = Lcg(7);
    for chunk in due.chunks(BATCH / 2) {
        let rows: Vec<bid::ActiveModel> = chunk
            .iter()
            .flat_map(|p| bid_rows(market, *p, &mut rng, published))
            .collect();
        bid::Entity::insert_many(rows).exec(db).await?;
    }
    let users: HashMap<i64, i64> = market
        .bidders
        .iter()
        .map(|u| (u.organisation_id, u.user_id))
        .collect();
    for chunk in due.chunks(BATCH) {
        let placed = bid::Entity::find()
            .filter(bid::Column::ProcurementId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        let events: Vec<bid_event::ActiveModel> = placed
            .into_iter()
            .map(|b| bid_event::ActiveModel {
                procurement_id: Set(b.procurement_id),
                bid_id: Set(b.id),
                organisation_id: Set(b.organisation_id),
                user_id: Set(users.get(&b.organisation_id).copied().unwrap_or_default()),
                action: Set(BidAction::Place),
                price_fen: Set(b.price_fen),
                at: Set(b.placed_at),
                ..Default::default()
            })
            .collect();
        bid_event::Entity::insert_many(events).exec(db).await?;
    }
    Ok(())
}

fn closing_row(
    market: &Market,
    n: usize,
    (method, min): (SelectionMethod, u32),
    (published, deadline): (DateTime<Utc>, DateTime<Utc>),
) -> procurement::ActiveModel {
    let public_id = Uuid::new_v4();
    let seed = (method == SelectionMethod::RandomDraw).then(Seed::generate);
    let weights = if method == SelectionMethod::Scored {
        (50, 30, 20)
    } else {
        (0, 0, 0)
    };
    procurement::ActiveModel {
        public_id: Set(public_id),
        project_id: Set(market.project_id),
        organisation_id: Set(market.owner.organisation_id),
        service_type_id: Set(Some(market.service_type_id)),
        package_id: Set(None),
        title: Set(format!("基准测试截止关闭（{n}）")),
        scope: Set("编制环境影响报告表".to_owned()),
        budget_ceiling_fen: Set(8_000_000),
        fee_min_fen: Set(1_000_000),
        fee_max_fen: Set(10_000_000),
        required_qualifications: Set("[]".to_owned()),
        selection_method: Set(method),
        weight_price: Set(weights.0),
        weight_proposal: Set(weights.1),
        weight_credit: Set(weights.2),
        min_valid_bids: Set(i32::try_from(min).unwrap_or(i32::MAX)),
        status: Set(ProcurementStatus::Published),
        bidding_working_days: Set(5),
        bid_deadline: Set(Some(deadline)),
        service_working_days: Set(20),
        terms_version: Set(1),
        seed_commitment: Set(seed.as_ref().map(|s| commitment(public_id, s))),
        seed: Set(seed.as_ref().map(Seed::to_hex)),
        draw_order: Set(None),
        published_at: Set(Some(published)),
        closed_at: Set(None),
        awarded_bid_id: Set(None),
        awarded_at: Set(None),
        notice_ends_at: Set(None),
        end_reason: Set(None),
        created_at: Set(published),
        updated_at: Set(published),
        ..Default::default()
    }
}

/// Three to five bids from different intermediaries, priced 78–97% of the ceiling.
fn bid_rows(
    market: &Market,
    procurement_id: i64,
    rng: &mut Lcg,
    published: DateTime<Utc>,
) -> Vec<bid::ActiveModel> {
    let count = 3 + rng.below(3) as usize;
    let first = rng.below(CLIENTS as u64) as usize;
    (0..count)
        .map(|k| {
            let bidder = &market.bidders[(first + k * 7) % CLIENTS];
            let at = published + chrono::Duration::hours(1 + rng.below(100) as i64);
            bid::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                procurement_id: Set(procurement_id),
                organisation_id: Set(bidder.organisation_id),
                price_fen: Set(6_240_000 + rng.below(152) as i64 * 10_000),
                promised_working_days: Set(15),
                proposal: Set("技术方案".to_owned()),
                proposal_file_id: Set(None),
                proposal_digest: Set(None),
                status: Set(BidStatus::Active),
                terms_version: Set(1),
                placed_at: Set(at),
                abnormally_low: Set(false),
                justification: Set(None),
                justification_decision: Set(None),
                proposal_score: Set(None),
                invalid_reason: Set(None),
                updated_at: Set(at),
                ..Default::default()
            }
        })
        .collect()
}

struct CloseFigures {
    seeded_seconds: f64,
    seconds: f64,
    report: selection::ClosingReport,
}

async fn bench_closing(backend: &Backend, market: &Market) -> anyhow::Result<CloseFigures> {
    let deadline = calendar::deadline(&backend.db, bench_now()?, 1)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let seeding = Instant::now();
    seed_closing(backend, market, deadline).await?;
    let seeded_seconds = seeding.elapsed().as_secs_f64();
    let at = deadline + chrono::Duration::minutes(1);
    let began = Instant::now();
    let report = selection::close_due(&backend.db, at, &backend.rules).await?;
    let seconds = began.elapsed().as_secs_f64();
    verify_closing(backend, at, &report).await?;
    Ok(CloseFigures {
        seeded_seconds,
        seconds,
        report,
    })
}

async fn count(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .context("a count")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// Every procurement closed exactly once, a second run closes none, the chain is intact.
async fn verify_closing(
    backend: &Backend,
    at: DateTime<Utc>,
    report: &selection::ClosingReport,
) -> anyhow::Result<()> {
    let db = &backend.db;
    anyhow::ensure!(report.stuck.is_empty(), "stuck: {:?}", report.stuck);
    anyhow::ensure!(
        report.closed == CLOSING,
        "{} of {CLOSING} closed",
        report.closed
    );
    let left = count(db, "SELECT COUNT(*) FROM procurements WHERE status = 'published' AND title LIKE '基准测试截止关闭%'").await?;
    anyhow::ensure!(left == 0, "{left} still published");
    let closes = "SELECT COUNT(*) FROM audit_entries WHERE action = 'procurement.close'";
    let distinct =
        "SELECT COUNT(DISTINCT target_id) FROM audit_entries WHERE action = 'procurement.close'";
    let (entries, targets) = (count(db, closes).await?, count(db, distinct).await?);
    anyhow::ensure!(
        entries == CLOSING as i64 && targets == CLOSING as i64,
        "{entries} closing entries for {targets} procurements"
    );
    let again = selection::close_due(db, at, &backend.rules).await?;
    anyhow::ensure!(again.closed == 0, "a second run closed {}", again.closed);
    match audit::verify_chain(db).await? {
        ChainReport::Intact { .. } => Ok(()),
        ChainReport::Broken { seq, reason } => {
            anyhow::bail!("audit chain broken at {seq}: {reason}")
        }
    }
}

struct Figures {
    name: &'static str,
    bids: BidFigures,
    closing: CloseFigures,
}

async fn measure(backend: Backend, run_for: Duration) -> anyhow::Result<Figures> {
    let name = backend.name;
    let setup = Instant::now();
    let market = prepare_market(&backend).await?;
    println!(
        "{}: {CLIENTS} intermediaries and {OPEN_PROCUREMENTS} open procurements set up through the use cases in {:.1} s",
        backend.name,
        setup.elapsed().as_secs_f64()
    );
    let bids = bench_bids(&backend, &market, run_for).await?;
    println!(
        "{}: bids done ({} acknowledged and verified); closing {CLOSING}…",
        backend.name, bids.acknowledged
    );
    let closing = bench_closing(&backend, &market).await?;
    let Backend { db, scratch, .. } = backend;
    db.close().await?;
    let _ = std::fs::remove_dir_all(scratch);
    Ok(Figures {
        name,
        bids,
        closing,
    })
}

fn row(label: &str, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| format!("{c:>20}")).collect();
    println!("  {label:<44}{}", cells.join(""));
}

fn print_table(figures: &[Figures], run_for: Duration) {
    println!();
    let names: Vec<String> = figures.iter().map(|f| f.name.to_owned()).collect();
    row("", &names);
    let cell = |f: &dyn Fn(&Figures) -> String| figures.iter().map(f).collect::<Vec<_>>();
    println!("  (a) {CLIENTS} clients placing/replacing bids for {} s on {OPEN_PROCUREMENTS} procurements", run_for.as_secs());
    row(
        "    acknowledged bids per second",
        &cell(&|f| format!("{:.0}", f.bids.acknowledged as f64 / f.bids.seconds)),
    );
    row(
        "    latency of one place_bid, p50 (ms)",
        &cell(&|f| format!("{:.2}", ms(f.bids.p50))),
    );
    row(
        "    latency of one place_bid, p99 (ms)",
        &cell(&|f| format!("{:.2}", ms(f.bids.p99))),
    );
    row(
        "    acknowledged (all found afterwards)",
        &cell(&|f| f.bids.acknowledged.to_string()),
    );
    row(
        "    refused or failed",
        &cell(&|f| f.bids.errors.to_string()),
    );
    println!("  (b) one close_due run over {CLOSING} procurements sharing a deadline");
    row(
        "    bulk setup, 3–5 bids each (s)",
        &cell(&|f| format!("{:.1}", f.closing.seeded_seconds)),
    );
    row(
        "    close_due total (s)",
        &cell(&|f| format!("{:.1}", f.closing.seconds)),
    );
    row(
        "    per procurement (ms)",
        &cell(&|f| format!("{:.2}", f.closing.seconds * 1000.0 / CLOSING as f64)),
    );
    row(
        "    closed / awarded / failed",
        &cell(&|f| {
            let r = &f.closing.report;
            format!("{} / {} / {}", r.closed, r.awarded, r.failed)
        }),
    );
    row("    each closed exactly once", &cell(&|_| "yes".to_owned()));
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let run_for = Duration::from_secs(
        std::env::var("QIFU_BENCH_BID_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20),
    );
    println!(
        "marketplace benchmark, {} UTC: load average {} on {} cores",
        Utc::now().format("%Y-%m-%d %H:%M"),
        load_average(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut figures = Vec::new();
    figures.push(measure(sqlite_backend().await?, run_for).await?);
    let url = std::env::var("QIFU_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_PG.to_owned());
    if let Some(pg) = postgres_backend(&url).await? {
        figures.push(measure(pg, run_for).await?);
    }
    print_table(&figures, run_for);
    println!("  load average now {}", load_average());
    Ok(())
}

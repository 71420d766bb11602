//! `make bench`: the two hot paths of the five-star credit, on a file-backed SQLite database (the
//! embedded default, opened as the server opens it: WAL, synchronous NORMAL, one connection) and
//! on PostgreSQL (the production store, the configured pool).
//!
//! The load, written in bulk (its time is reported, not measured): 100,000 active
//! intermediaries, 1,000 owner enterprises, a department and the centre, and 1,000,000 rating
//! tasks — about 333,000 accepted jobs spread over the last 14 months (so the 12-month window
//! matters), each with a task for the owner, the centre and (nine jobs in ten) the department.
//! Every intermediary has at least one job, a few have dozens; each has its own level, so the
//! stars run from one to five. Older tasks are mostly rated on every indicator of the shipped
//! formula (1–5, with a comment when a score is 1 or 2), some lapsed, a few overturned or
//! adjusted by an appeal; tasks of the last three weeks are partly open. One intermediary in
//! twenty has an external feedback event (every kind in turn, over the last 18 months, a third
//! ended by their source).
//!
//! (a) The nightly recompute: `credit::score::service::recompute_all` as the nightly job calls
//! it. A first run the day before writes every standing (each intermediary goes from unrated
//! to its stars: the star history, and the sanctions of one and two stars — the cost of a new
//! formula); then the night's run, timed, slides the window by a day. Reported: both runs'
//! seconds and intermediaries per second, the stars changed, and the SQL statements the timed
//! run issued, by kind (count and time inside the driver). Checked afterwards: for 100
//! intermediaries spread over the ids (some with events), a fresh `recompute` of one (the
//! per-intermediary path a rating takes) writes exactly the stored
//! standing (rolled back); a second run at the same instant changes no stars and writes no
//! star history.
//!
//! (b) One rating to updated stars: 500 open tasks (a third each for the owner's enterprise
//! user, the department's user and the centre's administrator), on 500 different
//! intermediaries, rated one after the other through the real use case
//! `rating::service::rate` — its transaction, the checks, the stored rating, the recompute of
//! the intermediary's standing with its star history and sanctions, the audit entry and the
//! notice. Reported: the p50/p99 latency of one call. Checked: each intermediary's new score
//! and stars equal those the formula gives from the rows this bench generated (kept in memory,
//! never read back), in the returned result and the stored standing, with one star-history row
//! citing the rating whenever the stars changed.
//!
//! Reproduce: `cargo bench --bench credit` (release build). PostgreSQL at
//! `QIFU_BENCH_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/qifu_bench_credit`;
//! the database is dropped and created afresh on every run, so its name must contain `credit`);
//! the PostgreSQL side is skipped when the server cannot be reached. The instants are fixed
//! (the night of 7–8 December 2026), the choices seeded; only the ids differ per run.

mod common;

use common::{load_average, ms, percentile, Lcg};

use std::{
    collections::{BTreeMap, HashMap},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anyhow::Context;
use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
use entities::{
    credit_event::{self, CreditEventKind},
    credit_standing,
    rating::{self, RaterRole, RatingStatus},
    star_change,
};
use qifu::{
    accounts::{
        self, Locale, NewOrganisation, NewUser, OrganisationKind, OrganisationStatus, Role, Uscc,
    },
    audit::Actor,
    auth::{CurrentUser, PasswordHasher},
    calendar,
    configuration::Settings,
    credit::{
        formula::service as formula,
        model::{explain, whole_points, FeedbackEvent, Formula, JobRatings, RaterPart, Scores},
        rating::service::{self as ratings, NewRating},
        score::service as score,
        StarCause,
    },
};
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

const INTERMEDIARIES: usize = 100_000;
const OWNERS: usize = 1_000;
const RATINGS: usize = 1_000_000;
const TIMED: usize = 500;
const SAMPLE: usize = 100;
/// Rows per transaction while loading.
const LOAD_CHUNK: usize = 50_000;
const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/qifu_bench_credit";

/// Tuesday 8 December 2026, 02:00 in Beijing: the nightly job's hour.
fn bench_now() -> anyhow::Result<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 12, 7, 18, 0, 0)
        .single()
        .context("the bench's instant")
}

/// What the timed run's SQL statements cost, by kind (`SELECT ratings`, `INSERT credit_standings`…).
#[derive(Default)]
struct StatementLog {
    on: AtomicBool,
    kinds: Mutex<BTreeMap<String, (u64, Duration)>>,
}

impl StatementLog {
    fn record(&self, sql: &str, elapsed: Duration) {
        if !self.on.load(Ordering::Relaxed) {
            return;
        }
        let mut words = sql.split_whitespace();
        let verb = words.next().unwrap_or("").to_ascii_uppercase();
        let table = match verb.as_str() {
            "UPDATE" => words.next(),
            "INSERT" | "SELECT" | "DELETE" => {
                let anchor = if verb == "INSERT" { "INTO" } else { "FROM" };
                words.skip_while(|w| !w.eq_ignore_ascii_case(anchor)).nth(1)
            }
            _ => None,
        };
        let key = format!(
            "{verb} {}",
            table.unwrap_or("").trim_matches(|c| c == '"' || c == '`')
        );
        if let Ok(mut kinds) = self.kinds.lock() {
            let entry = kinds.entry(key).or_default();
            entry.0 += 1;
            entry.1 += elapsed;
        }
    }

    fn start(&self) {
        if let Ok(mut kinds) = self.kinds.lock() {
            kinds.clear();
        }
        self.on.store(true, Ordering::Relaxed);
    }

    fn stop(&self) -> Vec<(String, u64, Duration)> {
        self.on.store(false, Ordering::Relaxed);
        self.kinds
            .lock()
            .map(|k| k.iter().map(|(s, (n, d))| (s.clone(), *n, *d)).collect())
            .unwrap_or_default()
    }
}

/// One database, with the statement log on its connection.
struct Backend {
    name: &'static str,
    db: DatabaseConnection,
    hasher: PasswordHasher,
    log: Arc<StatementLog>,
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
    settings.database.url = url;
    settings.data_dir = data_dir;
    let mut db = qifu::db::connect(&settings).await?;
    qifu::db::migrate_up(&db).await?;
    calendar::load_shipped_years(&db, bench_now()?).await?;
    let log = Arc::new(StatementLog::default());
    let sink = log.clone();
    db.set_metric_callback(move |info| sink.record(&info.statement.sql, info.elapsed));
    Ok(Backend {
        name,
        db,
        hasher: PasswordHasher::new(&settings.auth.argon2)?,
        log,
        scratch: settings.data_dir,
    })
}

async fn sqlite_backend() -> anyhow::Result<Backend> {
    let dir = std::env::temp_dir().join(format!("qifu-bench-credit-{}", Uuid::new_v4()));
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
        name.contains("credit"),
        "the credit bench drops and recreates its database; `{name}` does not look like one \
         meant for it (its name must contain `credit`)"
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
    let dir = std::env::temp_dir().join(format!("qifu-bench-credit-{}", Uuid::new_v4()));
    Ok(Some(backend("PostgreSQL", url.to_owned(), dir).await?))
}

/// The raters who rate the timed tasks, and the organisations every task names.
struct Raters {
    /// The owner enterprises; the first has a user.
    owners: Vec<i64>,
    department: i64,
    centre: i64,
    owner_user: CurrentUser,
    department_user: CurrentUser,
    centre_user: CurrentUser,
}

async fn staff_organisation(
    db: &DatabaseConnection,
    name: &str,
    kind: OrganisationKind,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let org = accounts::create_organisation(
        db,
        &Actor::system(),
        NewOrganisation {
            name: name.to_owned(),
            kind,
            uscc: None,
            status: OrganisationStatus::Active,
        },
        now,
    )
    .await?;
    Ok(org.id)
}

async fn user_of(
    backend: &Backend,
    organisation_id: i64,
    role: Role,
    local: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<CurrentUser> {
    let org = accounts::organisation_by_id(&backend.db, organisation_id)
        .await?
        .context("the rater's organisation")?;
    let new = NewUser {
        email: format!("{local}@bench.qifu.local"),
        display_name: format!("基准测试{local}"),
        role,
        organisation_id: org.public_id,
        password: "bench-password-2026".to_owned(),
        locale: Locale::ZhCn,
    };
    Ok(
        accounts::create_user(&backend.db, &backend.hasher, &Actor::system(), new, now)
            .await?
            .current_user(0, None),
    )
}

/// Organisations with codes `<prefix><n:06>` plus their check character, in bulk; their ids in order.
async fn bulk_organisations(
    db: &DatabaseConnection,
    kind: OrganisationKind,
    prefix: &str,
    label: &str,
    count: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let codes: Vec<Uscc> = (0..count)
        .map(|n| {
            Uscc::with_check_character(&format!("{prefix}{n:06}"))
                .map_err(|e| anyhow::anyhow!("bench code: {e}"))
        })
        .collect::<anyhow::Result<_>>()?;
    let names: Vec<String> = (0..count)
        .map(|n| format!("基准测试{label}{n:06}有限公司"))
        .collect();
    let named: Vec<(&str, &Uscc)> = names.iter().map(String::as_str).zip(&codes).collect();
    let txn = db.begin().await?;
    let ids = accounts::insert_organisations_in_bulk(&txn, kind, &named, now).await?;
    txn.commit().await?;
    codes
        .iter()
        .map(|c| {
            ids.get(c.as_str())
                .copied()
                .context("a bulk organisation's id")
        })
        .collect()
}

async fn prepare_raters(backend: &Backend, now: DateTime<Utc>) -> anyhow::Result<Raters> {
    let db = &backend.db;
    let centre = staff_organisation(
        db,
        "基准测试中介管理服务中心",
        OrganisationKind::Center,
        now,
    )
    .await?;
    let department =
        staff_organisation(db, "基准测试生态环境局", OrganisationKind::Department, now).await?;
    let owners = bulk_organisations(
        db,
        OrganisationKind::Enterprise,
        "91330106MA9",
        "业主",
        OWNERS,
        now,
    )
    .await?;
    Ok(Raters {
        owner_user: user_of(backend, owners[0], Role::Enterprise, "owner", now).await?,
        department_user: user_of(backend, department, Role::Department, "department", now).await?,
        centre_user: user_of(backend, centre, Role::CenterAdmin, "centre", now).await?,
        owners,
        department,
        centre,
    })
}

/// One generated rating task as the score sees it, kept for the timed intermediaries.
#[derive(Clone)]
struct Kept {
    contract_id: i64,
    job_id: Uuid,
    title: String,
    accepted_at: DateTime<Utc>,
    part: RaterPart,
}

/// The generated data the checks need.
struct Load {
    intermediaries: Vec<i64>,
    /// The timed open tasks: (public id, rater, intermediary id).
    timed: Vec<(Uuid, RaterRole, i64)>,
    /// Every task of the timed intermediaries, by intermediary id.
    kept: HashMap<i64, Vec<Kept>>,
    /// The external feedback events of the timed intermediaries, by intermediary id.
    kept_events: HashMap<i64, Vec<FeedbackEvent>>,
    events: usize,
    rows: usize,
    jobs: usize,
    open: usize,
    lapsed: usize,
    overturned: usize,
    adjusted: usize,
    seconds: f64,
}

/// An intermediary's level: its raters' typical score, in tenths (22–50).
fn level_of(intermediary: usize) -> u64 {
    let mut rng = Lcg(intermediary as u64 ^ 0x5eed_c4ed);
    // Mostly good, a tail of poor ones: 2% below 3.1, 5% below 3.8, the rest 3.8–5.0.
    match rng.below(100) {
        0..=1 => 22 + rng.below(9),
        2..=6 => 31 + rng.below(7),
        _ => 38 + rng.below(13),
    }
}

/// Scores on every indicator around the intermediary's level.
fn scores_around(rng: &mut Lcg, level: u64, indicators: &[String]) -> Scores {
    indicators
        .iter()
        .map(|code| {
            let tenths = (level * 10 + rng.below(150)).saturating_sub(75);
            let value = ((tenths + 50) / 100).clamp(1, 5);
            (code.clone(), u8::try_from(value).unwrap_or(3))
        })
        .collect()
}

fn comment_for(scores: &Scores) -> Option<String> {
    scores
        .values()
        .any(|s| *s <= 2)
        .then(|| "交付延期，报告需返工 / Late delivery, the report was redone".to_owned())
}

/// The tasks and the bulk load of the ratings table.
async fn load_ratings(
    db: &DatabaseConnection,
    raters: &Raters,
    intermediaries: Vec<i64>,
    indicators: &[String],
    now: DateTime<Utc>,
) -> anyhow::Result<Load> {
    let began = Instant::now();
    let per_statement =
        qifu::db::rows_per_insert::<rating::Entity>(db.get_database_backend()).min(1_000);
    let fourteen_months = (now - (now - Months::new(14))).num_minutes() as u64;
    let recent = chrono::Duration::days(21);
    let mut rng = Lcg(20_261_208);
    let mut load = Load {
        intermediaries,
        timed: Vec::with_capacity(TIMED),
        kept: HashMap::new(),
        kept_events: HashMap::new(),
        events: 0,
        rows: 0,
        jobs: 0,
        open: 0,
        lapsed: 0,
        overturned: 0,
        adjusted: 0,
        seconds: 0.0,
    };
    let mut pending: Vec<rating::ActiveModel> = Vec::with_capacity(LOAD_CHUNK);
    let mut txn = db.begin().await?;
    let mut in_txn = 0;
    let mut job = 0usize;
    while load.rows < RATINGS {
        // The first 100,000 jobs give every intermediary one; the rest lean on a few, scattered.
        let index = if job < INTERMEDIARIES {
            job
        } else {
            let spread = rng.below(INTERMEDIARIES as u64) + 1;
            let skewed = rng.below(spread) as usize;
            (skewed * 7_919 + 13) % INTERMEDIARIES
        };
        let intermediary = load.intermediaries[index];
        let level = level_of(index);
        let timed = job < TIMED;
        let accepted_at = if timed {
            now - chrono::Duration::days(3) - chrono::Duration::minutes(job as i64)
        } else {
            now - chrono::Duration::minutes(rng.below(fourteen_months) as i64)
        };
        let due_at = accepted_at + recent;
        let owner = if timed {
            raters.owners[0]
        } else {
            raters.owners[rng.below(OWNERS as u64) as usize]
        };
        let mut roles = vec![(RaterRole::Owner, owner)];
        if rng.below(10) != 0 || (timed && job % 3 == 1) {
            roles.push((RaterRole::Department, raters.department));
        }
        roles.push((RaterRole::Center, raters.centre));
        roles.truncate(RATINGS - load.rows);
        let contract_id = job as i64 + 1;
        let job_id = Uuid::new_v4();
        let title = format!("基准测试环评报告编制（{job}）");
        for (rater, rater_organisation) in roles {
            let public_id = Uuid::new_v4();
            let open = if timed {
                let timed_rater =
                    [RaterRole::Owner, RaterRole::Department, RaterRole::Center][job % 3];
                rater == timed_rater
            } else {
                due_at > now && rng.below(10) < 4
            };
            let lapsed = !open && due_at <= now && rng.below(100) < 7;
            let scores = (!open && !lapsed).then(|| scores_around(&mut rng, level, indicators));
            let (overturned, adjusted) = match (&scores, rng.below(200)) {
                (Some(_), 0) => (true, None),
                (Some(_), 1) => (false, Some(scores_around(&mut rng, level + 5, indicators))),
                _ => (false, None),
            };
            let status = if open {
                RatingStatus::Open
            } else if lapsed {
                RatingStatus::Lapsed
            } else {
                RatingStatus::Rated
            };
            load.open += usize::from(open);
            load.lapsed += usize::from(lapsed);
            load.overturned += usize::from(overturned);
            load.adjusted += usize::from(adjusted.is_some());
            if open && timed {
                load.timed.push((public_id, rater, intermediary));
            }
            if index < TIMED {
                load.kept.entry(intermediary).or_default().push(Kept {
                    contract_id,
                    job_id,
                    title: title.clone(),
                    accepted_at,
                    part: RaterPart {
                        rater,
                        status,
                        overturned,
                        scores: adjusted.clone().or_else(|| scores.clone()),
                    },
                });
            }
            let rated_at = accepted_at + chrono::Duration::days(1 + rng.below(14) as i64);
            let text = |s: &Scores| serde_json::to_string(s).unwrap_or_default();
            pending.push(rating::ActiveModel {
                public_id: Set(public_id),
                contract_id: Set(contract_id),
                procurement_id: Set(contract_id),
                job_id: Set(job_id),
                intermediary_id: Set(intermediary),
                rater: Set(rater),
                rater_organisation_id: Set(rater_organisation),
                job_title: Set(title.clone()),
                status: Set(status),
                accepted_at: Set(accepted_at),
                due_at: Set(due_at),
                remind_at: Set(Some(due_at - chrono::Duration::days(4))),
                reminded_at: Set(None),
                comment: Set(scores.as_ref().and_then(comment_for)),
                scores: Set(scores.as_ref().map(text)),
                rated_by: Set(None),
                rated_at: Set(scores.is_some().then_some(rated_at)),
                lapsed_at: Set(lapsed.then_some(due_at)),
                overturned: Set(overturned),
                adjusted_scores: Set(adjusted.as_ref().map(text)),
                created_at: Set(accepted_at),
                updated_at: Set(if scores.is_some() {
                    rated_at
                } else {
                    accepted_at
                }),
                ..Default::default()
            });
            load.rows += 1;
        }
        job += 1;
        if pending.len() >= per_statement {
            let rows = std::mem::take(&mut pending);
            in_txn += rows.len();
            rating::Entity::insert_many(rows)
                .exec_without_returning(&txn)
                .await?;
            if in_txn >= LOAD_CHUNK {
                txn.commit().await?;
                txn = db.begin().await?;
                in_txn = 0;
            }
        }
    }
    if !pending.is_empty() {
        rating::Entity::insert_many(pending)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    load.jobs = job;
    load.seconds = began.elapsed().as_secs_f64();
    let stored = rating::Entity::find().count(db).await?;
    anyhow::ensure!(
        stored == RATINGS as u64,
        "{stored} rating rows stored, {RATINGS} written"
    );
    anyhow::ensure!(
        load.timed.len() == TIMED,
        "{} timed tasks",
        load.timed.len()
    );
    Ok(load)
}

/// One external feedback event for one intermediary in twenty, of every kind in turn, occurred
/// over the last 18 months, a third of them ended by their source after three months.
async fn load_events(
    db: &DatabaseConnection,
    load: &mut Load,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let today = now.with_timezone(&calendar::CHINA).date_naive();
    let mut rng = Lcg(20);
    let mut rows = Vec::new();
    for (index, intermediary) in load.intermediaries.iter().enumerate() {
        if index % 20 != 7 {
            continue;
        }
        let kind = CreditEventKind::ALL[(index / 20) % CreditEventKind::ALL.len()];
        let occurred_on: NaiveDate = today - chrono::Duration::days(rng.below(540) as i64);
        let ends_on = (rng.below(3) == 0).then(|| occurred_on + chrono::Duration::days(90));
        let event = FeedbackEvent {
            id: Uuid::new_v4(),
            kind,
            source: "基准测试信用信息共享平台".to_owned(),
            reference: format!("BENCH-{index:06}"),
            occurred_on,
            ends_on,
        };
        rows.push(credit_event::ActiveModel {
            public_id: Set(event.id),
            organisation_id: Set(*intermediary),
            kind: Set(kind),
            source: Set(event.source.clone()),
            reference: Set(event.reference.clone()),
            occurred_on: Set(occurred_on),
            ends_on: Set(ends_on),
            description: Set("基准测试事件 / Bench event".to_owned()),
            imported_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        if index < TIMED {
            load.kept_events
                .entry(*intermediary)
                .or_default()
                .push(event);
        }
    }
    load.events = rows.len();
    let per_statement =
        qifu::db::rows_per_insert::<credit_event::Entity>(db.get_database_backend());
    let txn = db.begin().await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_statement.min(1_000)).collect();
        credit_event::Entity::insert_many(chunk)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

struct RecomputeFigures {
    first_seconds: f64,
    first_changed: u64,
    seconds: f64,
    done: u64,
    changed: u64,
    statements: Vec<(String, u64, Duration)>,
}

/// The day before's run, then the night's, timed with its statements logged; then the checks.
async fn bench_recompute(backend: &Backend, load: &Load) -> anyhow::Result<RecomputeFigures> {
    let db = &backend.db;
    let now = bench_now()?;
    let began = Instant::now();
    let (first_done, first_changed) =
        score::recompute_all(db, StarCause::Nightly, now - chrono::Duration::days(1)).await?;
    let first_seconds = began.elapsed().as_secs_f64();
    anyhow::ensure!(
        first_done == INTERMEDIARIES as u64,
        "the first run recomputed {first_done}"
    );
    println!(
        "{}: first recompute (every standing new) in {first_seconds:.1} s; the night's run…",
        backend.name
    );
    backend.log.start();
    let began = Instant::now();
    let (done, changed) = score::recompute_all(db, StarCause::Nightly, now).await?;
    let seconds = began.elapsed().as_secs_f64();
    let statements = backend.log.stop();
    anyhow::ensure!(
        done == INTERMEDIARIES as u64,
        "the night's run recomputed {done}"
    );
    verify_recompute(db, load, now).await?;
    Ok(RecomputeFigures {
        first_seconds,
        first_changed,
        seconds,
        done,
        changed,
        statements,
    })
}

/// A fresh recompute of each sampled intermediary writes exactly its stored standing; a second
/// run changes no stars and writes no history.
async fn verify_recompute(
    db: &DatabaseConnection,
    load: &Load,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    // Spread over the ids, and over those with an event (one in twenty) too.
    for k in 0..SAMPLE {
        let id = &load.intermediaries[(k * 997) % INTERMEDIARIES];
        let txn = db.begin().await?;
        let stored = credit_standing::Entity::find_by_id(*id)
            .one(&txn)
            .await?
            .context("a standing after the run")?;
        let fresh = score::recompute(&txn, *id, StarCause::Nightly, None, now).await?;
        let rewritten = credit_standing::Entity::find_by_id(*id)
            .one(&txn)
            .await?
            .context("a standing after a fresh recompute")?;
        txn.rollback().await?;
        anyhow::ensure!(
            rewritten == stored,
            "intermediary {id}: the nightly run stored {stored:?}, a fresh recompute {rewritten:?}"
        );
        anyhow::ensure!(
            fresh.before == fresh.standing.stars,
            "intermediary {id}: a fresh recompute changed its stars"
        );
    }
    let history = star_change::Entity::find().count(db).await?;
    let (again, changed) = score::recompute_all(db, StarCause::Nightly, now).await?;
    anyhow::ensure!(
        again == INTERMEDIARIES as u64 && changed == 0,
        "a second run recomputed {again} and changed {changed}"
    );
    let after = star_change::Entity::find().count(db).await?;
    anyhow::ensure!(
        after == history,
        "a second run wrote {} star-history rows",
        after - history
    );
    Ok(())
}

struct RatingFigures {
    p50: Duration,
    p99: Duration,
    max: Duration,
    stars_changed: usize,
}

/// The expected score and stars of an intermediary from the generated rows.
fn expected(
    kept: &[Kept],
    events: &[FeedbackEvent],
    formula: &Formula,
    version: i32,
    now: DateTime<Utc>,
) -> (Option<i32>, Option<u8>) {
    let from = now
        .checked_sub_months(Months::new(formula.window_months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let mut jobs: BTreeMap<i64, JobRatings> = BTreeMap::new();
    for k in kept.iter().filter(|k| k.accepted_at >= from) {
        jobs.entry(k.contract_id)
            .or_insert_with(|| JobRatings {
                job_id: k.job_id,
                title: k.title.clone(),
                accepted_at: k.accepted_at,
                parts: Vec::new(),
            })
            .parts
            .push(k.part.clone());
    }
    let jobs: Vec<JobRatings> = jobs.into_values().collect();
    let explanation = explain(&jobs, events, formula, version, from, now);
    (explanation.score_hundredths, explanation.stars)
}

async fn bench_ratings(
    backend: &Backend,
    raters: &Raters,
    load: &mut Load,
) -> anyhow::Result<RatingFigures> {
    let db = &backend.db;
    let start = bench_now()? + chrono::Duration::hours(1);
    let current = formula::current(db).await?;
    let indicators = current.formula.indicators.clone();
    let mut rng = Lcg(500);
    let mut latencies = Vec::with_capacity(TIMED);
    let mut stars_changed = 0;
    let timed = load.timed.clone();
    for (n, (task, rater, intermediary)) in timed.into_iter().enumerate() {
        let user = match rater {
            RaterRole::Owner => &raters.owner_user,
            RaterRole::Department => &raters.department_user,
            RaterRole::Center => &raters.centre_user,
        };
        let level = level_of(n);
        let scores = scores_around(&mut rng, level.saturating_sub(10), &indicators);
        let input = NewRating {
            comment: comment_for(&scores),
            scores: scores.clone(),
        };
        let at = start + chrono::Duration::seconds(n as i64);
        let called = Instant::now();
        let (_, result) = ratings::rate(db, user, task, input, at).await?;
        latencies.push(called.elapsed());
        // The generated rows with this rating given: what the formula says the standing is.
        let kept = load
            .kept
            .get_mut(&intermediary)
            .context("the timed intermediary's rows")?;
        let contract_id = n as i64 + 1;
        let part = kept
            .iter_mut()
            .find(|k| k.contract_id == contract_id && k.part.rater == rater)
            .context("the timed task in the generated rows")?;
        anyhow::ensure!(
            part.part.status == RatingStatus::Open,
            "the timed task was not open"
        );
        part.part.status = RatingStatus::Rated;
        part.part.scores = Some(scores);
        let events = load
            .kept_events
            .get(&intermediary)
            .map_or(&[][..], Vec::as_slice);
        let (score_hundredths, stars) =
            expected(kept, events, &current.formula, current.version, at);
        anyhow::ensure!(
            result.score_hundredths == score_hundredths
                && result.standing.stars.map(|s| s.stars()) == stars,
            "intermediary {intermediary}: rated to {:?} / {:?}, the formula gives {score_hundredths:?} / {stars:?}",
            result.score_hundredths,
            result.standing.stars
        );
        let stored = credit_standing::Entity::find_by_id(intermediary)
            .one(db)
            .await?
            .context("the standing after a rating")?;
        anyhow::ensure!(
            stored.score_hundredths == score_hundredths
                && stored.score == score_hundredths.map(whole_points)
                && stored.stars.and_then(|s| u8::try_from(s).ok()) == stars,
            "intermediary {intermediary}: stored {stored:?}, the formula gives {score_hundredths:?}"
        );
        let cited = star_change::Entity::find()
            .filter(star_change::Column::OrganisationId.eq(intermediary))
            .filter(star_change::Column::Reference.eq(task.to_string()))
            .filter(star_change::Column::Cause.eq(StarCause::Rating))
            .count(db)
            .await?;
        let changed = result.before != result.standing.stars;
        stars_changed += usize::from(changed);
        anyhow::ensure!(
            cited == u64::from(changed),
            "intermediary {intermediary}: {cited} star-history rows cite the rating, stars changed: {changed}"
        );
    }
    latencies.sort();
    Ok(RatingFigures {
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        max: latencies.last().copied().unwrap_or_default(),
        stars_changed,
    })
}

struct Figures {
    name: &'static str,
    load: Load,
    recompute: RecomputeFigures,
    ratings: RatingFigures,
}

async fn measure(backend: Backend) -> anyhow::Result<Figures> {
    let now = bench_now()?;
    let setup = Instant::now();
    let raters = prepare_raters(&backend, now).await?;
    let intermediaries = bulk_organisations(
        &backend.db,
        OrganisationKind::Intermediary,
        "91330106MA8",
        "中介",
        INTERMEDIARIES,
        now,
    )
    .await?;
    let indicators = formula::current(&backend.db).await?.formula.indicators;
    let mut load = load_ratings(&backend.db, &raters, intermediaries, &indicators, now).await?;
    load_events(&backend.db, &mut load, now).await?;
    println!(
        "{}: {INTERMEDIARIES} intermediaries and {} rating tasks of {} jobs loaded in {:.1} s (ratings {:.1} s); recomputing…",
        backend.name,
        load.rows,
        load.jobs,
        setup.elapsed().as_secs_f64(),
        load.seconds
    );
    let recompute = bench_recompute(&backend, &load).await?;
    println!(
        "{}: recompute done and verified; rating {TIMED} tasks…",
        backend.name
    );
    let ratings = bench_ratings(&backend, &raters, &mut load).await?;
    let Backend {
        name, db, scratch, ..
    } = backend;
    db.close().await?;
    let _ = std::fs::remove_dir_all(scratch);
    Ok(Figures {
        name,
        load,
        recompute,
        ratings,
    })
}

fn row(label: &str, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| format!("{c:>24}")).collect();
    println!("  {label:<48}{}", cells.join(""));
}

fn print_table(figures: &[Figures]) {
    println!();
    let names: Vec<String> = figures.iter().map(|f| f.name.to_owned()).collect();
    row("", &names);
    let cell = |f: &dyn Fn(&Figures) -> String| figures.iter().map(f).collect::<Vec<_>>();
    row(
        "  jobs / rating tasks loaded",
        &cell(&|f| format!("{} / {}", f.load.jobs, f.load.rows)),
    );
    row(
        "  open / lapsed / overturned / adjusted",
        &cell(&|f| {
            let l = &f.load;
            format!(
                "{} / {} / {} / {}",
                l.open, l.lapsed, l.overturned, l.adjusted
            )
        }),
    );
    row(
        "  external feedback events",
        &cell(&|f| f.load.events.to_string()),
    );
    row(
        "  bulk load of the ratings (s)",
        &cell(&|f| format!("{:.1}", f.load.seconds)),
    );
    println!("  (a) recompute_all over {INTERMEDIARIES} intermediaries");
    row(
        "    first run, every standing new (s)",
        &cell(&|f| format!("{:.1}", f.recompute.first_seconds)),
    );
    row(
        "    first run, stars changed",
        &cell(&|f| f.recompute.first_changed.to_string()),
    );
    row(
        "    the night's run (s)",
        &cell(&|f| format!("{:.1}", f.recompute.seconds)),
    );
    row(
        "    intermediaries per second",
        &cell(&|f| format!("{:.0}", f.recompute.done as f64 / f.recompute.seconds)),
    );
    row(
        "    stars changed (the window slid a day)",
        &cell(&|f| f.recompute.changed.to_string()),
    );
    row(
        "    SQL statements per intermediary",
        &cell(&|f| {
            let n: u64 = f.recompute.statements.iter().map(|s| s.1).sum();
            format!("{:.2}", n as f64 / f.recompute.done as f64)
        }),
    );
    row(
        "    time inside the driver (s)",
        &cell(&|f| {
            let d: Duration = f.recompute.statements.iter().map(|s| s.2).sum();
            format!("{:.1}", d.as_secs_f64())
        }),
    );
    row(
        "    sample matches a fresh recompute",
        &cell(&|_| format!("{SAMPLE} of {SAMPLE}")),
    );
    row(
        "    a second run changes no stars",
        &cell(&|_| "yes".to_owned()),
    );
    println!("  (b) one rating to updated stars, {TIMED} ratings through rate()");
    row(
        "    latency of one rate, p50 (ms)",
        &cell(&|f| format!("{:.2}", ms(f.ratings.p50))),
    );
    row(
        "    latency of one rate, p99 (ms)",
        &cell(&|f| format!("{:.2}", ms(f.ratings.p99))),
    );
    row(
        "    latency of one rate, max (ms)",
        &cell(&|f| format!("{:.2}", ms(f.ratings.max))),
    );
    row(
        "    stars changed (each with its history row)",
        &cell(&|f| f.ratings.stars_changed.to_string()),
    );
    row(
        "    standings as the formula gives them",
        &cell(&|_| format!("{TIMED} of {TIMED}")),
    );
    for f in figures {
        println!(
            "  {}: the night's run, statements by kind (count, ms inside the driver)",
            f.name
        );
        for (kind, count, time) in &f.recompute.statements {
            println!("    {kind:<40}{count:>10}{:>12.0}", ms(*time));
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    println!(
        "credit benchmark, {} UTC: load average {} on {} cores",
        Utc::now().format("%Y-%m-%d %H:%M"),
        load_average(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut figures = Vec::new();
    figures.push(measure(sqlite_backend().await?).await?);
    let url = std::env::var("QIFU_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_PG.to_owned());
    if let Some(pg) = postgres_backend(&url).await? {
        figures.push(measure(pg).await?);
    }
    print_table(&figures);
    println!("  load average now {}", load_average());
    Ok(())
}

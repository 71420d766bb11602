//! `make bench`: the eligibility engine's in-memory index over 1,000,000 synthetic enterprise
//! profiles — the index's memory, one clause → its eligible enterprises (median and p99 over
//! repeated runs of 8 typical clauses), and one enterprise → every clause it meets among 10,000,
//! with explanations — side by side with PostgreSQL answering the same clauses as SQL over the
//! same profiles.
//!
//! The profiles are the synthetic set of `qifu seed --synthetic` (a pure function of each
//! enterprise's number). With `QIFU_BENCH_DATABASE_URL` (a PostgreSQL URL) the bench creates that
//! database when missing, migrates it, writes whatever part of the set is missing in bulk (a re-run
//! writes nothing), vacuums and analyses it, and loads the index from it the way a server does;
//! the SQL side then runs `SELECT organisation_id … WHERE <the clause as SQL>` and must find as
//! many enterprises as the index for every clause, or the bench fails. Without the variable, or
//! when PostgreSQL cannot be reached, the SQL side is skipped and the index is built in memory from
//! the same generator. Deterministic: fixed seeds and a fixed day.

mod common;

use common::{load_average, ms, percentile, Lcg};

use std::{
    collections::BTreeSet,
    time::{Duration, Instant},
};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use qifu::{
    auth::PasswordHasher,
    configuration::Argon2Settings,
    demo::{
        enterprises::{self as demo, EnterpriseSet, Generator},
        seed,
    },
    enterprises::{
        condition::{
            compile::{CompileContext, Compiled, Evidence},
            sql::{to_sql, PROFILES as PROFILES_ALIAS},
            text, Condition, Vocabulary,
        },
        today_in_china, Columns, EnterpriseIndex, SizeStandard,
    },
    policies::{
        matching::{match_enterprise, ClauseSet},
        model::{AmountRule, ClauseMode, PolicyLevel, Window},
        LiveClause,
    },
};
use sea_orm::{
    sea_query::{Alias, Query},
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement,
};

const PROFILES: u64 = 1_000_000;
const CLAUSES: usize = 10_000;
/// The typical clauses timed one by one (two of each shape).
const TIMED_CLAUSES: usize = 8;
/// Timed runs per clause and side, after one warm-up run.
const RUNS: usize = 20;
/// Enterprises whose eligible clauses are timed.
const ENTERPRISE_RUNS: usize = 200;

/// Targets of issue 4 §7.
const CLAUSE_TARGET_MS: f64 = 50.0;
const RATIO_TARGET: f64 = 20.0;
const ENTERPRISE_TARGET_MS: f64 = 5.0;
const MEMORY_TARGET_MB: u64 = 300;

/// The generator's cities (its regions are their counties).
const CITIES: &[&str] = &[
    "3301", "3302", "3303", "3304", "3305", "3306", "3307", "3308", "3309", "3310", "3311",
];
/// Classes of GB/T 4754 the generator's enterprises belong to.
const INDUSTRIES: &[&str] = &[
    "I6513", "I6520", "I6532", "I6421", "C3421", "C3443", "C3829", "C3973", "C3670", "C1713",
    "C2927", "C2669", "C3854", "D4416", "E4710", "F5179", "F5292", "G5431", "K7010", "L7212",
    "M7484", "N7721", "R8730", "A0411",
];
const QUALIFICATIONS: &[&str] = &["high_tech_enterprise", "tech_sme", "specialised_sme"];

/// A clause's condition like the ones policies are cut into, of one of four shapes.
fn clause(rng: &mut Lcg, shape: usize) -> String {
    let region = rng.pick(CITIES);
    let industry = rng.pick(INDUSTRIES);
    // A section, division or group (`I`, `I65`, `I651`): the prefixes the language accepts.
    let industry = &industry[..[1, 3, 4][rng.below(3) as usize]];
    let employees = rng.below(300);
    let revenue = rng.below(50_000) * 1000;
    let years = rng.below(8);
    let qualification = rng.pick(QUALIFICATIONS);
    match shape % 4 {
        0 => format!(
            r#"all(region within "{region}", employees >= {employees}, revenue >= {revenue}元)"#
        ),
        1 => format!(
            r#"all(industry within "{industry}", any(qualifications has "{qualification}", rd_spending >= 1000000元), not(tax_credit_grade in ["C", "D"]))"#
        ),
        2 => format!(
            r#"all(years_since_founding >= {years}, size_class in ["small", "micro"], region within "33")"#
        ),
        _ => format!(
            r#"all(region within "{region}", any(tags has "{}", tags has "high_tech"), employees between [{employees}, 900])"#,
            demo::EXPORT_TAG
        ),
    }
}

/// The moment the bench runs at, whatever the clock says: conditions are compiled for its day.
fn bench_now() -> anyhow::Result<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0)
        .single()
        .context("the bench's instant")
}

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4)
}

/// Median and p99 of some runs.
#[derive(Clone, Copy)]
struct Spread {
    median: Duration,
    p99: Duration,
}

fn spread(times: &[Duration]) -> Spread {
    let mut sorted = times.to_vec();
    sorted.sort();
    Spread {
        median: percentile(&sorted, 0.5),
        p99: percentile(&sorted, 0.99),
    }
}

/// Runs `answer` once to warm up, then `RUNS` times timed; answers the times and the last answer.
fn time_runs<T>(mut answer: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut last = answer();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        last = answer();
        times.push(start.elapsed());
    }
    (times, last)
}

/// What the index side measured.
struct IndexFigures {
    enterprises: usize,
    memory_estimate_mib: usize,
    /// Per timed clause: its runs and the organisations it found (sorted).
    clauses: Vec<(Vec<Duration>, Vec<i64>)>,
    /// The timed clauses compiled as the index answered them (for the SQL side).
    compiled: Vec<Compiled>,
    /// Preparing every clause's condition for the day (once per day and set of tag rules).
    preparing: Duration,
    enterprise_times: Vec<Duration>,
    /// The same enterprises matched without explanations (where the time goes).
    matching_times: Vec<Duration>,
    eligible_clauses_on_average: usize,
    near_misses_on_average: usize,
}

fn measure_index(
    columns: &Columns,
    clauses: &[Condition],
    today: NaiveDate,
) -> anyhow::Result<IndexFigures> {
    let context = CompileContext {
        today,
        tag_rules: &columns.tag_rules,
        evidence: Evidence::Declared,
    };
    let mut timed = Vec::new();
    for condition in clauses.iter().take(TIMED_CLAUSES) {
        // Compiled per answer, as a server does for every request.
        let (times, mut ids) = time_runs(|| {
            columns
                .eval(&condition.compile(&context))
                .ones()
                .filter_map(|row| columns.organisation_id(row))
                .collect::<Vec<i64>>()
        });
        ids.sort_unstable();
        timed.push((times, ids));
    }

    let compiled: Vec<Compiled> = clauses.iter().map(|c| c.compile(&context)).collect();
    // The server's path (`policies::matching`): the clause set prepares every condition once per
    // day and set of tag rules, then each enterprise is matched — eligible clauses and near
    // misses, each explained.
    let set = ClauseSet::new(live_clauses(clauses, today));
    let start = Instant::now();
    let prepared = set.prepared(&context);
    let preparing = start.elapsed();
    let mut enterprise_times = Vec::with_capacity(ENTERPRISE_RUNS);
    let mut matching_times = Vec::with_capacity(ENTERPRISE_RUNS);
    let (mut eligible, mut near) = (0, 0);
    for run in 0..ENTERPRISE_RUNS {
        let organisation_id = columns
            .organisation_id(run * 4999 % columns.len().max(1))
            .context("an indexed enterprise")?;
        let facts = columns
            .facts(organisation_id)
            .context("an indexed profile")?;
        let start = Instant::now();
        let matched = prepared.iter().filter(|c| c.eval(&facts)).count();
        matching_times.push(start.elapsed());
        let start = Instant::now();
        let matches = match_enterprise(&set, &prepared, &facts, today);
        enterprise_times.push(start.elapsed());
        anyhow::ensure!(
            matched == matches.eligible.len(),
            "{matched} clauses met, {} matched",
            matches.eligible.len()
        );
        eligible += matches.eligible.len();
        near += matches.near_misses.len();
    }
    Ok(IndexFigures {
        enterprises: columns.len(),
        memory_estimate_mib: columns.memory_bytes() / (1024 * 1024),
        clauses: timed,
        compiled: compiled.into_iter().take(TIMED_CLAUSES).collect(),
        preparing,
        enterprise_times,
        matching_times,
        eligible_clauses_on_average: eligible / ENTERPRISE_RUNS,
        near_misses_on_average: near / ENTERPRISE_RUNS,
    })
}

/// The bench's clauses as the server holds published ones: in force, window open.
fn live_clauses(clauses: &[Condition], today: NaiveDate) -> Vec<LiveClause> {
    clauses
        .iter()
        .enumerate()
        .map(|(i, condition)| LiveClause {
            id: i as i64 + 1,
            public_id: uuid::Uuid::nil(),
            title: format!("基准条款 {}", i + 1),
            benefit: String::new(),
            condition: condition.clone(),
            amount: AmountRule::default(),
            window: Window {
                opens_on: None,
                closes_on: None,
            },
            mode: ClauseMode::Apply,
            policy_id: 1,
            policy_public_id: uuid::Uuid::nil(),
            policy_title: "基准政策".to_owned(),
            policy_level: PolicyLevel::District,
            issuer: String::new(),
            materials: Vec::new(),
            effective_from: today - chrono::Duration::days(365),
            effective_to: None,
        })
        .collect()
}

/// The synthetic set as the index holds it, built without a database.
fn columns_from_generator(today: NaiveDate) -> anyhow::Result<Columns> {
    let generator = Generator::new(EnterpriseSet::Synthetic);
    let standard = SizeStandard::shipped()?;
    let mut columns = Columns::default();
    for number in 0..PROFILES {
        let enterprise = generator.enterprise(number)?;
        let fields = enterprise.fields.check(today)?;
        let size_class = fields.size_class(&standard);
        let tags = enterprise
            .manual_tags
            .iter()
            .map(|t| (*t).to_owned())
            .collect();
        // Generated profiles are loaded like the centre's import: every qualification verified.
        let verified = vec![true; fields.qualifications.len()];
        columns.upsert(
            i64::try_from(number)? + 1,
            &fields.facts(size_class, tags, &verified),
        );
    }
    let plain = Vocabulary::default();
    for (code, rule) in demo::catalogue_tags() {
        if let Some(rule) = rule {
            let condition = text::parse(rule, &plain)
                .map_err(|e| anyhow::anyhow!("the rule of {code}: {e:?}"))?;
            columns.tag_rules.insert(code.to_owned(), condition);
        }
    }
    Ok(columns)
}

fn catalogue_vocabulary() -> Vocabulary {
    Vocabulary {
        tags: demo::catalogue_tags()
            .map(|(code, _)| code.to_owned())
            .collect::<BTreeSet<_>>(),
        allow_tags: true,
    }
}

/// Connects to the benchmark database, creating, migrating and filling it as needed; none when
/// the server cannot be reached (the SQL side is then skipped). Errors after connecting fail.
async fn prepare_database(
    url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<DatabaseConnection>> {
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
    let admin = match connect(&format!("{server}/postgres")).await {
        Ok(admin) => admin,
        Err(e) => {
            println!("PostgreSQL at {server} is unreachable ({e}): the SQL side is skipped");
            return Ok(None);
        }
    };
    let exists = admin
        .query_one_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT 1 FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await?
        .is_some();
    if !exists {
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .with_context(|| format!("creating the database {name}"))?;
        println!("created the database {name}");
    }
    admin.close().await?;

    let db = connect(url).await?;
    qifu::db::migrate_up(&db).await?;
    let hasher = PasswordHasher::new(&Argon2Settings {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    })?;
    let standard = SizeStandard::shipped()?;
    seed::seed_demo(&db, &hasher, seed::DEMO_PASSWORD, now).await?;
    seed::seed_demo_catalogue(&db, &standard, now).await?;
    let mut reported = 0;
    let report = seed::seed_synthetic_enterprises(&db, &standard, PROFILES, now, |done, count| {
        if done >= reported + 100_000 || (done == count && done > reported) {
            println!("  {done} of {count} synthetic enterprises in the database");
            reported = done;
        }
    })
    .await?;
    println!(
        "PostgreSQL {name}: {} synthetic enterprises written, {} already there ({:.1} s)",
        report.created,
        report.existing,
        report.elapsed.as_secs_f64()
    );
    let started = Instant::now();
    db.execute_unprepared(
        "VACUUM (ANALYZE) organisations, enterprise_profiles, enterprise_qualifications, \
         enterprise_tags, tags",
    )
    .await?;
    println!(
        "VACUUM (ANALYZE) of the profile tables: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(Some(db))
}

async fn connect(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(2)
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Database::connect(options).await
}

/// `SELECT ep.organisation_id FROM enterprise_profiles AS ep WHERE <the clause>`.
fn clause_query(compiled: &Compiled) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column((Alias::new(PROFILES_ALIAS), Alias::new("organisation_id")))
        .from_as(
            Alias::new("enterprise_profiles"),
            Alias::new(PROFILES_ALIAS),
        )
        .cond_where(to_sql(compiled))
        .to_owned()
}

/// PostgreSQL answering one clause: its runs and the organisations it found (sorted).
async fn measure_sql(
    db: &DatabaseConnection,
    compiled: &Compiled,
) -> anyhow::Result<(Vec<Duration>, Vec<i64>)> {
    let statement = db.get_database_backend().build(&clause_query(compiled));
    let fetch = || async {
        db.query_all_raw(statement.clone())
            .await?
            .iter()
            .map(|row| row.try_get::<i64>("", "organisation_id"))
            .collect::<Result<Vec<i64>, _>>()
    };
    let mut last = fetch().await?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        last = fetch().await?;
        times.push(start.elapsed());
    }
    last.sort_unstable();
    Ok((times, last))
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let now = bench_now()?;
    let today = today_in_china(now);
    println!(
        "eligibility benchmark: {PROFILES} synthetic profiles, {CLAUSES} clauses, {TIMED_CLAUSES} \
         clauses timed {RUNS} times each after a warm-up; load average {} on {} cores",
        load_average(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let database = match std::env::var("QIFU_BENCH_DATABASE_URL") {
        Ok(url) if !url.is_empty() => prepare_database(&url, now).await?,
        _ => {
            println!("QIFU_BENCH_DATABASE_URL is not set: the SQL side is skipped");
            None
        }
    };

    let mut rng = Lcg(2026);
    let clause_texts: Vec<String> = (0..CLAUSES).map(|i| clause(&mut rng, i)).collect();
    let vocabulary = match &database {
        Some(db) => qifu::enterprises::vocabulary(db, true).await?,
        None => catalogue_vocabulary(),
    };
    let clauses: Vec<Condition> = clause_texts
        .iter()
        .map(|t| text::parse(t, &vocabulary).map_err(|e| anyhow::anyhow!("clause {t}: {e:?}")))
        .collect::<anyhow::Result<_>>()?;

    let before = resident_kib();
    let started = Instant::now();
    let (index, columns) = match &database {
        Some(db) => {
            let index = EnterpriseIndex::new();
            index.catch_up(db).await?;
            (Some(index), None)
        }
        None => (None, Some(columns_from_generator(today)?)),
    };
    let built = started.elapsed();
    let resident_mib = resident_kib().saturating_sub(before) / 1024;
    let figures = match (&index, &database, &columns) {
        (Some(index), Some(db), _) => {
            index
                .read(db, |columns| measure_index(columns, &clauses, today))
                .await??
        }
        (_, _, Some(columns)) => measure_index(columns, &clauses, today)?,
        _ => anyhow::bail!("neither a database nor generated columns"),
    };
    println!(
        "index of {} enterprises {} in {:.1} s; resident memory +{resident_mib} MiB \
         (columns' own estimate {} MiB)",
        figures.enterprises,
        if database.is_some() {
            "loaded from PostgreSQL"
        } else {
            "built from the generator"
        },
        built.as_secs_f64(),
        figures.memory_estimate_mib,
    );

    let mut sql = Vec::new();
    if let Some(db) = &database {
        for compiled in &figures.compiled {
            sql.push(measure_sql(db, compiled).await?);
        }
    }

    println!();
    println!("one clause → its eligible enterprises (ids), over {PROFILES} profiles:");
    let mut all_index = Vec::new();
    let mut all_sql = Vec::new();
    let mut slowest_ratio = f64::INFINITY;
    let mut mismatches = Vec::new();
    for (number, (text, (times, ids))) in clause_texts.iter().zip(&figures.clauses).enumerate() {
        let number = number + 1;
        let ours = spread(times);
        all_index.extend_from_slice(times);
        println!("  clause {number}: {text}");
        match sql.get(number - 1) {
            Some((sql_times, sql_ids)) => {
                let theirs = spread(sql_times);
                all_sql.extend_from_slice(sql_times);
                let ratio = ms(theirs.median) / ms(ours.median).max(f64::MIN_POSITIVE);
                slowest_ratio = slowest_ratio.min(ratio);
                println!(
                    "    {:>7} eligible | index median {:7.2} ms, p99 {:7.2} ms | PostgreSQL \
                     {:>7} eligible, median {:8.2} ms, p99 {:8.2} ms | {ratio:6.1}× faster",
                    ids.len(),
                    ms(ours.median),
                    ms(ours.p99),
                    sql_ids.len(),
                    ms(theirs.median),
                    ms(theirs.p99),
                );
                if ids != sql_ids {
                    mismatches.push(format!(
                        "clause {number}: the index found {}, PostgreSQL {}",
                        ids.len(),
                        sql_ids.len()
                    ));
                }
            }
            None => println!(
                "    {:>7} eligible | index median {:7.2} ms, p99 {:7.2} ms",
                ids.len(),
                ms(ours.median),
                ms(ours.p99)
            ),
        }
    }
    let index_all = spread(&all_index);
    println!(
        "  all {TIMED_CLAUSES} clauses: index median {:.2} ms, p99 {:.2} ms ({} runs)",
        ms(index_all.median),
        ms(index_all.p99),
        all_index.len()
    );
    let sql_all = (!all_sql.is_empty()).then(|| spread(&all_sql));
    if let Some(sql_all) = sql_all {
        println!(
            "  all {TIMED_CLAUSES} clauses: PostgreSQL median {:.2} ms, p99 {:.2} ms ({} runs); \
             index {:.1}× faster (median against median; slowest clause {:.1}×)",
            ms(sql_all.median),
            ms(sql_all.p99),
            all_sql.len(),
            ms(sql_all.median) / ms(index_all.median).max(f64::MIN_POSITIVE),
            slowest_ratio
        );
    }

    let enterprise = spread(&figures.enterprise_times);
    println!();
    println!(
        "one enterprise → its eligible clauses and near misses among {CLAUSES}, explained \
         (policies::matching::match_enterprise): median {:.2} ms, p99 {:.2} ms \
         ({ENTERPRISE_RUNS} enterprises; on average {} eligible, {} near misses)",
        ms(enterprise.median),
        ms(enterprise.p99),
        figures.eligible_clauses_on_average,
        figures.near_misses_on_average
    );
    let matching = spread(&figures.matching_times);
    println!(
        "  of which matching alone (no explanations): median {:.2} ms, p99 {:.2} ms; preparing \
         the {CLAUSES} conditions (once a day and per set of tag rules): {:.1} ms",
        ms(matching.median),
        ms(matching.p99),
        ms(figures.preparing)
    );

    println!();
    println!("targets (load average now {}):", load_average());
    println!(
        "  a clause over {PROFILES} profiles under {CLAUSE_TARGET_MS} ms median: {} ({:.2} ms)",
        verdict(ms(index_all.median) < CLAUSE_TARGET_MS),
        ms(index_all.median)
    );
    match sql_all {
        Some(_) => println!(
            "  at least {RATIO_TARGET}× faster than PostgreSQL on every clause: {} (slowest \
             clause {slowest_ratio:.1}×)",
            verdict(slowest_ratio >= RATIO_TARGET)
        ),
        None => println!("  at least {RATIO_TARGET}× faster than PostgreSQL: not measured"),
    }
    println!(
        "  one enterprise against {CLAUSES} clauses under {ENTERPRISE_TARGET_MS} ms: {} \
         ({:.2} ms median)",
        verdict(ms(enterprise.median) < ENTERPRISE_TARGET_MS),
        ms(enterprise.median)
    );
    println!(
        "  the index under {MEMORY_TARGET_MB} MB: {} (resident +{resident_mib} MiB, estimate \
         {} MiB)",
        verdict(resident_mib * 1024 * 1024 < MEMORY_TARGET_MB * 1_000_000),
        figures.memory_estimate_mib
    );

    anyhow::ensure!(
        mismatches.is_empty(),
        "the index and PostgreSQL disagree: {}",
        mismatches.join("; ")
    );
    Ok(())
}

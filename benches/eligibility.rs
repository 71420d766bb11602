//! `make bench`: the eligibility engine's in-memory index over 1,000,000 synthetic enterprise
//! profiles — the index's memory, one clause → its eligible set (median and p99 over repeated
//! runs of several typical clauses), and one enterprise → every clause it meets among 10,000,
//! with explanations. Deterministic: profiles and clauses come from a fixed-seed generator.

use std::{
    collections::{BTreeSet, HashMap},
    time::{Duration, Instant},
};

use chrono::NaiveDate;
use qifu::enterprises::{
    condition::{compile::CompileContext, text, Condition, Facts, Vocabulary},
    Columns,
};

const PROFILES: usize = 1_000_000;
const CLAUSES: usize = 10_000;
const RUNS: usize = 30;

/// A small linear congruential generator: the same sequence on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const REGIONS: &[&str] = &[
    "330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113",
    "330114", "330203", "330205", "330206", "330211", "330212", "330302", "330303", "330304",
    "330402", "330411", "330502", "330503", "330602", "330603", "330702", "330703", "330802",
    "330902", "331002", "331102",
];
const INDUSTRIES: &[&str] = &[
    "I6513", "I6511", "I6520", "C3911", "C3432", "C2614", "C1713", "E4812", "F5181", "F5211",
    "G5810", "K7010", "L7212", "M7320", "A0111", "C2929", "I6450", "N7723",
];
const GRADES: &[&str] = &["A", "A", "B", "B", "M", "C", "D"];
const SIZES: &[&str] = &[
    "large", "medium", "small", "small", "micro", "micro", "micro",
];
const QUALIFICATIONS: &[&str] = &["high_tech_enterprise", "tech_sme", "specialised_sme"];
const TAGS: &[&str] = &["export", "key_cultivation", "listed_reserve"];

fn profile(rng: &mut Lcg) -> Facts {
    let founded = NaiveDate::from_num_days_from_ce_opt(728_000 + rng.below(11_000) as i32);
    let mut facts = Facts {
        registered_capital_fen: Some(rng.below(100_000) as i64 * 100_000),
        revenue_fen: Some(rng.below(500_000) as i64 * 100_000),
        total_assets_fen: Some(rng.below(500_000) as i64 * 100_000),
        rd_spending_fen: (rng.below(3) > 0).then(|| rng.below(50_000) as i64 * 10_000),
        employees: Some(rng.below(800) as i64),
        founded_on: founded,
        region_code: Some(rng.pick(REGIONS).to_owned()),
        industry_code: Some(rng.pick(INDUSTRIES).to_owned()),
        tax_credit_grade: Some(rng.pick(GRADES).to_owned()),
        size_class: Some(rng.pick(SIZES).to_owned()),
        ..Facts::default()
    };
    if rng.below(10) < 3 {
        let expiry = NaiveDate::from_num_days_from_ce_opt(739_000 + rng.below(1500) as i32);
        facts
            .qualifications
            .insert(rng.pick(QUALIFICATIONS).to_owned(), expiry);
    }
    if rng.below(10) < 2 {
        facts.tags.insert(rng.pick(TAGS).to_owned());
    }
    facts
}

/// A clause's condition like the ones policies are cut into.
fn clause(rng: &mut Lcg) -> String {
    let region = &rng.pick(REGIONS)[..4];
    let industry = &rng.pick(INDUSTRIES)[..rng.below(3) as usize + 1];
    let employees = rng.below(300);
    let revenue = rng.below(50_000) * 1000;
    let years = rng.below(8);
    let qualification = rng.pick(QUALIFICATIONS);
    match rng.below(4) {
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
            r#"all(region within "{region}", any(tags has "export", tags has "high_tech"), employees between [{employees}, 900])"#
        ),
    }
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name}: median {:.2} ms, p99 {:.2} ms ({} runs)",
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        times.len()
    );
}

fn main() -> anyhow::Result<()> {
    let mut rng = Lcg(2026);
    let before = resident_kib();
    let started = Instant::now();
    let mut columns = Columns::default();
    for id in 0..PROFILES {
        columns.upsert(id as i64 + 1, &profile(&mut rng));
    }
    let high_tech = text::parse(
        r#"qualifications has "high_tech_enterprise""#,
        &Vocabulary::default(),
    )?;
    columns.tag_rules = HashMap::from([("high_tech".to_owned(), high_tech)]);
    println!(
        "index of {PROFILES} profiles built in {:.1} s; resident memory +{} MiB (columns' own estimate {} MiB)",
        started.elapsed().as_secs_f64(),
        (resident_kib().saturating_sub(before)) / 1024,
        columns.memory_bytes() / (1024 * 1024)
    );

    let vocabulary = Vocabulary {
        tags: TAGS
            .iter()
            .map(|t| (*t).to_owned())
            .chain(["high_tech".to_owned()])
            .collect::<BTreeSet<_>>(),
        allow_tags: true,
    };
    let clauses: Vec<Condition> = (0..CLAUSES)
        .map(|_| text::parse(&clause(&mut rng), &vocabulary))
        .collect::<Result<_, _>>()?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).ok_or_else(|| anyhow::anyhow!("a date"))?;
    let context = CompileContext {
        today,
        tag_rules: &columns.tag_rules,
    };

    let mut times = Vec::new();
    let mut matched = 0;
    for run in 0..RUNS {
        let condition = &clauses[run % 8];
        let start = Instant::now();
        let eligible = columns.eval(&condition.compile(&context));
        matched += eligible.count_ones(..);
        times.push(start.elapsed());
    }
    report(
        &format!("one clause → its eligible set over {PROFILES} profiles"),
        times,
    );
    println!("  (on average {} eligible per clause)", matched / RUNS);

    let compiled: Vec<_> = clauses.iter().map(|c| c.compile(&context)).collect();
    let mut times = Vec::new();
    let mut eligible = 0;
    for run in 0..200 {
        let facts = columns
            .facts((run * 4999 % PROFILES) as i64 + 1)
            .ok_or_else(|| anyhow::anyhow!("a profile"))?;
        let start = Instant::now();
        let explained: Vec<_> = compiled
            .iter()
            .zip(&clauses)
            .filter(|(c, _)| c.eval(&facts))
            .map(|(_, clause)| clause.explain(&facts, &context))
            .collect();
        eligible += explained.len();
        times.push(start.elapsed());
    }
    report(
        &format!("one enterprise → its eligible clauses among {CLAUSES}, explained"),
        times,
    );
    println!("  (on average {} eligible clauses)", eligible / 200);
    Ok(())
}

//! What the demo procurements are: 99 jobs (plus the draft a failed one is re-published as), each
//! with the state it must end in, its selection method, owner, project, subject, ceiling and
//! bids. A few are written out for the demo accounts (the demo enterprise's procurement open for
//! bids, waiting for its pick, in notice and delivered; the demo intermediary's open bids, its
//! signed contract, its returned delivery, its abnormally low bid to justify); the rest are spread
//! over the other owners, the service types and the packages. Pure and deterministic.

use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

use super::{
    catalogue::{Catalogue, Subject},
    firms::Firm,
    projects::Site,
};
use crate::marketplace::model::SelectionMethod::{
    self, DirectPick, LowestPrice, RandomDraw, Scored,
};

const SEED: u64 = 0x51F0_2026_90B5;

/// The state a job must be in on the seeding day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Draft,
    /// Published, with bids, its deadline a few days ahead.
    Open,
    /// Closed; a direct pick or scored comparison waits for the owner.
    AwaitingOwner,
    /// Closed by lowest price; the abnormally low leader has (or has not yet) justified its price.
    AwaitingJustification {
        justified: bool,
    },
    Notice {
        objection: bool,
    },
    /// The notice ended; the contract is proposed (and perhaps confirmed by the owner).
    Awarded {
        owner_confirmed: bool,
    },
    /// Signed; perhaps a delivery was returned for rework.
    Contracted {
        returned: bool,
    },
    Delivered {
        late: bool,
    },
    Accepted {
        late: bool,
        returned: bool,
        objection: bool,
    },
    Failed {
        republished: bool,
    },
    Cancelled(CancelledFrom),
}

/// Where a cancelled job stood when its owner cancelled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelledFrom {
    Draft,
    Published,
    Evaluating,
    Failed,
}

/// The demo intermediary's part in a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    Bidder,
    Winner,
    AbnormallyLow,
}

struct Scenario {
    outcome: Outcome,
    method: SelectionMethod,
    demo_owner: bool,
    part: Part,
}

const fn special(
    outcome: Outcome,
    method: SelectionMethod,
    demo_owner: bool,
    part: Part,
) -> Scenario {
    Scenario {
        outcome,
        method,
        demo_owner,
        part,
    }
}

const fn accepted(late: bool, returned: bool, objection: bool) -> Outcome {
    Outcome::Accepted {
        late,
        returned,
        objection,
    }
}

/// The jobs the demo accounts see first.
#[rustfmt::skip]
const SPECIALS: [Scenario; 15] = [
    special(Outcome::Open, DirectPick, true, Part::Bidder),
    special(Outcome::AwaitingOwner, DirectPick, true, Part::None),
    special(Outcome::Notice { objection: false }, LowestPrice, true, Part::None),
    special(Outcome::Delivered { late: false }, Scored, true, Part::None),
    special(Outcome::Awarded { owner_confirmed: false }, RandomDraw, true, Part::None),
    special(accepted(false, false, false), DirectPick, true, Part::None),
    special(Outcome::Draft, Scored, true, Part::None),
    special(Outcome::Contracted { returned: false }, DirectPick, false, Part::Winner),
    special(Outcome::Contracted { returned: true }, LowestPrice, false, Part::Winner),
    special(Outcome::AwaitingJustification { justified: false }, LowestPrice, false, Part::AbnormallyLow),
    special(accepted(false, false, false), Scored, false, Part::Winner),
    special(accepted(true, false, false), DirectPick, false, Part::Winner),
    special(Outcome::Awarded { owner_confirmed: true }, DirectPick, false, Part::Winner),
    special(Outcome::Failed { republished: false }, RandomDraw, false, Part::Bidder),
    special(Outcome::Open, LowestPrice, false, Part::Bidder),
];

/// The other jobs: how many end in each state.
#[rustfmt::skip]
const GENERAL: [(Outcome, usize); 20] = [
    (Outcome::Draft, 4),
    (Outcome::Open, 12),
    (Outcome::AwaitingOwner, 5),
    (Outcome::AwaitingJustification { justified: true }, 1),
    (Outcome::Notice { objection: false }, 5),
    (Outcome::Notice { objection: true }, 1),
    (Outcome::Awarded { owner_confirmed: false }, 3),
    (Outcome::Awarded { owner_confirmed: true }, 1),
    (Outcome::Contracted { returned: false }, 6),
    (Outcome::Contracted { returned: true }, 2),
    (Outcome::Delivered { late: false }, 4),
    (Outcome::Delivered { late: true }, 2),
    (accepted(false, false, false), 16),
    (accepted(true, false, false), 6),
    (accepted(false, true, false), 3),
    (accepted(false, false, true), 2),
    (Outcome::Failed { republished: false }, 4),
    (Outcome::Failed { republished: true }, 1),
    (Outcome::Cancelled(CancelledFrom::Draft), 1),
    (Outcome::Cancelled(CancelledFrom::Published), 3),
];
/// Cancelled after closing: one waiting for the owner, one failed.
const GENERAL_LATE_CANCELS: [(Outcome, SelectionMethod); 2] = [
    (Outcome::Cancelled(CancelledFrom::Evaluating), DirectPick),
    (Outcome::Cancelled(CancelledFrom::Failed), LowestPrice),
];

/// One planned bid.
#[derive(Debug, Clone)]
pub struct PlannedBid {
    /// Index into the firms.
    pub firm: usize,
    pub price_fen: i64,
    pub promised_working_days: i32,
    /// A later, lower offer replacing the first.
    pub replaced_by: Option<i64>,
    /// When it is placed, as a share of the bidding period.
    pub at: f64,
    /// The owner's 0–100 mark (scored comparison).
    pub mark: i32,
}

/// Random choices of the job's timing, fixed once.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    pub created_hours_before: i64,
    pub publish_minute: u32,
    pub bidding_working_days: u32,
    pub select_after: u32,
    pub intermediary_confirms_after: u32,
    pub deliver_slack: u32,
    pub late_by: u32,
    pub accept_after: u32,
    /// Extra working days back from the latest possible start (recent states).
    pub back_off: u32,
    /// How many working days an open job has been open before the seeding day, and at least how
    /// many days it stays open after.
    pub open_for: u32,
    pub open_ahead: i64,
    /// Where in the window a past job starts (0: its start, 1: as late as possible).
    pub spread: f64,
}

/// A procurement to create and drive to its outcome.
#[derive(Debug, Clone)]
pub struct Job {
    pub site: usize,
    pub subject: Subject,
    pub title: String,
    pub scope: String,
    pub method: SelectionMethod,
    pub outcome: Outcome,
    pub ceiling_fen: i64,
    pub service_working_days: i32,
    pub bids: Vec<PlannedBid>,
    /// The bid the owner picks (direct pick); the abnormally low bid (lowest price).
    pub chosen: usize,
    pub pacing: Pacing,
}

/// The jobs, specials first.
pub fn jobs(catalogue: &Catalogue, firms: &[Firm], sites: &[Site]) -> anyhow::Result<Vec<Job>> {
    let scenarios = scenarios();
    let mut used: Vec<Vec<String>> = vec![Vec::new(); sites.len()];
    let demo_sites: Vec<usize> = (0..sites.len()).filter(|i| sites[*i].demo).collect();
    let other_sites: Vec<usize> = (0..sites.len()).filter(|i| !sites[*i].demo).collect();
    let mut jobs = Vec::with_capacity(scenarios.len());
    for (index, scenario) in scenarios.iter().enumerate() {
        let mut rng = StdRng::seed_from_u64(SEED ^ (index as u64).wrapping_mul(0x9E37_79B9));
        let demo = scenario.demo_owner || (scenario.part == Part::None && index % 7 == 3);
        let pool = if demo || other_sites.is_empty() {
            &demo_sites
        } else {
            &other_sites
        };
        let (site, subject) = site_and_subject(
            catalogue, firms, pool, &used, scenario, index, &mut rng,
        )
        .ok_or_else(|| anyhow::anyhow!("no project and service type fit demo job {index}"))?;
        used[site].push(subject.code.clone());
        jobs.push(job(scenario, site, subject, firms, &sites[site], &mut rng));
    }
    Ok(jobs)
}

fn scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = SPECIALS.into_iter().collect();
    let mut turn = 0;
    for (outcome, count) in GENERAL {
        for _ in 0..count {
            let methods = methods_for(outcome);
            let method = methods[turn % methods.len()];
            turn += 1;
            all.push(special(outcome, method, false, Part::None));
        }
    }
    all.extend(
        GENERAL_LATE_CANCELS
            .into_iter()
            .map(|(outcome, method)| special(outcome, method, false, Part::None)),
    );
    all
}

fn methods_for(outcome: Outcome) -> &'static [SelectionMethod] {
    match outcome {
        Outcome::AwaitingOwner => &[DirectPick, Scored],
        Outcome::AwaitingJustification { .. } => &[LowestPrice],
        Outcome::Failed { .. } => &[RandomDraw, LowestPrice, Scored],
        _ => SelectionMethod::ALL,
    }
}

/// How many bids a job of this outcome gets: (fewest, most).
fn bid_count(scenario: &Scenario) -> (usize, usize) {
    match scenario.outcome {
        Outcome::Draft | Outcome::Cancelled(CancelledFrom::Draft) => (0, 0),
        Outcome::Failed { .. } | Outcome::Cancelled(CancelledFrom::Failed) => (0, 2),
        Outcome::Cancelled(CancelledFrom::Published) => (1, 3),
        Outcome::Open if scenario.method == DirectPick => (2, 6),
        Outcome::AwaitingJustification { .. } => (4, 5),
        _ => (3, 6),
    }
}

/// How likely each subject is, roughly as often as projects need it.
fn weight(subject: &Subject) -> u32 {
    match subject.code.as_str() {
        "environmental_impact_assessment" => 8,
        "feasibility_study_report"
        | "energy_conservation_assessment"
        | "engineering_cost_consulting" => 5,
        "safety_pre_evaluation"
        | "completion_survey"
        | "topographic_and_setting_out_survey"
        | "geotechnical_investigation"
        | "construction_drawing_review"
        | "bidding_agency"
        | "construction_supervision" => 4,
        _ if subject.package.is_some() => 4,
        _ => 2,
    }
}

/// A site of the pool (starting from the job's turn) and a subject not yet procured for it with
/// enough eligible firms.
fn site_and_subject(
    catalogue: &Catalogue,
    firms: &[Firm],
    pool: &[usize],
    used: &[Vec<String>],
    scenario: &Scenario,
    index: usize,
    rng: &mut StdRng,
) -> Option<(usize, Subject)> {
    let (fewest, _) = bid_count(scenario);
    for turn in 0..pool.len() {
        let site = pool[(index + turn) % pool.len()];
        let fits: Vec<&Subject> = catalogue
            .subjects
            .iter()
            .filter(|s| !used[site].contains(&s.code))
            .filter(|s| scenario.part == Part::None || firms[0].offers_all(&s.types))
            .filter(|s| eligible(firms, s).len() >= fewest.max(3))
            .collect();
        let total: u32 = fits.iter().map(|s| weight(s)).sum();
        if total == 0 {
            continue;
        }
        let mut left = rng.random_range(0..total);
        for s in fits {
            if left < weight(s) {
                return Some((site, s.clone()));
            }
            left -= weight(s);
        }
    }
    None
}

/// The firms (by index) that may bid on the subject, the demo intermediary excepted.
fn eligible(firms: &[Firm], subject: &Subject) -> Vec<usize> {
    (1..firms.len())
        .filter(|i| firms[*i].offers_all(&subject.types))
        .collect()
}

fn round_to(fen: f64, step: i64) -> i64 {
    ((fen / step as f64).round() as i64).max(1) * step
}

/// A ceiling between 1.6 and 10 times the bottom of the fee range, in whole thousands of yuan.
fn ceiling(subject: &Subject, rng: &mut StdRng, scenario: &Scenario) -> i64 {
    let low = subject.fee.min_fen as f64 * 1.6;
    let high = (subject.fee.min_fen as f64 * 10.0).min(subject.fee.max_fen as f64);
    let drawn = if high > low {
        (low.ln() + rng.random::<f64>() * (high.ln() - low.ln())).exp()
    } else {
        high
    };
    let mut c = round_to(drawn, 100_000);
    if matches!(scenario.outcome, Outcome::AwaitingJustification { .. }) {
        // Room for a bid at 45% of the ceiling inside the fee range.
        c = c.max(subject.fee.min_fen * 5 / 2);
    }
    c.clamp(subject.fee.min_fen, subject.fee.max_fen)
}

fn price(ceiling: i64, share: f64, min: i64) -> i64 {
    round_to(ceiling as f64 * share, 10_000).clamp(min, ceiling)
}

fn job(
    scenario: &Scenario,
    site: usize,
    subject: Subject,
    firms: &[Firm],
    of: &Site,
    rng: &mut StdRng,
) -> Job {
    let ceiling_fen = ceiling(&subject, rng, scenario);
    let service_working_days = subject.working_days.clamp(3, 120);
    let (fewest, most) = bid_count(scenario);
    let mut bidders = eligible(firms, &subject);
    bidders.shuffle(rng);
    let count = rng.random_range(fewest..=most);
    let demo_bids = scenario.part != Part::None;
    bidders.truncate(count.saturating_sub(usize::from(demo_bids)));
    if demo_bids {
        bidders.insert(rng.random_range(0..=bidders.len()), 0);
    }
    let same_days = service_working_days - rng.random_range(0..=service_working_days / 4);
    let min = subject.fee.min_fen;
    let mut bids: Vec<PlannedBid> = bidders
        .iter()
        .map(|&firm| PlannedBid {
            firm,
            price_fen: price(ceiling_fen, rng.random_range(0.78..0.97), min),
            // Everyone promises the same: the contract's length is known whoever wins.
            promised_working_days: same_days,
            replaced_by: None,
            at: rng.random_range(0.05..0.9),
            mark: rng.random_range(60..=92),
        })
        .collect();
    for b in &mut bids {
        if rng.random_bool(0.2) {
            b.replaced_by = Some(price(b.price_fen, 0.97, min));
        }
    }
    let chosen = shape_bids(scenario, &mut bids, ceiling_fen, min, rng);
    let title = format!("{}{}", of.project.name, subject.name_zh);
    let scope = format!(
        "为“{}”提供{}服务，成果须满足{}的要求并通过审查。",
        of.project.name, subject.name_zh, subject.approval_zh
    );
    Job {
        site,
        title,
        scope,
        method: scenario.method,
        outcome: scenario.outcome,
        ceiling_fen,
        service_working_days,
        bids,
        chosen,
        pacing: pacing(scenario, rng),
        subject,
    }
}

/// Makes the demo intermediary win where it must, and one bid abnormally low where the job
/// waits for a justification; answers the bid the owner picks (or the abnormally low one).
fn shape_bids(
    scenario: &Scenario,
    bids: &mut [PlannedBid],
    ceiling: i64,
    min: i64,
    rng: &mut StdRng,
) -> usize {
    let demo = bids.iter().position(|b| b.firm == 0);
    match (scenario.outcome, scenario.part, demo) {
        (Outcome::AwaitingJustification { .. }, part, _) => {
            let low = match (part, demo) {
                (Part::AbnormallyLow, Some(d)) => d,
                _ => rng.random_range(0..bids.len().max(1)),
            };
            if let Some(b) = bids.get_mut(low) {
                b.price_fen = price(ceiling, 0.45, min);
                b.replaced_by = None;
            }
            low
        }
        (_, Part::Winner, Some(d)) => {
            // The lowest price (within 70% of the others: not abnormally low) and the best mark.
            bids[d].price_fen = price(ceiling, 0.74, min);
            bids[d].replaced_by = None;
            bids[d].mark = 98;
            d
        }
        _ => {
            let mut by_price: Vec<usize> = (0..bids.len()).collect();
            by_price.sort_by_key(|i| bids[*i].replaced_by.unwrap_or(bids[*i].price_fen));
            by_price
                .get(rng.random_range(0..by_price.len().clamp(1, 2)))
                .copied()
                .unwrap_or(0)
        }
    }
}

fn pacing(scenario: &Scenario, rng: &mut StdRng) -> Pacing {
    let recent = matches!(
        scenario.outcome,
        Outcome::Notice { objection: false } | Outcome::Open
    );
    Pacing {
        created_hours_before: rng.random_range(6..96),
        publish_minute: rng.random_range(0..150),
        bidding_working_days: rng.random_range(5..=10),
        select_after: rng.random_range(1..=2),
        intermediary_confirms_after: rng.random_range(1..=2),
        deliver_slack: rng.random_range(0..=3),
        late_by: rng.random_range(1..=4),
        accept_after: rng.random_range(1..=4),
        back_off: if recent { 0 } else { rng.random_range(0..=3) },
        open_for: rng.random_range(0..=2),
        open_ahead: rng.random_range(3..=12),
        spread: rng.random(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninety_nine_jobs_cover_every_state_and_method() {
        let all = scenarios();
        assert_eq!(all.len(), 99);
        for &method in SelectionMethod::ALL {
            assert!(all.iter().any(|s| s.method == method), "{method:?}");
        }
        let drafts = all
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Draft))
            .count();
        assert_eq!(drafts, 5);
        for s in &all {
            assert!(
                methods_for(s.outcome).contains(&s.method)
                    || s.part != Part::None
                    || matches!(s.outcome, Outcome::Cancelled(_))
            );
        }
    }
}

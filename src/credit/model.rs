//! Credit types and arithmetic: star levels, an intermediary's standing, the 10 indicators
//! shipped with the platform (`data/indicators.json`), the versioned formula (the version
//! shipped is `data/formula.json`), and the scores. A job's score is the weighted mean of its
//! raters' indicator means, the weights of raters who did not rate shared among those who did;
//! an intermediary's is the mean of its scored jobs in the window plus the adjustments of the
//! external feedback events in force, clamped to 0–100. Scores are kept in
//! hundredths of a point and computed in integers (half up), so anyone recomputing them from the
//! stored rows gets the same numbers. No framework code here.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::LazyLock,
};

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use entities::{
    appeal::AppealStatus,
    credit_event::CreditEventKind,
    rating::{RaterRole, RatingStatus},
    rating_flag::{RatingFlagKind, RatingFlagStatus},
    sanction::{SanctionKind, SanctionOrigin, SanctionStatus},
    star_change::StarCause,
};

use crate::lifecycle::Lifecycle;

impl Lifecycle for RatingStatus {
    /// Open until rated or lapsed; both final.
    fn may_become(self, next: Self) -> bool {
        matches!(
            (self, next),
            (
                RatingStatus::Open,
                RatingStatus::Rated | RatingStatus::Lapsed
            )
        )
    }
}

impl Lifecycle for SanctionStatus {
    /// A rectification is open, then reported; a regulator closes a reported one or escalates
    /// either (a missed deadline escalates an open one). A delisting is proposed, then confirmed
    /// (delisted) or dismissed; a delisted one is reinstated. An appeal overturning a sanction
    /// dismisses it from any status in force.
    fn may_become(self, next: Self) -> bool {
        use SanctionStatus::*;
        matches!(
            (self, next),
            (Open, Reported | Escalated | Dismissed)
                | (Reported, Closed | Escalated | Dismissed)
                | (Proposed, Delisted | Dismissed)
                | (Delisted, Reinstated | Dismissed)
        )
    }
}

impl Lifecycle for AppealStatus {
    /// Open until a regulator decides; every decision is final.
    fn may_become(self, next: Self) -> bool {
        self == AppealStatus::Open && next != AppealStatus::Open
    }
}

/// The statuses of a sanction in force: still to be acted on, or delisting.
pub const SANCTIONS_IN_FORCE: [SanctionStatus; 4] = [
    SanctionStatus::Open,
    SanctionStatus::Reported,
    SanctionStatus::Proposed,
    SanctionStatus::Delisted,
];

/// One to five stars (星级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct StarLevel(u8);

impl StarLevel {
    /// The level for 1–5 stars; anything else is not a star level.
    pub fn new(stars: u8) -> Option<Self> {
        (1..=5).contains(&stars).then_some(Self(stars))
    }

    pub fn stars(self) -> u8 {
        self.0
    }
}

/// Where an intermediary stands now: unrated until its first rated job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// 0–100, `None` while unrated.
    pub score: Option<i32>,
    pub stars: Option<StarLevel>,
    /// Taken off the shelves (临时下架): cannot bid and is hidden from listings.
    pub delisted: bool,
}

impl Standing {
    /// Unrated and not delisted.
    pub const UNRATED: Standing = Standing {
        score: None,
        stars: None,
        delisted: false,
    };
}

/// One of the indicators a rater scores 1–5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Indicator {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
}

/// Every indicator the platform knows, in the order raters see them.
pub fn indicators() -> &'static [Indicator] {
    static INDICATORS: LazyLock<Vec<Indicator>> = LazyLock::new(|| {
        serde_json::from_str(include_str!("data/indicators.json")).unwrap_or_default()
    });
    &INDICATORS
}

/// Each rater role's weight, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Weights {
    pub owner: u32,
    pub department: u32,
    pub center: u32,
}

impl Weights {
    pub fn of(&self, rater: RaterRole) -> u32 {
        match rater {
            RaterRole::Owner => self.owner,
            RaterRole::Department => self.department,
            RaterRole::Center => self.center,
        }
    }
}

/// The lowest score (whole points) of each star level; below `two` is one star.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StarThresholds {
    pub five: u32,
    pub four: u32,
    pub three: u32,
    pub two: u32,
}

/// The credit formula: how ratings become scores and stars, and the windows around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Formula {
    /// Each rater role's weight in percent; they add up to 100.
    pub weights: Weights,
    /// The indicator codes raters score, 1 to 10 of them, each once.
    pub indicators: Vec<String>,
    pub stars: StarThresholds,
    /// How many months of accepted jobs an intermediary's score counts (1–60).
    pub window_months: u32,
    /// Working days from acceptance a rater has to rate (1–60).
    pub rating_window_working_days: u32,
    /// Working days before the window ends that an unrated task is reminded (0: never).
    pub reminder_working_days: u32,
    /// Working days a rectification (限期整改) has before it escalates to a delisting proposal.
    #[serde(default = "default_rectification_days")]
    pub rectification_working_days: u32,
    /// Working days after a rating is given or a sanction opened within which it may be appealed.
    #[serde(default = "default_appeal_days")]
    pub appeal_working_days: u32,
    /// Working days a regulator has to decide an appeal.
    #[serde(default = "default_appeal_decision_days")]
    pub appeal_decision_working_days: u32,
    /// How each kind of external feedback event adjusts the score, and for how long.
    #[serde(default = "default_event_rules")]
    pub events: EventRules,
    /// When a rating is flagged for regulators.
    #[serde(default)]
    pub anomalies: AnomalyRules,
}

/// When a rating is flagged as an anomaly (评价异常) for regulators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AnomalyRules {
    /// A user's last this many ratings all maximal (every indicator 5) flag the last (2–50).
    pub maximal_streak: u32,
    /// This many ratings from one user (2–100) …
    pub burst_ratings: u32,
    /// … within this many seconds (1–3600) flag the last.
    pub burst_seconds: u32,
}

impl Default for AnomalyRules {
    fn default() -> Self {
        Self {
            maximal_streak: 5,
            burst_ratings: 3,
            burst_seconds: 60,
        }
    }
}

/// How one kind of event adjusts a score while in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EventRule {
    /// Whole points added to the score (negative: taken off), −100 to 100.
    pub points: i32,
    /// Months from the day it occurred that it counts (1–60), unless it ends earlier.
    pub months: u32,
}

/// Each kind of external feedback event's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EventRules {
    pub tax_arrears: EventRule,
    pub abnormal_operation: EventRule,
    pub administrative_penalty: EventRule,
    pub upheld_complaint: EventRule,
    pub commendation: EventRule,
}

impl EventRules {
    pub fn of(&self, kind: CreditEventKind) -> EventRule {
        match kind {
            CreditEventKind::TaxArrears => self.tax_arrears,
            CreditEventKind::AbnormalOperation => self.abnormal_operation,
            CreditEventKind::AdministrativePenalty => self.administrative_penalty,
            CreditEventKind::UpheldComplaint => self.upheld_complaint,
            CreditEventKind::Commendation => self.commendation,
        }
    }
}

/// A formula saved before events existed takes the shipped rules.
fn default_event_rules() -> EventRules {
    static SHIPPED: LazyLock<Option<EventRules>> =
        LazyLock::new(|| shipped_formula().ok().map(|f| f.events));
    let neutral = EventRule {
        points: 0,
        months: 12,
    };
    SHIPPED.unwrap_or(EventRules {
        tax_arrears: neutral,
        abnormal_operation: neutral,
        administrative_penalty: neutral,
        upheld_complaint: neutral,
        commendation: neutral,
    })
}

fn default_rectification_days() -> u32 {
    20
}

fn default_appeal_days() -> u32 {
    10
}

fn default_appeal_decision_days() -> u32 {
    15
}

/// The formula shipped with the platform: version 1 wherever no other was made.
pub fn shipped_formula() -> Result<Formula, serde_json::Error> {
    serde_json::from_str(include_str!("data/formula.json"))
}

/// Why a formula was refused: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaRefusal {
    pub field: &'static str,
    pub message: &'static str,
}

impl Formula {
    /// Checks the formula's invariants.
    pub fn check(&self) -> Result<(), FormulaRefusal> {
        let refuse = |field, message| Err(FormulaRefusal { field, message });
        let w = self.weights;
        if u64::from(w.owner) + u64::from(w.department) + u64::from(w.center) != 100 {
            return refuse("weights", "the three weights add up to 100 (percent)");
        }
        let known: BTreeSet<&str> = indicators().iter().map(|i| i.code.as_str()).collect();
        let chosen: BTreeSet<&str> = self.indicators.iter().map(String::as_str).collect();
        if self.indicators.is_empty() || self.indicators.len() > known.len() {
            return refuse("indicators", "choose 1 to 10 indicators");
        }
        if chosen.len() != self.indicators.len() || !chosen.is_subset(&known) {
            return refuse("indicators", "each indicator is a known code, named once");
        }
        let s = self.stars;
        if !(s.five <= 100 && s.five > s.four && s.four > s.three && s.three > s.two && s.two > 0) {
            return refuse(
                "stars",
                "thresholds fall from five to two stars, within 1–100",
            );
        }
        if !(1..=60).contains(&self.window_months) {
            return refuse("window_months", "the window is 1 to 60 months");
        }
        if !(1..=60).contains(&self.rating_window_working_days) {
            return refuse(
                "rating_window_working_days",
                "the rating window is 1 to 60 working days",
            );
        }
        if self.reminder_working_days >= self.rating_window_working_days {
            return refuse(
                "reminder_working_days",
                "the reminder comes before the rating window ends",
            );
        }
        for (field, days) in [
            (
                "rectification_working_days",
                self.rectification_working_days,
            ),
            ("appeal_working_days", self.appeal_working_days),
            (
                "appeal_decision_working_days",
                self.appeal_decision_working_days,
            ),
        ] {
            if !(1..=120).contains(&days) {
                return refuse(field, "each limit is 1 to 120 working days");
            }
        }
        let a = self.anomalies;
        if !((2..=50).contains(&a.maximal_streak)
            && (2..=100).contains(&a.burst_ratings)
            && (1..=3600).contains(&a.burst_seconds))
        {
            return refuse(
                "anomalies",
                "a streak of 2–50 ratings; a burst of 2–100 ratings within 1–3600 seconds",
            );
        }
        let rules = CreditEventKind::ALL.iter().map(|k| self.events.of(*k));
        for rule in rules {
            if !(-100..=100).contains(&rule.points) || !(1..=60).contains(&rule.months) {
                return refuse(
                    "events",
                    "each event adjusts by −100 to 100 points for 1 to 60 months",
                );
            }
        }
        Ok(())
    }

    /// The first day an event no longer counts: when its source says it ended, or when the
    /// formula's months for its kind run out, whichever is earlier.
    pub fn event_end(&self, event: &FeedbackEvent) -> NaiveDate {
        let months = Months::new(self.events.of(event.kind).months);
        let lapses = event
            .occurred_on
            .checked_add_months(months)
            .unwrap_or(NaiveDate::MAX);
        event.ends_on.map_or(lapses, |end| end.min(lapses))
    }

    /// The star level of a score in hundredths of a point.
    pub fn stars_of(&self, score_hundredths: i32) -> StarLevel {
        let t = self.stars;
        let level = [(t.five, 5), (t.four, 4), (t.three, 3), (t.two, 2)]
            .into_iter()
            .find(|(points, _)| i64::from(score_hundredths) >= i64::from(*points) * 100)
            .map_or(1, |(_, level)| level);
        StarLevel(level)
    }
}

/// Indicator code → score 1–5.
pub type Scores = BTreeMap<String, u8>;

/// The OpenAPI schema of [`Scores`] (a map's own name would clash with other maps').
pub fn scores_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
    let score = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(5));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some("Indicator code → score 1–5."))
        .additional_properties(Some(AdditionalProperties::RefOr(score.into())))
        .build()
}

/// Why a rating's scores were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoresRefusal {
    /// Not exactly the formula's indicators, or a score outside 1–5.
    Invalid(String),
    /// An indicator scored 1 or 2 and no comment says why.
    CommentMissing,
}

/// Checks a rating against the formula: every indicator scored 1–5, no other, and a comment
/// when any score is 1 or 2.
pub fn check_scores(
    formula: &Formula,
    scores: &Scores,
    comment: Option<&str>,
) -> Result<(), ScoresRefusal> {
    let wanted: BTreeSet<&str> = formula.indicators.iter().map(String::as_str).collect();
    let given: BTreeSet<&str> = scores.keys().map(String::as_str).collect();
    if wanted != given {
        let missing: Vec<&str> = wanted.difference(&given).copied().collect();
        let extra: Vec<&str> = given.difference(&wanted).copied().collect();
        return Err(ScoresRefusal::Invalid(format!(
            "score exactly the formula's indicators (missing: {missing:?}; unknown: {extra:?})"
        )));
    }
    if let Some((code, score)) = scores.iter().find(|(_, s)| !(1..=5).contains(*s)) {
        return Err(ScoresRefusal::Invalid(format!(
            "`{code}` is scored {score}; scores run from 1 to 5"
        )));
    }
    let low = scores.values().any(|s| *s <= 2);
    if low && comment.is_none_or(|c| c.trim().is_empty()) {
        return Err(ScoresRefusal::CommentMissing);
    }
    Ok(())
}

/// Rounds `numerator / denominator` (both ≥ 0, denominator > 0) half up.
fn div_half_up(numerator: i128, denominator: i128) -> i128 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// One rater's part in a job as the score sees it: its scores (the appeal's adjustment in place
/// of the rater's), or none when the task is open, lapsed or overturned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterPart {
    pub rater: RaterRole,
    pub status: RatingStatus,
    pub overturned: bool,
    pub scores: Option<Scores>,
}

impl RaterPart {
    /// The scores that count: those of a given, not overturned rating, on the formula's
    /// indicators only (a rating given under an older formula counts what it shares with it).
    fn counted(&self, formula: &Formula) -> Option<Vec<u8>> {
        if self.status != RatingStatus::Rated || self.overturned {
            return None;
        }
        let scores = self.scores.as_ref()?;
        let values: Vec<u8> = formula
            .indicators
            .iter()
            .filter_map(|code| scores.get(code).copied())
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// The rater's indicator mean on 0–100 (a mean of m out of 5 is m × 20), in hundredths.
    pub fn mean_hundredths(&self, formula: &Formula) -> Option<i32> {
        let values = self.counted(formula)?;
        let sum: i128 = values.iter().map(|v| i128::from(*v)).sum();
        let hundredths = div_half_up(sum * 2000, values.len() as i128);
        i32::try_from(hundredths).ok()
    }
}

/// A job's score in hundredths: the weighted mean of the counted raters' indicator means, the
/// weights of the others shared out among them (exact, rounded once, half up). None when no
/// rating counts, or the counted raters weigh nothing.
pub fn job_score(parts: &[RaterPart], formula: &Formula) -> Option<i32> {
    let counted: Vec<(i128, Vec<u8>)> = parts
        .iter()
        .filter_map(|p| Some((i128::from(formula.weights.of(p.rater)), p.counted(formula)?)))
        .collect();
    let total_weight: i128 = counted.iter().map(|(w, _)| w).sum();
    if counted.is_empty() || total_weight == 0 {
        return None;
    }
    // Σ w·(sum/n)·20 / Σw, over the common denominator Π n.
    let product: i128 = counted.iter().map(|(_, v)| v.len() as i128).product();
    let numerator: i128 = counted
        .iter()
        .map(|(w, v)| {
            let sum: i128 = v.iter().map(|s| i128::from(*s)).sum();
            w * sum * (product / v.len() as i128) * 2000
        })
        .sum();
    i32::try_from(div_half_up(numerator, product * total_weight)).ok()
}

/// The mean of the scored jobs' scores in hundredths (half up), clamped to 0–100 points. None
/// without a scored job.
pub fn intermediary_score(job_scores: &[i32]) -> Option<i32> {
    if job_scores.is_empty() {
        return None;
    }
    let sum: i128 = job_scores.iter().map(|s| i128::from(*s)).sum();
    let mean = div_half_up(sum, job_scores.len() as i128).clamp(0, 10_000);
    i32::try_from(mean).ok()
}

/// Whole points, half up, from hundredths.
pub fn whole_points(hundredths: i32) -> i32 {
    (hundredths + 50) / 100
}

/// Why an intermediary's score is what it is (`why 2★`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ScoreExplanation {
    pub formula_version: i32,
    /// Jobs accepted from this instant on count.
    pub window_from: DateTime<Utc>,
    pub computed_at: DateTime<Utc>,
    /// Every job in the window, newest first; those without a score do not count.
    pub jobs: Vec<JobExplanation>,
    /// The mean of the scored jobs, in hundredths, before events; none when unrated.
    #[serde(default)]
    pub jobs_mean_hundredths: Option<i32>,
    /// The external feedback events in force, newest first.
    #[serde(default)]
    pub events: Vec<EventExplanation>,
    /// The events' adjustments together, in hundredths.
    #[serde(default)]
    pub adjustment_hundredths: i32,
    /// The jobs' mean plus the adjustments, clamped to 0–100 points, in hundredths; none when
    /// unrated (events alone make no score).
    pub score_hundredths: Option<i32>,
    pub stars: Option<u8>,
}

/// An external feedback event in force, in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EventExplanation {
    pub event_id: Uuid,
    pub kind: CreditEventKind,
    pub source: String,
    pub reference: String,
    pub occurred_on: NaiveDate,
    /// The first day it no longer counts.
    pub ends_on: NaiveDate,
    /// In hundredths of a point (negative: taken off).
    pub adjustment_hundredths: i32,
}

/// An external feedback event as the score reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackEvent {
    pub id: Uuid,
    pub kind: CreditEventKind,
    pub source: String,
    pub reference: String,
    pub occurred_on: NaiveDate,
    /// When the source says it ended.
    pub ends_on: Option<NaiveDate>,
}

impl From<entities::credit_event::Model> for FeedbackEvent {
    fn from(e: entities::credit_event::Model) -> Self {
        Self {
            id: e.public_id,
            kind: e.kind,
            source: e.source,
            reference: e.reference,
            occurred_on: e.occurred_on,
            ends_on: e.ends_on,
        }
    }
}

/// One job in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JobExplanation {
    /// The procurement.
    pub job_id: Uuid,
    pub title: String,
    pub accepted_at: DateTime<Utc>,
    /// In hundredths; none when no rating counts yet.
    pub score_hundredths: Option<i32>,
    pub raters: Vec<RaterExplanation>,
}

/// One rater of a job in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RaterExplanation {
    pub rater: RaterRole,
    /// The formula's weight, in percent.
    pub weight: u32,
    pub status: RatingStatus,
    /// An appeal overturned the rating: it does not count.
    pub overturned: bool,
    /// The indicator mean on 0–100, in hundredths, when the rating counts.
    pub mean_hundredths: Option<i32>,
}

/// One job as the score reads it.
#[derive(Debug, Clone)]
pub struct JobRatings {
    pub job_id: Uuid,
    pub title: String,
    pub accepted_at: DateTime<Utc>,
    pub parts: Vec<RaterPart>,
}

/// The events in force on `today` (a Beijing date), each with its adjustment, newest first.
pub fn events_in_force(
    events: &[FeedbackEvent],
    formula: &Formula,
    today: NaiveDate,
) -> Vec<EventExplanation> {
    let mut in_force: Vec<EventExplanation> = events
        .iter()
        .filter_map(|e| {
            let ends_on = formula.event_end(e);
            (e.occurred_on <= today && today < ends_on).then(|| EventExplanation {
                event_id: e.id,
                kind: e.kind,
                source: e.source.clone(),
                reference: e.reference.clone(),
                occurred_on: e.occurred_on,
                ends_on,
                adjustment_hundredths: formula.events.of(e.kind).points * 100,
            })
        })
        .collect();
    in_force.sort_by(|a, b| {
        b.occurred_on
            .cmp(&a.occurred_on)
            .then(a.event_id.cmp(&b.event_id))
    });
    in_force
}

/// Explains (and so computes) an intermediary's score from its jobs in the window and its
/// external feedback events.
pub fn explain(
    jobs: &[JobRatings],
    events: &[FeedbackEvent],
    formula: &Formula,
    version: i32,
    window_from: DateTime<Utc>,
    computed_at: DateTime<Utc>,
) -> ScoreExplanation {
    let mut explained: Vec<JobExplanation> = jobs
        .iter()
        .map(|job| JobExplanation {
            job_id: job.job_id,
            title: job.title.clone(),
            accepted_at: job.accepted_at,
            score_hundredths: job_score(&job.parts, formula),
            raters: job
                .parts
                .iter()
                .map(|p| RaterExplanation {
                    rater: p.rater,
                    weight: formula.weights.of(p.rater),
                    status: p.status,
                    overturned: p.overturned,
                    mean_hundredths: p.mean_hundredths(formula),
                })
                .collect(),
        })
        .collect();
    explained.sort_by(|a, b| {
        b.accepted_at
            .cmp(&a.accepted_at)
            .then(a.job_id.cmp(&b.job_id))
    });
    let scored: Vec<i32> = explained
        .iter()
        .filter_map(|j| j.score_hundredths)
        .collect();
    let jobs_mean = intermediary_score(&scored);
    let today = computed_at
        .with_timezone(&crate::calendar::CHINA)
        .date_naive();
    let events = events_in_force(events, formula, today);
    let adjustment: i32 = events.iter().map(|e| e.adjustment_hundredths).sum();
    let score = jobs_mean.map(|mean| (mean + adjustment).clamp(0, 10_000));
    ScoreExplanation {
        formula_version: version,
        window_from,
        computed_at,
        jobs: explained,
        jobs_mean_hundredths: jobs_mean,
        events,
        adjustment_hundredths: adjustment,
        score_hundredths: score,
        stars: score.map(|s| formula.stars_of(s).stars()),
    }
}

impl ScoreExplanation {
    /// How many jobs have a score.
    pub fn rated_jobs(&self) -> usize {
        self.jobs
            .iter()
            .filter(|j| j.score_hundredths.is_some())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Formula {
        shipped_formula().expect("the shipped formula")
    }

    fn rated(rater: RaterRole, value: u8) -> RaterPart {
        let scores = shipped()
            .indicators
            .iter()
            .map(|c| (c.clone(), value))
            .collect();
        RaterPart {
            rater,
            status: RatingStatus::Rated,
            overturned: false,
            scores: Some(scores),
        }
    }

    fn lapsed(rater: RaterRole) -> RaterPart {
        RaterPart {
            rater,
            status: RatingStatus::Lapsed,
            overturned: false,
            scores: None,
        }
    }

    #[test]
    fn stars_run_from_one_to_five() {
        assert_eq!(StarLevel::new(0), None);
        assert_eq!(StarLevel::new(1).map(StarLevel::stars), Some(1));
        assert_eq!(StarLevel::new(5).map(StarLevel::stars), Some(5));
        assert_eq!(StarLevel::new(6), None);
    }

    #[test]
    fn the_shipped_data_is_a_valid_formula_over_ten_indicators() {
        assert_eq!(indicators().len(), 10);
        let formula = shipped();
        assert_eq!(formula.check(), Ok(()));
        assert_eq!(formula.indicators.len(), 10);
        assert_eq!(formula.weights.owner, 50);
    }

    #[test]
    fn a_job_score_weighs_the_raters_and_shares_a_lapsed_raters_weight() {
        let f = shipped();
        // 5 → 100, 4 → 80, 3 → 60: 0.5·100 + 0.3·80 + 0.2·60 = 86.
        let all = [
            rated(RaterRole::Owner, 5),
            rated(RaterRole::Department, 4),
            rated(RaterRole::Center, 3),
        ];
        assert_eq!(job_score(&all, &f), Some(8600));
        // The department lapsed: (50·100 + 20·60) / 70 = 88.571… → 88.57.
        let shared = [
            rated(RaterRole::Owner, 5),
            lapsed(RaterRole::Department),
            rated(RaterRole::Center, 3),
        ];
        assert_eq!(job_score(&shared, &f), Some(8857));
        assert_eq!(job_score(&[lapsed(RaterRole::Owner)], &f), None);
        let mut overturned = rated(RaterRole::Owner, 1);
        overturned.overturned = true;
        assert_eq!(
            job_score(&[overturned, rated(RaterRole::Center, 4)], &f),
            Some(8000)
        );
    }

    #[test]
    fn stars_follow_the_thresholds_on_the_exact_score() {
        let f = shipped();
        assert_eq!(f.stars_of(9000).stars(), 5);
        assert_eq!(f.stars_of(8999).stars(), 4);
        assert_eq!(f.stars_of(7000).stars(), 3);
        assert_eq!(f.stars_of(6000).stars(), 2);
        assert_eq!(f.stars_of(5999).stars(), 1);
        assert_eq!(intermediary_score(&[9000, 8001]), Some(8501));
        assert_eq!(intermediary_score(&[]), None);
        assert_eq!(whole_points(8950), 90);
    }

    #[test]
    fn ratings_score_every_indicator_and_low_scores_need_a_comment() {
        let f = shipped();
        let mut scores: Scores = f.indicators.iter().map(|c| (c.clone(), 4)).collect();
        assert_eq!(check_scores(&f, &scores, None), Ok(()));
        scores.insert("service_quality".into(), 2);
        assert_eq!(
            check_scores(&f, &scores, Some("  ")),
            Err(ScoresRefusal::CommentMissing)
        );
        assert_eq!(check_scores(&f, &scores, Some("迟交两周")), Ok(()));
        scores.insert("service_quality".into(), 6);
        assert!(matches!(
            check_scores(&f, &scores, Some("x")),
            Err(ScoresRefusal::Invalid(_))
        ));
        scores.remove("service_quality");
        assert!(matches!(
            check_scores(&f, &scores, None),
            Err(ScoresRefusal::Invalid(_))
        ));
    }

    #[test]
    fn a_formula_whose_weights_do_not_add_up_or_thresholds_do_not_fall_is_refused() {
        let mut f = shipped();
        f.weights.center = 30;
        assert_eq!(f.check().map_err(|r| r.field), Err("weights"));
        let mut f = shipped();
        f.stars.four = 95;
        assert_eq!(f.check().map_err(|r| r.field), Err("stars"));
        let mut f = shipped();
        f.indicators.push("service_quality".into());
        assert_eq!(f.check().map_err(|r| r.field), Err("indicators"));
    }
}

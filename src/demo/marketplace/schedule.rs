//! When each step of a demo job happens. Steps fall on working days in office hours, counted with
//! the same working-day calendar the use cases use (so a deadline planned here is the deadline
//! publishing sets). A job that ends in a past state is placed in the window (the last six
//! months, or less when the calendar starts later) so that its last step is before the seeding
//! instant: recent states as late as possible, finished ones spread over the window; the
//! contracts are shortened when a window is too short for them.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, DurationRound, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use super::plan::{CancelledFrom, Job, Outcome};
use crate::{
    calendar::{self, CHINA},
    marketplace::model::SelectionMethod,
};

/// How far back the demo reaches.
const WINDOW_DAYS: i64 = 182;

/// One step of a job, done at its instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Create,
    Publish,
    Bid(usize),
    Replace(usize),
    /// Runs `close_due` at the instant (closes every procurement due).
    Close,
    /// The owner's direct pick or scored marks.
    Select,
    Justify,
    Object,
    AnswerObjection,
    /// Runs `end_notices` at the instant.
    EndNotice,
    ConfirmOwner,
    ConfirmIntermediary,
    Deliver,
    Return,
    Accept,
    Cancel,
    Republish,
}

/// The instants of a job's steps, and what it was placed with.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub steps: Vec<(DateTime<Utc>, Step)>,
    pub bidding_working_days: u32,
    /// The working days every bid promises (the contract's length).
    pub promised_working_days: i32,
}

impl Timeline {
    fn last(&self) -> DateTime<Utc> {
        self.steps
            .iter()
            .map(|(at, _)| *at)
            .max()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    fn push(&mut self, at: DateTime<Utc>, step: Step) {
        self.steps.push((at, step));
    }
}

/// The span the demo's past lies in.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// No step before this.
    pub start: DateTime<Utc>,
    /// When the catalogue, the intermediaries and the projects are created.
    pub setup: DateTime<Utc>,
    /// The seeding instant: every step is before it.
    pub now: DateTime<Utc>,
}

/// The platform's rules a timeline follows.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub notice_working_days: u32,
    pub min_bidding_working_days: u32,
}

/// An instant on a Beijing day.
pub fn beijing(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = date.and_hms_opt(hour, minute, 0).unwrap_or_default();
    (local - Duration::hours(8)).and_utc()
}

fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&CHINA).date_naive()
}

/// The working-day calendar, with its answers kept (they depend on the day and the count only).
pub struct Calendar<'a> {
    db: &'a DatabaseConnection,
    deadlines: HashMap<(NaiveDate, u32), DateTime<Utc>>,
    /// The window's first day: nothing is looked up before it (the calendar may not know it).
    first: NaiveDate,
}

impl<'a> Calendar<'a> {
    pub fn new(db: &'a DatabaseConnection) -> Self {
        Self {
            db,
            deadlines: HashMap::new(),
            first: NaiveDate::MIN,
        }
    }

    /// The end of the `days`-th working day after `from`'s day, as the use cases compute it.
    pub async fn deadline(
        &mut self,
        from: DateTime<Utc>,
        days: u32,
    ) -> anyhow::Result<DateTime<Utc>> {
        let key = (day_of(from), days);
        if let Some(known) = self.deadlines.get(&key) {
            return Ok(*known);
        }
        let deadline = calendar::deadline(self.db, from, days)
            .await
            .map_err(|e| anyhow::anyhow!("the working-day calendar: {e}"))?;
        self.deadlines.insert(key, deadline);
        Ok(deadline)
    }

    /// The `days`-th working day after `from`'s day, at `hour:minute` in Beijing.
    async fn day_at(
        &mut self,
        from: DateTime<Utc>,
        days: u32,
        (hour, minute): (u32, u32),
    ) -> anyhow::Result<DateTime<Utc>> {
        let end = self.deadline(from, days).await?;
        Ok(beijing(day_of(end), hour, minute))
    }

    async fn is_working_day(&mut self, date: NaiveDate) -> anyhow::Result<bool> {
        let before = beijing(date - Duration::days(1), 12, 0);
        Ok(day_of(self.deadline(before, 1).await?) == date)
    }

    /// The last working day on or before `date` in the window, if any.
    async fn working_day_on_or_before(
        &mut self,
        mut date: NaiveDate,
    ) -> anyhow::Result<Option<NaiveDate>> {
        while date >= self.first {
            if self.is_working_day(date).await? {
                return Ok(Some(date));
            }
            date -= Duration::days(1);
        }
        Ok(None)
    }

    /// The last working day before `date`'s in the window, if any.
    async fn working_day_before(&mut self, date: NaiveDate) -> anyhow::Result<Option<NaiveDate>> {
        self.working_day_on_or_before(date - Duration::days(1))
            .await
    }

    /// The window before `now`: six months, from the first year the calendar knows at most.
    pub async fn window(&mut self, now: DateTime<Utc>) -> anyhow::Result<Window> {
        let today = day_of(now);
        let mut start = today - Duration::days(WINDOW_DAYS);
        while self.deadline(beijing(start, 12, 0), 1).await.is_err() {
            let next_year = NaiveDate::from_ymd_opt(start.year() + 1, 1, 2);
            match next_year {
                Some(date) if date < today => start = date,
                _ => anyhow::bail!(
                    "the working-day calendar has no data around {today}: load the year first"
                ),
            }
        }
        self.first = start;
        let start = beijing(start, 0, 0);
        Ok(Window {
            start,
            setup: start - Duration::days(14),
            now,
        })
    }
}

fn automatic(method: SelectionMethod) -> bool {
    matches!(
        method,
        SelectionMethod::RandomDraw | SelectionMethod::LowestPrice
    )
}

/// What a timeline is built with besides the job.
#[derive(Debug, Clone, Copy)]
struct Shape {
    publish: DateTime<Utc>,
    bidding_working_days: u32,
    promised_working_days: i32,
}

/// Where a job stands after a step: still going (the instant it reached), or done.
enum Next {
    At(DateTime<Utc>),
    Done,
}

/// The job's steps when published at `shape.publish`.
async fn build(
    cal: &mut Calendar<'_>,
    job: &Job,
    shape: Shape,
    rules: Rules,
    now: DateTime<Utc>,
) -> anyhow::Result<Timeline> {
    let mut t = Timeline {
        steps: Vec::new(),
        bidding_working_days: shape.bidding_working_days,
        promised_working_days: shape.promised_working_days,
    };
    let publish = shape.publish;
    t.push(
        publish - Duration::hours(job.pacing.created_hours_before),
        Step::Create,
    );
    t.push(publish, Step::Publish);
    let deadline = cal.deadline(publish, shape.bidding_working_days).await?;
    let cancel = cal.day_at(publish, 1, (16, 0)).await?;
    let bids_end = match job.outcome {
        Outcome::Open => deadline.min(now - Duration::minutes(10)),
        Outcome::Cancelled(CancelledFrom::Published) => cancel,
        _ => deadline - Duration::minutes(30),
    };
    place_bids(&mut t, job, publish, bids_end);
    match job.outcome {
        Outcome::Open => return Ok(t),
        Outcome::Cancelled(CancelledFrom::Published) => {
            t.push(cancel, Step::Cancel);
            return Ok(t);
        }
        _ => {}
    }
    let close = deadline + Duration::minutes(1);
    t.push(close, Step::Close);
    let Next::At(ended) = after_closing(cal, &mut t, job, close, rules).await? else {
        return Ok(t);
    };
    after_notice(cal, &mut t, job, ended, shape.promised_working_days).await?;
    t.steps.sort_by_key(|(at, _)| *at);
    Ok(t)
}

fn place_bids(t: &mut Timeline, job: &Job, from: DateTime<Utc>, to: DateTime<Utc>) {
    let span = (to - from).num_seconds().max(60) as f64;
    for (k, b) in job.bids.iter().enumerate() {
        let at = from + Duration::seconds((span * b.at) as i64);
        t.push(at, Step::Bid(k));
        if b.replaced_by.is_some() {
            let later = at + Duration::seconds(((to - at).num_seconds() / 2).max(60));
            t.push(later, Step::Replace(k));
        }
    }
}

/// Selection and the public notice; answers when the notice ended, if the job goes that far.
async fn after_closing(
    cal: &mut Calendar<'_>,
    t: &mut Timeline,
    job: &Job,
    close: DateTime<Utc>,
    rules: Rules,
) -> anyhow::Result<Next> {
    let p = &job.pacing;
    match job.outcome {
        Outcome::AwaitingOwner | Outcome::AwaitingJustification { justified: false } => {
            return Ok(Next::Done)
        }
        Outcome::AwaitingJustification { justified: true } => {
            t.push(cal.day_at(close, 1, (11, 0)).await?, Step::Justify);
            return Ok(Next::Done);
        }
        Outcome::Failed { republished } => {
            if republished {
                t.push(cal.day_at(close, 1, (9, 30)).await?, Step::Republish);
            }
            return Ok(Next::Done);
        }
        Outcome::Cancelled(from) => {
            let days = if from == CancelledFrom::Evaluating {
                2
            } else {
                1
            };
            t.push(cal.day_at(close, days, (10, 0)).await?, Step::Cancel);
            return Ok(Next::Done);
        }
        _ => {}
    }
    let award = if automatic(job.method) {
        close
    } else {
        let at = cal.day_at(close, p.select_after, (10, 30)).await?;
        t.push(at, Step::Select);
        at
    };
    let notice_end = cal.deadline(award, rules.notice_working_days).await?;
    let objection = matches!(
        job.outcome,
        Outcome::Notice { objection: true }
            | Outcome::Accepted {
                objection: true,
                ..
            }
    );
    if objection {
        t.push(cal.day_at(award, 1, (14, 0)).await?, Step::Object);
        if matches!(job.outcome, Outcome::Accepted { .. }) {
            t.push(cal.day_at(award, 2, (10, 0)).await?, Step::AnswerObjection);
        }
    }
    if matches!(job.outcome, Outcome::Notice { .. }) {
        return Ok(Next::Done);
    }
    let ended = notice_end + Duration::minutes(1);
    t.push(ended, Step::EndNotice);
    Ok(Next::At(ended))
}

/// The contract: confirmations, deliveries, returns and acceptance.
async fn after_notice(
    cal: &mut Calendar<'_>,
    t: &mut Timeline,
    job: &Job,
    ended: DateTime<Utc>,
    days: i32,
) -> anyhow::Result<()> {
    let p = &job.pacing;
    let owner = cal.day_at(ended, 1, (9, 40)).await?;
    if let Outcome::Awarded { owner_confirmed } = job.outcome {
        if owner_confirmed {
            t.push(owner, Step::ConfirmOwner);
        }
        return Ok(());
    }
    t.push(owner, Step::ConfirmOwner);
    let intermediary = cal
        .day_at(ended, p.intermediary_confirms_after, (15, 20))
        .await?;
    t.push(intermediary, Step::ConfirmIntermediary);
    let signed = owner.max(intermediary);
    let days = u32::try_from(days.max(1)).unwrap_or(1);
    let on_time = days.saturating_sub(p.deliver_slack).max(1);
    let (returned, late, accepted) = match job.outcome {
        Outcome::Contracted { returned: false } => return Ok(()),
        Outcome::Contracted { returned: true } => (true, false, false),
        Outcome::Delivered { late } => (false, late, false),
        Outcome::Accepted { late, returned, .. } => (returned, late, true),
        _ => return Ok(()),
    };
    let delivered = if returned {
        let first = cal
            .day_at(signed, on_time.saturating_sub(2).max(1), (16, 0))
            .await?;
        t.push(first, Step::Deliver);
        let back = cal.day_at(first, 2, (10, 0)).await?;
        t.push(back, Step::Return);
        if !accepted {
            return Ok(());
        }
        cal.day_at(back, 3, (16, 0)).await?
    } else if late {
        cal.day_at(signed, days + p.late_by, (11, 0)).await?
    } else {
        cal.day_at(signed, on_time, (16, 0)).await?
    };
    t.push(delivered, Step::Deliver);
    if accepted {
        t.push(
            cal.day_at(delivered, p.accept_after, (10, 0)).await?,
            Step::Accept,
        );
    }
    Ok(())
}

/// The job's timeline in the window: see the module's description.
pub async fn place(
    cal: &mut Calendar<'_>,
    job: &Job,
    window: &Window,
    rules: Rules,
) -> anyhow::Result<Timeline> {
    let days = job
        .bids
        .first()
        .map_or(job.service_working_days, |b| b.promised_working_days);
    let bidding = job
        .pacing
        .bidding_working_days
        .max(rules.min_bidding_working_days);
    match job.outcome {
        Outcome::Draft | Outcome::Cancelled(CancelledFrom::Draft) => {
            Ok(draft(job, window, bidding, days))
        }
        Outcome::Open => open(cal, job, window, rules, days).await,
        _ => {
            for cap in [days, 20, 10, 5, 2] {
                let shape = Shape {
                    publish: window.now,
                    bidding_working_days: bidding,
                    promised_working_days: days.min(cap),
                };
                if let Some(t) = latest(cal, job, window, rules, shape).await? {
                    return Ok(t);
                }
            }
            anyhow::bail!("demo job {}: the calendar window is too short", job.title)
        }
    }
}

fn draft(job: &Job, window: &Window, bidding: u32, days: i32) -> Timeline {
    let created = window.now - Duration::hours(30 + job.pacing.created_hours_before * 5);
    let created = created
        .duration_trunc(Duration::minutes(1))
        .unwrap_or(created);
    let mut steps = vec![(created, Step::Create)];
    if job.outcome == Outcome::Cancelled(CancelledFrom::Draft) {
        steps.push((created + Duration::hours(26), Step::Cancel));
    }
    Timeline {
        steps,
        bidding_working_days: bidding,
        promised_working_days: days,
    }
}

/// Published a few working days ago, the deadline three to twelve days ahead.
async fn open(
    cal: &mut Calendar<'_>,
    job: &Job,
    window: &Window,
    rules: Rules,
    days: i32,
) -> anyhow::Result<Timeline> {
    let now = window.now;
    let at = |date| beijing(date, 9, 0) + Duration::minutes(i64::from(job.pacing.publish_minute));
    let none = || anyhow::anyhow!("no working day in the demo's window");
    let mut date = cal
        .working_day_on_or_before(day_of(now))
        .await?
        .ok_or_else(none)?;
    if at(date) > now - Duration::hours(3) {
        date = cal.working_day_before(date).await?.ok_or_else(none)?;
    }
    for _ in 0..job.pacing.open_for {
        date = cal.working_day_before(date).await?.unwrap_or(date);
    }
    let publish = at(date);
    let mut bidding = job
        .pacing
        .bidding_working_days
        .max(rules.min_bidding_working_days);
    let ahead = now + Duration::days(job.pacing.open_ahead);
    while cal.deadline(publish, bidding).await? < ahead && bidding < 30 {
        bidding += 1;
    }
    let shape = Shape {
        publish,
        bidding_working_days: bidding,
        promised_working_days: days,
    };
    build(cal, job, shape, rules, now).await
}

/// The latest start whose last step is before the seeding instant (less the job's back-off), or
/// for finished jobs a start spread over the window up to that; none when it does not fit.
async fn latest(
    cal: &mut Calendar<'_>,
    job: &Job,
    window: &Window,
    rules: Rules,
    shape: Shape,
) -> anyhow::Result<Option<Timeline>> {
    let limit = window.now - Duration::minutes(10);
    let at = |date| beijing(date, 9, 0) + Duration::minutes(i64::from(job.pacing.publish_minute));
    let mut date = day_of(window.now);
    let mut found = None;
    for _ in 0..120 {
        match cal.working_day_on_or_before(date).await? {
            Some(day) if at(day) >= window.start => date = day,
            _ => return Ok(None),
        }
        let t = build(
            cal,
            job,
            Shape {
                publish: at(date),
                ..shape
            },
            rules,
            window.now,
        )
        .await?;
        let over = t.last() - limit;
        if over <= Duration::zero() {
            found = Some(date);
            break;
        }
        date -= Duration::days((over.num_hours() / 32).max(1));
    }
    let Some(mut date) = found else {
        return Ok(None);
    };
    for _ in 0..job.pacing.back_off {
        match cal.working_day_before(date).await? {
            Some(earlier) if at(earlier) >= window.start => date = earlier,
            _ => break,
        }
    }
    if finished(job.outcome) {
        let first = day_of(window.start);
        let span = (date - first).num_days().max(0) as f64;
        let spread = first + Duration::days((span * job.pacing.spread) as i64);
        if let Some(spread) = cal.working_day_on_or_before(spread).await? {
            if at(spread) >= window.start {
                date = spread;
            }
        }
    }
    let t = build(
        cal,
        job,
        Shape {
            publish: at(date),
            ..shape
        },
        rules,
        window.now,
    )
    .await?;
    Ok((t.last() <= limit).then_some(t))
}

/// Jobs whose state is history: spread over the whole window rather than recent.
fn finished(outcome: Outcome) -> bool {
    matches!(
        outcome,
        Outcome::Accepted { .. } | Outcome::Failed { .. } | Outcome::Cancelled(_)
    )
}

//! Marketplace statistics for the centre's dashboard: per service type (or package) and overall,
//! how many jobs were published, awarded, failed (流标) and cancelled; the average working days
//! from publishing to award and from contract to delivery; the average awarded price against the
//! ceiling (the saving); and jobs per month. Only closed information is used: an open
//! procurement counts as a job, nothing of its bids does.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Utc};
use entities::{service_type, service_type_package};
use sea_orm::DatabaseConnection;

use super::super::{
    catalogue::store as catalogue_store, error::MarketplaceError, model::ProcurementStatus,
};
use super::store;
use crate::calendar::{self, WorkCalendar, CHINA};

/// What a group of procurements did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Published (not drafts).
    pub jobs: u64,
    /// Bidding has closed on these.
    pub closed: u64,
    pub awarded: u64,
    pub failed: u64,
    pub cancelled: u64,
    /// Failed among closed, 0–1.
    pub failure_rate: Option<f64>,
    pub avg_working_days_to_award: Option<f64>,
    pub avg_working_days_to_delivery: Option<f64>,
    pub avg_price_fen: Option<i64>,
    pub avg_ceiling_fen: Option<i64>,
    /// 1 − Σ awarded price ÷ Σ their ceilings, 0–1.
    pub saving_rate: Option<f64>,
}

/// What one service type or package did.
#[derive(Debug, Clone)]
pub struct SubjectFigures {
    pub service_type: Option<service_type::Model>,
    pub package: Option<service_type_package::Model>,
    pub figures: Figures,
}

/// Jobs published, awarded and failed in one month (Beijing time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    /// `YYYY-MM`
    pub month: String,
    pub published: u64,
    pub awarded: u64,
    pub failed: u64,
}

#[derive(Debug, Clone)]
pub struct Statistics {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub overall: Figures,
    pub by_subject: Vec<SubjectFigures>,
    pub by_month: Vec<MonthFigures>,
    pub by_status: BTreeMap<&'static str, u64>,
}

/// One procurement's contribution.
#[derive(Debug, Clone)]
struct Job {
    status: ProcurementStatus,
    days_to_award: Option<u32>,
    days_to_delivery: Option<u32>,
    /// (awarded price, ceiling)
    price: Option<(i64, i64)>,
}

#[derive(Debug, Default)]
struct Totals {
    figures: Figures,
    award_days: Vec<u32>,
    delivery_days: Vec<u32>,
    prices: Vec<(i64, i64)>,
}

impl Totals {
    fn add(&mut self, job: &Job) {
        let f = &mut self.figures;
        f.jobs += 1;
        match job.status {
            ProcurementStatus::Failed => f.failed += 1,
            ProcurementStatus::Cancelled => f.cancelled += 1,
            _ => {}
        }
        let closed = !matches!(
            job.status,
            ProcurementStatus::Published | ProcurementStatus::Cancelled
        );
        f.closed += u64::from(closed);
        f.awarded += u64::from(job.price.is_some());
        self.award_days.extend(job.days_to_award);
        self.delivery_days.extend(job.days_to_delivery);
        self.prices.extend(job.price);
    }

    fn finish(mut self) -> Figures {
        let mean = |v: &[u32]| {
            (!v.is_empty()).then(|| v.iter().map(|d| f64::from(*d)).sum::<f64>() / v.len() as f64)
        };
        let f = &mut self.figures;
        f.failure_rate = (f.closed > 0).then(|| f.failed as f64 / f.closed as f64);
        f.avg_working_days_to_award = mean(&self.award_days);
        f.avg_working_days_to_delivery = mean(&self.delivery_days);
        let count = i64::try_from(self.prices.len()).unwrap_or(i64::MAX);
        let (price, ceiling) = self.prices.iter().fold((0i64, 0i64), |(a, b), (p, c)| {
            (a.saturating_add(*p), b.saturating_add(*c))
        });
        if count > 0 {
            f.avg_price_fen = Some(price / count);
            f.avg_ceiling_fen = Some(ceiling / count);
            f.saving_rate = (ceiling > 0).then(|| 1.0 - price as f64 / ceiling as f64);
        }
        self.figures
    }
}

fn working_days(
    calendar: &WorkCalendar,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Option<u32> {
    calendar.working_days_between(from?, to?).ok()
}

/// The statistics of procurements published in `[from, to)`.
pub async fn statistics(
    db: &DatabaseConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Statistics, MarketplaceError> {
    let facts = store::procurement_facts(db, from, to).await?;
    let prices: HashMap<i64, i64> = store::awarded_prices(db).await?.into_iter().collect();
    let contracts: HashMap<i64, store::ContractSpan> = store::contract_dates(db)
        .await?
        .into_iter()
        .map(|(id, signed, delivered)| (id, (signed, delivered)))
        .collect();
    let first = facts
        .iter()
        .filter_map(|f| f.published_at)
        .min()
        .unwrap_or(now);
    let calendar = calendar::calendar_between(
        db,
        first.with_timezone(&CHINA).date_naive(),
        (now + Duration::days(1)).with_timezone(&CHINA).date_naive(),
    )
    .await?;
    let mut overall = Totals::default();
    let mut subjects: BTreeMap<(Option<i64>, Option<i64>), Totals> = BTreeMap::new();
    let mut months: BTreeMap<String, MonthFigures> = BTreeMap::new();
    let mut by_status: BTreeMap<&'static str, u64> = BTreeMap::new();
    for f in &facts {
        let status = f.status;
        let (signed, delivered) = contracts.get(&f.id).copied().unwrap_or_default();
        let job = Job {
            status,
            days_to_award: working_days(&calendar, f.published_at, f.awarded_at),
            days_to_delivery: working_days(&calendar, signed, delivered),
            price: f
                .awarded_at
                .and(prices.get(&f.id))
                .map(|p| (*p, f.budget_ceiling_fen)),
        };
        overall.add(&job);
        subjects
            .entry((f.service_type_id, f.package_id))
            .or_default()
            .add(&job);
        *by_status.entry(status.as_str()).or_default() += 1;
        if let Some(published) = f.published_at.map(|p| p.with_timezone(&CHINA)) {
            let month = format!("{:04}-{:02}", published.year(), published.month());
            let entry = months.entry(month.clone()).or_insert(MonthFigures {
                month,
                published: 0,
                awarded: 0,
                failed: 0,
            });
            entry.published += 1;
            entry.awarded += u64::from(job.price.is_some());
            entry.failed += u64::from(status == ProcurementStatus::Failed);
        }
    }
    let types: HashMap<i64, service_type::Model> = catalogue_store::service_types(db, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let packages: HashMap<i64, service_type_package::Model> = catalogue_store::packages(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut by_subject: Vec<SubjectFigures> = subjects
        .into_iter()
        .map(|((service_type, package), totals)| SubjectFigures {
            service_type: service_type.and_then(|id| types.get(&id).cloned()),
            package: package.and_then(|id| packages.get(&id).cloned()),
            figures: totals.finish(),
        })
        .collect();
    by_subject.sort_by_key(|s| std::cmp::Reverse(s.figures.jobs));
    Ok(Statistics {
        from,
        to,
        overall: overall.finish(),
        by_subject,
        by_month: months.into_values().collect(),
        by_status,
    })
}

//! Assembles the overview: the bands and months are counted here from narrow reads, the job
//! scores of each month computed by the formula in force, exactly as a standing computes them.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Months, Utc};
use sea_orm::ConnectionTrait;

use super::{
    dto::{CreditMonth, CreditOverview, CreditQueues, ScoreBand, StarCount},
    store,
};
use crate::{
    calendar::CHINA,
    credit::{
        formula::service as formula,
        model::{explain, RatingStatus},
        score::service::jobs_of,
        CreditError,
    },
};

/// How many months the trend shows.
const MONTHS: u32 = 12;

/// The Beijing month of an instant, as `2026-01`.
fn month_of(instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&CHINA);
    format!("{:04}-{:02}", local.year(), local.month())
}

/// The first instant of the Beijing month `MONTHS - 1` months before `now`'s, and the months.
fn months_to(now: DateTime<Utc>) -> (DateTime<Utc>, Vec<String>) {
    let local = now.with_timezone(&CHINA);
    let first = local
        .date_naive()
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(MONTHS - 1)))
        .unwrap_or(local.date_naive());
    let months = (0..MONTHS)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
        .collect();
    (crate::calendar::start_of_day(first), months)
}

/// The overview at `now`.
pub async fn overview<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
) -> Result<CreditOverview, CreditError> {
    let standings = store::standings(conn).await?;
    let (from, month_keys) = months_to(now);
    let mut months: BTreeMap<String, MonthTally> = month_keys
        .into_iter()
        .map(|m| (m, MonthTally::default()))
        .collect();
    tally_ratings(conn, from, now, &mut months).await?;
    for (before, after, at) in store::star_changes_since(conn, from).await? {
        // A first rating or a window emptied is no move up or down the scale.
        if let (Some(before), Some(after), Some(tally)) =
            (before, after, months.get_mut(&month_of(at)))
        {
            tally.stars_up += u64::from(after > before);
            tally.stars_down += u64::from(after < before);
        }
    }
    for at in store::sanctions_since(conn, from).await? {
        if let Some(tally) = months.get_mut(&month_of(at)) {
            tally.sanctions_opened += 1;
        }
    }
    Ok(CreditOverview {
        intermediaries: standings.len() as u64,
        unrated: standings.iter().filter(|(s, _, _)| s.is_none()).count() as u64,
        delisted: standings
            .iter()
            .filter(|(_, _, d)| *d == Some(true))
            .count() as u64,
        stars: (1..=5u8)
            .map(|stars| StarCount {
                stars,
                count: standings
                    .iter()
                    .filter(|(s, _, _)| *s == Some(i16::from(stars)))
                    .count() as u64,
            })
            .collect(),
        scores: bands(standings.iter().filter_map(|(_, h, _)| *h)),
        months: months
            .into_iter()
            .map(|(month, t)| t.into_month(month))
            .collect(),
        queues: CreditQueues {
            anomalies_open: crate::credit::anomaly::service::open_count(conn).await?,
            ..store::queues(conn, now).await?
        },
    })
}

/// Ten bands of ten points; a score of 100 falls in the last.
fn bands(hundredths: impl Iterator<Item = i32>) -> Vec<ScoreBand> {
    let mut counts = [0u64; 10];
    for h in hundredths {
        let band = usize::try_from(h.clamp(0, 9_999) / 1_000).unwrap_or(0);
        counts[band] += 1;
    }
    (0..10u32)
        .map(|i| ScoreBand {
            from: i * 10,
            to: i * 10 + 10,
            count: counts[i as usize],
        })
        .collect()
}

#[derive(Default)]
struct MonthTally {
    ratings: u64,
    lapsed: u64,
    job_scores: Vec<i32>,
    stars_up: u64,
    stars_down: u64,
    sanctions_opened: u64,
}

impl MonthTally {
    fn into_month(self, month: String) -> CreditMonth {
        let mean = (!self.job_scores.is_empty()).then(|| {
            let sum: i64 = self.job_scores.iter().map(|s| i64::from(*s)).sum();
            (sum as f64 / self.job_scores.len() as f64).round() / 100.0
        });
        CreditMonth {
            month,
            ratings: self.ratings,
            lapsed: self.lapsed,
            mean_job_score: mean,
            stars_up: self.stars_up,
            stars_down: self.stars_down,
            sanctions_opened: self.sanctions_opened,
        }
    }
}

/// Counts the ratings given and lapsed per month and the job scores per month of acceptance.
async fn tally_ratings<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    months: &mut BTreeMap<String, MonthTally>,
) -> Result<(), CreditError> {
    let rows = store::ratings_since(conn, from).await?;
    for row in &rows {
        let given = row.rated_at.filter(|_| row.status == RatingStatus::Rated);
        if let Some(tally) = given.and_then(|at| months.get_mut(&month_of(at))) {
            tally.ratings += 1;
        }
        let lapsed = row.lapsed_at.filter(|_| row.status == RatingStatus::Lapsed);
        if let Some(tally) = lapsed.and_then(|at| months.get_mut(&month_of(at))) {
            tally.lapsed += 1;
        }
    }
    let formula = formula::current(conn).await?;
    let explained = explain(
        &jobs_of(&rows)?,
        &[],
        &formula.formula,
        formula.version,
        from,
        now,
    );
    for job in explained.jobs {
        if let (Some(score), Some(tally)) = (
            job.score_hundredths,
            months.get_mut(&month_of(job.accepted_at)),
        ) {
            tally.job_scores.push(score);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn twelve_beijing_months_end_with_the_current_one() {
        // 31 Dec 2026 20:00 UTC is already 1 January 2027 in Beijing.
        let now = Utc.with_ymd_and_hms(2026, 12, 31, 20, 0, 0).unwrap();
        let (from, months) = months_to(now);
        assert_eq!(months.first().map(String::as_str), Some("2026-02"));
        assert_eq!(months.last().map(String::as_str), Some("2027-01"));
        assert_eq!(months.len(), 12);
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 1, 31, 16, 0, 0).unwrap());
        assert_eq!(month_of(now), "2027-01");
    }

    #[test]
    fn scores_fall_in_ten_point_bands_and_100_in_the_last() {
        let counted = bands([0, 999, 1_000, 8_999, 9_000, 10_000].into_iter());
        let counts: Vec<u64> = counted.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![2, 1, 0, 0, 0, 0, 0, 0, 1, 2]);
        assert_eq!((counted[9].from, counted[9].to), (90, 100));
    }
}

//! Request and response bodies of the statistics endpoint: the period asked for, and the figures
//! overall, per service type (or package), per month and per status.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// Procurements published from this instant (default: a year before `to`).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub from: Option<DateTime<Utc>>,
    /// …up to this one, excluded (default: now).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresResponse {
    pub jobs: u64,
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
    /// 1 − Σ awarded price ÷ Σ ceilings, 0–1.
    pub saving_rate: Option<f64>,
}

impl From<super::service::Figures> for FiguresResponse {
    fn from(f: super::service::Figures) -> Self {
        Self {
            jobs: f.jobs,
            closed: f.closed,
            awarded: f.awarded,
            failed: f.failed,
            cancelled: f.cancelled,
            failure_rate: f.failure_rate,
            avg_working_days_to_award: f.avg_working_days_to_award,
            avg_working_days_to_delivery: f.avg_working_days_to_delivery,
            avg_price_fen: f.avg_price_fen,
            avg_ceiling_fen: f.avg_ceiling_fen,
            saving_rate: f.saving_rate,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectFiguresResponse {
    /// `service_type` or `package`.
    pub kind: String,
    pub id: Option<Uuid>,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(flatten)]
    pub figures: FiguresResponse,
}

impl From<super::service::SubjectFigures> for SubjectFiguresResponse {
    fn from(s: super::service::SubjectFigures) -> Self {
        let (kind, id, code, name_zh, name_en) = match (s.service_type, s.package) {
            (Some(t), _) => (
                "service_type",
                Some(t.public_id),
                t.code,
                t.name_zh,
                t.name_en,
            ),
            (None, Some(p)) => ("package", Some(p.public_id), p.code, p.name_zh, p.name_en),
            (None, None) => (
                "service_type",
                None,
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        Self {
            kind: kind.to_owned(),
            id,
            code,
            name_zh,
            name_en,
            figures: s.figures.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthFiguresResponse {
    /// `YYYY-MM` in Beijing time.
    pub month: String,
    pub published: u64,
    pub awarded: u64,
    pub failed: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticsResponse {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub overall: FiguresResponse,
    /// Per service type or package, most jobs first.
    pub by_subject: Vec<SubjectFiguresResponse>,
    pub by_month: Vec<MonthFiguresResponse>,
    /// Jobs per status.
    pub by_status: std::collections::BTreeMap<String, u64>,
}

impl From<super::service::Statistics> for StatisticsResponse {
    fn from(s: super::service::Statistics) -> Self {
        Self {
            from: s.from,
            to: s.to,
            overall: s.overall.into(),
            by_subject: s.by_subject.into_iter().map(Into::into).collect(),
            by_month: s
                .by_month
                .into_iter()
                .map(|m| MonthFiguresResponse {
                    month: m.month,
                    published: m.published,
                    awarded: m.awarded,
                    failed: m.failed,
                })
                .collect(),
            by_status: s
                .by_status
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }
}

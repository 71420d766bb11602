//! Scheduler responses and requests.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::model::{Outcome, Trigger};

use super::service::JobView;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JobRunResponse {
    pub id: i64,
    pub job_name: String,
    /// The scheduled instant this run stands for.
    pub scheduled_for: DateTime<Utc>,
    pub trigger: Trigger,
    pub outcome: Outcome,
    pub attempt: i32,
    pub server_id: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub duration_ms: Option<i64>,
    /// The job's summary, or the error of a failed run.
    pub message: Option<String>,
}

impl From<entities::job_run::Model> for JobRunResponse {
    fn from(run: entities::job_run::Model) -> Self {
        Self {
            duration_ms: run
                .finished_at
                .map(|end| (end - run.started_at).num_milliseconds()),
            id: run.id,
            job_name: run.job_name,
            scheduled_for: run.scheduled_for,
            trigger: run.trigger,
            outcome: run.outcome,
            attempt: run.attempt,
            server_id: run.server_id,
            started_at: run.started_at,
            finished_at: run.finished_at,
            message: run.message,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JobResponse {
    pub name: String,
    /// What the job does, in Chinese.
    pub description: String,
    /// The same in English.
    pub description_en: String,
    /// Seconds first, in China Standard Time.
    pub cron: String,
    /// From configuration: a disabled job never runs on schedule.
    pub enabled: bool,
    pub paused: bool,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run: Option<JobRunResponse>,
}

impl From<JobView> for JobResponse {
    fn from(view: JobView) -> Self {
        Self {
            name: view.name,
            description: view.description,
            description_en: view.description_en,
            cron: view.cron,
            enabled: view.enabled,
            paused: view.paused,
            next_run_at: view.next_run_at,
            last_run: view.last_run.map(Into::into),
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct UpdateJobRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "enter a cron expression"))]
    #[schema(min_length = 1, max_length = 200)]
    #[schema(example = "0 30 3 * * *")]
    pub cron: String,
}

//! Settings: `configuration/base.yaml`, then `configuration/<environment>.yaml`, then `QIFU_*`
//! environment variables (`__` separates nesting levels, e.g. `QIFU_SERVER__PORT`).
//!
//! The environment is chosen by `QIFU_ENVIRONMENT` (`local`, the default, `test` or
//! `production`). When the `configuration/` folder is not beside the working directory (or named
//! by `QIFU_CONFIG_DIR`), the copies compiled into the binary are used, so `qifu` runs from
//! anywhere. Every setting is checked at start-up; a bad one stops it with one line naming it.

use std::path::{Path, PathBuf};

use config::{Config, Environment, File, FileFormat};

use crate::auth::TrustedProxies;
use serde::Deserialize;

const EMBEDDED: [(&str, &str); 4] = [
    ("base", include_str!("../configuration/base.yaml")),
    ("local", include_str!("../configuration/local.yaml")),
    ("test", include_str!("../configuration/test.yaml")),
    (
        "production",
        include_str!("../configuration/production.yaml"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub environment: AppEnvironment,
    /// Where the embedded defaults keep their files (SQLite database, later outbox and index).
    pub data_dir: PathBuf,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub log: LogSettings,
    pub scheduler: SchedulerSettings,
    pub email: EmailSettings,
    pub outbox: OutboxSettings,
    pub search: SearchSettings,
    pub files: FilesSettings,
    pub policies: PolicySettings,
    pub marketplace: MarketplaceSettings,
    pub clock: ClockSettings,
    pub telemetry: TelemetrySettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TelemetrySettings {
    /// The bearer token a Prometheus scraper presents at `/metrics`; empty: no metrics served.
    pub metrics_token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppEnvironment {
    Local,
    Test,
    Production,
}

impl AppEnvironment {
    fn name(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Test => "test",
            Self::Production => "production",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// The built front end (`frontend/dist`), served at `/` with a history-mode fallback.
    pub static_dir: PathBuf,
    /// The reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` is believed; empty:
    /// the socket peer is always the client.
    #[serde(default)]
    pub trusted_proxies: TrustedProxies,
    /// Mark cookies `Secure` (served over HTTPS).
    pub secure_cookies: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`; empty means `sqlite://<data_dir>/qifu.db`.
    pub url: String,
    /// Pool size for PostgreSQL. SQLite always uses one connection (one writer at a time).
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub session_ttl_minutes: i64,
    pub idle_timeout_minutes: i64,
    /// Consecutive failures that lock an account.
    pub lockout_threshold: u32,
    pub lockout_minutes: i64,
    /// Failures from one address, across accounts, within the window, before it is throttled.
    pub address_failure_limit: u32,
    pub address_window_minutes: i64,
    pub argon2: Argon2Settings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Argon2Settings {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SchedulerSettings {
    /// Whether `qifu serve` runs the scheduler loop (runs can still be started by hand).
    pub enabled: bool,
    /// How often the loop looks for due instants.
    pub tick_seconds: u64,
    /// A run whose heartbeat is older than this is taken to have crashed, and is retried.
    pub stale_after_seconds: i64,
    /// Attempts of one instant before it is given up as failed.
    pub max_attempts: i32,
    /// The offset of the time zone cron expressions are written in (China: +480 minutes).
    pub utc_offset_minutes: i32,
    /// One entry per job registered in code.
    pub jobs: std::collections::BTreeMap<String, JobSettings>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    /// Six or seven fields, seconds first: `0 30 3 * * *`.
    pub cron: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    /// The sender, e.g. `企服平台 <noreply@qifu.example.gov.cn>`.
    pub from: String,
    pub transport: EmailTransport,
    /// The web app's address, put before links in e-mails.
    pub public_url: String,
    pub smtp: SmtpSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailTransport {
    /// Each message written as an `.eml` file under `<data_dir>/outbox/` (the embedded default).
    File,
    Smtp,
    /// Kept in memory (tests).
    Recording,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    pub password: String,
    pub timeout_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the same host only).
    None,
    Starttls,
    /// Implicit TLS (SMTPS, usually port 465).
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PolicySettings {
    /// Working days from the match or submission to payout before an application is late.
    pub payout_limit_working_days: u32,
    /// Most enterprise–clause pairs the push job tells per transaction: between two of them
    /// other requests get the database (on SQLite, its one writer).
    pub push_chunk: usize,
    /// A push transaction commits once it has run this long, however few pairs it told.
    pub push_chunk_millis: u64,
    /// How long the push job leaves the database to other work between two transactions.
    pub push_pause_millis: u64,
}

/// Whether the server's clock may be moved forward by its administrator (training servers and
/// browser tests; refused in production).
#[derive(Debug, Clone, Deserialize)]
pub struct ClockSettings {
    pub adjustable: bool,
}

/// The intermediary supermarket's rules that a centre may tune.
#[derive(Debug, Clone, Deserialize)]
pub struct MarketplaceSettings {
    /// The fewest working days between publishing and the bidding deadline.
    pub min_bidding_working_days: u32,
    /// The fewest valid bids each selection method needs, or the procurement fails (流标).
    pub min_valid_bids: MinValidBids,
    /// A bid below this share (percent) of the median valid price is abnormally low.
    pub abnormally_low_percent: u32,
    /// Working days of the result notice (结果公示).
    pub notice_working_days: u32,
    /// The credit score (0–100) a scored comparison gives an unrated intermediary.
    pub unrated_credit_score: u32,
    /// The OCDS `ocid` prefix registered for this platform.
    pub ocid_prefix: String,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct MinValidBids {
    pub direct_pick: u32,
    pub random_draw: u32,
    pub lowest_price: u32,
    pub scored: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OutboxSettings {
    /// How often the worker looks for due messages.
    pub poll_seconds: u64,
    pub batch_size: u64,
    /// How long a claimed message stays with one worker before another may take it.
    pub lease_seconds: i64,
    /// Attempts before a message is `dead`.
    pub max_attempts: i32,
    /// First retry delay; each further one doubles (at most a day).
    pub retry_base_seconds: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SearchSettings {
    /// The embedded index's folder; empty means `<data_dir>/search`. One per server.
    pub index_dir: PathBuf,
    /// Set to use Meilisearch instead of the embedded index.
    pub meilisearch_url: String,
    pub meilisearch_key: String,
    /// Index names start with this: `<prefix>_documents`, `<prefix>_meta`.
    pub meilisearch_index_prefix: String,
    /// How often the indexer follows the change log.
    pub poll_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FilesSettings {
    pub backend: FileBackend,
    /// The `fs` backend's folder; empty means `<data_dir>/files`.
    pub root: PathBuf,
    pub s3: S3Settings,
    /// Signs download links; empty means a key kept in `<data_dir>/signing.key`. Servers that
    /// share files must share it.
    pub signing_key: String,
    pub link_ttl_seconds: i64,
    /// The largest file accepted, per purpose, in bytes.
    pub max_bytes: MaxBytes,
    /// What one organisation may upload before its records claim the files.
    pub quota: UploadQuota,
}

/// Per-organisation bounds on uploads, so no account can fill the store: both refusals answer
/// 429 `upload_quota_exceeded` with `Retry-After`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct UploadQuota {
    /// Bytes of uploaded files that no record has claimed yet.
    pub unclaimed_bytes: u64,
    /// Uploads accepted in any sliding hour.
    pub uploads_per_hour: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileBackend {
    Fs,
    S3,
}

#[derive(Debug, Clone, Deserialize)]
pub struct S3Settings {
    pub bucket: String,
    pub region: String,
    /// For S3-compatible stores (MinIO, OSS, COS, …); empty means AWS.
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// A prefix inside the bucket.
    pub root: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MaxBytes {
    pub bid_proposal: u64,
    pub delivery_result: u64,
    pub application_material: u64,
    pub rectification_report: u64,
    pub case_evidence: u64,
    pub appeal_evidence: u64,
}

impl MaxBytes {
    pub fn limit(&self, purpose: crate::files::Purpose) -> u64 {
        use crate::files::Purpose;
        match purpose {
            Purpose::BidProposal => self.bid_proposal,
            Purpose::DeliveryResult => self.delivery_result,
            Purpose::ApplicationMaterial => self.application_material,
            Purpose::RectificationReport => self.rectification_report,
            Purpose::CaseEvidence => self.case_evidence,
            Purpose::AppealEvidence => self.appeal_evidence,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A `tracing` filter such as `info` or `qifu=debug,info`; `RUST_LOG` overrides it.
    pub level: String,
}

/// A setting that stops start-up, with the setting's name.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {0}")]
pub struct ConfigurationError(String);

fn invalid(setting: &str, why: impl std::fmt::Display) -> ConfigurationError {
    ConfigurationError(format!("{setting}: {why}"))
}

impl Settings {
    /// Loads the settings of the environment named by `QIFU_ENVIRONMENT`.
    pub fn load() -> Result<Self, ConfigurationError> {
        let environment = std::env::var("QIFU_ENVIRONMENT").unwrap_or_else(|_| "local".to_owned());
        Self::load_for(&environment)
    }

    /// Loads the settings of one environment, with the process's `QIFU_*` variables on top.
    pub fn load_for(environment: &str) -> Result<Self, ConfigurationError> {
        let dir = std::env::var("QIFU_CONFIG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("configuration"));
        let mut builder = Config::builder();
        for name in ["base", environment] {
            builder = builder.add_source(layer(&dir, name).ok_or_else(|| {
                invalid(
                    "QIFU_ENVIRONMENT",
                    format!("unknown environment `{name}` (use local, test or production)"),
                )
            })?);
        }
        let settings: Settings = builder
            .set_override("environment", environment)
            .map_err(|e| invalid("environment", e))?
            .add_source(
                Environment::with_prefix("QIFU")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|e| ConfigurationError(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn check_upload_quota(&self) -> Result<(), ConfigurationError> {
        let files = &self.files;
        let largest = crate::files::Purpose::ALL
            .iter()
            .copied()
            .map(|p| files.max_bytes.limit(p))
            .max()
            .unwrap_or(0);
        if files.quota.unclaimed_bytes < largest {
            return Err(invalid(
                "files.quota.unclaimed_bytes",
                format!("must be at least the largest files.max_bytes ({largest})"),
            ));
        }
        if files.quota.uploads_per_hour == 0 {
            return Err(invalid(
                "files.quota.uploads_per_hour",
                "must be greater than 0",
            ));
        }
        Ok(())
    }

    fn check_marketplace(&self) -> Result<(), ConfigurationError> {
        let m = &self.marketplace;
        let bids = m.min_valid_bids;
        let checks = [
            (
                "marketplace.min_bidding_working_days",
                (1..=60).contains(&m.min_bidding_working_days),
                "must be between 1 and 60",
            ),
            (
                "marketplace.min_valid_bids",
                [
                    bids.direct_pick,
                    bids.random_draw,
                    bids.lowest_price,
                    bids.scored,
                ]
                .iter()
                .all(|n| (1..=50).contains(n)),
                "each must be between 1 and 50",
            ),
            (
                "marketplace.abnormally_low_percent",
                m.abnormally_low_percent <= 100,
                "must be at most 100",
            ),
            (
                "marketplace.notice_working_days",
                (1..=30).contains(&m.notice_working_days),
                "must be between 1 and 30",
            ),
            (
                "marketplace.unrated_credit_score",
                m.unrated_credit_score <= 100,
                "must be at most 100",
            ),
            (
                "marketplace.ocid_prefix",
                m.ocid_prefix.starts_with("ocds-") && m.ocid_prefix.len() == 11,
                "must be `ocds-` and six characters",
            ),
        ];
        match checks.into_iter().find(|(_, ok, _)| !ok) {
            Some((setting, _, why)) => Err(invalid(setting, why)),
            None => Ok(()),
        }
    }

    fn validate(&self) -> Result<(), ConfigurationError> {
        let url = self.database_url();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "database.url",
                "must start with sqlite:, postgres:// or postgresql://",
            ));
        }
        if self.server.max_body_bytes == 0 {
            return Err(invalid("server.max_body_bytes", "must be greater than 0"));
        }
        if !(1..=366).contains(&self.policies.payout_limit_working_days) {
            return Err(invalid(
                "policies.payout_limit_working_days",
                "must be between 1 and 366",
            ));
        }
        if !(1..=100_000).contains(&self.policies.push_chunk) {
            return Err(invalid(
                "policies.push_chunk",
                "must be between 1 and 100000",
            ));
        }
        if !(1..=60_000).contains(&self.policies.push_chunk_millis) {
            return Err(invalid(
                "policies.push_chunk_millis",
                "must be between 1 and 60000",
            ));
        }
        if self.policies.push_pause_millis > 60_000 {
            return Err(invalid(
                "policies.push_pause_millis",
                "must be at most 60000",
            ));
        }
        self.check_marketplace()?;
        self.check_upload_quota()?;
        if self.clock.adjustable && self.is_production() {
            return Err(invalid("clock.adjustable", "must be false in production"));
        }
        if self.database.max_connections == 0 {
            return Err(invalid(
                "database.max_connections",
                "must be greater than 0",
            ));
        }
        let auth = &self.auth;
        for (name, minutes) in [
            ("auth.session_ttl_minutes", auth.session_ttl_minutes),
            ("auth.idle_timeout_minutes", auth.idle_timeout_minutes),
            ("auth.lockout_minutes", auth.lockout_minutes),
            ("auth.address_window_minutes", auth.address_window_minutes),
        ] {
            if minutes <= 0 {
                return Err(invalid(name, "must be a positive number of minutes"));
            }
        }
        if auth.lockout_threshold == 0 || auth.address_failure_limit == 0 {
            return Err(invalid(
                "auth.lockout_threshold / auth.address_failure_limit",
                "must be greater than 0",
            ));
        }
        argon2::Params::new(
            auth.argon2.memory_kib,
            auth.argon2.iterations,
            auth.argon2.parallelism,
            None,
        )
        .map_err(|e| invalid("auth.argon2", e))?;
        for (name, job) in &self.scheduler.jobs {
            crate::scheduler::CronSchedule::parse(&job.cron, self.scheduler.utc_offset_minutes)
                .map_err(|e| invalid(&format!("scheduler.jobs.{name}.cron"), e))?;
        }
        if self.scheduler.tick_seconds == 0 || self.scheduler.max_attempts < 1 {
            return Err(invalid(
                "scheduler.tick_seconds / scheduler.max_attempts",
                "must be at least 1",
            ));
        }
        self.email
            .from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| invalid("email.from", e))?;
        let outbox = &self.outbox;
        if outbox.poll_seconds == 0
            || outbox.batch_size == 0
            || outbox.lease_seconds <= 0
            || outbox.max_attempts < 1
            || outbox.retry_base_seconds <= 0
        {
            return Err(invalid("outbox", "every outbox setting must be positive"));
        }
        if self.files.link_ttl_seconds <= 0 {
            return Err(invalid("files.link_ttl_seconds", "must be positive"));
        }
        if self.files.backend == FileBackend::S3 && self.files.s3.bucket.is_empty() {
            return Err(invalid(
                "files.s3.bucket",
                "is required when files.backend is s3",
            ));
        }
        if self.search.poll_seconds == 0 {
            return Err(invalid("search.poll_seconds", "must be at least 1"));
        }
        self.log
            .level
            .parse::<tracing_subscriber::EnvFilter>()
            .map_err(|e| invalid("log.level", e))?;
        Ok(())
    }

    /// The database URL, with the embedded SQLite default filled in.
    pub fn database_url(&self) -> String {
        if self.database.url.trim().is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("qifu.db").display()
            )
        } else {
            self.database.url.clone()
        }
    }

    pub fn is_production(&self) -> bool {
        self.environment == AppEnvironment::Production
    }

    pub fn environment_name(&self) -> &'static str {
        self.environment.name()
    }
}

/// One YAML layer: the file in `dir` when it exists, else the copy compiled into the binary.
fn layer(dir: &Path, name: &str) -> Option<File<config::FileSourceString, FileFormat>> {
    let path = dir.join(format!("{name}.yaml"));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => EMBEDDED
            .iter()
            .find(|(embedded, _)| *embedded == name)
            .map(|(_, text)| (*text).to_owned())?,
    };
    Some(File::from_str(&text, FileFormat::Yaml))
}

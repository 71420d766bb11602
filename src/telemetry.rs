//! Structured logs through `tracing`: readable lines locally, JSON in production. Every request
//! runs in a span carrying its request id (also sent back as `X-Request-Id`).

use tracing_subscriber::{fmt, EnvFilter};

use crate::configuration::{LogFormat, LogSettings};

/// Installs the global subscriber once; later calls (tests) are ignored.
pub fn init(settings: &LogSettings) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&settings.level));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match settings.format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

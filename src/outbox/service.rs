//! The outbox: `enqueue` inside the caller's transaction, `deliver_due` in the worker. Each kind
//! of message has one handler; failures retry with exponential backoff and end `dead` after the
//! configured number of attempts, where the centre can see and re-queue them.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use entities::outbox_message;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::{dto::OutboxStatus, store};
use crate::{
    audit::{self, Actor, AuditEvent},
    configuration::OutboxSettings,
    error::{ApiError, Code},
    pagination::{Page, Paging},
};

/// The kind of the e-mails notifications queue.
pub const EMAIL: &str = "email";

/// Delivers the outbox messages of one kind. Each domain that queues messages registers its
/// handlers at start-up; the outbox knows nothing of what the messages mean.
#[async_trait::async_trait]
pub trait OutboxHandler: Send + Sync {
    /// The kind of message this handler delivers.
    fn kind(&self) -> &'static str;
    /// Delivers one message; an error leaves it for a retry.
    async fn handle(&self, payload: &str) -> anyhow::Result<()>;
    /// One line for the operators' list (for e-mail: the recipient and subject), if it has one.
    fn summary(&self, _payload: &str) -> Option<String> {
        None
    }
}

/// The registered handlers, by kind.
#[derive(Clone, Default)]
pub struct OutboxHandlers(Vec<Arc<dyn OutboxHandler>>);

impl OutboxHandlers {
    pub fn new(handlers: Vec<Arc<dyn OutboxHandler>>) -> Self {
        Self(handlers)
    }

    fn of_kind(&self, kind: &str) -> Option<&Arc<dyn OutboxHandler>> {
        self.0.iter().find(|h| h.kind() == kind)
    }

    /// The line the operators' list shows for a message: its handler's summary, else its kind.
    pub fn summary(&self, message: &outbox_message::Model) -> String {
        self.of_kind(&message.kind)
            .and_then(|h| h.summary(&message.payload))
            .unwrap_or_else(|| message.kind.clone())
    }

    async fn handle(&self, message: &outbox_message::Model) -> anyhow::Result<()> {
        match self.of_kind(&message.kind) {
            Some(handler) => handler.handle(&message.payload).await,
            None => anyhow::bail!("no handler for outbox messages of kind `{}`", message.kind),
        }
    }
}

/// Queues a side effect; call it with the transaction of the change that causes it.
pub async fn enqueue<C: ConnectionTrait, P: Serialize>(
    conn: &C,
    kind: &str,
    payload: &P,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let payload = serde_json::to_string(payload)
        .map_err(|e| DbErr::Custom(format!("outbox payload: {e}")))?;
    store::insert(conn, kind, payload, now).await
}

/// What one delivery pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

impl DeliveryReport {
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.dead
    }
}

/// The delay before attempt `attempts + 1`: base × 2^(attempts − 1), at most a day.
pub fn backoff(base_seconds: i64, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    Duration::seconds(base_seconds.saturating_mul(1 << exponent)).min(Duration::days(1))
}

/// Drops the e-mails a demo replay queued to demo addresses (recipients in `domain`) at instants
/// in `[from, to)`: they tell of events months ago and would only fill the mail folder. Real
/// addresses, other kinds and other times are left alone. Answers how many were dropped.
pub async fn drop_replayed_demo_emails<C: ConnectionTrait>(
    conn: &C,
    domain: &str,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> Result<u64, DbErr> {
    let addressed_to_demo = |payload: &str| {
        serde_json::from_str::<serde_json::Value>(payload)
            .ok()
            .and_then(|p| p["to"].as_str().map(|to| to.ends_with(domain)))
            .unwrap_or(false)
    };
    let ids = store::pending_between(conn, EMAIL, window, domain)
        .await?
        .into_iter()
        .filter(|(_, payload)| addressed_to_demo(payload))
        .map(|(id, _)| id)
        .collect();
    store::delete(conn, ids).await
}

/// What a delivery pass works with.
pub struct Worker<'a> {
    pub db: &'a DatabaseConnection,
    pub handlers: &'a OutboxHandlers,
    pub settings: &'a OutboxSettings,
    /// Names this server in the claims it takes.
    pub server_id: &'a str,
}

/// One delivery pass: claims the due messages and hands each to its handler, once.
pub async fn deliver_due(
    worker: &Worker<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<DeliveryReport> {
    let settings = worker.settings;
    let token = format!("{}/{}", worker.server_id, Uuid::new_v4().simple());
    let until = now + Duration::seconds(settings.lease_seconds);
    let messages = store::claim_due(worker.db, &token, now, until, settings.batch_size).await?;
    let mut report = DeliveryReport::default();
    for message in messages {
        let (status, next, error) = match worker.handlers.handle(&message).await {
            Ok(()) => {
                report.sent += 1;
                (OutboxStatus::Sent, now, None)
            }
            Err(e) if message.attempts + 1 >= settings.max_attempts => {
                tracing::error!(id = %message.public_id, error = %format!("{e:#}"), "outbox message is dead");
                report.dead += 1;
                (OutboxStatus::Dead, now, Some(format!("{e:#}")))
            }
            Err(e) => {
                tracing::warn!(id = %message.public_id, error = %format!("{e:#}"), "outbox delivery failed; will retry");
                report.retried += 1;
                let delay = backoff(settings.retry_base_seconds, message.attempts + 1);
                (OutboxStatus::Pending, now + delay, Some(format!("{e:#}")))
            }
        };
        store::settle(worker.db, &message, status, next, error, now).await?;
    }
    Ok(report)
}

/// The worker loop of `qifu serve`: a delivery pass every `outbox.poll_seconds`.
pub async fn run_loop(state: actix_web::web::Data<crate::startup::AppState>) {
    let period = std::time::Duration::from_secs(state.settings.outbox.poll_seconds);
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = deliver_due(&state.outbox_worker(), state.clock.now()).await {
            tracing::error!(error = %format!("{e:#}"), "outbox delivery pass failed");
        }
    }
}

pub async fn list_messages(
    db: &DatabaseConnection,
    status: Option<OutboxStatus>,
    paging: &Paging,
) -> Result<Page<outbox_message::Model>, ApiError> {
    let (items, total) = store::list(db, status, paging).await?;
    Ok(Page::new(items, total, paging))
}

/// Puts a dead message back in the queue (audited).
pub async fn requeue(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<outbox_message::Model, ApiError> {
    let txn = db.begin().await?;
    let Some(message) = store::requeue(&txn, id, now).await? else {
        return Err(match store::by_public_id(&txn, id).await? {
            Some(_) => ApiError::new(Code::InvalidState, "only a dead message can be re-queued"),
            None => ApiError::not_found("outbox message"),
        });
    };
    let event = AuditEvent::new(
        "outbox.requeue",
        "outbox_message",
        id,
        json!({ "kind": message.kind, "before": { "status": OutboxStatus::Dead }, "after": { "status": OutboxStatus::Pending } }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(message)
}

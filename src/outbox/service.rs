//! The outbox: `enqueue` inside the caller's transaction, `deliver_due` in the worker. Each kind
//! of message has one handler; failures retry with exponential backoff and end `dead` after the
//! configured number of attempts, where the centre can see and re-queue them.

use chrono::{DateTime, Duration, Utc};
use entities::outbox_message;
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::{
    audit::{self, Actor, AuditEvent},
    error::{ApiError, Code},
    notifications,
    pagination::{Page, Paging},
    startup::AppState,
};

/// The kinds of message the outbox carries.
pub const EMAIL: &str = "email";

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

async fn handle(state: &AppState, message: &outbox_message::Model) -> anyhow::Result<()> {
    match message.kind.as_str() {
        EMAIL => notifications::deliver_email(state, &message.payload).await,
        other => anyhow::bail!("no handler for outbox messages of kind `{other}`"),
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

/// Claims the due messages and hands each to its handler, once.
pub async fn deliver_due(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<DeliveryReport> {
    let settings = &state.settings.outbox;
    let token = format!("{}/{}", state.server_id, Uuid::new_v4().simple());
    let until = now + Duration::seconds(settings.lease_seconds);
    let messages = store::claim_due(&state.db, &token, now, until, settings.batch_size).await?;
    let mut report = DeliveryReport::default();
    for message in messages {
        let (status, next, error) = match handle(state, &message).await {
            Ok(()) => {
                report.sent += 1;
                (store::SENT, now, None)
            }
            Err(e) if message.attempts + 1 >= settings.max_attempts => {
                tracing::error!(id = %message.public_id, error = %format!("{e:#}"), "outbox message is dead");
                report.dead += 1;
                (store::DEAD, now, Some(format!("{e:#}")))
            }
            Err(e) => {
                tracing::warn!(id = %message.public_id, error = %format!("{e:#}"), "outbox delivery failed; will retry");
                report.retried += 1;
                let delay = backoff(settings.retry_base_seconds, message.attempts + 1);
                (store::PENDING, now + delay, Some(format!("{e:#}")))
            }
        };
        store::settle(&state.db, &message, status, next, error, now).await?;
    }
    Ok(report)
}

/// The worker loop of `qifu serve`: a delivery pass every `outbox.poll_seconds`.
pub async fn run_loop(state: actix_web::web::Data<AppState>) {
    let period = std::time::Duration::from_secs(state.settings.outbox.poll_seconds);
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = deliver_due(&state, state.clock.now()).await {
            tracing::error!(error = %format!("{e:#}"), "outbox delivery pass failed");
        }
    }
}

pub async fn list_messages(
    state: &AppState,
    status: Option<&str>,
    paging: &Paging,
) -> Result<Page<outbox_message::Model>, ApiError> {
    let (items, total) = store::list(&state.db, status, paging).await?;
    Ok(Page::new(items, total, paging))
}

/// Puts a dead message back in the queue (audited).
pub async fn requeue(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<outbox_message::Model, ApiError> {
    let now = state.clock.now();
    let txn = state.db.begin().await?;
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
        json!({ "kind": message.kind, "before": { "status": store::DEAD }, "after": { "status": store::PENDING } }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(message)
}

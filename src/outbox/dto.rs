//! Outbox responses for the centre's operators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::service::OutboxHandlers;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `pending`, `sent` or `dead`.
    pub status: Option<OutboxStatus>,
}

pub use entities::outbox_message::OutboxStatus;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OutboxMessageResponse {
    pub id: Uuid,
    pub kind: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    /// When the next attempt is due (pending messages only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// For e-mail: the recipient and subject.
    pub summary: String,
}

impl OutboxMessageResponse {
    /// A message with the summary its handler gives it.
    pub fn new(message: entities::outbox_message::Model, handlers: &OutboxHandlers) -> Self {
        let summary = handlers.summary(&message);
        let next_attempt_at =
            (message.status == OutboxStatus::Pending).then_some(message.next_attempt_at);
        Self {
            id: message.public_id,
            kind: message.kind,
            status: message.status,
            attempts: message.attempts,
            next_attempt_at,
            last_error: message.last_error,
            created_at: message.created_at,
            sent_at: message.sent_at,
            summary,
        }
    }
}

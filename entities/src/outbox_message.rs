//! `outbox_messages`: side effects (e-mail, search indexing) written in the same transaction as
//! the change that causes them, and delivered afterwards by a worker, with retries.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where a message stands: waiting (or waiting for a retry), delivered, or given up.
    OutboxStatus {
        Pending => "pending",
        Sent => "sent",
        Dead => "dead",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// What the payload is, e.g. `email`.
    pub kind: String,
    /// JSON text.
    pub payload: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// The worker that holds it, until `claimed_until`.
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Audit use cases: append an entry inside the caller's transaction, list entries, verify the chain.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, Set};

use super::{
    dto::{AuditEntryResponse, AuditQuery},
    model::{Actor, AuditEvent, ChainReport, ChainedFields, GENESIS_HASH},
    store,
};
use crate::{
    error::ApiError,
    pagination::{Page, Paging},
};

/// Appends one entry to the chain. Call it with the transaction that makes the change, so the
/// change and its entry commit together or not at all.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    event: AuditEvent,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    crate::db::serialise_writes(conn).await?;
    let last = store::last_entry(conn).await?;
    let (seq, prev_hash) = match last {
        Some(entry) => (entry.seq + 1, entry.hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let summary = event.summary.to_string();
    let user = actor.user.as_ref();
    let role = user.map(|u| u.role);
    let fields = ChainedFields {
        seq,
        occurred_at: now,
        actor_user_id: user.map(|u| u.user_id),
        actor_email: user.map(|u| u.email.as_str()),
        actor_organisation_id: user.map(|u| u.organisation_id),
        actor_role: role.map(|r| r.as_str()),
        actor_organisation_name: user.map(|u| u.organisation_name.as_str()),
        action: event.action,
        target_type: event.target_type,
        target_id: &event.target_id,
        summary: &summary,
        ip: actor.ip.as_deref(),
        prev_hash: &prev_hash,
    };
    let hash = fields.hash();
    store::insert(
        conn,
        entities::audit_entry::ActiveModel {
            seq: Set(seq),
            occurred_at: Set(now),
            actor_user_id: Set(fields.actor_user_id),
            actor_email: Set(user.map(|u| u.email.clone())),
            actor_organisation_id: Set(fields.actor_organisation_id),
            actor_role: Set(role),
            actor_organisation_name: Set(user.map(|u| u.organisation_name.clone())),
            action: Set(event.action.to_owned()),
            target_type: Set(event.target_type.to_owned()),
            target_id: Set(event.target_id.clone()),
            summary: Set(summary.clone()),
            ip: Set(actor.ip.clone()),
            prev_hash: Set(prev_hash.clone()),
            hash: Set(hash),
        },
    )
    .await
}

/// Audit entries gathered while a transaction does its work and appended together just before
/// it commits. Appending takes the chain's lock, which PostgreSQL holds to the end of the
/// transaction; appending last keeps long transactions (closing bidding, say) from holding it
/// while they work, so other writers are not kept waiting.
#[derive(Debug, Default)]
#[must_use = "pending audit entries are lost unless recorded"]
pub struct Pending(Vec<(Actor, AuditEvent)>);

impl Pending {
    pub fn push(&mut self, actor: Actor, event: AuditEvent) {
        self.0.push((actor, event));
    }

    /// Appends every gathered entry, in the order gathered.
    pub async fn record<C: ConnectionTrait>(
        self,
        conn: &C,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        for (actor, event) in self.0 {
            record(conn, &actor, event, now).await?;
        }
        Ok(())
    }
}

/// A page of the log, newest first.
pub async fn list_entries<C: ConnectionTrait>(
    conn: &C,
    query: &AuditQuery,
    paging: &Paging,
) -> Result<Page<AuditEntryResponse>, ApiError> {
    let (items, total) = store::search(conn, query, paging).await?;
    Ok(Page::new(
        items.into_iter().map(Into::into).collect(),
        total,
        paging,
    ))
}

/// Walks the whole chain in order and reports the first entry that does not fit.
pub async fn verify_chain<C: ConnectionTrait>(conn: &C) -> Result<ChainReport, DbErr> {
    const BATCH: u64 = 1000;
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut expected_seq = 1;
    let mut entries = 0;
    loop {
        let batch = store::entries_after(conn, expected_seq - 1, BATCH).await?;
        if batch.is_empty() {
            return Ok(ChainReport::Intact { entries });
        }
        for entry in &batch {
            if let Some(reason) = broken_link(entry, expected_seq, &expected_prev) {
                return Ok(ChainReport::Broken {
                    seq: entry.seq,
                    reason,
                });
            }
            expected_prev = entry.hash.clone();
            expected_seq += 1;
            entries += 1;
        }
    }
}

fn broken_link(
    entry: &entities::audit_entry::Model,
    expected_seq: i64,
    expected_prev: &str,
) -> Option<String> {
    if entry.seq != expected_seq {
        return Some(format!(
            "entry {expected_seq} is missing (next is {})",
            entry.seq
        ));
    }
    if entry.prev_hash != expected_prev {
        return Some("its previous-hash does not match the entry before it".to_owned());
    }
    let recomputed = ChainedFields {
        seq: entry.seq,
        occurred_at: entry.occurred_at,
        actor_user_id: entry.actor_user_id,
        actor_email: entry.actor_email.as_deref(),
        actor_organisation_id: entry.actor_organisation_id,
        actor_role: entry.actor_role.map(|r| r.as_str()),
        actor_organisation_name: entry.actor_organisation_name.as_deref(),
        action: &entry.action,
        target_type: &entry.target_type,
        target_id: &entry.target_id,
        summary: &entry.summary,
        ip: entry.ip.as_deref(),
        prev_hash: &entry.prev_hash,
    }
    .hash();
    (recomputed != entry.hash)
        .then(|| "its content no longer matches its hash (the row was altered)".to_owned())
}

//! What an audit entry says and how entries are chained: each entry's hash covers its own fields
//! and the previous entry's hash, so altering, removing or reordering a stored row breaks the chain
//! from that row on.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::accounts::Role;

/// The hash the first entry points back to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did it: a signed-in user, or the system itself (command line, scheduled job).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<ActorUser>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorUser {
    pub user_id: Uuid,
    pub email: String,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub role: Role,
}

impl Actor {
    /// The command line or the scheduler, acting without a user.
    pub fn system() -> Self {
        Self {
            user: None,
            ip: None,
        }
    }
}

/// One state change to record.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// `<noun>.<verb>`, e.g. `organisation.approve`.
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: String,
    /// A small before/after summary of the change.
    pub summary: serde_json::Value,
}

impl AuditEvent {
    pub fn new(
        action: &'static str,
        target_type: &'static str,
        target_id: impl ToString,
        summary: serde_json::Value,
    ) -> Self {
        Self {
            action,
            target_type,
            target_id: target_id.to_string(),
            summary,
        }
    }
}

/// The fields of a stored entry that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedFields<'a> {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<Uuid>,
    pub actor_email: Option<&'a str>,
    pub actor_organisation_id: Option<Uuid>,
    pub actor_role: Option<&'a str>,
    pub actor_organisation_name: Option<&'a str>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: &'a str,
    pub summary: &'a str,
    pub ip: Option<&'a str>,
    pub prev_hash: &'a str,
}

impl ChainedFields<'_> {
    /// SHA-256 over the fields, each length-prefixed so no two entries share an encoding.
    pub fn hash(&self) -> String {
        let uuid = |id: Option<Uuid>| id.map(|u| u.to_string()).unwrap_or_default();
        let parts = [
            self.seq.to_string(),
            self.occurred_at
                .format("%Y-%m-%dT%H:%M:%S%.6fZ")
                .to_string(),
            uuid(self.actor_user_id),
            self.actor_email.unwrap_or_default().to_owned(),
            uuid(self.actor_organisation_id),
            self.actor_role.unwrap_or_default().to_owned(),
            self.action.to_owned(),
            self.target_type.to_owned(),
            self.target_id.to_owned(),
            self.summary.to_owned(),
            self.ip.unwrap_or_default().to_owned(),
            self.prev_hash.to_owned(),
        ];
        let mut hasher = Sha256::new();
        // Fields added later are hashed only when present, so older entries verify unchanged.
        let later = self.actor_organisation_name.map(str::to_owned);
        for part in parts.iter().chain(later.iter()) {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        }
        hex::encode(hasher.finalize())
    }
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    Intact { entries: u64 },
    Broken { seq: i64, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(summary: &str) -> ChainedFields<'_> {
        ChainedFields {
            seq: 1,
            occurred_at: DateTime::from_timestamp(1_700_000_000, 123_000).unwrap(),
            actor_user_id: None,
            actor_email: None,
            actor_organisation_id: None,
            actor_role: None,
            actor_organisation_name: None,
            action: "user.create",
            target_type: "user",
            target_id: "x",
            summary,
            ip: None,
            prev_hash: GENESIS_HASH,
        }
    }

    #[test]
    fn an_entry_without_the_later_fields_hashes_as_it_always_did() {
        // The hash of these fields before `actor_organisation_name` existed.
        assert_eq!(
            fields("{}").hash(),
            "f12a5a11c7672f22fba244011da2b7ac8b8cd2c62a9855aa9533c95de4664d1d"
        );
        let mut named = fields("{}");
        named.actor_organisation_name = Some("演示区企业综合服务中心");
        assert_ne!(named.hash(), fields("{}").hash());
    }

    #[test]
    fn the_hash_changes_when_any_field_changes() {
        assert_eq!(fields("{}").hash(), fields("{}").hash());
        assert_ne!(fields("{}").hash(), fields("{\"a\":1}").hash());
        let mut other = fields("{}");
        other.seq = 2;
        assert_ne!(fields("{}").hash(), other.hash());
    }
}

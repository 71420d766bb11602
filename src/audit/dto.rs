//! Audit log requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// Filters of the audit log; every one optional.
#[derive(Debug, Clone, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The acting user's e-mail address.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub actor: Option<String>,
    /// e.g. `organisation.approve`.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub action: Option<String>,
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub target_type: Option<String>,
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub target_id: Option<String>,
    /// Entries at or after this instant (RFC 3339).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub from: Option<DateTime<Utc>>,
    /// Entries before this instant (RFC 3339).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditActor {
    pub user_id: Uuid,
    pub email: String,
    pub role: crate::accounts::Role,
    pub organisation_id: Uuid,
    /// The organisation's name when the entry was written.
    pub organisation_name: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntryResponse {
    /// Position in the chain.
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// `null` when the system acted (command line, scheduled job).
    pub actor: Option<AuditActor>,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub summary: serde_json::Value,
    pub ip: Option<String>,
    pub hash: String,
}

impl From<entities::audit_entry::Model> for AuditEntryResponse {
    fn from(entry: entities::audit_entry::Model) -> Self {
        let actor = match (
            entry.actor_user_id,
            entry.actor_email,
            entry.actor_role,
            entry.actor_organisation_id,
        ) {
            (Some(user_id), Some(email), Some(role), Some(organisation_id)) => Some(AuditActor {
                user_id,
                email,
                role,
                organisation_id,
                organisation_name: entry.actor_organisation_name,
            }),
            _ => None,
        };
        Self {
            id: entry.seq,
            occurred_at: entry.occurred_at,
            actor,
            action: entry.action,
            target_type: entry.target_type,
            target_id: entry.target_id,
            summary: serde_json::from_str(&entry.summary).unwrap_or(serde_json::Value::Null),
            ip: entry.ip,
            hash: entry.hash,
        }
    }
}

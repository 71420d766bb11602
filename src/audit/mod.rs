//! The audit log: every state change records who (user, organisation, role), what (action,
//! target, before/after summary), when and from where, in the same transaction as the change.
//! Entries are append-only and hash-chained; `qifu audit verify` finds the first broken link.

mod dto;
mod jobs;
mod model;
mod routes;
mod service;
mod store;

pub use dto::{AuditEntryResponse, AuditQuery};
pub use jobs::jobs;
pub use model::{Actor, ActorUser, AuditEvent, ChainReport};
pub use routes::configure;
pub use service::{list_entries, record, verify_chain, Pending};

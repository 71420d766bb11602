//! Owners' investment projects and the procurements they post: drafting, publishing, cancelling
//! and republishing, questions and answers, and what each viewer sees of a procurement
//! ([`views`]): endpoints and their bodies, use cases and queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;
pub mod views;

/// Who is looking at a procurement, which decides what of it they see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The owner enterprise.
    Owner,
    /// The centre's administrators and the regulators.
    Staff,
    /// An intermediary (by organisation id): sees only its own bid.
    Intermediary(i64),
    /// Anyone else signed in.
    Public,
}

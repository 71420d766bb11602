//! Marketplace use cases, one file per area: the catalogue, intermediaries, projects and
//! procurements, sealed bids, closing and selection, contracts and deliveries.

pub mod bids;
pub mod catalogue;
pub mod contracts;
pub mod intermediaries;
pub mod opendata;
pub mod procurements;
pub mod selection;
pub mod statistics;
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

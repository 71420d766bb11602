//! Sealed bids: placing, withdrawing, confirming and justifying a bid before the deadline, the
//! bidder's own list and who may read a bid's files: endpoints and their bodies, use cases and
//! queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;

//! The intermediary supermarket (中介超市): the centre's catalogue of service types (涉审中介事项)
//! and packages; intermediaries' offered types, qualifications and practitioners; owners'
//! investment projects and the procurements they post; sealed bids; closing at the deadline
//! (exactly once), selection by direct pick, verifiable random draw, lowest price or scored
//! comparison; public notice and objections; the contract, delivery and acceptance.

pub mod draw;
mod dto;
pub mod eligibility;
mod error;
mod jobs;
pub mod model;
mod routes;
pub mod selection;
pub mod service;
mod store;

pub use error::{BidRefusal, MarketplaceError};
pub use jobs::jobs;
pub use routes::configure;

use std::sync::Arc;

use crate::files::FileOwner;

/// The records of this domain that own files: bid proposals and delivered results.
pub fn file_owners() -> Vec<Arc<dyn FileOwner>> {
    vec![Arc::new(routes::BidFiles), Arc::new(routes::DeliveryFiles)]
}

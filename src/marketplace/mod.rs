//! The intermediary supermarket (中介超市): the centre's catalogue of service types (涉审中介事项)
//! and packages; intermediaries' offered types, qualifications and practitioners; owners'
//! investment projects and the procurements they post; sealed bids; closing at the deadline
//! (exactly once), selection by direct pick, verifiable random draw, lowest price or scored
//! comparison; public notice and objections; the contract, delivery and acceptance.

pub mod bid;
pub mod catalogue;
pub mod contract;
pub mod draw;
mod dto;
pub mod eligibility;
mod error;
pub mod intermediary;
mod jobs;
pub mod model;
pub mod opendata;
pub mod procurement;
pub mod selection;
pub mod statistics;

pub use error::{BidRefusal, MarketplaceError};
pub use jobs::jobs;

use std::sync::Arc;

use crate::files::FileOwner;

/// The records of this domain that own files: bid proposals and delivered results.
pub fn file_owners() -> Vec<Arc<dyn FileOwner>> {
    vec![
        Arc::new(bid::routes::BidFiles),
        Arc::new(contract::routes::DeliveryFiles),
    ]
}

/// Mounts every marketplace endpoint, object by object, in the order actix matches them.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    catalogue::routes::configure(cfg);
    intermediary::routes::configure(cfg);
    procurement::routes::configure(cfg);
    bid::routes::configure(cfg);
    selection::routes::configure(cfg);
    contract::routes::configure(cfg);
    selection::routes::configure_public(cfg);
    statistics::routes::configure(cfg);
}

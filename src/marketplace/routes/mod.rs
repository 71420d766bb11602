//! The marketplace's HTTP endpoints, one file per area; handlers stay thin.

mod bids;
mod catalogue;
mod procurements;
mod statistics;

pub use bids::{BidFiles, DeliveryFiles};

/// Mounts every marketplace endpoint.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    catalogue::configure(cfg);
    procurements::configure(cfg);
    bids::configure(cfg);
    statistics::configure(cfg);
}

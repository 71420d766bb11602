//! The value-added service store (增值服务): the centre's catalogue of sectors, service items
//! (each provided by a department or a market organisation, meant for some tags, with an SLA in
//! working days) and packages (一类事); recommendations ranked by how well an item's target tags
//! fit an enterprise's; and orders (点单) from placing through acceptance and completion to the
//! enterprise's rating.

mod dto;
mod error;
pub mod model;
mod routes;
pub mod service;
mod store;

pub use error::ServicesError;
pub use routes::configure;

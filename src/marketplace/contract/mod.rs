//! The contract of an awarded procurement: terms, confirmation, deliveries and their acceptance,
//! and who may read a delivery's files: endpoints, use cases and queries.

pub(super) mod routes;
pub mod service;
pub(super) mod store;

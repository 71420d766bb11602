//! The contract of an awarded procurement: terms, confirmation, deliveries and their acceptance,
//! and who may read a delivery's files: endpoints and their bodies, use cases and queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;

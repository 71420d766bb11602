//! Intermediaries: their profiles, offered service types, qualifications and practitioners, and
//! the list owners choose among: endpoints, use cases and queries.

pub(super) mod routes;
pub mod service;
pub(super) mod store;

//! Intermediaries: their profiles, offered service types, qualifications and practitioners, and
//! the list owners choose among: endpoints and their bodies, use cases and queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;

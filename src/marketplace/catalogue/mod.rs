//! The centre's catalogue: service types (涉审中介事项) and packages of them, the qualification types,
//! and the rules this centre configured: its endpoints and their bodies, use cases and queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;

//! Bid statistics for auditors: prices against the ceiling per service type (or package),
//! overall, per month and per status: the endpoint, use case and queries.

pub(super) mod routes;
pub mod service;
pub(super) mod store;

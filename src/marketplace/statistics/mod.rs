//! The dashboard figures for the centre and regulators: per service type (or package) and overall,
//! jobs published, awarded, failed and cancelled, working days to award and delivery, awarded
//! prices against the ceiling, jobs per month: the endpoint and its bodies, use case and queries.

pub(super) mod dto;
pub(super) mod routes;
pub mod service;
pub(super) mod store;

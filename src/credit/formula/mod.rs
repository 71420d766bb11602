//! The credit formula (计分规则): the version in force (the shipped one until the centre makes
//! another), every version with who made it and why, and making a new one, which recomputes
//! every intermediary's standing.

pub mod dto;
pub mod routes;
pub mod service;
mod store;

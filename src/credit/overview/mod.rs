//! The regulator's credit overview (信用总览): how the intermediaries stand (stars, scores in
//! ten-point bands, delisted), how the last twelve months went (ratings given and lapsed, the
//! mean job score, stars gained and lost, sanctions opened, by Beijing month) and what waits in
//! the regulator's queues. A read model over the other credit objects; it writes nothing.

pub mod dto;
pub mod routes;
mod service;
mod store;

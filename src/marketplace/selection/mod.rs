//! Closing at the deadline (exactly once) and selection: direct pick, verifiable random draw,
//! lowest price or scored comparison ([`ranking`], pure), abnormally low justifications, public
//! notice and objections: endpoints and their bodies, use cases (the queries are those of the
//! procurement, bid and contract).

pub(super) mod dto;
pub mod ranking;
pub(super) mod routes;
pub mod service;

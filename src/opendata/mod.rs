//! Open data (开放数据): what the platform publishes for anyone to reuse. `ocds` maps the
//! intermediary supermarket's procurements — plain records the marketplace fills from its store —
//! to the Open Contracting Data Standard 1.1.5: one release per procurement at its current state,
//! and release packages of several. `ocds` is pure (no database, no HTTP) and knows nothing of the
//! marketplace's code — `service` fills its records through the marketplace's service API and
//! `routes` serves the packages; sealed-bid secrecy is enforced here too, so nothing about bids leaves
//! the platform while bidding is open. The vendored schema under `schema/` is for the tests only.

pub mod ocds;
mod routes;
mod service;

pub use routes::configure;

#[cfg(test)]
mod tests;

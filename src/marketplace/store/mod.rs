//! Marketplace queries, generic over the connection (pool or transaction), one file per area.

mod bids;
mod catalogue;
mod contracts;
mod intermediaries;
mod procurements;
mod statistics;

pub use bids::*;
pub use catalogue::*;
pub use contracts::*;
pub use intermediaries::*;
pub use procurements::*;
pub use statistics::*;

//! Demo and synthetic data, apart from the domains: everything here is made through the domains'
//! public use cases, exactly as a user's request would make it, so the demo shows what the
//! platform really does and no production module carries a demo-only hook.

pub mod credit;
pub mod enterprises;
pub mod marketplace;
pub mod policies;
pub mod seed;
pub mod services;

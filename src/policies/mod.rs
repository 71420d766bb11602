//! Policies (政策计算器): a policy is cut into clauses (颗粒化), each with an eligibility condition,
//! a benefit and an amount rule, an application window and a mode (申报 or 免申即享). Matching
//! answers, for one enterprise, every clause it meets and every near miss with explanations, and
//! for one clause the enterprises it reaches; the push job tells each newly eligible enterprise
//! once.

mod dto;
mod error;
pub mod matching;
pub mod model;
mod push;
mod routes;
mod service;
mod store;

pub use error::PoliciesError;
pub use matching::{ClauseCache, LiveClause, Matches};
pub use push::push_new_eligibilities;
pub use routes::configure;
pub use service::CLAUSE_CHANGE;

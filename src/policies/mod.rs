//! Policies (政策计算器): a policy is cut into clauses (颗粒化), each with an eligibility condition,
//! a benefit and an amount rule, an application window and a mode (申报 or 免申即享). Matching
//! answers, for one enterprise, every clause it meets and every near miss with explanations, and
//! for one clause the enterprises it reaches; the push job tells each newly eligible enterprise
//! once; applications and automatic grants run from submission or confirmation to payout.

mod application_routes;
pub mod applications;
mod dto;
mod error;
mod jobs;
pub mod matching;
pub mod model;
mod push;
mod routes;
mod service;
mod store;

use std::sync::Arc;

pub use error::PoliciesError;
pub use jobs::jobs;
pub use matching::{ClauseCache, LiveClause, Matches};
pub use push::{push_eligibilities, push_new_eligibilities, PushLimits, PushReport};
pub use service::{
    create_clause, create_policy, policy_by_document_number, set_clause_status, ClauseDraft,
    PolicyDraft,
};

use crate::files::FileOwner;

/// Mounts the policy, matching and application endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    routes::configure(cfg);
    application_routes::configure(cfg);
}

/// The records of this domain that own files.
pub fn file_owners() -> Vec<Arc<dyn FileOwner>> {
    vec![Arc::new(applications::ApplicationFiles)]
}

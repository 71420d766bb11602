//! Intermediaries' credit (信用): the five-star scale the centre runs on every finished job.
//! Ratings (一事一评) open when an owner accepts a delivery, one per rater role; the versioned
//! formula turns them into job scores, an intermediary score over a sliding window and stars;
//! every score explains itself and every change of stars is kept. Other domains read an
//! intermediary's current [`Standing`] (score, stars, delisted) through [`standings`].
//! Split by business object: `rating/`, `score/`, `formula/`, `event/`, `sanction/`, `appeal/`,
//! each with
//! its routes, service and store, and `overview/`, the regulator's read model over them.

pub mod appeal;
mod error;
pub mod event;
pub mod formula;
mod jobs;
pub mod model;
pub mod overview;
pub mod rating;
pub mod sanction;
pub mod score;

pub use error::CreditError;
pub use jobs::jobs;
pub use model::{Standing, StarCause, StarLevel};
pub use rating::service::{open_ratings, FinishedJob};
pub use score::service::{standing, standings};

/// Whether a user may read an intermediary's credit record (a sanction, an appeal): the centre's
/// administrators and regulators every one, the intermediary its own.
pub(crate) fn may_read_record(user: &crate::auth::CurrentUser, intermediary_id: i64) -> bool {
    matches!(
        user.role,
        crate::accounts::Role::Regulator | crate::accounts::Role::CenterAdmin
    ) || intermediary_id == user.organisation_id
}

/// The records of this domain that own files: rectification reports and appeal evidence.
pub fn file_owners() -> Vec<std::sync::Arc<dyn crate::files::FileOwner>> {
    vec![
        std::sync::Arc::new(sanction::SanctionFiles),
        std::sync::Arc::new(appeal::AppealFiles),
    ]
}

/// Mounts every credit endpoint for signed-in users, object by object.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    formula::routes::configure(cfg);
    rating::routes::configure(cfg);
    score::routes::configure(cfg);
    sanction::routes::configure(cfg);
    appeal::routes::configure(cfg);
    overview::routes::configure(cfg);
    event::routes::configure(cfg);
    score::routes::configure_public(cfg);
}

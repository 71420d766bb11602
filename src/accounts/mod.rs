//! Organisations and users: self-registration of enterprises and intermediaries (checked by their
//! unified social credit code), the centre's approval of intermediaries (入驻审核), staff
//! organisations and users, and each user's own profile.

mod account;
mod documents;
mod dto;
mod error;
mod model;
mod routes;
mod service;
mod store;

pub use account::Account;
pub use documents::search_sources;
pub use dto::{MeResponse, OrganisationResponse, UserQuery};
pub use error::AccountsError;
pub use model::{
    Email, Locale, NewPassword, OrganisationKind, OrganisationStatus, Role, RoleRules, Uscc,
    UsccError, UserStatus,
};
pub use routes::configure;
pub use service::{
    create_organisation, create_user, decide_registration, find_account_by_email,
    find_account_by_user_id, list_users, set_password_hash, set_user_status, NewOrganisation,
    NewUser,
};
pub use store::{
    active_emails_ending_with, count_organisations_with_uscc_like, find_center,
    find_organisation_by_uscc, insert_organisations_in_bulk, organisation_by_id,
    organisation_by_public_id, organisations_by_id, organisations_of_kind, user_emails_of,
};

//! Authentication and authorization: Argon2id passwords, opaque session tokens (stored only as
//! hashes, with expiry and idle timeout), lockout and throttling, CSRF protection for cookie
//! writes, and the `Authenticated<R>` extractor that puts the allowed roles in a handler's type.

mod address;
mod dto;
mod error;
mod extractors;
mod jobs;
mod model;
mod password;
mod routes;
mod service;
mod store;

pub use address::{client_ip, TrustedProxies};
pub use error::AuthError;
pub use extractors::{
    bearer_token, constant_time_eq, resolve_session, Authenticated, CSRF_COOKIE, CSRF_HEADER,
    SESSION_COOKIE,
};
pub use jobs::jobs;
pub use model::{
    AnyRole, AnyStanding, Approved, AuditReaders, CenterAdmins, CenterStaff, ContractParties,
    CreditReaders, CurrentUser, Departments, Enterprises, Intermediaries, ObjectionAnswerers,
    PolicyStaff, ProcurementReviewers, QualificationVerifiers, Raters, Registering, Regulators,
    RoleSet, ServiceDesk, ServiceProviders, Standing,
};
pub use password::PasswordHasher;
pub use routes::configure;
pub use service::revoke_all_sessions;

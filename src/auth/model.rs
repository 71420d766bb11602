//! Who is calling and what they may do: session tokens, the signed-in [`CurrentUser`], and the
//! role sets that handlers name in their extractor's type (`Authenticated<CenterAdmins>`).

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    accounts::{Locale, OrganisationKind, OrganisationStatus, Role},
    audit::{Actor, ActorUser},
};

/// A set of roles allowed to call a handler.
pub trait RoleSet {
    const ROLES: &'static [Role];
}

macro_rules! role_set {
    ($(#[$meta:meta])* $name:ident => [$($role:ident),+]) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name;
        impl RoleSet for $name {
            const ROLES: &'static [Role] = &[$(Role::$role),+];
        }
    };
}

role_set!(
    /// Any signed-in user.
    AnyRole => [Enterprise, Intermediary, Commissioner, Department, Regulator, CenterAdmin]
);
role_set!(
    /// The centre's administrators (平台运营).
    CenterAdmins => [CenterAdmin]
);
role_set!(
    /// Enterprise users (企业用户).
    Enterprises => [Enterprise]
);
role_set!(
    /// The centre's staff who work with enterprise profiles and policies.
    CenterStaff => [CenterAdmin, Commissioner]
);
role_set!(
    /// Staff who see which enterprises a clause reaches: the centre and the departments.
    PolicyStaff => [CenterAdmin, Commissioner, Department]
);
role_set!(
    /// Department users (行业主管部门 / 职能部门).
    Departments => [Department]
);
role_set!(
    /// Those who verify the qualifications enterprises declare: the issuing departments and
    /// the centre's administrators.
    QualificationVerifiers => [CenterAdmin, Department]
);
role_set!(
    /// Those who see service orders beyond their own enterprise's: the providers (departments
    /// and intermediaries) the orders they serve, the centre all.
    ServiceDesk => [CenterAdmin, Department, Intermediary]
);
role_set!(
    /// Those who provide services of the store and serve its orders.
    ServiceProviders => [Department, Intermediary]
);
role_set!(
    /// Intermediaries (中介机构).
    Intermediaries => [Intermediary]
);
role_set!(
    /// Those who see a closed procurement's bids: its owner (an enterprise), the centre and the
    /// regulators.
    ProcurementReviewers => [Enterprise, CenterAdmin, Regulator]
);
role_set!(
    /// The two sides of a contract: the owner enterprise and the intermediary.
    ContractParties => [Enterprise, Intermediary]
);
role_set!(
    /// Those who may answer an objection: the owner enterprise or the centre.
    ObjectionAnswerers => [Enterprise, CenterAdmin]
);
role_set!(
    /// Those who read every intermediary's credit file and the formula's history: the centre's
    /// administrators and the regulators.
    CreditReaders => [CenterAdmin, Regulator]
);
role_set!(
    /// Regulators (监管人员): they decide sanctions and appeals.
    Regulators => [Regulator]
);
role_set!(
    /// Those who may be asked to rate a finished job: the owner enterprise, the responsible
    /// department's users and the centre's (the task names the organisation).
    Raters => [Enterprise, Department, Regulator, CenterAdmin]
);
role_set!(
    /// Those who may read the audit log.
    AuditReaders => [CenterAdmin, Regulator]
);

/// Which organisation statuses a handler admits, the second parameter of `Authenticated<R, S>`.
/// Nearly every handler takes the default, [`Approved`]: until the centre approves an
/// organisation (入驻审核), its users may only see and complete their own registration, and once
/// rejected only read why.
pub trait Standing {
    const ADMITS: &'static [OrganisationStatus];
}

/// An approved (active) organisation: the default.
#[derive(Debug)]
pub struct Approved;
impl Standing for Approved {
    const ADMITS: &'static [OrganisationStatus] = &[OrganisationStatus::Active];
}

/// Also an organisation still waiting for approval: completing its own registration.
#[derive(Debug)]
pub struct Registering;
impl Standing for Registering {
    const ADMITS: &'static [OrganisationStatus] =
        &[OrganisationStatus::Active, OrganisationStatus::Pending];
}

/// Any organisation, rejected included: reading one's own account (and why) and signing out.
#[derive(Debug)]
pub struct AnyStanding;
impl Standing for AnyStanding {
    const ADMITS: &'static [OrganisationStatus] = &[
        OrganisationStatus::Active,
        OrganisationStatus::Pending,
        OrganisationStatus::Rejected,
    ];
}

/// A fresh opaque session token (or CSRF token): 256 random bits, hex-encoded.
pub fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// What the database keeps of a token: its SHA-256.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The signed-in user behind a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user_id: i64,
    pub public_id: Uuid,
    pub email: String,
    pub role: Role,
    /// The language saved in the account.
    pub locale: Locale,
    pub organisation_id: i64,
    pub organisation_public_id: Uuid,
    pub organisation_name: String,
    pub organisation_kind: OrganisationKind,
    /// Whether the centre has approved the organisation (入驻审核); see [`Standing`].
    pub organisation_status: OrganisationStatus,
    pub session_id: i64,
    pub ip: Option<String>,
}

impl CurrentUser {
    /// The language a request asks for (`Accept-Language`: `en…` or `zh…`), else the account's.
    pub fn language(&self, req: &actix_web::HttpRequest) -> Locale {
        let wanted = req
            .headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if wanted.starts_with("en") {
            Locale::En
        } else if wanted.starts_with("zh") {
            Locale::ZhCn
        } else {
            self.locale
        }
    }

    /// This user as the actor of an audit entry.
    pub fn actor(&self) -> Actor {
        Actor {
            user: Some(ActorUser {
                user_id: self.public_id,
                email: self.email.clone(),
                organisation_id: self.organisation_public_id,
                organisation_name: self.organisation_name.clone(),
                role: self.role,
            }),
            ip: self.ip.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}

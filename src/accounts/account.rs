//! An [`Account`]: a user together with its organisation, as the other domains see it.

use entities::{organisation, user};

use super::model::{Locale, OrganisationKind, OrganisationStatus, Role, UserStatus};
use crate::auth::CurrentUser;

#[derive(Debug, Clone)]
pub struct Account {
    pub user: user::Model,
    pub organisation: organisation::Model,
    pub role: Role,
    pub locale: Locale,
    pub organisation_kind: OrganisationKind,
    pub organisation_status: OrganisationStatus,
    pub status: UserStatus,
}

impl Account {
    /// Pairs a user with their organisation.
    pub fn from_models(user: user::Model, organisation: organisation::Model) -> Self {
        Self {
            role: user.role,
            locale: user.locale,
            organisation_kind: organisation.kind,
            organisation_status: organisation.status,
            status: user.status,
            user,
            organisation,
        }
    }

    /// This account as the signed-in user of a session.
    pub fn current_user(&self, session_id: i64, ip: Option<String>) -> CurrentUser {
        CurrentUser {
            user_id: self.user.id,
            public_id: self.user.public_id,
            email: self.user.email.clone(),
            role: self.role,
            locale: self.locale,
            organisation_id: self.organisation.id,
            organisation_public_id: self.organisation.public_id,
            organisation_name: self.organisation.name.clone(),
            organisation_kind: self.organisation_kind,
            organisation_status: self.organisation_status,
            session_id,
            ip,
        }
    }
}

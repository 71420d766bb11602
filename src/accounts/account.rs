//! An [`Account`]: a user together with its organisation, as the other domains see it.

use anyhow::anyhow;
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
    /// Pairs stored rows, refusing values no code path writes.
    pub fn from_models(
        user: user::Model,
        organisation: organisation::Model,
    ) -> anyhow::Result<Self> {
        let role = Role::parse(&user.role).ok_or_else(|| anyhow!("unknown role {}", user.role))?;
        let organisation_kind = OrganisationKind::parse(&organisation.kind)
            .ok_or_else(|| anyhow!("unknown organisation kind {}", organisation.kind))?;
        let locale =
            Locale::parse(&user.locale).ok_or_else(|| anyhow!("unknown locale {}", user.locale))?;
        let status = UserStatus::parse(&user.status)
            .ok_or_else(|| anyhow!("unknown user status {}", user.status))?;
        let organisation_status = OrganisationStatus::parse(&organisation.status)
            .ok_or_else(|| anyhow!("unknown organisation status {}", organisation.status))?;
        Ok(Self {
            user,
            organisation,
            role,
            locale,
            organisation_kind,
            organisation_status,
            status,
        })
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

//! Account use cases: self-registration, the centre's approval of intermediaries (入驻审核),
//! staff organisations and users, enabling and disabling users, and the caller's own profile.
//! Every change writes its audit entry in the same transaction.

use chrono::{DateTime, Utc};
use entities::{organisation, user};
use sea_orm::{
    sea_query::Condition, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DbErr, IntoActiveModel, Set, SqlErr, TransactionSession, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    account::Account,
    dto::{OrganisationQuery, RegisterRequest, RegistrationKind, UserQuery},
    error::AccountsError,
    model::{
        Email, Locale, NewPassword, OrganisationKind, OrganisationStatus, Role, RoleRules, Uscc,
        UserStatus,
    },
    store,
};
use crate::{
    audit::{self, Actor, AuditEvent},
    auth::{self, CurrentUser, PasswordHasher},
    lifecycle::{Lifecycle, Move},
    notifications::{self, Audience, Event, Notice},
    pagination::{Page, Paging},
    search::{self, DocKind},
};

/// An organisation to create.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub uscc: Option<String>,
    pub status: OrganisationStatus,
}

/// A user to create inside an existing organisation.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Uuid,
    pub password: String,
    pub locale: Locale,
}

/// Maps a unique-constraint race to the conflict it stands for.
fn conflict(err: DbErr) -> AccountsError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("uscc") => {
            AccountsError::UsccTaken
        }
        Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("email") => {
            AccountsError::EmailTaken
        }
        _ => err.into(),
    }
}

fn organisation_summary(org: &organisation::Model) -> serde_json::Value {
    json!({ "name": org.name, "kind": org.kind, "uscc": org.uscc, "status": org.status })
}

async fn insert_organisation<C: ConnectionTrait>(
    conn: &C,
    new: &NewOrganisation,
    now: DateTime<Utc>,
) -> Result<organisation::Model, AccountsError> {
    let uscc = new
        .uscc
        .as_deref()
        .map(Uscc::parse)
        .transpose()?
        .map(|u| u.as_str().to_owned());
    if let Some(code) = &uscc {
        if store::uscc_exists(conn, code).await? {
            return Err(AccountsError::UsccTaken);
        }
    }
    let organisation = store::insert_organisation(
        conn,
        organisation::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            name: Set(new.name.trim().to_owned()),
            kind: Set(new.kind),
            uscc: Set(uscc),
            status: Set(new.status),
            status_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await
    .map_err(conflict)?;
    search::record_change(conn, DocKind::Organisation, organisation.public_id, now).await?;
    Ok(organisation)
}

/// A checked user, ready to be stored.
struct UserFields<'a> {
    email: &'a Email,
    display_name: &'a str,
    role: Role,
    locale: Locale,
    password_hash: String,
}

async fn insert_user<C: ConnectionTrait>(
    conn: &C,
    organisation: organisation::Model,
    fields: UserFields<'_>,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    let UserFields {
        email,
        display_name,
        role,
        locale,
        password_hash,
    } = fields;
    if store::email_exists(conn, email.as_str()).await? {
        return Err(AccountsError::EmailTaken);
    }
    let user = store::insert_user(
        conn,
        user::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            organisation_id: Set(organisation.id),
            email: Set(email.as_str().to_owned()),
            display_name: Set(display_name.trim().to_owned()),
            role: Set(role),
            locale: Set(locale),
            status: Set(UserStatus::Active),
            password_hash: Set(password_hash),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await
    .map_err(conflict)?;
    Ok(Account::from_models(user, organisation))
}

/// Checks e-mail and password policy and hashes the password (outside any transaction).
async fn credentials(
    hasher: &PasswordHasher,
    email: &str,
    password: &str,
) -> Result<(Email, String), AccountsError> {
    let email = Email::parse(email).ok_or(AccountsError::InvalidEmail)?;
    let password = NewPassword::parse(password, &email)
        .map_err(|e| AccountsError::WeakPassword(e.to_string()))?;
    Ok((email, hasher.hash(password.expose()).await?))
}

/// An enterprise or intermediary registers itself with its first user. Intermediaries wait,
/// `pending`, for the centre's approval.
pub async fn register(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    request: RegisterRequest,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    let uscc = Uscc::parse(&request.uscc)?;
    let (email, hash) = credentials(hasher, &request.email, &request.password).await?;
    let (kind, status, role) = match request.kind {
        RegistrationKind::Enterprise => (
            OrganisationKind::Enterprise,
            OrganisationStatus::Active,
            Role::Enterprise,
        ),
        RegistrationKind::Intermediary => (
            OrganisationKind::Intermediary,
            OrganisationStatus::Pending,
            Role::Intermediary,
        ),
    };
    let new = NewOrganisation {
        name: request.organisation_name,
        kind,
        uscc: Some(uscc.as_str().to_owned()),
        status,
    };
    let locale = request.locale.unwrap_or(Locale::ZhCn);
    let txn = db.begin().await?;
    let organisation = insert_organisation(&txn, &new, now).await?;
    let fields = UserFields {
        email: &email,
        display_name: &request.display_name,
        role,
        locale,
        password_hash: hash,
    };
    let account = insert_user(&txn, organisation, fields, now).await?;
    let event = AuditEvent::new(
        "organisation.register",
        "organisation",
        account.organisation.public_id,
        json!({ "after": organisation_summary(&account.organisation), "user": account.user.email }),
    );
    audit::record(&txn, &account.current_user(0, ip).actor(), event, now).await?;
    if status == OrganisationStatus::Pending {
        let notice = Notice {
            event: Event::RegistrationSubmitted,
            params: json!({ "organisation": account.organisation.name, "uscc": account.organisation.uscc }),
            link: Some("/admin/approvals".to_owned()),
        };
        let centre = Audience::Role(Role::CenterAdmin);
        notifications::notify_audience(&txn, centre, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(account)
}

/// Creates an organisation on the centre's (or the system's) behalf.
pub async fn create_organisation<C: TransactionTrait>(
    db: &C,
    actor: &Actor,
    new: NewOrganisation,
    now: DateTime<Utc>,
) -> Result<organisation::Model, AccountsError> {
    let txn = db.begin().await?;
    let organisation = insert_organisation(&txn, &new, now).await?;
    let event = AuditEvent::new(
        "organisation.create",
        "organisation",
        organisation.public_id,
        json!({ "after": organisation_summary(&organisation) }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(organisation)
}

/// The centre approves (`true`) or rejects a pending intermediary, with a reason.
pub async fn decide_registration(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: Uuid,
    approve: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<organisation::Model, AccountsError> {
    let txn = db.begin().await?;
    let organisation = store::organisation_by_public_id(&txn, organisation_id)
        .await?
        .ok_or(AccountsError::OrganisationNotFound)?;
    let (status, action) = if approve {
        (OrganisationStatus::Active, "organisation.approve")
    } else {
        (OrganisationStatus::Rejected, "organisation.reject")
    };
    let before = organisation.status;
    let pending_only = || {
        AccountsError::InvalidState(format!(
            "only a pending registration can be decided; this one is {before}"
        ))
    };
    if !before.may_become(status) {
        return Err(pending_only());
    }
    let step = Move {
        key: organisation.id,
        from: before,
        to: status,
    };
    if !store::move_organisation_status(&txn, step, reason.trim(), now).await? {
        return Err(pending_only());
    }
    let organisation = store::organisation_by_id(&txn, organisation.id)
        .await?
        .ok_or(AccountsError::OrganisationNotFound)?;
    search::record_change(&txn, DocKind::Organisation, organisation.public_id, now).await?;
    let event = AuditEvent::new(
        action,
        "organisation",
        organisation.public_id,
        json!({ "before": { "status": before }, "after": { "status": organisation.status }, "reason": reason }),
    );
    audit::record(&txn, actor, event, now).await?;
    let notice = Notice {
        event: if approve {
            Event::RegistrationApproved
        } else {
            Event::RegistrationRejected
        },
        params: json!({ "organisation": organisation.name, "reason": reason.trim() }),
        link: Some("/".to_owned()),
    };
    notifications::notify_organisation(&txn, organisation.id, &notice, now).await?;
    txn.commit().await?;
    Ok(organisation)
}

/// Creates a user in an existing organisation whose kind fits the role.
pub async fn create_user(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    actor: &Actor,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    let (email, hash) = credentials(hasher, &new.email, &new.password).await?;
    let txn = db.begin().await?;
    let organisation = store::organisation_by_public_id(&txn, new.organisation_id)
        .await?
        .ok_or(AccountsError::OrganisationNotFound)?;
    let kind = organisation.kind;
    if !new.role.allowed_organisation_kinds().contains(&kind) {
        return Err(AccountsError::RoleNotAllowed {
            role: new.role.to_string(),
            kind: kind.to_string(),
        });
    }
    let fields = UserFields {
        email: &email,
        display_name: &new.display_name,
        role: new.role,
        locale: new.locale,
        password_hash: hash,
    };
    let account = insert_user(&txn, organisation, fields, now).await?;
    let event = AuditEvent::new(
        "user.create",
        "user",
        account.user.public_id,
        json!({ "after": { "email": account.user.email, "role": account.user.role, "organisation": account.organisation.public_id } }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(account)
}

/// The centre creates a staff user (department, regulator, commissioner, centre administrator).
pub async fn create_staff_user(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    actor: &Actor,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    if !new.role.is_staff() {
        return Err(AccountsError::NotAllowed(
            "enterprise and intermediary users register themselves",
        ));
    }
    create_user(db, hasher, actor, new, now).await
}

/// Disables (ending every session at once) or re-enables a user.
pub async fn set_user_status(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: Uuid,
    status: UserStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    let is_self = actor.user.as_ref().is_some_and(|u| u.user_id == user_id);
    if is_self && status == UserStatus::Disabled {
        return Err(AccountsError::NotAllowed(
            "you cannot disable your own account",
        ));
    }
    let txn = db.begin().await?;
    let account = account_where(&txn, user::Column::PublicId.eq(user_id))
        .await?
        .ok_or(AccountsError::UserNotFound)?;
    let before = account.status;
    let mut active = account.user.clone().into_active_model();
    active.status = Set(status);
    active.updated_at = Set(now);
    let user = store::update_user(&txn, active).await?;
    let revoked = match status {
        UserStatus::Disabled => auth::revoke_all_sessions(&txn, user.id, now).await?,
        UserStatus::Active => 0,
    };
    let action = match status {
        UserStatus::Disabled => "user.disable",
        UserStatus::Active => "user.enable",
    };
    let event = AuditEvent::new(
        action,
        "user",
        user.public_id,
        json!({ "before": { "status": before }, "after": { "status": status }, "reason": reason, "sessions_revoked": revoked }),
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(Account::from_models(user, account.organisation))
}

/// The caller changes their display name and language.
pub async fn update_profile(
    db: &DatabaseConnection,
    me: &CurrentUser,
    display_name: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Account, AccountsError> {
    let txn = db.begin().await?;
    let account = account_where(&txn, user::Column::Id.eq(me.user_id))
        .await?
        .ok_or(AccountsError::UserNotFound)?;
    let before =
        json!({ "display_name": account.user.display_name, "locale": account.user.locale });
    let mut active = account.user.clone().into_active_model();
    active.display_name = Set(display_name.trim().to_owned());
    active.locale = Set(locale);
    active.updated_at = Set(now);
    let user = active.update(&txn).await?;
    let event = AuditEvent::new(
        "user.update_profile",
        "user",
        user.public_id,
        json!({ "before": before, "after": { "display_name": user.display_name, "locale": user.locale } }),
    );
    audit::record(&txn, &me.actor(), event, now).await?;
    txn.commit().await?;
    Ok(Account::from_models(user, account.organisation))
}

async fn account_where<C: ConnectionTrait>(
    conn: &C,
    condition: impl Into<Condition>,
) -> Result<Option<Account>, AccountsError> {
    Ok(store::user_with_organisation(conn, condition.into())
        .await?
        .map(|(user, org)| Account::from_models(user, org)))
}

pub async fn find_account_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> anyhow::Result<Option<Account>> {
    Ok(account_where(conn, user::Column::Email.eq(email.trim().to_lowercase())).await?)
}

pub async fn find_account_by_user_id<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> anyhow::Result<Option<Account>> {
    Ok(account_where(conn, user::Column::Id.eq(user_id)).await?)
}

/// Replaces a user's password hash (inside the caller's transaction).
pub async fn set_password_hash<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    store::set_password_hash(conn, user_id, hash, now).await
}

pub async fn list_organisations(
    db: &DatabaseConnection,
    query: &OrganisationQuery,
    paging: &Paging,
) -> Result<Page<organisation::Model>, AccountsError> {
    let (items, total) = store::search_organisations(db, query, paging).await?;
    Ok(Page::new(items, total, paging))
}

pub async fn list_users(
    db: &DatabaseConnection,
    query: &UserQuery,
    paging: &Paging,
) -> Result<Page<Account>, AccountsError> {
    let organisation_id = match query.organisation_id {
        Some(id) => match store::organisation_by_public_id(db, id).await? {
            Some(org) => Some(org.id),
            None => return Ok(Page::new(Vec::new(), 0, paging)),
        },
        None => None,
    };
    let (rows, total) = store::search_users(db, query, organisation_id, paging).await?;
    let items = rows
        .into_iter()
        .filter_map(|(user, org)| org.map(|org| Account::from_models(user, org)))
        .collect();
    Ok(Page::new(items, total, paging))
}

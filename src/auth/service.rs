//! Sign-in, sessions and passwords: `log_in`, `authenticate`, `log_out`, `change_password`.
//!
//! Throttling lives in the database, so it holds across several application servers: five
//! consecutive failures for one address within the lockout window lock that account (known or
//! not, so the answer never tells whether an e-mail exists), and too many failures from one client
//! address throttle it across accounts. Both answer 429 with `Retry-After`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;

use super::{
    error::AuthError,
    model::{new_token, token_hash, CurrentUser},
    password::PasswordHasher,
    store,
};
use crate::{
    accounts::{self, Account, Email, NewPassword, UserStatus},
    audit::{self, Actor, AuditEvent},
    clock::seconds_until,
    configuration::AuthSettings,
};

/// What a successful sign-in hands back.
#[derive(Debug)]
pub struct LoginOutcome {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    pub account: Account,
}

/// Where an address stands against the unknown-address key of the throttle.
const UNKNOWN_ADDRESS: &str = "unknown";

/// Refuses the attempt when the account is locked or the address throttled.
async fn check_throttles<C: ConnectionTrait>(
    conn: &C,
    settings: &AuthSettings,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let window = Duration::minutes(settings.address_window_minutes);
    let from_address = store::recent_address_failures(conn, ip, now - window).await?;
    if let Some(oldest_counted) = from_address.get(settings.address_failure_limit as usize - 1) {
        return Err(AuthError::TooManyAttempts {
            retry_after_seconds: seconds_until(*oldest_counted + window, now),
        });
    }
    let lockout = Duration::minutes(settings.lockout_minutes);
    let failures = store::recent_account_failures(conn, email, now - lockout).await?;
    if failures.len() >= settings.lockout_threshold as usize {
        if let Some(newest) = failures.first() {
            return Err(AuthError::AccountLocked {
                retry_after_seconds: seconds_until(*newest + lockout, now),
            });
        }
    }
    Ok(())
}

/// Signs a user in and opens a session.
pub async fn log_in(
    db: &DatabaseConnection,
    auth: &AuthSettings,
    hasher: &PasswordHasher,
    email: &str,
    password: &str,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, AuthError> {
    let email = Email::parse(email)
        .map(|e| e.as_str().to_owned())
        .unwrap_or_else(|| email.trim().to_lowercase());
    let address = ip.clone().unwrap_or_else(|| UNKNOWN_ADDRESS.to_owned());
    check_throttles(db, auth, &email, &address, now).await?;

    let account = accounts::find_account_by_email(db, &email).await?;
    let hash = account.as_ref().map(|a| a.user.password_hash.as_str());
    if !hasher.verify(password, hash).await? {
        record_failure(db, auth, &email, &address, ip, now).await?;
        return Err(AuthError::InvalidCredentials);
    }
    let Some(account) = account else {
        return Err(AuthError::InvalidCredentials);
    };
    if account.status != UserStatus::Active {
        // The right password of a disabled account still counts against the lockout, so the
        // answer cannot be used to test passwords without limit.
        record_failure(db, auth, &email, &address, ip, now).await?;
        return Err(AuthError::UserDisabled);
    }
    open_session(db, auth, account, &address, ip, now).await
}

async fn record_failure(
    db: &DatabaseConnection,
    auth: &AuthSettings,
    email: &str,
    address: &str,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let txn = db.begin().await?;
    store::record_attempt(&txn, email, address, false, now).await?;
    let lockout = Duration::minutes(auth.lockout_minutes);
    let failures = store::recent_account_failures(&txn, email, now - lockout).await?;
    if failures.len() == auth.lockout_threshold as usize {
        let event = AuditEvent::new(
            "account.lock",
            "email",
            email,
            json!({ "failures": failures.len(), "locked_minutes": auth.lockout_minutes }),
        );
        audit::record(&txn, &Actor { user: None, ip }, event, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn open_session(
    db: &DatabaseConnection,
    auth: &AuthSettings,
    account: Account,
    address: &str,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, AuthError> {
    let token = new_token();
    let csrf_token = new_token();
    let expires_at = now + Duration::minutes(auth.session_ttl_minutes);
    let txn = db.begin().await?;
    store::record_attempt(&txn, &account.user.email, address, true, now).await?;
    let session = store::insert_session(
        &txn,
        entities::session::ActiveModel {
            token_hash: Set(token_hash(&token)),
            csrf_token: Set(csrf_token.clone()),
            user_id: Set(account.user.id),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(expires_at),
            revoked_at: Set(None),
            ip: Set(ip.clone()),
            ..Default::default()
        },
    )
    .await?;
    let actor = account.current_user(session.id, ip).actor();
    let event = AuditEvent::new(
        "user.login",
        "user",
        account.user.public_id,
        json!({ "expires_at": expires_at }),
    );
    audit::record(&txn, &actor, event, now).await?;
    txn.commit().await?;
    Ok(LoginOutcome {
        token,
        csrf_token,
        expires_at,
        account,
    })
}

/// How stale `last_seen_at` may get before a request writes it again: a tenth of the idle
/// timeout, at most a minute, so an active session never reaches its idle timeout while writes
/// stay rare.
fn touch_interval(idle: Duration) -> Duration {
    (idle / 10).min(Duration::minutes(1))
}

/// The live session behind a token, and its CSRF token.
pub async fn authenticate(
    db: &DatabaseConnection,
    auth: &AuthSettings,
    token: &str,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> Result<(CurrentUser, String), AuthError> {
    let session = store::find_session(db, &token_hash(token))
        .await?
        .filter(|s| s.revoked_at.is_none())
        .ok_or(AuthError::Unauthenticated)?;
    let idle = Duration::minutes(auth.idle_timeout_minutes);
    if now >= session.expires_at || now >= session.last_seen_at + idle {
        return Err(AuthError::SessionExpired);
    }
    let account = accounts::find_account_by_user_id(db, session.user_id)
        .await?
        .filter(|a| a.status == UserStatus::Active)
        .ok_or(AuthError::Unauthenticated)?;
    if now - session.last_seen_at >= touch_interval(idle) {
        store::touch_session(db, session.id, now).await?;
    }
    Ok((account.current_user(session.id, ip), session.csrf_token))
}

/// Ends the caller's session.
pub async fn log_out(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let txn = db.begin().await?;
    if store::revoke_session(&txn, user.session_id, now).await? {
        let event = AuditEvent::new("user.logout", "user", user.public_id, json!({}));
        audit::record(&txn, &user.actor(), event, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Changes the caller's password and signs out every other session of theirs.
pub async fn change_password(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    user: &CurrentUser,
    current_password: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let account = accounts::find_account_by_user_id(db, user.user_id)
        .await?
        .ok_or(AuthError::Unauthenticated)?;
    let stored = account.user.password_hash.as_str();
    if !hasher.verify(current_password, Some(stored)).await? {
        return Err(AuthError::WrongPassword);
    }
    let email = Email::parse(&account.user.email).ok_or(AuthError::Unauthenticated)?;
    let new_password = NewPassword::parse(new_password, &email)
        .map_err(|e| AuthError::WeakPassword(e.to_string()))?;
    let hash = hasher.hash(new_password.expose()).await?;
    let txn = db.begin().await?;
    accounts::set_password_hash(&txn, user.user_id, hash, now).await?;
    let revoked =
        store::revoke_user_sessions(&txn, user.user_id, Some(user.session_id), now).await?;
    let event = AuditEvent::new(
        "user.change_password",
        "user",
        user.public_id,
        json!({ "other_sessions_revoked": revoked }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every session of a user (when the centre disables them). Runs in the caller's transaction.
pub async fn revoke_all_sessions<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    store::revoke_user_sessions(conn, user_id, None, now).await
}

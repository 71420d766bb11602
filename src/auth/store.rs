//! Session and login-attempt queries.

use chrono::{DateTime, Utc};
use entities::{
    login_attempt::{self, Entity as LoginAttempt},
    session::{self, Entity as Session},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

pub async fn insert_session<C: ConnectionTrait>(
    conn: &C,
    model: session::ActiveModel,
) -> Result<session::Model, DbErr> {
    Session::insert(model).exec_with_returning(conn).await
}

pub async fn find_session<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<session::Model>, DbErr> {
    Session::find()
        .filter(session::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await
}

pub async fn touch_session<C: ConnectionTrait>(
    conn: &C,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Session::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Revokes one session; answers whether it was still live.
pub async fn revoke_session<C: ConnectionTrait>(
    conn: &C,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Session::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Revokes every live session of a user except `keep`; answers how many.
pub async fn revoke_user_sessions<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    keep: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut update = Session::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    Ok(update.exec(conn).await?.rows_affected)
}

pub async fn record_attempt<C: ConnectionTrait>(
    conn: &C,
    email: &str,
    ip: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    LoginAttempt::insert(login_attempt::ActiveModel {
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        succeeded: Set(succeeded),
        attempted_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The newest successful sign-in of an address, if any.
async fn last_success<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(LoginAttempt::find()
        .filter(login_attempt::Column::Email.eq(email))
        .filter(login_attempt::Column::Succeeded.eq(true))
        .order_by_desc(login_attempt::Column::AttemptedAt)
        .one(conn)
        .await?
        .map(|attempt| attempt.attempted_at))
}

/// Failures for an account since its last success and since `window_start`, newest first.
pub async fn recent_account_failures<C: ConnectionTrait>(
    conn: &C,
    email: &str,
    window_start: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    let since = match last_success(conn, email).await? {
        Some(success) if success > window_start => success,
        _ => window_start,
    };
    failures_since(conn, login_attempt::Column::Email, email, since).await
}

/// Failures from one address since `window_start`, newest first.
pub async fn recent_address_failures<C: ConnectionTrait>(
    conn: &C,
    ip: &str,
    window_start: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    failures_since(conn, login_attempt::Column::Ip, ip, window_start).await
}

async fn failures_since<C: ConnectionTrait>(
    conn: &C,
    column: login_attempt::Column,
    value: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    Ok(LoginAttempt::find()
        .filter(column.eq(value))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::AttemptedAt.gt(since))
        .order_by_desc(login_attempt::Column::AttemptedAt)
        .limit(1000)
        .all(conn)
        .await?
        .into_iter()
        .map(|attempt| attempt.attempted_at)
        .collect())
}

/// Deletes sessions that expired or were revoked before `sessions_before`, and sign-in attempts
/// made before `attempts_before`; answers how many of each.
pub async fn purge_history<C: ConnectionTrait>(
    conn: &C,
    sessions_before: DateTime<Utc>,
    attempts_before: DateTime<Utc>,
) -> Result<(u64, u64), DbErr> {
    use sea_orm::Condition;
    let sessions = Session::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lt(sessions_before))
                .add(session::Column::RevokedAt.lt(sessions_before)),
        )
        .exec(conn)
        .await?
        .rows_affected;
    let attempts = LoginAttempt::delete_many()
        .filter(login_attempt::Column::AttemptedAt.lt(attempts_before))
        .exec(conn)
        .await?
        .rows_affected;
    Ok((sessions, attempts))
}

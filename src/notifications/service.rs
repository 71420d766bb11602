//! Notification use cases: `notify` (inside the caller's transaction: the in-app row at once,
//! the e-mail through the outbox when the recipient wants it), delivering a queued e-mail, the
//! inbox and the e-mail preferences.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::{
    mailer::EmailPayload,
    model::{Category, Notice, Recipient},
    store,
    templates::Templates,
};
use crate::{
    audit::{self, AuditEvent},
    auth::CurrentUser,
    error::ApiError,
    outbox,
    pagination::{Page, Paging},
    startup::AppState,
};

/// Whether a user wants e-mail, for every category (yes unless they turned it off).
async fn email_choices<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<(Category, bool)>, sea_orm::DbErr> {
    let saved = store::preferences(conn, user_id).await?;
    Ok(Category::ALL
        .into_iter()
        .map(|category| {
            let email = saved
                .iter()
                .find(|p| p.category == category.as_str())
                .is_none_or(|p| p.email);
            (category, email)
        })
        .collect())
}

/// Whether a user wants e-mail for one category.
async fn wants_email<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    category: Category,
) -> Result<bool, sea_orm::DbErr> {
    Ok(email_choices(conn, user_id)
        .await?
        .into_iter()
        .any(|(c, email)| c == category && email))
}

/// Notifies each recipient in their own language. Call it with the transaction of the change.
pub async fn notify<C: ConnectionTrait>(
    conn: &C,
    templates: &Templates,
    recipients: &[Recipient],
    notice: &Notice,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let category = notice.event.category();
    for recipient in recipients {
        let rendered = templates.render(
            notice.event,
            recipient.locale,
            &notice.params,
            notice.link.as_deref(),
        )?;
        store::insert(
            conn,
            entities::notification::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                user_id: Set(recipient.user_id),
                category: Set(category.as_str().to_owned()),
                event: Set(notice.event.name().to_owned()),
                title: Set(rendered.subject.clone()),
                body: Set(rendered.text.clone()),
                link: Set(notice.link.clone()),
                params: Set(Some(notice.params.to_string())),
                created_at: Set(now),
                read_at: Set(None),
                ..Default::default()
            },
        )
        .await?;
        if wants_email(conn, recipient.user_id, category).await? {
            let email = EmailPayload {
                to: recipient.email.clone(),
                to_name: recipient.display_name.clone(),
                subject: rendered.subject,
                text: rendered.text,
                html: rendered.html,
            };
            outbox::enqueue(conn, outbox::EMAIL, &email, now).await?;
        }
    }
    Ok(())
}

/// Sends one queued e-mail (the outbox's handler for `email` messages).
pub async fn deliver_email(state: &AppState, payload: &str) -> anyhow::Result<()> {
    let email: EmailPayload = serde_json::from_str(payload)?;
    state.mailer.send(&state.settings.email.from, &email).await
}

pub async fn inbox(
    db: &DatabaseConnection,
    user: &CurrentUser,
    unread_only: bool,
    paging: &Paging,
) -> Result<Page<entities::notification::Model>, ApiError> {
    let (items, total) = store::inbox(db, user.user_id, unread_only, paging).await?;
    Ok(Page::new(items, total, paging))
}

pub async fn unread_count(db: &DatabaseConnection, user: &CurrentUser) -> Result<u64, ApiError> {
    Ok(store::unread_count(db, user.user_id).await?)
}

/// Marks one notification read: 404 unless it is the caller's.
pub async fn mark_read(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<entities::notification::Model, ApiError> {
    store::mark_read(db, user.user_id, id, now)
        .await?
        .ok_or_else(|| ApiError::not_found("notification"))
}

pub async fn mark_all_read(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    Ok(store::mark_all_read(db, user.user_id, now).await?)
}

/// Every category with whether the user gets e-mail for it.
pub async fn preferences(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<(Category, bool)>, ApiError> {
    Ok(email_choices(db, user.user_id).await?)
}

/// Sets the e-mail choice of the given categories (audited).
pub async fn set_preferences(
    db: &DatabaseConnection,
    user: &CurrentUser,
    choices: &[(Category, bool)],
    now: DateTime<Utc>,
) -> Result<Vec<(Category, bool)>, ApiError> {
    let txn = db.begin().await?;
    for (category, email) in choices {
        store::set_preference(&txn, user.user_id, category.as_str(), *email, now).await?;
    }
    let after: serde_json::Map<String, serde_json::Value> = choices
        .iter()
        .map(|(c, e)| (c.as_str().to_owned(), json!(e)))
        .collect();
    let event = AuditEvent::new(
        "notification.update_preferences",
        "user",
        user.public_id,
        json!({ "after": { "email": after } }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    preferences(db, user).await
}

/// A notification as its reader sees it: re-rendered in `locale` from the stored values, or as
/// stored when it has none (or its event is unknown).
pub fn localise(
    templates: &Templates,
    notification: entities::notification::Model,
    locale: crate::accounts::Locale,
) -> entities::notification::Model {
    let event = super::model::Event::ALL
        .into_iter()
        .find(|e| e.name() == notification.event);
    let params = notification
        .params
        .as_deref()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok());
    match (event, params) {
        (Some(event), Some(params)) => {
            match templates.render(event, locale, &params, notification.link.as_deref()) {
                Ok(rendered) => entities::notification::Model {
                    title: rendered.subject,
                    body: rendered.text,
                    ..notification
                },
                Err(_) => notification,
            }
        }
        _ => notification,
    }
}

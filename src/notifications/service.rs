//! Notification use cases: `notify` and `notify_organisation` (inside the caller's transaction:
//! the in-app row at once, the e-mail through the outbox when the recipient wants it, rendered
//! only when sent; nothing but the connection needed), delivering a queued e-mail, the inbox and
//! the e-mail preferences.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::{
    mailer::{EmailPayload, Mailer},
    model::{Audience, Category, Notice, QueuedEmail, Recipient},
    store,
    templates::{self, Templates},
};
use crate::{
    audit::{self, AuditEvent},
    auth::CurrentUser,
    configuration::EmailSettings,
    error::ApiError,
    outbox,
    pagination::{Page, Paging},
};

/// Whether a user wants e-mail, for every category (yes unless they turned it off).
async fn email_choices<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<(Category, bool)>, sea_orm::DbErr> {
    let saved = store::preferences(conn, user_id).await?;
    Ok(Category::ALL
        .iter()
        .copied()
        .map(|category| {
            let email = saved
                .iter()
                .find(|p| p.category == category)
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

/// Notifies each recipient, inside the transaction of the change: the in-app row at once (written
/// in the recipient's language from the compiled-in templates, and rendered again in the reader's
/// language when read) and, when the recipient wants e-mail for the event's category, an e-mail
/// through the outbox, rendered only when the outbox sends it.
pub async fn notify<C: ConnectionTrait>(
    conn: &C,
    recipients: &[Recipient],
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let category = notice.event.category();
    let templates = templates::in_app().map_err(sea_orm::DbErr::Custom)?;
    for recipient in recipients {
        let rendered = templates
            .render(
                notice.event,
                recipient.locale,
                &notice.params,
                notice.link.as_deref(),
            )
            .map_err(|e| sea_orm::DbErr::Custom(format!("rendering a notification: {e:#}")))?;
        store::insert(
            conn,
            entities::notification::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                user_id: Set(recipient.user_id),
                category: Set(category),
                event: Set(notice.event),
                title: Set(rendered.subject),
                body: Set(rendered.text),
                link: Set(notice.link.clone()),
                params: Set(Some(notice.params.to_string())),
                created_at: Set(now),
                read_at: Set(None),
                ..Default::default()
            },
        )
        .await?;
        if wants_email(conn, recipient.user_id, category).await? {
            let email = QueuedEmail {
                to: recipient.email.clone(),
                to_name: recipient.display_name.clone(),
                locale: recipient.locale,
                event: notice.event,
                params: notice.params.clone(),
                link: notice.link.clone(),
            };
            outbox::enqueue(conn, outbox::EMAIL, &email, now).await?;
        }
    }
    Ok(())
}

/// Notifies the active users of one organisation (see [`notify`]).
pub async fn notify_organisation<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    notify_audience(conn, Audience::Organisation(organisation_id), notice, now).await
}

/// Notifies the active users an [`Audience`] names (see [`notify`]).
pub async fn notify_audience<C: ConnectionTrait>(
    conn: &C,
    audience: Audience,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let recipients = store::recipients(conn, audience).await?;
    notify(conn, &recipients, notice, now).await
}

/// The outbox handlers this domain registers: e-mail delivery, rendered at sending time.
pub fn outbox_handlers(
    templates: std::sync::Arc<Templates>,
    mailer: std::sync::Arc<Mailer>,
    email: &EmailSettings,
) -> Vec<std::sync::Arc<dyn outbox::OutboxHandler>> {
    vec![std::sync::Arc::new(EmailDelivery {
        templates,
        mailer,
        from: email.from.clone(),
    })]
}

/// Delivers queued e-mails: renders each in its recipient's language and hands it to the mailer.
/// E-mails queued before rendering moved here (already rendered) are sent as they are.
struct EmailDelivery {
    templates: std::sync::Arc<Templates>,
    mailer: std::sync::Arc<Mailer>,
    from: String,
}

/// An `email` outbox message, as queued now or (rendered) by earlier versions.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum StoredEmail {
    Queued(QueuedEmail),
    Rendered(EmailPayload),
}

#[async_trait::async_trait]
impl outbox::OutboxHandler for EmailDelivery {
    fn kind(&self) -> &'static str {
        outbox::EMAIL
    }

    async fn handle(&self, payload: &str) -> anyhow::Result<()> {
        let email = self.render(payload)?;
        self.mailer.send(&self.from, &email).await
    }

    fn summary(&self, payload: &str) -> Option<String> {
        self.render(payload)
            .ok()
            .map(|email| format!("{}: {}", email.to, email.subject))
    }
}

impl EmailDelivery {
    /// The e-mail a stored payload stands for, rendered in its recipient's language.
    fn render(&self, payload: &str) -> anyhow::Result<EmailPayload> {
        Ok(match serde_json::from_str::<StoredEmail>(payload)? {
            StoredEmail::Rendered(email) => email,
            StoredEmail::Queued(queued) => {
                let rendered = self.templates.render(
                    queued.event,
                    queued.locale,
                    &queued.params,
                    queued.link.as_deref(),
                )?;
                EmailPayload {
                    to: queued.to,
                    to_name: queued.to_name,
                    subject: rendered.subject,
                    text: rendered.text,
                    html: rendered.html,
                }
            }
        })
    }
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
        store::set_preference(&txn, user.user_id, *category, *email, now).await?;
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

/// A notification as its reader sees it: rendered in `locale` from the stored values, or as stored
/// when it has none.
pub fn localise(
    templates: &Templates,
    notification: entities::notification::Model,
    locale: crate::accounts::Locale,
) -> entities::notification::Model {
    let params = notification
        .params
        .as_deref()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok());
    let Some(params) = params else {
        return notification;
    };
    let link = notification.link.as_deref();
    match templates.render(notification.event, locale, &params, link) {
        Ok(rendered) => entities::notification::Model {
            title: rendered.subject,
            body: rendered.text,
            ..notification
        },
        Err(_) => notification,
    }
}

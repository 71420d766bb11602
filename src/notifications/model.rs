//! Notification categories and events, and who receives them. No framework code here.

use serde::{Deserialize, Serialize};

use crate::accounts::Locale;

pub use entities::notification::{Category, Event};

/// One user to notify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
}

/// What happened, for whom, with the values its templates use.
#[derive(Debug, Clone)]
pub struct Notice {
    pub event: Event,
    pub params: serde_json::Value,
    /// Where in the web app the notification leads, e.g. `/admin/approvals`.
    pub link: Option<String>,
}

/// Whom a notice goes to: the active users of one organisation, or of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Organisation(i64),
    Role(crate::accounts::Role),
}

/// One e-mail as the outbox stores it: who gets it and what happened, rendered in the recipient's
/// language only when the outbox delivers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedEmail {
    pub to: String,
    pub to_name: String,
    pub locale: Locale,
    pub event: Event,
    pub params: serde_json::Value,
    pub link: Option<String>,
}

/// A notice rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

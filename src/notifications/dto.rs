//! Inbox and preference requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::model::{Category, Event};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread notifications.
    pub unread: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationResponse {
    pub id: Uuid,
    pub category: Category,
    pub event: Event,
    pub title: String,
    pub body: String,
    /// A path in the web app.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl From<entities::notification::Model> for NotificationResponse {
    fn from(n: entities::notification::Model) -> Self {
        Self {
            id: n.public_id,
            category: n.category,
            event: n.event,
            title: n.title,
            body: n.body,
            link: n.link,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UnreadCountResponse {
    pub count: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MarkedReadResponse {
    pub updated: u64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub struct Preference {
    pub category: Category,
    /// Also send these by e-mail (in-app is always on).
    pub email: bool,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct PreferencesRequest {
    #[validate(length(min = 1, max = 20, message = "give 1 to 20 preferences"))]
    #[schema(min_items = 1, max_items = 20)]
    pub preferences: Vec<Preference>,
}

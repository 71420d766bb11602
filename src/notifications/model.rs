//! Notification categories and events, and who receives them. No framework code here.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::Locale;

/// What a notification is about; users choose per category whether they also want e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The user's own account and organisation (registration decisions).
    Account,
    /// Work waiting for the centre (registrations to review).
    Approvals,
    /// Policies an enterprise has become eligible for (精准推送).
    Policies,
    /// Orders of the value-added service store (增值服务), for both sides.
    Services,
    /// The intermediary supermarket (中介超市): new jobs, bidding, results, contracts.
    Marketplace,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Account,
        Category::Approvals,
        Category::Policies,
        Category::Services,
        Category::Marketplace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Approvals => "approvals",
            Self::Policies => "policies",
            Self::Services => "services",
            Self::Marketplace => "marketplace",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// An event that notifies: its template name and category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    RegistrationSubmitted,
    RegistrationApproved,
    RegistrationRejected,
    PolicyMatched,
    ApplicationDecided,
    QualificationChecked,
    ServiceOrdered,
    ServiceOrderUpdated,
    ProcurementPublished,
    ProcurementUpdated,
}

impl Event {
    pub const ALL: [Event; 10] = [
        Event::RegistrationSubmitted,
        Event::RegistrationApproved,
        Event::RegistrationRejected,
        Event::PolicyMatched,
        Event::ApplicationDecided,
        Event::QualificationChecked,
        Event::ServiceOrdered,
        Event::ServiceOrderUpdated,
        Event::ProcurementPublished,
        Event::ProcurementUpdated,
    ];

    /// The template's name, and the stable name stored with each notification.
    pub fn name(self) -> &'static str {
        match self {
            Self::RegistrationSubmitted => "registration_submitted",
            Self::RegistrationApproved => "registration_approved",
            Self::RegistrationRejected => "registration_rejected",
            Self::PolicyMatched => "policy_matched",
            Self::ApplicationDecided => "application_decided",
            Self::QualificationChecked => "qualification_checked",
            Self::ServiceOrdered => "service_ordered",
            Self::ServiceOrderUpdated => "service_order_updated",
            Self::ProcurementPublished => "procurement_published",
            Self::ProcurementUpdated => "procurement_updated",
        }
    }

    /// The event a stored name ([`Event::name`]) stands for.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }

    pub fn category(self) -> Category {
        match self {
            Self::RegistrationSubmitted => Category::Approvals,
            Self::RegistrationApproved | Self::RegistrationRejected => Category::Account,
            Self::PolicyMatched | Self::ApplicationDecided | Self::QualificationChecked => {
                Category::Policies
            }
            Self::ServiceOrdered | Self::ServiceOrderUpdated => Category::Services,
            Self::ProcurementPublished | Self::ProcurementUpdated => Category::Marketplace,
        }
    }
}

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
    /// The event's stable name ([`Event::name`]).
    pub event: String,
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

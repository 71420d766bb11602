//! Notifications: an in-app inbox per user (always on) and e-mail (per category, by choice),
//! rendered from templates in the recipient's language when read or sent. A domain calls
//! `notify_organisation` (or `notify`) inside the transaction of the change, a plain insert;
//! e-mail leaves through the outbox, so nothing is sent for a change that rolled back and nothing
//! is lost when a server stops.

mod dto;
mod mailer;
mod model;
mod routes;
mod service;
mod store;
mod templates;

pub use mailer::{EmailPayload, Mailer};
pub use model::{Audience, Category, Event, Notice, QueuedEmail, Recipient, Rendered};
pub use routes::configure;
pub use service::{localise, notify, notify_audience, notify_organisation, outbox_handlers};
pub use templates::Templates;

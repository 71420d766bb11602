//! Notifications: an in-app inbox per user (always on) and e-mail (per category, by choice),
//! rendered from templates in the recipient's language. A domain calls `notify` inside the
//! transaction of the change; e-mail leaves through the outbox, so nothing is sent for a change
//! that rolled back and nothing is lost when a server stops.

mod dto;
mod mailer;
mod model;
mod routes;
mod service;
mod store;
mod templates;

pub use mailer::{EmailPayload, Mailer};
pub use model::{Category, Event, Notice, Recipient, Rendered};
pub use routes::configure;
pub use service::{deliver_email, localise, notify};
pub use templates::Templates;

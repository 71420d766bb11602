//! The transactional outbox: side effects (e-mail now, search indexing next) are written in the
//! same transaction as the change that causes them and delivered by a worker afterwards, with
//! retries and a dead-letter state. Nothing is lost if a server stops mid-delivery: a claim is a
//! lease, and a lapsed lease makes the message due again.

mod dto;
mod routes;
mod service;
mod store;

pub use dto::OutboxStatus;
pub use routes::configure;
pub use service::{
    backoff, deliver_due, drop_replayed_demo_emails, enqueue, run_loop, DeliveryReport,
    OutboxHandler, OutboxHandlers, Worker, EMAIL,
};

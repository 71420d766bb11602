//! Ratings (一事一评): when an owner accepts a delivery, one task opens for each rater role (the
//! owner, the department responsible for the service type, the centre), each with a window in
//! working days and a reminder before it ends; a task's organisation rates the 10 indicators
//! once, final; a task not rated in time lapses (its weight is shared among those who rated).

pub mod dto;
pub mod jobs;
pub mod routes;
pub mod service;
mod store;

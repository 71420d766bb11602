//! Rating anomalies (评价异常): when a rating is given, inside its transaction, it is checked
//! for what regulators should look at — the rating user's last ratings all maximal, an owner
//! tied to the intermediary it rated (a shared legal representative, contact phone or e-mail),
//! or a burst of ratings from one user seconds apart (thresholds in the formula). Each finding
//! is a flag, never dropped: it changes no score, the regulators are told, and it stays open
//! until a regulator reviews it with a note.

pub mod dto;
pub mod routes;
pub mod service;
mod store;

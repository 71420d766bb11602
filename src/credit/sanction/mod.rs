//! Sanctions (信用处置): a rectification (限期整改) opens when an intermediary falls to two stars
//! and a delisting proposal (临时下架) when it falls to one, or on a regulator's own motion; the
//! intermediary reports on a rectification, a regulator closes or escalates it (a missed deadline
//! escalates it automatically), and confirms, dismisses or later lifts a delisting. Who may read
//! a sanction's report files is decided here too ([`SanctionFiles`]).

pub mod dto;
pub mod routes;
pub mod service;
mod store;

crate::files::read_like_record!(
    /// Rectification reports are read like their sanction.
    pub SanctionFiles,
    service::SANCTION_OWNER,
    service::may_read_sanction
);

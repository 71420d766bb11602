//! Appeals (申诉): within its window an intermediary appeals one given rating of its jobs or one
//! sanction, with a reason and evidence files; a regulator decides within its own limit — uphold,
//! overturn (the rating leaves the score; the sanction ends) or adjust a rating's scores — and
//! the standing is recomputed in the same transaction. Decided appeals are final. Who may read an
//! appeal's evidence is decided here too ([`AppealFiles`]).

pub mod dto;
pub mod routes;
pub mod service;
mod store;

crate::files::read_like_record!(
    /// Appeal evidence is read like its appeal.
    pub AppealFiles,
    service::APPEAL_OWNER,
    service::may_read_appeal
);

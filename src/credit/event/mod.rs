//! External feedback events (外部反馈事件): tax arrears, an abnormal-operation listing
//! (经营异常名录), an administrative penalty, an upheld complaint or a commendation, recorded by
//! another authority about an intermediary. The centre imports them from Excel, CSV or JSON
//! (through the API or `qifu credit-events`), keyed by the unified social credit code, with the
//! per-row report of every import; an event is the same one when its (source, reference) is,
//! so importing a file twice changes nothing. While in force an event adjusts the score by the
//! formula's points for its kind; each import recomputes the intermediaries it touched.

pub mod dto;
pub mod routes;
pub mod service;
mod store;

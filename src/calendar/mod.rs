//! The working-day calendar (工作日历): weekends off, statutory holidays off, weekend days worked
//! under 调休 — as data per year, shipped for the current and next year and kept by the centre.
//! Every SLA and deadline in the platform counts working days through `deadline`.

mod dto;
mod model;
mod routes;
mod service;
mod store;

pub use model::{
    china_time, end_of_day, start_of_day, CalendarMissing, DayKind, WorkCalendar, CHINA,
};
pub use routes::configure;
pub use service::{calendar_between, deadline, load_shipped_years, working_days_between};

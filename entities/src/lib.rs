//! sea-orm entities of qifu: the shape of each table and nothing else.
//!
//! No business logic and no serde live here; domains turn these models into their own types and
//! DTOs. Public identifiers are UUIDs (`public_id`), integer keys stay inside the database.

pub mod audit_entry;
pub mod calendar_day;
pub mod calendar_year;
pub mod change_cursor;
pub mod eligibility_change;
pub mod eligibility_notice;
pub mod enterprise_profile;
pub mod enterprise_profile_version;
pub mod enterprise_qualification;
pub mod enterprise_tag;
pub mod job_run;
pub mod login_attempt;
pub mod notification;
pub mod notification_preference;
pub mod organisation;
pub mod outbox_message;
pub mod policy;
pub mod policy_application;
pub mod policy_clause;
pub mod scheduled_job;
pub mod search_change;
pub mod service_item;
pub mod service_order;
pub mod service_package;
pub mod service_sector;
pub mod session;
pub mod stored_file;
pub mod tag;
pub mod tag_dimension;
pub mod user;

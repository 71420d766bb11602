//! sea-orm entities of qifu: the shape of each table and nothing else.
//!
//! No business logic lives here, and models carry no serde; domains turn them into their own types
//! and DTOs. Status and kind columns are enums declared with [`stored_enum!`], which do serialise
//! (with the stored words) because the API sends them as they are stored. Public identifiers are UUIDs (`public_id`), integer keys stay inside the database.

#[macro_use]
mod stored_enum;

pub mod appeal;
pub mod audit_entry;
pub mod bid;
pub mod bid_event;
pub mod calendar_day;
pub mod calendar_year;
pub mod change_cursor;
pub mod contract;
pub mod credit_event;
pub mod credit_formula;
pub mod credit_standing;
pub mod delivery;
pub mod eligibility_change;
pub mod eligibility_notice;
pub mod enterprise_profile;
pub mod enterprise_profile_version;
pub mod enterprise_qualification;
pub mod enterprise_tag;
pub mod intermediary_profile;
pub mod intermediary_qualification;
pub mod intermediary_service_type;
pub mod job_run;
pub mod login_attempt;
pub mod notification;
pub mod notification_preference;
pub mod organisation;
pub mod outbox_message;
pub mod policy;
pub mod policy_application;
pub mod policy_clause;
pub mod procurement;
pub mod procurement_avoidance;
pub mod procurement_objection;
pub mod procurement_question;
pub mod project;
pub mod rating;
pub mod sanction;
pub mod scheduled_job;
pub mod search_change;
pub mod service_item;
pub mod service_order;
pub mod service_package;
pub mod service_sector;
pub mod service_type;
pub mod service_type_package;
pub mod service_type_package_member;
pub mod session;
pub mod star_change;
pub mod stored_file;
pub mod tag;
pub mod tag_dimension;
pub mod user;

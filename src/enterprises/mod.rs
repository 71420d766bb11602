//! Enterprises (企业画像): profiles with their history, qualifications, tags (manual, or derived by
//! a rule), the condition language tag rules and policy clauses are written in, and the
//! in-memory index that answers "which enterprises meet this condition" in milliseconds. The size
//! class of 《中小企业划型标准规定》 is derived from the profile, every industry of the standard
//! held as data.

pub mod bulk;
pub mod condition;
mod dto;
mod error;
pub mod index;
pub mod industry;
pub mod industry_code;
mod model;
pub mod qualification;
pub mod region;
mod routes;
mod service;
mod size;
mod store;
mod tag_catalogue;

pub use dto::{code_shape, QualificationCheck, VerificationStatus};
pub use error::{condition_error, EnterprisesError};
pub use index::{today_in_china, Columns, EnterpriseIndex};
pub use model::{ChangeKind, Contact, HeldQualification, ProfileFields};
pub use routes::configure;
pub use service::{
    catalogue, changes_after, check_condition, count_matching, create_dimension, create_tag,
    current_tag_rules, decide_qualification, enterprise, facts, finish_bulk_load, held_tag_codes,
    import_profiles_in_bulk, last_change, matching_organisations, organisations, profile,
    record_change, rederive_size_classes, set_manual_tag, start_bulk_load, tag_code, tag_codes,
    update_profile, vocabulary, BulkEnterprise, BulkLoad, ConditionSource, Naming,
    QualificationDecision, QualificationSource, TagDefinition,
};
pub use size::{
    Industry, Measure, SizeClass, SizeFigures, SizeStandard, SizeUnknown, UncoveredIndustry,
    RULES_REVISION as SIZE_RULES_REVISION,
};
pub use tag_catalogue::{starter_tag_catalogue, StarterDimension, StarterTag};

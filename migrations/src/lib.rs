//! The schema of qifu as a sequence of reversible sea-orm migrations, one per file
//! (`mYYYYMMDD_NNNNNN_<verb>_<noun>.rs`), applied by `qifu migrate up` and at `qifu serve` start-up.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_organisations;
mod m20261122_000002_create_users;
mod m20261122_000003_create_sessions;
mod m20261122_000004_create_login_attempts;
mod m20261122_000005_create_audit_entries;
mod m20261122_000006_create_scheduler_tables;
mod m20261122_000007_create_notification_tables;
mod m20261122_000008_create_search_changes;
mod m20261122_000009_create_stored_files;
mod m20261122_000010_create_calendar;
mod m20261122_000011_add_notification_params;
mod m20261122_000012_add_audit_organisation_name;
mod m20261124_000013_create_enterprise_profiles;
mod m20261124_000014_create_tags;
mod m20261124_000015_create_policies;
mod m20261124_000016_create_policy_applications;
mod m20261124_000017_create_service_store;
mod m20261124_000018_add_eligibility_indexes;
mod m20261201_000019_create_marketplace_catalogue;
mod m20261201_000020_create_procurements;
mod m20261207_000021_add_stored_files_quota_index;
mod m20261207_000022_add_qualification_verification;
mod m20261207_000023_add_size_class_revision;
mod m20261207_000024_create_credit_ratings;
mod m20261207_000025_create_sanctions_and_appeals;
mod m20261208_000026_create_credit_events;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_organisations::Migration),
            Box::new(m20261122_000002_create_users::Migration),
            Box::new(m20261122_000003_create_sessions::Migration),
            Box::new(m20261122_000004_create_login_attempts::Migration),
            Box::new(m20261122_000005_create_audit_entries::Migration),
            Box::new(m20261122_000006_create_scheduler_tables::Migration),
            Box::new(m20261122_000007_create_notification_tables::Migration),
            Box::new(m20261122_000008_create_search_changes::Migration),
            Box::new(m20261122_000009_create_stored_files::Migration),
            Box::new(m20261122_000010_create_calendar::Migration),
            Box::new(m20261122_000011_add_notification_params::Migration),
            Box::new(m20261122_000012_add_audit_organisation_name::Migration),
            Box::new(m20261124_000013_create_enterprise_profiles::Migration),
            Box::new(m20261124_000014_create_tags::Migration),
            Box::new(m20261124_000015_create_policies::Migration),
            Box::new(m20261124_000016_create_policy_applications::Migration),
            Box::new(m20261124_000017_create_service_store::Migration),
            Box::new(m20261124_000018_add_eligibility_indexes::Migration),
            Box::new(m20261201_000019_create_marketplace_catalogue::Migration),
            Box::new(m20261201_000020_create_procurements::Migration),
            Box::new(m20261207_000021_add_stored_files_quota_index::Migration),
            Box::new(m20261207_000022_add_qualification_verification::Migration),
            Box::new(m20261207_000023_add_size_class_revision::Migration),
            Box::new(m20261207_000024_create_credit_ratings::Migration),
            Box::new(m20261207_000025_create_sanctions_and_appeals::Migration),
            Box::new(m20261208_000026_create_credit_events::Migration),
        ]
    }
}

//! `enterprise_qualifications`: qualifications and honours (高新技术企业, 专精特新 …) with expiry,
//! and where each one's verification stands.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Whether a qualification is only the enterprise's word or has been checked.
    Verification {
        /// Typed in by the enterprise; nobody has checked it yet.
        Declared => "declared",
        /// Verified by the issuing department or the centre, or imported by the centre.
        Verified => "verified",
        /// Checked and found wanting.
        Rejected => "rejected",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_qualifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub public_id: Uuid,
    pub organisation_id: i64,
    /// A code of the qualification catalogue, e.g. `high_tech_enterprise`.
    pub kind: String,
    pub certificate_no: Option<String>,
    pub obtained_on: Option<Date>,
    /// None: does not expire.
    pub expires_on: Option<Date>,
    pub verification: Verification,
    /// The user who verified or rejected it.
    pub verified_by: Option<Uuid>,
    /// That user's organisation's name, as shown beside the status.
    pub verifier: Option<String>,
    pub verified_at: Option<DateTimeUtc>,
    /// Why it was rejected.
    pub verification_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

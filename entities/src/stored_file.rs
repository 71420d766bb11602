//! `stored_files`: the metadata of an uploaded file; its bytes live in storage under their hash.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What a file is for. Each purpose has its own size limit (`files.max_bytes.<purpose>`).
    Purpose {
        /// 报价文件: an intermediary's bid proposal.
        BidProposal => "bid_proposal",
        /// 成果文件: an intermediary's delivered work.
        DeliveryResult => "delivery_result",
        /// 申报材料: material for a policy application.
        ApplicationMaterial => "application_material",
        /// 整改报告: a rectification report.
        RectificationReport => "rectification_report",
        /// 诉求证据: evidence attached to an enterprise's case.
        CaseEvidence => "case_evidence",
        /// 申诉证据: evidence attached to an intermediary's appeal.
        AppealEvidence => "appeal_evidence",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// SHA-256 of the content, hex: also its storage key.
    pub sha256: String,
    pub size: i64,
    /// The type found in the content (magic bytes), not the one the client claimed.
    pub content_type: String,
    pub original_name: String,
    /// What the file is for; decides its size limit.
    pub purpose: Purpose,
    pub uploader_user_id: i64,
    pub organisation_id: i64,
    /// The record that claimed the file (`bid`, `application`, …); none until one does.
    pub owner_type: Option<String>,
    pub owner_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub attached_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

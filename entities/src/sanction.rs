//! `sanctions`: the consequences of low stars and a regulator's own motion — a rectification
//! (限期整改: a deadline, the intermediary's report, a regulator closing or escalating it) or a
//! delisting (临时下架: proposed, confirmed by a regulator, reinstated after review).

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What a sanction does.
    SanctionKind {
        /// 限期整改: rectify by a deadline (the 2-star consequence).
        Rectification => "rectification",
        /// 临时下架: cannot bid, hidden from listings (the 1-star consequence).
        Delisting => "delisting",
    }
);

stored_enum!(
    /// Where a sanction stands.
    SanctionStatus {
        /// A rectification waiting for the intermediary's report.
        Open => "open",
        /// A rectification whose report waits for a regulator.
        Reported => "reported",
        /// A rectification a regulator closed (the intermediary rectified).
        Closed => "closed",
        /// A rectification escalated to a delisting proposal (by a regulator, or its deadline missed).
        Escalated => "escalated",
        /// A delisting waiting for a regulator's confirmation.
        Proposed => "proposed",
        /// Delisted: in force until reinstated.
        Delisted => "delisted",
        /// A delisting a regulator lifted after review.
        Reinstated => "reinstated",
        /// A proposal a regulator dismissed, or a sanction an appeal overturned.
        Dismissed => "dismissed",
    }
);

stored_enum!(
    /// Who opened a sanction.
    SanctionOrigin {
        /// The stars fell to its level.
        Stars => "stars",
        /// A regulator, on its own motion.
        Regulator => "regulator",
        /// A rectification's deadline passed without a report.
        Deadline => "deadline",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sanctions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The intermediary.
    pub organisation_id: i64,
    pub kind: SanctionKind,
    pub status: SanctionStatus,
    pub origin: SanctionOrigin,
    pub reason: String,
    /// The regulator who opened it on its own motion.
    pub opened_by: Option<i64>,
    /// A rectification's deadline.
    pub due_at: Option<DateTimeUtc>,
    pub report: Option<String>,
    /// JSON array of the report's file ids.
    pub report_files: Option<String>,
    pub reported_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_reason: Option<String>,
    /// The rectification a delisting proposal escalates.
    pub follows_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

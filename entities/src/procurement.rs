//! `procurements`: a job posted to the supermarket (中介服务采购公告) and where it stands.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where a procurement stands in its lifecycle.
    ProcurementStatus {
        /// Being written by the owner; nobody else sees it.
        Draft => "draft",
        /// Open for bids until the deadline.
        Published => "published",
        /// Bidding closed; the winner is being selected.
        Evaluating => "evaluating",
        /// The result is in public notice (结果公示); bidders may object.
        Notice => "notice",
        /// The notice ended without an upheld objection; the contract is being agreed.
        Awarded => "awarded",
        /// Both sides confirmed the contract; the intermediary works.
        Contracted => "contracted",
        /// The intermediary submitted its result; the owner decides.
        Delivered => "delivered",
        /// The owner accepted the result: the job is done.
        Accepted => "accepted",
        Cancelled => "cancelled",
        /// Too few valid bids (流标); the owner may publish it again.
        Failed => "failed",
    }
);

stored_enum!(
    /// How the owner selects the winner (选取方式).
    SelectionMethod {
        /// 直接选取: the owner picks among the valid bidders.
        DirectPick => "direct_pick",
        /// 随机抽取: a verifiable draw among the valid bidders.
        RandomDraw => "random_draw",
        /// 竞价选取: the lowest valid price wins.
        LowestPrice => "lowest_price",
        /// 综合评分: price, proposal and credit scored with published weights.
        Scored => "scored",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procurements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub project_id: i64,
    /// The owner enterprise.
    pub organisation_id: i64,
    pub service_type_id: Option<i64>,
    pub package_id: Option<i64>,
    pub title: String,
    pub scope: String,
    pub budget_ceiling_fen: i64,
    /// The fee range of the service type (or the package's sum) when last saved.
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    /// JSON list of qualification type codes.
    pub required_qualifications: String,
    pub selection_method: SelectionMethod,
    pub weight_price: i32,
    pub weight_proposal: i32,
    pub weight_credit: i32,
    pub min_valid_bids: i32,
    pub status: ProcurementStatus,
    pub bidding_working_days: i32,
    pub bid_deadline: Option<DateTimeUtc>,
    pub service_working_days: i32,
    /// Raised by each change of terms after publishing; bids on older terms must be re-confirmed.
    pub terms_version: i32,
    pub seed_commitment: Option<String>,
    /// The draw's secret seed: never shown before bidding closes.
    pub seed: Option<String>,
    /// JSON list of the drawn order of bidders' codes.
    pub draw_order: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub awarded_bid_id: Option<i64>,
    pub awarded_at: Option<DateTimeUtc>,
    pub notice_ends_at: Option<DateTimeUtc>,
    /// Why it failed or was cancelled.
    pub end_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

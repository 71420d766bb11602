//! `policy_clauses`: one fine-grained clause (颗粒化条款) with its conditions and benefit.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// 申报 (the enterprise applies) or 免申即享 (granted to every eligible enterprise).
    ClauseMode {
        Apply => "apply",
        AutoGrant => "auto_grant",
    }
);

stored_enum!(
    /// A clause is drafted, published (matched and pushed) or withdrawn.
    ClauseStatus {
        Draft => "draft",
        Published => "published",
        Withdrawn => "withdrawn",
    }
);

stored_enum!(
    /// The profile figure a rate applies to.
    AmountBasis {
        RdSpending => "rd_spending",
        Revenue => "revenue",
        RegisteredCapital => "registered_capital",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "policy_clauses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub policy_id: i64,
    pub position: i32,
    pub title: String,
    /// The eligibility condition tree (JSON).
    pub condition: String,
    pub condition_text: String,
    pub benefit: String,
    pub amount_fixed_fen: Option<i64>,
    /// The profile figure a rate applies to.
    pub amount_basis: Option<AmountBasis>,
    /// Basis points (1/10000) of the basis.
    pub amount_rate_bp: Option<i32>,
    pub amount_cap_fen: Option<i64>,
    pub window_opens_on: Option<Date>,
    pub window_closes_on: Option<Date>,
    /// JSON array of the materials required.
    pub materials: String,
    pub mode: ClauseMode,
    pub status: ClauseStatus,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

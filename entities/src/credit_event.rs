//! `credit_events`: an external feedback event about an intermediary (外部反馈事件), imported
//! from the authority that recorded it and keyed by (source, reference). While in force — from
//! the day it occurred until it ends or the formula's duration for its kind runs out — it
//! adjusts the intermediary's credit score by the formula's points for its kind.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What kind of event, each with its adjustment and duration in the formula.
    CreditEventKind {
        /// 欠税: tax in arrears, recorded by the tax authority.
        TaxArrears => "tax_arrears",
        /// 列入经营异常名录: listed as operating abnormally by market regulation.
        AbnormalOperation => "abnormal_operation",
        /// 行政处罚: an administrative penalty.
        AdministrativePenalty => "administrative_penalty",
        /// 投诉属实: a complaint found to be true.
        UpheldComplaint => "upheld_complaint",
        /// 表彰奖励: a commendation.
        Commendation => "commendation",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The intermediary.
    pub organisation_id: i64,
    pub kind: CreditEventKind,
    /// Who recorded it (a department or a system), as the file names it.
    pub source: String,
    /// The source's own number for it: with `source`, what makes an event the same one.
    pub reference: String,
    /// The day it happened (Beijing date); it counts from this day.
    pub occurred_on: Date,
    /// The day it ended (removed from the list, arrears paid), when the source says so.
    pub ends_on: Option<Date>,
    pub description: String,
    /// The user who imported it; none for the command line.
    pub imported_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

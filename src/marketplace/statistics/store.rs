//! The rows the marketplace statistics are computed from, read in three narrow queries (one row
//! per procurement, never the bids themselves beyond the awarded price).

use chrono::{DateTime, Utc};
use entities::{contract, procurement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    Statement,
};

use super::super::model::ProcurementStatus;

/// What the statistics need of one procurement.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ProcurementFacts {
    pub id: i64,
    pub service_type_id: Option<i64>,
    pub package_id: Option<i64>,
    pub status: ProcurementStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub awarded_at: Option<DateTime<Utc>>,
    pub budget_ceiling_fen: i64,
}

/// Every procurement published in `[from, to)`.
pub async fn procurement_facts<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ProcurementFacts>, DbErr> {
    procurement::Entity::find()
        .select_only()
        .columns([
            procurement::Column::Id,
            procurement::Column::ServiceTypeId,
            procurement::Column::PackageId,
            procurement::Column::Status,
            procurement::Column::PublishedAt,
            procurement::Column::AwardedAt,
            procurement::Column::BudgetCeilingFen,
        ])
        .filter(procurement::Column::Status.ne(ProcurementStatus::Draft))
        .filter(procurement::Column::PublishedAt.gte(from))
        .filter(procurement::Column::PublishedAt.lt(to))
        .into_model::<ProcurementFacts>()
        .all(conn)
        .await
}

/// The awarded price of each awarded procurement: (procurement id, price in fen).
pub async fn awarded_prices<C: ConnectionTrait>(conn: &C) -> Result<Vec<(i64, i64)>, DbErr> {
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT p.id, b.price_fen FROM procurements p JOIN bids b ON b.id = p.awarded_bid_id",
        ))
        .await?;
    rows.into_iter()
        .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?)))
        .collect()
}

/// When a contract was signed and (last) delivered.
pub type ContractSpan = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Signing and (latest) delivery of each signed contract: (procurement id, signed, delivered).
pub async fn contract_dates<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>, DbErr> {
    contract::Entity::find()
        .select_only()
        .columns([
            contract::Column::ProcurementId,
            contract::Column::SignedAt,
            contract::Column::DeliveredAt,
        ])
        .filter(contract::Column::SignedAt.is_not_null())
        .into_tuple()
        .all(conn)
        .await
}

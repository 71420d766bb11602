//! Contract and delivery queries.

use chrono::{DateTime, Utc};
use entities::{
    contract::{self, Entity as Contract},
    delivery::{self, Entity as Delivery},
};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::super::model::ContractStatus;
use crate::lifecycle::{self, Move};

pub async fn insert_contract<C: ConnectionTrait>(
    conn: &C,
    row: contract::ActiveModel,
) -> Result<contract::Model, DbErr> {
    Contract::insert(row).exec_with_returning(conn).await
}

pub async fn update_contract<C: ConnectionTrait>(
    conn: &C,
    row: contract::ActiveModel,
) -> Result<contract::Model, DbErr> {
    row.update(conn).await
}

/// Moves a contract along its lifecycle if it still holds `step.from` (the compare-and-set),
/// stamping `updated_at` and setting `also` with it; answers whether it moved.
pub async fn move_contract<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, ContractStatus>,
    now: DateTime<Utc>,
    also: Vec<(contract::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    let mut also = also;
    also.push((contract::Column::UpdatedAt, Expr::value(now)));
    lifecycle::move_status::<Contract, _, _>(
        conn,
        contract::Column::Id,
        contract::Column::Status,
        step,
        also,
    )
    .await
}

pub async fn contract_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<contract::Model>, DbErr> {
    Contract::find_by_id(id).one(conn).await
}

pub async fn contract_of<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Option<contract::Model>, DbErr> {
    Contract::find()
        .filter(contract::Column::ProcurementId.eq(procurement_id))
        .one(conn)
        .await
}

/// The contracts of any of these procurements.
pub async fn contracts_of<C: ConnectionTrait>(
    conn: &C,
    procurement_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<contract::Model>, DbErr> {
    Contract::find()
        .filter(contract::Column::ProcurementId.is_in(procurement_ids))
        .all(conn)
        .await
}

pub async fn contracts_of_organisation<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<contract::Model>, DbErr> {
    Contract::find()
        .filter(contract::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(contract::Column::Id)
        .all(conn)
        .await
}

pub async fn insert_delivery<C: ConnectionTrait>(
    conn: &C,
    row: delivery::ActiveModel,
) -> Result<delivery::Model, DbErr> {
    Delivery::insert(row).exec_with_returning(conn).await
}

pub async fn update_delivery<C: ConnectionTrait>(
    conn: &C,
    row: delivery::ActiveModel,
) -> Result<delivery::Model, DbErr> {
    row.update(conn).await
}

pub async fn deliveries<C: ConnectionTrait>(
    conn: &C,
    contract_id: i64,
) -> Result<Vec<delivery::Model>, DbErr> {
    Delivery::find()
        .filter(delivery::Column::ContractId.eq(contract_id))
        .order_by_asc(delivery::Column::Id)
        .all(conn)
        .await
}

pub async fn delivery<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<delivery::Model>, DbErr> {
    Delivery::find()
        .filter(delivery::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

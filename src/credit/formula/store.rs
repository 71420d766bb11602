//! Formula queries.

use chrono::{DateTime, Utc};
use entities::credit_formula::{self, Entity as CreditFormula};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

/// The version in force: the highest.
pub async fn latest<C: ConnectionTrait>(conn: &C) -> Result<Option<credit_formula::Model>, DbErr> {
    CreditFormula::find()
        .order_by_desc(credit_formula::Column::Version)
        .one(conn)
        .await
}

pub async fn version<C: ConnectionTrait>(
    conn: &C,
    version: i32,
) -> Result<Option<credit_formula::Model>, DbErr> {
    CreditFormula::find()
        .filter(credit_formula::Column::Version.eq(version))
        .one(conn)
        .await
}

/// Every version, newest first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<credit_formula::Model>, DbErr> {
    CreditFormula::find()
        .order_by_desc(credit_formula::Column::Version)
        .all(conn)
        .await
}

/// Inserts a version unless it exists (two servers writing version 1 at once write it once).
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    version: i32,
    rules: String,
    reason: String,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = credit_formula::ActiveModel {
        version: Set(version),
        rules: Set(rules),
        reason: Set(reason),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    };
    CreditFormula::insert(row)
        .on_conflict(
            OnConflict::column(credit_formula::Column::Version)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

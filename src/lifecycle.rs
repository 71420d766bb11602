//! Lifecycles: which status may follow which, and the one way a row's status moves.
//!
//! Every status column is a [`entities::stored_enum!`] enum. Its domain implements [`Lifecycle`]
//! with the lifecycle's transition table (`may_become`), and moves a row only through
//! [`move_status`]: a compare-and-set (`UPDATE … SET status = to WHERE id = ? AND status = from`)
//! that changes nothing when another request moved the row first, so two racing requests never
//! both win. Services check `may_become` first to answer the user (409 with their own code);
//! `move_status` refuses a move the table forbids as a programming error (500), never silently.

use std::fmt::Debug;

use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveEnum, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

/// A status with a transition table.
pub trait Lifecycle: ActiveEnum + Copy + Eq + Debug + Send + Sync + 'static {
    /// Whether a row in status `self` may move to `next`.
    fn may_become(self, next: Self) -> bool;
}

/// One status move of one row: the row's key, the status it must hold, and the status it takes.
#[derive(Debug, Clone, Copy)]
pub struct Move<K, S> {
    pub key: K,
    pub from: S,
    pub to: S,
}

/// Moves one row from `from` to `to` when it still holds `from`, setting `also` with it. Answers
/// whether it moved (false: another request moved it first, or no such row).
pub async fn move_status<E, S, C>(
    conn: &C,
    key_column: E::Column,
    status_column: E::Column,
    step: Move<i64, S>,
    also: Vec<(E::Column, SimpleExpr)>,
) -> Result<bool, DbErr>
where
    E: EntityTrait,
    S: Lifecycle,
    C: ConnectionTrait,
{
    if !step.from.may_become(step.to) {
        return Err(DbErr::Custom(format!(
            "{} may not become {:?} from {:?}",
            E::default().table_name(),
            step.to,
            step.from
        )));
    }
    let mut update = E::update_many()
        .col_expr(status_column, Expr::value(step.to.into_value()))
        .filter(key_column.eq(step.key))
        .filter(status_column.eq(step.from.into_value()));
    for (column, value) in also {
        update = update.col_expr(column, value);
    }
    Ok(update.exec(conn).await?.rows_affected == 1)
}

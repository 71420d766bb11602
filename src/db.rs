//! Database connections and migrations, for SQLite (the embedded default) and PostgreSQL.
//!
//! The one place where the two differ at connection time: SQLite runs in WAL mode with foreign
//! keys on and a single connection, so writes are serialised (which also keeps the audit chain
//! linear); PostgreSQL gets a pool, and the audit chain takes an advisory lock instead.

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    ConnectOptions, Database, DatabaseConnection, SqlxSqliteConnector,
};

use crate::configuration::Settings;

/// Opens the configured database (creating the SQLite file and its folder when missing).
pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if url.starts_with("sqlite:") {
        connect_sqlite(&url).await
    } else {
        let mut options = ConnectOptions::new(url);
        options
            .max_connections(settings.database.max_connections)
            .sqlx_logging(false);
        Database::connect(options)
            .await
            .context("connecting to PostgreSQL (database.url)")
    }
}

async fn connect_sqlite(url: &str) -> anyhow::Result<DatabaseConnection> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("database.url: `{url}` is not a valid SQLite URL"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(folder) = options.get_filename().parent() {
        if !folder.as_os_str().is_empty() && !options.get_filename().starts_with(":memory:") {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("creating the data folder {}", folder.display()))?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await
        .with_context(|| format!("opening the SQLite database {url}"))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Applies every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("applying migrations")
}

/// Rolls back the last `steps` migrations.
pub async fn migrate_down(db: &DatabaseConnection, steps: u32) -> anyhow::Result<()> {
    Migrator::down(db, Some(steps))
        .await
        .context("rolling back migrations")
}

/// Each migration's name and whether it is applied.
pub async fn migration_status(db: &DatabaseConnection) -> anyhow::Result<Vec<(String, bool)>> {
    let applied: Vec<String> = Migrator::get_applied_migrations(db)
        .await?
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    Ok(Migrator::migrations()
        .iter()
        .map(|m| {
            let name = m.name().to_owned();
            let is_applied = applied.contains(&name);
            (name, is_applied)
        })
        .collect())
}

/// Serialises writers for the rest of the current transaction, so that rows which must follow
/// commit order (the audit chain, the search change log) get ids in that order. PostgreSQL takes
/// a transaction-scoped advisory lock; SQLite's single connection already serialises writers.
pub async fn serialise_writes<C: sea_orm::ConnectionTrait>(conn: &C) -> Result<(), sea_orm::DbErr> {
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        conn.execute_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(7150012026)",
        ))
        .await?;
    }
    Ok(())
}

/// How many rows of `E` one insert statement may carry, for bulk inserts: a row binds at most
/// one parameter per column, and a statement at most 32766 on SQLite (its default limit) and
/// 65535 on PostgreSQL.
pub fn rows_per_insert<E: sea_orm::EntityTrait>(backend: sea_orm::DbBackend) -> usize {
    use sea_orm::Iterable;
    let parameters = match backend {
        sea_orm::DbBackend::Postgres => 65_535,
        _ => 32_766,
    };
    (parameters / E::Column::iter().count().max(1)).max(1)
}

/// The escape character of [`contains_text`] and [`starts_with_text`] patterns.
const LIKE_ESCAPE: char = '\\';

/// Escapes LIKE's wildcards (`%`, `_`) and the escape character itself, so they match literally.
fn like_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            escaped.push(LIKE_ESCAPE);
        }
        escaped.push(c);
    }
    escaped
}

/// `column` contains `text` as typed, ignoring case: the one text filter of every list. `%`, `_`
/// and `\` match themselves. SQLite's LIKE ignores ASCII case and PostgreSQL's does not, so both
/// sides are lowered (`LOWER(column) LIKE LOWER('%text%') ESCAPE '\'`): ASCII case is ignored on
/// both, and PostgreSQL ignores the case of other letters too. The leading `%` means no B-tree
/// index serves it, lowered or not.
pub fn contains_text<C: sea_orm::ColumnTrait>(
    column: C,
    text: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{BinOper, Expr, ExprTrait, Func};
    let pattern = Expr::Binary(
        Box::new(Func::lower(Expr::val(format!("%{}%", like_escaped(text)))).into()),
        BinOper::Escape,
        Box::new(Expr::Constant(LIKE_ESCAPE.into())),
    );
    Expr::expr(Func::lower(Expr::col(column.as_column_ref()))).binary(BinOper::Like, pattern)
}

/// `column` starts with `prefix` exactly (codes: case matters, wildcards match themselves).
pub fn starts_with_text<C: sea_orm::ColumnTrait>(
    column: C,
    prefix: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    Expr::col(column.as_column_ref())
        .like(LikeExpr::new(format!("{}%", like_escaped(prefix))).escape(LIKE_ESCAPE))
}

#[cfg(test)]
mod tests {
    use super::like_escaped;

    #[test]
    fn like_wildcards_and_the_escape_character_are_escaped() {
        assert_eq!(like_escaped(r"100%_a\b"), r"100\%\_a\\b");
        assert_eq!(like_escaped("企服"), "企服");
    }
}

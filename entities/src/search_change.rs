//! `search_changes`: the search outbox, an append-only log of documents to (re)index or remove,
//! written in the same transaction as the change. Every search backend follows it with a cursor.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// The kinds of document indexed so far; later domains add theirs.
    DocKind {
        Organisation => "organisation",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub doc_kind: DocKind,
    /// The public id of the record the document is made from.
    pub doc_id: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

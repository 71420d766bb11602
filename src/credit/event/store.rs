//! `credit_events` reads and writes.

use entities::{
    credit_event::{self, CreditEventKind, Entity as CreditEvent},
    organisation::{self, Entity as Organisation},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TryIntoModel,
};

use crate::{db::contains_text, pagination::Paging};

/// The events of these intermediaries, the newest first.
pub async fn of_intermediaries<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<Vec<credit_event::Model>, DbErr> {
    CreditEvent::find()
        .filter(credit_event::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .order_by_desc(credit_event::Column::OccurredOn)
        .order_by_desc(credit_event::Column::Id)
        .all(conn)
        .await
}

/// The event a source numbered `reference`.
pub async fn by_key<C: ConnectionTrait>(
    conn: &C,
    source: &str,
    reference: &str,
) -> Result<Option<credit_event::Model>, DbErr> {
    CreditEvent::find()
        .filter(credit_event::Column::Source.eq(source))
        .filter(credit_event::Column::Reference.eq(reference))
        .one(conn)
        .await
}

pub async fn save<C: ConnectionTrait>(
    conn: &C,
    row: credit_event::ActiveModel,
) -> Result<credit_event::Model, DbErr> {
    row.save(conn).await?.try_into_model()
}

/// Which events a list shows.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Contained in the intermediary's name or code, the source or the reference.
    pub text: Option<String>,
    pub kind: Option<CreditEventKind>,
}

/// A page of events with their intermediaries, the latest occurred first.
pub async fn events<C: ConnectionTrait>(
    conn: &C,
    filter: &EventFilter,
    paging: &Paging,
) -> Result<(Vec<(credit_event::Model, Option<organisation::Model>)>, u64), DbErr> {
    let mut select = CreditEvent::find().find_also_related(Organisation);
    if let Some(text) = filter.text.as_deref().filter(|t| !t.is_empty()) {
        select = select.filter(
            sea_orm::Condition::any()
                .add(contains_text(organisation::Column::Name, text))
                .add(contains_text(organisation::Column::Uscc, text))
                .add(contains_text(credit_event::Column::Source, text))
                .add(contains_text(credit_event::Column::Reference, text)),
        );
    }
    if let Some(kind) = filter.kind {
        select = select.filter(credit_event::Column::Kind.eq(kind));
    }
    let total = select.clone().count(conn).await?;
    let rows = select
        .order_by_desc(credit_event::Column::OccurredOn)
        .order_by_desc(credit_event::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(conn)
        .await?;
    Ok((rows, total))
}

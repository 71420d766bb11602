//! Service store queries: sectors, items, packages and orders.

use chrono::{DateTime, Utc};
use entities::organisation::{self, Entity as Organisation};
use entities::{
    service_item::{self, Entity as ServiceItem},
    service_order::{self, Entity as ServiceOrder},
    service_package::{self, Entity as ServicePackage},
    service_sector::{self, Entity as ServiceSector},
};
use sea_orm::{
    sea_query::{Query, SimpleExpr},
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use super::model::{OrderStatus, OPEN_ORDERS};
use crate::{
    db::contains_text,
    lifecycle::{self, Move},
};

pub async fn sectors<C: ConnectionTrait>(conn: &C) -> Result<Vec<service_sector::Model>, DbErr> {
    ServiceSector::find()
        .order_by_asc(service_sector::Column::Position)
        .order_by_asc(service_sector::Column::Id)
        .all(conn)
        .await
}

pub async fn sector<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_sector::Model>, DbErr> {
    ServiceSector::find()
        .filter(service_sector::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

/// Whether another sector than `except` has this code.
pub async fn sector_code_taken<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    except: Option<i64>,
) -> Result<bool, DbErr> {
    let mut query = ServiceSector::find().filter(service_sector::Column::Code.eq(code));
    if let Some(id) = except {
        query = query.filter(service_sector::Column::Id.ne(id));
    }
    Ok(query.count(conn).await? > 0)
}

pub async fn insert_sector<C: ConnectionTrait>(
    conn: &C,
    row: service_sector::ActiveModel,
) -> Result<service_sector::Model, DbErr> {
    ServiceSector::insert(row).exec_with_returning(conn).await
}

pub async fn update_sector<C: ConnectionTrait>(
    conn: &C,
    row: service_sector::ActiveModel,
) -> Result<service_sector::Model, DbErr> {
    ServiceSector::update(row).exec(conn).await
}

pub async fn delete_sector<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    ServiceSector::delete_by_id(id).exec(conn).await?;
    Ok(())
}

/// How many items, active or withdrawn, belong to the sector.
pub async fn items_in_sector<C: ConnectionTrait>(conn: &C, sector_id: i64) -> Result<u64, DbErr> {
    ServiceItem::find()
        .filter(service_item::Column::SectorId.eq(sector_id))
        .count(conn)
        .await
}

pub async fn item<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_item::Model>, DbErr> {
    ServiceItem::find()
        .filter(service_item::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn items_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<service_item::Model>, DbErr> {
    ServiceItem::find()
        .filter(service_item::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await
}

/// What a catalogue page is filtered by.
pub struct ItemQuery<'a> {
    pub sector_id: Option<i64>,
    /// Contained in the title or the description.
    pub text: Option<&'a str>,
    /// A target tag's code.
    pub tag: Option<&'a str>,
    pub with_inactive: bool,
}

/// A page of items, by sector then age.
pub async fn items_page<C: ConnectionTrait>(
    conn: &C,
    filter: &ItemQuery<'_>,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<service_item::Model>, u64), DbErr> {
    let mut query = ServiceItem::find();
    if let Some(id) = filter.sector_id {
        query = query.filter(service_item::Column::SectorId.eq(id));
    }
    if let Some(text) = filter.text.map(str::trim).filter(|t| !t.is_empty()) {
        query = query.filter(
            Condition::any()
                .add(contains_text(service_item::Column::Title, text))
                .add(contains_text(service_item::Column::Description, text)),
        );
    }
    if let Some(tag) = filter.tag.map(str::trim).filter(|t| !t.is_empty()) {
        // Target tags are a JSON array of codes: match the quoted code.
        let quoted = serde_json::to_string(tag).unwrap_or_default();
        query = query.filter(contains_text(service_item::Column::TargetTags, &quoted));
    }
    if !filter.with_inactive {
        query = query.filter(service_item::Column::Active.eq(true));
    }
    let paginator = query
        .order_by_asc(service_item::Column::SectorId)
        .order_by_asc(service_item::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

pub async fn item_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<service_item::Model>, DbErr> {
    ServiceItem::find_by_id(id).one(conn).await
}

pub async fn active_items<C: ConnectionTrait>(conn: &C) -> Result<Vec<service_item::Model>, DbErr> {
    ServiceItem::find()
        .filter(service_item::Column::Active.eq(true))
        .all(conn)
        .await
}

pub async fn insert_item<C: ConnectionTrait>(
    conn: &C,
    row: service_item::ActiveModel,
) -> Result<service_item::Model, DbErr> {
    ServiceItem::insert(row).exec_with_returning(conn).await
}

pub async fn update_item<C: ConnectionTrait>(
    conn: &C,
    row: service_item::ActiveModel,
) -> Result<service_item::Model, DbErr> {
    ServiceItem::update(row).exec(conn).await
}

pub async fn packages<C: ConnectionTrait>(conn: &C) -> Result<Vec<service_package::Model>, DbErr> {
    ServicePackage::find()
        .order_by_asc(service_package::Column::Id)
        .all(conn)
        .await
}

pub async fn insert_package<C: ConnectionTrait>(
    conn: &C,
    row: service_package::ActiveModel,
) -> Result<service_package::Model, DbErr> {
    ServicePackage::insert(row).exec_with_returning(conn).await
}

pub async fn package<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_package::Model>, DbErr> {
    ServicePackage::find()
        .filter(service_package::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn update_package<C: ConnectionTrait>(
    conn: &C,
    row: service_package::ActiveModel,
) -> Result<service_package::Model, DbErr> {
    ServicePackage::update(row).exec(conn).await
}

/// Deletes the package row, and with it its membership (the JSON list of item ids it holds).
pub async fn delete_package<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    ServicePackage::delete_by_id(id).exec(conn).await?;
    Ok(())
}

pub async fn order<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_order::Model>, DbErr> {
    ServiceOrder::find()
        .filter(service_order::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

/// Whether the enterprise has an order of this item that is still open.
pub async fn open_order_exists<C: ConnectionTrait>(
    conn: &C,
    item_id: i64,
    organisation_id: i64,
) -> Result<bool, DbErr> {
    Ok(ServiceOrder::find()
        .filter(service_order::Column::ItemId.eq(item_id))
        .filter(service_order::Column::OrganisationId.eq(organisation_id))
        .filter(service_order::Column::Status.is_in(OPEN_ORDERS))
        .count(conn)
        .await?
        > 0)
}

pub async fn insert_order<C: ConnectionTrait>(
    conn: &C,
    row: service_order::ActiveModel,
) -> Result<service_order::Model, DbErr> {
    ServiceOrder::insert(row).exec_with_returning(conn).await
}

pub async fn order_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<service_order::Model>, DbErr> {
    ServiceOrder::find_by_id(id).one(conn).await
}

pub async fn update_order<C: ConnectionTrait>(
    conn: &C,
    row: service_order::ActiveModel,
) -> Result<service_order::Model, DbErr> {
    ServiceOrder::update(row).exec(conn).await
}

/// Moves an order from one status to another (compare-and-set), setting `also` with it; false
/// when another request moved it first.
pub async fn move_order<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, OrderStatus>,
    also: Vec<(service_order::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    lifecycle::move_status::<ServiceOrder, _, _>(
        conn,
        service_order::Column::Id,
        service_order::Column::Status,
        step,
        also,
    )
    .await
}

/// Whose orders a list shows.
pub enum OrderScope {
    Enterprise(i64),
    Provider(i64),
    All,
}

/// What an order list is narrowed to, besides whose orders it shows.
#[derive(Default)]
pub struct OrderFilter<'a> {
    pub status: Option<OrderStatus>,
    pub item_id: Option<i64>,
    pub sector_id: Option<i64>,
    /// Ordered at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Ordered at or before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Open (one of [`OPEN_ORDERS`]) and due before this instant.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Contained in the item's title or the ordering enterprise's name.
    pub text: Option<&'a str>,
}

/// The items (as a subquery of ids) that satisfy a condition.
fn item_ids_where(condition: Condition) -> sea_orm::sea_query::SelectStatement {
    ServiceItem::find()
        .select_only()
        .column(service_item::Column::Id)
        .filter(condition)
        .into_query()
}

fn order_condition(scope: &OrderScope, filter: &OrderFilter<'_>) -> Condition {
    let mut cond = match scope {
        OrderScope::Enterprise(id) => {
            Condition::all().add(service_order::Column::OrganisationId.eq(*id))
        }
        OrderScope::Provider(id) => {
            Condition::all().add(service_order::Column::ProviderOrganisationId.eq(*id))
        }
        OrderScope::All => Condition::all(),
    };
    if let Some(status) = filter.status {
        cond = cond.add(service_order::Column::Status.eq(status));
    }
    if let Some(id) = filter.item_id {
        cond = cond.add(service_order::Column::ItemId.eq(id));
    }
    if let Some(id) = filter.sector_id {
        let in_sector = item_ids_where(Condition::all().add(service_item::Column::SectorId.eq(id)));
        cond = cond.add(service_order::Column::ItemId.in_subquery(in_sector));
    }
    if let Some(from) = filter.from {
        cond = cond.add(service_order::Column::OrderedAt.gte(from));
    }
    if let Some(until) = filter.until {
        cond = cond.add(service_order::Column::OrderedAt.lte(until));
    }
    if let Some(at) = filter.overdue_at {
        cond = cond
            .add(service_order::Column::Status.is_in(OPEN_ORDERS))
            .add(service_order::Column::DueAt.lt(at));
    }
    if let Some(text) = filter.text.map(str::trim).filter(|t| !t.is_empty()) {
        let titled =
            item_ids_where(Condition::all().add(contains_text(service_item::Column::Title, text)));
        let named = Query::select()
            .column(organisation::Column::Id)
            .from(Organisation)
            .and_where(contains_text(organisation::Column::Name, text))
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(service_order::Column::ItemId.in_subquery(titled))
                .add(service_order::Column::OrganisationId.in_subquery(named)),
        );
    }
    cond
}

/// A page of orders, newest first, narrowed in the query itself so the total counts them all.
pub async fn orders_page<C: ConnectionTrait>(
    conn: &C,
    scope: &OrderScope,
    filter: &OrderFilter<'_>,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<service_order::Model>, u64), DbErr> {
    let paginator = ServiceOrder::find()
        .filter(order_condition(scope, filter))
        .order_by_desc(service_order::Column::OrderedAt)
        .order_by_desc(service_order::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

//! Service store use cases: the centre keeps the catalogue (sectors, items, packages); an
//! enterprise browses it, gets recommendations ranked by how well an item's target tags fit its
//! own, and orders (点单); the provider accepts or declines, then completes the order within the
//! item's SLA in working days; the enterprise rates it once. Each change is audited and the
//! other side notified.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entities::{organisation, service_item, service_order, service_package, service_sector};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::{
    error::ServicesError,
    model::{fit, is_late, is_open, OrderStatus},
    store::{self, OrderScope},
};
use crate::{
    accounts::{self, OrganisationKind, Role},
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar, enterprises,
    error::Code,
    lifecycle::{Lifecycle, Move},
    notifications::{self, Event, Notice},
};

/// What a sector is created or replaced with.
pub struct SectorDefinition {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub position: i32,
}

/// What an item is created or replaced with (ids as the API names them).
pub struct ItemDefinition {
    pub sector: Uuid,
    pub title: String,
    pub description: String,
    pub provider: Uuid,
    pub target_tags: Vec<String>,
    pub sla_working_days: i32,
    pub materials: Vec<String>,
    pub active: bool,
}

/// An item with the rows it refers to, as lists show it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: service_item::Model,
    pub sector: service_sector::Model,
    pub provider: organisation::Model,
    pub target_tags: Vec<String>,
    pub materials: Vec<String>,
}

/// A recommended item: how well it fits and which of the enterprise's tags make it fit.
pub struct Recommendation {
    pub item: ItemView,
    pub score: f64,
    pub matched_tags: Vec<String>,
}

fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

pub async fn sectors(db: &DatabaseConnection) -> Result<Vec<service_sector::Model>, ServicesError> {
    Ok(store::sectors(db).await?)
}

/// The row found by a public id, or `NotFound` naming what was looked for.
fn found<T>(row: Option<T>, what: &'static str) -> Result<T, ServicesError> {
    row.ok_or(ServicesError::NotFound(what))
}

/// The row a save replaces: None for a new one (`id` None), else the row, which must exist.
async fn replaced<T, F, Fut>(
    id: Option<Uuid>,
    what: &'static str,
    lookup: F,
) -> Result<Option<T>, ServicesError>
where
    F: FnOnce(Uuid) -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>, sea_orm::DbErr>>,
{
    match id {
        Some(id) => Ok(Some(found(lookup(id).await?, what)?)),
        None => Ok(None),
    }
}

/// The audit action of a save: `update` where a row existed, else `create`.
fn save_action(existing: bool, create: &'static str, update: &'static str) -> &'static str {
    if existing {
        update
    } else {
        create
    }
}

fn sector_row(
    mut row: service_sector::ActiveModel,
    d: SectorDefinition,
) -> service_sector::ActiveModel {
    row.code = Set(d.code);
    row.name_zh = Set(d.name_zh);
    row.name_en = Set(d.name_en);
    row.position = Set(d.position);
    row
}

/// Creates a sector (`id` None) or replaces one; no two sectors share a code.
pub async fn save_sector(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<Uuid>,
    definition: SectorDefinition,
    now: DateTime<Utc>,
) -> Result<service_sector::Model, ServicesError> {
    let txn = db.begin().await?;
    let existing = replaced(id, "sector", |id| store::sector(&txn, id)).await?;
    let own_id = existing.as_ref().map(|s| s.id);
    if store::sector_code_taken(&txn, &definition.code, own_id).await? {
        return Err(ServicesError::CodeTaken(definition.code));
    }
    let saved = match existing.clone() {
        Some(before) => store::update_sector(&txn, sector_row(before.into(), definition)).await?,
        None => {
            let row = service_sector::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                ..Default::default()
            };
            store::insert_sector(&txn, sector_row(row, definition)).await?
        }
    };
    let event = AuditEvent::new(
        save_action(
            existing.is_some(),
            "service_sector.create",
            "service_sector.update",
        ),
        "service_sector",
        saved.public_id,
        json!({
            "before": existing.map(|s| json!({ "code": s.code, "name_zh": s.name_zh, "name_en": s.name_en })),
            "after": { "code": saved.code, "name_zh": saved.name_zh, "name_en": saved.name_en },
        }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a sector no item belongs to (a withdrawn item counts: it keeps its sector).
pub async fn delete_sector(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServicesError> {
    let txn = db.begin().await?;
    crate::db::serialise_writes(&txn).await?;
    let sector = found(store::sector(&txn, id).await?, "sector")?;
    let items = store::items_in_sector(&txn, sector.id).await?;
    if items > 0 {
        return Err(ServicesError::SectorNotEmpty(items));
    }
    store::delete_sector(&txn, sector.id).await?;
    let event = AuditEvent::new(
        "service_sector.delete",
        "service_sector",
        id,
        json!({ "code": sector.code, "name_zh": sector.name_zh }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Resolves and checks an item definition: the sector exists, the provider is a department or
/// an intermediary, every target tag exists.
async fn resolve<C: ConnectionTrait>(
    conn: &C,
    definition: &ItemDefinition,
) -> Result<(service_sector::Model, organisation::Model), ServicesError> {
    let sector = store::sector(conn, definition.sector)
        .await?
        .ok_or_else(|| {
            ServicesError::field(
                Code::ReferenceNotFound,
                "sector_id",
                "no sector with this id",
            )
        })?;
    let provider = accounts::organisation_by_public_id(conn, definition.provider)
        .await?
        .ok_or_else(|| {
            ServicesError::field(
                Code::ReferenceNotFound,
                "provider_id",
                "no organisation with this id",
            )
        })?;
    if !matches!(
        provider.kind,
        OrganisationKind::Department | OrganisationKind::Intermediary
    ) {
        return Err(ServicesError::ProviderKind);
    }
    let known = enterprises::tag_codes(conn).await?;
    if let Some(unknown) = definition.target_tags.iter().find(|t| !known.contains(*t)) {
        return Err(ServicesError::field(
            Code::ServiceUnknownTag,
            "target_tags",
            format!("no tag with code `{unknown}`"),
        ));
    }
    Ok((sector, provider))
}

fn item_row(
    mut row: service_item::ActiveModel,
    d: ItemDefinition,
    sector: &service_sector::Model,
    provider: &organisation::Model,
    now: DateTime<Utc>,
) -> service_item::ActiveModel {
    row.sector_id = Set(sector.id);
    row.title = Set(d.title);
    row.description = Set(d.description);
    row.provider_organisation_id = Set(provider.id);
    row.target_tags = Set(to_json(&d.target_tags));
    row.sla_working_days = Set(d.sla_working_days);
    row.materials = Set(to_json(&d.materials));
    row.active = Set(d.active);
    row.updated_at = Set(now);
    row
}

/// Creates an item (`id` None) or replaces one (`active: false` withdraws it).
pub async fn save_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<Uuid>,
    definition: ItemDefinition,
    now: DateTime<Utc>,
) -> Result<ItemView, ServicesError> {
    let txn = db.begin().await?;
    // Before the sector is read, so that deleting a sector waits for the item or is seen by it.
    crate::db::serialise_writes(&txn).await?;
    let existing = replaced(id, "service item", |id| store::item(&txn, id)).await?;
    let (sector, provider) = resolve(&txn, &definition).await?;
    let is_update = existing.is_some();
    let saved = match existing {
        Some(before) => {
            let row = item_row(before.into(), definition, &sector, &provider, now);
            store::update_item(&txn, row).await?
        }
        None => {
            let row = service_item::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                created_at: Set(now),
                ..Default::default()
            };
            let row = item_row(row, definition, &sector, &provider, now);
            store::insert_item(&txn, row).await?
        }
    };
    let event = AuditEvent::new(
        save_action(is_update, "service_item.create", "service_item.update"),
        "service_item",
        saved.public_id,
        json!({ "title": saved.title, "sector": sector.code, "active": saved.active }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(item_view(saved, sector, provider))
}

fn item_view(
    item: service_item::Model,
    sector: service_sector::Model,
    provider: organisation::Model,
) -> ItemView {
    ItemView {
        target_tags: json_list(&item.target_tags),
        materials: json_list(&item.materials),
        item,
        sector,
        provider,
    }
}

/// Items with their sector and provider, in the order given.
async fn item_views<C: ConnectionTrait>(
    conn: &C,
    items: Vec<service_item::Model>,
) -> Result<Vec<ItemView>, ServicesError> {
    let sectors: HashMap<i64, service_sector::Model> = store::sectors(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut providers: HashMap<i64, organisation::Model> = HashMap::new();
    let mut views = Vec::with_capacity(items.len());
    for item in items {
        let provider = match providers.get(&item.provider_organisation_id) {
            Some(p) => p.clone(),
            None => {
                let p = accounts::organisation_by_id(conn, item.provider_organisation_id)
                    .await?
                    .ok_or(ServicesError::NotFound("provider"))?;
                providers.insert(p.id, p.clone());
                p
            }
        };
        let sector = sectors
            .get(&item.sector_id)
            .cloned()
            .ok_or(ServicesError::NotFound("sector"))?;
        views.push(item_view(item, sector, provider));
    }
    Ok(views)
}

/// One item; an inactive one only for the centre.
pub async fn item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<ItemView, ServicesError> {
    let item = store::item(db, id)
        .await?
        .filter(|i| i.active || user.role == Role::CenterAdmin)
        .ok_or(ServicesError::NotFound("service item"))?;
    Ok(item_views(db, vec![item]).await?.remove(0))
}

/// What a catalogue search asks for.
pub struct ItemFilter {
    pub sector: Option<Uuid>,
    pub text: Option<String>,
    pub tag: Option<String>,
    pub with_inactive: bool,
}

/// A page of the catalogue: active items (all for the centre when asked), filtered.
pub async fn items(
    db: &DatabaseConnection,
    filter: &ItemFilter,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<ItemView>, u64), ServicesError> {
    let sector_id = match filter.sector {
        Some(id) => match store::sector(db, id).await? {
            Some(sector) => Some(sector.id),
            None => return Ok((Vec::new(), 0)),
        },
        None => None,
    };
    let query = store::ItemQuery {
        sector_id,
        text: filter.text.as_deref(),
        tag: filter.tag.as_deref(),
        with_inactive: filter.with_inactive,
    };
    let (rows, total) = store::items_page(db, &query, page_index, per_page).await?;
    Ok((item_views(db, rows).await?, total))
}

/// The active items whose target tags the enterprise has (any of them), best fit first, then
/// by title; at most `limit`.
pub async fn recommendations(
    db: &DatabaseConnection,
    organisation_id: i64,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Recommendation>, ServicesError> {
    let held: BTreeSet<String> = enterprises::held_tag_codes(db, organisation_id, now).await?;
    let mut scored: Vec<(f64, Vec<String>, service_item::Model)> = store::active_items(db)
        .await?
        .into_iter()
        .filter_map(|item| {
            let targets: BTreeSet<String> = json_list(&item.target_tags).into_iter().collect();
            let (score, shared) = fit(&targets, &held);
            (score > 0.0).then_some((score, shared, item))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.2.title.cmp(&b.2.title))
            .then_with(|| a.2.id.cmp(&b.2.id))
    });
    scored.truncate(limit);
    let (fits, items): (Vec<_>, Vec<_>) = scored
        .into_iter()
        .map(|(score, shared, item)| ((score, shared), item))
        .unzip();
    let views = item_views(db, items).await?;
    Ok(views
        .into_iter()
        .zip(fits)
        .map(|(item, (score, matched_tags))| Recommendation {
            item,
            score,
            matched_tags,
        })
        .collect())
}

/// What a package is created or replaced with.
pub struct PackageDefinition {
    pub title: String,
    pub description: String,
    pub items: Vec<Uuid>,
}

/// A package with its items.
pub struct PackageView {
    pub package: service_package::Model,
    pub items: Vec<ItemView>,
}

/// The internal ids of the items a package bundles, in order, each once; each must exist.
async fn package_items<C: ConnectionTrait>(
    conn: &C,
    public_ids: &[Uuid],
) -> Result<Vec<i64>, ServicesError> {
    let mut ids = Vec::with_capacity(public_ids.len());
    for public_id in public_ids {
        let item = store::item(conn, *public_id).await?.ok_or_else(|| {
            ServicesError::field(
                Code::ReferenceNotFound,
                "item_ids",
                format!("no service item with id {public_id}"),
            )
        })?;
        if !ids.contains(&item.id) {
            ids.push(item.id);
        }
    }
    Ok(ids)
}

/// Creates a package (`id` None) or replaces one.
pub async fn save_package(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<Uuid>,
    definition: PackageDefinition,
    now: DateTime<Utc>,
) -> Result<PackageView, ServicesError> {
    let txn = db.begin().await?;
    let existing = replaced(id, "package", |id| store::package(&txn, id)).await?;
    let ids = package_items(&txn, &definition.items).await?;
    let is_update = existing.is_some();
    let before = existing
        .as_ref()
        .map(|p| json!({ "title": p.title, "item_ids": p.item_ids }));
    let mut row: service_package::ActiveModel = match existing {
        Some(before) => before.into(),
        None => service_package::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(definition.title);
    row.description = Set(definition.description);
    row.item_ids = Set(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned()));
    let saved = if is_update {
        store::update_package(&txn, row).await?
    } else {
        store::insert_package(&txn, row).await?
    };
    let event = AuditEvent::new(
        save_action(
            is_update,
            "service_package.create",
            "service_package.update",
        ),
        "service_package",
        saved.public_id,
        json!({ "before": before, "after": { "title": saved.title, "item_ids": saved.item_ids } }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    let view = package_view(&txn, saved).await?;
    txn.commit().await?;
    Ok(view)
}

/// Deletes a package and its membership; its items and their orders stay.
pub async fn delete_package(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServicesError> {
    let txn = db.begin().await?;
    let package = found(store::package(&txn, id).await?, "package")?;
    store::delete_package(&txn, package.id).await?;
    let event = AuditEvent::new(
        "service_package.delete",
        "service_package",
        id,
        json!({ "title": package.title, "item_ids": package.item_ids }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn package_view<C: ConnectionTrait>(
    conn: &C,
    package: service_package::Model,
) -> Result<PackageView, ServicesError> {
    let ids: Vec<i64> = serde_json::from_str(&package.item_ids).unwrap_or_default();
    let mut rows = store::items_by_id(conn, &ids).await?;
    rows.sort_by_key(|item| ids.iter().position(|id| *id == item.id));
    Ok(PackageView {
        items: item_views(conn, rows).await?,
        package,
    })
}

/// The packages with their items; withdrawn items only for the centre.
pub async fn packages(
    db: &DatabaseConnection,
    with_inactive: bool,
) -> Result<Vec<PackageView>, ServicesError> {
    let mut views = Vec::new();
    for package in store::packages(db).await? {
        let mut view = package_view(db, package).await?;
        view.items.retain(|i| with_inactive || i.item.active);
        views.push(view);
    }
    Ok(views)
}

/// An order with what its pages show beside it.
pub struct OrderView {
    pub order: service_order::Model,
    pub item: service_item::Model,
    pub enterprise: String,
    pub provider: String,
    /// Working days from the order to its close (or to now while open).
    pub working_days_used: u32,
    /// Completed after its due time, or still open past it.
    pub late: bool,
}

async fn order_view<C: ConnectionTrait>(
    conn: &C,
    order: service_order::Model,
    now: DateTime<Utc>,
) -> Result<OrderView, ServicesError> {
    let item = store::item_by_id(conn, order.item_id)
        .await?
        .ok_or(ServicesError::NotFound("service item"))?;
    let name = |org: Option<organisation::Model>| org.map(|o| o.name).unwrap_or_default();
    let enterprise = name(accounts::organisation_by_id(conn, order.organisation_id).await?);
    let provider = name(accounts::organisation_by_id(conn, order.provider_organisation_id).await?);
    let status = order.status;
    let end = if is_open(status) {
        now
    } else {
        order.closed_at.unwrap_or(now)
    };
    let working_days_used = calendar::working_days_between(conn, order.ordered_at, end).await?;
    let late = is_late(status, order.due_at, order.closed_at, now);
    Ok(OrderView {
        order,
        item,
        enterprise,
        provider,
        working_days_used,
        late,
    })
}

/// Whether the user is the order's enterprise, its provider, or the centre.
fn may_read(user: &CurrentUser, order: &service_order::Model) -> bool {
    match user.role {
        Role::Enterprise => order.organisation_id == user.organisation_id,
        Role::Department | Role::Intermediary => {
            order.provider_organisation_id == user.organisation_id
        }
        Role::CenterAdmin => true,
        _ => false,
    }
}

pub async fn order(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<OrderView, ServicesError> {
    let order = store::order(db, id)
        .await?
        .filter(|o| may_read(user, o))
        .ok_or(ServicesError::NotFound("order"))?;
    order_view(db, order, now).await
}

/// What an order list is narrowed to (ids as the API names them; dates are Beijing days).
#[derive(Debug, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub item: Option<Uuid>,
    pub sector: Option<Uuid>,
    /// Ordered on or after this day.
    pub from: Option<NaiveDate>,
    /// Ordered on or before this day.
    pub to: Option<NaiveDate>,
    /// Only orders still open past their due time (the SLA's last working day).
    pub overdue: bool,
    /// Contained in the item's title or the ordering enterprise's name.
    pub text: Option<String>,
}

/// The orders a user sees: an enterprise its own, a provider those it serves, the centre all;
/// narrowed by the filter in the query, so the total counts every match.
pub async fn orders(
    db: &DatabaseConnection,
    user: &CurrentUser,
    filter: &OrderFilter,
    page_index: u64,
    per_page: u64,
    now: DateTime<Utc>,
) -> Result<(Vec<OrderView>, u64), ServicesError> {
    let scope = match user.role {
        Role::Enterprise => OrderScope::Enterprise(user.organisation_id),
        Role::CenterAdmin => OrderScope::All,
        _ => OrderScope::Provider(user.organisation_id),
    };
    // An unknown item or sector matches no order.
    let item_id = match filter.item {
        Some(id) => match store::item(db, id).await? {
            Some(item) => Some(item.id),
            None => return Ok((Vec::new(), 0)),
        },
        None => None,
    };
    let sector_id = match filter.sector {
        Some(id) => match store::sector(db, id).await? {
            Some(sector) => Some(sector.id),
            None => return Ok((Vec::new(), 0)),
        },
        None => None,
    };
    let query = store::OrderFilter {
        status: filter.status,
        item_id,
        sector_id,
        from: filter.from.map(calendar::start_of_day),
        until: filter.to.map(calendar::end_of_day),
        overdue_at: filter.overdue.then_some(now),
        text: filter.text.as_deref(),
    };
    let (rows, total) = store::orders_page(db, &scope, &query, page_index, per_page).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(order_view(db, row, now).await?);
    }
    Ok((views, total))
}

/// Places an order for an active item; one open order per item and enterprise. Its due time is
/// the end of the SLA's last working day; the provider is told.
pub async fn place_order(
    db: &DatabaseConnection,
    user: &CurrentUser,
    item: Uuid,
    note: String,
    now: DateTime<Utc>,
) -> Result<OrderView, ServicesError> {
    let txn = db.begin().await?;
    let item = store::item(&txn, item)
        .await?
        .ok_or(ServicesError::NotFound("service item"))?;
    if !item.active {
        return Err(ServicesError::Inactive);
    }
    if store::open_order_exists(&txn, item.id, user.organisation_id).await? {
        return Err(ServicesError::DuplicateOrder);
    }
    let sla = u32::try_from(item.sla_working_days).unwrap_or(1);
    let due_at = calendar::deadline(&txn, now, sla).await?;
    let created = store::insert_order(
        &txn,
        service_order::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            item_id: Set(item.id),
            organisation_id: Set(user.organisation_id),
            provider_organisation_id: Set(item.provider_organisation_id),
            status: Set(OrderStatus::Ordered),
            note: Set(note),
            ordered_at: Set(now),
            due_at: Set(due_at),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let event = AuditEvent::new(
        "service_order.place",
        "service_order",
        created.public_id,
        json!({ "item": item.public_id, "title": item.title }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    tell(&txn, &created, &item, Party::Provider, now).await?;
    let view = order_view(&txn, created, now).await?;
    txn.commit().await?;
    Ok(view)
}

/// A move on an order by one of its sides.
pub enum OrderMove {
    Accept,
    Decline { reason: String },
    Complete { note: String },
    Cancel,
    Rate { rating: i16, comment: String },
}

impl OrderMove {
    /// The audit action.
    fn action(&self) -> &'static str {
        match self {
            Self::Accept => "service_order.accept",
            Self::Decline { .. } => "service_order.decline",
            Self::Complete { .. } => "service_order.complete",
            Self::Cancel => "service_order.cancel",
            Self::Rate { .. } => "service_order.rate",
        }
    }

    /// Whether the provider makes it (else the enterprise).
    fn by_provider(&self) -> bool {
        matches!(
            self,
            Self::Accept | Self::Decline { .. } | Self::Complete { .. }
        )
    }
}

/// Makes a move on the order (read in the same transaction): a rating of a completed order, or
/// a status move its lifecycle allows, made with the compare-and-set; answers the row as it
/// now stands.
async fn make_move<C: ConnectionTrait>(
    conn: &C,
    order: &service_order::Model,
    step: &OrderMove,
    now: DateTime<Utc>,
) -> Result<service_order::Model, ServicesError> {
    let status = order.status;
    let next = match step {
        OrderMove::Rate { rating, comment } => {
            if status != OrderStatus::Completed {
                return Err(ServicesError::WrongState(status.as_str()));
            }
            if order.rating.is_some() {
                return Err(ServicesError::AlreadyRated);
            }
            let row = service_order::ActiveModel {
                id: Set(order.id),
                updated_at: Set(now),
                rating: Set(Some(*rating)),
                rating_comment: Set(Some(comment.clone())),
                rated_at: Set(Some(now)),
                ..Default::default()
            };
            return Ok(store::update_order(conn, row).await?);
        }
        OrderMove::Accept => OrderStatus::Accepted,
        OrderMove::Decline { .. } => OrderStatus::Declined,
        OrderMove::Complete { .. } => OrderStatus::Completed,
        OrderMove::Cancel => OrderStatus::Cancelled,
    };
    if !status.may_become(next) {
        return Err(ServicesError::WrongState(status.as_str()));
    }
    let mut also = vec![(service_order::Column::UpdatedAt, Expr::value(now))];
    match step {
        OrderMove::Accept => also.push((service_order::Column::AcceptedAt, Expr::value(Some(now)))),
        OrderMove::Decline { reason: note } | OrderMove::Complete { note } => {
            also.push((
                service_order::Column::ProviderNote,
                Expr::value(Some(note.clone())),
            ));
            also.push((service_order::Column::ClosedAt, Expr::value(Some(now))));
        }
        _ => also.push((service_order::Column::ClosedAt, Expr::value(Some(now)))),
    }
    let step = Move {
        key: order.id,
        from: status,
        to: next,
    };
    if !store::move_order(conn, step, also).await? {
        return Err(ServicesError::WrongState(status.as_str()));
    }
    store::order_by_id(conn, order.id)
        .await?
        .ok_or(ServicesError::NotFound("order"))
}

/// Makes a move on an order as one of its sides (the routes admit only the side that makes
/// each move, and only its own orders are found); the other side is told (not of a rating).
pub async fn move_order(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    step: OrderMove,
    now: DateTime<Utc>,
) -> Result<OrderView, ServicesError> {
    let txn = db.begin().await?;
    crate::db::serialise_writes(&txn).await?;
    let order = store::order(&txn, id)
        .await?
        .filter(|o| may_read(user, o))
        .ok_or(ServicesError::NotFound("order"))?;
    let updated = make_move(&txn, &order, &step, now).await?;
    let summary = match &step {
        OrderMove::Rate { rating, .. } => json!({ "rating": rating }),
        _ => json!({ "status": updated.status }),
    };
    let event = AuditEvent::new(step.action(), "service_order", id, summary);
    audit::record(&txn, &user.actor(), event, now).await?;
    if !matches!(step, OrderMove::Rate { .. }) {
        let item = store::item_by_id(&txn, updated.item_id)
            .await?
            .ok_or(ServicesError::NotFound("service item"))?;
        let to = if step.by_provider() {
            Party::Enterprise
        } else {
            Party::Provider
        };
        tell(&txn, &updated, &item, to, now).await?;
    }
    let view = order_view(&txn, updated, now).await?;
    txn.commit().await?;
    Ok(view)
}

/// Which side of an order a notice goes to.
#[derive(Clone, Copy)]
enum Party {
    Enterprise,
    Provider,
}

async fn tell<C: ConnectionTrait>(
    conn: &C,
    order: &service_order::Model,
    item: &service_item::Model,
    to: Party,
    now: DateTime<Utc>,
) -> Result<(), ServicesError> {
    let (organisation, link) = match to {
        Party::Enterprise => (order.organisation_id, "/enterprise/orders"),
        Party::Provider => (order.provider_organisation_id, "/provider/orders"),
    };
    let event = match to {
        Party::Enterprise => Event::ServiceOrderUpdated,
        Party::Provider => Event::ServiceOrdered,
    };
    let enterprise = accounts::organisation_by_id(conn, order.organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let notice = Notice {
        event,
        params: json!({
            "service": item.title,
            "enterprise": enterprise,
            "status": order.status,
            "note": order.provider_note,
        }),
        link: Some(link.to_owned()),
    };
    notifications::notify_organisation(conn, organisation, &notice, now).await?;
    Ok(())
}

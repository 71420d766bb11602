//! What the marketplace publishes as open data: every published procurement at its current
//! state, oldest change first, with its bids only once bidding has closed. The open-data domain
//! turns these into OCDS releases.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entities::{bid, contract, organisation, procurement, service_type, service_type_package};
use sea_orm::DatabaseConnection;

use super::{
    bid::store as bid_store,
    catalogue::store as catalogue_store,
    contract::store as contract_store,
    error::MarketplaceError,
    model::BidStatus,
    procurement::{service::bids_sealed, store as procurement_store, views::terms_with_types},
};
use crate::{
    accounts,
    pagination::{Page, Paging},
};

/// A published procurement with what open data may show of it now.
#[derive(Debug, Clone)]
pub struct PublishedProcurement {
    pub procurement: procurement::Model,
    pub owner: organisation::Model,
    pub service_types: Vec<service_type::Model>,
    pub package: Option<service_type_package::Model>,
    /// Every bid with its bidder — `None` while bids are sealed.
    pub bids: Option<Vec<(bid::Model, organisation::Model)>>,
    pub award: Option<(bid::Model, organisation::Model)>,
    pub contract: Option<contract::Model>,
}

impl PublishedProcurement {
    /// The bids that counted at closing (not withdrawn, not set aside).
    pub fn valid_bids(&self) -> impl Iterator<Item = &bid::Model> {
        self.bids
            .iter()
            .flatten()
            .map(|(b, _)| b)
            .filter(|b| b.status == BidStatus::Active)
    }
}

/// Published procurements changed at or after `since`, oldest change first, read in a fixed
/// number of queries per page.
pub async fn published_procurements(
    db: &DatabaseConnection,
    since: Option<DateTime<Utc>>,
    paging: &Paging,
) -> Result<Page<PublishedProcurement>, MarketplaceError> {
    let (rows, total) =
        procurement_store::published_page(db, since, paging.page_index(), paging.per_page())
            .await?;
    let packages = catalogue_store::packages(db).await?;
    let terms = terms_with_types(db, &rows).await?;
    let unsealed: Vec<i64> = rows
        .iter()
        .filter(|p| !bids_sealed(p))
        .map(|p| p.id)
        .collect();
    let mut bids: BTreeMap<i64, Vec<bid::Model>> = BTreeMap::new();
    for b in bid_store::bids_of_procurements(db, unsealed.iter().copied()).await? {
        if b.status != BidStatus::Withdrawn {
            bids.entry(b.procurement_id).or_default().push(b);
        }
    }
    let mut contracts: BTreeMap<i64, contract::Model> =
        contract_store::contracts_of(db, unsealed.iter().copied())
            .await?
            .into_iter()
            .map(|c| (c.procurement_id, c))
            .collect();
    let organisations: BTreeMap<i64, organisation::Model> = accounts::organisations_by_id(
        db,
        rows.iter()
            .map(|p| p.organisation_id)
            .chain(bids.values().flatten().map(|b| b.organisation_id)),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o))
    .collect();
    let mut items = Vec::with_capacity(rows.len());
    for (p, (_, service_types)) in rows.into_iter().zip(terms) {
        let owner = organisations
            .get(&p.organisation_id)
            .cloned()
            .ok_or(MarketplaceError::NotFound("organisation"))?;
        let bids = unsealed.contains(&p.id).then(|| {
            bids.remove(&p.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|b| Some((b.clone(), organisations.get(&b.organisation_id)?.clone())))
                .collect::<Vec<_>>()
        });
        let award = match (&bids, p.awarded_bid_id) {
            (Some(bids), Some(id)) => bids.iter().find(|(b, _)| b.id == id).cloned(),
            _ => None,
        };
        let contract = award.as_ref().and_then(|_| contracts.remove(&p.id));
        items.push(PublishedProcurement {
            service_types,
            package: p
                .package_id
                .and_then(|id| packages.iter().find(|k| k.id == id).cloned()),
            owner,
            bids,
            award,
            contract,
            procurement: p,
        });
    }
    Ok(Page::new(items, total, paging))
}

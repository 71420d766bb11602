//! What the marketplace publishes as open data: every published procurement at its current
//! state, oldest change first, with its bids only once bidding has closed. The open-data domain
//! turns these into OCDS releases.

use chrono::{DateTime, Utc};
use entities::{bid, contract, organisation, procurement, service_type, service_type_package};
use sea_orm::DatabaseConnection;

use super::super::{error::MarketplaceError, model::BidStatus, store};
use super::procurements::{bidding_terms, status_of};
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
            .filter(|b| b.status == BidStatus::Active.as_str())
    }
}

/// Published procurements changed at or after `since`, oldest change first.
pub async fn published_procurements(
    db: &DatabaseConnection,
    since: Option<DateTime<Utc>>,
    paging: &Paging,
) -> Result<Page<PublishedProcurement>, MarketplaceError> {
    let (rows, total) =
        store::published_page(db, since, paging.page_index(), paging.per_page()).await?;
    let packages = store::packages(db).await?;
    let mut items = Vec::with_capacity(rows.len());
    for p in rows {
        let owner = accounts::organisation_by_id(db, p.organisation_id)
            .await?
            .ok_or(MarketplaceError::NotFound("organisation"))?;
        let terms = bidding_terms(db, &p).await?;
        let service_types = store::service_types_by_id(db, terms.service_type_ids).await?;
        let package = p
            .package_id
            .and_then(|id| packages.iter().find(|k| k.id == id).cloned());
        let bids = if status_of(&p).bids_sealed() {
            None
        } else {
            let rows = store::bids_of_procurement(db, p.id).await?;
            let orgs =
                accounts::organisations_by_id(db, rows.iter().map(|b| b.organisation_id)).await?;
            Some(
                rows.into_iter()
                    .filter(|b| b.status != BidStatus::Withdrawn.as_str())
                    .filter_map(|b| {
                        let org = orgs.iter().find(|o| o.id == b.organisation_id)?.clone();
                        Some((b, org))
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let award = match (&bids, p.awarded_bid_id) {
            (Some(bids), Some(id)) => bids.iter().find(|(b, _)| b.id == id).cloned(),
            _ => None,
        };
        let contract = match award {
            Some(_) => store::contract_of(db, p.id).await?,
            None => None,
        };
        items.push(PublishedProcurement {
            procurement: p,
            owner,
            service_types,
            package,
            bids,
            award,
            contract,
        });
    }
    Ok(Page::new(items, total, paging))
}

//! Open-data use cases: the marketplace's published procurements as OCDS records, and a page of
//! them as a release package.

use chrono::{DateTime, Utc};
use entities::organisation;
use sea_orm::DatabaseConnection;
use serde_json::Value;

use super::ocds::{
    self, AwardRecord, BidStatistics, ContractRecord, Party, ProcurementRecord, Publisher,
};
use crate::{
    accounts,
    error::ApiError,
    marketplace::{
        model::ProcurementStatus,
        opendata::{published_procurements, PublishedProcurement},
    },
    pagination::Paging,
};

fn party(o: &organisation::Model) -> Party {
    Party {
        id: o.public_id,
        name: o.name.clone(),
        uscc: o.uscc.clone(),
    }
}

fn statistics(p: &PublishedProcurement) -> Option<BidStatistics> {
    let bids = p.bids.as_ref()?;
    let valid: Vec<i64> = p.valid_bids().map(|b| b.price_fen).collect();
    Some(BidStatistics {
        total_bids: u32::try_from(bids.len()).unwrap_or(u32::MAX),
        valid_bids: u32::try_from(valid.len()).unwrap_or(u32::MAX),
        lowest_fen: valid.iter().min().copied(),
        highest_fen: valid.iter().max().copied(),
    })
}

fn contract_status(status: &str) -> &'static str {
    match status {
        "proposed" => "pending",
        "accepted" => "terminated",
        _ => "active",
    }
}

/// One procurement as an OCDS record.
fn record(p: &PublishedProcurement) -> ProcurementRecord {
    let q = &p.procurement;
    let subject = match (&p.package, p.service_types.first()) {
        (Some(k), _) => Some((k.code.clone(), k.name_zh.clone())),
        (None, Some(t)) => Some((t.code.clone(), t.name_zh.clone())),
        (None, None) => None,
    };
    let award = p.award.as_ref().and_then(|(b, winner)| {
        Some(AwardRecord {
            id: b.public_id,
            supplier: party(winner),
            amount_fen: b.price_fen,
            date: q.awarded_at?,
            status: if q.status == ProcurementStatus::Notice {
                "pending"
            } else {
                "active"
            },
        })
    });
    let contract = match (&p.contract, &p.award) {
        (Some(c), Some((b, _))) => Some(ContractRecord {
            id: c.public_id,
            award_id: b.public_id,
            amount_fen: c.amount_fen,
            date_signed: c.signed_at,
            end_date: c.due_at,
            status: contract_status(c.status.as_str()),
        }),
        _ => None,
    };
    ProcurementRecord {
        id: q.public_id,
        title: q.title.clone(),
        description: q.scope.clone(),
        status: q.status.to_string(),
        method: q.selection_method.to_string(),
        service_type: subject,
        buyer: party(&p.owner),
        budget_ceiling_fen: q.budget_ceiling_fen,
        published_at: q.published_at,
        bid_deadline: q.bid_deadline,
        service_working_days: q.service_working_days,
        bid_statistics: statistics(p),
        tenderers: p.bids.iter().flatten().map(|(_, o)| party(o)).collect(),
        award,
        contract,
        updated_at: q.updated_at,
    }
}

/// A release package of the procurements changed at or after `since` (one page of them), and
/// how many there are in all; `None` when the page holds none.
pub async fn release_package(
    db: &DatabaseConnection,
    public_url: &str,
    ocid_prefix: &str,
    since: Option<DateTime<Utc>>,
    paging: &Paging,
    now: DateTime<Utc>,
) -> Result<(Option<Value>, u64), ApiError> {
    let page = published_procurements(db, since, paging).await?;
    let records: Vec<ProcurementRecord> = page.items.iter().map(record).collect();
    if records.is_empty() {
        return Ok((None, page.total));
    }
    let centre = accounts::find_center(db).await?;
    let base = public_url.trim_end_matches('/');
    let publisher = Publisher {
        name: centre.map_or_else(|| "qifu".to_owned(), |c| c.name),
        uri: Some(base.to_owned()),
    };
    let uri = format!(
        "{base}/api/v1/opendata/ocds/releases?page={}&per_page={}{}",
        paging.page(),
        paging.per_page(),
        since
            .map(|s| format!("&since={}", s.to_rfc3339()))
            .unwrap_or_default()
    );
    let published = records.iter().map(|r| r.updated_at).max().unwrap_or(now);
    Ok((
        Some(ocds::release_package(
            ocid_prefix,
            &records,
            &uri,
            published,
            &publisher,
        )),
        page.total,
    ))
}

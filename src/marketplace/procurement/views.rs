//! Reading procurements for display and for eligibility, a page at a time: the bidding terms
//! (service types, required qualifications, avoided intermediaries) and the views each viewer
//! may see are read for a whole list in a fixed number of queries, however long the list, so
//! no list page, notice board or export asks the database once per row.

use std::collections::{BTreeMap, BTreeSet};

use entities::{bid, organisation, procurement, project, service_type};
use sea_orm::ConnectionTrait;

use super::super::{
    bid::store as bid_store, catalogue::store as catalogue_store, eligibility::BiddingTerms,
    error::MarketplaceError,
};
use super::{service::bids_sealed, store, Viewer};
use crate::accounts;

/// One procurement as a viewer may see it.
#[derive(Debug, Clone)]
pub struct ProcurementView {
    pub procurement: procurement::Model,
    pub project: project::Model,
    pub owner: organisation::Model,
    pub service_types: Vec<service_type::Model>,
    pub package: Option<entities::service_type_package::Model>,
    /// Only for the owner and the centre.
    pub avoided: Option<Vec<(organisation::Model, String)>>,
    /// The viewer's own bid, when the viewer is an intermediary that placed one.
    pub my_bid: Option<bid::Model>,
    /// The awarded intermediary, once there is one.
    pub winner: Option<organisation::Model>,
}

/// A JSON array of strings stored in a text column; empty when unreadable.
pub fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The procurement's bidding terms: its service types, required qualifications, avoided.
pub async fn bidding_terms<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
) -> Result<BiddingTerms, MarketplaceError> {
    Ok(bidding_terms_of(conn, std::slice::from_ref(p))
        .await?
        .pop()
        .unwrap_or_default())
}

/// The bidding terms of each procurement, in order, in at most three queries.
pub async fn bidding_terms_of<C: ConnectionTrait>(
    conn: &C,
    rows: &[procurement::Model],
) -> Result<Vec<BiddingTerms>, MarketplaceError> {
    let packages: BTreeSet<i64> = rows
        .iter()
        .filter(|p| p.service_type_id.is_none())
        .filter_map(|p| p.package_id)
        .collect();
    let members = match packages.is_empty() {
        true => BTreeMap::new(),
        false => catalogue_store::members_of_packages(conn, packages).await?,
    };
    let type_ids = |p: &procurement::Model| -> Vec<i64> {
        match (p.service_type_id, p.package_id) {
            (Some(id), _) => vec![id],
            (None, Some(package)) => members.get(&package).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    };
    let all_types: BTreeSet<i64> = rows.iter().flat_map(type_ids).collect();
    let qualification_of: BTreeMap<i64, String> =
        catalogue_store::service_types_by_id(conn, all_types)
            .await?
            .into_iter()
            .filter_map(|t| t.qualification.map(|q| (t.id, q)))
            .collect();
    let mut avoided: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for a in store::avoidances_of(conn, rows.iter().map(|p| p.id)).await? {
        avoided
            .entry(a.procurement_id)
            .or_default()
            .insert(a.organisation_id);
    }
    Ok(rows
        .iter()
        .map(|p| {
            let ids = type_ids(p);
            let mut qualifications: BTreeSet<String> =
                json_list(&p.required_qualifications).into_iter().collect();
            qualifications.extend(
                ids.iter()
                    .filter_map(|id| qualification_of.get(id).cloned()),
            );
            BiddingTerms {
                service_type_ids: ids.into_iter().collect(),
                qualifications,
                avoided: avoided.remove(&p.id).unwrap_or_default(),
            }
        })
        .collect())
}

/// Each procurement's bidding terms with its service types (by catalogue position), in order,
/// in at most four queries.
pub async fn terms_with_types<C: ConnectionTrait>(
    conn: &C,
    rows: &[procurement::Model],
) -> Result<Vec<(BiddingTerms, Vec<service_type::Model>)>, MarketplaceError> {
    let terms = bidding_terms_of(conn, rows).await?;
    let ids: BTreeSet<i64> = terms
        .iter()
        .flat_map(|t| t.service_type_ids.iter().copied())
        .collect();
    let types = catalogue_store::service_types_by_id(conn, ids).await?;
    Ok(terms
        .into_iter()
        .map(|t| {
            let mine = types
                .iter()
                .filter(|s| t.service_type_ids.contains(&s.id))
                .cloned()
                .collect();
            (t, mine)
        })
        .collect())
}

/// One procurement as `viewer` may see it.
pub async fn view<C: ConnectionTrait>(
    conn: &C,
    p: procurement::Model,
    viewer: Viewer,
) -> Result<ProcurementView, MarketplaceError> {
    views(conn, vec![(p, viewer)])
        .await?
        .pop()
        .ok_or(MarketplaceError::NotFound("procurement"))
}

/// What the views of a list need besides the procurements, each read once for the list.
struct Related {
    projects: BTreeMap<i64, project::Model>,
    organisations: BTreeMap<i64, organisation::Model>,
    packages: BTreeMap<i64, entities::service_type_package::Model>,
    /// The avoided organisations with reasons, by procurement, for the rows the owner or the
    /// centre sees.
    avoidances: BTreeMap<i64, Vec<(i64, String)>>,
    /// Each intermediary viewer's own bid, by procurement.
    my_bids: BTreeMap<(i64, i64), bid::Model>,
    /// The awarded bid's organisation, by procurement, once bids are unsealed.
    winners: BTreeMap<i64, i64>,
}

/// Each procurement as its viewer may see it, in order.
pub async fn views<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<(procurement::Model, Viewer)>,
) -> Result<Vec<ProcurementView>, MarketplaceError> {
    let (procurements, viewers): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let mut related = related(conn, &procurements, &viewers).await?;
    let terms = terms_with_types(conn, &procurements).await?;
    let mut out = Vec::with_capacity(procurements.len());
    for ((p, viewer), (_, service_types)) in procurements.into_iter().zip(viewers).zip(terms) {
        out.push(assemble(&mut related, p, viewer, service_types)?);
    }
    Ok(out)
}

async fn related<C: ConnectionTrait>(
    conn: &C,
    procurements: &[procurement::Model],
    viewers: &[Viewer],
) -> Result<Related, MarketplaceError> {
    let shown_avoided = procurements
        .iter()
        .zip(viewers)
        .filter(|(_, v)| matches!(v, Viewer::Owner | Viewer::Staff))
        .map(|(p, _)| p.id);
    let mut avoidances: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for a in store::avoidances_of(conn, shown_avoided).await? {
        avoidances
            .entry(a.procurement_id)
            .or_default()
            .push((a.organisation_id, a.reason));
    }
    let my_bids = my_bids(conn, procurements, viewers).await?;
    let awarded = procurements
        .iter()
        .filter(|p| !bids_sealed(p))
        .filter_map(|p| p.awarded_bid_id);
    let winners: BTreeMap<i64, i64> = bid_store::bids_by_id(conn, awarded)
        .await?
        .into_iter()
        .map(|b| (b.procurement_id, b.organisation_id))
        .collect();
    let organisation_ids: BTreeSet<i64> = procurements
        .iter()
        .map(|p| p.organisation_id)
        .chain(avoidances.values().flatten().map(|(id, _)| *id))
        .chain(winners.values().copied())
        .collect();
    Ok(Related {
        projects: by_id(
            store::projects_by_id(conn, procurements.iter().map(|p| p.project_id)).await?,
            |p| p.id,
        ),
        organisations: by_id(
            accounts::organisations_by_id(conn, organisation_ids).await?,
            |o| o.id,
        ),
        packages: by_id(catalogue_store::packages(conn).await?, |k| k.id),
        avoidances,
        my_bids,
        winners,
    })
}

/// Each intermediary viewer's own bids on the listed procurements.
async fn my_bids<C: ConnectionTrait>(
    conn: &C,
    procurements: &[procurement::Model],
    viewers: &[Viewer],
) -> Result<BTreeMap<(i64, i64), bid::Model>, MarketplaceError> {
    let mut on: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (p, viewer) in procurements.iter().zip(viewers) {
        if let Viewer::Intermediary(org) = viewer {
            on.entry(*org).or_default().push(p.id);
        }
    }
    let mut bids = BTreeMap::new();
    for (org, ids) in on {
        for b in bid_store::bids_of_on(conn, org, ids).await? {
            bids.insert((b.procurement_id, org), b);
        }
    }
    Ok(bids)
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i64) -> BTreeMap<i64, T> {
    rows.into_iter().map(|row| (id(&row), row)).collect()
}

fn assemble(
    related: &mut Related,
    p: procurement::Model,
    viewer: Viewer,
    service_types: Vec<service_type::Model>,
) -> Result<ProcurementView, MarketplaceError> {
    let organisation = |id: &i64| related.organisations.get(id).cloned();
    let project = related
        .projects
        .get(&p.project_id)
        .cloned()
        .ok_or(MarketplaceError::NotFound("project"))?;
    let owner =
        organisation(&p.organisation_id).ok_or(MarketplaceError::NotFound("organisation"))?;
    let avoided = matches!(viewer, Viewer::Owner | Viewer::Staff).then(|| {
        related
            .avoidances
            .get(&p.id)
            .into_iter()
            .flatten()
            .filter_map(|(id, reason)| organisation(id).map(|o| (o, reason.clone())))
            .collect()
    });
    let winner = related.winners.get(&p.id).and_then(organisation);
    let package = p
        .package_id
        .and_then(|id| related.packages.get(&id).cloned());
    let my_bid = match viewer {
        Viewer::Intermediary(org) => related.my_bids.remove(&(p.id, org)),
        _ => None,
    };
    Ok(ProcurementView {
        procurement: p,
        project,
        owner,
        service_types,
        package,
        avoided,
        my_bid,
        winner,
    })
}

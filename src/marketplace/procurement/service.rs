//! Owners' projects and the procurements they post: drafting with checked terms (fee range,
//! qualifications, avoided intermediaries, selection method and weights, deadlines in working
//! days), publishing with the draw's commitment, changing terms after publishing (bids on the old
//! terms must be re-confirmed; a late change extends the deadline), cancelling, re-publishing a
//! failed one as a new draft, clarifications, and who sees what of it.

use chrono::{DateTime, Utc};
use entities::{organisation, procurement, procurement_question, project};
use sea_orm::{sea_query::Expr, ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::super::{
    bid::{service as bids, store as bid_store},
    catalogue::{service::fee_range, store as catalogue_store},
    draw::{commitment, Seed},
    eligibility,
    error::MarketplaceError,
    intermediary::{service as intermediaries, store as intermediary_store},
    model::{
        qualification_type, weights_valid, FeeRange, ProcurementStatus, ProjectCode,
        SelectionMethod,
    },
};
use super::{
    store::{self, ProcurementQuery},
    views::{bidding_terms, bidding_terms_of, json_list, view, views, ProcurementView},
    Viewer,
};
use crate::{
    accounts::{self, OrganisationKind, Role},
    audit::{self, AuditEvent},
    auth::CurrentUser,
    calendar,
    calendar::CHINA,
    configuration::MarketplaceSettings,
    enterprises::region,
    error::Code,
    lifecycle::{Lifecycle, Move},
    notifications::{self, Event, Notice},
    pagination::{Page, Paging},
};

/// What a project is registered with.
#[derive(Debug, Clone)]
pub struct ProjectDefinition {
    pub name: String,
    pub code: String,
    pub division_code: String,
    pub investment_fen: i64,
    pub description: String,
}

/// What a procurement is drafted (or changed) with.
#[derive(Debug, Clone)]
pub struct ProcurementDefinition {
    pub project: Uuid,
    pub service_type: Option<Uuid>,
    pub package: Option<Uuid>,
    pub title: String,
    pub scope: String,
    pub budget_ceiling_fen: i64,
    pub required_qualifications: Vec<String>,
    /// Intermediaries to avoid (回避), with why.
    pub avoided: Vec<(Uuid, String)>,
    pub method: SelectionMethod,
    /// Price, proposal and credit weights (percent) of a scored comparison.
    pub weights: (i32, i32, i32),
    pub bidding_working_days: i32,
    pub service_working_days: i32,
}

// ---- projects ----

pub async fn create_project(
    db: &DatabaseConnection,
    user: &CurrentUser,
    definition: ProjectDefinition,
    now: DateTime<Utc>,
) -> Result<project::Model, MarketplaceError> {
    let code = ProjectCode::parse(&definition.code)
        .map_err(|e| MarketplaceError::field(Code::ProjectCodeInvalid, "code", e.to_string()))?;
    check_location(&code, &definition.division_code)?;
    let txn = db.begin().await?;
    if store::project_code_taken(&txn, code.as_str()).await? {
        return Err(MarketplaceError::ProjectCodeTaken);
    }
    let created = store::insert_project(
        &txn,
        project::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            organisation_id: Set(user.organisation_id),
            name: Set(definition.name),
            code: Set(code.as_str().to_owned()),
            division_code: Set(definition.division_code),
            investment_fen: Set(definition.investment_fen),
            description: Set(definition.description),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let event = AuditEvent::new(
        "project.create",
        "project",
        created.public_id,
        json!({ "name": created.name, "code": created.code, "investment_fen": created.investment_fen }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// The project's location must be a current division (GB/T 2260), within the one that
/// registered its code (a county's code: that county; a city's or a province's: any division
/// under it). A code registered in a division abolished since keeps its number, so its
/// location may also lie within a successor of that division.
fn check_location(code: &ProjectCode, division_code: &str) -> Result<(), MarketplaceError> {
    if let Err(refusal) = region::check_new_code(division_code) {
        return Err(MarketplaceError::field(
            Code::DivisionCodeInvalid,
            "division_code",
            refusal.message(division_code),
        ));
    }
    let registered = code.division();
    let successors = region::abolished(registered)
        .map(|a| a.successors.as_slice())
        .unwrap_or_default();
    let within = std::iter::once(registered)
        .chain(successors.iter().map(String::as_str))
        .any(|d| division_code.starts_with(region::significant_prefix(d)));
    if !within {
        return Err(MarketplaceError::field(
            Code::DivisionOutsideCode,
            "division_code",
            format!(
                "项目所在地须位于项目代码登记的行政区划 {registered} 内 / the location must lie within division {registered}, where the project code was registered"
            ),
        ));
    }
    Ok(())
}

/// The owner's projects (the centre: any owner's, by `owner`).
pub async fn projects(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<project::Model>, MarketplaceError> {
    Ok(store::projects_of(db, user.organisation_id).await?)
}

async fn own_project<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<project::Model, MarketplaceError> {
    store::project(conn, id)
        .await?
        .filter(|p| p.organisation_id == user.organisation_id)
        .ok_or_else(|| {
            MarketplaceError::field(
                Code::ReferenceNotFound,
                "project_id",
                "no such project of yours",
            )
        })
}

// ---- terms ----

/// The resolved, checked parts of a definition.
struct Resolved {
    project: project::Model,
    service_type_id: Option<i64>,
    package_id: Option<i64>,
    fee: FeeRange,
    avoided: Vec<(i64, String)>,
}

async fn resolve_subject<C: ConnectionTrait>(
    conn: &C,
    d: &ProcurementDefinition,
) -> Result<(Option<i64>, Option<i64>, FeeRange), MarketplaceError> {
    let unknown =
        |field| MarketplaceError::field(Code::ReferenceNotFound, field, "no such active entry");
    match (d.service_type, d.package) {
        (Some(id), None) => {
            let t = catalogue_store::service_type(conn, id)
                .await?
                .filter(|t| t.active)
                .ok_or_else(|| unknown("service_type_id"))?;
            let fee = fee_range(&t).ok_or_else(|| unknown("service_type_id"))?;
            Ok((Some(t.id), None, fee))
        }
        (None, Some(id)) => {
            let package = catalogue_store::package(conn, id)
                .await?
                .ok_or_else(|| unknown("package_id"))?;
            let ids = catalogue_store::members_of_packages(conn, [package.id])
                .await?
                .remove(&package.id)
                .unwrap_or_default();
            let types = catalogue_store::service_types_by_id(conn, ids).await?;
            let fee = FeeRange::sum(types.iter().filter_map(fee_range))
                .ok_or_else(|| unknown("package_id"))?;
            Ok((None, Some(package.id), fee))
        }
        _ => Err(MarketplaceError::field(
            Code::SubjectInvalid,
            "service_type_id",
            "give exactly one of service_type_id and package_id",
        )),
    }
}

async fn resolve_avoided<C: ConnectionTrait>(
    conn: &C,
    avoided: &[(Uuid, String)],
) -> Result<Vec<(i64, String)>, MarketplaceError> {
    let mut resolved = Vec::with_capacity(avoided.len());
    for (id, reason) in avoided {
        let org = accounts::organisation_by_public_id(conn, *id)
            .await?
            .filter(|o| o.kind == OrganisationKind::Intermediary)
            .ok_or_else(|| {
                MarketplaceError::field(
                    Code::ReferenceNotFound,
                    "avoided",
                    "each avoided organisation must be an intermediary",
                )
            })?;
        if reason.trim().is_empty() {
            return Err(MarketplaceError::field(
                Code::AvoidanceReasonMissing,
                "avoided",
                "say why each intermediary is avoided",
            ));
        }
        resolved.push((org.id, reason.trim().to_owned()));
    }
    resolved.sort();
    resolved.dedup_by_key(|(id, _)| *id);
    Ok(resolved)
}

async fn resolve(
    conn: &impl ConnectionTrait,
    user: &CurrentUser,
    d: &ProcurementDefinition,
    rules: &MarketplaceSettings,
) -> Result<Resolved, MarketplaceError> {
    let project = own_project(conn, user, d.project).await?;
    let (service_type_id, package_id, fee) = resolve_subject(conn, d).await?;
    if !fee.contains(d.budget_ceiling_fen) {
        return Err(MarketplaceError::BudgetOutsideFeeRange {
            min_fen: fee.min_fen,
            max_fen: fee.max_fen,
        });
    }
    if let Some(code) = d
        .required_qualifications
        .iter()
        .find(|q| qualification_type(q).is_none())
    {
        return Err(MarketplaceError::field(
            Code::QualificationTypeUnknown,
            "required_qualifications",
            format!("no qualification type `{code}`"),
        ));
    }
    let (p, q, c) = d.weights;
    if d.method == SelectionMethod::Scored && !weights_valid(p, q, c) {
        return Err(MarketplaceError::field(
            Code::WeightsInvalid,
            "weights",
            "the price, proposal and credit weights must each be 0–100 and add up to 100",
        ));
    }
    let minimum = rules.min_bidding_working_days;
    if u32::try_from(d.bidding_working_days).map_or(true, |days| days < minimum) {
        return Err(MarketplaceError::DeadlineTooSoon(minimum));
    }
    let avoided = resolve_avoided(conn, &d.avoided).await?;
    Ok(Resolved {
        project,
        service_type_id,
        package_id,
        fee,
        avoided,
    })
}

fn min_valid_bids(rules: &MarketplaceSettings, method: SelectionMethod) -> i32 {
    let m = rules.min_valid_bids;
    let n = match method {
        SelectionMethod::DirectPick => m.direct_pick,
        SelectionMethod::RandomDraw => m.random_draw,
        SelectionMethod::LowestPrice => m.lowest_price,
        SelectionMethod::Scored => m.scored,
    };
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Writes a definition's terms onto a row.
fn apply_terms(
    row: &mut procurement::ActiveModel,
    d: &ProcurementDefinition,
    r: &Resolved,
    rules: &MarketplaceSettings,
) {
    let weights = if d.method == SelectionMethod::Scored {
        d.weights
    } else {
        (0, 0, 0)
    };
    row.project_id = Set(r.project.id);
    row.service_type_id = Set(r.service_type_id);
    row.package_id = Set(r.package_id);
    row.title = Set(d.title.clone());
    row.scope = Set(d.scope.clone());
    row.budget_ceiling_fen = Set(d.budget_ceiling_fen);
    row.fee_min_fen = Set(r.fee.min_fen);
    row.fee_max_fen = Set(r.fee.max_fen);
    let mut required: Vec<String> = d.required_qualifications.clone();
    required.sort();
    required.dedup();
    row.required_qualifications = Set(serde_json::to_string(&required).unwrap_or_default());
    row.selection_method = Set(d.method);
    row.weight_price = Set(weights.0);
    row.weight_proposal = Set(weights.1);
    row.weight_credit = Set(weights.2);
    row.min_valid_bids = Set(min_valid_bids(rules, d.method));
    row.bidding_working_days = Set(d.bidding_working_days);
    row.service_working_days = Set(d.service_working_days);
}

fn terms_summary(p: &procurement::Model) -> serde_json::Value {
    json!({
        "title": p.title, "budget_ceiling_fen": p.budget_ceiling_fen,
        "selection_method": p.selection_method,
        "weights": [p.weight_price, p.weight_proposal, p.weight_credit],
        "required_qualifications": json_list(&p.required_qualifications),
        "bid_deadline": p.bid_deadline, "service_working_days": p.service_working_days,
        "terms_version": p.terms_version,
    })
}

async fn record(
    conn: &impl ConnectionTrait,
    user: &CurrentUser,
    action: &'static str,
    p: &procurement::Model,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let event = AuditEvent::new(action, "procurement", p.public_id, detail);
    audit::record(conn, &user.actor(), event, now).await?;
    Ok(())
}

pub async fn create_procurement(
    db: &DatabaseConnection,
    user: &CurrentUser,
    definition: ProcurementDefinition,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<ProcurementView, MarketplaceError> {
    let txn = db.begin().await?;
    let resolved = resolve(&txn, user, &definition, rules).await?;
    let mut row = procurement::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        organisation_id: Set(user.organisation_id),
        status: Set(ProcurementStatus::Draft),
        terms_version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply_terms(&mut row, &definition, &resolved, rules);
    let created = store::insert_procurement(&txn, row).await?;
    store::replace_avoidances(&txn, created.id, &resolved.avoided).await?;
    record(
        &txn,
        user,
        "procurement.create",
        &created,
        terms_summary(&created),
        now,
    )
    .await?;
    txn.commit().await?;
    procurement(db, user, created.public_id).await
}

/// The procurement of `id` if the user owns it.
async fn own_procurement<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    id: Uuid,
) -> Result<procurement::Model, MarketplaceError> {
    store::procurement(conn, id)
        .await?
        .filter(|p| p.organisation_id == user.organisation_id)
        .ok_or(MarketplaceError::NotFound("procurement"))
}

/// Moves the procurement from the status it was read in to `to` (with `also`), and answers it
/// as moved; one that another request moved first is refused in the status it was read in.
pub(in crate::marketplace) async fn move_procurement<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    to: ProcurementStatus,
    now: DateTime<Utc>,
    also: Vec<(procurement::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<procurement::Model, MarketplaceError> {
    let step = Move {
        key: p.id,
        from: p.status,
        to,
    };
    if !store::move_procurement(conn, step, now, also).await? {
        return Err(MarketplaceError::WrongState(p.status.as_str()));
    }
    store::procurement_by_id(conn, p.id)
        .await?
        .ok_or(MarketplaceError::NotFound("procurement"))
}

/// Whether the procurement's bids are still sealed — nobody but each bidder knows anything of
/// them — which they are until bidding has closed; a procurement cancelled while bidding was
/// open never unseals them.
pub fn bids_sealed(p: &procurement::Model) -> bool {
    p.closed_at.is_none()
}

/// Changes a draft freely; changes a published procurement's terms, which makes the bids placed
/// on the old terms stale (their bidders must re-confirm) and, within one working day of the
/// deadline, extends it to the end of the next working day.
pub async fn update_procurement(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    definition: ProcurementDefinition,
    now: DateTime<Utc>,
    rules: &MarketplaceSettings,
) -> Result<ProcurementView, MarketplaceError> {
    let txn = db.begin().await?;
    let before = own_procurement(&txn, user, id).await?;
    let status = before.status;
    let resolved = resolve(&txn, user, &definition, rules).await?;
    let mut row: procurement::ActiveModel = before.clone().into();
    match status {
        ProcurementStatus::Draft => {}
        ProcurementStatus::Published => {
            if !store::hold_for_bidding(&txn, before.id, now).await? {
                return Err(MarketplaceError::WrongState("closed for bidding"));
            }
            let fixed = before.service_type_id != resolved.service_type_id
                || before.package_id != resolved.package_id
                || before.selection_method != definition.method
                || before.project_id != resolved.project.id
                || before.bidding_working_days != definition.bidding_working_days;
            if fixed {
                return Err(MarketplaceError::Rule(
                    Code::ProcurementTermsFixed,
                    "the project, service type, package, selection method and bidding period cannot change after publishing",
                ));
            }
            row.terms_version = Set(before.terms_version + 1);
            let next_day = calendar::deadline(&txn, now, 1).await?;
            if before.bid_deadline.is_some_and(|d| d < next_day) {
                row.bid_deadline = Set(Some(next_day));
            }
            bid_store::mark_stale(&txn, before.id, now).await?;
        }
        _ => return Err(MarketplaceError::WrongState(status.as_str())),
    }
    apply_terms(&mut row, &definition, &resolved, rules);
    row.updated_at = Set(now);
    let updated = store::update_procurement(&txn, row).await?;
    store::replace_avoidances(&txn, updated.id, &resolved.avoided).await?;
    record(
        &txn,
        user,
        "procurement.update",
        &updated,
        json!({ "before": terms_summary(&before), "after": terms_summary(&updated) }),
        now,
    )
    .await?;
    if status == ProcurementStatus::Published {
        notify_eligible(&txn, &updated, "changed", now).await?;
    }
    txn.commit().await?;
    procurement(db, user, id).await
}

/// Publishes a draft: fixes the bidding deadline in working days, commits to the draw's secret
/// seed, and tells every eligible intermediary.
pub async fn publish(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<ProcurementView, MarketplaceError> {
    let txn = db.begin().await?;
    let before = own_procurement(&txn, user, id).await?;
    if before.status != ProcurementStatus::Draft {
        return Err(MarketplaceError::WrongState(before.status.as_str()));
    }
    let days = u32::try_from(before.bidding_working_days).unwrap_or(0);
    let deadline = calendar::deadline(&txn, now, days).await?;
    let seed = Seed::generate();
    let also = vec![
        (procurement::Column::PublishedAt, Expr::value(now)),
        (procurement::Column::BidDeadline, Expr::value(deadline)),
        (
            procurement::Column::SeedCommitment,
            Expr::value(commitment(before.public_id, &seed)),
        ),
        (procurement::Column::Seed, Expr::value(seed.to_hex())),
    ];
    let published =
        move_procurement(&txn, &before, ProcurementStatus::Published, now, also).await?;
    let detail = json!({ "bid_deadline": deadline, "seed_commitment": published.seed_commitment });
    record(&txn, user, "procurement.publish", &published, detail, now).await?;
    notify_eligible(&txn, &published, "published", now).await?;
    txn.commit().await?;
    procurement(db, user, id).await
}

/// Cancels a procurement that has no award yet.
pub async fn cancel(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    reason: String,
    now: DateTime<Utc>,
) -> Result<ProcurementView, MarketplaceError> {
    let txn = db.begin().await?;
    let before = own_procurement(&txn, user, id).await?;
    let status = before.status;
    if !status.may_become(ProcurementStatus::Cancelled) {
        return Err(MarketplaceError::WrongState(status.as_str()));
    }
    let also = vec![(procurement::Column::EndReason, Expr::value(reason.clone()))];
    let cancelled =
        move_procurement(&txn, &before, ProcurementStatus::Cancelled, now, also).await?;
    record(
        &txn,
        user,
        "procurement.cancel",
        &cancelled,
        json!({ "reason": reason, "from": status.as_str() }),
        now,
    )
    .await?;
    if status != ProcurementStatus::Draft {
        notify_eligible(&txn, &cancelled, "cancelled", now).await?;
    }
    txn.commit().await?;
    procurement(db, user, id).await
}

/// Copies a failed (流标) or cancelled procurement into a new draft with the same terms.
pub async fn republish(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<ProcurementView, MarketplaceError> {
    let txn = db.begin().await?;
    let before = own_procurement(&txn, user, id).await?;
    let status = before.status;
    if !matches!(
        status,
        ProcurementStatus::Failed | ProcurementStatus::Cancelled
    ) {
        return Err(MarketplaceError::WrongState(status.as_str()));
    }
    let copy = procurement::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        project_id: Set(before.project_id),
        organisation_id: Set(before.organisation_id),
        service_type_id: Set(before.service_type_id),
        package_id: Set(before.package_id),
        title: Set(before.title.clone()),
        scope: Set(before.scope.clone()),
        budget_ceiling_fen: Set(before.budget_ceiling_fen),
        fee_min_fen: Set(before.fee_min_fen),
        fee_max_fen: Set(before.fee_max_fen),
        required_qualifications: Set(before.required_qualifications.clone()),
        selection_method: Set(before.selection_method),
        weight_price: Set(before.weight_price),
        weight_proposal: Set(before.weight_proposal),
        weight_credit: Set(before.weight_credit),
        min_valid_bids: Set(before.min_valid_bids),
        status: Set(ProcurementStatus::Draft),
        bidding_working_days: Set(before.bidding_working_days),
        service_working_days: Set(before.service_working_days),
        terms_version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let created = store::insert_procurement(&txn, copy).await?;
    let avoided: Vec<(i64, String)> = store::avoidances(&txn, before.id)
        .await?
        .into_iter()
        .map(|a| (a.organisation_id, a.reason))
        .collect();
    store::replace_avoidances(&txn, created.id, &avoided).await?;
    record(
        &txn,
        user,
        "procurement.republish",
        &created,
        json!({ "from": before.public_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    procurement(db, user, created.public_id).await
}

// ---- eligibility and notices ----

/// The intermediaries that may bid on `p` today.
pub async fn eligible_intermediaries<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    now: DateTime<Utc>,
) -> Result<Vec<organisation::Model>, MarketplaceError> {
    let terms = bidding_terms(conn, p).await?;
    let types: Vec<i64> = terms.service_type_ids.iter().copied().collect();
    let offering = intermediary_store::offering_all(conn, &types).await?;
    let mut candidates: Vec<organisation::Model> = accounts::organisations_by_id(conn, offering)
        .await?
        .into_iter()
        .filter(|o| o.kind == OrganisationKind::Intermediary)
        .collect();
    candidates.sort_by_key(|o| o.id);
    let facts = intermediaries::facts(conn, &candidates).await?;
    let today = now.with_timezone(&CHINA).date_naive();
    Ok(candidates
        .into_iter()
        .zip(facts)
        .filter(|(_, f)| eligibility::check(f, &terms, today).is_ok())
        .map(|(o, _)| o)
        .collect())
}

/// Tells every eligible intermediary about the procurement (what: published, changed,
/// cancelled). Sent to all of them alike, so nobody can learn from it who has bid.
async fn notify_eligible<C: ConnectionTrait>(
    conn: &C,
    p: &procurement::Model,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let event = if what == "published" {
        Event::ProcurementPublished
    } else {
        Event::ProcurementUpdated
    };
    let notice = notice(p, event, what);
    for org in eligible_intermediaries(conn, p, now).await? {
        tell(conn, org.id, &notice, now).await?;
    }
    Ok(())
}

/// A notice of a step of a procurement; the link leads each recipient to its own view of it.
fn notice(p: &procurement::Model, event: Event, what: &str) -> Notice {
    let deadline = p.bid_deadline.map(crate::calendar::china_time);
    Notice {
        event,
        params: json!({ "title": p.title, "what": what, "deadline": deadline }),
        link: Some(format!("/marketplace/procurements/{}", p.public_id)),
    }
}

async fn tell<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    notifications::notify_organisation(conn, organisation_id, notice, now).await?;
    Ok(())
}

/// Tells one organisation's users about a step of a procurement.
pub async fn notify_organisation<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    p: &procurement::Model,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let notice = notice(p, Event::ProcurementUpdated, what);
    tell(conn, organisation_id, &notice, now).await
}

// ---- reading ----

/// Whether the user may see the procurement at all: drafts only their owner; the rest everyone
/// signed in (a published procurement is a public announcement).
fn visible(p: &procurement::Model, user: &CurrentUser) -> bool {
    p.organisation_id == user.organisation_id || p.status != ProcurementStatus::Draft
}

pub fn viewer(p: &procurement::Model, user: &CurrentUser) -> Viewer {
    if p.organisation_id == user.organisation_id {
        Viewer::Owner
    } else if matches!(user.role, Role::CenterAdmin | Role::Regulator) {
        Viewer::Staff
    } else if user.role == Role::Intermediary {
        Viewer::Intermediary(user.organisation_id)
    } else {
        Viewer::Public
    }
}

/// One procurement as the user may see it.
pub async fn procurement(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<ProcurementView, MarketplaceError> {
    let p = store::procurement(db, id)
        .await?
        .filter(|p| visible(p, user))
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let viewer = viewer(&p, user);
    view(db, p, viewer).await
}

/// How lists of procurements are filtered.
#[derive(Debug, Clone, Default)]
pub struct ProcurementFilter {
    pub mine: bool,
    pub status: Option<ProcurementStatus>,
    pub service_type: Option<Uuid>,
    pub text: Option<String>,
}

/// A page of procurements: the owner's own (`mine`), or every published one.
pub async fn procurements(
    db: &DatabaseConnection,
    user: &CurrentUser,
    filter: &ProcurementFilter,
    paging: &Paging,
) -> Result<Page<ProcurementView>, MarketplaceError> {
    let service_type_id = match filter.service_type {
        Some(id) => Some(
            catalogue_store::service_type(db, id)
                .await?
                .ok_or_else(|| {
                    MarketplaceError::field(
                        Code::ReferenceNotFound,
                        "service_type_id",
                        "no such service type",
                    )
                })?
                .id,
        ),
        None => None,
    };
    let query = ProcurementQuery {
        owner: filter.mine.then_some(user.organisation_id),
        statuses: filter.status.into_iter().collect(),
        published_only: !filter.mine,
        service_type_id,
        text: filter.text.as_deref(),
        ..Default::default()
    };
    let (rows, total) =
        store::procurements_page(db, &query, paging.page_index(), paging.per_page()).await?;
    let rows = rows
        .into_iter()
        .map(|p| {
            let viewer = viewer(&p, user);
            (p, viewer)
        })
        .collect();
    Ok(Page::new(views(db, rows).await?, total, paging))
}

/// The published procurements this intermediary may bid on now, soonest deadline first.
pub async fn open_for_me(
    db: &DatabaseConnection,
    user: &CurrentUser,
    text: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<ProcurementView>, MarketplaceError> {
    let query = ProcurementQuery {
        statuses: vec![ProcurementStatus::Published],
        text,
        ..Default::default()
    };
    let me = accounts::organisation_by_id(db, user.organisation_id)
        .await?
        .ok_or(MarketplaceError::NotFound("organisation"))?;
    let facts = intermediaries::facts(db, std::slice::from_ref(&me))
        .await?
        .pop()
        .unwrap_or_default();
    let today = now.with_timezone(&CHINA).date_naive();
    let still_open: Vec<procurement::Model> = store::procurements_all(db, &query)
        .await?
        .into_iter()
        .filter(|p| p.bid_deadline.is_none_or(|d| d > now))
        .collect();
    let terms = bidding_terms_of(db, &still_open).await?;
    let me = Viewer::Intermediary(user.organisation_id);
    let open = still_open
        .into_iter()
        .zip(terms)
        .filter(|(_, terms)| eligibility::check(&facts, terms, today).is_ok())
        .map(|(p, _)| (p, me))
        .collect();
    views(db, open).await
}

// ---- clarifications ----

/// Asks the owner a question before the deadline (the asker stays anonymous).
pub async fn ask_question(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    question: String,
    now: DateTime<Utc>,
) -> Result<procurement_question::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = store::procurement(&txn, id)
        .await?
        .filter(|p| visible(p, user))
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    if !store::hold_for_bidding(&txn, p.id, now).await? {
        return Err(MarketplaceError::WrongState("closed for questions"));
    }
    // Questions are for those who may bid: anyone else would only pester the owner.
    bids::check_bidder(&txn, user, &p, now).await?;
    let asked = store::insert_question(
        &txn,
        procurement_question::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            procurement_id: Set(p.id),
            organisation_id: Set(user.organisation_id),
            question: Set(question),
            asked_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    notify_organisation(&txn, p.organisation_id, &p, "question_asked", now).await?;
    txn.commit().await?;
    Ok(asked)
}

/// The owner answers a question; every bidder sees the answer.
pub async fn answer_question(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    question: Uuid,
    answer: String,
    now: DateTime<Utc>,
) -> Result<procurement_question::Model, MarketplaceError> {
    let txn = db.begin().await?;
    let p = own_procurement(&txn, user, id).await?;
    let q = store::question(&txn, question)
        .await?
        .filter(|q| q.procurement_id == p.id)
        .ok_or(MarketplaceError::NotFound("question"))?;
    let mut row: procurement_question::ActiveModel = q.into();
    row.answer = Set(Some(answer.clone()));
    row.answered_at = Set(Some(now));
    let answered = store::update_question(&txn, row).await?;
    record(
        &txn,
        user,
        "procurement.answer_question",
        &p,
        json!({ "question": answered.public_id, "answer": answer }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(answered)
}

/// The questions of a procurement: all for its owner and the centre, the answered ones for the
/// rest, and never who asked.
pub async fn questions(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<Vec<procurement_question::Model>, MarketplaceError> {
    let p = store::procurement(db, id)
        .await?
        .filter(|p| visible(p, user))
        .ok_or(MarketplaceError::NotFound("procurement"))?;
    let all = matches!(viewer(&p, user), Viewer::Owner | Viewer::Staff);
    Ok(store::questions(db, p.id)
        .await?
        .into_iter()
        .filter(|q| all || q.answer.is_some() || q.organisation_id == user.organisation_id)
        .collect())
}

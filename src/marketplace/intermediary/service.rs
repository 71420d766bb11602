//! Intermediaries in the supermarket: what each offers (service types), holds (qualifications
//! with expiry) and employs (registered practitioners), as it keeps it and as owners see it —
//! listed higher-credit first, delisted ones hidden — and the facts that decide who may bid.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entities::{intermediary_profile, intermediary_qualification, organisation, service_type};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::super::{
    catalogue::store as catalogue_store, eligibility::IntermediaryFacts, error::MarketplaceError,
    model::qualification_type,
};
use super::store;
use crate::{
    accounts::{self, OrganisationKind, OrganisationStatus},
    audit::{self, AuditEvent},
    auth::CurrentUser,
    credit::{self, Standing},
    error::Code,
};

/// An intermediary as owners and the centre see it.
#[derive(Debug, Clone)]
pub struct IntermediaryView {
    pub organisation: organisation::Model,
    pub profile: Option<intermediary_profile::Model>,
    pub service_types: Vec<service_type::Model>,
    pub qualifications: Vec<intermediary_qualification::Model>,
    pub standing: Standing,
}

/// What an intermediary says of itself.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub practitioners: i32,
    pub introduction: String,
    pub contact: IntermediaryContact,
    pub service_types: Vec<Uuid>,
}

/// Who answers for an intermediary and how it is reached; none where it does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntermediaryContact {
    pub legal_representative: Option<String>,
    pub phone: Option<String>,
    /// Lower case.
    pub email: Option<String>,
}

/// A qualification as the intermediary records it (one per type: saving again replaces it).
#[derive(Debug, Clone)]
pub struct QualificationInput {
    pub qualification_type: String,
    pub level: String,
    pub certificate_number: String,
    pub expires_on: NaiveDate,
}

/// How an owner filters intermediaries.
#[derive(Debug, Clone, Default)]
pub struct IntermediaryFilter {
    pub service_type: Option<Uuid>,
    /// Contained in the name.
    pub name: Option<String>,
}

fn active_intermediary(org: &organisation::Model) -> bool {
    org.kind == OrganisationKind::Intermediary && org.status == OrganisationStatus::Active
}

/// Views of these intermediaries, in the order given.
async fn views<C: ConnectionTrait>(
    conn: &C,
    organisations: Vec<organisation::Model>,
) -> Result<Vec<IntermediaryView>, MarketplaceError> {
    let ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    let mut profiles = store::profiles(conn, &ids).await?;
    let offered = store::offered(conn, &ids).await?;
    let types: BTreeMap<i64, service_type::Model> = catalogue_store::service_types(conn, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut qualifications: HashMap<i64, Vec<intermediary_qualification::Model>> = HashMap::new();
    for q in store::qualifications(conn, &ids).await? {
        qualifications.entry(q.organisation_id).or_default().push(q);
    }
    let standings = credit::standings(conn, &ids).await?;
    Ok(organisations
        .into_iter()
        .map(|organisation| {
            let id = organisation.id;
            IntermediaryView {
                profile: profiles.remove(&id),
                service_types: offered
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter_map(|t| types.get(t).cloned())
                    .collect(),
                qualifications: qualifications.remove(&id).unwrap_or_default(),
                standing: standings.get(&id).copied().unwrap_or(Standing::UNRATED),
                organisation,
            }
        })
        .collect())
}

/// One intermediary (active ones for everyone; any for the centre and itself).
pub async fn intermediary(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<IntermediaryView, MarketplaceError> {
    let organisation = accounts::organisation_by_public_id(db, id)
        .await?
        .filter(|o| o.kind == OrganisationKind::Intermediary)
        .filter(|o| {
            active_intermediary(o)
                || o.id == user.organisation_id
                || user.role == accounts::Role::CenterAdmin
        })
        .ok_or(MarketplaceError::NotFound("intermediary"))?;
    views(db, vec![organisation])
        .await?
        .pop()
        .ok_or(MarketplaceError::NotFound("intermediary"))
}

/// Active, listed intermediaries: five stars first, then four… then the unrated; delisted ones
/// are hidden.
pub async fn intermediaries(
    db: &DatabaseConnection,
    filter: &IntermediaryFilter,
) -> Result<Vec<IntermediaryView>, MarketplaceError> {
    let mut organisations: Vec<organisation::Model> =
        accounts::organisations_of_kind(db, OrganisationKind::Intermediary)
            .await?
            .into_iter()
            .filter(active_intermediary)
            .filter(|o| {
                filter
                    .name
                    .as_deref()
                    .is_none_or(|n| o.name.to_lowercase().contains(&n.trim().to_lowercase()))
            })
            .collect();
    if let Some(id) = filter.service_type {
        let t = catalogue_store::service_type(db, id)
            .await?
            .ok_or_else(|| {
                MarketplaceError::field(
                    Code::ReferenceNotFound,
                    "service_type",
                    "no such service type",
                )
            })?;
        let offering = store::offering_all(db, &[t.id]).await?;
        organisations.retain(|o| offering.binary_search(&o.id).is_ok());
    }
    let mut listed: Vec<IntermediaryView> = views(db, organisations)
        .await?
        .into_iter()
        .filter(|v| !v.standing.delisted)
        .collect();
    listed.sort_by_key(|v| std::cmp::Reverse(v.standing.stars.map(|s| s.stars())));
    Ok(listed)
}

/// The facts that decide whether each of these organisations may bid.
pub async fn facts<C: ConnectionTrait>(
    conn: &C,
    organisations: &[organisation::Model],
) -> Result<Vec<IntermediaryFacts>, MarketplaceError> {
    let ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    let offered = store::offered(conn, &ids).await?;
    let standings = credit::standings(conn, &ids).await?;
    let mut held: HashMap<i64, BTreeMap<String, NaiveDate>> = HashMap::new();
    for q in store::qualifications(conn, &ids).await? {
        held.entry(q.organisation_id)
            .or_default()
            .insert(q.qualification_type, q.expires_on);
    }
    Ok(organisations
        .iter()
        .map(|o| IntermediaryFacts {
            organisation_id: o.id,
            active: active_intermediary(o),
            delisted: standings.get(&o.id).is_some_and(|s| s.delisted),
            offered: offered.get(&o.id).into_iter().flatten().copied().collect(),
            qualifications: held.remove(&o.id).unwrap_or_default(),
        })
        .collect())
}

/// What an intermediary states about who answers for it and how it is reached.
pub async fn contact<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<IntermediaryContact, sea_orm::DbErr> {
    let profile = store::profiles(conn, &[organisation_id])
        .await?
        .remove(&organisation_id);
    Ok(
        profile.map_or_else(IntermediaryContact::default, |p| IntermediaryContact {
            legal_representative: p.legal_representative,
            phone: p.contact_phone,
            email: p.contact_email,
        }),
    )
}

pub async fn update_profile(
    db: &DatabaseConnection,
    user: &CurrentUser,
    update: ProfileUpdate,
    now: DateTime<Utc>,
) -> Result<IntermediaryView, MarketplaceError> {
    let txn = db.begin().await?;
    let types = catalogue_store::service_types_by_public_id(&txn, &update.service_types).await?;
    if types.len() != update.service_types.len() {
        return Err(MarketplaceError::field(
            Code::ReferenceNotFound,
            "service_type_ids",
            "each service type must exist and appear once",
        ));
    }
    let type_ids: Vec<i64> = types.iter().map(|t| t.id).collect();
    store::upsert_profile(&txn, user.organisation_id, &update, now).await?;
    store::replace_offered(&txn, user.organisation_id, &type_ids).await?;
    let codes: Vec<&str> = types.iter().map(|t| t.code.as_str()).collect();
    let event = AuditEvent::new(
        "intermediary.update_profile",
        "organisation",
        user.organisation_public_id,
        json!({ "practitioners": update.practitioners, "service_types": codes }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    intermediary(db, user, user.organisation_public_id).await
}

fn check_qualification(input: &QualificationInput) -> Result<(), MarketplaceError> {
    let known = qualification_type(&input.qualification_type).ok_or_else(|| {
        MarketplaceError::field(
            Code::QualificationTypeUnknown,
            "qualification_type",
            format!("no qualification type `{}`", input.qualification_type),
        )
    })?;
    let level_ok = if known.levels.is_empty() {
        input.level.is_empty()
    } else {
        known.levels.contains(&input.level)
    };
    if !level_ok {
        return Err(MarketplaceError::field(
            Code::QualificationLevelUnknown,
            "level",
            format!(
                "the levels of `{}` are: {}",
                known.code,
                known.levels.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Records (or replaces) the intermediary's qualification of one type.
pub async fn save_qualification(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: QualificationInput,
    now: DateTime<Utc>,
) -> Result<intermediary_qualification::Model, MarketplaceError> {
    check_qualification(&input)?;
    let txn = db.begin().await?;
    let existing =
        store::qualification_of_type(&txn, user.organisation_id, &input.qualification_type).await?;
    let replacing = existing.is_some();
    let mut row: intermediary_qualification::ActiveModel = match existing {
        Some(q) => q.into(),
        None => intermediary_qualification::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            organisation_id: Set(user.organisation_id),
            qualification_type: Set(input.qualification_type.clone()),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.level = Set(input.level.clone());
    row.certificate_number = Set(input.certificate_number.clone());
    row.expires_on = Set(input.expires_on);
    row.updated_at = Set(now);
    let saved = if replacing {
        store::update_qualification(&txn, row).await?
    } else {
        store::insert_qualification(&txn, row).await?
    };
    let event = AuditEvent::new(
        "intermediary.save_qualification",
        "intermediary_qualification",
        saved.public_id,
        json!({
            "type": saved.qualification_type, "level": saved.level,
            "certificate_number": saved.certificate_number, "expires_on": saved.expires_on,
        }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete_qualification(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), MarketplaceError> {
    let txn = db.begin().await?;
    let q = store::qualification(&txn, id)
        .await?
        .filter(|q| q.organisation_id == user.organisation_id)
        .ok_or(MarketplaceError::NotFound("qualification"))?;
    store::delete_qualification(&txn, q.id).await?;
    let event = AuditEvent::new(
        "intermediary.delete_qualification",
        "intermediary_qualification",
        q.public_id,
        json!({ "type": q.qualification_type, "certificate_number": q.certificate_number }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(())
}

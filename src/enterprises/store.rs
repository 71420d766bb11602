//! Enterprise queries: profiles with their qualifications and history, the tag catalogue and
//! manual tags, and the eligibility change log; [`bulk_load`] writes benchmark-scale loads.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use entities::{
    eligibility_change::{self, Entity as EligibilityChange},
    enterprise_profile::{self, Entity as EnterpriseProfile},
    enterprise_profile_version::{self, Entity as EnterpriseProfileVersion},
    enterprise_qualification::{self, Entity as EnterpriseQualification, Verification},
    enterprise_tag::{self, Entity as EnterpriseTag},
    organisation::{self, Entity as Organisation},
    tag::{self, Entity as Tag},
    tag_dimension::{self, Entity as TagDimension},
};
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::model::ChangeKind;
use super::model::{Contact, HeldQualification, ProfileFields};
use super::SizeClass;
use crate::{
    accounts::OrganisationKind,
    db::{self, contains_text, starts_with_text},
};

pub mod bulk_load;

pub async fn enterprise<C: ConnectionTrait>(
    conn: &C,
    public_id: uuid::Uuid,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::PublicId.eq(public_id))
        .filter(organisation::Column::Kind.eq(OrganisationKind::Enterprise))
        .one(conn)
        .await
}

pub async fn organisation<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find_by_id(id).one(conn).await
}

/// A stored profile: its row, its fields, and its qualification rows (in the fields' order, with
/// their verification).
pub type StoredProfile = (
    enterprise_profile::Model,
    ProfileFields,
    Vec<enterprise_qualification::Model>,
);

/// The stored profile (none before the first save).
pub async fn profile<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Option<StoredProfile>, DbErr> {
    let Some(row) = EnterpriseProfile::find_by_id(organisation_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let qualifications = qualifications_of(conn, organisation_id).await?;
    let fields = fields_of(&row, &qualifications);
    Ok(Some((row, fields, qualifications)))
}

async fn qualifications_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<enterprise_qualification::Model>, DbErr> {
    EnterpriseQualification::find()
        .filter(enterprise_qualification::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(enterprise_qualification::Column::Id)
        .all(conn)
        .await
}

/// Which of the qualification rows are verified, in order.
pub fn verified_flags(qualifications: &[enterprise_qualification::Model]) -> Vec<bool> {
    qualifications
        .iter()
        .map(|q| q.verification == Verification::Verified)
        .collect()
}

fn fields_of(
    row: &enterprise_profile::Model,
    qualifications: &[enterprise_qualification::Model],
) -> ProfileFields {
    ProfileFields {
        legal_representative: row.legal_representative.clone(),
        registered_capital_fen: row.registered_capital_fen,
        revenue_fen: row.revenue_fen,
        total_assets_fen: row.total_assets_fen,
        founded_on: row.founded_on,
        region_code: row.region_code.clone(),
        industry_code: row.industry_code.clone(),
        employees: row.employees,
        rd_spending_fen: row.rd_spending_fen,
        tax_credit_grade: row.tax_credit_grade.map(|g| g.as_str().to_owned()),
        qualifications: qualifications
            .iter()
            .map(|q| HeldQualification {
                kind: q.kind.clone(),
                certificate_no: q.certificate_no.clone(),
                obtained_on: q.obtained_on,
                expires_on: q.expires_on,
            })
            .collect(),
        contacts: serde_json::from_str::<Vec<Contact>>(&row.contacts).unwrap_or_default(),
    }
}

/// Who verified a qualification, and when.
#[derive(Debug, Clone)]
pub struct Verifier {
    /// None: a load without a signed-in user (the synthetic set).
    pub user: Option<uuid::Uuid>,
    pub organisation: String,
    pub at: DateTime<Utc>,
}

/// Writes a profile version (insert or update) and replaces its qualifications. A qualification
/// saved again unchanged (same kind, certificate number and dates) keeps its public id and its
/// verification; one whose kind and certificate number match a stored one but whose dates changed
/// keeps its public id and is declared again; any other is new and declared. With `verifier`
/// (the centre's import), every qualification saved is verified by it (one already verified and
/// unchanged keeps its first verification).
pub async fn save_profile<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    fields: &ProfileFields,
    (size_class, version): (Option<SizeClass>, i32),
    now: DateTime<Utc>,
    verifier: Option<&Verifier>,
) -> Result<(), DbErr> {
    let row = profile_row(organisation_id, fields, (size_class, version), now)?;
    EnterpriseProfile::insert(row)
        .on_conflict(
            OnConflict::column(enterprise_profile::Column::OrganisationId)
                .update_columns([
                    enterprise_profile::Column::LegalRepresentative,
                    enterprise_profile::Column::RegisteredCapitalFen,
                    enterprise_profile::Column::RevenueFen,
                    enterprise_profile::Column::TotalAssetsFen,
                    enterprise_profile::Column::FoundedOn,
                    enterprise_profile::Column::RegionCode,
                    enterprise_profile::Column::IndustryCode,
                    enterprise_profile::Column::Employees,
                    enterprise_profile::Column::RdSpendingFen,
                    enterprise_profile::Column::TaxCreditGrade,
                    enterprise_profile::Column::SizeClass,
                    enterprise_profile::Column::SizeClassRevision,
                    enterprise_profile::Column::Contacts,
                    enterprise_profile::Column::Version,
                    enterprise_profile::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    let mut stored = qualifications_of(conn, organisation_id).await?;
    let rows: Vec<enterprise_qualification::ActiveModel> = fields
        .qualifications
        .iter()
        .map(|q| carried_over(organisation_id, q, &mut stored, verifier))
        .collect();
    EnterpriseQualification::delete_many()
        .filter(enterprise_qualification::Column::OrganisationId.eq(organisation_id))
        .exec(conn)
        .await?;
    if !rows.is_empty() {
        EnterpriseQualification::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The profile row of one version of `fields`.
fn profile_row(
    organisation_id: i64,
    fields: &ProfileFields,
    (size_class, version): (Option<SizeClass>, i32),
    now: DateTime<Utc>,
) -> Result<enterprise_profile::ActiveModel, DbErr> {
    let contacts = serde_json::to_string(&fields.contacts).unwrap_or_else(|_| "[]".to_owned());
    let tax_credit_grade = fields.stored_grade().map_err(DbErr::Custom)?;
    Ok(enterprise_profile::ActiveModel {
        organisation_id: Set(organisation_id),
        legal_representative: Set(fields.legal_representative.clone()),
        registered_capital_fen: Set(fields.registered_capital_fen),
        revenue_fen: Set(fields.revenue_fen),
        total_assets_fen: Set(fields.total_assets_fen),
        founded_on: Set(fields.founded_on),
        region_code: Set(fields.region_code.clone()),
        industry_code: Set(fields.industry_code.clone()),
        employees: Set(fields.employees),
        rd_spending_fen: Set(fields.rd_spending_fen),
        tax_credit_grade: Set(tax_credit_grade),
        size_class: Set(size_class),
        size_class_revision: Set(super::size::RULES_REVISION),
        contacts: Set(contacts),
        version: Set(version),
        updated_at: Set(now),
    })
}

/// The row to write for a qualification being saved, taking the stored row it continues (same
/// kind and certificate number) out of `stored`.
fn carried_over(
    organisation_id: i64,
    held: &HeldQualification,
    stored: &mut Vec<enterprise_qualification::Model>,
    verifier: Option<&Verifier>,
) -> enterprise_qualification::ActiveModel {
    let same_key = |s: &enterprise_qualification::Model| {
        s.kind == held.kind && s.certificate_no == held.certificate_no
    };
    let unchanged = |s: &enterprise_qualification::Model| {
        same_key(s) && s.obtained_on == held.obtained_on && s.expires_on == held.expires_on
    };
    let previous = stored
        .iter()
        .position(unchanged)
        .or_else(|| stored.iter().position(same_key))
        .map(|at| stored.remove(at));
    let public_id = previous
        .as_ref()
        .map_or_else(uuid::Uuid::new_v4, |p| p.public_id);
    let kept = previous
        .filter(|p| unchanged(p))
        .filter(|p| verifier.is_none() || p.verification == Verification::Verified);
    let (verification, verified_by, by_organisation, verified_at, note) = match (kept, verifier) {
        (Some(p), _) => (
            p.verification,
            p.verified_by,
            p.verifier,
            p.verified_at,
            p.verification_note,
        ),
        (None, Some(by)) => (
            Verification::Verified,
            by.user,
            Some(by.organisation.clone()),
            Some(by.at),
            None,
        ),
        (None, None) => (Verification::Declared, None, None, None, None),
    };
    enterprise_qualification::ActiveModel {
        public_id: Set(public_id),
        organisation_id: Set(organisation_id),
        kind: Set(held.kind.clone()),
        certificate_no: Set(held.certificate_no.clone()),
        obtained_on: Set(held.obtained_on),
        expires_on: Set(held.expires_on),
        verification: Set(verification),
        verified_by: Set(verified_by),
        verifier: Set(by_organisation),
        verified_at: Set(verified_at),
        verification_note: Set(note),
        ..Default::default()
    }
}

/// One enterprise's qualification by its public id.
pub async fn qualification<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    public_id: uuid::Uuid,
) -> Result<Option<enterprise_qualification::Model>, DbErr> {
    EnterpriseQualification::find()
        .filter(enterprise_qualification::Column::OrganisationId.eq(organisation_id))
        .filter(enterprise_qualification::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

/// Records a verification decision on a qualification.
pub async fn set_verification<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    verification: Verification,
    by: &Verifier,
    note: Option<String>,
) -> Result<enterprise_qualification::Model, DbErr> {
    EnterpriseQualification::update(enterprise_qualification::ActiveModel {
        id: Set(id),
        verification: Set(verification),
        verified_by: Set(by.user),
        verifier: Set(Some(by.organisation.clone())),
        verified_at: Set(Some(by.at)),
        verification_note: Set(note),
        ..Default::default()
    })
    .exec(conn)
    .await
}

pub async fn insert_version<C: ConnectionTrait>(
    conn: &C,
    row: enterprise_profile_version::ActiveModel,
) -> Result<(), DbErr> {
    EnterpriseProfileVersion::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn versions<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<enterprise_profile_version::Model>, u64), DbErr> {
    let paginator = EnterpriseProfileVersion::find()
        .filter(enterprise_profile_version::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(enterprise_profile_version::Column::Version)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

/// What the enterprise list is filtered by (each when given).
#[derive(Debug, Default)]
pub struct EnterpriseFilter<'a> {
    /// Contained in the name or the unified social credit code.
    pub text: Option<&'a str>,
    /// An administrative division prefix, e.g. `3301`.
    pub region_prefix: Option<&'a str>,
    /// An industry code prefix, e.g. `C` or `I65`.
    pub industry_prefix: Option<&'a str>,
    pub size_class: Option<SizeClass>,
}

fn filled(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The ids of enterprises whose profile matches the filter's profile fields, if it has any.
fn profile_subquery(filter: &EnterpriseFilter<'_>) -> Option<sea_orm::sea_query::SelectStatement> {
    let conditions: Vec<sea_orm::sea_query::SimpleExpr> = [
        filled(filter.region_prefix)
            .map(|p| starts_with_text(enterprise_profile::Column::RegionCode, p)),
        filled(filter.industry_prefix)
            .map(|p| starts_with_text(enterprise_profile::Column::IndustryCode, &p.to_uppercase())),
        filter
            .size_class
            .map(|c| enterprise_profile::Column::SizeClass.eq(c)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if conditions.is_empty() {
        return None;
    }
    let mut select = sea_orm::sea_query::Query::select();
    select
        .column(enterprise_profile::Column::OrganisationId)
        .from(EnterpriseProfile);
    for condition in conditions {
        select.and_where(condition);
    }
    Some(select.to_owned())
}

/// Enterprises matching the filter (all when empty), by name.
pub async fn enterprises_page<C: ConnectionTrait>(
    conn: &C,
    filter: &EnterpriseFilter<'_>,
    page_index: u64,
    per_page: u64,
) -> Result<
    (
        Vec<(organisation::Model, Option<enterprise_profile::Model>)>,
        u64,
    ),
    DbErr,
> {
    let mut query =
        Organisation::find().filter(organisation::Column::Kind.eq(OrganisationKind::Enterprise));
    if let Some(text) = filled(filter.text) {
        query = query.filter(
            sea_orm::Condition::any()
                .add(contains_text(organisation::Column::Name, text))
                .add(contains_text(organisation::Column::Uscc, text)),
        );
    }
    if let Some(subquery) = profile_subquery(filter) {
        query = query.filter(organisation::Column::Id.in_subquery(subquery));
    }
    let paginator = query
        .order_by_asc(organisation::Column::Name)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    let organisations = paginator.fetch_page(page_index).await?;
    let ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    let mut profiles: HashMap<i64, enterprise_profile::Model> = EnterpriseProfile::find()
        .filter(enterprise_profile::Column::OrganisationId.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.organisation_id, p))
        .collect();
    Ok((
        organisations
            .into_iter()
            .map(|o| {
                let profile = profiles.remove(&o.id);
                (o, profile)
            })
            .collect(),
        total,
    ))
}

// ---- tags ----

pub async fn dimensions<C: ConnectionTrait>(conn: &C) -> Result<Vec<tag_dimension::Model>, DbErr> {
    TagDimension::find()
        .order_by_asc(tag_dimension::Column::Position)
        .order_by_asc(tag_dimension::Column::Id)
        .all(conn)
        .await
}

pub async fn dimension<C: ConnectionTrait>(
    conn: &C,
    public_id: uuid::Uuid,
) -> Result<Option<tag_dimension::Model>, DbErr> {
    TagDimension::find()
        .filter(tag_dimension::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn insert_dimension<C: ConnectionTrait>(
    conn: &C,
    row: tag_dimension::ActiveModel,
) -> Result<tag_dimension::Model, DbErr> {
    TagDimension::insert(row).exec_with_returning(conn).await
}

pub async fn update_dimension<C: ConnectionTrait>(
    conn: &C,
    row: tag_dimension::ActiveModel,
) -> Result<tag_dimension::Model, DbErr> {
    TagDimension::update(row).exec(conn).await
}

pub async fn delete_dimension<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    TagDimension::delete_by_id(id).exec(conn).await?;
    Ok(())
}

/// How many tags a dimension holds.
pub async fn tags_in_dimension<C: ConnectionTrait>(
    conn: &C,
    dimension_id: i64,
) -> Result<u64, DbErr> {
    Tag::find()
        .filter(tag::Column::DimensionId.eq(dimension_id))
        .count(conn)
        .await
}

pub async fn tags<C: ConnectionTrait>(conn: &C) -> Result<Vec<tag::Model>, DbErr> {
    Tag::find().order_by_asc(tag::Column::Id).all(conn).await
}

pub async fn tag<C: ConnectionTrait>(
    conn: &C,
    public_id: uuid::Uuid,
) -> Result<Option<tag::Model>, DbErr> {
    Tag::find()
        .filter(tag::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn code_taken<C: ConnectionTrait>(conn: &C, code: &str) -> Result<bool, DbErr> {
    let tags = Tag::find()
        .filter(tag::Column::Code.eq(code))
        .count(conn)
        .await?;
    let dimensions = TagDimension::find()
        .filter(tag_dimension::Column::Code.eq(code))
        .count(conn)
        .await?;
    Ok(tags + dimensions > 0)
}

pub async fn insert_tag<C: ConnectionTrait>(
    conn: &C,
    row: tag::ActiveModel,
) -> Result<tag::Model, DbErr> {
    Tag::insert(row).exec_with_returning(conn).await
}

pub async fn update_tag<C: ConnectionTrait>(
    conn: &C,
    row: tag::ActiveModel,
) -> Result<tag::Model, DbErr> {
    Tag::update(row).exec(conn).await
}

pub async fn delete_tag<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    Tag::delete_by_id(id).exec(conn).await?;
    Ok(())
}

/// The manual tag codes of one enterprise.
pub async fn manual_tag_codes<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<BTreeSet<String>, DbErr> {
    let ids: Vec<i64> = EnterpriseTag::find()
        .filter(enterprise_tag::Column::OrganisationId.eq(organisation_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.tag_id)
        .collect();
    Ok(Tag::find()
        .filter(tag::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect())
}

/// Gives a manual tag; answers false when the enterprise had it already.
pub async fn assign_tag<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    tag_id: i64,
    by: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let inserted = EnterpriseTag::insert(enterprise_tag::ActiveModel {
        organisation_id: Set(organisation_id),
        tag_id: Set(tag_id),
        assigned_at: Set(now),
        assigned_by: Set(Some(by)),
    })
    .on_conflict(
        OnConflict::columns([
            enterprise_tag::Column::OrganisationId,
            enterprise_tag::Column::TagId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted > 0)
}

pub async fn remove_tag<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    tag_id: i64,
) -> Result<bool, DbErr> {
    Ok(EnterpriseTag::delete_many()
        .filter(enterprise_tag::Column::OrganisationId.eq(organisation_id))
        .filter(enterprise_tag::Column::TagId.eq(tag_id))
        .exec(conn)
        .await?
        .rows_affected
        > 0)
}

pub async fn tagged_organisations<C: ConnectionTrait>(
    conn: &C,
    tag_id: i64,
) -> Result<Vec<i64>, DbErr> {
    Ok(EnterpriseTag::find()
        .filter(enterprise_tag::Column::TagId.eq(tag_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.organisation_id)
        .collect())
}

/// Up to `limit` profiles whose size class was derived with rules older than `revision`.
pub async fn profiles_derived_before<C: ConnectionTrait>(
    conn: &C,
    revision: i32,
    limit: u64,
) -> Result<Vec<enterprise_profile::Model>, DbErr> {
    EnterpriseProfile::find()
        .filter(enterprise_profile::Column::SizeClassRevision.lt(revision))
        .order_by_asc(enterprise_profile::Column::OrganisationId)
        .limit(limit)
        .all(conn)
        .await
}

/// Stores a size class derived again, and the revision of the rules it was derived with.
pub async fn set_size_class<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    size_class: Option<SizeClass>,
    revision: i32,
) -> Result<(), DbErr> {
    EnterpriseProfile::update_many()
        .col_expr(
            enterprise_profile::Column::SizeClass,
            sea_orm::sea_query::Expr::value(size_class),
        )
        .col_expr(
            enterprise_profile::Column::SizeClassRevision,
            sea_orm::sea_query::Expr::value(revision),
        )
        .filter(enterprise_profile::Column::OrganisationId.eq(organisation_id))
        .exec(conn)
        .await?;
    Ok(())
}

// ---- the eligibility change log ----

/// Appends a change; ids follow commit order because writers are serialised first.
pub async fn record_change<C: ConnectionTrait>(
    conn: &C,
    kind: ChangeKind,
    record_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    db::serialise_writes(conn).await?;
    EligibilityChange::insert(eligibility_change::ActiveModel {
        kind: Set(kind),
        record_id: Set(record_id),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

pub async fn changes_after<C: ConnectionTrait>(
    conn: &C,
    position: i64,
    limit: u64,
) -> Result<Vec<eligibility_change::Model>, DbErr> {
    EligibilityChange::find()
        .filter(eligibility_change::Column::Id.gt(position))
        .order_by_asc(eligibility_change::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

pub async fn last_change<C: ConnectionTrait>(conn: &C) -> Result<i64, DbErr> {
    Ok(EligibilityChange::find()
        .order_by_desc(eligibility_change::Column::Id)
        .one(conn)
        .await?
        .map(|c| c.id)
        .unwrap_or_default())
}

// ---- loading the index ----

/// One batch of enterprises after `after_id` (by organisation id) with everything the index keeps.
pub async fn load_batch<C: ConnectionTrait>(
    conn: &C,
    after_id: i64,
    limit: u64,
) -> Result<
    Vec<(
        i64,
        Option<(enterprise_profile::Model, ProfileFields, Vec<bool>)>,
        BTreeSet<String>,
    )>,
    DbErr,
> {
    let ids: Vec<i64> = Organisation::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Kind.eq(OrganisationKind::Enterprise))
        .filter(organisation::Column::Id.gt(after_id))
        .order_by_asc(organisation::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    load_enterprises(conn, &ids).await
}

/// Everything the index keeps about these enterprises.
pub async fn load_enterprises<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<
    Vec<(
        i64,
        Option<(enterprise_profile::Model, ProfileFields, Vec<bool>)>,
        BTreeSet<String>,
    )>,
    DbErr,
> {
    let Some((&first, &last)) = ids.first().zip(ids.last()) else {
        return Ok(Vec::new());
    };
    let (low, high) = (first.min(last), first.max(last));
    let in_ids = |column: enterprise_profile::Column| column.is_in(ids.iter().copied());
    let mut profiles: HashMap<i64, enterprise_profile::Model> = EnterpriseProfile::find()
        .filter(in_ids(enterprise_profile::Column::OrganisationId))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.organisation_id, p))
        .collect();
    let mut qualifications: HashMap<i64, Vec<enterprise_qualification::Model>> = HashMap::new();
    for q in EnterpriseQualification::find()
        .filter(enterprise_qualification::Column::OrganisationId.between(low, high))
        .filter(enterprise_qualification::Column::OrganisationId.is_in(ids.iter().copied()))
        .all(conn)
        .await?
    {
        qualifications.entry(q.organisation_id).or_default().push(q);
    }
    let codes: HashMap<i64, String> = tags(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t.code))
        .collect();
    let mut manual: HashMap<i64, BTreeSet<String>> = HashMap::new();
    for t in EnterpriseTag::find()
        .filter(enterprise_tag::Column::OrganisationId.is_in(ids.iter().copied()))
        .all(conn)
        .await?
    {
        if let Some(code) = codes.get(&t.tag_id) {
            manual
                .entry(t.organisation_id)
                .or_default()
                .insert(code.clone());
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let profile = profiles.remove(id).map(|row| {
                let mut held = qualifications.remove(id).unwrap_or_default();
                held.sort_by_key(|q| q.id);
                let fields = fields_of(&row, &held);
                (row, fields, verified_flags(&held))
            });
            (*id, profile, manual.remove(id).unwrap_or_default())
        })
        .collect())
}

/// Organisations by id, by name.
pub async fn organisations_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(organisation::Column::Name)
        .all(conn)
        .await
}

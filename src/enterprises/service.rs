//! Enterprise use cases: read and change a profile (each change a new version in its history,
//! audited and logged for the eligibility index), keep the tag catalogue, give and take manual
//! tags, explain an enterprise's tags, check a condition with a live count of the enterprises
//! it matches, and load enterprises in bulk for benchmarks.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entities::{
    enterprise_profile,
    enterprise_qualification::{self, Verification},
    organisation, tag, tag_dimension,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionSession, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::model::ChangeKind;
use super::{
    condition::{
        compile::{CompileContext, Evidence, Explanation},
        text, Condition, Facts, Vocabulary,
    },
    error::EnterprisesError,
    index::{today_in_china, EnterpriseIndex},
    model::{changes, ProfileFields},
    qualification::qualification_kind,
    store, SizeStandard,
};
use crate::{
    accounts::{self, OrganisationKind, Uscc},
    audit::{self, Actor, AuditEvent},
    auth::CurrentUser,
    notifications::{self, Event, Notice},
    pagination::Paging,
};

/// A profile as read: the organisation, its stored row (none before the first save), fields,
/// and its qualification rows with their verification (in the fields' order).
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub organisation: organisation::Model,
    pub row: Option<enterprise_profile::Model>,
    pub fields: ProfileFields,
    pub qualifications: Vec<enterprise_qualification::Model>,
}

/// Where the qualifications of a profile save come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualificationSource {
    /// Typed in (by the enterprise, or corrected by the centre): declared until verified.
    Declared,
    /// The centre's bulk import of official data: verified by the importing user.
    Imported,
}

/// The enterprise organisation with this public id.
pub async fn enterprise<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<organisation::Model, EnterprisesError> {
    store::enterprise(conn, public_id)
        .await?
        .ok_or(EnterprisesError::NotFound("enterprise"))
}

pub async fn profile<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<ProfileView, EnterprisesError> {
    let organisation = store::organisation(conn, organisation_id)
        .await?
        .filter(|o| o.kind == OrganisationKind::Enterprise)
        .ok_or(EnterprisesError::NotFound("enterprise"))?;
    let (row, fields, qualifications) = match store::profile(conn, organisation_id).await? {
        Some((row, fields, qualifications)) => (Some(row), fields, qualifications),
        None => (None, ProfileFields::default(), Vec::new()),
    };
    Ok(ProfileView {
        organisation,
        row,
        fields,
        qualifications,
    })
}

/// Derives again every stored size class that older rules derived (see
/// [`super::size::RULES_REVISION`]), from the figures kept in the profile: only the class and
/// its revision change. Each changed profile goes into the eligibility change log, so every
/// server's index follows; one audit entry per batch says how many changed. Cheap once done
/// (an indexed look-up finds nothing); safe to run on several servers at once. Returns how many
/// classes changed.
pub async fn rederive_size_classes(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    now: DateTime<Utc>,
) -> Result<u64, EnterprisesError> {
    const BATCH: u64 = 500;
    let revision = super::size::RULES_REVISION;
    let mut changed_total = 0;
    loop {
        let txn = db.begin().await?;
        let rows = store::profiles_derived_before(&txn, revision, BATCH).await?;
        if rows.is_empty() {
            txn.commit().await?;
            return Ok(changed_total);
        }
        let mut changed = 0;
        for row in &rows {
            let fields = ProfileFields {
                employees: row.employees,
                revenue_fen: row.revenue_fen,
                total_assets_fen: row.total_assets_fen,
                industry_code: row.industry_code.clone(),
                ..ProfileFields::default()
            };
            let class = fields.size_class(standard);
            store::set_size_class(&txn, row.organisation_id, class, revision).await?;
            if class != row.size_class {
                store::record_change(&txn, ChangeKind::Profile, row.organisation_id, now).await?;
                changed += 1;
            }
        }
        if changed > 0 {
            let event = AuditEvent::new(
                "profile.size_class_rederive",
                "size_standard",
                revision,
                json!({ "revision": revision, "profiles": rows.len(), "changed": changed }),
            );
            audit::record(&txn, &crate::audit::Actor::system(), event, now).await?;
        }
        txn.commit().await?;
        changed_total += changed;
    }
}

/// Saves a new version of a profile (inside `db`'s transaction when it is one). With `expected_version`, refuses a profile someone else
/// changed meanwhile (409 `profile_version_conflict`) rather than overwrite their change.
/// Qualifications saved unchanged keep their verification; edited or new ones are declared,
/// unless `source` is the centre's import, which verifies them.
#[allow(clippy::too_many_arguments)]
pub async fn update_profile<C: TransactionTrait>(
    db: &C,
    standard: &SizeStandard,
    user: &CurrentUser,
    organisation_id: i64,
    fields: ProfileFields,
    expected_version: Option<i32>,
    source: QualificationSource,
    now: DateTime<Utc>,
) -> Result<ProfileView, EnterprisesError> {
    let fields = fields.check(today_in_china(now))?;
    let txn = db.begin().await?;
    let before = profile(&txn, organisation_id).await?;
    let current = before.row.as_ref().map_or(0, |r| r.version);
    if expected_version.is_some_and(|v| v != current) {
        return Err(EnterprisesError::VersionConflict { current });
    }
    let verifier = (source == QualificationSource::Imported).then(|| store::Verifier {
        user: Some(user.public_id),
        organisation: user.organisation_name.clone(),
        at: now,
    });
    let diff = changes(&before.fields, &fields);
    if diff.is_empty() && before.row.is_some() {
        if let Some(by) = &verifier {
            verify_unverified(&txn, user, &before, by).await?;
            let after = profile(&txn, organisation_id).await?;
            txn.commit().await?;
            return Ok(after);
        }
        return Ok(before);
    }
    let version = current + 1;
    let size_class = fields.size_class(standard);
    store::save_profile(
        &txn,
        organisation_id,
        &fields,
        (size_class, version),
        now,
        verifier.as_ref(),
    )
    .await?;
    store::insert_version(
        &txn,
        entities::enterprise_profile_version::ActiveModel {
            organisation_id: Set(organisation_id),
            version: Set(version),
            changed_at: Set(now),
            actor_user_id: Set(Some(user.public_id)),
            actor_role: Set(Some(user.role)),
            actor_name: Set(Some(user.organisation_name.clone())),
            changes: Set(serde_json::Value::Object(diff.clone()).to_string()),
            ..Default::default()
        },
    )
    .await?;
    store::record_change(&txn, ChangeKind::Profile, organisation_id, now).await?;
    let fields_changed: Vec<&String> = diff.keys().collect();
    let summary = json!({ "version": version, "fields": fields_changed, "size_class": size_class });
    let event = AuditEvent::new(
        "enterprise.update_profile",
        "organisation",
        before.organisation.public_id,
        summary,
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    let after = profile(&txn, organisation_id).await?;
    txn.commit().await?;
    Ok(after)
}

/// The centre's import confirms an unchanged profile: its qualifications not yet verified are
/// verified by the importing user.
async fn verify_unverified<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    before: &ProfileView,
    by: &store::Verifier,
) -> Result<(), EnterprisesError> {
    let pending: Vec<&enterprise_qualification::Model> = before
        .qualifications
        .iter()
        .filter(|q| q.verification != Verification::Verified)
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    for q in &pending {
        store::set_verification(conn, q.id, Verification::Verified, by, None).await?;
    }
    store::record_change(conn, ChangeKind::Profile, before.organisation.id, by.at).await?;
    let kinds: Vec<&str> = pending.iter().map(|q| q.kind.as_str()).collect();
    let summary = json!({ "source": "import", "qualifications": kinds });
    let event = AuditEvent::new(
        "enterprise.verify_qualification",
        "organisation",
        before.organisation.public_id,
        summary,
    );
    audit::record(conn, &user.actor(), event, by.at).await?;
    Ok(())
}

/// What a department or the centre decides about a qualification an enterprise declared.
#[derive(Debug, Clone)]
pub enum QualificationDecision {
    Verify,
    Reject { reason: String },
}

/// Verifies (核验) or rejects a qualification of an enterprise's profile: audited, logged for
/// eligibility (an automatic grant may now be due, or no longer), and the enterprise is told.
pub async fn decide_qualification<C: TransactionTrait>(
    db: &C,
    user: &CurrentUser,
    (enterprise_id, qualification_id): (Uuid, Uuid),
    decision: QualificationDecision,
    now: DateTime<Utc>,
) -> Result<enterprise_qualification::Model, EnterprisesError> {
    let txn = db.begin().await?;
    let organisation = enterprise(&txn, enterprise_id).await?;
    let held = store::qualification(&txn, organisation.id, qualification_id)
        .await?
        .ok_or(EnterprisesError::NotFound("qualification"))?;
    let (verification, note, action) = match decision {
        QualificationDecision::Verify => (
            Verification::Verified,
            None,
            "enterprise.verify_qualification",
        ),
        QualificationDecision::Reject { reason } => (
            Verification::Rejected,
            Some(reason),
            "enterprise.reject_qualification",
        ),
    };
    if held.verification == verification {
        return Err(EnterprisesError::QualificationAlreadyDecided(
            verification_name(verification),
        ));
    }
    let by = store::Verifier {
        user: Some(user.public_id),
        organisation: user.organisation_name.clone(),
        at: now,
    };
    let updated = store::set_verification(&txn, held.id, verification, &by, note.clone()).await?;
    store::record_change(&txn, ChangeKind::Profile, organisation.id, now).await?;
    let summary = json!({
        "qualification": qualification_id,
        "kind": held.kind,
        "certificate_no": held.certificate_no,
        "before": verification_name(held.verification),
        "after": verification_name(verification),
        "reason": note,
    });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new(action, "organisation", organisation.public_id, summary),
        now,
    )
    .await?;
    let kind = qualification_kind(&held.kind);
    let notice = Notice {
        event: Event::QualificationChecked,
        params: json!({
            "qualification_zh": kind.map_or(held.kind.as_str(), |k| k.name_zh),
            "qualification_en": kind.map_or(held.kind.as_str(), |k| k.name_en),
            "certificate_no": held.certificate_no,
            "status": verification_name(verification),
            "reason": note,
            "verifier": user.organisation_name,
        }),
        link: Some("/enterprise/profile".to_owned()),
    };
    notifications::notify_organisation(&txn, organisation.id, &notice, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The stored name of a verification state.
fn verification_name(verification: Verification) -> &'static str {
    match verification {
        Verification::Declared => "declared",
        Verification::Verified => "verified",
        Verification::Rejected => "rejected",
    }
}

/// A page of a profile's history, newest first.
pub async fn history<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    paging: &Paging,
) -> Result<(Vec<entities::enterprise_profile_version::Model>, u64), EnterprisesError> {
    Ok(store::versions(
        conn,
        organisation_id,
        paging.page_index(),
        paging.per_page(),
    )
    .await?)
}

pub async fn list_enterprises<C: ConnectionTrait>(
    conn: &C,
    filter: &store::EnterpriseFilter<'_>,
    paging: &Paging,
) -> Result<
    (
        Vec<(organisation::Model, Option<enterprise_profile::Model>)>,
        u64,
    ),
    EnterprisesError,
> {
    Ok(store::enterprises_page(conn, filter, paging.page_index(), paging.per_page()).await?)
}

/// One enterprise's values for evaluating conditions, read from the database.
pub async fn facts<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Facts, EnterprisesError> {
    let tags = store::manual_tag_codes(conn, organisation_id).await?;
    Ok(match store::profile(conn, organisation_id).await? {
        Some((row, fields, held)) => {
            fields.facts(row.size_class, tags, &store::verified_flags(&held))
        }
        None => Facts {
            tags,
            ..Facts::default()
        },
    })
}

// ---- tags ----

/// The rules of derived tags by code (a stored rule that no longer parses derives nothing).
pub fn tag_rules(tags: &[tag::Model]) -> HashMap<String, Condition> {
    let vocabulary = Vocabulary::default();
    tags.iter()
        .filter_map(|t| {
            let rule = t.rule.as_deref()?;
            let json = serde_json::from_str(rule).ok()?;
            Condition::from_json(&json, &vocabulary)
                .ok()
                .map(|c| (t.code.clone(), c))
        })
        .collect()
}

/// What conditions may name: the existing tag codes.
pub async fn vocabulary<C: ConnectionTrait>(
    conn: &C,
    allow_tags: bool,
) -> Result<Vocabulary, EnterprisesError> {
    Ok(Vocabulary {
        tags: store::tags(conn)
            .await?
            .into_iter()
            .map(|t| t.code)
            .collect(),
        allow_tags,
    })
}

/// A condition given as JSON or as text, checked.
pub enum ConditionSource<'a> {
    Json(&'a serde_json::Value),
    Text(&'a str),
}

pub fn check_condition(
    source: ConditionSource<'_>,
    vocabulary: &Vocabulary,
    field: &'static str,
) -> Result<Condition, EnterprisesError> {
    match source {
        ConditionSource::Json(json) => Condition::from_json(json, vocabulary),
        ConditionSource::Text(text) => text::parse(text, vocabulary),
    }
    .map_err(|e| EnterprisesError::Condition(e, field))
}

/// The catalogue: dimensions in order, with their tags.
pub async fn catalogue<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(tag_dimension::Model, Vec<tag::Model>)>, EnterprisesError> {
    let tags = store::tags(conn).await?;
    Ok(store::dimensions(conn)
        .await?
        .into_iter()
        .map(|d| {
            let own = tags
                .iter()
                .filter(|t| t.dimension_id == d.id)
                .cloned()
                .collect();
            (d, own)
        })
        .collect())
}

/// A new dimension's or tag's names.
pub struct Naming {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

pub async fn create_dimension(
    db: &DatabaseConnection,
    user: &CurrentUser,
    naming: Naming,
    position: i32,
    now: DateTime<Utc>,
) -> Result<tag_dimension::Model, EnterprisesError> {
    let txn = db.begin().await?;
    if store::code_taken(&txn, &naming.code).await? {
        return Err(EnterprisesError::CodeTaken(naming.code));
    }
    let created = store::insert_dimension(
        &txn,
        tag_dimension::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            code: Set(naming.code.clone()),
            name_zh: Set(naming.name_zh.clone()),
            name_en: Set(naming.name_en),
            position: Set(position),
            ..Default::default()
        },
    )
    .await?;
    let summary = json!({ "code": naming.code, "name_zh": naming.name_zh });
    let event = AuditEvent::new(
        "tag_dimension.create",
        "tag_dimension",
        created.public_id,
        summary,
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames or moves a dimension (its code stays: it is an identifier).
pub async fn update_dimension(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    (name_zh, name_en, position): (String, String, i32),
    now: DateTime<Utc>,
) -> Result<tag_dimension::Model, EnterprisesError> {
    let txn = db.begin().await?;
    let existing = store::dimension(&txn, id)
        .await?
        .ok_or(EnterprisesError::NotFound("dimension"))?;
    let updated = store::update_dimension(
        &txn,
        tag_dimension::ActiveModel {
            id: Set(existing.id),
            name_zh: Set(name_zh),
            name_en: Set(name_en),
            position: Set(position),
            ..Default::default()
        },
    )
    .await?;
    let summary = json!({
        "before": { "name_zh": existing.name_zh, "name_en": existing.name_en, "position": existing.position },
        "after": { "name_zh": updated.name_zh, "name_en": updated.name_en, "position": updated.position },
    });
    let event = AuditEvent::new("tag_dimension.update", "tag_dimension", id, summary);
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes an empty dimension (409 `dimension_in_use` while it holds tags).
pub async fn delete_dimension(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    let txn = db.begin().await?;
    let existing = store::dimension(&txn, id)
        .await?
        .ok_or(EnterprisesError::NotFound("dimension"))?;
    if store::tags_in_dimension(&txn, existing.id).await? > 0 {
        return Err(EnterprisesError::DimensionInUse);
    }
    store::delete_dimension(&txn, existing.id).await?;
    let event = AuditEvent::new(
        "tag_dimension.delete",
        "tag_dimension",
        id,
        json!({ "code": existing.code }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// A tag's definition as the centre writes it.
pub struct TagDefinition {
    pub dimension: Uuid,
    pub name_zh: String,
    pub name_en: String,
    pub description: String,
    /// None: a manual tag.
    pub rule: Option<Condition>,
}

pub async fn create_tag(
    db: &DatabaseConnection,
    user: &CurrentUser,
    code: String,
    definition: TagDefinition,
    now: DateTime<Utc>,
) -> Result<tag::Model, EnterprisesError> {
    let txn = db.begin().await?;
    if store::code_taken(&txn, &code).await? {
        return Err(EnterprisesError::CodeTaken(code));
    }
    let dimension = store::dimension(&txn, definition.dimension)
        .await?
        .ok_or(EnterprisesError::NotFound("tag dimension"))?;
    let created = store::insert_tag(
        &txn,
        tag::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            dimension_id: Set(dimension.id),
            code: Set(code.clone()),
            name_zh: Set(definition.name_zh.clone()),
            name_en: Set(definition.name_en),
            description: Set(definition.description),
            rule: Set(definition.rule.as_ref().map(|r| r.to_json().to_string())),
            rule_text: Set(definition.rule.as_ref().map(text::format)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    store::record_change(&txn, ChangeKind::Tag, created.id, now).await?;
    let summary = json!({ "code": code, "name_zh": definition.name_zh, "rule": created.rule_text });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("tag.create", "tag", created.public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_tag(
    db: &DatabaseConnection,
    user: &CurrentUser,
    public_id: Uuid,
    definition: TagDefinition,
    now: DateTime<Utc>,
) -> Result<tag::Model, EnterprisesError> {
    let txn = db.begin().await?;
    let before = store::tag(&txn, public_id)
        .await?
        .ok_or(EnterprisesError::NotFound("tag"))?;
    let dimension = store::dimension(&txn, definition.dimension)
        .await?
        .ok_or(EnterprisesError::NotFound("tag dimension"))?;
    let rule_text = definition.rule.as_ref().map(text::format);
    let updated = store::update_tag(
        &txn,
        tag::ActiveModel {
            id: Set(before.id),
            dimension_id: Set(dimension.id),
            name_zh: Set(definition.name_zh),
            name_en: Set(definition.name_en),
            description: Set(definition.description),
            rule: Set(definition.rule.as_ref().map(|r| r.to_json().to_string())),
            rule_text: Set(rule_text.clone()),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    store::record_change(&txn, ChangeKind::Tag, before.id, now).await?;
    let summary = json!({ "code": before.code, "before": { "rule": before.rule_text, "name_zh": before.name_zh }, "after": { "rule": rule_text, "name_zh": updated.name_zh } });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("tag.update", "tag", public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

pub async fn delete_tag(
    db: &DatabaseConnection,
    user: &CurrentUser,
    public_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    let txn = db.begin().await?;
    let tag = store::tag(&txn, public_id)
        .await?
        .ok_or(EnterprisesError::NotFound("tag"))?;
    let holders = store::tagged_organisations(&txn, tag.id).await?;
    store::delete_tag(&txn, tag.id).await?;
    store::record_change(&txn, ChangeKind::Tag, tag.id, now).await?;
    for organisation_id in &holders {
        store::record_change(&txn, ChangeKind::Profile, *organisation_id, now).await?;
    }
    let summary = json!({ "code": tag.code, "holders": holders.len() });
    audit::record(
        &txn,
        &user.actor(),
        AuditEvent::new("tag.delete", "tag", public_id, summary),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives (`assign`) or takes back a manual tag.
pub async fn set_manual_tag(
    db: &DatabaseConnection,
    user: &CurrentUser,
    enterprise: Uuid,
    tag: Uuid,
    assign: bool,
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    let txn = db.begin().await?;
    let organisation = self::enterprise(&txn, enterprise).await?;
    let tag = store::tag(&txn, tag)
        .await?
        .ok_or(EnterprisesError::NotFound("tag"))?;
    if tag.rule.is_some() {
        return Err(EnterprisesError::NotManual(
            "a derived tag follows its rule; it cannot be given or taken by hand",
        ));
    }
    let changed = if assign {
        store::assign_tag(&txn, organisation.id, tag.id, user.public_id, now).await?
    } else {
        store::remove_tag(&txn, organisation.id, tag.id).await?
    };
    if changed {
        store::record_change(&txn, ChangeKind::Profile, organisation.id, now).await?;
        let action = if assign {
            "enterprise.assign_tag"
        } else {
            "enterprise.remove_tag"
        };
        let summary = json!({ "tag": tag.code });
        audit::record(
            &txn,
            &user.actor(),
            AuditEvent::new(action, "organisation", organisation.public_id, summary),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// One tag an enterprise has, and why.
pub struct HeldTag {
    pub tag: tag::Model,
    /// The rule's explanation for a derived tag; none for a manual one.
    pub explanation: Option<Explanation>,
}

/// The tags an enterprise has today: its manual tags, and each derived tag whose rule it meets.
pub async fn enterprise_tags<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<HeldTag>, EnterprisesError> {
    let facts = facts(conn, organisation_id).await?;
    let tags = store::tags(conn).await?;
    let rules = tag_rules(&tags);
    let context = CompileContext {
        today: today_in_china(now),
        tag_rules: &rules,
        evidence: Evidence::Declared,
    };
    Ok(tags
        .into_iter()
        .filter_map(|tag| match rules.get(&tag.code) {
            Some(rule) => {
                let explanation = rule.explain(&facts, &context);
                explanation.met.then_some(HeldTag {
                    tag,
                    explanation: Some(explanation),
                })
            }
            None => facts.tags.contains(&tag.code).then_some(HeldTag {
                tag,
                explanation: None,
            }),
        })
        .collect())
}

/// The tag dimensions by their row id.
pub async fn dimensions_by_id<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<i64, entities::tag_dimension::Model>, EnterprisesError> {
    Ok(store::dimensions(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect())
}

/// The codes of the tags an enterprise has today (manual and derived).
pub async fn held_tag_codes<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<BTreeSet<String>, EnterprisesError> {
    Ok(enterprise_tags(conn, organisation_id, now)
        .await?
        .into_iter()
        .map(|held| held.tag.code)
        .collect())
}

/// How many enterprises meet a condition today (from the in-memory index), counting every
/// qualification held.
pub async fn count_matching<C: ConnectionTrait>(
    conn: &C,
    index: &EnterpriseIndex,
    condition: &Condition,
    today: NaiveDate,
) -> Result<usize, EnterprisesError> {
    Ok(index
        .read(conn, |columns| {
            let context = CompileContext {
                today,
                tag_rules: &columns.tag_rules,
                evidence: Evidence::Declared,
            };
            columns.eval(&condition.compile(&context)).count_ones(..)
        })
        .await?)
}

/// The organisation ids meeting a condition today, in index order, counting the qualifications
/// `evidence` says.
pub async fn matching_organisations<C: ConnectionTrait>(
    conn: &C,
    index: &EnterpriseIndex,
    condition: &Condition,
    today: NaiveDate,
    evidence: Evidence,
) -> Result<Vec<i64>, EnterprisesError> {
    Ok(index
        .read(conn, |columns| {
            let context = CompileContext {
                today,
                tag_rules: &columns.tag_rules,
                evidence,
            };
            columns
                .eval(&condition.compile(&context))
                .ones()
                .filter_map(|row| columns.organisation_id(row))
                .collect()
        })
        .await?)
}

/// Tag codes, for callers that only need to know which exist.
pub async fn tag_codes<C: ConnectionTrait>(conn: &C) -> Result<BTreeSet<String>, EnterprisesError> {
    Ok(store::tags(conn)
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect())
}

/// Logs a change for the eligibility index (call it in the change's transaction).
pub async fn record_change<C: ConnectionTrait>(
    conn: &C,
    kind: ChangeKind,
    record_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    store::record_change(conn, kind, record_id, now).await
}

/// The derived tags' rules as they are now.
pub async fn current_tag_rules<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<String, Condition>, EnterprisesError> {
    Ok(tag_rules(&store::tags(conn).await?))
}

/// Changes logged after a position, oldest first.
pub async fn changes_after<C: ConnectionTrait>(
    conn: &C,
    position: i64,
    limit: u64,
) -> Result<Vec<entities::eligibility_change::Model>, EnterprisesError> {
    Ok(store::changes_after(conn, position, limit).await?)
}

/// The newest change's position (0 when none).
pub async fn last_change<C: ConnectionTrait>(conn: &C) -> Result<i64, EnterprisesError> {
    Ok(store::last_change(conn).await?)
}

/// The tag's code, also for a tag deleted since (then from the change's own record: none).
pub async fn tag_code<C: ConnectionTrait>(
    conn: &C,
    tag_id: i64,
) -> Result<Option<String>, EnterprisesError> {
    Ok(store::tags(conn)
        .await?
        .into_iter()
        .find(|t| t.id == tag_id)
        .map(|t| t.code))
}

/// Organisations by id (for turning the index's rows into names), by name.
pub async fn organisations<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<organisation::Model>, EnterprisesError> {
    Ok(store::organisations_by_id(conn, ids).await?)
}

// ---- bulk loads ----

/// One enterprise of a bulk load: its organisation (created active, without users) and the first
/// version of its profile, with the codes of its manual tags (codes the catalogue lacks are left
/// out).
#[derive(Debug, Clone)]
pub struct BulkEnterprise {
    pub name: String,
    pub uscc: Uscc,
    pub fields: ProfileFields,
    pub manual_tags: Vec<String>,
}

/// A bulk load under way: what [`start_bulk_load`] changed, for [`finish_bulk_load`] to put back.
#[derive(Debug)]
#[must_use = "finish the load to put the database's settings back"]
pub struct BulkLoad {
    page_cache: Option<i64>,
}

/// The verifier named on the qualifications of a bulk load made without a user.
const BULK_LOAD_VERIFIER: &str = "synthetic load";

/// Readies the database for a load of several [`import_profiles_in_bulk`] batches: on SQLite, a
/// page cache large enough that random keys do not send every insert back to the file.
pub async fn start_bulk_load(db: &DatabaseConnection) -> Result<BulkLoad, EnterprisesError> {
    let page_cache = store::bulk_load::enlarge_page_cache(db).await?;
    Ok(BulkLoad { page_cache })
}

/// Ends a bulk load: puts the database's settings back and, when the load created any
/// enterprises, records its one audit entry (`enterprise.seed_synthetic`: how many it created,
/// and how many the loaded set holds now).
pub async fn finish_bulk_load(
    db: &DatabaseConnection,
    load: BulkLoad,
    actor: &Actor,
    (created, total): (u64, u64),
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    store::bulk_load::restore_page_cache(db, load.page_cache).await?;
    if created == 0 {
        return Ok(());
    }
    let txn = db.begin().await?;
    let summary = json!({ "created": created, "total": total });
    let event = AuditEvent::new(
        "enterprise.seed_synthetic",
        "organisation",
        "synthetic",
        summary,
    );
    audit::record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates enterprises with the first version of their profiles in one transaction, each row
/// checked as a save checks it and its size class derived as a save derives it; qualifications
/// are verified (as the centre's import verifies them) and manual tags given, both by `actor`.
///
/// For benchmark-scale loads, it writes only the rows themselves, in multi-row statements: no
/// history version, no audit entry per enterprise (the load records one, see
/// [`finish_bulk_load`]) and no eligibility or search change-log rows. So an eligibility index
/// loads the enterprises when it is first used (a server already running sees them after a
/// restart), and `qifu reindex` makes them searchable. Fails, writing nothing, when a code
/// exists already.
pub async fn import_profiles_in_bulk(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    actor: &Actor,
    rows: Vec<BulkEnterprise>,
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    let today = today_in_china(now);
    let checked = rows
        .into_iter()
        .map(|row| {
            let fields = row.fields.check(today)?;
            Ok(BulkEnterprise { fields, ..row })
        })
        .collect::<Result<Vec<_>, EnterprisesError>>()?;
    let tag_ids: HashMap<String, i64> = store::tags(db)
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    let named: Vec<(&str, &Uscc)> = checked
        .iter()
        .map(|row| (row.name.as_str(), &row.uscc))
        .collect();
    let txn = db.begin().await?;
    let ids =
        accounts::insert_organisations_in_bulk(&txn, OrganisationKind::Enterprise, &named, now)
            .await?;
    let profiles = loaded_profiles(&checked, &ids, &tag_ids, standard)?;
    let verifier = store::Verifier {
        user: actor.user.as_ref().map(|u| u.user_id),
        organisation: actor.user.as_ref().map_or_else(
            || BULK_LOAD_VERIFIER.to_owned(),
            |u| u.organisation_name.clone(),
        ),
        at: now,
    };
    store::bulk_load::insert_profiles(&txn, &profiles, &verifier).await?;
    txn.commit().await?;
    Ok(())
}

/// The rows of a bulk load with their new organisations' ids (by code), their size classes and
/// the ids of their manual tags (by code; unknown codes are left out).
fn loaded_profiles<'a>(
    rows: &'a [BulkEnterprise],
    organisation_ids: &HashMap<String, i64>,
    tag_ids: &HashMap<String, i64>,
    standard: &SizeStandard,
) -> Result<Vec<store::bulk_load::LoadedProfile<'a>>, EnterprisesError> {
    rows.iter()
        .map(|row| {
            let organisation_id = *organisation_ids.get(row.uscc.as_str()).ok_or_else(|| {
                anyhow::anyhow!("the new organisation {} has no id", row.uscc.as_str())
            })?;
            Ok(store::bulk_load::LoadedProfile {
                organisation_id,
                fields: &row.fields,
                size_class: row.fields.size_class(standard),
                tag_ids: row
                    .manual_tags
                    .iter()
                    .filter_map(|code| tag_ids.get(code).copied())
                    .collect(),
            })
        })
        .collect()
}

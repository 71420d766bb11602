//! Matching (智能匹配): the published clauses of effective policies, held in memory and reloaded
//! when the eligibility change log says a clause changed; for one enterprise, every clause it is
//! eligible for and every near miss, each explained; for one clause, the eligible enterprises
//! from the in-memory index.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use tokio::sync::RwLock;
use uuid::Uuid;

use super::{
    error::PoliciesError,
    model::{AmountRule, ClauseMode, ModeEvidence, PolicyLevel, Window},
    store,
};
use crate::enterprises::ChangeKind;
use crate::enterprises::{
    self,
    condition::{
        compile::{Actuals, CompileContext, Evidence, Explanation, Prepared},
        Condition, Facts, Vocabulary,
    },
    EnterpriseIndex,
};

/// A near miss needs at most this many comparisons to change.
pub const NEAR_MISS_CHANGES: usize = 2;

/// A published clause as matching needs it.
#[derive(Debug, Clone)]
pub struct LiveClause {
    pub id: i64,
    pub public_id: Uuid,
    pub title: String,
    pub benefit: String,
    pub condition: Condition,
    pub amount: AmountRule,
    pub window: Window,
    pub mode: ClauseMode,
    pub policy_id: i64,
    pub policy_public_id: Uuid,
    pub policy_title: String,
    pub policy_level: PolicyLevel,
    /// The issuing department's name.
    pub issuer: String,
    /// What an application hands in.
    pub materials: Vec<String>,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
}

impl LiveClause {
    /// In force on `today`: the policy is effective and the application window has not closed.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.effective_from <= today
            && self.effective_to.is_none_or(|to| today <= to)
            && !self.window.has_closed(today)
    }
}

/// The published clauses as loaded, with their conditions prepared for the day and the
/// derived-tag rules last asked for (prepared again only when either changes).
pub struct ClauseSet {
    clauses: Vec<Arc<LiveClause>>,
    prepared: std::sync::Mutex<Option<PreparedFor>>,
}

struct PreparedFor {
    today: NaiveDate,
    tag_rules: HashMap<String, Condition>,
    conditions: Arc<Vec<Prepared>>,
}

impl ClauseSet {
    pub fn new(clauses: Vec<LiveClause>) -> Self {
        Self {
            clauses: clauses.into_iter().map(Arc::new).collect(),
            prepared: std::sync::Mutex::new(None),
        }
    }

    /// Each clause's condition prepared for `context`, in clause order, each counting the
    /// qualifications its mode does ([`ModeEvidence::evidence`]; `context.evidence` is not used).
    pub fn prepared(&self, context: &CompileContext<'_>) -> Arc<Vec<Prepared>> {
        let slot = || {
            self.prepared
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(p) = slot()
            .as_ref()
            .filter(|p| p.today == context.today && p.tag_rules == *context.tag_rules)
        {
            return p.conditions.clone();
        }
        // Prepared without the lock (tens of milliseconds for 10,000 clauses): two requests may
        // both prepare on a new day, and the last one's copy is kept.
        let conditions: Arc<Vec<Prepared>> = Arc::new(
            self.clauses
                .iter()
                .map(|c| {
                    c.condition.prepare(&CompileContext {
                        evidence: c.mode.evidence(),
                        ..*context
                    })
                })
                .collect(),
        );
        *slot() = Some(PreparedFor {
            today: context.today,
            tag_rules: context.tag_rules.clone(),
            conditions: conditions.clone(),
        });
        conditions
    }
}

impl std::ops::Deref for ClauseSet {
    type Target = [Arc<LiveClause>];

    fn deref(&self) -> &[Arc<LiveClause>] {
        &self.clauses
    }
}

/// This server's copy of the published clauses.
#[derive(Default)]
pub struct ClauseCache {
    state: RwLock<Option<(i64, Arc<ClauseSet>)>>,
}

impl ClauseCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The published clauses, reloaded first when a clause changed since the last load.
    pub async fn clauses<C: ConnectionTrait>(
        &self,
        conn: &C,
    ) -> Result<Arc<ClauseSet>, PoliciesError> {
        let last = enterprises::last_change(conn).await?;
        if let Some((position, clauses)) = self.state.read().await.as_ref() {
            if *position == last || !clause_changed(conn, *position).await? {
                return Ok(clauses.clone());
            }
        }
        let clauses = Arc::new(ClauseSet::new(load(conn).await?));
        *self.state.write().await = Some((last, clauses.clone()));
        Ok(clauses)
    }
}

async fn clause_changed<C: ConnectionTrait>(
    conn: &C,
    position: i64,
) -> Result<bool, PoliciesError> {
    let mut after = position;
    loop {
        let changes = enterprises::changes_after(conn, after, 1000).await?;
        let Some(last) = changes.last().map(|c| c.id) else {
            return Ok(false);
        };
        if changes.iter().any(|c| c.kind == ChangeKind::Clause) {
            return Ok(true);
        }
        after = last;
    }
}

async fn load<C: ConnectionTrait>(conn: &C) -> Result<Vec<LiveClause>, PoliciesError> {
    let vocabulary = Vocabulary {
        tags: enterprises::tag_codes(conn).await?,
        allow_tags: true,
    };
    let mut policies = HashMap::new();
    let mut clauses = Vec::new();
    for row in store::published_clauses(conn).await? {
        let Some(condition) = serde_json::from_str(&row.condition)
            .ok()
            .and_then(|json| Condition::from_json(&json, &vocabulary).ok())
        else {
            tracing::warn!(clause = %row.public_id, "a published clause's condition no longer checks; it matches nothing");
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = policies.entry(row.policy_id) {
            if let Some(policy) = store::policy_by_id(conn, row.policy_id).await? {
                let issuer =
                    crate::accounts::organisation_by_id(conn, policy.issuer_organisation_id)
                        .await?
                        .map(|o| o.name)
                        .unwrap_or_default();
                slot.insert((policy, issuer));
            }
        }
        let Some((policy, issuer)) = policies.get(&row.policy_id) else {
            continue;
        };
        let amount = AmountRule::of_clause(&row);
        clauses.push(LiveClause {
            id: row.id,
            public_id: row.public_id,
            title: row.title,
            benefit: row.benefit,
            condition,
            amount,
            window: Window {
                opens_on: row.window_opens_on,
                closes_on: row.window_closes_on,
            },
            mode: row.mode,
            policy_id: policy.id,
            policy_public_id: policy.public_id,
            policy_title: policy.title.clone(),
            policy_level: policy.level,
            issuer: issuer.clone(),
            materials: serde_json::from_str(&row.materials).unwrap_or_default(),
            effective_from: policy.effective_from,
            effective_to: policy.effective_to,
        });
    }
    Ok(clauses)
}

/// One clause matched against one enterprise.
#[derive(Debug, Clone)]
pub struct ClauseMatch {
    pub clause: Arc<LiveClause>,
    pub explanation: Explanation,
    pub estimated_amount_fen: Option<i64>,
}

/// An enterprise's matches: eligible clauses and near misses, each explained.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    pub eligible: Vec<ClauseMatch>,
    pub near_misses: Vec<ClauseMatch>,
}

/// Every clause in force that the enterprise meets, and those it nearly meets; `prepared` holds
/// the clauses' conditions prepared for `today` ([`ClauseSet::prepared`]).
pub fn match_enterprise(
    clauses: &[Arc<LiveClause>],
    prepared: &[Prepared],
    facts: &Facts,
    today: NaiveDate,
) -> Matches {
    let mut matches = Matches::default();
    let actuals = Actuals::new(facts, today);
    for (clause, condition) in clauses.iter().zip(prepared) {
        if !clause.in_force(today) {
            continue;
        }
        let Some((distance, explanation)) = condition.assess(facts, &actuals, NEAR_MISS_CHANGES)
        else {
            continue;
        };
        let found = ClauseMatch {
            clause: clause.clone(),
            explanation,
            estimated_amount_fen: clause.amount.estimate(facts),
        };
        if distance == 0 && found.explanation.met {
            matches.eligible.push(found);
        } else {
            matches.near_misses.push(found);
        }
    }
    matches
        .near_misses
        .sort_by_key(|m| m.explanation.to_change.len());
    matches
}

/// The matches of one enterprise today.
pub async fn matches_for<C: ConnectionTrait>(
    conn: &C,
    cache: &ClauseCache,
    organisation_id: i64,
    today: NaiveDate,
) -> Result<Matches, PoliciesError> {
    let facts = enterprises::facts(conn, organisation_id).await?;
    let clauses = cache.clauses(conn).await?;
    let tag_rules = enterprises::current_tag_rules(conn).await?;
    let context = CompileContext {
        today,
        tag_rules: &tag_rules,
        evidence: Evidence::Declared,
    };
    let prepared = clauses.prepared(&context);
    Ok(match_enterprise(&clauses, &prepared, &facts, today))
}

/// The enterprises eligible for a clause today (organisation ids, by id); for an automatic
/// grant, on verified qualifications only.
pub async fn eligible_for<C: ConnectionTrait>(
    conn: &C,
    index: &EnterpriseIndex,
    clause: Uuid,
    today: NaiveDate,
) -> Result<Vec<i64>, PoliciesError> {
    let row = store::clause(conn, clause)
        .await?
        .ok_or(PoliciesError::NotFound("clause"))?;
    let vocabulary = enterprises::vocabulary(conn, true).await?;
    let json = serde_json::from_str(&row.condition).map_err(anyhow::Error::from)?;
    let condition = enterprises::check_condition(
        enterprises::ConditionSource::Json(&json),
        &vocabulary,
        "condition",
    )?;
    let mut ids =
        enterprises::matching_organisations(conn, index, &condition, today, row.mode.evidence())
            .await?;
    ids.sort_unstable();
    Ok(ids)
}

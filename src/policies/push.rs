//! Push (精准推送): tell an enterprise once, in-app and by e-mail if it opted in, when it becomes
//! eligible for a published clause — because the clause was published or changed, or because its
//! profile or tags changed. A scheduled job follows the eligibility change log with a cursor kept
//! in the database; the notices sent are rows with a unique (enterprise, clause) key written in
//! the same transaction as the notification and the cursor, so nobody is told twice, whichever
//! server runs the job and however often. A clause that a hundred thousand enterprises meet is
//! told in chunks of `policies.push_chunk` (enterprise, clause) pairs, one transaction each with
//! the cursor's progress inside the batch, so other requests get the database between two
//! chunks (on SQLite, its one writer) and a run that dies carries on where it stopped.

use std::{
    collections::{BTreeSet, HashMap},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use entities::eligibility_change;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;

use super::{
    error::PoliciesError,
    matching::{ClauseCache, ClauseSet, LiveClause},
    model::{ModeEvidence, PushBatch, PushCursor},
    store,
};
use crate::enterprises::ChangeKind;
use crate::{
    configuration::PolicySettings,
    enterprises::{
        self,
        condition::compile::{CompileContext, Evidence},
        today_in_china, EnterpriseIndex,
    },
    notifications::{self, Event, Notice},
};

const CURSOR: &str = "eligibility_push";
/// Changes of the log read at once; the notices they lead to are then sent chunk by chunk.
const CHANGE_BATCH: u64 = 500;

/// How much one run of the push may do, and how it leaves room for other work.
#[derive(Debug, Clone, Copy)]
pub struct PushLimits {
    /// Most (enterprise, clause) pairs told per transaction (`policies.push_chunk`).
    pub chunk: usize,
    /// A transaction commits once it has run this long, however few it told
    /// (`policies.push_chunk_millis`).
    pub budget: Duration,
    /// The database is left to other work this long between two transactions
    /// (`policies.push_pause_millis`).
    pub pause: Duration,
    /// Stop after this many chunks (the next run carries on from the cursor); none: to the end.
    pub max_chunks: Option<usize>,
}

impl PushLimits {
    /// The configured limits, to the end of the change log.
    pub fn configured(settings: &PolicySettings) -> Self {
        Self {
            chunk: settings.push_chunk,
            budget: Duration::from_millis(settings.push_chunk_millis),
            pause: Duration::from_millis(settings.push_pause_millis),
            max_chunks: None,
        }
    }
}

/// What one run of the push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PushReport {
    /// Enterprises told of a clause.
    pub sent: usize,
    /// Transactions committed.
    pub chunks: usize,
    /// Whether the change log was followed to its end (false: stopped at `max_chunks`).
    pub finished: bool,
}

/// Follows the change log to its end in chunks of `policies.push_chunk`; answers how many
/// notices were sent.
pub async fn push_new_eligibilities(
    db: &DatabaseConnection,
    rules: &PolicySettings,
    now: DateTime<Utc>,
    clauses: &ClauseCache,
    index: &EnterpriseIndex,
) -> Result<usize, PoliciesError> {
    let limits = PushLimits::configured(rules);
    Ok(push_eligibilities(db, limits, now, clauses, index)
        .await?
        .sent)
}

/// Follows the change log with the cursor kept in the database, committing the notices in
/// transactions of at most `limits.chunk` (enterprise, clause) pairs, each with the cursor's
/// progress, and letting other work have the database between two of them. A run that stops
/// (at `limits.max_chunks`, or because the process died) leaves the cursor at its last commit,
/// and the next run carries on from there; the unique (enterprise, clause) notice makes sure
/// nobody is told twice even by two overlapping runs.
pub async fn push_eligibilities(
    db: &DatabaseConnection,
    limits: PushLimits,
    now: DateTime<Utc>,
    cache: &ClauseCache,
    index: &EnterpriseIndex,
) -> Result<PushReport, PoliciesError> {
    let chunk = limits.chunk.max(1);
    let mut report = PushReport::default();
    loop {
        let cursor = store::push_cursor(db, CURSOR).await?;
        let mut changes = enterprises::changes_after(db, cursor.position, CHANGE_BATCH).await?;
        if let Some(batch) = &cursor.batch {
            // A batch cut short: the same changes again, however many were logged since.
            changes.retain(|c| c.id <= batch.end);
        }
        let Some(last) = changes.last().map(|c| c.id) else {
            report.finished = true;
            return Ok(report);
        };
        let clauses = cache.clauses(db).await?;
        let mut due = due_notices(db, index, &clauses, &changes, now).await?;
        if let Some(batch) = &cursor.batch {
            // Everything up to the last pair committed was told (or found told) already.
            due = due.split_off(&batch.after);
            due.remove(&batch.after);
        }
        let positions: HashMap<i64, usize> = clauses
            .iter()
            .enumerate()
            .map(|(position, clause)| (clause.id, position))
            .collect();
        let due: Vec<(i64, i64)> = due.into_iter().collect();
        if due.is_empty() {
            store::set_push_cursor(db, CURSOR, &PushCursor::at(last)).await?;
            continue;
        }
        let mut next = 0;
        while next < due.len() {
            let started = Instant::now();
            let txn = db.begin().await?;
            let mut told = 0;
            while next < due.len()
                && told < chunk
                && (told == 0 || started.elapsed() < limits.budget)
            {
                let (clause_id, organisation_id) = due[next];
                if let Some(&position) = positions.get(&clause_id) {
                    report.sent += usize::from(
                        notify_once(&txn, &clauses[position], organisation_id, now).await?,
                    );
                }
                next += 1;
                told += 1;
            }
            let progress = match due.get(next) {
                Some(_) => PushCursor {
                    position: cursor.position,
                    batch: Some(PushBatch {
                        end: last,
                        after: due[next - 1],
                    }),
                },
                None => PushCursor::at(last),
            };
            store::set_push_cursor(&txn, CURSOR, &progress).await?;
            txn.commit().await?;
            report.chunks += 1;
            if limits.max_chunks.is_some_and(|max| report.chunks >= max) {
                return Ok(report);
            }
            // The connection is back in the pool: the requests waiting for it (on SQLite, the
            // one writer) go before the next chunk, and have it to themselves for a moment.
            tokio::task::yield_now().await;
            tokio::time::sleep(limits.pause).await;
        }
    }
}

/// The (clause, enterprise) pairs a batch of changes may have made eligible, in key order: a
/// changed clause or tag rule against every enterprise, a changed profile against every clause
/// in force.
async fn due_notices(
    db: &DatabaseConnection,
    index: &EnterpriseIndex,
    clauses: &ClauseSet,
    changes: &[eligibility_change::Model],
    now: DateTime<Utc>,
) -> Result<BTreeSet<(i64, i64)>, PoliciesError> {
    let mut enterprises_changed = BTreeSet::new();
    let mut clauses_changed = BTreeSet::new();
    let mut tags_changed = BTreeSet::new();
    for change in changes {
        match change.kind {
            ChangeKind::Profile => enterprises_changed.insert(change.record_id),
            ChangeKind::Clause => clauses_changed.insert(change.record_id),
            ChangeKind::Tag => tags_changed.insert(change.record_id),
        };
    }
    let today = today_in_china(now);
    let mut codes = BTreeSet::new();
    for tag in tags_changed {
        codes.extend(enterprises::tag_code(db, tag).await?);
    }
    let mut due = BTreeSet::new();
    for clause in clauses.iter().filter(|c| c.in_force(today)) {
        let touched = clauses_changed.contains(&clause.id)
            || clause
                .condition
                .tag_codes()
                .iter()
                .any(|c| codes.contains(c));
        if touched {
            let eligible = enterprises::matching_organisations(
                db,
                index,
                &clause.condition,
                today,
                clause.mode.evidence(),
            )
            .await?;
            due.extend(eligible.into_iter().map(|id| (clause.id, id)));
        }
    }
    for organisation_id in enterprises_changed {
        for position in eligible_clauses(db, clauses, organisation_id, now).await? {
            due.insert((clauses[position].id, organisation_id));
        }
    }
    Ok(due)
}

/// The positions of the clauses in force one enterprise meets.
async fn eligible_clauses(
    db: &DatabaseConnection,
    clauses: &ClauseSet,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<usize>, PoliciesError> {
    let facts = enterprises::facts(db, organisation_id).await?;
    let tag_rules = enterprises::current_tag_rules(db).await?;
    let today = today_in_china(now);
    let context = CompileContext {
        today,
        tag_rules: &tag_rules,
        evidence: Evidence::Declared,
    };
    let prepared = clauses.prepared(&context);
    Ok(clauses
        .iter()
        .zip(prepared.iter())
        .enumerate()
        .filter(|(_, (clause, condition))| clause.in_force(today) && condition.eval(&facts))
        .map(|(position, _)| position)
        .collect())
}

async fn notify_once<C: ConnectionTrait>(
    conn: &C,
    clause: &LiveClause,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, PoliciesError> {
    if !store::insert_notice(conn, organisation_id, clause.id, now).await? {
        return Ok(false);
    }
    let organisation = crate::accounts::organisation_by_id(conn, organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let notice = Notice {
        event: Event::PolicyMatched,
        params: json!({
            "organisation": organisation,
            "clause": clause.title,
            "policy": clause.policy_title,
            "benefit": clause.benefit,
            "mode": clause.mode.as_str(),
        }),
        link: Some(format!("/enterprise/policies?clause={}", clause.public_id)),
    };
    notifications::notify_organisation(conn, organisation_id, &notice, now).await?;
    Ok(true)
}

//! Push (精准推送): tell an enterprise once, in-app and by e-mail if it opted in, when it becomes
//! eligible for a published clause — because the clause was published or changed, or because its
//! profile or tags changed. A scheduled job follows the eligibility change log with a cursor kept
//! in the database; the notices sent are rows with a unique (enterprise, clause) key written in
//! the same transaction as the notification and the cursor, so nobody is told twice, whichever
//! server runs the job and however often.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;

use super::{
    error::PoliciesError,
    matching::{ClauseSet, LiveClause},
    service::CLAUSE_CHANGE,
    store,
};
use crate::{
    accounts,
    enterprises::{
        self,
        condition::compile::{CompileContext, Evidence},
        today_in_china,
    },
    notifications::{self, Event, Notice},
    startup::AppState,
};

const CURSOR: &str = "eligibility_push";
const BATCH: u64 = 500;

/// Follows the change log to its end; answers how many notices were sent.
pub async fn push_new_eligibilities(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<usize, PoliciesError> {
    let mut sent = 0;
    loop {
        let position = store::cursor(&state.db, CURSOR).await?;
        let changes = enterprises::changes_after(&state.db, position, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.id) else {
            return Ok(sent);
        };
        let mut enterprises_changed = BTreeSet::new();
        let mut clauses_changed = BTreeSet::new();
        let mut tags_changed = BTreeSet::new();
        for change in &changes {
            match change.kind.as_str() {
                enterprises::PROFILE_CHANGE => enterprises_changed.insert(change.record_id),
                CLAUSE_CHANGE => clauses_changed.insert(change.record_id),
                enterprises::TAG_CHANGE => tags_changed.insert(change.record_id),
                _ => false,
            };
        }
        let clauses = state.clauses.clauses(&state.db).await?;
        let today = today_in_china(now);
        let mut codes = BTreeSet::new();
        for tag in tags_changed {
            codes.extend(enterprises::tag_code(&state.db, tag).await?);
        }
        // Who is eligible is read first; the notices, notifications and cursor commit together.
        let mut due: BTreeSet<(usize, i64)> = BTreeSet::new();
        for (position, clause) in clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.in_force(today))
        {
            let touched = clauses_changed.contains(&clause.id)
                || clause
                    .condition
                    .tag_codes()
                    .iter()
                    .any(|c| codes.contains(c));
            if touched {
                let eligible = enterprises::matching_organisations(
                    &state.db,
                    &state.enterprise_index,
                    &clause.condition,
                    today,
                    clause.mode.evidence(),
                )
                .await?;
                due.extend(eligible.into_iter().map(|id| (position, id)));
            }
        }
        for organisation_id in enterprises_changed {
            for position in eligible_clauses(state, &clauses, organisation_id, now).await? {
                due.insert((position, organisation_id));
            }
        }
        let txn = state.db.begin().await?;
        for (position, organisation_id) in due {
            sent += usize::from(
                notify_once(state, &txn, &clauses[position], organisation_id, now).await?,
            );
        }
        store::set_cursor(&txn, CURSOR, last).await?;
        txn.commit().await?;
    }
}

/// The positions of the clauses in force one enterprise meets.
async fn eligible_clauses(
    state: &AppState,
    clauses: &ClauseSet,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<usize>, PoliciesError> {
    let facts = enterprises::facts(&state.db, organisation_id).await?;
    let tag_rules = enterprises::current_tag_rules(&state.db).await?;
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
    state: &AppState,
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
    let recipients = accounts::organisation_recipients(conn, organisation_id)
        .await
        .map_err(|e| anyhow::anyhow!("recipients of organisation {organisation_id}: {e}"))?;
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
    notifications::notify(conn, &state.templates, &recipients, &notice, now).await?;
    Ok(true)
}

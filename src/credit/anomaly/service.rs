//! Anomaly use cases: the checks a given rating goes through (inside its transaction), the
//! regulators' list and a regulator's review.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use entities::{
    rating::{self, RaterRole},
    rating_flag::{self, RatingFlagKind, RatingFlagStatus},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::{json, Value};
use uuid::Uuid;

use super::store;
use crate::{
    accounts,
    audit::{self, AuditEvent},
    auth::CurrentUser,
    credit::{
        error::CreditError,
        model::{AnomalyRules, Scores},
        sanction::service::ask_regulators,
    },
    error::Code,
    marketplace::intermediary::service as intermediaries,
    pagination::{Page, Paging},
};

/// Whether every indicator of a rating's scores (as given) is 5.
fn maximal(scores: Option<&str>) -> bool {
    scores
        .and_then(|text| serde_json::from_str::<Scores>(text).ok())
        .is_some_and(|s| !s.is_empty() && s.values().all(|v| *v == 5))
}

/// Digits only: how two ways of writing one phone number compare.
fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// What an organisation states about itself that could tie it to another.
#[derive(Debug, Default)]
struct Ties {
    representatives: Vec<String>,
    phones: Vec<String>,
    emails: Vec<String>,
}

impl Ties {
    fn add(&mut self, representative: Option<&str>, phone: Option<&str>, email: Option<&str>) {
        fn kept(t: Option<&str>) -> Option<&str> {
            t.map(str::trim).filter(|t| !t.is_empty())
        }
        self.representatives
            .extend(kept(representative).map(str::to_owned));
        self.phones
            .extend(kept(phone).map(phone_digits).filter(|d| d.len() >= 5));
        self.emails.extend(kept(email).map(str::to_lowercase));
    }

    /// What the two share, by field; empty when nothing.
    fn shared_with(&self, other: &Ties) -> BTreeMap<&'static str, Vec<String>> {
        let common = |a: &[String], b: &[String]| -> Vec<String> {
            let mut found: Vec<String> = a.iter().filter(|x| b.contains(x)).cloned().collect();
            found.sort();
            found.dedup();
            found
        };
        [
            (
                "legal_representative",
                common(&self.representatives, &other.representatives),
            ),
            ("phone", common(&self.phones, &other.phones)),
            ("email", common(&self.emails, &other.emails)),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}

async fn enterprise_ties<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Ties, CreditError> {
    let mut ties = Ties::default();
    let profile = crate::enterprises::profile(conn, organisation_id)
        .await
        .map_err(|e| CreditError::Internal(anyhow::anyhow!("owner profile: {e}")))?;
    ties.add(profile.fields.legal_representative.as_deref(), None, None);
    for c in &profile.fields.contacts {
        ties.add(None, c.phone.as_deref(), c.email.as_deref());
    }
    for email in accounts::user_emails_of(conn, organisation_id).await? {
        ties.add(None, None, Some(&email));
    }
    Ok(ties)
}

async fn intermediary_ties<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Ties, CreditError> {
    let mut ties = Ties::default();
    let c = intermediaries::contact(conn, organisation_id).await?;
    ties.add(
        c.legal_representative.as_deref(),
        c.phone.as_deref(),
        c.email.as_deref(),
    );
    for email in accounts::user_emails_of(conn, organisation_id).await? {
        ties.add(None, None, Some(&email));
    }
    Ok(ties)
}

/// What is anomalous about a rating just given, each kind with its detail.
async fn findings<C: ConnectionTrait>(
    conn: &C,
    given: &rating::Model,
    user_id: i64,
    rules: AnomalyRules,
    now: DateTime<Utc>,
) -> Result<Vec<(RatingFlagKind, Value)>, CreditError> {
    let mut found = Vec::new();
    let streak = u64::from(rules.maximal_streak);
    let last = store::last_given_scores(conn, user_id, streak).await?;
    if last.len() as u64 == streak && last.iter().all(|s| maximal(s.as_deref())) {
        found.push((RatingFlagKind::MaximalStreak, json!({ "ratings": streak })));
    }
    let since = now - Duration::seconds(i64::from(rules.burst_seconds));
    let burst = store::given_since(conn, user_id, since).await?;
    if burst >= u64::from(rules.burst_ratings) {
        found.push((
            RatingFlagKind::Burst,
            json!({ "ratings": burst, "seconds": rules.burst_seconds }),
        ));
    }
    if given.rater == RaterRole::Owner {
        let owner = enterprise_ties(conn, given.rater_organisation_id).await?;
        let shared = owner.shared_with(&intermediary_ties(conn, given.intermediary_id).await?);
        if !shared.is_empty() {
            found.push((RatingFlagKind::TiedOwner, json!(shared)));
        }
    }
    Ok(found)
}

/// Checks a rating just given by `user_id` and flags what is anomalous, telling the regulators
/// once. Runs inside the rating's transaction. Returns how many flags were raised.
pub async fn check_given<C: ConnectionTrait>(
    conn: &C,
    given: &rating::Model,
    user_id: i64,
    rules: AnomalyRules,
    now: DateTime<Utc>,
) -> Result<usize, CreditError> {
    let found = findings(conn, given, user_id, rules, now).await?;
    for (kind, detail) in &found {
        let row = rating_flag::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            rating_id: Set(given.id),
            intermediary_id: Set(given.intermediary_id),
            rated_by: Set(user_id),
            kind: Set(*kind),
            detail: Set(detail.to_string()),
            status: Set(RatingFlagStatus::Open),
            created_at: Set(now),
            ..Default::default()
        };
        store::insert(conn, row).await?;
    }
    if !found.is_empty() {
        let link = "/regulator/queues?tab=anomalies".to_owned();
        ask_regulators(
            conn,
            "rating_flagged",
            given.intermediary_id,
            None,
            link,
            now,
        )
        .await?;
    }
    Ok(found.len())
}

/// A flag with what the list shows beside it.
pub struct FlagView {
    pub flag: rating_flag::Model,
    pub rating: Option<rating::Model>,
    pub intermediary: Option<entities::organisation::Model>,
}

/// A page of flags, open ones first (the oldest first).
pub async fn flags(
    db: &DatabaseConnection,
    status: Option<RatingFlagStatus>,
    paging: &Paging,
) -> Result<Page<FlagView>, CreditError> {
    let (rows, total) = store::flags(db, status, paging).await?;
    let ids: Vec<i64> = rows.iter().map(|(f, _)| f.intermediary_id).collect();
    let organisations: BTreeMap<i64, entities::organisation::Model> =
        accounts::organisations_by_id(db, ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    let views = rows
        .into_iter()
        .map(|(flag, rating)| FlagView {
            intermediary: organisations.get(&flag.intermediary_id).cloned(),
            rating,
            flag,
        })
        .collect();
    Ok(Page::new(views, total, paging))
}

/// How many flags wait for a regulator.
pub async fn open_count<C: ConnectionTrait>(conn: &C) -> Result<u64, CreditError> {
    Ok(store::open_count(conn).await?)
}

/// A regulator's review of an open flag, with what it found.
pub async fn review(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    note: String,
    now: DateTime<Utc>,
) -> Result<rating_flag::Model, CreditError> {
    let txn = db.begin().await?;
    let flag = store::by_public_id(&txn, id)
        .await?
        .ok_or(CreditError::NotFound("rating flag"))?;
    if !store::review(&txn, flag.id, user.user_id, note.clone(), now).await? {
        return Err(CreditError::Rule(
            Code::RatingFlagReviewed,
            "this flag has been reviewed already",
        ));
    }
    let event = AuditEvent::new(
        "credit.anomaly_review",
        "rating_flag",
        flag.public_id,
        json!({ "kind": flag.kind, "note": note }),
    );
    audit::record(&txn, &user.actor(), event, now).await?;
    let saved = store::by_public_id(&txn, id)
        .await?
        .ok_or(CreditError::NotFound("rating flag"))?;
    txn.commit().await?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_compare_names_phones_by_digits_and_emails_ignoring_case() {
        let mut owner = Ties::default();
        owner.add(
            Some(" 王芳 "),
            Some("0571-8688 0000"),
            Some("Boss@Example.com"),
        );
        let mut firm = Ties::default();
        firm.add(Some("王芳"), Some("057186880000"), Some("boss@example.com"));
        let shared = owner.shared_with(&firm);
        assert_eq!(shared["legal_representative"], vec!["王芳".to_owned()]);
        assert_eq!(shared["phone"], vec!["057186880000".to_owned()]);
        assert_eq!(shared["email"], vec!["boss@example.com".to_owned()]);
        let mut stranger = Ties::default();
        stranger.add(Some("李四"), Some("12"), None);
        assert!(owner.shared_with(&stranger).is_empty());
    }

    #[test]
    fn only_every_indicator_at_five_is_maximal() {
        assert!(maximal(Some(r#"{"a":5,"b":5}"#)));
        assert!(!maximal(Some(r#"{"a":5,"b":4}"#)));
        assert!(!maximal(Some("{}")));
        assert!(!maximal(None));
    }
}

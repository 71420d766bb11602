//! Demo credit data for `qifu seed --demo`, after the marketplace's demo (whose accepted
//! deliveries opened the rating tasks): the raters rate most tasks at their own instants, in time
//! order, each intermediary's scores following a quality drawn from its name (most good, a few
//! poor); tasks whose window ended unrated lapse; the stars that fell open rectifications and
//! delisting proposals by themselves, overdue rectifications escalate; a regulator confirms one
//! delisting and, when no rectification is in force, opens one on its own motion; and the
//! intermediary of the latest rating appeals it while it may. External feedback events (tax
//! arrears, an abnormal-operation listing since lifted, a penalty, an upheld complaint,
//! commendations) are imported for a few intermediaries as the centre would, from a CSV file
//! through the import use case. Recent tasks of the demo
//! enterprise stay open for its user to rate. Everything goes through the credit use cases, as
//! the users and the scheduler would; running it again rates nothing twice.

use chrono::{DateTime, Duration, Utc};
use entities::{
    rating::{RaterRole, RatingStatus},
    sanction::{SanctionKind, SanctionStatus},
};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};

use crate::{
    accounts::{self, Role, UserQuery},
    auth::CurrentUser,
    credit::{
        appeal::service::{self as appeals, NewAppeal},
        model::Scores,
        rating::service::{self as ratings, NewRating},
        sanction::service::{self as sanctions, SanctionAction, SanctionFilter},
    },
    pagination::Paging,
};

/// What seeding the credit demo did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CreditSeedReport {
    pub rated: usize,
    pub lapsed: u64,
    pub escalated: u64,
    pub delisted: bool,
    /// A regulator opened a rectification on its own motion (none was in force).
    pub rectification: bool,
    pub appealed: bool,
    /// External feedback events the import created (none when run again).
    pub events: usize,
    /// An intermediary gave its owner's legal representative as its own (a rating anomaly).
    pub tied: bool,
}

/// A number from 0 to 99 drawn from `text` (stable across runs).
fn draw(text: &str) -> u8 {
    Sha256::digest(text.as_bytes())[0] % 100
}

/// What a task's draws depend on: its job, rater and intermediary, the same on every run.
fn key(task: &entities::rating::Model) -> String {
    format!("{} {} {}", task.job_title, task.rater, task.intermediary_id)
}

/// An intermediary's typical score, 1–5, drawn from its id: mostly 5s and 4s, a few poor.
fn quality(intermediary: i64) -> u8 {
    match draw(&format!("quality {intermediary}")) {
        0..=44 => 5,
        45..=69 => 4,
        70..=84 => 3,
        85..=93 => 2,
        _ => 1,
    }
}

/// The scores of one task: the intermediary's quality, each indicator a point lower or higher
/// now and then.
fn scores_of(task: &entities::rating::Model, indicators: &[String]) -> Scores {
    let base = quality(task.intermediary_id);
    indicators
        .iter()
        .map(|code| {
            let wobble = draw(&format!("{} {code}", key(task)));
            let value = match wobble {
                0..=14 => base.saturating_sub(1).max(1),
                85..=99 => (base + 1).min(5),
                _ => base,
            };
            (code.clone(), value)
        })
        .collect()
}

/// Whether a task stays unrated (to lapse, or to be rated by a person using the demo).
fn left_unrated(task: &entities::rating::Model, now: DateTime<Utc>, demo_enterprise: i64) -> bool {
    let open_window = task.due_at > now;
    if open_window && task.rater_organisation_id == demo_enterprise {
        return true;
    }
    draw(&format!("lapse {}", key(task))) < if open_window { 40 } else { 12 }
}

/// A user of the organisation in a role that rates for `rater`.
async fn rater_user(
    db: &DatabaseConnection,
    organisation: uuid::Uuid,
    rater: RaterRole,
) -> anyhow::Result<Option<CurrentUser>> {
    let query = UserQuery {
        role: None,
        organisation_id: Some(organisation),
    };
    let paging = Paging::new(Some(1), Some(100)).map_err(anyhow::Error::msg)?;
    let users = accounts::list_users(db, &query, &paging).await?;
    Ok(users
        .items
        .into_iter()
        .find(|a| ratings::may_rate_as(a.role, rater))
        .map(|a| a.current_user(0, None)))
}

/// Every open task, oldest job first.
async fn open_tasks(db: &DatabaseConnection) -> anyhow::Result<Vec<entities::rating::Model>> {
    let mut all = Vec::new();
    for page in 1.. {
        let paging = Paging::new(Some(page), Some(100)).map_err(anyhow::Error::msg)?;
        let found = ratings::all_tasks(db, Some(RatingStatus::Open), &paging).await?;
        let done = found.items.len() < 100;
        all.extend(found.items);
        if done {
            break;
        }
    }
    all.sort_by_key(|t| (t.accepted_at, t.id));
    Ok(all)
}

/// Rates the demo's open tasks (see the module), lapses and escalates what ran out, confirms
/// one delisting and files one appeal. `demo_enterprise` keeps its recent tasks to rate.
pub async fn seed(
    db: &DatabaseConnection,
    (regulator, demo_enterprise): (&CurrentUser, i64),
    now: DateTime<Utc>,
) -> anyhow::Result<CreditSeedReport> {
    let mut report = CreditSeedReport::default();
    let indicators = crate::credit::formula::service::current(db)
        .await?
        .formula
        .indicators;
    let mut planned = Vec::new();
    for task in open_tasks(db).await? {
        if left_unrated(&task, now, demo_enterprise) {
            continue;
        }
        let after = i64::from(draw(&format!("when {}", key(&task))) % 10) + 1;
        let at = (task.accepted_at + Duration::days(after))
            .min(task.due_at - Duration::hours(1))
            .min(now - Duration::minutes(5));
        planned.push((at, task));
    }
    planned.sort_by_key(|(at, t)| (*at, t.id));
    if let Some((_, task)) = planned.iter().find(|(_, t)| t.rater == RaterRole::Owner) {
        report.tied = tie_to_owner(db, task, now).await?;
    }
    let mut latest = None;
    for (at, task) in planned {
        let Some(organisation) =
            accounts::organisation_by_id(db, task.rater_organisation_id).await?
        else {
            continue;
        };
        let Some(user) = rater_user(db, organisation.public_id, task.rater).await? else {
            continue;
        };
        let scores = scores_of(&task, &indicators);
        let low = scores.values().any(|s| *s <= 2);
        let comment = low.then(|| "部分成果需返工，时效不达预期。".to_owned());
        let input = NewRating { scores, comment };
        let (rated, _) = ratings::rate(db, &user, task.public_id, input, at).await?;
        latest = Some(rated);
        report.rated += 1;
    }
    report.events = import_events(db, now).await?;
    report.lapsed = ratings::lapse_and_remind(db, now).await?.0;
    report.escalated = sanctions::escalate_overdue(db, now).await?;
    report.delisted = confirm_one_delisting(db, regulator, now).await?;
    report.rectification = ensure_a_rectification(db, regulator, now).await?;
    if let Some(rating) = latest {
        report.appealed = appeal(db, &rating, now).await?;
    }
    Ok(report)
}

/// A regulator confirms the oldest delisting proposal, unless someone is delisted already.
async fn confirm_one_delisting(
    db: &DatabaseConnection,
    regulator: &CurrentUser,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let paging = Paging::new(Some(1), Some(100)).map_err(anyhow::Error::msg)?;
    let delisted = SanctionFilter {
        organisation_id: None,
        status: Some(SanctionStatus::Delisted),
        kind: Some(SanctionKind::Delisting),
    };
    if sanctions::sanctions(db, &delisted, &paging).await?.total > 0 {
        return Ok(false);
    }
    let proposed = SanctionFilter {
        status: Some(SanctionStatus::Proposed),
        ..delisted
    };
    let Some(oldest) = sanctions::sanctions(db, &proposed, &paging)
        .await?
        .items
        .pop()
    else {
        return Ok(false);
    };
    let reason = "评价持续偏低，经核实确认临时下架。".to_owned();
    sanctions::decide(
        db,
        regulator,
        oldest.public_id,
        SanctionAction::Confirm,
        reason,
        now,
    )
    .await?;
    Ok(true)
}

/// Unless a rectification is in force, a regulator opens one on its own motion for the
/// lowest-scored intermediary with three stars or more that is not delisted.
async fn ensure_a_rectification(
    db: &DatabaseConnection,
    regulator: &CurrentUser,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let paging = Paging::new(Some(1), Some(100)).map_err(anyhow::Error::msg)?;
    for status in [SanctionStatus::Open, SanctionStatus::Reported] {
        let filter = SanctionFilter {
            organisation_id: None,
            status: Some(status),
            kind: Some(SanctionKind::Rectification),
        };
        if sanctions::sanctions(db, &filter, &paging).await?.total > 0 {
            return Ok(false);
        }
    }
    let listed =
        crate::credit::score::service::intermediaries(db, &Default::default(), &paging).await?;
    let Some((target, _)) = listed.items.into_iter().rev().find(|(_, s)| {
        s.as_ref()
            .is_some_and(|s| !s.delisted && s.stars.is_some_and(|n| n >= 3))
    }) else {
        return Ok(false);
    };
    let reason = "收到业主投诉：成果资料不完整，经核实责令限期整改。".to_owned();
    sanctions::open_on_motion(
        db,
        regulator,
        target.public_id,
        SanctionKind::Rectification,
        reason,
        now,
    )
    .await?;
    Ok(true)
}

/// The rated intermediary appeals the rating, as its first user, if its window is still open.
async fn appeal(
    db: &DatabaseConnection,
    rating: &entities::rating::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(organisation) = accounts::organisation_by_id(db, rating.intermediary_id).await? else {
        return Ok(false);
    };
    let query = UserQuery {
        role: Some(Role::Intermediary),
        organisation_id: Some(organisation.public_id),
    };
    let paging = Paging::new(Some(1), Some(1)).map_err(anyhow::Error::msg)?;
    let Some(user) = accounts::list_users(db, &query, &paging).await?.items.pop() else {
        return Ok(false);
    };
    let input = NewAppeal {
        rating: Some(rating.public_id),
        sanction: None,
        reason: "返工系业主变更设计条件所致，附往来函件。".to_owned(),
        evidence: Vec::new(),
    };
    match appeals::file_appeal(db, &user.current_user(0, None), input, now).await {
        Ok(_) => Ok(true),
        // The latest rating may be older than the appeal window: then there is no appeal.
        Err(crate::credit::CreditError::Rule(crate::error::Code::AppealTooLate, _)) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("filing the demo appeal: {e}")),
    }
}

/// The demo's external feedback events: (which intermediary, by its place among those with a
/// code, oldest first), kind, source, reference, days ago it occurred, days after that it ended.
/// One demo event: place, kind, source, reference, days ago, days it lasted.
type DemoEvent = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
);

const EVENTS: [DemoEvent; 7] = [
    (
        3,
        "欠税",
        "国家税务总局演示区税务局",
        "SW-2026-0317",
        40,
        None,
    ),
    (
        7,
        "经营异常名录",
        "演示区市场监督管理局",
        "JY-2026-0088",
        120,
        Some(60),
    ),
    (
        11,
        "行政处罚",
        "演示区市场监督管理局",
        "CF-2026-0021",
        75,
        None,
    ),
    (
        19,
        "投诉属实",
        "12345政务服务便民热线",
        "TS-2026-1543",
        20,
        None,
    ),
    (
        23,
        "表彰奖励",
        "演示区发展和改革局",
        "BZ-2026-0004",
        150,
        None,
    ),
    (
        31,
        "表彰奖励",
        "演示区发展和改革局",
        "BZ-2026-0005",
        150,
        None,
    ),
    (
        41,
        "欠税",
        "国家税务总局演示区税务局",
        "SW-2026-0402",
        10,
        None,
    ),
];

/// Imports the demo's events as the centre would: a CSV file, valid rows saved.
async fn import_events(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<usize> {
    use crate::credit::event::service::{self as events, Importer};
    let mut codes: Vec<(i64, String)> =
        accounts::organisations_of_kind(db, accounts::OrganisationKind::Intermediary)
            .await?
            .into_iter()
            .filter_map(|o| o.uscc.map(|u| (o.id, u)))
            .collect();
    codes.sort();
    let today = (now + Duration::hours(8)).date_naive();
    let mut file = "统一社会信用代码,事件类型,来源,编号,发生日期,结束日期,说明\n".to_owned();
    for (place, kind, source, reference, ago, lasted) in EVENTS {
        let Some((_, uscc)) = codes.get(place) else {
            continue;
        };
        let occurred = today - Duration::days(ago);
        let ended = lasted.map(|d| (occurred + Duration::days(d)).to_string());
        file.push_str(&format!(
            "{uscc},{kind},{source},{reference},{occurred},{},演示数据\n",
            ended.unwrap_or_default()
        ));
    }
    let importer = Importer {
        actor: crate::audit::Actor::system(),
        user_id: None,
    };
    let mode = crate::sheets::ImportMode::ValidRows;
    let report = events::import(db, &importer, file.as_bytes(), mode, now)
        .await
        .map_err(|e| anyhow::anyhow!("the demo's events: {e}"))?;
    anyhow::ensure!(
        report.errors.is_empty(),
        "the demo's events: {:?}",
        report.errors
    );
    Ok(report.created)
}

/// The winner of an owner's task states the owner's legal representative as its own, through
/// its profile, so the owner's rating is flagged for the regulators. False when the owner names
/// none or the winner states one already.
async fn tie_to_owner(
    db: &DatabaseConnection,
    task: &entities::rating::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    use crate::marketplace::intermediary::service::{self as intermediaries, ProfileUpdate};
    let owner = crate::enterprises::profile(db, task.rater_organisation_id)
        .await
        .map_err(|e| anyhow::anyhow!("the owner's profile: {e}"))?;
    let Some(representative) = owner.fields.legal_representative else {
        return Ok(false);
    };
    let Some(firm) = accounts::organisation_by_id(db, task.intermediary_id).await? else {
        return Ok(false);
    };
    let query = UserQuery {
        role: Some(Role::Intermediary),
        organisation_id: Some(firm.public_id),
    };
    let paging = Paging::new(Some(1), Some(1)).map_err(anyhow::Error::msg)?;
    let Some(user) = accounts::list_users(db, &query, &paging).await?.items.pop() else {
        return Ok(false);
    };
    let user = user.current_user(0, None);
    let view = intermediaries::intermediary(db, &user, firm.public_id).await?;
    let Some(profile) = view.profile.filter(|p| p.legal_representative.is_none()) else {
        return Ok(false);
    };
    let mut contact = intermediaries::contact(db, firm.id).await?;
    contact.legal_representative = Some(representative);
    let update = ProfileUpdate {
        practitioners: profile.practitioners,
        introduction: profile.introduction,
        contact,
        service_types: view.service_types.iter().map(|t| t.public_id).collect(),
    };
    intermediaries::update_profile(db, &user, update, now).await?;
    Ok(true)
}

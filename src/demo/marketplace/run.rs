//! Runs the demo jobs: places each job missing from the database in the window, merges every
//! job's steps into one timeline, and runs the steps in time order through the use cases, each at
//! its own instant; closing and the end of the notice run through `close_due` and `end_notices`
//! at their deadlines, as the scheduler would. Answers what was created and where it ended.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use anyhow::Context;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use sea_orm::DatabaseConnection;

use super::{
    firms::Firm,
    plan::{CancelledFrom, Job, Outcome},
    projects::Site,
    schedule::{self, Calendar, Rules, Step, Timeline, Window},
};
use crate::{
    auth::CurrentUser,
    configuration::MarketplaceSettings,
    marketplace::{
        bid::service::{self as bids, BidOffer},
        contract::service::{self as contracts, DeliveryInput},
        model::SelectionMethod,
        procurement::service::{self as procurements, ProcurementDefinition, ProcurementFilter},
        selection::service::{self as selection, ObjectionAnswer},
    },
    pagination::Paging,
};

/// What running the jobs created.
#[derive(Debug, Default)]
pub struct RunOutcome {
    pub created: usize,
    pub statuses: BTreeMap<&'static str, usize>,
    pub methods: BTreeMap<&'static str, usize>,
}

/// A job as it goes.
#[derive(Debug, Default)]
struct Live {
    id: Option<Uuid>,
    bids: Vec<Option<Uuid>>,
    objection: Option<Uuid>,
    copy: Option<Uuid>,
    timeline: Option<Timeline>,
}

/// Everything the steps act with.
struct Cast<'a> {
    db: &'a DatabaseConnection,
    rules: &'a MarketplaceSettings,
    sites: &'a [Site],
    firms: &'a [Firm],
    jobs: &'a [Job],
}

pub async fn run(
    (db, rules): (&DatabaseConnection, &MarketplaceSettings),
    cal: &mut Calendar<'_>,
    window: &Window,
    (jobs, sites, firms): (&[Job], &[Site], &[Firm]),
) -> anyhow::Result<RunOutcome> {
    let timing = Rules {
        notice_working_days: rules.notice_working_days,
        min_bidding_working_days: rules.min_bidding_working_days,
    };
    let existing = existing(db, sites).await?;
    let mut lives: Vec<Live> = jobs.iter().map(|_| Live::default()).collect();
    let mut events = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        let site = &sites[job.site];
        if existing.contains(&(site.project.id, job.title.clone())) {
            continue;
        }
        let timeline = schedule::place(cal, job, window, timing).await?;
        events.extend(
            timeline
                .steps
                .iter()
                .enumerate()
                .map(|(order, (at, step))| (*at, index, order, *step)),
        );
        lives[index].bids = vec![None; job.bids.len()];
        lives[index].timeline = Some(timeline);
    }
    events.sort_by_key(|(at, index, order, _)| (*at, *index, *order));
    let cast = Cast {
        db,
        rules,
        sites,
        firms,
        jobs,
    };
    for (at, index, _, step) in events {
        cast.step(index, &mut lives[index], step, at)
            .await
            .with_context(|| format!("demo job {} ({step:?} at {at})", jobs[index].title))?;
    }
    cast.outcome(&lives).await
}

/// The (project, title) of every procurement the demo owners have.
async fn existing(
    db: &DatabaseConnection,
    sites: &[Site],
) -> anyhow::Result<BTreeSet<(i64, String)>> {
    let mut seen = BTreeSet::new();
    let mut owners = BTreeSet::new();
    for site in sites {
        if !owners.insert(site.owner.organisation_id) {
            continue;
        }
        let filter = ProcurementFilter {
            mine: true,
            ..Default::default()
        };
        for page in 1.. {
            let paging = Paging::new(Some(page), Some(100)).map_err(anyhow::Error::msg)?;
            let found = procurements::procurements(db, &site.owner, &filter, &paging).await?;
            let done = found.items.len() < 100;
            seen.extend(
                found
                    .items
                    .into_iter()
                    .map(|v| (v.project.id, v.procurement.title)),
            );
            if done {
                break;
            }
        }
    }
    Ok(seen)
}

const OBJECTION: &str = "中选机构报价明显低于同类项目，质疑其能否保证服务质量。";
const OBJECTION_ANSWER: &str = "经核查，中选机构资质有效、报价在收费区间内，异议不成立。";
const JUSTIFICATION: &str =
    "我单位近期承担过同区域同类项目，可复用既有基础资料和监测数据，报价已包含全部工作内容。";
const RETURN_REASON: &str = "成果文件缺少现场踏勘记录和附图，请补充后重新提交。";

fn cancel_reason(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Cancelled(CancelledFrom::Evaluating) => "项目投资计划调整，终止本次委托。",
        Outcome::Cancelled(CancelledFrom::Failed) => "流标后项目方案调整，本次采购终止。",
        _ => "项目建设方案调整，暂缓委托。",
    }
}

fn definition(job: &Job, site: &Site, bidding_working_days: u32) -> ProcurementDefinition {
    ProcurementDefinition {
        project: site.project.public_id,
        service_type: job.subject.service_type,
        package: job.subject.package,
        title: job.title.clone(),
        scope: job.scope.clone(),
        budget_ceiling_fen: job.ceiling_fen,
        required_qualifications: Vec::new(),
        avoided: Vec::new(),
        method: job.method,
        weights: (50, 30, 20),
        bidding_working_days: i32::try_from(bidding_working_days).unwrap_or(i32::MAX),
        service_working_days: job.service_working_days,
    }
}

impl Cast<'_> {
    fn owner(&self, index: usize) -> &CurrentUser {
        &self.sites[self.jobs[index].site].owner
    }

    async fn step(
        &self,
        index: usize,
        live: &mut Live,
        step: Step,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let job = &self.jobs[index];
        let owner = self.owner(index);
        let (db, rules) = (self.db, self.rules);
        if step == Step::Create {
            let bidding = live.timeline.as_ref().map_or(5, |t| t.bidding_working_days);
            let d = definition(job, &self.sites[job.site], bidding);
            let created = procurements::create_procurement(db, owner, d, at, rules).await?;
            live.id = Some(created.procurement.public_id);
            return Ok(());
        }
        let id = live.id.context("the procurement is not created yet")?;
        match step {
            Step::Publish => drop(procurements::publish(db, owner, id, at).await?),
            Step::Bid(k) | Step::Replace(k) => self.bid(job, live, (id, k), step, at).await?,
            Step::Close => none_stuck(&selection::close_due(db, at, rules).await?.stuck)?,
            Step::EndNotice => none_stuck(&selection::end_notices(db, at).await?.stuck)?,
            Step::Select => self.select(job, live, id, at).await?,
            Step::Justify => {
                let low = &self.firms[job.bids[job.chosen].firm];
                selection::justify(db, &low.user, id, JUSTIFICATION.to_owned(), at).await?;
            }
            Step::Object => self.object(job, live, id, at).await?,
            Step::AnswerObjection => {
                let objection = live.objection.context("no objection raised")?;
                let answer = OBJECTION_ANSWER.to_owned();
                selection::answer_objection(
                    db,
                    owner,
                    (id, objection),
                    ObjectionAnswer {
                        uphold: false,
                        answer,
                    },
                    at,
                    rules,
                )
                .await?;
            }
            Step::ConfirmOwner => drop(contracts::confirm(db, owner, id, at).await?),
            Step::ConfirmIntermediary => {
                let contractor = self.contractor(owner, id, at).await?;
                contracts::confirm(db, &contractor.user, id, at).await?;
            }
            Step::Deliver => self.deliver(job, id, at).await?,
            Step::Return => {
                let reason = Some(RETURN_REASON.to_owned());
                contracts::decide_delivery(db, owner, id, false, reason, at).await?;
            }
            Step::Accept => drop(contracts::decide_delivery(db, owner, id, true, None, at).await?),
            Step::Cancel => {
                let reason = cancel_reason(job.outcome).to_owned();
                procurements::cancel(db, owner, id, reason, at).await?;
            }
            Step::Republish => {
                let copy = procurements::republish(db, owner, id, at).await?;
                live.copy = Some(copy.procurement.public_id);
            }
            Step::Create => {}
        }
        Ok(())
    }

    async fn bid(
        &self,
        job: &Job,
        live: &mut Live,
        (id, k): (Uuid, usize),
        step: Step,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let planned = &job.bids[k];
        let firm = &self.firms[planned.firm];
        let price_fen = match step {
            Step::Replace(_) => planned.replaced_by.unwrap_or(planned.price_fen),
            _ => planned.price_fen,
        };
        let days = live
            .timeline
            .as_ref()
            .map_or(planned.promised_working_days, |t| t.promised_working_days);
        let offer = BidOffer {
            price_fen,
            promised_working_days: days,
            proposal: format!(
                "{}拟派{}名专业技术人员组成项目组，{days}个工作日内提交{}成果，质量满足审查要求。",
                firm.organisation.name,
                3 + k % 5,
                job.subject.name_zh
            ),
            proposal_file: None,
            proposal_digest: None,
        };
        let placed = bids::place_bid(self.db, &firm.user, id, offer, at).await?;
        if let Some(slot) = live.bids.get_mut(k) {
            *slot = Some(placed.public_id);
        }
        Ok(())
    }

    async fn select(
        &self,
        job: &Job,
        live: &Live,
        id: Uuid,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let owner = &self.sites[job.site].owner;
        match job.method {
            SelectionMethod::DirectPick => {
                let bid = live
                    .bids
                    .get(job.chosen)
                    .copied()
                    .flatten()
                    .context("the picked bid")?;
                selection::pick(self.db, owner, id, bid, at, self.rules).await?;
            }
            SelectionMethod::Scored => {
                let marks: Vec<(Uuid, i32)> = live
                    .bids
                    .iter()
                    .zip(&job.bids)
                    .filter_map(|(id, b)| Some(((*id)?, b.mark)))
                    .collect();
                selection::score(self.db, owner, id, marks, at, self.rules).await?;
            }
            SelectionMethod::RandomDraw | SelectionMethod::LowestPrice => {}
        }
        Ok(())
    }

    /// A losing bidder objects to the result.
    async fn object(
        &self,
        job: &Job,
        live: &mut Live,
        id: Uuid,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let owner = &self.sites[job.site].owner;
        let view = procurements::procurement(self.db, owner, id).await?;
        let winner = view.winner.map(|w| w.id);
        let objector = job
            .bids
            .iter()
            .map(|b| &self.firms[b.firm])
            .find(|f| Some(f.organisation.id) != winner)
            .context("a losing bidder")?;
        let raised =
            selection::raise_objection(self.db, &objector.user, id, OBJECTION.to_owned(), at)
                .await?;
        live.objection = Some(raised.public_id);
        Ok(())
    }

    /// The firm holding the procurement's contract.
    async fn contractor(
        &self,
        owner: &CurrentUser,
        id: Uuid,
        at: DateTime<Utc>,
    ) -> anyhow::Result<&Firm> {
        let view = contracts::contract(self.db, owner, id, at).await?;
        self.firms
            .iter()
            .find(|f| f.organisation.id == view.contract.organisation_id)
            .context("the contract's intermediary is not a demo firm")
    }

    async fn deliver(&self, job: &Job, id: Uuid, at: DateTime<Utc>) -> anyhow::Result<()> {
        let owner = &self.sites[job.site].owner;
        let contractor = self.contractor(owner, id, at).await?;
        let summary = format!(
            "{}成果文件（{}提交）",
            job.subject.name_zh,
            at.format("%Y-%m-%d")
        );
        let digest = hex::encode(Sha256::digest(
            format!("{}:{summary}", job.title).as_bytes(),
        ));
        let input = DeliveryInput {
            summary,
            file: None,
            digest: Some(digest),
        };
        contracts::deliver(self.db, &contractor.user, id, input, at).await?;
        Ok(())
    }

    /// Where each created procurement stands.
    async fn outcome(&self, lives: &[Live]) -> anyhow::Result<RunOutcome> {
        let mut outcome = RunOutcome::default();
        let created = lives.iter().enumerate().flat_map(|(index, live)| {
            live.id
                .into_iter()
                .chain(live.copy)
                .map(move |id| (index, id))
        });
        let mut seen = HashSet::new();
        for (index, id) in created {
            if !seen.insert(id) {
                continue;
            }
            let view = procurements::procurement(self.db, self.owner(index), id).await?;
            let p = &view.procurement;
            *outcome.statuses.entry(p.status.as_str()).or_default() += 1;
            *outcome
                .methods
                .entry(p.selection_method.as_str())
                .or_default() += 1;
            outcome.created += 1;
        }
        Ok(outcome)
    }
}

/// Fails the demo when a scheduled step left a procurement behind.
fn none_stuck(stuck: &[selection::Stuck]) -> anyhow::Result<()> {
    match stuck.first() {
        Some(first) => anyhow::bail!("a demo procurement did not move on: {first}"),
        None => Ok(()),
    }
}

//! The intermediary supermarket's procurements as OCDS 1.1.5 releases and release packages.
//!
//! One procurement is one contracting process: `ocid` = `{prefix}-{procurement uuid}`. Each call to
//! [`release`] describes the procurement at its current state (every release carries everything
//! public at that moment, so a consumer never has to merge), and a new state — a new `updated_at` —
//! gives a new release `id`. Which sections appear, and with which codes, follows the qifu status:
//!
//! | qifu status  | `tag`                 | `tender.status` | bids, tenderers | awards | contracts |
//! |--------------|-----------------------|-----------------|-----------------|--------|-----------|
//! | `draft`      | never published: [`release`] answers `None` |  |           |        |           |
//! | `published`  | `tender`              | `active`        | —               | —      | —         |
//! | `evaluating` | `tenderUpdate`        | `active`        | yes             | —      | —         |
//! | `failed`     | `tenderUpdate`        | `unsuccessful`  | yes             | —      | —         |
//! | `notice`     | `award`               | `active`        | yes             | yes    | if any    |
//! | `awarded`    | `award`               | `complete`      | yes             | yes    | if any    |
//! | `contracted` | `contract`            | `complete`      | yes             | yes    | yes       |
//! | `delivered`  | `implementation`      | `complete`      | yes             | yes    | yes       |
//! | `accepted`   | `contractTermination` | `complete`      | yes             | yes    | yes       |
//! | `cancelled`  | `tenderCancellation` (+ `awardCancellation` when a published award was cancelled) | `cancelled` | only if cancelled after the bid deadline | same | same |
//!
//! During public notice (公示) objections can still overturn the result, so the tender stays
//! `active` and the award `pending`; the tender is `complete` once the award is in force.
//! `awardUpdate` is not used for `awarded`: a notice period of zero days would skip the earlier
//! `award` release that the tag presupposes, and the release is a full snapshot anyway.
//!
//! Sealed bids: while bidding is open nothing about bids is emitted — no `bids`, no
//! `numberOfTenderers`, no `tenderers`, no awards or contracts, no tenderer or supplier parties —
//! even if the record passed in carries them by mistake.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Number, Value};
use uuid::Uuid;

/// The ocid prefix used when none is configured. OCDS prefixes (`ocds-` + six characters) are
/// assigned by the Open Contracting Partnership; this one has the right shape but is a
/// placeholder until qifu's own prefix is registered, and must be replaced before publishing.
pub const DEFAULT_OCID_PREFIX: &str = "ocds-qifu01";

/// The OCDS bids extension, which defines `bids.statistics`; named in a package's `extensions`
/// whenever one of its releases carries bid statistics.
pub const BIDS_EXTENSION: &str =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

/// The OCDS version (major.minor) a package declares.
const OCDS_VERSION: &str = "1.1";

/// The organisation identifier scheme for unified social credit codes (统一社会信用代码).
///
/// OCDS takes schemes from org-id.guide (the IATI organisation registration agency list), which
/// has no `CN-USCC`; its one Chinese company register is `CN-SAIC`, the register of the State
/// Administration for Industry and Commerce (now SAMR), whose registration number has been the
/// GB 32100-2015 unified social credit code since 2015. A scheme of our own invention would make
/// the identifiers unusable by tools that check schemes against org-id.guide, so every USCC is
/// published under `CN-SAIC`, including the few organisations (public institutions, social
/// organisations) whose code another authority issued: the code itself is one national namespace.
const ORG_ID_SCHEME: &str = "CN-SAIC";

/// The local classification scheme of `tender.items`: qifu's catalogue of 涉审中介事项.
const SERVICE_TYPE_SCHEME: &str = "QIFU-SERVICE-TYPE";

/// An organisation taking part in a procurement: the buyer (项目业主) or an intermediary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The organisation's public id; it is the party `id` in every release, so it stays the
    /// same across releases even if the USCC on file is corrected.
    pub id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
}

/// Bid counts and prices, known only once bidding has closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidStatistics {
    /// Bids received (one per intermediary); published as `bids` and as `numberOfTenderers`.
    pub total_bids: u32,
    pub valid_bids: u32,
    /// The lowest and highest price among the *valid* bids, in fen.
    pub lowest_fen: Option<i64>,
    pub highest_fen: Option<i64>,
}

/// The selected intermediary (中选).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardRecord {
    pub id: Uuid,
    pub supplier: Party,
    pub amount_fen: i64,
    pub date: DateTime<Utc>,
    /// `pending` (in public notice) | `active` | `cancelled`.
    pub status: &'static str,
}

/// The contract (合同) signed on an award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRecord {
    pub id: Uuid,
    pub award_id: Uuid,
    pub amount_fen: i64,
    pub date_signed: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
    /// `pending` | `active` | `terminated`.
    pub status: &'static str,
}

/// One procurement (中介服务采购) as the marketplace knows it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcurementRecord {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// draft | published | evaluating | notice | awarded | contracted | delivered | accepted |
    /// cancelled | failed
    pub status: String,
    /// direct_pick | random_draw | lowest_price | scored
    pub method: String,
    /// The service type's (code, Chinese name); `None` for a package of several.
    pub service_type: Option<(String, String)>,
    pub buyer: Party,
    pub budget_ceiling_fen: i64,
    pub published_at: Option<DateTime<Utc>>,
    pub bid_deadline: Option<DateTime<Utc>>,
    pub service_working_days: i32,
    /// `None` while bidding is open.
    pub bid_statistics: Option<BidStatistics>,
    /// Empty while bidding is open.
    pub tenderers: Vec<Party>,
    pub award: Option<AwardRecord>,
    pub contract: Option<ContractRecord>,
    pub updated_at: DateTime<Utc>,
}

/// Who publishes a package (the service centre running the platform).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    pub name: String,
    pub uri: Option<String>,
}

/// The open contracting id of a procurement: `{prefix}-{uuid}`.
pub fn ocid(prefix: &str, procurement_id: Uuid) -> String {
    format!("{prefix}-{procurement_id}")
}

/// The release of a procurement at its current state, or `None` when the procurement is not
/// public: a draft, a procurement never published (`published_at` is `None`, e.g. a draft that
/// was cancelled), or a status this module does not know. Callers answer 404 for `None`.
pub fn release(prefix: &str, record: &ProcurementRecord) -> Option<Value> {
    let stage = Stage::of(record)?;
    let ocid = ocid(prefix, record.id);
    let bids_public = stage.bids_public(record);
    let award = record
        .award
        .as_ref()
        .filter(|_| bids_public && stage.has_award());
    let contract = record.contract.as_ref().filter(|_| award.is_some());

    let mut parties = Parties::default();
    parties.add(&record.buyer, "buyer");
    parties.add(&record.buyer, "procuringEntity");

    let mut tender = Map::new();
    tender.insert("id".into(), json!(record.id.to_string()));
    tender.insert("title".into(), json!(record.title));
    tender.insert("description".into(), json!(record.description));
    tender.insert("status".into(), json!(stage.tender_status()));
    tender.insert("procuringEntity".into(), reference(&record.buyer));
    if let Some((code, name)) = &record.service_type {
        tender.insert(
            "items".into(),
            json!([{
                "id": "1",
                "description": name,
                "classification": {"scheme": SERVICE_TYPE_SCHEME, "id": code, "description": name},
            }]),
        );
    }
    tender.insert("value".into(), money(record.budget_ceiling_fen));
    let method = Method::parse(&record.method);
    tender.insert("procurementMethod".into(), json!(PROCUREMENT_METHOD));
    if let Some(method) = method {
        if let Some(criteria) = method.award_criteria() {
            tender.insert("awardCriteria".into(), json!(criteria));
        }
        tender.insert(
            "awardCriteriaDetails".into(),
            json!(method.award_criteria_details()),
        );
    }
    tender.insert(
        "procurementMethodDetails".into(),
        json!(method.map_or(record.method.as_str(), |m| m.details())),
    );
    tender.insert("mainProcurementCategory".into(), json!("services"));
    let mut tender_period = Map::new();
    insert_date(&mut tender_period, "startDate", record.published_at);
    insert_date(&mut tender_period, "endDate", record.bid_deadline);
    tender.insert("tenderPeriod".into(), Value::Object(tender_period));

    let mut bids = None;
    if bids_public {
        if let Some(statistics) = &record.bid_statistics {
            tender.insert("numberOfTenderers".into(), json!(statistics.total_bids));
            bids = Some(json!({ "statistics": bid_statistics(statistics) }));
        }
        if !record.tenderers.is_empty() {
            for tenderer in &record.tenderers {
                parties.add(tenderer, "tenderer");
            }
            let references = unique(&record.tenderers)
                .into_iter()
                .map(reference)
                .collect();
            tender.insert("tenderers".into(), Value::Array(references));
        }
    }

    let mut tags = vec![stage.tag()];
    let mut release = Map::new();
    release.insert("ocid".into(), json!(ocid));
    release.insert(
        "id".into(),
        json!(format!("{ocid}-{}", compact(record.updated_at))),
    );
    release.insert("date".into(), json!(date(record.updated_at)));
    release.insert("initiationType".into(), json!("tender"));
    release.insert("language".into(), json!("zh"));
    release.insert("buyer".into(), reference(&record.buyer));
    release.insert("tender".into(), Value::Object(tender));
    if let Some(bids) = bids {
        release.insert("bids".into(), bids);
    }
    if let Some(award) = award {
        parties.add(&award.supplier, "supplier");
        let status = known(award.status, AWARD_STATUSES);
        if stage == Stage::Cancelled && status == Some("cancelled") {
            tags.push("awardCancellation");
        }
        let mut entry = Map::new();
        entry.insert("id".into(), json!(award.id.to_string()));
        if let Some(status) = status {
            entry.insert("status".into(), json!(status));
        }
        entry.insert("date".into(), json!(date(award.date)));
        entry.insert("value".into(), money(award.amount_fen));
        entry.insert("suppliers".into(), json!([reference(&award.supplier)]));
        release.insert("awards".into(), json!([entry]));
    }
    if let Some(contract) = contract {
        let mut entry = Map::new();
        entry.insert("id".into(), json!(contract.id.to_string()));
        entry.insert("awardID".into(), json!(contract.award_id.to_string()));
        if let Some(status) = known(contract.status, CONTRACT_STATUSES) {
            entry.insert("status".into(), json!(status));
        }
        entry.insert("value".into(), money(contract.amount_fen));
        insert_date(&mut entry, "dateSigned", contract.date_signed);
        if contract.date_signed.is_some() || contract.end_date.is_some() {
            let mut period = Map::new();
            insert_date(&mut period, "startDate", contract.date_signed);
            insert_date(&mut period, "endDate", contract.end_date);
            entry.insert("period".into(), Value::Object(period));
        }
        release.insert("contracts".into(), json!([entry]));
    }
    release.insert("tag".into(), json!(tags));
    release.insert("parties".into(), parties.into_json());
    Some(Value::Object(release))
}

/// A release package of the public procurements among `records` (drafts and other non-public
/// records are left out). `uri` identifies the package; `published` is when its content last
/// changed. OCDS requires at least one release: with no public record the `releases` array is
/// empty and the package is not valid OCDS, so callers answer that case without a package.
pub fn release_package(
    prefix: &str,
    records: &[ProcurementRecord],
    uri: &str,
    published: DateTime<Utc>,
    publisher: &Publisher,
) -> Value {
    let releases: Vec<Value> = records.iter().filter_map(|r| release(prefix, r)).collect();
    let mut package = Map::new();
    package.insert("uri".into(), json!(uri));
    package.insert("version".into(), json!(OCDS_VERSION));
    if releases.iter().any(|r| r.get("bids").is_some()) {
        package.insert("extensions".into(), json!([BIDS_EXTENSION]));
    }
    package.insert("publishedDate".into(), json!(date(published)));
    let mut publisher_json = Map::new();
    publisher_json.insert("name".into(), json!(publisher.name));
    if let Some(uri) = &publisher.uri {
        publisher_json.insert("uri".into(), json!(uri));
    }
    package.insert("publisher".into(), Value::Object(publisher_json));
    package.insert("releases".into(), Value::Array(releases));
    Value::Object(package)
}

/// A public qifu status; `draft` has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Published,
    Evaluating,
    Failed,
    Notice,
    Awarded,
    Contracted,
    Delivered,
    Accepted,
    Cancelled,
}

impl Stage {
    /// The public stage of a record: `None` for a draft, an unknown status, or a procurement
    /// that was never published.
    fn of(record: &ProcurementRecord) -> Option<Stage> {
        record.published_at?;
        Some(match record.status.as_str() {
            "published" => Stage::Published,
            "evaluating" => Stage::Evaluating,
            "failed" => Stage::Failed,
            "notice" => Stage::Notice,
            "awarded" => Stage::Awarded,
            "contracted" => Stage::Contracted,
            "delivered" => Stage::Delivered,
            "accepted" => Stage::Accepted,
            "cancelled" => Stage::Cancelled,
            _ => return None,
        })
    }

    fn tag(self) -> &'static str {
        match self {
            Stage::Published => "tender",
            Stage::Evaluating | Stage::Failed => "tenderUpdate",
            Stage::Notice | Stage::Awarded => "award",
            Stage::Contracted => "contract",
            Stage::Delivered => "implementation",
            Stage::Accepted => "contractTermination",
            Stage::Cancelled => "tenderCancellation",
        }
    }

    fn tender_status(self) -> &'static str {
        match self {
            Stage::Published | Stage::Evaluating | Stage::Notice => "active",
            Stage::Failed => "unsuccessful",
            Stage::Awarded | Stage::Contracted | Stage::Delivered | Stage::Accepted => "complete",
            Stage::Cancelled => "cancelled",
        }
    }

    /// Whether bidding has closed, so that bid counts, prices and bidders may be published. A
    /// procurement cancelled before its deadline never reveals them.
    fn bids_public(self, record: &ProcurementRecord) -> bool {
        match self {
            Stage::Published => false,
            Stage::Cancelled => record.bid_deadline.is_some_and(|d| d <= record.updated_at),
            _ => true,
        }
    }

    /// Whether a selected winner is public: from public notice on (and on a cancellation after
    /// it); during evaluation the owner's choice is not yet announced.
    fn has_award(self) -> bool {
        !matches!(self, Stage::Published | Stage::Evaluating | Stage::Failed)
    }
}

/// `tender.procurementMethod` for every qifu selection method: `open`. Every procurement is
/// announced to the whole supermarket and any intermediary holding a valid qualification for the
/// service type may bid (the qualification is an eligibility condition of an open procedure, not a
/// separate prequalification stage, so not `selective`). Even 直接选取 picks among the bids of an
/// open call, which is competition, so OCDS `direct` ("awarded to a single supplier without
/// competition") does not fit it. The method itself goes to `procurementMethodDetails`, and how
/// the winner is chosen to `awardCriteria` where that codelist has a code for it.
const PROCUREMENT_METHOD: &str = "open";

/// qifu's selection methods (选取方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    DirectPick,
    RandomDraw,
    LowestPrice,
    Scored,
}

impl Method {
    fn parse(method: &str) -> Option<Method> {
        Some(match method {
            "direct_pick" => Method::DirectPick,
            "random_draw" => Method::RandomDraw,
            "lowest_price" => Method::LowestPrice,
            "scored" => Method::Scored,
            _ => return None,
        })
    }

    fn details(self) -> &'static str {
        match self {
            Method::DirectPick => "直接选取 (direct pick)",
            Method::RandomDraw => "随机抽取 (random draw)",
            Method::LowestPrice => "竞价选取 (lowest price)",
            Method::Scored => "综合评分 (scored)",
        }
    }

    /// `awardCriteria` (an open codelist): no code describes choosing at will or by lot.
    fn award_criteria(self) -> Option<&'static str> {
        match self {
            Method::LowestPrice => Some("priceOnly"),
            Method::Scored => Some("ratedCriteria"),
            Method::DirectPick | Method::RandomDraw => None,
        }
    }

    fn award_criteria_details(self) -> &'static str {
        match self {
            Method::DirectPick => {
                "项目业主从有效报价的中介机构中直接选定 (the owner picks one of the valid bidders)"
            }
            Method::RandomDraw => {
                "从有效报名的中介机构中随机抽取，种子与算法公开可复算 (drawn by lot among the valid \
                 registrants; the seed and algorithm are published so anyone can recompute it)"
            }
            Method::LowestPrice => {
                "有效报价中价格最低者中选 (the lowest valid price wins)"
            }
            Method::Scored => {
                "按评分标准综合评分，得分最高者中选 (the highest weighted score wins)"
            }
        }
    }
}

const AWARD_STATUSES: &[&str] = &["pending", "active", "cancelled", "unsuccessful"];
const CONTRACT_STATUSES: &[&str] = &["pending", "active", "cancelled", "terminated"];

/// A status from a closed OCDS codelist, or `None` (the field is left out) for anything else.
fn known(status: &'static str, codelist: &[&str]) -> Option<&'static str> {
    codelist.contains(&status).then_some(status)
}

/// `parties`: each organisation once, with all its roles, in order of first appearance.
#[derive(Default)]
struct Parties<'a> {
    entries: Vec<(&'a Party, Vec<&'static str>)>,
}

impl<'a> Parties<'a> {
    fn add(&mut self, party: &'a Party, role: &'static str) {
        match self.entries.iter_mut().find(|(p, _)| p.id == party.id) {
            Some((_, roles)) if roles.contains(&role) => {}
            Some((_, roles)) => roles.push(role),
            None => self.entries.push((party, vec![role])),
        }
    }

    fn into_json(self) -> Value {
        let parties = self.entries.into_iter().map(|(party, roles)| {
            let mut entry = Map::new();
            entry.insert("id".into(), json!(party.id.to_string()));
            entry.insert("name".into(), json!(party.name));
            if let Some(uscc) = &party.uscc {
                entry.insert(
                    "identifier".into(),
                    json!({"scheme": ORG_ID_SCHEME, "id": uscc, "legalName": party.name}),
                );
            }
            entry.insert("roles".into(), json!(roles));
            Value::Object(entry)
        });
        Value::Array(parties.collect())
    }
}

/// An `OrganizationReference`: the party's id and name.
fn reference(party: &Party) -> Value {
    json!({"id": party.id.to_string(), "name": party.name})
}

/// Parties without repeats (by id), in order.
fn unique(parties: &[Party]) -> Vec<&Party> {
    let mut seen: Vec<&Party> = Vec::with_capacity(parties.len());
    for party in parties {
        if !seen.iter().any(|p| p.id == party.id) {
            seen.push(party);
        }
    }
    seen
}

fn bid_statistics(statistics: &BidStatistics) -> Value {
    let mut measures = vec![
        json!({"id": "bids", "measure": "bids", "value": statistics.total_bids}),
        json!({"id": "validBids", "measure": "validBids", "value": statistics.valid_bids}),
    ];
    for (measure, fen) in [
        ("lowestValidBidValue", statistics.lowest_fen),
        ("highestValidBidValue", statistics.highest_fen),
    ] {
        if let Some(fen) = fen {
            measures.push(json!({
                "id": measure,
                "measure": measure,
                "value": yuan(fen),
                "currency": "CNY",
            }));
        }
    }
    Value::Array(measures)
}

/// An OCDS `Value` in yuan.
fn money(fen: i64) -> Value {
    json!({"amount": yuan(fen), "currency": "CNY"})
}

/// Fen as a JSON number of yuan with at most two decimals: 4_500_000 → `45000.0`, 12_345 →
/// `123.45`. The decimal is written with integer arithmetic and only then read as the nearest
/// double, which serde_json prints in its shortest round-trip form — that very decimal — so no
/// `123.44999…` can appear. Exact for every amount below 10¹³ yuan (15 significant digits).
pub(crate) fn yuan(fen: i64) -> Value {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    let decimal = format!("{sign}{}.{:02}", fen / 100, fen % 100);
    decimal
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// An RFC 3339 date-time in UTC, with fractional seconds only when there are some.
fn date(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The compact (ISO 8601 basic) form used in release ids: `20250301T083000Z`, or with the
/// fraction, `20250301T083000.123456Z`, so two states a second apart still differ.
fn compact(instant: DateTime<Utc>) -> String {
    date(instant).replace(['-', ':'], "")
}

fn insert_date(map: &mut Map<String, Value>, key: &str, instant: Option<DateTime<Utc>>) {
    if let Some(instant) = instant {
        map.insert(key.into(), json!(date(instant)));
    }
}

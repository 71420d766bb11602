//! The OCDS export checked against the vendored OCDS 1.1.5 schema and codelists, offline.

use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use super::ocds::{
    ocid, release, release_package, yuan, AwardRecord, BidStatistics, ContractRecord, Party,
    ProcurementRecord, Publisher, BIDS_EXTENSION, DEFAULT_OCID_PREFIX,
};

const RELEASE_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";
const PACKAGE_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json";
const RELEASE_SCHEMA: &str = include_str!("schema/ocds-1.1.5/release-schema.json");
const PACKAGE_SCHEMA: &str = include_str!("schema/ocds-1.1.5/release-package-schema.json");

/// Every qifu status a published procurement can be in (`draft` is never published).
const PUBLIC_STATUSES: [&str; 9] = [
    "published",
    "evaluating",
    "failed",
    "notice",
    "awarded",
    "contracted",
    "delivered",
    "accepted",
    "cancelled",
];

/// The release and package schemas compiled from the vendored files. Both are registered under
/// their public URLs before compiling, so the package's `$ref` to the release schema resolves to
/// the local copy; boon's default loader only reads `file:` URLs, so a reference that was not
/// registered fails to compile instead of being fetched.
struct Ocds {
    schemas: boon::Schemas,
    release: boon::SchemaIndex,
    package: boon::SchemaIndex,
}

impl Ocds {
    fn load() -> Ocds {
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let release_schema: Value = serde_json::from_str(RELEASE_SCHEMA).unwrap();
        let package_schema: Value = serde_json::from_str(PACKAGE_SCHEMA).unwrap();
        compiler
            .add_resource(RELEASE_SCHEMA_URL, release_schema)
            .unwrap();
        compiler
            .add_resource(PACKAGE_SCHEMA_URL, package_schema)
            .unwrap();
        let mut schemas = boon::Schemas::new();
        let release = compiler.compile(RELEASE_SCHEMA_URL, &mut schemas).unwrap();
        let package = compiler.compile(PACKAGE_SCHEMA_URL, &mut schemas).unwrap();
        Ocds {
            schemas,
            release,
            package,
        }
    }

    fn check_release(&self, release: &Value) -> Result<(), String> {
        self.schemas
            .validate(release, self.release)
            .map_err(|e| format!("{e:#}"))
    }

    fn check_package(&self, package: &Value) -> Result<(), String> {
        self.schemas
            .validate(package, self.package)
            .map_err(|e| format!("{e:#}"))
    }
}

/// The `Code` column of a vendored codelist.
fn codelist(name: &str) -> HashSet<String> {
    let text = match name {
        "releaseTag" => include_str!("schema/ocds-1.1.5/codelists/releaseTag.csv"),
        "initiationType" => include_str!("schema/ocds-1.1.5/codelists/initiationType.csv"),
        "tenderStatus" => include_str!("schema/ocds-1.1.5/codelists/tenderStatus.csv"),
        "awardStatus" => include_str!("schema/ocds-1.1.5/codelists/awardStatus.csv"),
        "contractStatus" => include_str!("schema/ocds-1.1.5/codelists/contractStatus.csv"),
        "method" => include_str!("schema/ocds-1.1.5/codelists/method.csv"),
        "awardCriteria" => include_str!("schema/ocds-1.1.5/codelists/awardCriteria.csv"),
        "procurementCategory" => {
            include_str!("schema/ocds-1.1.5/codelists/procurementCategory.csv")
        }
        "partyRole" => include_str!("schema/ocds-1.1.5/codelists/partyRole.csv"),
        "currency" => include_str!("schema/ocds-1.1.5/codelists/currency.csv"),
        other => panic!("codelist {other} is not vendored"),
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let code = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Code")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap()[code].to_string())
        .collect()
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

fn party(name: &str, uscc: Option<&str>) -> Party {
    Party {
        id: Uuid::new_v4(),
        name: name.into(),
        uscc: uscc.map(Into::into),
    }
}

/// A lowest-price procurement in `status`, with what the marketplace knows at that point:
/// bids after the deadline, the award from public notice on, the contract once signed.
fn procurement(status: &str) -> ProcurementRecord {
    let buyer = party("宁波示例制造有限公司", Some("91330200MA2AXXXX0C"));
    let winner = party("浙江示例环评咨询有限公司", Some("91330100MA27YYYY18"));
    let others = [
        party("杭州示例工程咨询有限公司", None),
        party("宁波示例测绘院", None),
    ];
    let closed = !matches!(status, "draft" | "published");
    let awarded = matches!(
        status,
        "notice" | "awarded" | "contracted" | "delivered" | "accepted"
    );
    let contracted = matches!(status, "contracted" | "delivered" | "accepted");
    let mut record = ProcurementRecord {
        id: Uuid::new_v4(),
        title: "年产5万吨新材料项目环境影响评价".into(),
        description: "编制环境影响报告书并配合审批".into(),
        status: status.into(),
        method: "lowest_price".into(),
        service_type: Some(("HJPJ".into(), "环境影响评价".into())),
        buyer,
        budget_ceiling_fen: 4_500_000,
        published_at: (status != "draft").then(|| at(2, 9)),
        bid_deadline: Some(at(9, 17)),
        service_working_days: 30,
        bid_statistics: closed.then_some(BidStatistics {
            total_bids: 3,
            valid_bids: 3,
            lowest_fen: Some(3_812_345),
            highest_fen: Some(4_400_000),
        }),
        tenderers: Vec::new(),
        award: None,
        contract: None,
        updated_at: at(20, 16),
    };
    if closed {
        record.tenderers = vec![winner.clone(), others[0].clone(), others[1].clone()];
    }
    if awarded {
        let award = AwardRecord {
            id: Uuid::new_v4(),
            supplier: winner,
            amount_fen: 3_812_345,
            date: at(11, 10),
            status: if status == "notice" {
                "pending"
            } else {
                "active"
            },
        };
        if contracted {
            record.contract = Some(ContractRecord {
                id: Uuid::new_v4(),
                award_id: award.id,
                amount_fen: award.amount_fen,
                date_signed: Some(at(17, 15)),
                end_date: Some(at(30, 17)),
                status: if status == "accepted" {
                    "terminated"
                } else {
                    "active"
                },
            });
        }
        record.award = Some(award);
    }
    record
}

fn publisher() -> Publisher {
    Publisher {
        name: "宁波市企业综合服务中心".into(),
        uri: Some("https://qifu.example.cn".into()),
    }
}

fn release_of(record: &ProcurementRecord) -> Value {
    release(DEFAULT_OCID_PREFIX, record).unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_release_in_every_public_status_and_selection_method_is_valid_ocds() {
    let ocds = Ocds::load();
    for status in PUBLIC_STATUSES {
        for method in ["direct_pick", "random_draw", "lowest_price", "scored"] {
            let mut record = procurement(status);
            record.method = method.into();
            let release = release_of(&record);
            if let Err(error) = ocds.check_release(&release) {
                panic!("{status}, {method}: {error}\n{release:#}");
            }
        }
    }
}

#[test]
fn without_the_local_copy_the_release_schema_is_not_fetched_and_the_package_schema_does_not_compile(
) {
    let mut compiler = boon::Compiler::new();
    let package_schema: Value = serde_json::from_str(PACKAGE_SCHEMA).unwrap();
    compiler
        .add_resource(PACKAGE_SCHEMA_URL, package_schema)
        .unwrap();
    let error = compiler
        .compile(PACKAGE_SCHEMA_URL, &mut boon::Schemas::new())
        .unwrap_err();
    assert!(
        format!("{error:#}").contains(RELEASE_SCHEMA_URL),
        "{error:#}"
    );
}

#[test]
fn a_package_of_procurements_in_every_status_is_valid_ocds_with_the_release_schema_resolved_locally(
) {
    let ocds = Ocds::load();
    let records: Vec<_> = PUBLIC_STATUSES.iter().map(|s| procurement(s)).collect();
    let package = release_package(
        DEFAULT_OCID_PREFIX,
        &records,
        "https://qifu.example.cn/api/opendata/ocds/releases",
        at(21, 8),
        &publisher(),
    );
    if let Err(error) = ocds.check_package(&package) {
        panic!("{error}\n{package:#}");
    }
    assert_eq!(
        package["releases"].as_array().unwrap().len(),
        PUBLIC_STATUSES.len()
    );
    assert_eq!(package["version"], "1.1");
    assert_eq!(package["extensions"], json!([BIDS_EXTENSION]));
    assert_eq!(package["publishedDate"], "2026-03-21T08:00:00Z");
    assert_eq!(
        package["publisher"],
        json!({"name": "宁波市企业综合服务中心", "uri": "https://qifu.example.cn"})
    );
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    // Guards against a validator that silently accepts everything (a draft it does not know, a
    // reference it cannot resolve): each of these breaks one rule of the OCDS schema.
    let ocds = Ocds::load();
    let good = release_of(&procurement("awarded"));
    let mut bad_tag = good.clone();
    bad_tag["tag"] = json!(["awarded"]);
    let mut bad_status = good.clone();
    bad_status["tender"]["status"] = json!("open");
    let mut bad_date = good.clone();
    bad_date["date"] = json!("2026-03-20 16:00");
    let mut bad_currency = good.clone();
    bad_currency["tender"]["value"]["currency"] = json!("RMB");
    let mut no_ocid = good.clone();
    no_ocid.as_object_mut().unwrap().remove("ocid");
    for bad in [bad_tag, bad_status, bad_date, bad_currency, no_ocid] {
        assert!(ocds.check_release(&bad).is_err(), "accepted {bad:#}");
    }

    let package = |releases: Value| {
        json!({
            "uri": "https://qifu.example.cn/p",
            "version": "1.1",
            "publishedDate": "2026-03-21T08:00:00Z",
            "publisher": {"name": "centre"},
            "releases": releases,
        })
    };
    assert!(ocds.check_package(&package(json!([good.clone()]))).is_ok());
    let mut bad_release = good.clone();
    bad_release["initiationType"] = json!("direct");
    assert!(ocds.check_package(&package(json!([bad_release]))).is_err());
    assert!(ocds.check_package(&package(json!([]))).is_err());
}

#[test]
fn a_draft_or_a_procurement_never_published_has_no_release() {
    assert_eq!(release(DEFAULT_OCID_PREFIX, &procurement("draft")), None);
    let mut cancelled_draft = procurement("cancelled");
    cancelled_draft.published_at = None;
    assert_eq!(release(DEFAULT_OCID_PREFIX, &cancelled_draft), None);
    let mut unknown = procurement("published");
    unknown.status = "archived".into();
    assert_eq!(release(DEFAULT_OCID_PREFIX, &unknown), None);

    let records = [
        procurement("draft"),
        procurement("published"),
        cancelled_draft,
    ];
    let package = release_package(
        DEFAULT_OCID_PREFIX,
        &records,
        "https://qifu.example.cn/p",
        at(21, 8),
        &publisher(),
    );
    let releases = package["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 1);
    assert_eq!(
        releases[0]["ocid"],
        json!(ocid(DEFAULT_OCID_PREFIX, records[1].id))
    );
}

#[test]
fn while_bidding_is_open_nothing_about_bids_is_published() {
    let mut open = procurement("published");
    // Even a record that wrongly carries what only the deadline may reveal gives none of it away.
    let closed = procurement("evaluating");
    open.bid_statistics = closed.bid_statistics.clone();
    open.tenderers = closed.tenderers.clone();
    open.award = procurement("awarded").award;
    let release = release_of(&open);
    assert_eq!(release["tag"], json!(["tender"]));
    assert_eq!(release["tender"]["status"], "active");
    for key in ["bids", "awards", "contracts"] {
        assert!(
            release.get(key).is_none(),
            "{key} published while bidding is open"
        );
    }
    for key in ["numberOfTenderers", "tenderers"] {
        assert!(
            release["tender"].get(key).is_none(),
            "{key} published while bidding is open"
        );
    }
    let roles: Vec<String> = release["parties"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| strings(&p["roles"]))
        .collect();
    assert_eq!(roles, ["buyer", "procuringEntity"]);
    let text = release.to_string();
    let keys = [
        r#""bids""#,
        r#""awards""#,
        r#""tenderers""#,
        r#""tenderer""#,
        r#""supplier""#,
    ];
    for word in keys.into_iter().chain(["38123.45", "44000.0"]) {
        assert!(!text.contains(word), "{word} in {text}");
    }
    // The package of open procurements does not name the bids extension either.
    let package = release_package(
        DEFAULT_OCID_PREFIX,
        &[open],
        "https://qifu.example.cn/p",
        at(21, 8),
        &publisher(),
    );
    assert!(package.get("extensions").is_none());
}

#[test]
fn a_procurement_cancelled_before_its_deadline_never_reveals_its_bids() {
    let mut cancelled = procurement("cancelled");
    cancelled.bid_statistics = procurement("evaluating").bid_statistics;
    cancelled.tenderers = procurement("evaluating").tenderers;
    cancelled.updated_at = at(5, 11); // before the deadline on the 9th
    let release = release_of(&cancelled);
    assert_eq!(release["tag"], json!(["tenderCancellation"]));
    assert_eq!(release["tender"]["status"], "cancelled");
    assert!(release.get("bids").is_none());
    assert!(release["tender"].get("numberOfTenderers").is_none());
    assert!(release["tender"].get("tenderers").is_none());

    // Cancelled during evaluation, after the deadline: the counts were already public.
    cancelled.updated_at = at(12, 11);
    let release = release_of(&cancelled);
    assert_eq!(release["tender"]["numberOfTenderers"], 3);
    assert!(release.get("awards").is_none());
}

#[test]
fn a_cancelled_award_is_published_with_the_cancellation() {
    let mut cancelled = procurement("notice");
    cancelled.status = "cancelled".into();
    if let Some(award) = cancelled.award.as_mut() {
        award.status = "cancelled";
    }
    let release = release_of(&cancelled);
    assert_eq!(
        release["tag"],
        json!(["tenderCancellation", "awardCancellation"])
    );
    assert_eq!(release["awards"][0]["status"], "cancelled");
    Ocds::load().check_release(&release).unwrap();
}

#[test]
fn each_status_maps_to_its_tag_and_tender_status() {
    let expected = [
        ("published", "tender", "active"),
        ("evaluating", "tenderUpdate", "active"),
        ("failed", "tenderUpdate", "unsuccessful"),
        ("notice", "award", "active"),
        ("awarded", "award", "complete"),
        ("contracted", "contract", "complete"),
        ("delivered", "implementation", "complete"),
        ("accepted", "contractTermination", "complete"),
        ("cancelled", "tenderCancellation", "cancelled"),
    ];
    for (status, tag, tender_status) in expected {
        let release = release_of(&procurement(status));
        assert_eq!(release["tag"], json!([tag]), "{status}");
        assert_eq!(release["tender"]["status"], tender_status, "{status}");
    }
}

#[test]
fn after_the_deadline_the_bid_counts_prices_and_bidders_are_published() {
    let record = procurement("evaluating");
    let release = release_of(&record);
    assert_eq!(release["tender"]["numberOfTenderers"], 3);
    assert_eq!(release["tender"]["tenderers"].as_array().unwrap().len(), 3);
    assert_eq!(
        release["bids"]["statistics"],
        json!([
            {"id": "bids", "measure": "bids", "value": 3},
            {"id": "validBids", "measure": "validBids", "value": 3},
            {"id": "lowestValidBidValue", "measure": "lowestValidBidValue", "value": 38123.45, "currency": "CNY"},
            {"id": "highestValidBidValue", "measure": "highestValidBidValue", "value": 44000.0, "currency": "CNY"},
        ])
    );
    assert!(
        release.get("awards").is_none(),
        "the choice is not public before the notice"
    );
}

#[test]
fn the_award_and_contract_carry_their_supplier_amounts_dates_and_statuses() {
    let record = procurement("contracted");
    let release = release_of(&record);
    let award = record.award.as_ref().unwrap();
    let contract = record.contract.as_ref().unwrap();
    assert_eq!(
        release["awards"],
        json!([{
            "id": award.id.to_string(),
            "status": "active",
            "date": "2026-03-11T10:00:00Z",
            "value": {"amount": 38123.45, "currency": "CNY"},
            "suppliers": [{"id": award.supplier.id.to_string(), "name": "浙江示例环评咨询有限公司"}],
        }])
    );
    assert_eq!(
        release["contracts"],
        json!([{
            "id": contract.id.to_string(),
            "awardID": award.id.to_string(),
            "status": "active",
            "value": {"amount": 38123.45, "currency": "CNY"},
            "dateSigned": "2026-03-17T15:00:00Z",
            "period": {"startDate": "2026-03-17T15:00:00Z", "endDate": "2026-03-30T17:00:00Z"},
        }])
    );
    assert_eq!(
        release_of(&procurement("notice"))["awards"][0]["status"],
        "pending"
    );
    assert_eq!(
        release_of(&procurement("accepted"))["contracts"][0]["status"],
        "terminated"
    );
}

#[test]
fn each_organisation_is_one_party_with_all_its_roles_and_its_credit_code() {
    let record = procurement("awarded");
    let release = release_of(&record);
    let parties = release["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 4, "buyer and three bidders, the winner once");
    assert_eq!(
        parties[0],
        json!({
            "id": record.buyer.id.to_string(),
            "name": "宁波示例制造有限公司",
            "identifier": {"scheme": "CN-SAIC", "id": "91330200MA2AXXXX0C", "legalName": "宁波示例制造有限公司"},
            "roles": ["buyer", "procuringEntity"],
        })
    );
    assert_eq!(strings(&parties[1]["roles"]), ["tenderer", "supplier"]);
    assert!(
        parties[2].get("identifier").is_none(),
        "no credit code on file, no identifier"
    );
    let buyer = json!({"id": record.buyer.id.to_string(), "name": "宁波示例制造有限公司"});
    assert_eq!(release["buyer"], buyer);
    assert_eq!(release["tender"]["procuringEntity"], buyer);
}

#[test]
fn the_tender_describes_the_job_method_budget_and_period() {
    let release = release_of(&procurement("published"));
    let tender = &release["tender"];
    assert_eq!(tender["procurementMethod"], "open");
    assert_eq!(
        tender["procurementMethodDetails"],
        "竞价选取 (lowest price)"
    );
    assert_eq!(tender["awardCriteria"], "priceOnly");
    assert_eq!(tender["mainProcurementCategory"], "services");
    assert_eq!(
        tender["value"],
        json!({"amount": 45000.0, "currency": "CNY"})
    );
    assert_eq!(
        tender["tenderPeriod"],
        json!({"startDate": "2026-03-02T09:00:00Z", "endDate": "2026-03-09T17:00:00Z"})
    );
    assert_eq!(
        tender["items"][0]["classification"],
        json!({"scheme": "QIFU-SERVICE-TYPE", "id": "HJPJ", "description": "环境影响评价"})
    );
    assert_eq!(release["initiationType"], "tender");
    assert_eq!(release["language"], "zh");

    for (method, details) in [
        ("direct_pick", "直接选取 (direct pick)"),
        ("random_draw", "随机抽取 (random draw)"),
        ("scored", "综合评分 (scored)"),
    ] {
        let mut record = procurement("published");
        record.method = method.into();
        let release = release_of(&record);
        assert_eq!(release["tender"]["procurementMethod"], "open", "{method}");
        assert_eq!(release["tender"]["procurementMethodDetails"], details);
    }
}

#[test]
fn amounts_are_exact_yuan_with_at_most_two_decimals() {
    let cases = [
        (4_500_000, "45000.0"),
        (12_345, "123.45"),
        (12_340, "123.4"),
        (5, "0.05"),
        (0, "0.0"),
        (-250, "-2.5"),
        (999_999_999_999_999, "9999999999999.99"),
    ];
    for (fen, text) in cases {
        assert_eq!(yuan(fen).to_string(), text, "{fen} fen");
    }
    let mut record = procurement("published");
    record.budget_ceiling_fen = 12_345;
    assert!(release_of(&record)
        .to_string()
        .contains(r#""amount":123.45,"#));
}

proptest! {
    #[test]
    fn every_amount_below_ten_trillion_yuan_prints_as_its_exact_decimal(fen in 0i64..1_000_000_000_000_000) {
        let (whole, cents) = (fen / 100, fen % 100);
        let expected = match cents {
            0 => format!("{whole}.0"),
            c if c % 10 == 0 => format!("{whole}.{}", c / 10),
            c => format!("{whole}.{c:02}"),
        };
        prop_assert_eq!(yuan(fen).to_string(), expected);
    }
}

#[test]
fn the_ocid_is_the_prefix_and_the_procurement_uuid_and_each_state_has_its_own_release_id() {
    let mut record = procurement("evaluating");
    let first = release_of(&record);
    let ocid = format!("ocds-qifu01-{}", record.id);
    assert_eq!(first["ocid"], json!(ocid));
    assert_eq!(ocid.len(), "ocds-qifu01-".len() + 36);
    assert_eq!(first["id"], json!(format!("{ocid}-20260320T160000Z")));
    assert_eq!(first["date"], "2026-03-20T16:00:00Z");
    assert_eq!(
        release(DEFAULT_OCID_PREFIX, &record),
        Some(first.clone()),
        "same state, same release"
    );

    record.updated_at += Duration::milliseconds(250);
    let second = release_of(&record);
    assert_eq!(second["id"], json!(format!("{ocid}-20260320T160000.250Z")));
    assert_eq!(second["date"], "2026-03-20T16:00:00.250Z");

    let other = release("ocds-abc123", &record).unwrap();
    assert!(other["ocid"].as_str().unwrap().starts_with("ocds-abc123-"));
    assert!(!other["id"].as_str().unwrap().contains('#'));
}

#[test]
fn every_code_used_is_in_the_shipped_codelists() {
    let tags = codelist("releaseTag");
    let tender_statuses = codelist("tenderStatus");
    let award_statuses = codelist("awardStatus");
    let contract_statuses = codelist("contractStatus");
    let methods = codelist("method");
    let criteria = codelist("awardCriteria");
    let categories = codelist("procurementCategory");
    let roles = codelist("partyRole");
    let currencies = codelist("currency");
    let initiation = codelist("initiationType");
    assert!(
        tags.contains("tender") && currencies.contains("CNY"),
        "codelists parsed"
    );

    let mut records = Vec::new();
    for status in PUBLIC_STATUSES {
        for method in ["direct_pick", "random_draw", "lowest_price", "scored"] {
            let mut record = procurement(status);
            record.method = method.into();
            records.push(record);
        }
    }
    let mut cancelled_award = procurement("notice");
    cancelled_award.status = "cancelled".into();
    if let Some(award) = cancelled_award.award.as_mut() {
        award.status = "cancelled";
    }
    records.push(cancelled_award);

    let in_list = |list: &HashSet<String>, value: &Value, what: &str| {
        let code = value.as_str().unwrap_or_else(|| panic!("{what} missing"));
        assert!(list.contains(code), "{what} {code} is not in the codelist");
    };
    for record in &records {
        let release = release_of(record);
        for tag in release["tag"].as_array().unwrap() {
            in_list(&tags, tag, "tag");
        }
        in_list(&initiation, &release["initiationType"], "initiationType");
        let tender = &release["tender"];
        in_list(&tender_statuses, &tender["status"], "tender.status");
        in_list(&methods, &tender["procurementMethod"], "procurementMethod");
        in_list(
            &categories,
            &tender["mainProcurementCategory"],
            "mainProcurementCategory",
        );
        in_list(&currencies, &tender["value"]["currency"], "currency");
        if let Some(code) = tender.get("awardCriteria") {
            in_list(&criteria, code, "awardCriteria");
        }
        for party in release["parties"].as_array().unwrap() {
            for role in party["roles"].as_array().unwrap() {
                in_list(&roles, role, "party role");
            }
        }
        for award in release
            .get("awards")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            in_list(&award_statuses, &award["status"], "award status");
            in_list(&currencies, &award["value"]["currency"], "currency");
        }
        for contract in release
            .get("contracts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            in_list(&contract_statuses, &contract["status"], "contract status");
        }
        for statistic in release
            .pointer("/bids/statistics")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(currency) = statistic.get("currency") {
                in_list(&currencies, currency, "currency");
            }
        }
    }
}

#[test]
fn a_status_outside_the_codelist_is_left_out_rather_than_published_invalid() {
    let mut record = procurement("contracted");
    if let Some(award) = record.award.as_mut() {
        award.status = "in_force";
    }
    if let Some(contract) = record.contract.as_mut() {
        contract.status = "signed";
    }
    let release = release_of(&record);
    assert!(release["awards"][0].get("status").is_none());
    assert!(release["contracts"][0].get("status").is_none());
    Ocds::load().check_release(&release).unwrap();
}

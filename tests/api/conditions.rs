//! The property test of the eligibility engine: random condition trees over random profiles give
//! the same enterprises through the in-memory index, the per-enterprise evaluator, a plain
//! re-implementation written here from the rules, and the same condition run as SQL in the
//! database.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use proptest::{
    prelude::*,
    strategy::{Strategy, ValueTree},
    test_runner::TestRunner,
};
use qifu::enterprises::{
    condition::{
        compile::{CompileContext, Evidence},
        sql::{to_sql, PROFILES},
        Condition, Vocabulary,
    },
    matching_organisations, today_in_china, SizeFigures, SizeStandard,
};
use reqwest::Method;
use sea_orm::{
    sea_query::{Alias, Query},
    ActiveModelTrait, ConnectionTrait, Set,
};
use serde_json::{json, Value};

use crate::helpers::{new_uscc, spawn_app, TestApp};

#[derive(Debug, Clone)]
struct Profile {
    employees: Option<i64>,
    revenue_fen: Option<i64>,
    founded_on: Option<NaiveDate>,
    region: Option<&'static str>,
    industry: Option<&'static str>,
    grade: Option<&'static str>,
    /// None: not held; Some(None): never expires.
    tech_sme: Option<Option<NaiveDate>>,
    export: bool,
}

const REGIONS: [&str; 5] = ["330106", "330108", "330212", "330302", "110101"];
const INDUSTRIES: [&str; 6] = ["I6513", "I65", "C3911", "K7010", "E4812", "C13"];
const GRADES: [&str; 5] = ["A", "B", "M", "C", "D"];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| NaiveDate::from_ymd_opt(y, m, 28).unwrap())
}

/// Dates crowding the anniversaries around the test's day (2 March) and 29 February.
fn a_date(years: std::ops::Range<i32>) -> impl Strategy<Value = NaiveDate> {
    let special = prop::sample::select(vec![
        (2, 28),
        (2, 29),
        (3, 1),
        (3, 2),
        (3, 3),
        (12, 31),
        (1, 1),
    ]);
    let any_day = (1u32..=12, 1u32..=28);
    (years, prop_oneof![special, any_day]).prop_map(|(y, (m, d))| date(y, m, d))
}

fn a_profile() -> impl Strategy<Value = Profile> {
    (
        prop::option::weighted(0.9, 0i64..400),
        prop::option::weighted(0.9, (0i64..2000).prop_map(|w| w * 1_000_000)),
        prop::option::weighted(0.9, a_date(2000..2027)),
        prop::option::weighted(0.9, prop::sample::select(REGIONS.to_vec())),
        prop::option::weighted(0.9, prop::sample::select(INDUSTRIES.to_vec())),
        prop::option::weighted(0.8, prop::sample::select(GRADES.to_vec())),
        prop::option::weighted(0.5, prop::option::weighted(0.8, a_date(2025..2028))),
        any::<bool>(),
    )
        .prop_map(
            |(employees, revenue_fen, founded_on, region, industry, grade, tech_sme, export)| {
                Profile {
                    employees,
                    revenue_fen,
                    founded_on: founded_on.filter(|d| *d <= date(2026, 3, 2)),
                    region,
                    industry,
                    grade,
                    tech_sme,
                    export,
                }
            },
        )
}

fn leaf() -> impl Strategy<Value = Value> {
    let ordered = prop::sample::select(vec!["eq", "ne", "gt", "gte", "lt", "lte"]);
    prop_oneof![
        (ordered.clone(), 0i64..400).prop_map(|(op, v)| json!({"field": "employees", "op": op, "value": v})),
        (0i64..400, 0i64..400).prop_map(|(a, b)| json!({"field": "employees", "op": "between", "value": [a.min(b), a.max(b)]})),
        (ordered.clone(), 0i64..2000).prop_map(|(op, w)| json!({"field": "revenue", "op": op, "value": w * 1_000_000})),
        (ordered.clone(), a_date(2000..2027)).prop_map(|(op, d)| json!({"field": "founded_on", "op": op, "value": d.to_string()})),
        (ordered, 0i64..30).prop_map(|(op, v)| json!({"field": "years_since_founding", "op": op, "value": v})),
        (0i64..30, 0i64..30).prop_map(|(a, b)| json!({"field": "years_since_founding", "op": "between", "value": [a.min(b), a.max(b)]})),
        prop::sample::select(vec!["33", "3301", "330106", "330212", "11", "110101"])
            .prop_map(|p| json!({"field": "region", "op": "within", "value": p})),
        prop::sample::subsequence(vec!["3302", "330108", "11"], 1..3)
            .prop_map(|list| json!({"field": "region", "op": "in", "value": list})),
        prop::sample::select(vec!["I", "I65", "I6513", "C", "C39", "K70", "K701", "E"])
            .prop_map(|p| json!({"field": "industry", "op": "within", "value": p})),
        prop::sample::subsequence(GRADES.to_vec(), 1..4)
            .prop_map(|list| json!({"field": "tax_credit_grade", "op": "in", "value": list})),
        prop::sample::select(GRADES.to_vec()).prop_map(|g| json!({"field": "tax_credit_grade", "op": "ne", "value": g})),
        prop::sample::select(vec!["large", "medium", "small", "micro"])
            .prop_map(|s| json!({"field": "size_class", "op": "eq", "value": s})),
        prop::sample::select(vec!["large", "medium", "small", "micro"])
            .prop_map(|s| json!({"field": "size_class", "op": "ne", "value": s})),
        prop::sample::subsequence(vec!["medium", "small", "micro"], 1..3)
            .prop_map(|list| json!({"field": "size_class", "op": "in", "value": list})),
        prop::sample::select(vec!["export", "big"]).prop_map(|t| json!({"field": "tags", "op": "has", "value": t})),
        Just(json!({"field": "qualifications", "op": "has", "value": "tech_sme"})),
    ]
}

fn a_condition() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|c| json!({"all": c})),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|c| json!({"any": c})),
            inner.prop_map(|c| json!({"not": c})),
        ]
    })
}

/// The size class the server derives (the size standard has its own tests).
fn size_class(p: &Profile) -> Option<&'static str> {
    let standard = SizeStandard::shipped().unwrap();
    let figures = SizeFigures {
        employees: p.employees,
        revenue_fen: p.revenue_fen,
        total_assets_fen: None,
    };
    let (class, _) = standard.classify(p.industry?, &figures).ok()?;
    Some(match class {
        qifu::enterprises::SizeClass::Large => "large",
        qifu::enterprises::SizeClass::Medium => "medium",
        qifu::enterprises::SizeClass::Small => "small",
        qifu::enterprises::SizeClass::Micro => "micro",
    })
}

/// Whole years since founding: one fewer until the anniversary (1 March for 29 February).
fn years(founded: NaiveDate, today: NaiveDate) -> i64 {
    let before_anniversary = (today.month(), today.day()) < (founded.month(), founded.day());
    i64::from(today.year() - founded.year()) - i64::from(before_anniversary)
}

fn compare(op: &str, actual: i64, value: &Value) -> bool {
    let v = value.as_i64().unwrap_or_default();
    match op {
        "eq" => actual == v,
        "ne" => actual != v,
        "gt" => actual > v,
        "gte" => actual >= v,
        "lt" => actual < v,
        "lte" => actual <= v,
        "between" => (value[0].as_i64().unwrap()..=value[1].as_i64().unwrap()).contains(&actual),
        _ => unreachable!("{op}"),
    }
}

fn days(text: &Value) -> i64 {
    let date = NaiveDate::parse_from_str(text.as_str().unwrap(), "%Y-%m-%d").unwrap();
    i64::from(date.num_days_from_ce())
}

fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect(),
        other => vec![other.as_str().unwrap().to_owned()],
    }
}

/// The rules, written again plainly over the test's own profile: a comparison on a missing value
/// fails, except a size comparison on an unknown class, which is unknown (None) and stays so
/// under `not` (Kleene's three-valued logic); an unknown outcome at the top is not met.
fn holds(c: &Value, p: &Profile, today: NaiveDate) -> bool {
    outcome(c, p, today) == Some(true)
}

fn outcome(c: &Value, p: &Profile, today: NaiveDate) -> Option<bool> {
    if let Some(children) = c.get("all") {
        let outcomes: Vec<Option<bool>> = children
            .as_array()
            .unwrap()
            .iter()
            .map(|c| outcome(c, p, today))
            .collect();
        return if outcomes.contains(&Some(false)) {
            Some(false)
        } else if outcomes.contains(&None) {
            None
        } else {
            Some(true)
        };
    }
    if let Some(children) = c.get("any") {
        let outcomes: Vec<Option<bool>> = children
            .as_array()
            .unwrap()
            .iter()
            .map(|c| outcome(c, p, today))
            .collect();
        return if outcomes.contains(&Some(true)) {
            Some(true)
        } else if outcomes.contains(&None) {
            None
        } else {
            Some(false)
        };
    }
    if let Some(child) = c.get("not") {
        return outcome(child, p, today).map(|b| !b);
    }
    if c["field"] == "size_class" {
        let (op, value) = (c["op"].as_str().unwrap(), &c["value"]);
        return size_class(p).map(|s| texts(value).iter().any(|v| v == s) != (op == "ne"));
    }
    Some(leaf_holds(c, p, today))
}

fn leaf_holds(c: &Value, p: &Profile, today: NaiveDate) -> bool {
    let (op, value) = (c["op"].as_str().unwrap(), &c["value"]);
    match c["field"].as_str().unwrap() {
        "employees" => p.employees.is_some_and(|a| compare(op, a, value)),
        "revenue" => p.revenue_fen.is_some_and(|a| compare(op, a, value)),
        "founded_on" => p.founded_on.is_some_and(|d| {
            let actual = i64::from(d.num_days_from_ce());
            match value {
                Value::Array(pair) => compare(op, actual, &json!([days(&pair[0]), days(&pair[1])])),
                v => compare(op, actual, &json!(days(v))),
            }
        }),
        "years_since_founding" => p
            .founded_on
            .is_some_and(|d| compare(op, years(d, today), value)),
        "region" => p.region.is_some_and(|r| {
            texts(value)
                .iter()
                .any(|prefix| r.starts_with(prefix.as_str()))
        }),
        "industry" => p.industry.is_some_and(|i| {
            texts(value)
                .iter()
                .any(|prefix| i.starts_with(prefix.as_str()))
        }),
        "tax_credit_grade" => p.grade.is_some_and(|g| {
            let listed = texts(value).iter().any(|v| v == g);
            if op == "ne" {
                !listed
            } else {
                listed
            }
        }),
        "tags" => match value.as_str().unwrap() {
            "export" => p.export,
            _ => p.employees.is_some_and(|e| e >= 200),
        },
        "qualifications" => p
            .tech_sme
            .is_some_and(|expiry| expiry.is_none_or(|e| e >= today)),
        other => unreachable!("{other}"),
    }
}

async fn create_enterprise(app: &TestApp, index: usize) -> (i64, uuid::Uuid) {
    let now = app.clock_now();
    let public_id = uuid::Uuid::new_v4();
    let row = entities::organisation::ActiveModel {
        public_id: Set(public_id),
        name: Set(format!("属性测试企业{index:03}有限公司")),
        kind: Set(entities::organisation::OrganisationKind::Enterprise),
        uscc: Set(Some(new_uscc())),
        status: Set(entities::organisation::OrganisationStatus::Active),
        status_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    (row.id, public_id)
}

fn profile_json(p: &Profile) -> Value {
    json!({
        "employees": p.employees,
        "revenue_fen": p.revenue_fen,
        "founded_on": p.founded_on,
        "region_code": p.region,
        "industry_code": p.industry,
        "tax_credit_grade": p.grade,
        "qualifications": p.tech_sme.map(|expiry| vec![json!({"kind": "tech_sme", "expires_on": expiry})]).unwrap_or_default(),
    })
}

pub async fn sql_matches(
    app: &TestApp,
    condition: &Condition,
    context: &CompileContext<'_>,
) -> BTreeSet<i64> {
    let query = Query::select()
        .column((Alias::new(PROFILES), Alias::new("organisation_id")))
        .from_as(Alias::new("enterprise_profiles"), Alias::new(PROFILES))
        .cond_where(to_sql(&condition.compile(context)))
        .to_owned();
    let statement = app.db.get_database_backend().build(&query);
    app.db
        .query_all_raw(statement)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<i64>("", "organisation_id").unwrap())
        .collect()
}

#[tokio::test]
async fn the_index_the_evaluator_a_plain_reimplementation_and_sql_agree() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let body = json!({"code": "scale", "name_zh": "规模", "name_en": "Scale"});
    let dimension: Value = app
        .post("/api/v1/tag-dimensions", &admin, body)
        .await
        .json()
        .await
        .unwrap();
    let dimension = dimension["id"].as_str().unwrap();
    let export: Value = app
        .post("/api/v1/tags", &admin, json!({"code": "export", "dimension_id": dimension, "name_zh": "出口", "name_en": "Export"}))
        .await
        .json()
        .await
        .unwrap();
    let big = json!({"code": "big", "dimension_id": dimension, "name_zh": "大", "name_en": "Big", "rule_text": "employees >= 200"});
    assert!(app
        .post("/api/v1/tags", &admin, big)
        .await
        .status()
        .is_success());

    let mut runner = TestRunner::deterministic();
    let mut enterprises = Vec::new();
    for i in 0..48 {
        let profile = a_profile().new_tree(&mut runner).unwrap().current();
        let (id, public_id) = create_enterprise(&app, i).await;
        let path = format!("/api/v1/enterprises/{public_id}/profile");
        let saved = app
            .request(
                Method::PUT,
                &path,
                Some(&admin),
                Some(profile_json(&profile)),
            )
            .await;
        assert!(saved.status().is_success(), "{:?}", saved.text().await);
        if profile.export {
            let tag_path = format!(
                "/api/v1/enterprises/{public_id}/tags/{}",
                export["id"].as_str().unwrap()
            );
            app.request(Method::PUT, &tag_path, Some(&admin), None)
                .await;
        }
        enterprises.push((id, profile));
    }
    let ours: BTreeSet<i64> = enterprises.iter().map(|(id, _)| *id).collect();
    let today = today_in_china(app.clock_now());
    let vocabulary = Vocabulary {
        tags: ["export".to_owned(), "big".to_owned()].into(),
        allow_tags: true,
    };
    let tag_rules = app
        .state
        .enterprise_index
        .read(&app.db, |columns| columns.tag_rules.clone())
        .await
        .unwrap();
    let context = CompileContext {
        today,
        tag_rules: &tag_rules,
        evidence: Evidence::Declared,
    };
    let mut facts = Vec::new();
    for (id, _) in &enterprises {
        facts.push((*id, qifu::enterprises::facts(&app.db, *id).await.unwrap()));
    }
    let mut non_trivial = 0;
    for _ in 0..160 {
        let json = a_condition().new_tree(&mut runner).unwrap().current();
        let condition =
            Condition::from_json(&json, &vocabulary).unwrap_or_else(|e| panic!("{json}: {e}"));
        let expected: BTreeSet<i64> = enterprises
            .iter()
            .filter(|(_, p)| holds(&json, p, today))
            .map(|(id, _)| *id)
            .collect();
        let indexed: BTreeSet<i64> = matching_organisations(
            &app.db,
            &app.state.enterprise_index,
            &condition,
            today,
            Evidence::Declared,
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|id| ours.contains(id))
        .collect();
        assert_eq!(indexed, expected, "index, for {condition}");
        let compiled = condition.compile(&context);
        for (id, facts) in &facts {
            assert_eq!(
                compiled.eval(facts),
                expected.contains(id),
                "evaluator, for {condition} on {id}"
            );
        }
        let in_sql: BTreeSet<i64> = sql_matches(&app, &condition, &context)
            .await
            .intersection(&ours)
            .copied()
            .collect();
        assert_eq!(in_sql, expected, "SQL, for {condition}");
        non_trivial += usize::from(!expected.is_empty() && expected.len() < ours.len());
    }
    assert!(
        non_trivial > 40,
        "only {non_trivial} conditions split the enterprises"
    );
}

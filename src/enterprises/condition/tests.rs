use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::{
    compile::{full_years, CompileContext, Evidence},
    text, Condition, Facts, Vocabulary,
};

fn vocabulary() -> Vocabulary {
    Vocabulary {
        tags: ["high_tech".to_owned(), "export".to_owned()].into(),
        allow_tags: true,
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn facts() -> Facts {
    Facts {
        employees: Some(50),
        revenue_fen: Some(3_000_000_000),
        founded_on: Some(date("2020-06-15")),
        region_code: Some("330106".to_owned()),
        industry_code: Some("I6513".to_owned()),
        tax_credit_grade: Some("A".to_owned()),
        size_class: Some("small".to_owned()),
        tags: ["export".to_owned()].into(),
        qualifications: [("tech_sme".to_owned(), Some(date("2026-12-31")))].into(),
        ..Facts::default()
    }
}

fn check(text: &str, facts: &Facts, today: &str) -> bool {
    let condition = text::parse(text, &vocabulary()).unwrap();
    let rules = HashMap::new();
    let context = CompileContext {
        today: date(today),
        tag_rules: &rules,
        evidence: Evidence::Declared,
    };
    condition.compile(&context).eval(facts)
}

#[test]
fn the_text_form_round_trips_through_json() {
    let source = r#"all(employees >= 20, revenue >= 3000000.5元, region within "330100", any(tags has "high_tech", qualifications has "tech_sme"), not(tax_credit_grade in ["C", "D"]), years_since_founding between [1, 5], founded_on < 2024-01-01, industry within "i65")"#;
    let condition = text::parse(source, &vocabulary()).unwrap();
    let printed = condition.to_string();
    assert!(printed.contains(r#"region within "3301""#), "{printed}");
    assert!(printed.contains("revenue >= 3000000.5元"), "{printed}");
    assert!(printed.contains(r#"industry within "I65""#), "{printed}");
    assert_eq!(text::parse(&printed, &vocabulary()).unwrap(), condition);
    let json = condition.to_json();
    assert_eq!(
        Condition::from_json(&json, &vocabulary()).unwrap(),
        condition
    );
    assert_eq!(json["all"][1]["value"], 300_000_050);
}

#[test]
fn mistakes_name_their_path_and_code() {
    let cases = [
        (
            json!({"all": [{"field": "staff", "op": "gte", "value": 1}]}),
            "condition_unknown_field",
            "all[0].field",
        ),
        (
            json!({"any": [{"not": {"field": "employees", "op": "within", "value": "1"}}]}),
            "condition_operator_mismatch",
            "any[0].not.op",
        ),
        (
            json!({"all": [{"field": "employees", "op": "gte", "value": "many"}]}),
            "condition_value_type",
            "all[0].value",
        ),
        (
            json!({"all": [{"field": "tags", "op": "has", "value": "nope"}]}),
            "condition_unknown_tag",
            "all[0].value",
        ),
        (
            json!({"field": "region", "op": "within", "value": "999999"}),
            "condition_value_type",
            "value",
        ),
        (
            json!({"field": "industry", "op": "within", "value": "C65"}),
            "condition_value_type",
            "value",
        ),
        (
            json!({"field": "size_class", "op": "in", "value": ["small", 3]}),
            "condition_value_type",
            "value[1]",
        ),
        (
            json!({"field": "employees", "op": "between", "value": [9, 3]}),
            "condition_value_type",
            "value",
        ),
        (
            json!({"field": "qualifications", "op": "has", "value": "nobel"}),
            "condition_unknown_qualification",
            "value",
        ),
        (json!({"any": []}), "condition_invalid", "any"),
        (json!({"all": [], "any": []}), "condition_invalid", "all"),
        (json!([1]), "condition_invalid", ""),
    ];
    for (json, code, path) in cases {
        let error = Condition::from_json(&json, &vocabulary()).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            (code, path),
            "{json}: {error}"
        );
    }
    let no_tags = Vocabulary {
        allow_tags: false,
        ..vocabulary()
    };
    let error = Condition::from_json(
        &json!({"field": "tags", "op": "has", "value": "export"}),
        &no_tags,
    )
    .unwrap_err();
    assert_eq!(error.code, "condition_tags_not_allowed");
    let syntax = text::parse("all(employees >= 20", &vocabulary()).unwrap_err();
    assert_eq!(syntax.code, "condition_syntax");
    assert!(
        syntax.message.contains("at character 20"),
        "{}",
        syntax.message
    );
    let yuan = text::parse("revenue >= 3000000", &vocabulary()).unwrap_err();
    assert_eq!(yuan.code, "condition_syntax");
}

#[test]
fn comparisons_follow_the_profile() {
    let f = facts();
    assert!(check(
        "all(employees >= 50, employees < 51, employees != 7)",
        &f,
        "2026-03-02"
    ));
    assert!(check(r#"region within "3301""#, &f, "2026-03-02"));
    assert!(!check(r#"region within "3302""#, &f, "2026-03-02"));
    assert!(check(r#"region in ["3302", "33"]"#, &f, "2026-03-02"));
    assert!(check(r#"industry within "I""#, &f, "2026-03-02"));
    assert!(!check(r#"industry within "I652""#, &f, "2026-03-02"));
    assert!(check(
        r#"not(tax_credit_grade in ["C", "D"])"#,
        &f,
        "2026-03-02"
    ));
    assert!(check(r#"tags has "export""#, &f, "2026-03-02"));
    assert!(!check(r#"tags has "high_tech""#, &f, "2026-03-02"));
    // A missing value meets nothing, so its negation holds.
    assert!(!check("rd_spending >= 0元", &f, "2026-03-02"));
    assert!(check("not(rd_spending >= 0元)", &f, "2026-03-02"));
}

#[test]
fn qualifications_count_until_they_expire() {
    let f = facts();
    assert!(check(r#"qualifications has "tech_sme""#, &f, "2026-12-31"));
    assert!(!check(r#"qualifications has "tech_sme""#, &f, "2027-01-01"));
}

#[test]
fn years_since_founding_counts_whole_years_on_the_day() {
    let f = facts(); // founded 2020-06-15
    assert!(!check("years_since_founding >= 6", &f, "2026-06-14"));
    assert!(check("years_since_founding >= 6", &f, "2026-06-15"));
    assert!(check("years_since_founding = 5", &f, "2026-06-14"));
    assert!(!check("years_since_founding = 5", &f, "2026-06-15"));
    assert!(check(
        "years_since_founding between [3, 5]",
        &f,
        "2026-01-01"
    ));
    assert!(check("years_since_founding < 6", &f, "2026-06-14"));
    assert_eq!(full_years(date("2020-06-15"), date("2026-06-14")), 5);
    // A 29 February founding has its anniversary on 1 March in common years.
    assert_eq!(full_years(date("2024-02-29"), date("2025-02-28")), 0);
    assert_eq!(full_years(date("2024-02-29"), date("2025-03-01")), 1);
}

#[test]
fn a_derived_tag_is_its_rule() {
    let rule = text::parse("employees >= 40", &Vocabulary::default()).unwrap();
    let rules = HashMap::from([("high_tech".to_owned(), rule)]);
    let context = CompileContext {
        today: date("2026-03-02"),
        tag_rules: &rules,
        evidence: Evidence::Declared,
    };
    let condition = text::parse(r#"tags has "high_tech""#, &vocabulary()).unwrap();
    assert!(condition.compile(&context).eval(&facts()));
}

#[test]
fn an_explanation_says_what_would_have_to_change() {
    let condition = text::parse(
        r#"all(employees >= 100, revenue >= 1000000元, any(tags has "high_tech", qualifications has "little_giant"), region within "3301")"#,
        &vocabulary(),
    )
    .unwrap();
    let rules = HashMap::new();
    let context = CompileContext {
        today: date("2026-03-02"),
        tag_rules: &rules,
        evidence: Evidence::Declared,
    };
    let explanation = condition.explain(&facts(), &context);
    assert!(!explanation.met);
    assert_eq!(explanation.outcomes.len(), 5);
    assert_eq!(explanation.outcomes[0].actual.as_deref(), Some("50"));
    assert!(!explanation.outcomes[0].met);
    assert!(explanation.outcomes[1].met);
    let changes: Vec<_> = explanation.to_change.iter().map(|o| &*o.path).collect();
    assert_eq!(changes, ["all[0]", "all[2].any[0]"]);
    assert_eq!(condition.distance(&facts(), &context), 2);
}

#[test]
fn an_automatic_grant_counts_verified_qualifications_only_and_says_which_are_declared() {
    let rule = text::parse(r#"qualifications has "tech_sme""#, &Vocabulary::default()).unwrap();
    let rules = HashMap::from([("tech".to_owned(), rule)]);
    let condition = text::parse(
        r#"all(employees >= 20, any(tags has "tech", qualifications has "little_giant"))"#,
        &Vocabulary {
            tags: ["tech".to_owned()].into(),
            allow_tags: true,
        },
    )
    .unwrap();
    let context = |evidence| CompileContext {
        today: date("2026-03-02"),
        tag_rules: &rules,
        evidence,
    };
    let declared = facts();
    assert!(condition
        .compile(&context(Evidence::Declared))
        .eval(&declared));
    assert!(!condition
        .compile(&context(Evidence::Verified))
        .eval(&declared));
    let explanation = condition.explain(&declared, &context(Evidence::Verified));
    assert!(!explanation.met);
    let flagged: Vec<_> = explanation
        .outcomes
        .iter()
        .filter(|o| o.declared_only)
        .map(|o| &*o.path)
        .collect();
    // The derived tag rests on the declared qualification; the other one is not held at all.
    assert_eq!(flagged, ["all[1].any[0]"]);

    let mut verified = declared.clone();
    verified.verified_qualifications = verified.qualifications.clone();
    assert!(condition
        .compile(&context(Evidence::Verified))
        .eval(&verified));
    let explanation = condition.explain(&verified, &context(Evidence::Verified));
    assert!(explanation.met && explanation.outcomes.iter().all(|o| !o.declared_only));
}

#[test]
fn an_unknown_size_class_fails_every_size_comparison_even_under_not() {
    let unknown = Facts {
        size_class: None,
        ..facts()
    };
    let today = "2026-03-02";
    for text in [
        r#"size_class in ["small", "micro"]"#,
        r#"size_class = "micro""#,
        r#"size_class != "large""#,
        r#"not(size_class in ["small", "micro"])"#,
        r#"not(size_class = "large")"#,
        r#"not(not(size_class in ["small", "micro"]))"#,
        r#"not(all(size_class in ["small", "micro"], employees >= 20))"#,
        r#"not(any(size_class = "large", employees >= 1000))"#,
    ] {
        assert!(!check(text, &unknown, today), "unknown meets {text}");
    }
    // Other comparisons around it keep their meaning: `any` still holds with one met.
    assert!(check(
        r#"any(size_class in ["small", "micro"], employees >= 20)"#,
        &unknown,
        today
    ));
    assert!(check(
        r#"not(all(size_class in ["small"], employees >= 1000))"#,
        &unknown,
        today
    ));
    // A known class: `not` is the plain opposite.
    assert!(check(r#"not(size_class = "large")"#, &facts(), today));
    assert!(!check(
        r#"not(size_class in ["small", "micro"])"#,
        &facts(),
        today
    ));
    // Elsewhere a missing value fails the comparison and `not` makes that true, as before.
    let no_grade = Facts {
        tax_credit_grade: None,
        ..facts()
    };
    assert!(check(
        r#"not(tax_credit_grade in ["C", "D"])"#,
        &no_grade,
        today
    ));
}

#[test]
fn an_unknown_size_class_is_what_is_left_to_change() {
    let unknown = Facts {
        size_class: None,
        ..facts()
    };
    let rules = HashMap::new();
    let context = CompileContext {
        today: date("2026-03-02"),
        tag_rules: &rules,
        evidence: Evidence::Declared,
    };
    let condition = text::parse(
        r#"all(not(size_class = "large"), employees >= 20)"#,
        &vocabulary(),
    )
    .unwrap();
    let explanation = condition.explain(&unknown, &context);
    assert!(!explanation.met);
    assert_eq!(explanation.to_change.len(), 1, "{explanation:?}");
    assert_eq!(explanation.to_change[0].field, super::Field::SizeClass);
    assert_eq!(condition.distance(&unknown, &context), 1);
    assert_eq!(condition.distance(&facts(), &context), 0);
}

//! The condition language shared by tag rules and policy clauses: a tree of `all` / `any` / `not`
//! over comparisons of enterprise profile fields, tags, qualifications, regions and derived values
//! (`years_since_founding`, `size_class`).
//!
//! A condition arrives as JSON (`{"all": [{"field": "employees", "op": "gte", "value": 20}]}`) or
//! as its readable text form (`all(employees >= 20)`, see [`text`]); both are checked against the
//! [`Field`] registry here, and a mistake names its path in the tree (`all[0].value`). A checked
//! [`Condition`] is compiled for a day ([`compile`]) into predicates that the per-enterprise
//! evaluator, the in-memory index and the SQL translation ([`sql`]) all share. No framework here.

pub mod compile;
pub mod sql;
pub mod text;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

use super::{industry_code::IndustryCode, qualification::qualification_kind, region};
use crate::error::Code;

/// A field a condition can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    RegisteredCapital,
    Revenue,
    TotalAssets,
    RdSpending,
    Employees,
    FoundedOn,
    YearsSinceFounding,
    Region,
    Industry,
    TaxCreditGrade,
    SizeClass,
    Tags,
    Qualifications,
}

/// What kind of value a field holds, which decides its operators and literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Integer fen (written in yuan with `元` in the text form).
    Money,
    Count,
    Date,
    /// Whole years, derived from a date on the day of evaluation.
    Years,
    /// A 6-digit administrative division; tested by prefix.
    Region,
    /// A GB/T 4754-2017 code such as `I65`; tested by prefix.
    Industry,
    Choice,
    TagSet,
    QualificationSet,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    Between,
    In,
    Within,
    Has,
}

impl Op {
    pub const ALL: [Op; 10] = [
        Op::Eq,
        Op::Ne,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::Between,
        Op::In,
        Op::Within,
        Op::Has,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Ne => "ne",
            Self::Gt => "gt",
            Self::Gte => "gte",
            Self::Lt => "lt",
            Self::Lte => "lte",
            Self::Between => "between",
            Self::In => "in",
            Self::Within => "within",
            Self::Has => "has",
        }
    }

    /// The operator as written in the text form.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Eq => "=",
            Self::Ne => "!=",
            Self::Gt => ">",
            Self::Gte => ">=",
            Self::Lt => "<",
            Self::Lte => "<=",
            Self::Between => "between",
            Self::In => "in",
            Self::Within => "within",
            Self::Has => "has",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|op| op.as_str() == text || op.symbol() == text)
    }
}

const ORDERED: &[Op] = &[
    Op::Eq,
    Op::Ne,
    Op::Gt,
    Op::Gte,
    Op::Lt,
    Op::Lte,
    Op::Between,
];
const CODES: &[Op] = &[Op::Within, Op::In];
const CHOICES: &[Op] = &[Op::Eq, Op::Ne, Op::In];
const SETS: &[Op] = &[Op::Has];

/// The tax credit grades (纳税信用等级).
pub const TAX_CREDIT_GRADES: &[&str] = entities::enterprise_profile::TaxCreditGrade::WORDS;
/// The size classes of 《中小企业划型标准规定》.
pub const SIZE_CLASSES: &[&str] = entities::enterprise_profile::SizeClass::WORDS;

/// A field's entry in the registry: what the condition builder and the validator know of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldSpec {
    pub field: Field,
    pub name: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    pub ops: &'static [Op],
    /// The allowed values of a choice field.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub choices: &'static [&'static str],
}

const fn spec(
    field: Field,
    name: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    field_type: FieldType,
) -> FieldSpec {
    let ops = match field_type {
        FieldType::Money | FieldType::Count | FieldType::Date | FieldType::Years => ORDERED,
        FieldType::Region | FieldType::Industry => CODES,
        FieldType::Choice => CHOICES,
        FieldType::TagSet | FieldType::QualificationSet => SETS,
    };
    FieldSpec {
        field,
        name,
        label_zh,
        label_en,
        field_type,
        ops,
        choices: &[],
    }
}

const fn choice(
    field: Field,
    name: &'static str,
    zh: &'static str,
    en: &'static str,
    choices: &'static [&'static str],
) -> FieldSpec {
    let mut spec = spec(field, name, zh, en, FieldType::Choice);
    spec.choices = choices;
    spec
}

/// The registry of fields conditions may test.
pub const FIELDS: [FieldSpec; 13] = [
    spec(
        Field::RegisteredCapital,
        "registered_capital",
        "注册资本",
        "Registered capital",
        FieldType::Money,
    ),
    spec(
        Field::Revenue,
        "revenue",
        "上年营业收入",
        "Last year's revenue",
        FieldType::Money,
    ),
    spec(
        Field::TotalAssets,
        "total_assets",
        "资产总额",
        "Total assets",
        FieldType::Money,
    ),
    spec(
        Field::RdSpending,
        "rd_spending",
        "研发投入",
        "R&D spending",
        FieldType::Money,
    ),
    spec(
        Field::Employees,
        "employees",
        "从业人数",
        "Employees",
        FieldType::Count,
    ),
    spec(
        Field::FoundedOn,
        "founded_on",
        "成立日期",
        "Founding date",
        FieldType::Date,
    ),
    spec(
        Field::YearsSinceFounding,
        "years_since_founding",
        "成立年限",
        "Years since founding",
        FieldType::Years,
    ),
    spec(
        Field::Region,
        "region",
        "注册地",
        "Region of registration",
        FieldType::Region,
    ),
    spec(
        Field::Industry,
        "industry",
        "所属行业",
        "Industry",
        FieldType::Industry,
    ),
    choice(
        Field::TaxCreditGrade,
        "tax_credit_grade",
        "纳税信用等级",
        "Tax credit grade",
        TAX_CREDIT_GRADES,
    ),
    choice(
        Field::SizeClass,
        "size_class",
        "企业规模",
        "Size class",
        SIZE_CLASSES,
    ),
    spec(Field::Tags, "tags", "标签", "Tags", FieldType::TagSet),
    spec(
        Field::Qualifications,
        "qualifications",
        "资质荣誉",
        "Qualifications",
        FieldType::QualificationSet,
    ),
];

impl Field {
    pub fn spec(self) -> &'static FieldSpec {
        FIELDS
            .iter()
            .find(|s| s.field == self)
            .unwrap_or(&FIELDS[0])
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn parse(name: &str) -> Option<Self> {
        FIELDS.iter().find(|s| s.name == name).map(|s| s.field)
    }
}

/// The literal a comparison is made against, already checked for its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    Number(i64),
    Numbers(i64, i64),
    Date(NaiveDate),
    Dates(NaiveDate, NaiveDate),
    Text(String),
    Texts(Vec<String>),
}

/// One comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Test {
    pub field: Field,
    pub op: Op,
    pub operand: Operand,
}

/// A checked condition tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Test(Test),
}

/// A mistake in a condition, with the path of the node it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    /// e.g. `condition_unknown_field`.
    pub code: Code,
    /// e.g. `all[1].any[0].field`; empty for the root.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ConditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ConditionError {}

/// What a condition may refer to besides the registry's fields.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Tag codes that exist.
    pub tags: BTreeSet<String>,
    /// Tag rules may not test tags (a derived tag is defined by profile fields only).
    pub allow_tags: bool,
}

/// The most money a literal may name: 10^15 fen (10 trillion yuan).
const MAX_MONEY: i64 = 1_000_000_000_000_000;
const MAX_COUNT: i64 = 100_000_000;
const MAX_YEARS: i64 = 200;
const MAX_CHILDREN: usize = 200;
const MAX_DEPTH: usize = 12;

fn join(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_owned()
    } else if part.starts_with('[') {
        format!("{path}{part}")
    } else {
        format!("{path}.{part}")
    }
}

fn error(code: Code, path: &str, message: impl Into<String>) -> ConditionError {
    ConditionError {
        code,
        path: path.to_owned(),
        message: message.into(),
    }
}

impl Condition {
    /// Checks a JSON condition against the registry and the vocabulary.
    pub fn from_json(value: &Value, vocabulary: &Vocabulary) -> Result<Self, ConditionError> {
        parse_node(value, vocabulary, "", 0)
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> Value {
        match self {
            Self::All(children) => {
                json!({ "all": children.iter().map(Self::to_json).collect::<Vec<_>>() })
            }
            Self::Any(children) => {
                json!({ "any": children.iter().map(Self::to_json).collect::<Vec<_>>() })
            }
            Self::Not(child) => json!({ "not": child.to_json() }),
            Self::Test(test) => json!({
                "field": test.field.name(),
                "op": test.op.as_str(),
                "value": operand_json(&test.operand),
            }),
        }
    }

    /// Every test in the tree, with its path, depth first.
    pub fn tests(&self) -> Vec<(String, &Test)> {
        let mut out = Vec::new();
        self.collect_tests("", &mut out);
        out
    }

    fn collect_tests<'a>(&'a self, path: &str, out: &mut Vec<(String, &'a Test)>) {
        match self {
            Self::All(children) | Self::Any(children) => {
                let key = if matches!(self, Self::All(_)) {
                    "all"
                } else {
                    "any"
                };
                for (i, child) in children.iter().enumerate() {
                    child.collect_tests(&join(path, &format!("{key}[{i}]")), out);
                }
            }
            Self::Not(child) => child.collect_tests(&join(path, "not"), out),
            Self::Test(test) => out.push((path.to_owned(), test)),
        }
    }

    /// The tag codes the condition tests.
    pub fn tag_codes(&self) -> BTreeSet<String> {
        self.tests()
            .into_iter()
            .filter(|(_, t)| t.field == Field::Tags)
            .filter_map(|(_, t)| match &t.operand {
                Operand::Text(code) => Some(code.clone()),
                _ => None,
            })
            .collect()
    }
}

fn operand_json(operand: &Operand) -> Value {
    match operand {
        Operand::Number(n) => json!(n),
        Operand::Numbers(a, b) => json!([a, b]),
        Operand::Date(d) => json!(d.to_string()),
        Operand::Dates(a, b) => json!([a.to_string(), b.to_string()]),
        Operand::Text(t) => json!(t),
        Operand::Texts(list) => json!(list),
    }
}

fn parse_node(
    value: &Value,
    vocabulary: &Vocabulary,
    path: &str,
    depth: usize,
) -> Result<Condition, ConditionError> {
    if depth > MAX_DEPTH {
        return Err(error(
            Code::ConditionTooDeep,
            path,
            format!("conditions nest at most {MAX_DEPTH} levels"),
        ));
    }
    let Some(object) = value.as_object() else {
        return Err(error(
            Code::ConditionInvalid,
            path,
            "a condition is an object: all, any, not or a comparison",
        ));
    };
    for (key, build) in [
        ("all", Condition::All as fn(Vec<Condition>) -> Condition),
        ("any", Condition::Any),
    ] {
        if let Some(children) = object.get(key) {
            let path = join(path, key);
            let Some(items) = children.as_array() else {
                return Err(error(
                    Code::ConditionInvalid,
                    &path,
                    format!("`{key}` takes a list of conditions"),
                ));
            };
            if key == "any" && items.is_empty() {
                return Err(error(
                    Code::ConditionInvalid,
                    &path,
                    "`any` needs at least one condition",
                ));
            }
            if items.len() > MAX_CHILDREN {
                return Err(error(
                    Code::ConditionInvalid,
                    &path,
                    format!("at most {MAX_CHILDREN} conditions in a list"),
                ));
            }
            only_key(object, key, &path)?;
            let children = items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_node(item, vocabulary, &format!("{path}[{i}]"), depth + 1))
                .collect::<Result<_, _>>()?;
            return Ok(build(children));
        }
    }
    if let Some(child) = object.get("not") {
        let path = join(path, "not");
        only_key(object, "not", &path)?;
        return Ok(Condition::Not(Box::new(parse_node(
            child,
            vocabulary,
            &path,
            depth + 1,
        )?)));
    }
    parse_test(object, vocabulary, path).map(Condition::Test)
}

fn only_key(
    object: &serde_json::Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<(), ConditionError> {
    if object.len() != 1 {
        return Err(error(
            Code::ConditionInvalid,
            path,
            format!("`{key}` stands alone in its object"),
        ));
    }
    Ok(())
}

fn parse_test(
    object: &serde_json::Map<String, Value>,
    vocabulary: &Vocabulary,
    path: &str,
) -> Result<Test, ConditionError> {
    let field_path = join(path, "field");
    let name = object.get("field").and_then(Value::as_str).ok_or_else(|| {
        error(
            Code::ConditionInvalid,
            &field_path,
            "a comparison names a `field`, an `op` and a `value`",
        )
    })?;
    let field = Field::parse(name).ok_or_else(|| {
        error(
            Code::ConditionUnknownField,
            &field_path,
            format!("unknown field `{name}`"),
        )
    })?;
    let op_path = join(path, "op");
    let op_name = object.get("op").and_then(Value::as_str).ok_or_else(|| {
        error(
            Code::ConditionInvalid,
            &op_path,
            "a comparison names an `op`",
        )
    })?;
    let op = Op::parse(op_name).ok_or_else(|| {
        error(
            Code::ConditionUnknownOperator,
            &op_path,
            format!("unknown operator `{op_name}`"),
        )
    })?;
    let spec = field.spec();
    if !spec.ops.contains(&op) {
        let allowed: Vec<_> = spec.ops.iter().map(|o| o.as_str()).collect();
        return Err(error(
            Code::ConditionOperatorMismatch,
            &op_path,
            format!(
                "`{name}` does not take `{}`; it takes {}",
                op.as_str(),
                allowed.join(", ")
            ),
        ));
    }
    if object
        .keys()
        .any(|k| !matches!(k.as_str(), "field" | "op" | "value"))
    {
        return Err(error(
            Code::ConditionInvalid,
            path,
            "a comparison has only `field`, `op` and `value`",
        ));
    }
    let value_path = join(path, "value");
    let value = object.get("value").ok_or_else(|| {
        error(
            Code::ConditionValueType,
            &value_path,
            "a comparison needs a `value`",
        )
    })?;
    let operand = parse_operand(spec, op, value, vocabulary, &value_path)?;
    Ok(Test { field, op, operand })
}

fn type_error(path: &str, expected: &str) -> ConditionError {
    error(
        Code::ConditionValueType,
        path,
        format!("expected {expected}"),
    )
}

fn parse_operand(
    spec: &FieldSpec,
    op: Op,
    value: &Value,
    vocabulary: &Vocabulary,
    path: &str,
) -> Result<Operand, ConditionError> {
    match spec.field_type {
        FieldType::Money => numbers(op, value, path, 0, MAX_MONEY, "an amount in fen"),
        FieldType::Count => numbers(op, value, path, 0, MAX_COUNT, "a whole number"),
        FieldType::Years => numbers(
            op,
            value,
            path,
            0,
            MAX_YEARS,
            "a number of years (0 to 200)",
        ),
        FieldType::Date => dates(op, value, path),
        FieldType::Region | FieldType::Industry => {
            let codes = texts(op == Op::In, value, path)?;
            let checked = codes
                .iter()
                .map(|code| check_code(spec.field_type, code, path))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(one_or_list(op == Op::In, checked))
        }
        FieldType::Choice => {
            let values = texts(op == Op::In, value, path)?;
            if let Some(bad) = values.iter().find(|v| !spec.choices.contains(&v.as_str())) {
                return Err(error(
                    Code::ConditionValueType,
                    path,
                    format!("`{bad}` is not one of {}", spec.choices.join(", ")),
                ));
            }
            Ok(one_or_list(op == Op::In, values))
        }
        FieldType::TagSet => {
            let code = value
                .as_str()
                .ok_or_else(|| type_error(path, "a tag code"))?;
            if !vocabulary.allow_tags {
                return Err(error(
                    Code::ConditionTagsNotAllowed,
                    path,
                    "a tag rule cannot test other tags",
                ));
            }
            if !vocabulary.tags.contains(code) {
                return Err(error(
                    Code::ConditionUnknownTag,
                    path,
                    format!("unknown tag `{code}`"),
                ));
            }
            Ok(Operand::Text(code.to_owned()))
        }
        FieldType::QualificationSet => {
            let code = value
                .as_str()
                .ok_or_else(|| type_error(path, "a qualification code"))?;
            if qualification_kind(code).is_none() {
                return Err(error(
                    Code::ConditionUnknownQualification,
                    path,
                    format!("unknown qualification `{code}`"),
                ));
            }
            Ok(Operand::Text(code.to_owned()))
        }
    }
}

fn one_or_list(list: bool, mut values: Vec<String>) -> Operand {
    if list {
        Operand::Texts(values)
    } else {
        Operand::Text(values.pop().unwrap_or_default())
    }
}

fn texts(list: bool, value: &Value, path: &str) -> Result<Vec<String>, ConditionError> {
    if !list {
        return value
            .as_str()
            .map(|s| vec![s.to_owned()])
            .ok_or_else(|| type_error(path, "a string"));
    }
    let items = value
        .as_array()
        .filter(|a| !a.is_empty() && a.len() <= MAX_CHILDREN)
        .ok_or_else(|| type_error(path, "a list of 1 to 200 strings"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| type_error(&format!("{path}[{i}]"), "a string"))
        })
        .collect()
}

fn numbers(
    op: Op,
    value: &Value,
    path: &str,
    min: i64,
    max: i64,
    what: &str,
) -> Result<Operand, ConditionError> {
    let number = |v: &Value, path: &str| {
        v.as_i64()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| type_error(path, &format!("{what} from {min} to {max}")))
    };
    if op != Op::Between {
        return number(value, path).map(Operand::Number);
    }
    let [low, high] = pair(value, path)?;
    let (low, high) = (
        number(low, &format!("{path}[0]"))?,
        number(high, &format!("{path}[1]"))?,
    );
    if low > high {
        return Err(error(
            Code::ConditionValueType,
            path,
            "between [low, high] needs low ≤ high",
        ));
    }
    Ok(Operand::Numbers(low, high))
}

fn pair<'a>(value: &'a Value, path: &str) -> Result<[&'a Value; 2], ConditionError> {
    match value.as_array().map(Vec::as_slice) {
        Some([a, b]) => Ok([a, b]),
        _ => Err(type_error(path, "a list of two values [low, high]")),
    }
}

fn dates(op: Op, value: &Value, path: &str) -> Result<Operand, ConditionError> {
    let date = |v: &Value, path: &str| {
        v.as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
            .ok_or_else(|| type_error(path, "a date YYYY-MM-DD between 1900 and 2200"))
    };
    if op != Op::Between {
        return date(value, path).map(Operand::Date);
    }
    let [low, high] = pair(value, path)?;
    let (low, high) = (
        date(low, &format!("{path}[0]"))?,
        date(high, &format!("{path}[1]"))?,
    );
    if low > high {
        return Err(error(
            Code::ConditionValueType,
            path,
            "between [from, to] needs from ≤ to",
        ));
    }
    Ok(Operand::Dates(low, high))
}

/// A region or industry literal, normalised: a region to the prefix it covers (`330100` → `3301`),
/// an industry to upper case, each checked against the shipped tables.
fn check_code(field_type: FieldType, code: &str, path: &str) -> Result<String, ConditionError> {
    if field_type == FieldType::Region {
        let valid_length = matches!(code.len(), 2 | 4 | 6);
        let padded = format!("{code:0<6}");
        if !valid_length || !region::is_valid_code(&padded) {
            return Err(error(
                Code::ConditionValueType,
                path,
                format!("`{code}` is not an administrative division code (2, 4 or 6 digits)"),
            ));
        }
        return Ok(region::significant_prefix(&padded).to_owned());
    }
    let code = code.to_ascii_uppercase();
    if IndustryCode::is_valid_prefix(&code) {
        Ok(code)
    } else {
        Err(error(
            Code::ConditionValueType,
            path,
            format!("`{code}` is not a GB/T 4754-2017 section or code (e.g. `I`, `I65`, `I6513`)"),
        ))
    }
}

/// What a condition is evaluated against: one enterprise's values on the day of evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub registered_capital_fen: Option<i64>,
    pub revenue_fen: Option<i64>,
    pub total_assets_fen: Option<i64>,
    pub rd_spending_fen: Option<i64>,
    pub employees: Option<i64>,
    pub founded_on: Option<NaiveDate>,
    pub region_code: Option<String>,
    pub industry_code: Option<String>,
    pub tax_credit_grade: Option<String>,
    pub size_class: Option<String>,
    /// Manual tag codes.
    pub tags: BTreeSet<String>,
    /// Qualification kind → its latest expiry (None: never expires), declared or verified.
    pub qualifications: std::collections::BTreeMap<String, Option<NaiveDate>>,
    /// The same for the qualifications verified by a department or the centre only (what an
    /// automatic grant rests on).
    pub verified_qualifications: std::collections::BTreeMap<String, Option<NaiveDate>>,
}

#[cfg(test)]
mod tests;

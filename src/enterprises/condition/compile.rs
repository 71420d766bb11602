//! A condition compiled for one day: every comparison becomes a [`Predicate`] over a stored
//! column (a derived value such as `years_since_founding` becomes a range of founding dates, a
//! derived tag becomes its rule), so that the per-enterprise evaluator, the in-memory index and the
//! SQL translation cannot disagree. Also here: evaluating against one enterprise's [`Facts`] with
//! an explanation per comparison, and the fewest comparisons that would have to change.

use std::{collections::HashMap, sync::Arc};

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use super::{text, Condition, Facts, Field, Op, Operand, Test};

/// A stored numeric column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberColumn {
    RegisteredCapital,
    Revenue,
    TotalAssets,
    RdSpending,
    Employees,
    /// Days from the common era.
    FoundedOn,
}

/// A stored code column tested by prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeColumn {
    Region,
    Industry,
}

/// A stored choice column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChoiceColumn {
    TaxCreditGrade,
    SizeClass,
}

/// One test over stored data. A missing value never satisfies a predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Predicate {
    /// The value is present and (within `low..=high`) != `negate`.
    Range {
        column: NumberColumn,
        low: i64,
        high: i64,
        negate: bool,
    },
    /// The value is present and starts with one of the prefixes.
    Prefix {
        column: CodeColumn,
        prefixes: Vec<String>,
    },
    /// The value is present and (one of `values`) != `negate`.
    OneOf {
        column: ChoiceColumn,
        values: Vec<String>,
        negate: bool,
    },
    /// The centre gave the enterprise this manual tag.
    ManualTag(String),
    /// The enterprise holds this qualification (a verified one when `verified_only`) and it has
    /// not expired on `valid_on`.
    Qualification {
        kind: String,
        valid_on: NaiveDate,
        verified_only: bool,
    },
    Const(bool),
}

/// A compiled condition tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compiled {
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    Not(Box<Compiled>),
    Leaf(Predicate),
}

/// Which qualifications a condition counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Evidence {
    /// Every qualification the enterprise holds, declared or verified: what eligibility for
    /// applying (申报) uses, since the department reviews each application.
    #[default]
    Declared,
    /// Only qualifications a department or the centre verified: what an automatic grant
    /// (免申即享) uses, since nobody reviews it before it is approved.
    Verified,
}

/// What compiling needs besides the condition: the day, the rules of derived tags, and which
/// qualifications count.
#[derive(Debug, Clone, Copy)]
pub struct CompileContext<'a> {
    pub today: NaiveDate,
    pub tag_rules: &'a HashMap<String, Condition>,
    pub evidence: Evidence,
}

/// A date as a number of days (what the index and ranges compare).
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

pub fn date_of_day_number(days: i64) -> Option<NaiveDate> {
    i32::try_from(days)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The day `years` whole years before `today` (29 February falls back to the 28th, so a 29
/// February founding has its anniversary on 1 March in common years).
fn years_before(today: NaiveDate, years: i64) -> i64 {
    let months = u32::try_from(years.clamp(0, 1000) * 12).unwrap_or(0);
    today
        .checked_sub_months(Months::new(months))
        .map(day_number)
        .unwrap_or(i64::MIN + 1)
}

/// Whole years from `founded` to `today` (for display; tests compile to date ranges).
pub fn full_years(founded: NaiveDate, today: NaiveDate) -> i64 {
    let mut years = i64::from(today.year() - founded.year());
    while years > 0 && day_number(founded) > years_before(today, years) {
        years -= 1;
    }
    years
}

const LOW: i64 = i64::MIN + 1;
const HIGH: i64 = i64::MAX;

fn range_of(op: Op, operand: &Operand) -> (i64, i64, bool) {
    let (a, b) = match operand {
        Operand::Number(n) => (*n, *n),
        Operand::Numbers(a, b) => (*a, *b),
        Operand::Date(d) => (day_number(*d), day_number(*d)),
        Operand::Dates(a, b) => (day_number(*a), day_number(*b)),
        Operand::Text(_) | Operand::Texts(_) => (0, 0),
    };
    match op {
        Op::Eq | Op::Between => (a, b, false),
        Op::Ne => (a, a, true),
        Op::Gt => (a.saturating_add(1), HIGH, false),
        Op::Gte => (a, HIGH, false),
        Op::Lt => (LOW, a.saturating_sub(1), false),
        Op::Lte => (LOW, a, false),
        Op::In | Op::Within | Op::Has => (LOW, HIGH, false),
    }
}

/// `years_since_founding` in `low..=high` as a range of founding days.
fn years_range(today: NaiveDate, low: i64, high: i64) -> (i64, i64) {
    let earliest = if high == HIGH {
        LOW
    } else {
        years_before(today, high + 1) + 1
    };
    let latest = if low <= 0 {
        day_number(today)
    } else {
        years_before(today, low)
    };
    (earliest, latest)
}

fn texts(operand: &Operand) -> Vec<String> {
    match operand {
        Operand::Text(t) => vec![t.clone()],
        Operand::Texts(list) => list.clone(),
        _ => Vec::new(),
    }
}

impl Test {
    /// This comparison as predicates over stored data on `context.today`.
    pub fn compile(&self, context: &CompileContext<'_>) -> Compiled {
        let number = |column| {
            let (low, high, negate) = range_of(self.op, &self.operand);
            Compiled::Leaf(Predicate::Range {
                column,
                low,
                high,
                negate,
            })
        };
        match self.field {
            Field::RegisteredCapital => number(NumberColumn::RegisteredCapital),
            Field::Revenue => number(NumberColumn::Revenue),
            Field::TotalAssets => number(NumberColumn::TotalAssets),
            Field::RdSpending => number(NumberColumn::RdSpending),
            Field::Employees => number(NumberColumn::Employees),
            Field::FoundedOn => number(NumberColumn::FoundedOn),
            Field::YearsSinceFounding => {
                let (low, high, negate) = range_of(self.op, &self.operand);
                let (low, high) = years_range(context.today, low, high);
                Compiled::Leaf(Predicate::Range {
                    column: NumberColumn::FoundedOn,
                    low,
                    high,
                    negate,
                })
            }
            Field::Region | Field::Industry => Compiled::Leaf(Predicate::Prefix {
                column: if self.field == Field::Region {
                    CodeColumn::Region
                } else {
                    CodeColumn::Industry
                },
                prefixes: texts(&self.operand),
            }),
            Field::TaxCreditGrade | Field::SizeClass => Compiled::Leaf(Predicate::OneOf {
                column: if self.field == Field::TaxCreditGrade {
                    ChoiceColumn::TaxCreditGrade
                } else {
                    ChoiceColumn::SizeClass
                },
                values: texts(&self.operand),
                negate: self.op == Op::Ne,
            }),
            Field::Tags => {
                let code = texts(&self.operand).pop().unwrap_or_default();
                match context.tag_rules.get(&code) {
                    Some(rule) => rule.compile(context),
                    None => Compiled::Leaf(Predicate::ManualTag(code)),
                }
            }
            Field::Qualifications => Compiled::Leaf(Predicate::Qualification {
                kind: texts(&self.operand).pop().unwrap_or_default(),
                valid_on: context.today,
                verified_only: context.evidence == Evidence::Verified,
            }),
        }
    }

    /// Whether one enterprise meets this comparison.
    pub fn is_met(&self, facts: &Facts, context: &CompileContext<'_>) -> bool {
        self.compile(context).eval(facts)
    }
}

impl Condition {
    /// The tree compiled for `context.today`.
    pub fn compile(&self, context: &CompileContext<'_>) -> Compiled {
        match self {
            Self::All(children) if children.is_empty() => Compiled::Leaf(Predicate::Const(true)),
            Self::Any(children) if children.is_empty() => Compiled::Leaf(Predicate::Const(false)),
            Self::All(children) => {
                Compiled::All(children.iter().map(|c| c.compile(context)).collect())
            }
            Self::Any(children) => {
                Compiled::Any(children.iter().map(|c| c.compile(context)).collect())
            }
            Self::Not(child) => child.compile(context).negated(),
            Self::Test(test) => test.compile(context),
        }
    }
}

impl Compiled {
    /// Whether a size-class comparison is anywhere in the tree.
    fn tests_size_class(&self) -> bool {
        match self {
            Self::All(children) | Self::Any(children) => {
                children.iter().any(Self::tests_size_class)
            }
            Self::Not(child) => child.tests_size_class(),
            Self::Leaf(Predicate::OneOf { column, .. }) => *column == ChoiceColumn::SizeClass,
            Self::Leaf(_) => false,
        }
    }

    /// The tree's negation. An unknown size class fails every size comparison, whatever
    /// `not`s are around it: where the tree tests the size class, the negation is pushed down
    /// to the comparisons (De Morgan) and a size comparison turns into its opposite on a
    /// known class (`in` ↔ `not in`, both false when the class is unknown). This is Kleene's
    /// three-valued logic for the size class, with an unknown outcome at the top not met.
    /// Elsewhere a missing value fails the comparison and `not` turns that into true, as
    /// before. The evaluator, the index and the SQL translation all read this tree, so they
    /// agree.
    pub fn negated(self) -> Compiled {
        if !self.tests_size_class() {
            return Self::Not(Box::new(self));
        }
        match self {
            Self::All(children) => Self::Any(children.into_iter().map(Self::negated).collect()),
            Self::Any(children) => Self::All(children.into_iter().map(Self::negated).collect()),
            Self::Not(child) => *child,
            Self::Leaf(Predicate::OneOf {
                column,
                values,
                negate,
            }) => Self::Leaf(Predicate::OneOf {
                column,
                values,
                negate: !negate,
            }),
            leaf @ Self::Leaf(_) => Self::Not(Box::new(leaf)),
        }
    }
}

impl Predicate {
    pub fn eval(&self, facts: &Facts) -> bool {
        match self {
            Self::Range {
                column,
                low,
                high,
                negate,
            } => number_value(facts, *column)
                .is_some_and(|v| ((*low..=*high).contains(&v)) != *negate),
            Self::Prefix { column, prefixes } => code_value(facts, *column)
                .is_some_and(|v| prefixes.iter().any(|p| v.starts_with(p.as_str()))),
            Self::OneOf {
                column,
                values,
                negate,
            } => choice_value(facts, *column)
                .is_some_and(|v| values.iter().any(|x| x == v) != *negate),
            Self::ManualTag(code) => facts.tags.contains(code),
            Self::Qualification {
                kind,
                valid_on,
                verified_only,
            } => holds(facts, kind, *valid_on, *verified_only),
            Self::Const(value) => *value,
        }
    }
}

impl Compiled {
    pub fn eval(&self, facts: &Facts) -> bool {
        match self {
            Self::All(children) => children.iter().all(|c| c.eval(facts)),
            Self::Any(children) => children.iter().any(|c| c.eval(facts)),
            Self::Not(child) => !child.eval(facts),
            Self::Leaf(predicate) => predicate.eval(facts),
        }
    }
}

/// Whether the enterprise holds a qualification valid on a day (only a verified one counts when
/// `verified_only`).
fn holds(facts: &Facts, kind: &str, valid_on: NaiveDate, verified_only: bool) -> bool {
    let held = if verified_only {
        &facts.verified_qualifications
    } else {
        &facts.qualifications
    };
    held.get(kind)
        .is_some_and(|expiry| expiry.is_none_or(|e| e >= valid_on))
}

impl Compiled {
    /// Whether the outcome rests on a qualification the enterprise only declared: counting
    /// declared qualifications meets the tree, counting only verified ones does not.
    pub fn rests_on_declared(&self, facts: &Facts) -> bool {
        self.eval_counting(facts, false) && !self.eval_counting(facts, true)
    }

    /// Evaluates with every qualification test counting verified ones only or all of them.
    fn eval_counting(&self, facts: &Facts, verified_only: bool) -> bool {
        match self {
            Self::All(children) => children
                .iter()
                .all(|c| c.eval_counting(facts, verified_only)),
            Self::Any(children) => children
                .iter()
                .any(|c| c.eval_counting(facts, verified_only)),
            Self::Not(child) => !child.eval_counting(facts, verified_only),
            Self::Leaf(Predicate::Qualification { kind, valid_on, .. }) => {
                holds(facts, kind, *valid_on, verified_only)
            }
            Self::Leaf(predicate) => predicate.eval(facts),
        }
    }
}

pub fn number_value(facts: &Facts, column: NumberColumn) -> Option<i64> {
    match column {
        NumberColumn::RegisteredCapital => facts.registered_capital_fen,
        NumberColumn::Revenue => facts.revenue_fen,
        NumberColumn::TotalAssets => facts.total_assets_fen,
        NumberColumn::RdSpending => facts.rd_spending_fen,
        NumberColumn::Employees => facts.employees,
        NumberColumn::FoundedOn => facts.founded_on.map(day_number),
    }
}

pub fn code_value(facts: &Facts, column: CodeColumn) -> Option<&str> {
    match column {
        CodeColumn::Region => facts.region_code.as_deref(),
        CodeColumn::Industry => facts.industry_code.as_deref(),
    }
}

pub fn choice_value(facts: &Facts, column: ChoiceColumn) -> Option<&str> {
    match column {
        ChoiceColumn::TaxCreditGrade => facts.tax_credit_grade.as_deref(),
        ChoiceColumn::SizeClass => facts.size_class.as_deref(),
    }
}

/// How one comparison fared for one enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TestOutcome {
    /// Where the comparison is in the tree, e.g. `all[1]`.
    #[schema(value_type = String)]
    pub path: Arc<str>,
    pub field: Field,
    /// The comparison in the text form, e.g. `employees >= 20`.
    #[schema(value_type = String)]
    pub requirement: Arc<str>,
    pub met: bool,
    /// The enterprise's value in the text form's notation; none when the profile lacks it.
    #[schema(value_type = Option<String>)]
    pub actual: Option<Arc<str>>,
    /// The comparison holds only by a qualification the enterprise declared and nobody has
    /// verified yet (待核验): enough to apply, not for an automatic grant.
    pub declared_only: bool,
}

/// One enterprise's values in the text form's notation, field by field, written once and shared
/// by every explanation of that enterprise.
pub struct Actuals(Vec<(Field, Option<Arc<str>>)>);

impl Actuals {
    /// `today` is the day derived values (years since founding) are shown for.
    pub fn new(facts: &Facts, today: NaiveDate) -> Self {
        Self(
            super::FIELDS
                .iter()
                .map(|spec| {
                    (
                        spec.field,
                        actual_value(spec.field, facts, today).map(Arc::from),
                    )
                })
                .collect(),
        )
    }

    fn of(&self, field: Field) -> Option<Arc<str>> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, value)| value.clone())
    }
}

/// Why an enterprise meets a condition or not, and what would have to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Explanation {
    pub met: bool,
    /// Every comparison in the tree.
    pub outcomes: Vec<TestOutcome>,
    /// The fewest comparisons whose outcome would have to change for the condition to be met
    /// (empty when it is met).
    pub to_change: Vec<TestOutcome>,
}

/// How many comparisons would have to flip for the condition to hold, given each one's outcome
/// (`None`: unknown, as a size comparison on an unknown class, which neither holds nor fails
/// under `not`: it takes the missing figures to make it either).
fn flips_needed(condition: &Condition, met: &[Option<bool>]) -> usize {
    let mut next = 0;
    cost::<usize>(condition, met, &mut next).to_true
}

/// A set of comparisons to flip: the indexes themselves, or only how many there are (which is
/// all a distance needs, and allocates nothing).
trait Flips: Clone + Default {
    fn one(index: usize) -> Self;
    fn len(&self) -> usize;
    fn join(&mut self, other: &Self);
}

impl Flips for Vec<usize> {
    fn one(index: usize) -> Self {
        vec![index]
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn join(&mut self, other: &Self) {
        self.extend_from_slice(other);
    }
}

impl Flips for usize {
    fn one(_: usize) -> Self {
        1
    }
    fn len(&self) -> usize {
        *self
    }
    fn join(&mut self, other: &Self) {
        *self = self.saturating_add(*other);
    }
}

/// The cheapest way to make a node true / false, as the tests to flip.
struct Cost<F> {
    to_true: F,
    to_false: F,
}

fn every<F: Flips>(costs: &[Cost<F>], side: fn(&Cost<F>) -> &F) -> F {
    let mut all = F::default();
    for c in costs {
        all.join(side(c));
    }
    all
}

fn cheapest<F: Flips>(costs: &[Cost<F>], side: fn(&Cost<F>) -> &F) -> F {
    costs
        .iter()
        .map(side)
        .min_by_key(|f| f.len())
        .cloned()
        .unwrap_or_default()
}

fn cost<F: Flips>(condition: &Condition, met: &[Option<bool>], next: &mut usize) -> Cost<F> {
    match condition {
        Condition::Test(_) => {
            let index = *next;
            *next += 1;
            match met[index] {
                Some(true) => Cost {
                    to_true: F::default(),
                    to_false: F::one(index),
                },
                Some(false) => Cost {
                    to_true: F::one(index),
                    to_false: F::default(),
                },
                None => Cost {
                    to_true: F::one(index),
                    to_false: F::one(index),
                },
            }
        }
        Condition::Not(child) => {
            let inner = cost::<F>(child, met, next);
            Cost {
                to_true: inner.to_false,
                to_false: inner.to_true,
            }
        }
        Condition::All(children) | Condition::Any(children) => {
            let costs: Vec<Cost<F>> = children.iter().map(|c| cost(c, met, next)).collect();
            if matches!(condition, Condition::All(_)) {
                Cost {
                    to_true: every(&costs, |c| &c.to_true),
                    to_false: if costs.is_empty() {
                        F::one(usize::MAX)
                    } else {
                        cheapest(&costs, |c| &c.to_false)
                    },
                }
            } else {
                Cost {
                    to_true: cheapest(&costs, |c| &c.to_true),
                    to_false: every(&costs, |c| &c.to_false),
                }
            }
        }
    }
}

impl Condition {
    /// Evaluates against one enterprise and explains each comparison.
    pub fn explain(&self, facts: &Facts, context: &CompileContext<'_>) -> Explanation {
        self.prepare(context).explain(facts, context.today)
    }

    /// How many comparisons would have to change for an enterprise to meet the condition
    /// (0 when it does).
    pub fn distance(&self, facts: &Facts, context: &CompileContext<'_>) -> usize {
        self.prepare(context).distance(facts)
    }

    /// The condition compiled for `context` whole and comparison by comparison, ready to be
    /// evaluated, measured and explained against many enterprises.
    pub fn prepare(&self, context: &CompileContext<'_>) -> Prepared {
        let tests = self
            .tests()
            .into_iter()
            .map(|(path, test)| {
                let compiled = test.compile(context);
                let negated = compiled
                    .tests_size_class()
                    .then(|| compiled.clone().negated());
                PreparedTest {
                    path: path.into(),
                    field: test.field,
                    requirement: text::format_test(test).into(),
                    compiled,
                    negated,
                }
            })
            .collect();
        Prepared {
            condition: self.clone(),
            whole: self.compile(context),
            tests,
        }
    }
}

/// A condition prepared for one day and one set of derived-tag rules: compiled whole and per
/// comparison (in [`Condition::tests`] order), each comparison with its path and text form, so
/// that matching many enterprises against it neither compiles nor formats the condition again.
#[derive(Debug, Clone)]
pub struct Prepared {
    condition: Condition,
    whole: Compiled,
    tests: Vec<PreparedTest>,
}

#[derive(Debug, Clone)]
struct PreparedTest {
    path: Arc<str>,
    field: Field,
    requirement: Arc<str>,
    compiled: Compiled,
    /// The comparison's negation, where it tests the size class (whose unknown value fails
    /// both); none where the negation is simply the opposite outcome.
    negated: Option<Compiled>,
}

impl Prepared {
    /// Whether the enterprise meets the condition.
    pub fn eval(&self, facts: &Facts) -> bool {
        self.whole.eval(facts)
    }

    /// Each comparison's outcome: met, failed, or unknown (`None`: a size comparison on an
    /// unknown class, which its negation fails too).
    fn met_flags(&self, facts: &Facts) -> Vec<Option<bool>> {
        self.tests
            .iter()
            .map(|t| {
                if t.compiled.eval(facts) {
                    Some(true)
                } else if t.negated.as_ref().is_none_or(|n| n.eval(facts)) {
                    Some(false)
                } else {
                    None
                }
            })
            .collect()
    }

    /// How many comparisons would have to change for the enterprise to meet the condition.
    pub fn distance(&self, facts: &Facts) -> usize {
        flips_needed(&self.condition, &self.met_flags(facts))
    }

    /// Each comparison's outcome for the enterprise, and the fewest that would have to change;
    /// `today` is the day derived values are shown for.
    pub fn explain(&self, facts: &Facts, today: NaiveDate) -> Explanation {
        let actuals = Actuals::new(facts, today);
        self.explain_flags(&self.met_flags(facts), facts, &actuals)
    }

    /// The distance and the explanation, when the distance is at most `within` (each
    /// comparison evaluated once for both); `actuals` are the same enterprise's.
    pub fn assess(
        &self,
        facts: &Facts,
        actuals: &Actuals,
        within: usize,
    ) -> Option<(usize, Explanation)> {
        let flags = self.met_flags(facts);
        let distance = flips_needed(&self.condition, &flags);
        (distance <= within).then(|| (distance, self.explain_flags(&flags, facts, actuals)))
    }

    fn explain_flags(
        &self,
        flags: &[Option<bool>],
        facts: &Facts,
        actuals: &Actuals,
    ) -> Explanation {
        let outcomes: Vec<TestOutcome> = self
            .tests
            .iter()
            .zip(flags)
            .map(|(test, met)| TestOutcome {
                path: test.path.clone(),
                field: test.field,
                requirement: test.requirement.clone(),
                met: *met == Some(true),
                actual: actuals.of(test.field),
                declared_only: test.compiled.rests_on_declared(facts),
            })
            .collect();
        let met = self.whole.eval(facts);
        let to_change = if met {
            Vec::new()
        } else {
            let mut next = 0;
            cost::<Vec<usize>>(&self.condition, flags, &mut next)
                .to_true
                .into_iter()
                .filter_map(|i| outcomes.get(i).cloned())
                .collect()
        };
        Explanation {
            met,
            outcomes,
            to_change,
        }
    }
}

fn actual_value(field: Field, facts: &Facts, today: NaiveDate) -> Option<String> {
    match field {
        Field::RegisteredCapital => facts.registered_capital_fen.map(text::format_yuan),
        Field::Revenue => facts.revenue_fen.map(text::format_yuan),
        Field::TotalAssets => facts.total_assets_fen.map(text::format_yuan),
        Field::RdSpending => facts.rd_spending_fen.map(text::format_yuan),
        Field::Employees => facts.employees.map(|n| n.to_string()),
        Field::FoundedOn => facts.founded_on.map(|d| d.to_string()),
        Field::YearsSinceFounding => facts.founded_on.map(|d| full_years(d, today).to_string()),
        Field::Region => facts.region_code.clone(),
        Field::Industry => facts.industry_code.clone(),
        Field::TaxCreditGrade => facts.tax_credit_grade.clone(),
        Field::SizeClass => facts.size_class.clone(),
        // A derived tag is explained by its rule, a manual one by `met` alone.
        Field::Tags => None,
        Field::Qualifications => {
            let held: Vec<String> = facts
                .qualifications
                .iter()
                .map(|(kind, expiry)| match expiry {
                    Some(date) => format!("{kind}(→{date})"),
                    None => kind.clone(),
                })
                .collect();
            Some(if held.is_empty() {
                "-".to_owned()
            } else {
                held.join(", ")
            })
        }
    }
}

//! Answering a compiled condition over the columns. Each predicate is first bound to its column
//! with its operands decoded once (a [`Leaf`]). A tree of leaves is answered either by scanning
//! whole columns a word at a time and combining bitmaps, or — once an `all` has narrowed the
//! rows to a few through the posting lists of region and industry codes (a city, a rare
//! industry) — by testing its other conditions on those rows alone, which is what makes a
//! selective clause cheap. Both ways share each leaf's one test of a value, so they cannot
//! disagree.

use std::collections::{BTreeMap, HashMap};

use fixedbitset::FixedBitSet;

use super::{choice_code, number_slot, Columns, MISSING};
use crate::enterprises::{
    condition::{
        compile::{day_number, ChoiceColumn, CodeColumn, Compiled, Predicate},
        SIZE_CLASSES, TAX_CREDIT_GRADES,
    },
    industry_code::IndustryCode,
};

/// An `all` whose code prefixes leave at most 1/`SPARSE` of the rows tests its other
/// conditions row by row instead of scanning their columns.
const SPARSE: usize = 4;

/// A compiled tree bound to the columns.
enum Plan<'a> {
    All(Vec<Plan<'a>>),
    Any(Vec<Plan<'a>>),
    Not(Box<Plan<'a>>),
    Leaf(Leaf<'a>),
}

/// One predicate bound to its column.
enum Leaf<'a> {
    Number {
        values: &'a [i64],
        low: i64,
        high: i64,
        negate: bool,
    },
    Code {
        values: &'a [u32],
        postings: &'a BTreeMap<u32, Vec<u32>>,
        ranges: Vec<(u32, u32)>,
    },
    Choice {
        values: &'a [u8],
        wanted: Vec<u8>,
        negate: bool,
    },
    Tag(Option<&'a FixedBitSet>),
    Held {
        expiries: Option<&'a HashMap<u32, i64>>,
        day: i64,
    },
    Const(bool),
}

impl Columns {
    /// The rows meeting a compiled condition.
    pub fn eval(&self, compiled: &Compiled) -> FixedBitSet {
        self.plan(compiled).rows(self.len())
    }

    fn plan(&self, compiled: &Compiled) -> Plan<'_> {
        let children = |list: &[Compiled]| list.iter().map(|c| self.plan(c)).collect();
        match compiled {
            Compiled::All(list) => Plan::All(children(list)),
            Compiled::Any(list) => Plan::Any(children(list)),
            Compiled::Not(child) => Plan::Not(Box::new(self.plan(child))),
            Compiled::Leaf(predicate) => Plan::Leaf(self.leaf(predicate)),
        }
    }

    fn leaf(&self, predicate: &Predicate) -> Leaf<'_> {
        match predicate {
            Predicate::Range {
                column,
                low,
                high,
                negate,
            } => Leaf::Number {
                values: &self.numbers[number_slot(*column)],
                low: *low,
                high: *high,
                negate: *negate,
            },
            Predicate::Prefix { column, prefixes } => {
                let (values, postings) = match column {
                    CodeColumn::Region => (&self.regions, &self.region_postings),
                    CodeColumn::Industry => (&self.industries, &self.industry_postings),
                };
                let ranges = prefixes
                    .iter()
                    .filter_map(|p| match column {
                        CodeColumn::Region => region_range(p),
                        CodeColumn::Industry => IndustryCode::prefix_range(p),
                    })
                    .collect();
                Leaf::Code {
                    values,
                    postings,
                    ranges,
                }
            }
            Predicate::OneOf {
                column,
                values,
                negate,
            } => {
                let (choices, codes) = match column {
                    ChoiceColumn::TaxCreditGrade => (TAX_CREDIT_GRADES, &self.grades),
                    ChoiceColumn::SizeClass => (SIZE_CLASSES, &self.sizes),
                };
                Leaf::Choice {
                    values: codes,
                    wanted: values
                        .iter()
                        .map(|v| choice_code(choices, Some(v)))
                        .collect(),
                    negate: *negate,
                }
            }
            Predicate::ManualTag(code) => Leaf::Tag(self.manual_tags.get(code)),
            Predicate::Qualification {
                kind,
                valid_on,
                verified_only,
            } => Leaf::Held {
                expiries: if *verified_only {
                    self.verified_qualifications.get(kind)
                } else {
                    self.qualifications.get(kind)
                },
                day: day_number(*valid_on),
            },
            Predicate::Const(value) => Leaf::Const(*value),
        }
    }
}

impl Plan<'_> {
    /// The rows meeting the tree, out of `len`.
    fn rows(&self, len: usize) -> FixedBitSet {
        match self {
            Plan::All(children) => all_rows(children, len),
            Plan::Any(children) => {
                let mut result = FixedBitSet::with_capacity(len);
                for child in children {
                    result.union_with(&child.rows(len));
                }
                result
            }
            Plan::Not(child) => {
                let mut result = child.rows(len);
                result.toggle_range(..);
                result
            }
            Plan::Leaf(leaf) => leaf.scan(len),
        }
    }

    /// Whether one row meets the tree.
    fn holds(&self, row: usize) -> bool {
        match self {
            Plan::All(children) => children.iter().all(|c| c.holds(row)),
            Plan::Any(children) => children.iter().any(|c| c.holds(row)),
            Plan::Not(child) => !child.holds(row),
            Plan::Leaf(leaf) => leaf.holds(row),
        }
    }
}

/// The rows meeting every child: narrowed first by the children a few posting lists answer,
/// then the others tested row by row when few rows are left, or scanned and intersected.
fn all_rows(children: &[Plan<'_>], len: usize) -> FixedBitSet {
    let mut narrowed: Option<FixedBitSet> = None;
    let mut rest = Vec::new();
    for child in children {
        match child.posted_rows(len) {
            Some(rows) => match narrowed.as_mut() {
                Some(n) => n.intersect_with(&rows),
                None => narrowed = Some(rows),
            },
            None => rest.push(child),
        }
    }
    match narrowed {
        Some(rows) if rows.count_ones(..) <= len / SPARSE => {
            let mut kept = FixedBitSet::with_capacity(len);
            kept.extend(rows.ones().filter(|row| rest.iter().all(|c| c.holds(*row))));
            kept
        }
        narrowed => {
            let mut result = narrowed.unwrap_or_else(|| {
                let mut all = FixedBitSet::with_capacity(len);
                all.insert_range(..);
                all
            });
            for child in rest {
                result.intersect_with(&child.rows(len));
            }
            result
        }
    }
}

impl Plan<'_> {
    /// The rows of a code-prefix leaf read from its posting lists, when they are few.
    fn posted_rows(&self, len: usize) -> Option<FixedBitSet> {
        let Plan::Leaf(Leaf::Code {
            postings, ranges, ..
        }) = self
        else {
            return None;
        };
        let lists = || {
            ranges
                .iter()
                .flat_map(|(low, high)| postings.range(*low..=*high).map(|(_, rows)| rows))
        };
        if lists().map(Vec::len).sum::<usize>() > len / SPARSE {
            return None;
        }
        let mut rows = FixedBitSet::with_capacity(len);
        for list in lists() {
            rows.extend(list.iter().map(|row| *row as usize));
        }
        Some(rows)
    }
}

impl Leaf<'_> {
    fn scan(&self, len: usize) -> FixedBitSet {
        match self {
            Leaf::Number {
                values,
                low,
                high,
                negate,
            } => scan(values, |v| number_ok(v, *low..=*high, *negate)),
            Leaf::Code { values, ranges, .. } => scan(values, |v| code_ok(v, ranges)),
            Leaf::Choice {
                values,
                wanted,
                negate,
            } => scan(values, |c| choice_ok(c, wanted, *negate)),
            Leaf::Tag(bits) => {
                let mut rows = bits.cloned().unwrap_or_default();
                rows.grow(len);
                rows
            }
            Leaf::Held { expiries, day } => {
                let mut rows = FixedBitSet::with_capacity(len);
                for (row, expiry) in expiries.iter().copied().flatten() {
                    if *expiry >= *day {
                        rows.insert(*row as usize);
                    }
                }
                rows
            }
            Leaf::Const(true) => {
                let mut rows = FixedBitSet::with_capacity(len);
                rows.insert_range(..);
                rows
            }
            Leaf::Const(false) => FixedBitSet::with_capacity(len),
        }
    }

    fn holds(&self, row: usize) -> bool {
        match self {
            Leaf::Number {
                values,
                low,
                high,
                negate,
            } => values
                .get(row)
                .is_some_and(|v| number_ok(*v, *low..=*high, *negate)),
            Leaf::Code { values, ranges, .. } => {
                values.get(row).is_some_and(|v| code_ok(*v, ranges))
            }
            Leaf::Choice {
                values,
                wanted,
                negate,
            } => values
                .get(row)
                .is_some_and(|c| choice_ok(*c, wanted, *negate)),
            Leaf::Tag(bits) => bits.is_some_and(|b| b.contains(row)),
            Leaf::Held { expiries, day } => expiries
                .and_then(|held| u32::try_from(row).ok().and_then(|r| held.get(&r)))
                .is_some_and(|expiry| *expiry >= *day),
            Leaf::Const(value) => *value,
        }
    }
}

/// A present number within (or, negated, outside) the range.
fn number_ok(v: i64, range: std::ops::RangeInclusive<i64>, negate: bool) -> bool {
    v != MISSING && (range.contains(&v) != negate)
}

/// A present code within one of the ranges.
fn code_ok(v: u32, ranges: &[(u32, u32)]) -> bool {
    v != 0 && ranges.iter().any(|(l, h)| (*l..=*h).contains(&v))
}

/// A present choice among (or, negated, not among) the wanted ones.
fn choice_ok(c: u8, wanted: &[u8], negate: bool) -> bool {
    c != 0 && (wanted.contains(&c) != negate)
}

/// The codes a region prefix (2, 4 or 6 digits) covers.
fn region_range(prefix: &str) -> Option<(u32, u32)> {
    let value: u32 = prefix.parse().ok()?;
    let span = 10u32.checked_pow(6u32.checked_sub(prefix.len() as u32)?)?;
    Some((value * span, value * span + span - 1))
}

/// A bitmap of the values meeting a test, built a word at a time.
fn scan<T: Copy>(values: &[T], test: impl Fn(T) -> bool) -> FixedBitSet {
    let bits = usize::BITS as usize;
    let blocks = values.chunks(bits).map(|chunk| {
        chunk
            .iter()
            .enumerate()
            .fold(0usize, |word, (i, v)| word | (usize::from(test(*v)) << i))
    });
    FixedBitSet::with_capacity_and_blocks(values.len(), blocks)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::enterprises::condition::{compile::NumberColumn, Facts};

    const REGIONS: [&str; 6] = ["330106", "330108", "330212", "330302", "110101", ""];
    const INDUSTRIES: [&str; 5] = ["I6513", "C3911", "K7010", "E4812", ""];

    /// 4,000 enterprises spread over regions, industries, employees, grades, a tag and a
    /// qualification, with a few moved to another region and industry afterwards.
    fn columns() -> (Columns, Vec<Facts>) {
        let mut columns = Columns::default();
        let mut all = Vec::new();
        for i in 0..4000usize {
            let mut facts = Facts {
                employees: (i % 7 != 0).then_some((i * 37 % 500) as i64),
                region_code: Some(REGIONS[i * 13 % 6])
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
                industry_code: Some(INDUSTRIES[i * 7 % 5])
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
                tax_credit_grade: Some(["A", "B", "C"][i % 3].to_owned()),
                ..Facts::default()
            };
            if i % 5 == 0 {
                facts.tags.insert("export".to_owned());
            }
            if i % 11 == 0 {
                let expiry = NaiveDate::from_ymd_opt(2026 + (i % 3) as i32, 6, 1);
                facts.qualifications.insert("tech_sme".to_owned(), expiry);
                if i % 2 == 0 {
                    facts
                        .verified_qualifications
                        .insert("tech_sme".to_owned(), expiry);
                }
            }
            columns.upsert(i as i64 + 1, &facts);
            all.push(facts);
        }
        for i in (0..4000).step_by(9) {
            all[i].region_code = Some("330212".to_owned());
            all[i].industry_code = Some("C3911".to_owned());
            columns.upsert(i as i64 + 1, &all[i]);
        }
        (columns, all)
    }

    fn prefix(column: CodeColumn, prefixes: &[&str]) -> Compiled {
        Compiled::Leaf(Predicate::Prefix {
            column,
            prefixes: prefixes.iter().map(|p| (*p).to_owned()).collect(),
        })
    }

    fn employees(low: i64, negate: bool) -> Compiled {
        Compiled::Leaf(Predicate::Range {
            column: NumberColumn::Employees,
            low,
            high: i64::MAX,
            negate,
        })
    }

    #[test]
    fn narrowing_by_posting_lists_finds_what_scanning_and_the_evaluator_find() {
        let (columns, all) = columns();
        let valid_on = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
        let export = Compiled::Leaf(Predicate::ManualTag("export".to_owned()));
        let held = Compiled::Leaf(Predicate::Qualification {
            kind: "tech_sme".to_owned(),
            valid_on,
            verified_only: false,
        });
        let verified = Compiled::Leaf(Predicate::Qualification {
            kind: "tech_sme".to_owned(),
            valid_on,
            verified_only: true,
        });
        let grade = Compiled::Leaf(Predicate::OneOf {
            column: ChoiceColumn::TaxCreditGrade,
            values: vec!["C".to_owned()],
            negate: true,
        });
        let conditions = [
            // Few rows: the region narrows, the rest is tested row by row.
            Compiled::All(vec![
                prefix(CodeColumn::Region, &["330106"]),
                employees(100, false),
                Compiled::Any(vec![export.clone(), held.clone()]),
            ]),
            // Two narrowing prefixes, one of them on industry, and a negation.
            Compiled::All(vec![
                prefix(CodeColumn::Industry, &["I"]),
                prefix(CodeColumn::Region, &["3301", "3303"]),
                Compiled::Not(Box::new(grade.clone())),
            ]),
            // Many rows: the province leaves nearly everything, so the columns are scanned.
            Compiled::All(vec![
                prefix(CodeColumn::Region, &["33"]),
                employees(250, true),
            ]),
            // Nothing narrows.
            Compiled::All(vec![export, grade, held]),
            Compiled::All(vec![
                prefix(CodeColumn::Region, &["330212"]),
                prefix(CodeColumn::Industry, &["C39"]),
            ]),
            Compiled::All(Vec::new()),
            // Verified qualifications only: half of those held.
            Compiled::All(vec![
                prefix(CodeColumn::Region, &["3301"]),
                verified.clone(),
            ]),
            verified,
        ];
        for condition in &conditions {
            let found: Vec<usize> = columns.eval(condition).ones().collect();
            let expected: Vec<usize> = (0..all.len())
                .filter(|i| condition.eval(&all[*i]))
                .collect();
            assert_eq!(found, expected, "{condition:?}");
        }
        let moved = columns.eval(&conditions[4]).count_ones(..);
        assert!(
            moved >= 4000 / 9,
            "the moved rows left their old posting lists: {moved}"
        );
    }
}

//! A compiled condition as a SQL condition over `enterprise_profiles` (aliased `ep`), the same
//! on SQLite and PostgreSQL. Every comparison is two-valued (a missing value is false, never
//! NULL), so `not` means what it means in the evaluator. Used to answer from the database where
//! the in-memory index is not loaded, and by the property test that checks the two agree.

use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Query, SimpleExpr};

use super::compile::{
    date_of_day_number, ChoiceColumn, CodeColumn, Compiled, NumberColumn, Predicate,
};

/// The alias of `enterprise_profiles` the condition refers to.
pub const PROFILES: &str = "ep";

fn number_column(column: NumberColumn) -> &'static str {
    match column {
        NumberColumn::RegisteredCapital => "registered_capital_fen",
        NumberColumn::Revenue => "revenue_fen",
        NumberColumn::TotalAssets => "total_assets_fen",
        NumberColumn::RdSpending => "rd_spending_fen",
        NumberColumn::Employees => "employees",
        NumberColumn::FoundedOn => "founded_on",
    }
}

fn bound(column: NumberColumn, value: i64) -> SimpleExpr {
    if column == NumberColumn::FoundedOn {
        match date_of_day_number(value) {
            Some(date) => Expr::val(date),
            None => Expr::val(value),
        }
    } else {
        Expr::val(value)
    }
}

fn range(column: NumberColumn, low: i64, high: i64) -> Cond {
    let name = number_column(column);
    let mut within = Cond::all();
    // Bounds beyond any date are left out rather than written as impossible dates.
    let representable =
        |v: i64| column != NumberColumn::FoundedOn || date_of_day_number(v).is_some();
    if low > i64::MIN + 1 {
        within = if representable(low) {
            within.add(column_expr(name).gte(bound(column, low)))
        } else if low > 0 {
            within.add(Expr::cust("1 = 0"))
        } else {
            within
        };
    }
    if high < i64::MAX {
        within = if representable(high) {
            within.add(column_expr(name).lte(bound(column, high)))
        } else if high < 0 {
            within.add(Expr::cust("1 = 0"))
        } else {
            within
        };
    }
    within
}

fn column_expr(name: &str) -> SimpleExpr {
    Expr::col((Alias::new(PROFILES), Alias::new(name)))
}

fn predicate(predicate: &Predicate) -> Cond {
    match predicate {
        Predicate::Range {
            column,
            low,
            high,
            negate,
        } => {
            let present = column_expr(number_column(*column)).is_not_null();
            let within = range(*column, *low, *high);
            let test = if *negate { within.not() } else { within };
            Cond::all().add(present).add(test)
        }
        Predicate::Prefix { column, prefixes } => {
            let name = match column {
                CodeColumn::Region => "region_code",
                CodeColumn::Industry => "industry_code",
            };
            let starts = prefixes.iter().fold(Cond::any(), |any, prefix| {
                any.add(column_expr(name).like(format!("{prefix}%")))
            });
            Cond::all().add(column_expr(name).is_not_null()).add(starts)
        }
        Predicate::OneOf {
            column,
            values,
            negate,
        } => {
            let name = match column {
                ChoiceColumn::TaxCreditGrade => "tax_credit_grade",
                ChoiceColumn::SizeClass => "size_class",
            };
            let present = column_expr(name).is_not_null();
            let listed = column_expr(name).is_in(values.iter().map(String::as_str));
            Cond::all().add(present).add(if *negate {
                Cond::all().add(listed).not()
            } else {
                Cond::all().add(listed)
            })
        }
        Predicate::ManualTag(code) => {
            let tagged = Query::select()
                .column((Alias::new("et"), Alias::new("organisation_id")))
                .from_as(Alias::new("enterprise_tags"), Alias::new("et"))
                .inner_join(
                    Alias::new("tags"),
                    Expr::col((Alias::new("tags"), Alias::new("id")))
                        .equals((Alias::new("et"), Alias::new("tag_id"))),
                )
                .and_where(Expr::col((Alias::new("tags"), Alias::new("code"))).eq(code.as_str()))
                .to_owned();
            Cond::all().add(column_expr("organisation_id").in_subquery(tagged))
        }
        Predicate::Qualification {
            kind,
            valid_on,
            verified_only,
        } => {
            let mut held = Query::select()
                .column(Alias::new("organisation_id"))
                .from(Alias::new("enterprise_qualifications"))
                .and_where(Expr::col(Alias::new("kind")).eq(kind.as_str()))
                .cond_where(
                    Cond::any()
                        .add(Expr::col(Alias::new("expires_on")).is_null())
                        .add(Expr::col(Alias::new("expires_on")).gte(*valid_on)),
                )
                .to_owned();
            if *verified_only {
                held.and_where(Expr::col(Alias::new("verification")).eq("verified"));
            }
            Cond::all().add(column_expr("organisation_id").in_subquery(held))
        }
        Predicate::Const(true) => Cond::all().add(Expr::cust("1 = 1")),
        Predicate::Const(false) => Cond::all().add(Expr::cust("1 = 0")),
    }
}

/// The condition as SQL over `enterprise_profiles AS ep`.
pub fn to_sql(compiled: &Compiled) -> Cond {
    match compiled {
        Compiled::All(children) => children
            .iter()
            .fold(Cond::all(), |all, c| all.add(to_sql(c))),
        Compiled::Any(children) => children
            .iter()
            .fold(Cond::any(), |any, c| any.add(to_sql(c))),
        Compiled::Not(child) => Cond::all().add(to_sql(child)).not(),
        Compiled::Leaf(p) => predicate(p),
    }
}

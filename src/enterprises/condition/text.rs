//! The readable text form of a condition, for display and import:
//!
//! ```text
//! all(employees >= 20, revenue >= 3000000元, region within "3301",
//!     any(tags has "high_tech", qualifications has "tech_sme"),
//!     not(tax_credit_grade in ["C", "D"]), years_since_founding between [1, 5],
//!     founded_on < 2024-01-01)
//! ```
//!
//! Amounts are written in yuan with `元` (up to two decimals) and kept in fen; dates are bare
//! `YYYY-MM-DD`; codes and choices are quoted. [`parse`] turns the text into the JSON form and
//! checks it with [`Condition::from_json`], so both forms share one validator.

use serde_json::{json, Value};

use super::{Condition, ConditionError, Field, FieldType, Op, Operand, Test, Vocabulary};
use crate::error::Code;

/// Fen as yuan with `元`: `300000000` → `3000000元`, `12345` → `123.45元`.
pub fn format_yuan(fen: i64) -> String {
    let (yuan, cents) = (fen / 100, (fen % 100).abs());
    match cents {
        0 => format!("{yuan}元"),
        c if c % 10 == 0 => format!("{yuan}.{}元", c / 10),
        c => format!("{yuan}.{c:02}元"),
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn format_operand(test: &Test) -> String {
    let money = test.field.spec().field_type == FieldType::Money;
    let number = |n: i64| if money { format_yuan(n) } else { n.to_string() };
    match &test.operand {
        Operand::Number(n) => number(*n),
        Operand::Numbers(a, b) => format!("[{}, {}]", number(*a), number(*b)),
        Operand::Date(d) => d.to_string(),
        Operand::Dates(a, b) => format!("[{a}, {b}]"),
        Operand::Text(t) => quote(t),
        Operand::Texts(list) => format!(
            "[{}]",
            list.iter().map(|t| quote(t)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// One comparison in the text form, e.g. `employees >= 20`.
pub fn format_test(test: &Test) -> String {
    format!(
        "{} {} {}",
        test.field.name(),
        test.op.symbol(),
        format_operand(test)
    )
}

/// The whole tree in the text form.
pub fn format(condition: &Condition) -> String {
    let list = |children: &[Condition]| children.iter().map(format).collect::<Vec<_>>().join(", ");
    match condition {
        Condition::All(children) => format!("all({})", list(children)),
        Condition::Any(children) => format!("any({})", list(children)),
        Condition::Not(child) => format!("not({})", format(child)),
        Condition::Test(test) => format_test(test),
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format(self))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(String),
    Yuan(i64),
    Date(String),
    Text(String),
    Symbol(&'static str),
}

fn syntax(at: usize, message: impl Into<String>) -> ConditionError {
    ConditionError {
        code: Code::ConditionSyntax,
        path: String::new(),
        message: format!("at character {}: {}", at + 1, message.into()),
    }
}

const SYMBOLS: [&str; 10] = [">=", "<=", "!=", "=", ">", "<", "(", ")", "[", "]"];

fn tokenize(input: &str) -> Result<Vec<(usize, Token)>, ConditionError> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == ',' {
            tokens.push((start, Token::Symbol(",")));
            i += 1;
            continue;
        }
        if let Some(symbol) = SYMBOLS.iter().find(|s| {
            let len = s.chars().count();
            chars[i..].iter().take(len).collect::<String>() == **s
        }) {
            tokens.push((start, Token::Symbol(symbol)));
            i += symbol.chars().count();
            continue;
        }
        if c == '"' {
            let mut text = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(syntax(start, "a string is not closed")),
                    Some('"') => break,
                    Some('\\') => {
                        text.extend(chars.get(i + 1));
                        i += 2;
                    }
                    Some(ch) => {
                        text.push(*ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            tokens.push((start, Token::Text(text)));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push((start, Token::Word(chars[start..i].iter().collect())));
            continue;
        }
        if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '-')
            {
                i += 1;
            }
            let raw: String = chars[start..i].iter().collect();
            if raw.contains('-') {
                tokens.push((start, Token::Date(raw)));
            } else if chars.get(i) == Some(&'元') {
                i += 1;
                tokens.push((
                    start,
                    Token::Yuan(parse_yuan(&raw).ok_or_else(|| {
                        syntax(
                            start,
                            format!("`{raw}元` is not an amount in yuan with at most two decimals"),
                        )
                    })?),
                ));
            } else {
                tokens.push((start, Token::Number(raw)));
            }
            continue;
        }
        return Err(syntax(start, format!("unexpected `{c}`")));
    }
    Ok(tokens)
}

fn parse_yuan(raw: &str) -> Option<i64> {
    let (whole, cents) = raw.split_once('.').unwrap_or((raw, ""));
    if cents.len() > 2 || whole.is_empty() {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = if cents.is_empty() {
        0
    } else {
        format!("{cents:0<2}").parse().ok()?
    };
    whole.checked_mul(100)?.checked_add(cents)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    position: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.tokens
            .get(self.position)
            .map(|(at, _)| *at)
            .unwrap_or(self.end)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).map(|(_, t)| t.clone());
        self.position += 1;
        token
    }

    fn expect(&mut self, symbol: &str) -> Result<(), ConditionError> {
        let at = self.at();
        match self.next() {
            Some(Token::Symbol(s)) if s == symbol => Ok(()),
            _ => Err(syntax(at, format!("expected `{symbol}`"))),
        }
    }

    fn node(&mut self) -> Result<Value, ConditionError> {
        let at = self.at();
        let Some(Token::Word(word)) = self.next() else {
            return Err(syntax(
                at,
                "expected all(…), any(…), not(…) or a comparison",
            ));
        };
        match word.as_str() {
            "all" | "any" if self.peek() == Some(&Token::Symbol("(")) => {
                self.expect("(")?;
                let mut children = Vec::new();
                if self.peek() != Some(&Token::Symbol(")")) {
                    children.push(self.node()?);
                    while self.peek() == Some(&Token::Symbol(",")) {
                        self.next();
                        children.push(self.node()?);
                    }
                }
                self.expect(")")?;
                Ok(json!({ word: children }))
            }
            "not" if self.peek() == Some(&Token::Symbol("(")) => {
                self.expect("(")?;
                let child = self.node()?;
                self.expect(")")?;
                Ok(json!({ "not": child }))
            }
            field => self.comparison(field.to_owned()),
        }
    }

    fn comparison(&mut self, field: String) -> Result<Value, ConditionError> {
        let at = self.at();
        let op = match self.next() {
            Some(Token::Symbol(s)) => Op::parse(s),
            Some(Token::Word(w)) => Op::parse(&w),
            _ => None,
        }
        .ok_or_else(|| syntax(at, format!("expected an operator after `{field}`")))?;
        let money = Field::parse(&field).is_some_and(|f| f.spec().field_type == FieldType::Money);
        let value = if matches!(op, Op::Between | Op::In) {
            self.list(money)?
        } else {
            self.literal(money)?
        };
        Ok(json!({ "field": field, "op": op.as_str(), "value": value }))
    }

    fn list(&mut self, money: bool) -> Result<Value, ConditionError> {
        self.expect("[")?;
        let mut items = vec![self.literal(money)?];
        while self.peek() == Some(&Token::Symbol(",")) {
            self.next();
            items.push(self.literal(money)?);
        }
        self.expect("]")?;
        Ok(Value::Array(items))
    }

    fn literal(&mut self, money: bool) -> Result<Value, ConditionError> {
        let at = self.at();
        match self.next() {
            Some(Token::Yuan(fen)) if money => Ok(json!(fen)),
            Some(Token::Yuan(_)) => Err(syntax(at, "only amounts are written in 元")),
            Some(Token::Number(_)) if money => {
                Err(syntax(at, "write amounts in yuan with 元, e.g. 3000000元"))
            }
            Some(Token::Number(raw)) => raw
                .parse::<i64>()
                .map(|n| json!(n))
                .map_err(|_| syntax(at, format!("`{raw}` is not a whole number"))),
            Some(Token::Date(raw)) | Some(Token::Text(raw)) => Ok(json!(raw)),
            _ => Err(syntax(at, "expected a value")),
        }
    }
}

/// Parses the text form and checks it like JSON.
pub fn parse(input: &str, vocabulary: &Vocabulary) -> Result<Condition, ConditionError> {
    let mut parser = Parser {
        tokens: tokenize(input)?,
        position: 0,
        end: input.chars().count(),
    };
    let json = parser.node()?;
    if parser.position < parser.tokens.len() {
        return Err(syntax(parser.at(), "unexpected text after the condition"));
    }
    Condition::from_json(&json, vocabulary)
}

//! Event use cases: the import (every row checked first, then saved in one transaction as the
//! mode says, each new or changed event audited, each touched intermediary recomputed and told),
//! the events a score reads, and the centre's list.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use entities::{credit_event, organisation::OrganisationKind};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::{
    dto::EventImportReport,
    store::{self, EventFilter},
};
use crate::{
    accounts::{self, Uscc},
    audit::{self, Actor, AuditEvent},
    credit::{
        error::CreditError,
        model::{CreditEventKind, FeedbackEvent, StarCause},
        score::service::{recompute, Recomputed},
    },
    notifications::{notify_organisation, Event, Notice},
    pagination::{Page, Paging},
    sheets::{
        column, date, invalid, optional, row_error, CellError, Column, ImportMode, RowError, Sheet,
        SheetRefusal,
    },
};

/// The columns of an event file.
pub const COLUMNS: [Column; 7] = [
    column("uscc", "统一社会信用代码", "Unified social credit code"),
    column("kind", "事件类型", "Kind"),
    column("source", "来源", "Source"),
    column("reference", "编号", "Reference"),
    column("occurred_on", "发生日期", "Occurred on"),
    column("ends_on", "结束日期", "Ends on"),
    column("description", "说明", "Description"),
];

const REQUIRED: [&str; 5] = ["uscc", "kind", "source", "reference", "occurred_on"];

/// The longest source or reference, and description.
const MAX_KEY_CHARS: usize = 100;
const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// A kind's names in Chinese and English, as a file may write them.
pub fn kind_labels(kind: CreditEventKind) -> (&'static str, &'static str) {
    match kind {
        CreditEventKind::TaxArrears => ("欠税", "Tax arrears"),
        CreditEventKind::AbnormalOperation => ("经营异常名录", "Abnormal operation listing"),
        CreditEventKind::AdministrativePenalty => ("行政处罚", "Administrative penalty"),
        CreditEventKind::UpheldComplaint => ("投诉属实", "Upheld complaint"),
        CreditEventKind::Commendation => ("表彰奖励", "Commendation"),
    }
}

/// A kind by its word or either name.
fn parse_kind(text: &str) -> Option<CreditEventKind> {
    let text = text.trim();
    CreditEventKind::parse(text).or_else(|| {
        CreditEventKind::ALL.iter().copied().find(|k| {
            let (zh, en) = kind_labels(*k);
            zh == text || en.eq_ignore_ascii_case(text)
        })
    })
}

/// The events a score reads, by intermediary (one query for the lot).
pub async fn feedback_events_of<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<HashMap<i64, Vec<FeedbackEvent>>, CreditError> {
    let mut events: HashMap<i64, Vec<FeedbackEvent>> = HashMap::new();
    for row in store::of_intermediaries(conn, organisation_ids).await? {
        events
            .entry(row.organisation_id)
            .or_default()
            .push(FeedbackEvent::from(row));
    }
    Ok(events)
}

/// An intermediary's events as stored, the newest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<credit_event::Model>, CreditError> {
    Ok(store::of_intermediaries(conn, &[organisation_id]).await?)
}

/// A page of every event.
pub async fn events(
    db: &DatabaseConnection,
    filter: &EventFilter,
    paging: &Paging,
) -> Result<Page<(credit_event::Model, Option<entities::organisation::Model>)>, CreditError> {
    let (rows, total) = store::events(db, filter, paging).await?;
    Ok(Page::new(rows, total, paging))
}

// ---- the import ----

/// Who imports: the audit's actor and, for the API, the user.
pub struct Importer {
    pub actor: Actor,
    pub user_id: Option<i64>,
}

/// A row ready to save.
struct ValidRow {
    organisation_id: i64,
    kind: CreditEventKind,
    source: String,
    reference: String,
    occurred_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    description: String,
    stored: Option<credit_event::Model>,
}

impl ValidRow {
    /// Whether the stored event already says what the row says.
    fn unchanged(&self) -> bool {
        self.stored.as_ref().is_some_and(|s| {
            (s.kind, s.occurred_on, s.ends_on, s.description.as_str())
                == (
                    self.kind,
                    self.occurred_on,
                    self.ends_on,
                    self.description.as_str(),
                )
        })
    }
}

fn refused(refusal: SheetRefusal) -> CreditError {
    CreditError::field(refusal.code, "file", refusal.message)
}

fn missing() -> CellError {
    ("import_cell_missing", "this cell is required".to_owned())
}

/// A source or reference: required, one line, at most 100 characters.
fn key_text(text: &str) -> Result<String, CellError> {
    let text = optional(text).ok_or_else(missing)?;
    if text.chars().count() > MAX_KEY_CHARS {
        return Err(invalid(format!("at most {MAX_KEY_CHARS} characters")));
    }
    if let Some(message) = crate::text::refusal(text, false) {
        return Err(invalid(message));
    }
    Ok(text.to_owned())
}

/// The cells of one row parsed, or the bad ones' errors.
fn parse_row(
    cell: &dyn Fn(&str) -> String,
    number: usize,
    today: NaiveDate,
) -> Result<(Uscc, ValidRow), Vec<RowError>> {
    let mut errors = Vec::new();
    let mut check = |key: &str, failed: Option<&CellError>| {
        if let Some(e) = failed {
            errors.push(row_error(number, Some(key), e.clone()));
        }
    };
    let uscc = Uscc::parse(&cell("uscc")).map_err(|e| (e.code().as_str(), e.to_string()));
    check("uscc", uscc.as_ref().err());
    let kind = parse_kind(&cell("kind")).ok_or_else(|| {
        let names: Vec<&str> = CreditEventKind::ALL
            .iter()
            .map(|k| kind_labels(*k).0)
            .collect();
        (
            "event_kind_unknown",
            format!("the kind is one of {}", names.join("、")),
        )
    });
    check("kind", kind.as_ref().err());
    let source = key_text(&cell("source"));
    check("source", source.as_ref().err());
    let reference = key_text(&cell("reference"));
    check("reference", reference.as_ref().err());
    let occurred_on = date(&cell("occurred_on")).and_then(|d| d.ok_or_else(missing));
    let occurred_on = occurred_on.and_then(|d| {
        if d > today {
            Err((
                "event_in_future",
                "an event cannot occur after today".to_owned(),
            ))
        } else {
            Ok(d)
        }
    });
    check("occurred_on", occurred_on.as_ref().err());
    let ends_on = date(&cell("ends_on")).and_then(|end| match (end, &occurred_on) {
        (Some(end), Ok(start)) if end < *start => Err((
            "event_ends_before_it_occurs",
            "an event cannot end before it occurred".to_owned(),
        )),
        _ => Ok(end),
    });
    check("ends_on", ends_on.as_ref().err());
    let description = cell("description").trim().to_owned();
    let described = if description.chars().count() > MAX_DESCRIPTION_CHARS {
        Some(invalid(format!(
            "at most {MAX_DESCRIPTION_CHARS} characters"
        )))
    } else {
        crate::text::refusal(&description, true).map(invalid)
    };
    check("description", described.as_ref());
    match (uscc, kind, source, reference, occurred_on, ends_on) {
        (Ok(uscc), Ok(kind), Ok(source), Ok(reference), Ok(occurred_on), Ok(ends_on))
            if errors.is_empty() =>
        {
            Ok((
                uscc,
                ValidRow {
                    organisation_id: 0,
                    kind,
                    source,
                    reference,
                    occurred_on,
                    ends_on,
                    description,
                    stored: None,
                },
            ))
        }
        _ => Err(errors),
    }
}

/// Checks one row against what is stored: the intermediary it names and the event it repeats.
async fn check_row<C: ConnectionTrait>(
    conn: &C,
    columns: &std::collections::HashMap<&'static str, usize>,
    (number, cells): &(usize, Vec<String>),
    today: NaiveDate,
) -> Result<Result<ValidRow, Vec<RowError>>, CreditError> {
    let cell = |key: &str| -> String {
        columns
            .get(key)
            .and_then(|i| cells.get(*i))
            .cloned()
            .unwrap_or_default()
    };
    let (uscc, mut row) = match parse_row(&cell, *number, today) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Err(errors)),
    };
    let refuse = |column: &str, error: (&'static str, String)| {
        Ok(Err(vec![row_error(*number, Some(column), error)]))
    };
    let organisation = accounts::find_organisation_by_uscc(conn, uscc.as_str()).await?;
    match organisation {
        None => {
            return refuse(
                "uscc",
                (
                    "event_intermediary_unknown",
                    "no intermediary on the platform has this code".to_owned(),
                ),
            )
        }
        Some(o) if o.kind != OrganisationKind::Intermediary => {
            return refuse(
                "uscc",
                (
                    "event_not_intermediary",
                    format!("{} is not an intermediary", o.name),
                ),
            )
        }
        Some(o) => row.organisation_id = o.id,
    }
    row.stored = store::by_key(conn, &row.source, &row.reference).await?;
    if row
        .stored
        .as_ref()
        .is_some_and(|s| s.organisation_id != row.organisation_id)
    {
        return refuse(
            "reference",
            (
                "event_reference_taken",
                "this source's reference already names an event of another intermediary".to_owned(),
            ),
        );
    }
    Ok(Ok(row))
}

/// Checks every row; answers the valid ones and the report so far.
async fn check_all(
    db: &DatabaseConnection,
    sheet: &Sheet,
    mode: ImportMode,
    today: NaiveDate,
) -> Result<(Vec<ValidRow>, EventImportReport), CreditError> {
    let columns = sheet.locate(&COLUMNS, &REQUIRED).map_err(refused)?;
    let mut report = EventImportReport {
        mode,
        format: Some(sheet.format),
        total_rows: sheet.rows.len(),
        ..Default::default()
    };
    let mut seen = HashSet::new();
    let mut valid = Vec::new();
    for row in &sheet.rows {
        match check_row(db, &columns, row, today).await? {
            Ok(checked) if !seen.insert((checked.source.clone(), checked.reference.clone())) => {
                report.errors.push(row_error(
                    row.0,
                    Some("reference"),
                    (
                        "import_duplicate_row",
                        "this source and reference are on an earlier row too".to_owned(),
                    ),
                ));
            }
            Ok(checked) => valid.push(checked),
            Err(errors) => report.errors.extend(errors),
        }
    }
    report.valid_rows = valid.len();
    Ok((valid, report))
}

/// Reads, checks and (by `mode`) saves a file of events; recomputes each intermediary whose
/// events changed, in the same transaction.
pub async fn import(
    db: &DatabaseConnection,
    importer: &Importer,
    bytes: &[u8],
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<EventImportReport, CreditError> {
    let sheet = Sheet::read(bytes).map_err(refused)?;
    let today = now.with_timezone(&crate::calendar::CHINA).date_naive();
    let (valid, mut report) = check_all(db, &sheet, mode, today).await?;
    if !mode.applies(!report.errors.is_empty()) || valid.is_empty() {
        return Ok(report);
    }
    let txn = db.begin().await?;
    // Each touched intermediary with its saved events.
    let mut touched: BTreeMap<i64, Vec<credit_event::Model>> = BTreeMap::new();
    for row in valid {
        if row.unchanged() {
            report.unchanged += 1;
            continue;
        }
        if row.stored.is_some() {
            report.updated += 1;
        } else {
            report.created += 1;
        }
        let saved = save_row(&txn, importer, row, now).await?;
        touched
            .entry(saved.organisation_id)
            .or_default()
            .push(saved);
    }
    for (organisation_id, events) in &touched {
        let reference = events.last().map(|e| e.public_id.to_string());
        let result = recompute(&txn, *organisation_id, StarCause::Event, reference, now).await?;
        tell_intermediary(&txn, *organisation_id, events, &result, now).await?;
    }
    txn.commit().await?;
    report.recomputed = touched.len();
    report.applied = true;
    Ok(report)
}

async fn save_row<C: ConnectionTrait>(
    conn: &C,
    importer: &Importer,
    row: ValidRow,
    now: DateTime<Utc>,
) -> Result<credit_event::Model, CreditError> {
    let (action, model) = match &row.stored {
        Some(stored) => {
            let mut model: credit_event::ActiveModel = stored.clone().into();
            model.updated_at = Set(now);
            ("credit.event_update", model)
        }
        None => (
            "credit.event_record",
            credit_event::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                organisation_id: Set(row.organisation_id),
                source: Set(row.source.clone()),
                reference: Set(row.reference.clone()),
                imported_by: Set(importer.user_id),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            },
        ),
    };
    let mut model = model;
    model.kind = Set(row.kind);
    model.occurred_on = Set(row.occurred_on);
    model.ends_on = Set(row.ends_on);
    model.description = Set(row.description.clone());
    let saved = store::save(conn, model).await?;
    let event = AuditEvent::new(
        action,
        "credit_event",
        saved.public_id,
        json!({
            "kind": saved.kind,
            "source": saved.source,
            "reference": saved.reference,
            "occurred_on": saved.occurred_on,
            "ends_on": saved.ends_on,
            "before": row.stored.as_ref().map(|s| json!({ "kind": s.kind, "occurred_on": s.occurred_on, "ends_on": s.ends_on })),
        }),
    );
    audit::record(conn, &importer.actor, event, now).await?;
    Ok(saved)
}

/// Tells the intermediary which events were saved and where its credit stands now.
async fn tell_intermediary<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    events: &[credit_event::Model],
    result: &Recomputed,
    now: DateTime<Utc>,
) -> Result<(), CreditError> {
    let named: Vec<String> = events
        .iter()
        .map(|e| format!("{}（{}）", kind_labels(e.kind).0, e.source))
        .collect();
    let sources: Vec<&str> = events.iter().map(|e| e.source.as_str()).collect();
    let notice = Notice {
        event: Event::CreditChanged,
        params: json!({
            "what": "event",
            "title": named.join("、"),
            "source": sources.join(", "),
            "score": result.standing.score,
            "stars": result.standing.stars.map(|s| s.stars()),
            "previous": result.before.filter(|b| Some(*b) != result.standing.stars).map(|s| s.stars()),
        }),
        link: Some("/credit".to_owned()),
    };
    notify_organisation(conn, organisation_id, &notice, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_by_word_or_either_name() {
        assert_eq!(parse_kind("tax_arrears"), Some(CreditEventKind::TaxArrears));
        assert_eq!(
            parse_kind(" 经营异常名录 "),
            Some(CreditEventKind::AbnormalOperation)
        );
        assert_eq!(
            parse_kind("commendation"),
            Some(CreditEventKind::Commendation)
        );
        assert_eq!(
            parse_kind("Upheld complaint"),
            Some(CreditEventKind::UpheldComplaint)
        );
        assert_eq!(parse_kind("罚款"), None);
    }

    #[test]
    fn a_row_reports_every_bad_cell() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let cells = |key: &str| -> String {
            match key {
                "uscc" => "91330106ABCDEFGHIJ",
                "kind" => "罚款",
                "source" => "",
                "reference" => "A\tB",
                "occurred_on" => "2026-12-09",
                "ends_on" => "2026-01-01",
                _ => "",
            }
            .to_owned()
        };
        let errors = parse_row(&cells, 2, today).err().unwrap();
        let codes: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.column.as_deref().unwrap(), e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("uscc", "uscc_character"),
                ("kind", "event_kind_unknown"),
                ("source", "import_cell_missing"),
                ("reference", "import_cell_invalid"),
                ("occurred_on", "event_in_future"),
            ]
        );
    }
}

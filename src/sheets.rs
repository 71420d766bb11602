//! Tabular files the centre imports (Excel .xlsx, CSV in UTF-8 or GB18030, or a JSON array of
//! objects), read into text cells with a header, and what every import shares: the modes
//! (check only / all or nothing / valid rows only), the per-cell report rows, the columns named
//! by key or by the Chinese or English label, the bounded upload and the `import_has_errors`
//! answer. Each domain's import parses and checks the cells as its own records require.

use std::collections::HashMap;
use std::io::Cursor;

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, Code};

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 10_000;

/// The largest file an import takes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// One column of a file: its key, and the labels an export writes.
pub struct Column {
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

/// A column, in a `const` table.
pub const fn column(key: &'static str, label_zh: &'static str, label_en: &'static str) -> Column {
    Column {
        key,
        label_zh,
        label_en,
    }
}

/// What format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    Csv,
    Json,
}

/// What an import does with the rows it checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Only check and report.
    #[default]
    Check,
    /// Save every row, or nothing when any row has an error.
    All,
    /// Save the valid rows; report the others.
    ValidRows,
}

impl ImportMode {
    /// Whether rows are saved, given whether any row has an error.
    pub fn applies(self, has_errors: bool) -> bool {
        match self {
            ImportMode::Check => false,
            ImportMode::All => !has_errors,
            ImportMode::ValidRows => true,
        }
    }
}

/// One bad cell (or row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RowError {
    /// The row's number in the file, the header being row 1 (in JSON, the object's position
    /// in the array, the first being 1).
    pub row: usize,
    /// The column's key; none for the row as a whole.
    pub column: Option<String>,
    pub code: String,
    pub message: String,
}

/// A cell's parse failure: its code and message.
pub type CellError = (&'static str, String);

/// A cell that does not say what its column needs.
pub fn invalid(message: impl Into<String>) -> CellError {
    ("import_cell_invalid", message.into())
}

/// A report row for a cell (`column`) or the row as a whole.
pub fn row_error(row: usize, column: Option<&str>, (code, message): CellError) -> RowError {
    RowError {
        row,
        column: column.map(str::to_owned),
        code: code.to_owned(),
        message,
    }
}

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRefusal {
    pub code: Code,
    pub message: String,
}

fn unreadable(message: impl Into<String>) -> SheetRefusal {
    SheetRefusal {
        code: Code::ImportUnreadable,
        message: message.into(),
    }
}

/// A file read into text cells: the header and the data rows with their row numbers.
pub struct Sheet {
    pub format: SheetFormat,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Sheet {
    /// Reads a file, telling the format by its first bytes; blank rows are skipped.
    pub fn read(bytes: &[u8]) -> Result<Sheet, SheetRefusal> {
        let sheet = if bytes.starts_with(b"PK\x03\x04") {
            let rows = read_xlsx(bytes)?.into_iter().enumerate();
            numbered(SheetFormat::Xlsx, rows.map(|(i, cells)| (i + 1, cells)))?
        } else {
            let text = decode(bytes)?;
            if text.trim_start().starts_with('[') {
                read_json(&text)?
            } else {
                numbered(SheetFormat::Csv, read_csv(&text)?.into_iter())?
            }
        };
        if sheet.rows.len() > MAX_ROWS {
            return Err(SheetRefusal {
                code: Code::ImportTooManyRows,
                message: format!("at most {MAX_ROWS} rows per file; split it"),
            });
        }
        Ok(sheet)
    }

    /// Which position of the header holds each of `columns`' keys (by key or label); the
    /// `required` keys must be there (an empty JSON array has none and needs none).
    pub fn locate(
        &self,
        columns: &[Column],
        required: &[&'static str],
    ) -> Result<HashMap<&'static str, usize>, SheetRefusal> {
        let mut found = HashMap::new();
        for (i, title) in self.header.iter().enumerate() {
            let title = title.trim();
            if let Some(c) = columns
                .iter()
                .find(|c| c.key == title || c.label_zh == title || c.label_en == title)
            {
                found.insert(c.key, i);
            }
        }
        // An empty JSON array names no keys, and lacks none.
        let empty_json = self.format == SheetFormat::Json && self.rows.is_empty();
        let missing = required.iter().find(|k| !found.contains_key(*k));
        if let Some(missing) = missing.filter(|_| !empty_json) {
            let label = columns
                .iter()
                .find(|c| c.key == *missing)
                .map_or("", |c| c.label_zh);
            return Err(SheetRefusal {
                code: Code::ImportMissingColumn,
                message: format!("the header needs a {label} ({missing}) column"),
            });
        }
        Ok(found)
    }
}

/// The first row with text is the header; blank rows are dropped.
fn numbered(
    format: SheetFormat,
    rows: impl Iterator<Item = (usize, Vec<String>)>,
) -> Result<Sheet, SheetRefusal> {
    let mut rows = rows.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, header) = rows
        .next()
        .ok_or_else(|| unreadable("the file is empty: it needs a header row"))?;
    Ok(Sheet {
        format,
        header,
        rows: rows.collect(),
    })
}

/// Text in UTF-8 (with or without a byte-order mark) or, as Excel in China writes CSV, GB18030.
fn decode(bytes: &[u8]) -> Result<String, SheetRefusal> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.trim_start_matches('\u{feff}').to_owned()),
        Err(_) => {
            let (text, _, malformed) = encoding_rs::GB18030.decode(bytes);
            if malformed {
                return Err(unreadable("the file is neither UTF-8 nor GB18030 text"));
            }
            Ok(text.into_owned())
        }
    }
}

/// The records, numbered from 1 (the csv reader skips blank lines before numbering).
fn read_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, SheetRefusal> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            record
                .map(|r| (i + 1, r.iter().map(str::to_owned).collect()))
                .map_err(|e| unreadable(format!("not a CSV file: {e}")))
        })
        .collect()
}

/// A JSON array of objects, one per row; the header is every key any object uses.
fn read_json(text: &str) -> Result<Sheet, SheetRefusal> {
    let items: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(text)
        .map_err(|e| unreadable(format!("not a JSON array of objects: {e}")))?;
    let mut header: Vec<String> = Vec::new();
    for key in items.iter().flat_map(|item| item.keys()) {
        if !header.contains(key) {
            header.push(key.clone());
        }
    }
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let cells = header
                .iter()
                .map(|key| item.get(key).map_or_else(String::new, json_text))
                .collect();
            (i + 1, cells)
        })
        .filter(|(_, cells): &(usize, Vec<String>)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Sheet {
        format: SheetFormat::Json,
        header,
        rows,
    })
}

/// A JSON value as the text a CSV cell would hold.
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetRefusal> {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not an Excel workbook: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("the workbook has no sheet"))?
        .map_err(|e| unreadable(format!("the first sheet cannot be read: {e}")))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as the text a CSV would hold.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

// ---- cells ----

/// A cell's text, trimmed; none when blank.
pub fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// A date like 2020-05-31 (or 2020/05/31, 2020.05.31); none when blank.
pub fn date(text: &str) -> Result<Option<NaiveDate>, CellError> {
    let Some(text) = optional(text) else {
        return Ok(None);
    };
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .map(Some)
        .ok_or_else(|| invalid(format!("`{text}` is not a date like 2020-05-31")))
}

// ---- over HTTP ----

/// The request body of an import, refused with `payload_too_large` past [`MAX_BYTES`].
pub async fn read_upload(mut payload: web::Payload) -> Result<web::BytesMut, ApiError> {
    use futures_util::StreamExt;
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::internal(anyhow::anyhow!("reading the upload: {e}")))?;
        if bytes.len() + chunk.len() > MAX_BYTES {
            return Err(ApiError::new(
                Code::PayloadTooLarge,
                "an import file is at most 10 MB",
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// The answer to an import: the report, or with mode `all` and bad rows, `import_has_errors`
/// (nothing saved) with the report in the body.
pub fn answer<R: Serialize>(mode: ImportMode, errors: usize, report: &R) -> HttpResponse {
    if mode == ImportMode::All && errors > 0 {
        let body = serde_json::json!({
            "error": {
                "code": Code::ImportHasErrors,
                "message": format!("{errors} rows have errors: nothing was saved"),
            },
            "report": report,
        });
        return HttpResponse::build(Code::ImportHasErrors.status()).json(body);
    }
    HttpResponse::Ok().json(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 2] = [
        column("uscc", "统一社会信用代码", "Unified social credit code"),
        column("name", "名称", "Name"),
    ];

    #[test]
    fn csv_json_and_gb18030_read_alike() {
        let csv =
            Sheet::read("统一社会信用代码,Name\n\n 91330100MA27XYZ12B ,甲\n".as_bytes()).unwrap();
        assert_eq!(csv.format, SheetFormat::Csv);
        assert_eq!(
            csv.rows,
            vec![(2, vec![" 91330100MA27XYZ12B ".into(), "甲".into()])]
        );
        let (gb, _, _) = encoding_rs::GB18030.encode("统一社会信用代码,名称\nX,甲\n");
        assert_eq!(Sheet::read(&gb).unwrap().rows[0].1[1], "甲");
        let json =
            Sheet::read(br#" [{"uscc": "X", "name": null}, {}, {"name": 12, "extra": true}]"#)
                .unwrap();
        assert_eq!(json.format, SheetFormat::Json);
        let located = json.locate(&COLUMNS, &["uscc"]).unwrap();
        let cells = |row: usize| {
            let cells = &json.rows[row].1;
            (
                cells[located["uscc"]].as_str(),
                cells[located["name"]].as_str(),
            )
        };
        assert_eq!(json.rows.len(), 2);
        assert_eq!((json.rows[0].0, cells(0)), (1, ("X", "")));
        assert_eq!((json.rows[1].0, cells(1)), (3, ("", "12")));
        assert!(json.header.contains(&"extra".to_owned()));
    }

    #[test]
    fn a_file_without_the_required_column_or_unreadable_is_refused() {
        let sheet = Sheet::read(b"Name\nX\n").unwrap();
        let refusal = sheet.locate(&COLUMNS, &["uscc"]).unwrap_err();
        assert_eq!(refusal.code, Code::ImportMissingColumn);
        assert!(refusal.message.contains("统一社会信用代码"));
        assert_eq!(
            Sheet::read(b"").err().map(|r| r.code),
            Some(Code::ImportUnreadable)
        );
        assert_eq!(
            Sheet::read(b"[1, 2]").err().map(|r| r.code),
            Some(Code::ImportUnreadable)
        );
        assert_eq!(
            Sheet::read(b"\xff\xfe\xfd").err().map(|r| r.code),
            Some(Code::ImportUnreadable)
        );
    }

    #[test]
    fn the_modes_apply_as_named() {
        assert!(!ImportMode::Check.applies(false));
        assert!(ImportMode::All.applies(false) && !ImportMode::All.applies(true));
        assert!(ImportMode::ValidRows.applies(true));
    }
}

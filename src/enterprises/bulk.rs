//! Bulk import and export of profiles for the centre, as Excel (.xlsx) or CSV (imports take JSON too; `crate::sheets` reads them). One row per
//! enterprise, keyed by its unified social credit code; a header row names the columns (by the
//! Chinese label an export writes, or by the English key). A column the file lacks keeps what is
//! stored; a blank cell in a present column clears that field. Amounts are in yuan with at most
//! two decimals; qualifications are `kind|certificate|obtained|expires` and contacts
//! `name|title|phone|email`, several separated by `;`. An unknown code with a name creates the
//! enterprise's organisation (active, without users).
//!
//! Every row is checked first, exactly as a profile saved by hand (plus duplicates within the
//! file), and the report names each bad cell by row and column. Applying is one transaction:
//! with `all`, a file with any error changes nothing; with `valid_rows`, the valid rows are
//! saved and the others reported. Each saved profile keeps its history and audit entry.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use entities::organisation;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    model::{Contact, HeldQualification, ProfileFields},
    service, store, today_in_china, EnterprisesError, SizeStandard,
};
use crate::{
    accounts::{self, NewOrganisation, OrganisationKind, OrganisationStatus, Uscc},
    auth::CurrentUser,
    error::Code,
    sheets::{
        column, date, invalid, optional, row_error, CellError, Column, ImportMode, RowError, Sheet,
        SheetFormat, SheetRefusal,
    },
};

/// The columns, in export order.
pub const COLUMNS: [Column; 14] = [
    column("uscc", "统一社会信用代码", "Unified social credit code"),
    column("name", "企业名称", "Name"),
    column("legal_representative", "法定代表人", "Legal representative"),
    column(
        "registered_capital_yuan",
        "注册资本（元）",
        "Registered capital (yuan)",
    ),
    column(
        "revenue_yuan",
        "上年营业收入（元）",
        "Last year's revenue (yuan)",
    ),
    column("total_assets_yuan", "资产总额（元）", "Total assets (yuan)"),
    column("founded_on", "成立日期", "Founded on"),
    column("region_code", "注册地行政区划代码", "Region code"),
    column("industry_code", "国民经济行业代码", "Industry code"),
    column("employees", "从业人数", "Employees"),
    column("rd_spending_yuan", "研发投入（元）", "R&D spending (yuan)"),
    column("tax_credit_grade", "纳税信用等级", "Tax credit grade"),
    column("qualifications", "资质荣誉", "Qualifications"),
    column("contacts", "联系人", "Contacts"),
];

/// The formats an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Xlsx,
    Csv,
}

/// What an import found and did.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ImportReport {
    pub mode: ImportMode,
    pub format: Option<SheetFormat>,
    /// Data rows in the file (blank rows skipped).
    pub total_rows: usize,
    pub valid_rows: usize,
    /// Whether anything was saved.
    pub applied: bool,
    /// Enterprises created by the import (their rows count among `updated` too).
    pub created: usize,
    /// Rows saved with changes (`updated + unchanged` is every saved row).
    pub updated: usize,
    /// Valid rows that changed nothing.
    pub unchanged: usize,
    pub errors: Vec<RowError>,
}

// ---- reading ----

fn refused(refusal: SheetRefusal) -> EnterprisesError {
    EnterprisesError::field(refusal.code, "file", refusal.message)
}

/// Which column of the file holds each key.
fn locate(sheet: &Sheet) -> Result<HashMap<&'static str, usize>, EnterprisesError> {
    sheet.locate(&COLUMNS, &["uscc"]).map_err(refused)
}

// ---- parsing a row ----

/// Yuan with at most two decimals (thousands separators allowed) to fen, exactly.
pub fn yuan_to_fen(text: &str) -> Result<Option<i64>, CellError> {
    let Some(text) = optional(text) else {
        return Ok(None);
    };
    let plain: String = text.chars().filter(|c| *c != ',').collect();
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return Err(invalid(format!(
            "`{text}` is not an amount in yuan (at most two decimals, not negative)"
        )));
    }
    let cents = format!("{fraction:0<2}");
    format!("{whole}{cents}")
        .parse::<i64>()
        .map(Some)
        .map_err(|_| invalid(format!("`{text}` is too large")))
}

/// Fen back to the yuan text an export writes.
pub fn fen_to_yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn employees(text: &str) -> Result<Option<i32>, CellError> {
    optional(text)
        .map(|t| {
            t.parse::<i32>()
                .map_err(|_| invalid(format!("`{t}` is not a whole number")))
        })
        .transpose()
}

fn entries(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.split([';', '；'])
        .filter(|e| !e.trim().is_empty())
        .map(|e| e.split('|').map(str::trim).collect())
}

fn qualifications(text: &str) -> Result<Vec<HeldQualification>, CellError> {
    entries(text)
        .map(|parts| {
            if parts.len() > 4 {
                return Err(invalid(
                    "a qualification is kind|certificate|obtained|expires",
                ));
            }
            let part = |i: usize| parts.get(i).copied().unwrap_or("");
            Ok(HeldQualification {
                kind: part(0).to_owned(),
                certificate_no: optional(part(1)).map(str::to_owned),
                obtained_on: date(part(2))?,
                expires_on: date(part(3))?,
            })
        })
        .collect()
}

fn contacts(text: &str) -> Result<Vec<Contact>, CellError> {
    entries(text)
        .map(|parts| {
            if parts.len() > 4 {
                return Err(invalid("a contact is name|title|phone|email"));
            }
            let part = |i: usize| optional(parts.get(i).copied().unwrap_or("")).map(str::to_owned);
            Ok(Contact {
                name: part(0).unwrap_or_default(),
                title: part(1),
                phone: part(2),
                email: part(3),
            })
        })
        .collect()
}

/// Sets one field of `fields` from its cell.
fn set_field(fields: &mut ProfileFields, key: &str, text: &str) -> Result<(), CellError> {
    let owned = |t: &str| optional(t).map(str::to_owned);
    match key {
        "legal_representative" => fields.legal_representative = owned(text),
        "registered_capital_yuan" => fields.registered_capital_fen = yuan_to_fen(text)?,
        "revenue_yuan" => fields.revenue_fen = yuan_to_fen(text)?,
        "total_assets_yuan" => fields.total_assets_fen = yuan_to_fen(text)?,
        "founded_on" => fields.founded_on = date(text)?,
        "region_code" => fields.region_code = owned(text),
        "industry_code" => fields.industry_code = owned(text),
        "employees" => fields.employees = employees(text)?,
        "rd_spending_yuan" => fields.rd_spending_fen = yuan_to_fen(text)?,
        "tax_credit_grade" => fields.tax_credit_grade = owned(text).map(|g| g.to_uppercase()),
        "qualifications" => fields.qualifications = qualifications(text)?,
        "contacts" => fields.contacts = contacts(text)?,
        _ => {}
    }
    Ok(())
}

/// The column key a profile check's field path belongs to.
fn column_of(field: &str) -> &'static str {
    let head = field.split(['[', '.']).next().unwrap_or(field);
    let key = head
        .strip_suffix("_fen")
        .map_or(head.to_owned(), |h| format!("{h}_yuan"));
    COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or("uscc", |c| c.key)
}

/// A row ready to save.
struct ValidRow {
    organisation: Option<organisation::Model>,
    uscc: Uscc,
    name: Option<String>,
    fields: ProfileFields,
}

/// Checks one row against what is stored; answers the row to save or its errors.
async fn check_row<C: ConnectionTrait>(
    conn: &C,
    columns: &HashMap<&'static str, usize>,
    (number, cells): &(usize, Vec<String>),
    today: NaiveDate,
) -> Result<Result<ValidRow, Vec<RowError>>, EnterprisesError> {
    let cell = |key: &str| {
        columns
            .get(key)
            .and_then(|i| cells.get(*i))
            .map_or("", String::as_str)
    };
    let uscc = match Uscc::parse(cell("uscc").trim()) {
        Ok(uscc) => uscc,
        Err(e) => {
            let error = (e.code().as_str(), e.to_string());
            return Ok(Err(vec![row_error(*number, Some("uscc"), error)]));
        }
    };
    let organisation = accounts::find_organisation_by_uscc(conn, uscc.as_str())
        .await
        .map_err(|e| anyhow::anyhow!("organisation by code: {e}"))?;
    let name = optional(cell("name")).map(str::to_owned);
    let mut errors = Vec::new();
    match &organisation {
        Some(o) if o.kind != OrganisationKind::Enterprise => errors.push(row_error(
            *number,
            Some("uscc"),
            (
                "import_not_enterprise",
                format!("{} is not an enterprise", o.name),
            ),
        )),
        None if name.is_none() => errors.push(row_error(
            *number,
            Some("name"),
            (
                "import_name_missing",
                "a new enterprise needs its name".to_owned(),
            ),
        )),
        _ => {}
    }
    if let Some(refusal) = name.as_deref().and_then(|n| crate::text::refusal(n, false)) {
        errors.push(row_error(
            *number,
            Some("name"),
            (Code::ValidationFailed.as_str(), refusal.into_owned()),
        ));
    }
    let mut fields = match &organisation {
        Some(o) => store::profile(conn, o.id)
            .await?
            .map(|(_, f, _)| f)
            .unwrap_or_default(),
        None => ProfileFields::default(),
    };
    for c in COLUMNS.iter().filter(|c| columns.contains_key(c.key)) {
        if let Err(e) = set_field(&mut fields, c.key, cell(c.key)) {
            errors.push(row_error(*number, Some(c.key), e));
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    match fields.check(today) {
        Ok(fields) => Ok(Ok(ValidRow {
            organisation,
            uscc,
            name,
            fields,
        })),
        Err(EnterprisesError::InvalidField {
            code,
            field,
            message,
        }) => Ok(Err(vec![row_error(
            *number,
            Some(column_of(field)),
            (code.as_str(), message),
        )])),
        Err(other) => Err(other),
    }
}

/// Checks every row; answers the valid ones and the report so far.
async fn check_all(
    db: &DatabaseConnection,
    sheet: &Sheet,
    mode: ImportMode,
    today: NaiveDate,
) -> Result<(Vec<ValidRow>, ImportReport), EnterprisesError> {
    let columns = locate(sheet)?;
    let mut report = ImportReport {
        mode,
        format: Some(sheet.format),
        total_rows: sheet.rows.len(),
        ..Default::default()
    };
    let mut seen = HashSet::new();
    let mut valid = Vec::new();
    for row in &sheet.rows {
        match check_row(db, &columns, row, today).await? {
            Ok(checked) if !seen.insert(checked.uscc.clone()) => {
                report.errors.push(row_error(
                    row.0,
                    Some("uscc"),
                    (
                        "import_duplicate_row",
                        "this code is on an earlier row too".to_owned(),
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

/// Reads, checks and (by `mode`) saves a file of profiles.
pub async fn import(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    user: &CurrentUser,
    bytes: &[u8],
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport, EnterprisesError> {
    let sheet = Sheet::read(bytes).map_err(refused)?;
    let (valid, mut report) = check_all(db, &sheet, mode, today_in_china(now)).await?;
    if !mode.applies(!report.errors.is_empty()) || valid.is_empty() {
        return Ok(report);
    }
    let txn = db.begin().await?;
    for row in valid {
        save_row(&txn, standard, user, row, &mut report, now).await?;
    }
    txn.commit().await?;
    report.applied = true;
    Ok(report)
}

async fn save_row(
    txn: &sea_orm::DatabaseTransaction,
    standard: &SizeStandard,
    user: &CurrentUser,
    row: ValidRow,
    report: &mut ImportReport,
    now: DateTime<Utc>,
) -> Result<(), EnterprisesError> {
    let organisation = match row.organisation {
        Some(o) => o,
        None => {
            let new = NewOrganisation {
                name: row.name.unwrap_or_default(),
                kind: OrganisationKind::Enterprise,
                uscc: Some(row.uscc.to_string()),
                status: OrganisationStatus::Active,
            };
            report.created += 1;
            accounts::create_organisation(txn, &user.actor(), new, now)
                .await
                .map_err(|e| anyhow::anyhow!("creating {}: {e}", row.uscc))?
        }
    };
    let before = store::profile(txn, organisation.id)
        .await?
        .map(|(r, _, _)| r.version);
    // The centre's import is official data: its qualifications count as verified.
    let after = service::update_profile(
        txn,
        standard,
        user,
        organisation.id,
        row.fields,
        None,
        service::QualificationSource::Imported,
        now,
    )
    .await?;
    if after.row.map(|r| r.version) == before {
        report.unchanged += 1;
    } else {
        report.updated += 1;
    }
    Ok(())
}

// ---- export ----

/// The cells of one enterprise's row, in column order.
fn row_cells(organisation: &organisation::Model, fields: &ProfileFields) -> Vec<String> {
    let yuan = |fen: Option<i64>| fen.map(fen_to_yuan).unwrap_or_default();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let qualifications: Vec<String> = fields
        .qualifications
        .iter()
        .map(|q| {
            let parts = [
                q.kind.clone(),
                text(&q.certificate_no),
                day(q.obtained_on),
                day(q.expires_on),
            ];
            parts.join("|").trim_end_matches('|').to_owned()
        })
        .collect();
    let contacts: Vec<String> = fields
        .contacts
        .iter()
        .map(|c| {
            let parts = [
                c.name.clone(),
                text(&c.title),
                text(&c.phone),
                text(&c.email),
            ];
            parts.join("|").trim_end_matches('|').to_owned()
        })
        .collect();
    vec![
        text(&organisation.uscc),
        organisation.name.clone(),
        text(&fields.legal_representative),
        yuan(fields.registered_capital_fen),
        yuan(fields.revenue_fen),
        yuan(fields.total_assets_fen),
        day(fields.founded_on),
        text(&fields.region_code),
        text(&fields.industry_code),
        fields.employees.map(|e| e.to_string()).unwrap_or_default(),
        yuan(fields.rd_spending_fen),
        text(&fields.tax_credit_grade),
        qualifications.join(";"),
        contacts.join(";"),
    ]
}

/// Every enterprise's row (those without a profile too), in organisation order.
async fn all_rows(db: &DatabaseConnection) -> Result<Vec<Vec<String>>, EnterprisesError> {
    const BATCH: u64 = 1000;
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let batch = store::load_batch(db, after, BATCH).await?;
        let Some((last, _, _)) = batch.last() else {
            break;
        };
        after = *last;
        let ids: Vec<i64> = batch.iter().map(|(id, _, _)| *id).collect();
        let organisations: HashMap<i64, organisation::Model> = store::organisations_by_id(db, &ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        for (id, profile, _) in batch {
            if let Some(o) = organisations.get(&id) {
                let fields = profile.map(|(_, f, _)| f).unwrap_or_default();
                rows.push(row_cells(o, &fields));
            }
        }
    }
    Ok(rows)
}

/// Every enterprise's profile as a file an import reads back.
pub async fn export(db: &DatabaseConnection, format: Format) -> Result<Vec<u8>, EnterprisesError> {
    let rows = all_rows(db).await?;
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.label_zh).collect();
    match format {
        Format::Csv => write_csv(&header, &rows),
        Format::Xlsx => write_xlsx(&header, &rows),
    }
    .map_err(|e| EnterprisesError::Internal(e.context("writing the export")))
}

fn write_csv(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    // A byte-order mark, so that Excel opens the UTF-8 file with its Chinese intact.
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

fn write_xlsx(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("企业画像")?;
    let bold = CellFormat::new().set_bold();
    for (col, title) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, col, *title, &bold)?;
        sheet.set_column_width(col, 18)?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            if !cell.is_empty() {
                // Text cells throughout: codes keep their leading zeros and all 18 characters.
                sheet.write_string(row, col, cell)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_become_fen_exactly() {
        assert_eq!(yuan_to_fen("1,234.5"), Ok(Some(123_450)));
        assert_eq!(yuan_to_fen("0.07"), Ok(Some(7)));
        assert_eq!(yuan_to_fen("  "), Ok(None));
        assert!(yuan_to_fen("1.234").is_err());
        assert!(yuan_to_fen("-5").is_err());
        assert!(yuan_to_fen("12元").is_err());
        assert_eq!(fen_to_yuan(123_450), "1234.50");
    }

    #[test]
    fn qualifications_and_contacts_are_read_from_their_cell() {
        let q = qualifications("high_tech_enterprise|GR2024|2024-01-02|2027-01-01；srdi").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].expires_on, NaiveDate::from_ymd_opt(2027, 1, 1));
        assert_eq!(q[1].certificate_no, None);
        let c = contacts("王芳|财务总监|13800000000").unwrap();
        assert_eq!(c[0].phone.as_deref(), Some("13800000000"));
        assert!(qualifications("a|b|c|d|e").is_err());
    }

    #[test]
    fn a_check_field_names_its_column() {
        assert_eq!(column_of("revenue_fen"), "revenue_yuan");
        assert_eq!(column_of("qualifications[1].kind"), "qualifications");
        assert_eq!(column_of("region_code"), "region_code");
    }

    #[test]
    fn headers_are_found_by_label_or_key() {
        let sheet = Sheet::read("企业名称, uscc ,Employees\nx,y,1\n".as_bytes()).unwrap();
        let found = locate(&sheet).unwrap();
        assert_eq!(found["uscc"], 1);
        assert_eq!(found["employees"], 2);
        assert!(locate(&Sheet::read("企业名称\nx\n".as_bytes()).unwrap()).is_err());
    }
}

//! The in-memory eligibility index: every enterprise profile as a row of typed columns, manual
//! tags as bitmaps, qualifications as sparse expiry maps, posting lists of the rows of each region
//! and industry code, and the rules of derived tags. A compiled condition becomes a bitmap of
//! rows by scanning columns and combining bitmaps, or, where a city or an industry leaves few
//! rows, by testing only those (see [`plan`]), which answers a clause over a million profiles in
//! milliseconds.
//!
//! The index follows the eligibility change log (`eligibility_changes`): before answering, it
//! applies every change logged after its position, whichever server made it, so it agrees with
//! the database. No framework code; loading and catching up take a connection.

use std::collections::{BTreeMap, HashMap};

mod plan;

use chrono::NaiveDate;
use fixedbitset::FixedBitSet;

use super::model::ChangeKind;
use super::{
    condition::{
        compile::{date_of_day_number, day_number, NumberColumn},
        Condition, Facts, SIZE_CLASSES, TAX_CREDIT_GRADES,
    },
    industry_code::IndustryCode,
};

/// "No value" in a numeric column.
const MISSING: i64 = i64::MIN;
const NUMBER_COLUMNS: [NumberColumn; 6] = [
    NumberColumn::RegisteredCapital,
    NumberColumn::Revenue,
    NumberColumn::TotalAssets,
    NumberColumn::RdSpending,
    NumberColumn::Employees,
    NumberColumn::FoundedOn,
];

fn number_slot(column: NumberColumn) -> usize {
    NUMBER_COLUMNS
        .iter()
        .position(|c| *c == column)
        .unwrap_or(0)
}

fn choice_code(choices: &[&str], value: Option<&str>) -> u8 {
    value
        .and_then(|v| choices.iter().position(|c| *c == v))
        .map_or(0, |i| u8::try_from(i + 1).unwrap_or(0))
}

/// The columns of all enterprises.
#[derive(Debug, Default)]
pub struct Columns {
    organisation_ids: Vec<i64>,
    rows: HashMap<i64, u32>,
    numbers: [Vec<i64>; 6],
    /// 6-digit code as a number; 0 = none.
    regions: Vec<u32>,
    /// [`IndustryCode::key`]; 0 = none.
    industries: Vec<u32>,
    /// Rows by region code and by industry key, ascending (what narrows a clause to a city or
    /// an industry without scanning).
    region_postings: BTreeMap<u32, Vec<u32>>,
    industry_postings: BTreeMap<u32, Vec<u32>>,
    industry_codes: Vec<Option<Box<str>>>,
    grades: Vec<u8>,
    sizes: Vec<u8>,
    manual_tags: HashMap<String, FixedBitSet>,
    /// Kind → row → expiry day (i64::MAX: never).
    qualifications: HashMap<String, HashMap<u32, i64>>,
    /// The same for verified qualifications only.
    verified_qualifications: HashMap<String, HashMap<u32, i64>>,
    /// Derived tags' rules by tag code.
    pub tag_rules: HashMap<String, Condition>,
}

impl Columns {
    pub fn len(&self) -> usize {
        self.organisation_ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.organisation_ids.is_empty()
    }

    pub fn organisation_id(&self, row: usize) -> Option<i64> {
        self.organisation_ids.get(row).copied()
    }

    /// Adds or replaces one enterprise's row.
    pub fn upsert(&mut self, organisation_id: i64, facts: &Facts) {
        let row = match self.rows.get(&organisation_id) {
            Some(row) => *row as usize,
            None => self.push_row(organisation_id),
        };
        let values = [
            facts.registered_capital_fen,
            facts.revenue_fen,
            facts.total_assets_fen,
            facts.rd_spending_fen,
            facts.employees,
            facts.founded_on.map(day_number),
        ];
        for (column, value) in self.numbers.iter_mut().zip(values) {
            column[row] = value.unwrap_or(MISSING);
        }
        let region = facts
            .region_code
            .as_deref()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        repost(&mut self.region_postings, row, self.regions[row], region);
        self.regions[row] = region;
        let industry = facts.industry_code.as_deref().and_then(IndustryCode::parse);
        let key = industry.as_ref().map_or(0, IndustryCode::key);
        repost(&mut self.industry_postings, row, self.industries[row], key);
        self.industries[row] = key;
        self.industry_codes[row] = industry.map(|c| c.as_str().into());
        self.grades[row] = choice_code(TAX_CREDIT_GRADES, facts.tax_credit_grade.as_deref());
        self.sizes[row] = choice_code(SIZE_CLASSES, facts.size_class.as_deref());
        for (code, bits) in &mut self.manual_tags {
            bits.set(row, facts.tags.contains(code));
        }
        for code in &facts.tags {
            let len = self.organisation_ids.len();
            let bits = self
                .manual_tags
                .entry(code.clone())
                .or_insert_with(|| FixedBitSet::with_capacity(len));
            bits.grow(len);
            bits.insert(row);
        }
        let row32 = row as u32;
        set_expiries(&mut self.qualifications, row32, &facts.qualifications);
        set_expiries(
            &mut self.verified_qualifications,
            row32,
            &facts.verified_qualifications,
        );
    }

    fn push_row(&mut self, organisation_id: i64) -> usize {
        let row = self.organisation_ids.len();
        self.organisation_ids.push(organisation_id);
        self.rows.insert(organisation_id, row as u32);
        for column in &mut self.numbers {
            column.push(MISSING);
        }
        self.regions.push(0);
        self.industries.push(0);
        self.industry_codes.push(None);
        self.grades.push(0);
        self.sizes.push(0);
        for bits in self.manual_tags.values_mut() {
            bits.grow(row + 1);
        }
        row
    }

    /// One enterprise's values, as the evaluator sees them.
    pub fn facts(&self, organisation_id: i64) -> Option<Facts> {
        let row = *self.rows.get(&organisation_id)? as usize;
        let number = |column: NumberColumn| {
            Some(self.numbers[number_slot(column)][row]).filter(|v| *v != MISSING)
        };
        let choice = |choices: &[&str], code: u8| {
            (code > 0)
                .then(|| choices.get(usize::from(code) - 1).map(|c| (*c).to_owned()))
                .flatten()
        };
        Some(Facts {
            registered_capital_fen: number(NumberColumn::RegisteredCapital),
            revenue_fen: number(NumberColumn::Revenue),
            total_assets_fen: number(NumberColumn::TotalAssets),
            rd_spending_fen: number(NumberColumn::RdSpending),
            employees: number(NumberColumn::Employees),
            founded_on: number(NumberColumn::FoundedOn).and_then(date_of_day_number),
            region_code: (self.regions[row] > 0).then(|| format!("{:06}", self.regions[row])),
            industry_code: self.industry_codes[row].as_deref().map(str::to_owned),
            tax_credit_grade: choice(TAX_CREDIT_GRADES, self.grades[row]),
            size_class: choice(SIZE_CLASSES, self.sizes[row]),
            tags: self
                .manual_tags
                .iter()
                .filter(|(_, bits)| bits.contains(row))
                .map(|(code, _)| code.clone())
                .collect(),
            qualifications: expiries_of(&self.qualifications, row as u32),
            verified_qualifications: expiries_of(&self.verified_qualifications, row as u32),
        })
    }

    /// Approximate heap bytes held by the columns.
    pub fn memory_bytes(&self) -> usize {
        let rows = self.len();
        let numbers = rows * 8 * NUMBER_COLUMNS.len();
        let codes = rows * (4 + 4 + 16 + 1 + 1);
        let postings = rows * 4 * 2;
        let map = self.rows.capacity() * 16;
        let ids = rows * 8;
        let tags = self.manual_tags.len() * rows / 8;
        let industry_text: usize = self.industry_codes.iter().flatten().map(|c| c.len()).sum();
        let qualifications: usize = self
            .qualifications
            .values()
            .chain(self.verified_qualifications.values())
            .map(|h| h.capacity() * 16)
            .sum();
        numbers + codes + postings + map + ids + tags + industry_text + qualifications
    }
}

/// Replaces one row's entries in a kind → row → expiry map.
fn set_expiries(
    map: &mut HashMap<String, HashMap<u32, i64>>,
    row: u32,
    held: &BTreeMap<String, Option<NaiveDate>>,
) {
    for rows in map.values_mut() {
        rows.remove(&row);
    }
    for (kind, expiry) in held {
        let day = expiry.map_or(i64::MAX, day_number);
        map.entry(kind.clone()).or_default().insert(row, day);
    }
}

/// One row's entries of a kind → row → expiry map.
fn expiries_of(
    map: &HashMap<String, HashMap<u32, i64>>,
    row: u32,
) -> BTreeMap<String, Option<NaiveDate>> {
    map.iter()
        .filter_map(|(kind, held)| {
            held.get(&row).map(|day| {
                (
                    kind.clone(),
                    (*day != i64::MAX)
                        .then(|| date_of_day_number(*day))
                        .flatten(),
                )
            })
        })
        .collect()
}

/// Moves a row from the posting list of its old code to that of its new one (0: none).
fn repost(postings: &mut BTreeMap<u32, Vec<u32>>, row: usize, old: u32, new: u32) {
    if old == new {
        return;
    }
    let Ok(row) = u32::try_from(row) else {
        return;
    };
    if let Some(rows) = postings.get_mut(&old) {
        if let Ok(at) = rows.binary_search(&row) {
            rows.remove(at);
        }
        if rows.is_empty() {
            postings.remove(&old);
        }
    }
    if new != 0 {
        let rows = postings.entry(new).or_default();
        if let Err(at) = rows.binary_search(&row) {
            rows.insert(at, row);
        }
    }
}

/// Today's date in Beijing, the day conditions are compiled for.
pub fn today_in_china(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    now.with_timezone(&crate::calendar::CHINA).date_naive()
}

/// The index of this server: loaded on first use, then kept in step with the change log.
#[derive(Default)]
pub struct EnterpriseIndex {
    state: tokio::sync::RwLock<Option<Loaded>>,
}

struct Loaded {
    position: i64,
    columns: Columns,
}

/// Enterprises loaded per query when the index fills.
const LOAD_BATCH: u64 = 5000;
/// Changes applied per query when the index catches up.
const CHANGE_BATCH: u64 = 1000;

impl EnterpriseIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Brings the index up to date with the change log, then reads it.
    pub async fn read<C, R>(
        &self,
        conn: &C,
        read: impl FnOnce(&Columns) -> R,
    ) -> Result<R, sea_orm::DbErr>
    where
        C: sea_orm::ConnectionTrait,
    {
        self.catch_up(conn).await?;
        let guard = self.state.read().await;
        let empty = Columns::default();
        Ok(read(guard.as_ref().map_or(&empty, |l| &l.columns)))
    }

    /// Applies the changes logged since the index's position (loading everything the first time).
    pub async fn catch_up<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
    ) -> Result<(), sea_orm::DbErr> {
        let position = self.state.read().await.as_ref().map(|l| l.position);
        let Some(position) = position else {
            let mut guard = self.state.write().await;
            if guard.is_none() {
                *guard = Some(load(conn).await?);
            }
            return Ok(());
        };
        let pending = super::store::changes_after(conn, position, 1).await?;
        if pending.is_empty() {
            return Ok(());
        }
        let mut guard = self.state.write().await;
        let Some(loaded) = guard.as_mut() else {
            return Ok(());
        };
        loop {
            let changes = super::store::changes_after(conn, loaded.position, CHANGE_BATCH).await?;
            let Some(last) = changes.last().map(|c| c.id) else {
                return Ok(());
            };
            let mut enterprises: Vec<i64> = Vec::new();
            let mut tags_changed = false;
            for change in &changes {
                match change.kind {
                    ChangeKind::Profile => enterprises.push(change.record_id),
                    ChangeKind::Tag => tags_changed = true,
                    ChangeKind::Clause => {}
                }
            }
            enterprises.sort_unstable();
            enterprises.dedup();
            if tags_changed {
                reload_tags(conn, &mut loaded.columns).await?;
            }
            apply(conn, &mut loaded.columns, &enterprises).await?;
            loaded.position = last;
        }
    }
}

async fn load<C: sea_orm::ConnectionTrait>(conn: &C) -> Result<Loaded, sea_orm::DbErr> {
    // The position is read first: a change made while loading is applied again, harmlessly.
    let position = super::store::last_change(conn).await?;
    let mut columns = Columns::default();
    reload_tags(conn, &mut columns).await?;
    let mut after = 0;
    loop {
        let batch = super::store::load_batch(conn, after, LOAD_BATCH).await?;
        let Some(last) = batch.last().map(|(id, _, _)| *id) else {
            break;
        };
        for (id, profile, tags) in batch {
            columns.upsert(id, &facts_of(profile, tags));
        }
        after = last;
    }
    Ok(Loaded { position, columns })
}

fn facts_of(
    profile: Option<(
        entities::enterprise_profile::Model,
        super::model::ProfileFields,
        Vec<bool>,
    )>,
    tags: std::collections::BTreeSet<String>,
) -> Facts {
    match profile {
        Some((row, fields, verified)) => fields.facts(row.size_class, tags, &verified),
        None => Facts {
            tags,
            ..Facts::default()
        },
    }
}

async fn apply<C: sea_orm::ConnectionTrait>(
    conn: &C,
    columns: &mut Columns,
    enterprises: &[i64],
) -> Result<(), sea_orm::DbErr> {
    for chunk in enterprises.chunks(LOAD_BATCH as usize) {
        for (id, profile, tags) in super::store::load_enterprises(conn, chunk).await? {
            columns.upsert(id, &facts_of(profile, tags));
        }
    }
    Ok(())
}

/// Reloads the derived tags' rules and every manual tag's bitmap.
async fn reload_tags<C: sea_orm::ConnectionTrait>(
    conn: &C,
    columns: &mut Columns,
) -> Result<(), sea_orm::DbErr> {
    let tags = super::store::tags(conn).await?;
    columns.tag_rules = super::service::tag_rules(&tags);
    columns.manual_tags.clear();
    for tag in tags.iter().filter(|t| t.rule.is_none()) {
        let mut bits = FixedBitSet::with_capacity(columns.len());
        for organisation_id in super::store::tagged_organisations(conn, tag.id).await? {
            if let Some(row) = columns.rows.get(&organisation_id) {
                bits.insert(*row as usize);
            }
        }
        columns.manual_tags.insert(tag.code.clone(), bits);
    }
    Ok(())
}

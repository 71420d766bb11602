//! Demo and synthetic enterprise data. The starter tag catalogue the enterprises domain ships
//! ([`crate::enterprises::starter_tag_catalogue`]) is created through the catalogue's use cases;
//! the demo enterprise gets a full profile; and a
//! deterministic generator makes realistic Zhejiang enterprises (name from the city, a trade name
//! and the industry; a valid unified social credit code carrying the region; figures plausible
//! for the industry and size; qualifications with expiry; manual tags), each a pure function of
//! its number and a fixed seed. The demo set is saved through the same use cases as real profiles
//! (history, audit entry, change-log row each); the synthetic set for benchmarks goes through the
//! enterprises' bulk import ([`crate::enterprises::import_profiles_in_bulk`], which says what a
//! bulk load skips).

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entities::{enterprise_qualification, organisation};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use crate::{
    accounts::Uscc,
    auth::CurrentUser,
    enterprises::{
        self as service, region, BulkEnterprise, ConditionSource, Contact, HeldQualification,
        Naming, ProfileFields, SizeStandard, TagDefinition,
    },
};

/// Every tag of the catalogue, in any order.
async fn all_tags<C: ConnectionTrait>(conn: &C) -> anyhow::Result<Vec<entities::tag::Model>> {
    Ok(service::catalogue(conn)
        .await?
        .into_iter()
        .flat_map(|(_, tags)| tags)
        .collect())
}

// ---- the tag catalogue ----

/// The manual tag for exporters (a tag of the catalogue; the generator gives it).
pub const EXPORT_TAG: &str = "export_enterprise";
/// The manual tag for enterprises the centre cultivates (a tag of the catalogue).
pub const KEY_CULTIVATION_TAG: &str = "key_cultivation";

/// The codes of every tag in the demo catalogue (for checking demo data that names them).
pub fn catalogue_tag_codes() -> impl Iterator<Item = &'static str> {
    catalogue_tags().map(|(code, _)| code)
}

/// Every catalogue tag's code and its rule in the condition language's text form (none: a manual
/// tag): what an eligibility index needs to be built without a database (the benchmark).
pub fn catalogue_tags() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    service::starter_tag_catalogue()
        .unwrap_or_default()
        .iter()
        .flat_map(|d| &d.tags)
        .map(|t| (t.code.as_str(), t.rule.as_deref()))
}

/// What seeding the catalogue created.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueReport {
    pub dimensions_created: usize,
    pub tags_created: usize,
}

/// Creates the dimensions and tags of the demo catalogue that do not exist yet (by code), through
/// the catalogue's use cases, as `user` (a centre administrator).
pub async fn seed_catalogue(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> anyhow::Result<CatalogueReport> {
    let mut report = CatalogueReport::default();
    let mut dimensions: HashMap<String, Uuid> = service::catalogue(db)
        .await?
        .into_iter()
        .map(|(d, _)| (d.code, d.public_id))
        .collect();
    let existing_tags = service::tag_codes(db).await?;
    for (position, seed) in (1..).zip(service::starter_tag_catalogue()?) {
        let dimension = match dimensions.get(&seed.code) {
            Some(id) => *id,
            None => {
                let naming = Naming {
                    code: seed.code.clone(),
                    name_zh: seed.name_zh.clone(),
                    name_en: seed.name_en.clone(),
                };
                let created = service::create_dimension(db, user, naming, position, now).await?;
                report.dimensions_created += 1;
                dimensions.insert(seed.code.clone(), created.public_id);
                created.public_id
            }
        };
        for tag in seed
            .tags
            .iter()
            .filter(|t| !existing_tags.contains(&t.code))
        {
            create_seed_tag(db, user, dimension, tag, now).await?;
            report.tags_created += 1;
        }
    }
    Ok(report)
}

async fn create_seed_tag(
    db: &DatabaseConnection,
    user: &CurrentUser,
    dimension: Uuid,
    tag: &service::StarterTag,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let vocabulary = service::vocabulary(db, false).await?;
    let rule = tag
        .rule
        .as_deref()
        .map(|text| service::check_condition(ConditionSource::Text(text), &vocabulary, "rule"))
        .transpose()
        .with_context(|| format!("the rule of demo tag {}", tag.code))?;
    let definition = TagDefinition {
        dimension,
        name_zh: tag.name_zh.clone(),
        name_en: tag.name_en.clone(),
        description: tag.description.clone(),
        rule,
    };
    service::create_tag(db, user, tag.code.clone(), definition, now)
        .await
        .with_context(|| format!("creating demo tag {}", tag.code))?;
    Ok(())
}

// ---- saving profiles through the use cases ----

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The demo enterprise (杭州演示智能科技有限公司): application software in Xihu district.
pub fn demo_enterprise_profile() -> ProfileFields {
    ProfileFields {
        legal_representative: Some("陈明远".to_owned()),
        registered_capital_fen: Some(2_000_000_000),
        revenue_fen: Some(4_500_000_000),
        total_assets_fen: Some(6_200_000_000),
        founded_on: date(2019, 5, 20),
        region_code: Some("330106".to_owned()),
        industry_code: Some("I6513".to_owned()),
        employees: Some(120),
        rd_spending_fen: Some(680_000_000),
        tax_credit_grade: Some("A".to_owned()),
        qualifications: vec![HeldQualification {
            kind: "tech_sme".to_owned(),
            certificate_no: Some("202533010604001587".to_owned()),
            obtained_on: date(2025, 4, 15),
            expires_on: date(2027, 3, 31),
        }],
        contacts: vec![Contact {
            name: "李娜".to_owned(),
            title: Some("财务总监".to_owned()),
            phone: Some("0571-87651234".to_owned()),
            email: None,
        }],
    }
}

/// The centre verifies the qualifications the demo enterprise declared (those not verified yet),
/// through the use case (audited, the enterprise told); answers how many it verified.
pub async fn verify_declared_qualifications(
    db: &DatabaseConnection,
    centre: &CurrentUser,
    enterprise: &organisation::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let mut verified = 0;
    for held in service::profile(db, enterprise.id).await?.qualifications {
        if held.verification == enterprise_qualification::Verification::Verified {
            continue;
        }
        service::decide_qualification(
            db,
            centre,
            (enterprise.public_id, held.public_id),
            service::QualificationDecision::Verify,
            now,
        )
        .await
        .with_context(|| format!("verifying {} of {}", held.kind, enterprise.name))?;
        verified += 1;
    }
    Ok(verified)
}

/// The manual tags of the demo enterprise.
pub const DEMO_ENTERPRISE_TAGS: [&str; 1] = [KEY_CULTIVATION_TAG];

/// Saves the first version of an enterprise's profile and gives its manual tags, through the
/// use cases (history, audit entry and change-log row each). Answers false, changing nothing,
/// when the enterprise has a profile already. A profile the centre authors is its data, so its
/// qualifications are verified as an import's are; one the enterprise authors declares them.
pub async fn save_first_profile(
    db: &DatabaseConnection,
    standard: &SizeStandard,
    users: (&CurrentUser, &CurrentUser),
    enterprise: &organisation::Model,
    seed: (ProfileFields, &[&str]),
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let (author, centre) = users;
    let (fields, manual_tags) = seed;
    if service::profile(db, enterprise.id).await?.row.is_some() {
        return Ok(false);
    }
    let source = if author.role == crate::accounts::Role::CenterAdmin {
        service::QualificationSource::Imported
    } else {
        service::QualificationSource::Declared
    };
    service::update_profile(
        db,
        standard,
        author,
        enterprise.id,
        fields,
        Some(0),
        source,
        now,
    )
    .await
    .with_context(|| format!("saving the profile of {}", enterprise.name))?;
    let tags = all_tags(db).await?;
    for code in manual_tags {
        let Some(tag) = tags.iter().find(|t| t.code == *code) else {
            continue;
        };
        service::set_manual_tag(db, centre, enterprise.public_id, tag.public_id, true, now)
            .await
            .with_context(|| format!("tagging {} as {code}", enterprise.name))?;
    }
    Ok(true)
}

// ---- the generator ----

/// Which set an enterprise belongs to: it fixes the seed and the organisation-code marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnterpriseSet {
    /// The demo enterprises of `qifu seed --demo`.
    Demo,
    /// The benchmark enterprises of `qifu seed --synthetic`.
    Synthetic,
}

impl EnterpriseSet {
    fn seed(self) -> u64 {
        match self {
            Self::Demo => 0x51F0_2026_DE30,
            Self::Synthetic => 0x51F0_2026_5E7A,
        }
    }

    /// Characters 9–11 of the code: the rest of the organisation code is the number in base 31.
    fn marker(self) -> &'static str {
        match self {
            Self::Demo => "MA1",
            Self::Synthetic => "MA9",
        }
    }

    /// A `LIKE` pattern matching the codes of this set (and of no demo organisation; a real
    /// enterprise might share the marker, which is why synthetic data is for benchmark
    /// databases only).
    pub fn uscc_pattern(self) -> String {
        format!("91______{}%", self.marker())
    }

    /// How many enterprises a set can number (six base-31 characters).
    pub const CAPACITY: u64 = 31u64.pow(6);
}

/// One generated enterprise.
#[derive(Debug, Clone)]
pub struct GeneratedEnterprise {
    pub name: String,
    pub uscc: Uscc,
    pub fields: ProfileFields,
    pub manual_tags: Vec<&'static str>,
}

struct City {
    prefix: &'static str,
    short_name: &'static str,
    area_code: &'static str,
    weight: u32,
    /// Characters of the city's old names, used in trade names (甬 for Ningbo, 瓯 for Wenzhou).
    local: &'static [&'static str],
}

const fn city(
    prefix: &'static str,
    short_name: &'static str,
    area_code: &'static str,
    weight: u32,
    local: &'static [&'static str],
) -> City {
    City {
        prefix,
        short_name,
        area_code,
        weight,
        local,
    }
}

/// Zhejiang's 11 cities, weighted roughly by their number of enterprises.
const CITIES: [City; 11] = [
    city("3301", "杭州", "0571", 250, &["杭", "钱", "西", "临", "萧"]),
    city("3302", "宁波", "0574", 180, &["甬", "明", "鄞", "慈"]),
    city("3303", "温州", "0577", 120, &["瓯", "鹿", "乐", "瑞"]),
    city("3304", "嘉兴", "0573", 80, &["禾", "嘉", "秀", "海"]),
    city("3305", "湖州", "0572", 50, &["湖", "吴", "苕", "安"]),
    city("3306", "绍兴", "0575", 90, &["越", "稽", "诸", "嵊"]),
    city("3307", "金华", "0579", 90, &["婺", "金", "义", "永"]),
    city("3308", "衢州", "0570", 20, &["衢", "柯", "信", "江"]),
    city("3309", "舟山", "0580", 15, &["舟", "岱", "定", "普"]),
    city("3310", "台州", "0576", 85, &["台", "椒", "天", "玉"]),
    city("3311", "丽水", "0578", 20, &["丽", "处", "龙", "青"]),
];

const GENERIC: [&str; 40] = [
    "兴", "越", "华", "达", "信", "诚", "泰", "丰", "盛", "鑫", "恒", "宏", "德", "创", "联", "通",
    "源", "瑞", "博", "嘉", "力", "美", "远", "新", "星", "辰", "宇", "光", "正", "汇", "腾", "凯",
    "锦", "润", "顺", "利", "和", "安", "康", "亿",
];

const SURNAMES: [&str; 30] = [
    "王", "陈", "张", "李", "林", "黄", "吴", "周", "徐", "金", "杨", "朱", "胡", "刘", "郑", "方",
    "叶", "潘", "沈", "钱", "何", "俞", "施", "蒋", "章", "应", "孙", "赵", "邵", "马",
];

const GIVEN: [&str; 40] = [
    "伟", "敏", "杰", "丽", "强", "军", "磊", "洋", "勇", "艳", "芳", "娟", "涛", "明", "超", "霞",
    "平", "刚", "华", "建", "国", "志", "海", "燕", "红", "峰", "斌", "浩", "波", "琴", "晨", "宇",
    "婷", "鑫", "俊", "飞", "欣", "晓", "佳", "文",
];

const TITLES: [&str; 6] = [
    "总经理",
    "财务负责人",
    "行政主管",
    "办公室主任",
    "副总经理",
    "综合部经理",
];

/// How likely an industry's enterprises hold technology qualifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tech {
    Low,
    Medium,
    High,
}

/// What enterprises of one GB/T 4754 class look like.
struct Trade {
    code: &'static str,
    /// The words a name takes for it (精密机械, 软件 …).
    words: &'static [&'static str],
    weight: u32,
    /// Employees: from, to (most enterprises near the lower end).
    staff: (f64, f64),
    /// Revenue per employee and year, in 万元.
    revenue_per_head: (f64, f64),
    tech: Tech,
    /// Share of exporters, in percent.
    exporters: u32,
}

const fn trade(
    code: &'static str,
    words: &'static [&'static str],
    weight: u32,
    staff: (f64, f64),
    revenue_per_head: (f64, f64),
    tech: Tech,
    exporters: u32,
) -> Trade {
    Trade {
        code,
        words,
        weight,
        staff,
        revenue_per_head,
        tech,
        exporters,
    }
}

/// The industries generated enterprises come from, weighted roughly like Zhejiang's mix: (class,
/// name words, weight, employees from–to, revenue per head in 万元 from–to, technology
/// level, exporters in percent)
#[rustfmt::skip]
const TRADES: [Trade; 44] = [
    trade("I6513", &["软件", "信息技术", "智能科技", "数据科技"], 60, (5.0, 600.0), (20.0, 90.0), Tech::High, 3),
    trade("I6520", &["微电子", "芯片科技", "集成电路"], 12, (10.0, 400.0), (40.0, 150.0), Tech::High, 10),
    trade("I6532", &["物联网科技", "智联科技", "传感网络"], 20, (8.0, 300.0), (25.0, 90.0), Tech::High, 5),
    trade("I6421", &["网络科技", "互联网科技", "云科技"], 25, (5.0, 500.0), (30.0, 120.0), Tech::High, 2),
    trade("I6550", &["云计算", "数据服务", "信息服务"], 10, (10.0, 300.0), (40.0, 150.0), Tech::High, 1),
    trade("C3421", &["精密机械", "数控机床", "机械制造"], 30, (5.0, 1500.0), (40.0, 120.0), Tech::Medium, 30),
    trade("C3443", &["阀门", "流体控制", "阀业"], 25, (5.0, 800.0), (40.0, 110.0), Tech::Medium, 35),
    trade("C3441", &["泵业", "泵阀", "流体机械"], 15, (5.0, 800.0), (40.0, 110.0), Tech::Medium, 30),
    trade("C3829", &["电气科技", "电器", "电力设备"], 30, (5.0, 2000.0), (50.0, 150.0), Tech::Medium, 25),
    trade("C3973", &["传感科技", "电子科技", "电子元件"], 20, (10.0, 3000.0), (40.0, 120.0), Tech::High, 30),
    trade("C3670", &["汽车部件", "汽配", "车业"], 30, (10.0, 3000.0), (50.0, 150.0), Tech::Medium, 35),
    trade("C3812", &["电机", "电机科技", "动力科技"], 15, (5.0, 1000.0), (40.0, 120.0), Tech::Medium, 30),
    trade("C3841", &["新能源", "电池科技", "储能科技"], 10, (30.0, 3000.0), (80.0, 250.0), Tech::High, 25),
    trade("C3825", &["光伏科技", "光电科技", "新能源科技"], 8, (30.0, 3000.0), (80.0, 250.0), Tech::High, 40),
    trade("C1713", &["印染", "纺织", "织造"], 25, (10.0, 1500.0), (30.0, 90.0), Tech::Low, 30),
    trade("C1810", &["服饰", "服装", "制衣"], 25, (10.0, 2000.0), (15.0, 50.0), Tech::Low, 40),
    trade("C1952", &["鞋业", "鞋材", "皮革制品"], 15, (10.0, 1500.0), (15.0, 45.0), Tech::Low, 45),
    trade("C2927", &["塑业", "塑料制品", "日用品"], 20, (5.0, 600.0), (30.0, 80.0), Tech::Low, 35),
    trade("C2669", &["化工", "新材料", "精细化工"], 15, (10.0, 800.0), (60.0, 200.0), Tech::Medium, 20),
    trade("C2720", &["药业", "制药", "生物医药"], 8, (30.0, 2000.0), (60.0, 200.0), Tech::High, 15),
    trade("C3854", &["厨具电器", "电器", "家电"], 12, (20.0, 3000.0), (50.0, 150.0), Tech::Medium, 45),
    trade("C2110", &["家具", "木业", "家居"], 15, (10.0, 1500.0), (25.0, 70.0), Tech::Low, 40),
    trade("C2231", &["包装", "纸业", "包装材料"], 12, (5.0, 500.0), (30.0, 80.0), Tech::Low, 10),
    trade("C1530", &["茶业", "茶叶", "茗茶"], 8, (3.0, 200.0), (20.0, 60.0), Tech::Low, 15),
    trade("C4011", &["自动化", "仪表", "控制技术"], 12, (10.0, 800.0), (40.0, 120.0), Tech::High, 15),
    trade("D4416", &["光伏电力", "新能源", "能源科技"], 5, (5.0, 100.0), (100.0, 500.0), Tech::Medium, 0),
    trade("E4710", &["建设", "建筑工程", "建工"], 25, (20.0, 3000.0), (50.0, 150.0), Tech::Low, 0),
    trade("E5011", &["装饰工程", "装饰设计", "幕墙"], 20, (5.0, 500.0), (30.0, 80.0), Tech::Low, 0),
    trade("F5179", &["贸易", "机电设备", "进出口"], 40, (3.0, 200.0), (100.0, 500.0), Tech::Low, 40),
    trade("F5131", &["纺织品", "轻纺", "面料"], 25, (3.0, 150.0), (100.0, 400.0), Tech::Low, 40),
    trade("F5292", &["电子商务", "电商", "网络科技"], 35, (3.0, 300.0), (50.0, 300.0), Tech::Low, 20),
    trade("G5431", &["物流", "运输", "货运"], 20, (10.0, 800.0), (20.0, 60.0), Tech::Low, 0),
    trade("G5821", &["国际货运代理", "供应链管理", "物流"], 15, (5.0, 300.0), (50.0, 200.0), Tech::Low, 10),
    trade("H6110", &["酒店管理", "酒店", "度假村"], 10, (20.0, 500.0), (10.0, 30.0), Tech::Low, 0),
    trade("H6210", &["餐饮管理", "餐饮", "食府"], 15, (10.0, 400.0), (8.0, 25.0), Tech::Low, 0),
    trade("K7010", &["置业", "房地产开发", "地产"], 12, (10.0, 500.0), (100.0, 1000.0), Tech::Low, 0),
    trade("L7212", &["投资管理", "资产管理", "实业投资"], 15, (3.0, 100.0), (50.0, 300.0), Tech::Low, 0),
    trade("L7259", &["广告传媒", "文化传媒", "广告"], 15, (3.0, 200.0), (20.0, 80.0), Tech::Low, 0),
    trade("M7484", &["工程设计", "建筑设计", "规划设计"], 12, (10.0, 800.0), (30.0, 90.0), Tech::Medium, 0),
    trade("M7491", &["工业设计", "设计", "创意设计"], 8, (5.0, 200.0), (20.0, 60.0), Tech::Medium, 5),
    trade("N7721", &["环保科技", "环境工程", "水务科技"], 10, (10.0, 500.0), (30.0, 100.0), Tech::Medium, 0),
    trade("P8391", &["职业培训", "教育科技", "培训"], 8, (5.0, 200.0), (10.0, 30.0), Tech::Low, 0),
    trade("R8730", &["影视文化", "影业", "文化传播"], 6, (5.0, 300.0), (30.0, 150.0), Tech::Low, 5),
    trade("A0411", &["水产", "海洋渔业", "水产养殖"], 6, (5.0, 200.0), (10.0, 40.0), Tech::Low, 15),
];

/// Makes enterprises of one set; the enterprise numbered `n` is always the same.
pub struct Generator {
    set: EnterpriseSet,
    /// Each city's county-level divisions.
    counties: Vec<Vec<&'static str>>,
}

impl Generator {
    pub fn new(set: EnterpriseSet) -> Self {
        let counties = CITIES
            .iter()
            .map(|c| {
                region::counties_of(c.prefix)
                    .map(|r| r.code.as_str())
                    .collect()
            })
            .collect();
        Self { set, counties }
    }

    fn rng(&self, number: u64, stream: u64) -> StdRng {
        let mixed = number
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        StdRng::seed_from_u64(self.set.seed() ^ mixed)
    }

    /// The enterprise numbered `number` (from 0).
    pub fn enterprise(&self, number: u64) -> anyhow::Result<GeneratedEnterprise> {
        let mut rng = self.rng(number, 0);
        let city_index = pick_weighted(&mut rng, &CITIES, |c| c.weight);
        let city = &CITIES[city_index];
        let trade = &TRADES[pick_weighted(&mut rng, &TRADES, |t| t.weight)];
        let region = self.county(&mut rng, city_index);
        let fields = profile_of(&mut rng, trade, city, &region);
        let manual_tags = manual_tags_of(&mut rng, trade, &fields);
        let large = fields.employees.is_some_and(|n| n >= 300);
        Ok(GeneratedEnterprise {
            name: self.name(number, 0, (city, trade), large),
            uscc: self.uscc(number, &region)?,
            fields,
            manual_tags,
        })
    }

    fn county(&self, rng: &mut StdRng, city_index: usize) -> String {
        let counties = self.counties.get(city_index).map_or(&[][..], Vec::as_slice);
        if counties.is_empty() {
            return format!("{}00", CITIES[city_index].prefix);
        }
        counties[rng.random_range(0..counties.len())].to_owned()
    }

    /// City short name, trade name (字号), the industry's word and the company form; `attempt`
    /// draws another trade name for the same enterprise.
    fn name(&self, number: u64, attempt: u64, of: (&City, &Trade), large: bool) -> String {
        let (city, trade) = of;
        let mut rng = self.rng(number, attempt + 1);
        let first = if rng.random_bool(0.4) {
            pick(&mut rng, city.local)
        } else {
            pick(&mut rng, &GENERIC)
        };
        let second = loop {
            let candidate = pick(&mut rng, &GENERIC);
            if candidate != first {
                break candidate;
            }
        };
        let word = pick(&mut rng, trade.words);
        let form = if large && rng.random_bool(0.35) {
            "股份有限公司"
        } else {
            "有限公司"
        };
        format!("{}{first}{second}{word}{form}", city.short_name)
    }

    /// `91` (market regulation, enterprise), the region, the set's marker, the number in base 31
    /// and the check character.
    fn uscc(&self, number: u64, region: &str) -> anyhow::Result<Uscc> {
        anyhow::ensure!(
            number < EnterpriseSet::CAPACITY,
            "at most {} enterprises per set",
            EnterpriseSet::CAPACITY
        );
        let first17 = format!("91{region}{}{}", self.set.marker(), base31(number, 6));
        Uscc::with_check_character(&first17)
            .map_err(|e| anyhow::anyhow!("generated code {first17}: {e}"))
    }

    /// The first `count` enterprises with unique names (a name already taken gets another trade
    /// name), in order.
    pub fn unique_enterprises(&self, count: u64) -> anyhow::Result<Vec<GeneratedEnterprise>> {
        let mut names = HashSet::new();
        let mut enterprises = Vec::new();
        for number in 0..count {
            let mut enterprise = self.enterprise(number)?;
            let mut attempt = 0;
            while names.contains(&enterprise.name) {
                attempt += 1;
                enterprise.name = self.rename(number, attempt, &enterprise)?;
            }
            names.insert(enterprise.name.clone());
            enterprises.push(enterprise);
        }
        Ok(enterprises)
    }

    fn rename(
        &self,
        number: u64,
        attempt: u64,
        enterprise: &GeneratedEnterprise,
    ) -> anyhow::Result<String> {
        let region = enterprise.fields.region_code.as_deref().unwrap_or_default();
        let industry = enterprise.fields.industry_code.as_deref();
        let city = CITIES
            .iter()
            .find(|c| region.starts_with(c.prefix))
            .context("a generated region is in a Zhejiang city")?;
        let trade = TRADES
            .iter()
            .find(|t| Some(t.code) == industry)
            .context("a generated industry is a known trade")?;
        let large = enterprise.fields.employees.is_some_and(|n| n >= 300);
        Ok(self.name(number, attempt, (city, trade), large))
    }
}

const BASE31: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// `number` in the code's 31-character alphabet, left-padded to `width`.
fn base31(mut number: u64, width: usize) -> String {
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = BASE31[(number % 31) as usize];
        number /= 31;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items
        .get(rng.random_range(0..items.len().max(1)))
        .copied()
        .unwrap_or_default()
}

/// An index into `items`, each as likely as its weight.
fn pick_weighted<T>(rng: &mut StdRng, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
    let total: u32 = items.iter().map(&weight).sum();
    let mut left = rng.random_range(0..total.max(1));
    for (index, item) in items.iter().enumerate() {
        let w = weight(item);
        if left < w {
            return index;
        }
        left -= w;
    }
    0
}

/// A value in `range`, most of them near its lower end (`skew` > 1 crowds them more).
fn skewed(rng: &mut StdRng, range: (f64, f64), skew: f64) -> f64 {
    let (low, high) = range;
    low * (high / low).powf(rng.random::<f64>().powf(skew))
}

const FEN_PER_WAN: f64 = 1_000_000.0;

/// An amount of 万元 in fen, rounded to 100 yuan.
fn wan_to_fen(wan: f64) -> i64 {
    ((wan * FEN_PER_WAN / 10_000.0).round() as i64) * 10_000
}

fn person(rng: &mut StdRng) -> String {
    let mut name = pick(rng, &SURNAMES).to_owned();
    for _ in 0..rng.random_range(1..=2) {
        name.push_str(pick(rng, &GIVEN));
    }
    name
}

fn profile_of(rng: &mut StdRng, trade: &Trade, city: &City, region: &str) -> ProfileFields {
    let employees = skewed(rng, trade.staff, 2.2).round().max(1.0);
    let revenue_wan =
        employees * rng.random_range(trade.revenue_per_head.0..trade.revenue_per_head.1);
    let assets_factor = if trade.code.starts_with('K') {
        rng.random_range(3.0..8.0)
    } else {
        rng.random_range(0.4..1.8)
    };
    let founded_on = founding_date(rng, employees);
    let contact = Contact {
        name: person(rng),
        title: Some(pick(rng, &TITLES).to_owned()),
        phone: Some(phone(rng, city)),
        email: None,
    };
    let qualifications = qualifications_of(rng, trade, employees);
    ProfileFields {
        legal_representative: Some(person(rng)),
        registered_capital_fen: Some(registered_capital(rng, revenue_wan)),
        revenue_fen: Some(wan_to_fen(revenue_wan)),
        total_assets_fen: Some(wan_to_fen(revenue_wan * assets_factor)),
        founded_on,
        region_code: Some(region.to_owned()),
        industry_code: Some(trade.code.to_owned()),
        employees: Some(employees as i32),
        rd_spending_fen: rd_spending(rng, trade.tech, revenue_wan),
        tax_credit_grade: tax_credit_grade(rng, founded_on),
        qualifications,
        contacts: vec![contact],
    }
}

/// 1995 to 2025, young enterprises more common; larger ones older.
fn founding_date(rng: &mut StdRng, employees: f64) -> Option<NaiveDate> {
    let skew = match employees {
        n if n >= 300.0 => 0.6,
        n if n >= 50.0 => 0.9,
        _ => 1.3,
    };
    let years_back = (31.0 * rng.random::<f64>().powf(skew)).floor() as i32;
    let year = 2025 - years_back.min(30);
    date(year, rng.random_range(1..=12), rng.random_range(1..=28))
}

/// A round amount between a twentieth and a half of a year's revenue (at least 10 万元).
fn registered_capital(rng: &mut StdRng, revenue_wan: f64) -> i64 {
    const STEPS: [f64; 14] = [
        10.0, 30.0, 50.0, 100.0, 200.0, 300.0, 500.0, 800.0, 1000.0, 2000.0, 3000.0, 5000.0,
        10000.0, 20000.0,
    ];
    let target = revenue_wan * rng.random_range(0.05..0.5);
    let wan = STEPS
        .iter()
        .rev()
        .find(|s| **s <= target)
        .copied()
        .unwrap_or(STEPS[0]);
    wan_to_fen(wan)
}

fn rd_spending(rng: &mut StdRng, tech: Tech, revenue_wan: f64) -> Option<i64> {
    let share = match tech {
        Tech::High => rng.random_range(0.04..0.15),
        Tech::Medium => rng.random_range(0.02..0.06),
        Tech::Low if rng.random_bool(0.5) => return None,
        Tech::Low => rng.random_range(0.0..0.01),
    };
    Some(wan_to_fen(revenue_wan * share))
}

/// Weighted toward A and B; an enterprise founded in the last year is M (新设立); a few unknown.
fn tax_credit_grade(rng: &mut StdRng, founded_on: Option<NaiveDate>) -> Option<String> {
    if founded_on.is_some_and(|d| d.year() >= 2025) {
        return Some("M".to_owned());
    }
    const GRADES: [(&str, u32); 6] = [("A", 41), ("B", 42), ("M", 4), ("C", 7), ("D", 3), ("", 3)];
    let (grade, _) = GRADES[pick_weighted(rng, &GRADES, |g| g.1)];
    (!grade.is_empty()).then(|| grade.to_owned())
}

fn phone(rng: &mut StdRng, city: &City) -> String {
    if rng.random_bool(0.3) {
        let prefix = pick(
            rng,
            &["135", "136", "137", "138", "139", "158", "159", "188"],
        );
        return format!("{prefix}{:08}", rng.random_range(0..100_000_000));
    }
    format!(
        "{}-{}",
        city.area_code,
        rng.random_range(81_000_000..89_999_999)
    )
}

/// The chance of each qualification for an industry's technology level.
fn qualification_odds(tech: Tech) -> [(&'static str, f64); 9] {
    let (high_tech, tech_sme, specialised, green) = match tech {
        Tech::High => (0.30, 0.35, 0.12, 0.01),
        Tech::Medium => (0.15, 0.18, 0.08, 0.05),
        Tech::Low => (0.03, 0.04, 0.02, 0.03),
    };
    [
        ("high_tech_enterprise", high_tech),
        ("tech_sme", tech_sme),
        ("specialised_sme", specialised),
        ("innovative_sme", specialised * 1.5),
        ("little_giant", specialised * 0.12),
        ("provincial_tech_center", high_tech * 0.15),
        ("provincial_rd_center", high_tech * 0.2),
        ("green_factory", green),
        ("famous_trademark", 0.0),
    ]
}

fn qualifications_of(rng: &mut StdRng, trade: &Trade, employees: f64) -> Vec<HeldQualification> {
    let mut held = Vec::new();
    for (kind, chance) in qualification_odds(trade.tech) {
        let chance = match kind {
            // 科技型中小企业 are, by definition, not large.
            "tech_sme" if employees >= 500.0 => 0.0,
            "famous_trademark" => f64::from(trade.exporters) / 1000.0,
            "provincial_tech_center" | "provincial_rd_center" if employees < 100.0 => 0.0,
            _ => chance,
        };
        if rng.random_bool(chance.clamp(0.0, 1.0)) {
            held.push(qualification(rng, kind));
        }
    }
    held
}

/// One qualification with its certificate and validity (some already expired).
fn qualification(rng: &mut StdRng, kind: &str) -> HeldQualification {
    // Mostly recent: 2025 for four in ten, back to 2020.
    let year = 2025 - (6.0 * rng.random::<f64>().powi(2)).floor() as i32;
    let obtained_on = date(year, rng.random_range(3..=12), rng.random_range(1..=28));
    let (certificate_no, expires_on) = match kind {
        // Three years from the day of certification.
        "high_tech_enterprise" => (
            Some(format!("GR{year}33{:06}", rng.random_range(0..1_000_000))),
            obtained_on.and_then(|d| d.with_year(year + 3)),
        ),
        // Registered each year; valid to the end of March after the next year.
        "tech_sme" => (
            Some(format!(
                "{year}33{:010}",
                rng.random_range(0..10_000_000_000u64)
            )),
            date(year + 2, 3, 31),
        ),
        "specialised_sme" | "innovative_sme" | "little_giant" | "famous_trademark" => {
            (None, date(year + 3, 12, 31))
        }
        _ => (None, None),
    };
    HeldQualification {
        kind: kind.to_owned(),
        certificate_no,
        obtained_on,
        expires_on,
    }
}

fn manual_tags_of(rng: &mut StdRng, trade: &Trade, fields: &ProfileFields) -> Vec<&'static str> {
    let mut tags = Vec::new();
    if rng.random_bool(f64::from(trade.exporters) / 100.0) {
        tags.push(EXPORT_TAG);
    }
    let notable = fields.revenue_fen.is_some_and(|r| r >= 10_000_000_000)
        || fields
            .qualifications
            .iter()
            .any(|q| q.kind == "high_tech_enterprise" || q.kind == "specialised_sme");
    if notable && rng.random_bool(0.25) {
        tags.push(KEY_CULTIVATION_TAG);
    }
    tags
}

// ---- the synthetic set ----

/// How many enterprises one transaction of the synthetic load writes.
pub const SYNTHETIC_BATCH: u64 = 2000;

impl From<GeneratedEnterprise> for BulkEnterprise {
    fn from(generated: GeneratedEnterprise) -> Self {
        Self {
            name: generated.name,
            uscc: generated.uscc,
            fields: generated.fields,
            manual_tags: generated
                .manual_tags
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_gives_the_same_enterprise() {
        let generator = Generator::new(EnterpriseSet::Demo);
        let (a, b) = (
            generator.enterprise(7).unwrap(),
            generator.enterprise(7).unwrap(),
        );
        assert_eq!(a.name, b.name);
        assert_eq!(a.uscc, b.uscc);
        assert_eq!(a.fields, b.fields);
        assert_ne!(generator.enterprise(8).unwrap().uscc, a.uscc);
    }

    #[test]
    fn generated_enterprises_are_valid_zhejiang_enterprises() {
        let standard = SizeStandard::shipped().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let generator = Generator::new(EnterpriseSet::Synthetic);
        for number in 0..2000 {
            let e = generator.enterprise(number).unwrap();
            let fields = e.fields.clone().check(today).unwrap();
            let region = fields.region_code.clone().unwrap();
            assert!(
                region.starts_with("33") && !region.ends_with("00"),
                "{region}"
            );
            assert_eq!(&e.uscc.as_str()[2..8], region);
            assert!(Uscc::parse(e.uscc.as_str()).is_ok());
            assert!(e.name.ends_with("有限公司"), "{}", e.name);
            assert!(fields.size_class(&standard).is_some());
            let year = fields.founded_on.unwrap().year();
            assert!((1995..=2025).contains(&year), "{year}");
        }
    }

    #[test]
    fn the_two_sets_never_share_a_code() {
        let demo = Generator::new(EnterpriseSet::Demo).enterprise(3).unwrap();
        let synthetic = Generator::new(EnterpriseSet::Synthetic)
            .enterprise(3)
            .unwrap();
        assert_ne!(demo.uscc, synthetic.uscc);
        assert_eq!(&synthetic.uscc.as_str()[8..11], "MA9");
    }

    #[test]
    fn demo_names_are_unique_and_a_prefix_of_a_longer_run() {
        let generator = Generator::new(EnterpriseSet::Demo);
        let thousand = generator.unique_enterprises(1000).unwrap();
        let names: HashSet<&str> = thousand.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), 1000);
        let twenty = generator.unique_enterprises(20).unwrap();
        for (a, b) in twenty.iter().zip(&thousand) {
            assert_eq!(a.name, b.name);
        }
    }

    #[test]
    fn codes_count_in_base_31() {
        assert_eq!(base31(0, 6), "000000");
        assert_eq!(base31(30, 6), "00000Y");
        assert_eq!(base31(31, 6), "000010");
    }

    #[test]
    fn the_catalogue_file_parses_with_unique_codes() {
        let dimensions = service::starter_tag_catalogue().unwrap();
        assert_eq!(dimensions.len(), 5);
        let mut codes = HashSet::new();
        for dimension in dimensions {
            assert!(codes.insert(dimension.code.as_str()), "{}", dimension.code);
            assert!(!dimension.tags.is_empty(), "{}", dimension.code);
        }
        let tags: Vec<&str> = catalogue_tag_codes().collect();
        assert_eq!(tags.len(), 25);
        let unique: HashSet<&str> = tags.iter().copied().collect();
        assert_eq!(unique.len(), tags.len(), "tag codes are unique");
        for tag in dimensions.iter().flat_map(|d| &d.tags) {
            for text in [&tag.code, &tag.name_zh, &tag.name_en, &tag.description] {
                assert!(!text.trim().is_empty(), "{}", tag.code);
            }
        }
    }

    #[test]
    fn every_catalogue_rule_checks_as_seeding_checks_it() {
        let vocabulary = crate::enterprises::condition::Vocabulary {
            tags: catalogue_tag_codes().map(str::to_owned).collect(),
            allow_tags: false,
        };
        let rules: Vec<(&str, &str)> = catalogue_tags()
            .filter_map(|(code, rule)| rule.map(|r| (code, r)))
            .collect();
        assert_eq!(rules.len(), 23);
        for (code, rule) in rules {
            assert!(!rule.trim().is_empty(), "{code}");
            service::check_condition(ConditionSource::Text(rule), &vocabulary, "rule")
                .unwrap_or_else(|e| panic!("{code}: {e:?}"));
        }
    }

    #[test]
    fn the_generator_s_tags_are_manual_tags_of_the_catalogue() {
        for code in [EXPORT_TAG, KEY_CULTIVATION_TAG] {
            let found = catalogue_tags().find(|(c, _)| *c == code);
            assert_eq!(found, Some((code, None)), "{code} is a manual tag");
        }
    }
}

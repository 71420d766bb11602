//! The demo intermediaries: a hundred generated Zhejiang firms (环境科技, 测绘院, 工程咨询, 设计院,
//! 施工图审查…), each approved and active with one user `intermediary-NNN@demo.qifu.local`, offering
//! one to six related service types and holding the qualifications they need (levels from the
//! data; a few expired, a few expiring soon), plus a full profile for the demo intermediary. The
//! firm numbered `n` is always the same (fixed seeds); what exists is kept as it is.

use std::collections::{BTreeSet, HashSet};

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entities::organisation;
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

use sea_orm::DatabaseConnection;

use super::{catalogue::Catalogue, Cast};
use crate::{
    accounts::{
        self, AccountsError, Locale, NewOrganisation, NewUser, OrganisationKind,
        OrganisationStatus, Role, Uscc,
    },
    audit::Actor,
    auth::{CurrentUser, PasswordHasher},
    enterprises::region,
    marketplace::{
        intermediary::service::{
            self as intermediaries, IntermediaryContact, ProfileUpdate, QualificationInput,
        },
        model::qualification_type,
    },
};

/// How many intermediaries the demo generates.
pub const FIRMS: u32 = 100;
const SEED: u64 = 0x51F0_2026_3A7C;
/// Characters 9–11 of the generated codes (the demo enterprises use MA1, benchmarks MA9).
const MARKER: &str = "MA7";

/// An intermediary the demo acts as.
#[derive(Debug, Clone)]
pub struct Firm {
    pub organisation: organisation::Model,
    pub user: CurrentUser,
    /// The codes of the service types it offers.
    pub offered: BTreeSet<String>,
    /// Holds no expired qualification, so it may bid on whatever it offers.
    pub in_good_standing: bool,
}

impl Firm {
    pub fn offers_all(&self, types: &[String]) -> bool {
        self.in_good_standing && types.iter().all(|t| self.offered.contains(t))
    }
}

/// What seeding the intermediaries created.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FirmsCreated {
    pub organisations: usize,
    pub users: usize,
    pub profiles: usize,
    pub qualifications: usize,
}

impl std::ops::AddAssign for FirmsCreated {
    fn add_assign(&mut self, other: Self) {
        self.organisations += other.organisations;
        self.users += other.users;
        self.profiles += other.profiles;
        self.qualifications += other.qualifications;
    }
}

/// A kind of firm: the words its name takes and the service types it offers, most common first.
struct Archetype {
    words: &'static [&'static str],
    types: &'static [&'static str],
    /// How many of the hundred firms are of this kind.
    count: u32,
    /// Percent of firms offering the whole list (packages need all of their members).
    full_percent: u32,
}

#[rustfmt::skip]
const ARCHETYPES: [Archetype; 16] = [
    Archetype { words: &["环境科技", "环保科技", "环境工程咨询", "生态环境科技"],
        types: &["environmental_impact_assessment", "soil_water_conservation_plan", "environmental_acceptance_monitoring", "occupational_hazard_pre_evaluation", "water_resources_demonstration"], count: 13, full_percent: 45 },
    Archetype { words: &["测绘院", "测绘地理信息", "空间信息技术", "勘测规划"],
        types: &["completion_survey", "planning_verification_survey", "real_estate_survey", "topographic_and_setting_out_survey", "land_survey_demarcation"], count: 13, full_percent: 55 },
    Archetype { words: &["工程咨询", "工程管理咨询", "项目管理", "全过程工程咨询"],
        types: &["feasibility_study_report", "energy_conservation_assessment", "social_stability_risk_assessment", "engineering_cost_consulting", "bidding_agency", "construction_supervision"], count: 12, full_percent: 60 },
    Archetype { words: &["经济咨询", "发展规划研究院", "投资咨询"],
        types: &["project_application_report", "feasibility_study_report", "social_stability_risk_assessment", "energy_conservation_assessment"], count: 5, full_percent: 60 },
    Archetype { words: &["工程造价咨询", "招标代理", "建设咨询"],
        types: &["engineering_cost_consulting", "bidding_agency", "construction_supervision"], count: 8, full_percent: 50 },
    Archetype { words: &["安全技术服务", "安全评价", "安全科技"],
        types: &["safety_pre_evaluation", "occupational_hazard_pre_evaluation", "fire_facilities_completion_testing"], count: 7, full_percent: 50 },
    Archetype { words: &["建筑设计研究院", "建筑设计院", "规划建筑设计"],
        types: &["architectural_scheme_design", "construction_drawing_design", "planning_design_scheme", "topographic_and_setting_out_survey", "geotechnical_investigation"], count: 8, full_percent: 75 },
    Archetype { words: &["岩土工程勘察", "地质勘察", "工程勘察院"],
        types: &["geotechnical_investigation", "geological_hazard_risk_assessment", "overlying_mineral_resources_assessment", "seismic_safety_evaluation"], count: 6, full_percent: 50 },
    Archetype { words: &["施工图审查中心", "建设工程图审", "工程设计审查"],
        types: &["construction_drawing_review", "fire_protection_design_review", "civil_air_defense_design_review", "security_technical_prevention_design_review", "lightning_protection_design_evaluation"], count: 6, full_percent: 80 },
    Archetype { words: &["防雷技术", "气象科技", "防雷检测"],
        types: &["lightning_disaster_risk_assessment", "lightning_protection_design_evaluation"], count: 5, full_percent: 60 },
    Archetype { words: &["水利水电勘测设计", "水利科技", "水务工程咨询"],
        types: &["water_resources_demonstration", "flood_impact_assessment", "soil_water_conservation_plan", "sea_area_use_demonstration"], count: 5, full_percent: 50 },
    Archetype { words: &["房地产土地估价", "资产评估", "土地房地产评估"],
        types: &["real_estate_appraisal", "land_appraisal"], count: 5, full_percent: 60 },
    Archetype { words: &["交通规划设计院", "城市规划设计", "交通工程咨询"],
        types: &["traffic_impact_assessment", "planning_design_scheme"], count: 3, full_percent: 60 },
    Archetype { words: &["文物保护工程", "古建筑设计"],
        types: &["cultural_relics_impact_assessment"], count: 1, full_percent: 100 },
    Archetype { words: &["林业勘察设计", "林业调查规划"],
        types: &["forest_land_use_feasibility_report"], count: 1, full_percent: 100 },
    Archetype { words: &["检测技术", "检验检测", "消防技术服务"],
        types: &["environmental_acceptance_monitoring", "fire_facilities_completion_testing"], count: 2, full_percent: 100 },
];

/// City prefix, short name, weight, and characters of its old names used in trade names.
#[rustfmt::skip]
const CITIES: [(&str, &str, u32, &[&str]); 11] = [
    ("3301", "杭州", 25, &["杭", "钱", "西"]), ("3302", "宁波", 18, &["甬", "明", "鄞"]),
    ("3303", "温州", 12, &["瓯", "鹿"]), ("3304", "嘉兴", 8, &["禾", "嘉"]),
    ("3305", "湖州", 5, &["湖", "苕"]), ("3306", "绍兴", 9, &["越", "稽"]),
    ("3307", "金华", 9, &["婺", "金"]), ("3308", "衢州", 2, &["衢", "柯"]),
    ("3309", "舟山", 2, &["舟", "岱"]), ("3310", "台州", 8, &["台", "椒"]),
    ("3311", "丽水", 2, &["丽", "处"]),
];

const TRADE_CHARS: [&str; 40] = [
    "中", "天", "正", "华", "诚", "信", "明", "达", "通", "恒", "远", "博", "嘉", "瑞", "科", "泽",
    "宇", "合", "新", "建", "海", "力", "鼎", "同", "汇", "方", "源", "清", "蓝", "绿", "泰", "安",
    "德", "致", "衡", "益", "卓", "众", "立", "弘",
];
const SURNAMES: [&str; 20] = [
    "王", "陈", "张", "李", "林", "黄", "吴", "周", "徐", "金", "杨", "朱", "胡", "刘", "郑", "方",
    "叶", "潘", "沈", "钱",
];
const GIVEN: [&str; 24] = [
    "伟", "敏", "杰", "丽", "强", "军", "磊", "洋", "勇", "芳", "涛", "明", "超", "平", "建", "国",
    "志", "海", "峰", "斌", "浩", "波", "晓", "文",
];

/// Whether a generated qualification is valid, about to expire, or expired (on the seeding day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Validity {
    Valid,
    Soon,
    Expired,
}

/// One generated firm.
struct FirmSeed {
    number: u32,
    name: String,
    uscc: Uscc,
    contact: String,
    types: Vec<&'static str>,
    practitioners: i32,
    validity: Validity,
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items
        .get(rng.random_range(0..items.len().max(1)))
        .copied()
        .unwrap_or_default()
}

fn rng(number: u32, stream: u64) -> StdRng {
    StdRng::seed_from_u64(SEED ^ (u64::from(number) << 8) ^ stream)
}

fn base31(mut n: u32, width: usize) -> String {
    const DIGITS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 31) as usize];
        n /= 31;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The archetype of each firm number (1-based), a fixed shuffle of the counts above.
fn archetype_order() -> Vec<usize> {
    let mut order: Vec<usize> = ARCHETYPES
        .iter()
        .enumerate()
        .flat_map(|(i, a)| std::iter::repeat_n(i, a.count as usize))
        .collect();
    order.shuffle(&mut rng(0, 1));
    order
}

fn city(rng: &mut StdRng) -> (&'static str, &'static str, &'static [&'static str]) {
    let total: u32 = CITIES.iter().map(|c| c.2).sum();
    let mut left = rng.random_range(0..total);
    for (prefix, short, weight, local) in CITIES {
        if left < weight {
            return (prefix, short, local);
        }
        left -= weight;
    }
    (CITIES[0].0, CITIES[0].1, CITIES[0].3)
}

fn firm_name(rng: &mut StdRng, archetype: &Archetype, short: &str, local: &[&str]) -> String {
    let place = if rng.random_bool(0.25) {
        "浙江"
    } else {
        short
    };
    let first = if rng.random_bool(0.3) {
        pick(rng, local)
    } else {
        pick(rng, &TRADE_CHARS)
    };
    let second = loop {
        let c = pick(rng, &TRADE_CHARS);
        if c != first {
            break c;
        }
    };
    let form = if rng.random_bool(0.1) {
        "股份有限公司"
    } else {
        "有限公司"
    };
    format!("{place}{first}{second}{}{form}", pick(rng, archetype.words))
}

fn generate(
    number: u32,
    archetype: &Archetype,
    taken: &mut HashSet<String>,
) -> anyhow::Result<FirmSeed> {
    let mut r = rng(number, 2);
    let (prefix, short, local) = city(&mut r);
    let counties: Vec<&str> = region::counties_of(prefix)
        .map(|c| c.code.as_str())
        .collect();
    let county = counties
        .get(r.random_range(0..counties.len().max(1)))
        .map_or_else(|| format!("{prefix}02"), |c| (*c).to_owned());
    let mut name = firm_name(&mut r, archetype, short, local);
    let mut attempt = 3;
    while !taken.insert(name.clone()) {
        name = firm_name(&mut rng(number, attempt), archetype, short, local);
        attempt += 1;
    }
    let first17 = format!("91{county}{MARKER}{}", base31(number, 6));
    let uscc = Uscc::with_check_character(&first17)
        .map_err(|e| anyhow::anyhow!("generated code {first17}: {e}"))?;
    let len = archetype.types.len();
    let offered = if r.random_range(0..100) < archetype.full_percent {
        len.min(6)
    } else {
        r.random_range(1..=len.min(6))
    };
    let spread: f64 = r.random();
    Ok(FirmSeed {
        number,
        name,
        uscc,
        contact: format!("{}{}", pick(&mut r, &SURNAMES), pick(&mut r, &GIVEN)),
        types: archetype.types[..offered].to_vec(),
        practitioners: 5 + (spread * spread * 195.0) as i32,
        validity: match number % 20 {
            7 => Validity::Expired,
            13 => Validity::Soon,
            _ => Validity::Valid,
        },
    })
}

/// The hundred generated firms, numbered from 1.
fn generate_all() -> anyhow::Result<Vec<FirmSeed>> {
    let mut taken = HashSet::new();
    (1..=FIRMS)
        .zip(archetype_order())
        .map(|(number, archetype)| generate(number, &ARCHETYPES[archetype], &mut taken))
        .collect()
}

/// The demo intermediary (浙江演示工程咨询有限公司): the construction consulting types.
const DEMO_TYPES: [&str; 7] = [
    "feasibility_study_report",
    "project_application_report",
    "energy_conservation_assessment",
    "social_stability_risk_assessment",
    "engineering_cost_consulting",
    "bidding_agency",
    "construction_supervision",
];

/// The qualifications its service types need, one per type, at a level from the data.
fn qualifications(
    catalogue: &Catalogue,
    types: &[&str],
    number: u32,
    validity: Validity,
    today: NaiveDate,
) -> Vec<QualificationInput> {
    let codes: BTreeSet<String> = types
        .iter()
        .filter_map(|t| catalogue.types.get(*t)?.qualification.clone())
        .collect();
    let mut r = rng(number, 3);
    codes
        .into_iter()
        .enumerate()
        .filter_map(|(i, code)| {
            let known = qualification_type(&code)?;
            let level = match known.levels.len() {
                0 => String::new(),
                n => known.levels[weighted_level(&mut r).min(n - 1)].clone(),
            };
            let days = match validity {
                Validity::Expired if i == 0 => -r.random_range(15..200),
                Validity::Soon if i == 0 => r.random_range(5..40),
                _ => r.random_range(180..1460),
            };
            let year = r.random_range(2019..2026);
            Some(QualificationInput {
                certificate_number: format!(
                    "浙{}{year}-{:06}",
                    abbreviation(&code),
                    r.random_range(1..999_999)
                ),
                qualification_type: code,
                level,
                expires_on: today + Duration::days(days),
            })
        })
        .collect()
}

/// Most firms hold the top or second level.
fn weighted_level(rng: &mut StdRng) -> usize {
    match rng.random_range(0..10) {
        0..=3 => 0,
        4..=7 => 1,
        8 => 2,
        _ => 3,
    }
}

fn abbreviation(code: &str) -> &'static str {
    match code {
        "surveying" => "测资",
        "engineering_cost_consulting" => "价咨",
        "engineering_consulting" => "咨资",
        "safety_evaluation" => "安评",
        "geological_hazard_assessment" => "地灾",
        "construction_drawing_review_agency" => "图审",
        "soil_water_conservation" => "水保",
        "bidding_agency" => "招代",
        "construction_supervision" => "监理",
        "engineering_investigation" => "勘察",
        "engineering_design" => "设计",
        "urban_rural_planning" => "规划",
        "real_estate_appraisal" => "房估",
        "land_appraisal" => "土估",
        "inspection_testing_cma" => "检测",
        "energy_assessment" => "节能",
        "lightning_protection" => "雷检",
        "occupational_health_service" => "职卫",
        "fire_technical_service" => "消技",
        "environmental_impact_assessment" => "环评",
        _ => "资",
    }
}

fn introduction(catalogue: &Catalogue, name: &str, types: &[&str], practitioners: i32) -> String {
    let names: Vec<&str> = types
        .iter()
        .filter_map(|t| catalogue.types.get(*t).map(|t| t.name_zh.as_str()))
        .collect();
    format!(
        "{name}长期从事{}等涉审中介服务，现有注册从业人员{practitioners}人，服务覆盖全省各类投资项目。",
        names.join("、")
    )
}

/// Makes sure the demo intermediary and the hundred firms exist with their users, profiles and
/// qualifications; answers them, the demo intermediary first.
pub async fn seed(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    cast: &Cast<'_>,
    catalogue: &Catalogue,
    at: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<(Vec<Firm>, FirmsCreated)> {
    let mut created = FirmsCreated::default();
    let demo = cast.intermediary.clone();
    let profile = Profile {
        practitioners: 86,
        introduction: introduction(catalogue, &demo.organisation_name, &DEMO_TYPES, 86),
        contact: IntermediaryContact {
            legal_representative: Some("陈建华".to_owned()),
            phone: Some("0571-86880000".to_owned()),
            email: Some(demo.email.clone()),
        },
        types: &DEMO_TYPES,
        qualifications: qualifications(catalogue, &DEMO_TYPES, 0, Validity::Valid, today),
    };
    created += ensure_profile(db, &demo, catalogue, &profile, at).await?;
    let organisation = accounts::organisation_by_id(db, demo.organisation_id)
        .await?
        .context("the demo intermediary's organisation")?;
    let mut firms = vec![firm(organisation, demo, &DEMO_TYPES, true)];
    for seed in generate_all()? {
        let (made, counts) =
            ensure_firm((db, hasher), cast.password, catalogue, seed, (at, today)).await?;
        created += counts;
        firms.push(made);
    }
    Ok((firms, created))
}

fn firm(organisation: organisation::Model, user: CurrentUser, types: &[&str], good: bool) -> Firm {
    Firm {
        organisation,
        user,
        offered: types.iter().map(|t| (*t).to_owned()).collect(),
        in_good_standing: good,
    }
}

struct Profile<'a> {
    practitioners: i32,
    introduction: String,
    contact: IntermediaryContact,
    types: &'a [&'a str],
    qualifications: Vec<QualificationInput>,
}

async fn ensure_firm(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    password: &str,
    catalogue: &Catalogue,
    seed: FirmSeed,
    (at, today): (DateTime<Utc>, NaiveDate),
) -> anyhow::Result<(Firm, FirmsCreated)> {
    let mut created = FirmsCreated::default();
    let organisation = match accounts::find_organisation_by_uscc(db, seed.uscc.as_str()).await? {
        Some(existing) => existing,
        None => {
            let new = NewOrganisation {
                name: seed.name.clone(),
                kind: OrganisationKind::Intermediary,
                uscc: Some(seed.uscc.to_string()),
                status: OrganisationStatus::Active,
            };
            created.organisations += 1;
            accounts::create_organisation(db, &Actor::system(), new, at)
                .await
                .map_err(|e| anyhow::anyhow!("demo intermediary {}: {e}", seed.name))?
        }
    };
    let email = format!("intermediary-{:03}@demo.qifu.local", seed.number);
    let new = NewUser {
        email: email.clone(),
        display_name: seed.contact.clone(),
        role: Role::Intermediary,
        organisation_id: organisation.public_id,
        password: password.to_owned(),
        locale: Locale::ZhCn,
    };
    let account = match accounts::create_user(db, hasher, &Actor::system(), new, at).await {
        Ok(account) => {
            created.users += 1;
            account
        }
        Err(AccountsError::EmailTaken) => accounts::find_account_by_email(db, &email)
            .await?
            .with_context(|| format!("the demo user {email}"))?,
        Err(e) => return Err(anyhow::anyhow!("demo user {email}: {e}")),
    };
    let user = account.current_user(0, None);
    let profile = Profile {
        practitioners: seed.practitioners,
        introduction: introduction(catalogue, &seed.name, &seed.types, seed.practitioners),
        contact: IntermediaryContact {
            legal_representative: None,
            phone: Some(format!("0571-8{:07}", seed.number)),
            email: Some(user.email.clone()),
        },
        types: &seed.types,
        qualifications: qualifications(catalogue, &seed.types, seed.number, seed.validity, today),
    };
    created += ensure_profile(db, &user, catalogue, &profile, at).await?;
    let good = profile.qualifications.iter().all(|q| q.expires_on >= today);
    Ok((firm(organisation, user, &seed.types, good), created))
}

/// Saves the profile when the firm has none, and each qualification it does not hold.
async fn ensure_profile(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    catalogue: &Catalogue,
    profile: &Profile<'_>,
    at: DateTime<Utc>,
) -> anyhow::Result<FirmsCreated> {
    let mut created = FirmsCreated::default();
    let view = intermediaries::intermediary(db, user, user.organisation_public_id).await?;
    if view.profile.is_none() {
        let update = ProfileUpdate {
            practitioners: profile.practitioners,
            introduction: profile.introduction.clone(),
            contact: profile.contact.clone(),
            service_types: profile
                .types
                .iter()
                .filter_map(|t| catalogue.type_id(t))
                .collect(),
        };
        intermediaries::update_profile(db, user, update, at)
            .await
            .with_context(|| format!("the profile of {}", user.organisation_name))?;
        created.profiles += 1;
    }
    for q in &profile.qualifications {
        let held = view
            .qualifications
            .iter()
            .any(|h| h.qualification_type == q.qualification_type);
        if !held {
            intermediaries::save_qualification(db, user, q.clone(), at)
                .await
                .with_context(|| format!("a qualification of {}", user.organisation_name))?;
            created.qualifications += 1;
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hundred_firms_have_unique_names_and_valid_codes_and_offer_one_to_six_types() {
        let firms = generate_all().unwrap();
        assert_eq!(firms.len(), FIRMS as usize);
        let names: HashSet<&str> = firms.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), firms.len());
        for f in &firms {
            assert_eq!(Uscc::parse(f.uscc.as_str()).unwrap(), f.uscc);
            assert!((1..=6).contains(&f.types.len()), "{}", f.name);
            assert!((5..=200).contains(&f.practitioners));
            assert!(f.name.ends_with("有限公司"));
        }
        let again = generate_all().unwrap();
        assert_eq!(again[41].name, firms[41].name, "deterministic");
    }

    #[test]
    fn archetypes_add_up_to_the_hundred() {
        assert_eq!(ARCHETYPES.iter().map(|a| a.count).sum::<u32>(), FIRMS);
        assert_eq!(base31(31, 3), "010");
    }
}

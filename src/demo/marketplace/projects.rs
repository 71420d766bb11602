//! The owners' investment projects: five of the demo enterprise's and three of each generated
//! owner's (who gets a user `enterprise-NNN@demo.qifu.local`), with valid national project codes
//! `YYYY-XXXXXX-XX-XX-XXXXXX` in the owner's Zhejiang division, registered through the project
//! use case. A project is known by its code.

use anyhow::Context;
use chrono::{DateTime, Datelike, Utc};
use entities::project;
use rand::{rngs::StdRng, Rng, SeedableRng};

use sea_orm::DatabaseConnection;

use super::{Cast, OwnerOrganisation};
use crate::{
    accounts::{self, AccountsError, Locale, NewUser, Role},
    audit::Actor,
    auth::{CurrentUser, PasswordHasher},
    calendar::CHINA,
    marketplace::procurement::service::{self as procurements, ProjectDefinition},
};

const SEED: u64 = 0x51F0_2026_7B0C;
const DEMO_PROJECTS: usize = 5;
const OWNER_PROJECTS: usize = 3;

/// A project and the user who owns it.
#[derive(Debug, Clone)]
pub struct Site {
    pub owner: CurrentUser,
    pub project: project::Model,
    /// Whether the owner is the demo enterprise.
    pub demo: bool,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct OwnersCreated {
    pub users: usize,
    pub projects: usize,
}

/// What a project is called and built for: the name after the owner's, and the description.
#[rustfmt::skip]
const KINDS: [(&str, &str); 8] = [
    ("研发中心及总部大楼建设项目", "新建研发中心及总部办公楼，总建筑面积约{area}平方米，配套建设地下停车库。"),
    ("年产{n}万件（套）产品智能化生产线项目", "新建生产厂房及配套用房，购置自动化生产线{lines}条，达产后新增年产能{n}万件（套）。"),
    ("数字化智能工厂技术改造项目", "利用现有厂房实施数字化改造，新增智能仓储和生产执行系统，改造面积约{area}平方米。"),
    ("新厂区一期工程", "新征工业用地约{mu}亩，一期建设标准厂房、仓库及综合楼，总建筑面积约{area}平方米。"),
    ("仓储物流中心建设项目", "新建高标准仓库和分拣中心，总建筑面积约{area}平方米，配套建设装卸平台。"),
    ("厂房扩建项目", "在现有厂区内扩建生产厂房，新增建筑面积约{area}平方米。"),
    ("职工宿舍及配套设施建设项目", "新建职工宿舍、食堂及配套设施，总建筑面积约{area}平方米。"),
    ("屋顶分布式光伏发电及储能项目", "利用厂房屋顶建设分布式光伏约{mw}兆瓦，配套建设储能设施。"),
];

/// The owner's name without its company form, for project names.
fn short_name(name: &str) -> &str {
    name.trim_end_matches("股份有限公司")
        .trim_end_matches("有限公司")
}

fn fill(template: &str, rng: &mut StdRng) -> String {
    template
        .replace("{area}", &(rng.random_range(12..180) * 1000).to_string())
        .replace("{n}", &rng.random_range(5..60).to_string())
        .replace("{lines}", &rng.random_range(3..12).to_string())
        .replace("{mu}", &rng.random_range(40..260).to_string())
        .replace("{mw}", &rng.random_range(2..15).to_string())
}

/// The `index`-th project of owner `owner` (0: the demo enterprise).
fn definition(
    owner: usize,
    index: usize,
    name: &str,
    (region, industry): (&str, &str),
    year: i32,
) -> ProjectDefinition {
    let mut rng = StdRng::seed_from_u64(SEED ^ ((owner as u64) << 16) ^ index as u64);
    let (kind, description) = KINDS[(owner * 3 + index * 5) % KINDS.len()];
    let industry_division: String = industry.chars().skip(1).take(2).collect();
    let industry_division = if industry_division.len() == 2 {
        industry_division
    } else {
        "34".to_owned()
    };
    // 03: a filed (备案) enterprise project.
    let serial = 800_000 + owner * 1_000 + index * 37 + rng.random_range(0..30);
    let investment_yuan: i64 = rng.random_range(50..800) * 1_000_000;
    ProjectDefinition {
        name: format!("{}{}", short_name(name), fill(kind, &mut rng)),
        code: format!("{year}-{region}-{industry_division}-03-{serial:06}"),
        division_code: region.to_owned(),
        investment_fen: investment_yuan * 100,
        description: fill(description, &mut rng),
    }
}

/// Makes sure every owner has its user and projects; answers the projects, the demo
/// enterprise's first.
pub async fn seed(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    cast: &Cast<'_>,
    at: DateTime<Utc>,
) -> anyhow::Result<(Vec<Site>, OwnersCreated)> {
    let mut created = OwnersCreated::default();
    let year = at.with_timezone(&CHINA).year();
    let demo = (
        cast.enterprise_region.as_str(),
        cast.enterprise_industry.as_str(),
    );
    let mut sites = Vec::new();
    for index in 0..DEMO_PROJECTS {
        let d = definition(0, index, &cast.enterprise.organisation_name, demo, year);
        let (project, new) = ensure_project(db, &cast.enterprise, d, at).await?;
        created.projects += usize::from(new);
        sites.push(Site {
            owner: cast.enterprise.clone(),
            project,
            demo: true,
        });
    }
    for (number, owner) in (1..).zip(&cast.owners) {
        let (user, new) = ensure_owner_user((db, hasher), cast.password, number, owner, at).await?;
        created.users += usize::from(new);
        let of = (owner.region.as_str(), owner.industry.as_str());
        for index in 0..OWNER_PROJECTS {
            let d = definition(number, index, &owner.organisation.name, of, year);
            let (project, new) = ensure_project(db, &user, d, at).await?;
            created.projects += usize::from(new);
            sites.push(Site {
                owner: user.clone(),
                project,
                demo: false,
            });
        }
    }
    Ok((sites, created))
}

async fn ensure_owner_user(
    (db, hasher): (&DatabaseConnection, &PasswordHasher),
    password: &str,
    number: usize,
    owner: &OwnerOrganisation,
    at: DateTime<Utc>,
) -> anyhow::Result<(CurrentUser, bool)> {
    let email = format!("enterprise-{number:03}@demo.qifu.local");
    let new = NewUser {
        email: email.clone(),
        display_name: format!("{}项目负责人", short_name(&owner.organisation.name)),
        role: Role::Enterprise,
        organisation_id: owner.organisation.public_id,
        password: password.to_owned(),
        locale: Locale::ZhCn,
    };
    match accounts::create_user(db, hasher, &Actor::system(), new, at).await {
        Ok(account) => Ok((account.current_user(0, None), true)),
        Err(AccountsError::EmailTaken) => {
            let account = accounts::find_account_by_email(db, &email)
                .await?
                .with_context(|| format!("the demo user {email}"))?;
            Ok((account.current_user(0, None), false))
        }
        Err(e) => Err(anyhow::anyhow!("demo user {email}: {e}")),
    }
}

async fn ensure_project(
    db: &sea_orm::DatabaseConnection,
    owner: &CurrentUser,
    definition: ProjectDefinition,
    at: DateTime<Utc>,
) -> anyhow::Result<(project::Model, bool)> {
    let existing = procurements::projects(db, owner).await?;
    // By name as well: the code's year is the seeding window's.
    let same = |p: &project::Model| p.code == definition.code || p.name == definition.name;
    if let Some(p) = existing.into_iter().find(same) {
        return Ok((p, false));
    }
    let code = definition.code.clone();
    let created = procurements::create_project(db, owner, definition, at)
        .await
        .with_context(|| format!("demo project {code}"))?;
    Ok((created, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marketplace::model::ProjectCode;

    #[test]
    fn project_codes_are_valid_and_distinct() {
        let mut codes = std::collections::BTreeSet::new();
        for owner in 0..5 {
            for index in 0..5 {
                let d = definition(
                    owner,
                    index,
                    "杭州演示智能科技有限公司",
                    ("330106", "I6513"),
                    2026,
                );
                let code = ProjectCode::parse(&d.code).unwrap();
                assert_eq!(code.division(), "330106");
                assert!(codes.insert(d.code.clone()), "{}", d.code);
                assert!(d.name.starts_with("杭州演示智能科技"), "{}", d.name);
            }
        }
    }
}

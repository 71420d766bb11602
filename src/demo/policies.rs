//! Demo policies for `qifu seed --demo`: twenty enterprise-support policies of the kind Zhejiang's
//! districts publish (研发投入补助, 高企认定奖励, 专精特新, 首贷贴息, 稳岗返还, 人才引进, 出口信保,
//! 数字化改造, 上规升级, 亩均效益 …) at the four levels, cut into a hundred clauses, each with its
//! condition in the condition language's text form, its benefit, amount rule, window and
//! materials. The policies are fictitious, modelled on real ones; document numbers and links are
//! the demo's own. Windows are days around the seed date, so most are open whenever the demo is
//! seeded. Everything goes through the policy use cases as the demo centre administrator, keyed
//! by document number and clause title, so a second run creates nothing; a clause takes its
//! status (published, draft or withdrawn) when it is created. The demo enterprise's activity —
//! automatic grants confirmed, one of them paid by its department — goes through the
//! application use cases.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    auth::CurrentUser,
    configuration::PolicySettings,
    enterprises::{self, today_in_china, ConditionSource},
    policies::{
        self, applications,
        model::{AmountBasis, AmountRule, ClauseMode, ClauseStatus, PolicyLevel, Window},
        ClauseCache, ClauseDraft, PolicyDraft,
    },
};

/// Where the demo policies' source links point.
const SOURCE_HOST: &str = "https://zwgk.demo.qifu.local/policies";

/// When a clause takes applications, in days from the seed date.
#[derive(Debug, Clone, Copy)]
enum Span {
    /// No window: accepted all year (常年受理).
    Always,
    Days(i64, i64),
}

const OPEN: Span = Span::Days(-30, 60);
const LONG: Span = Span::Days(-90, 180);
const CLOSED: Span = Span::Days(-150, -40);
const UPCOMING: Span = Span::Days(20, 80);
const ALWAYS: Span = Span::Always;

impl Span {
    fn window(self, today: NaiveDate) -> Window {
        match self {
            Self::Always => Window::default(),
            Self::Days(opens, closes) => Window {
                opens_on: Some(today + Duration::days(opens)),
                closes_on: Some(today + Duration::days(closes)),
            },
        }
    }
}

struct ClauseSeed {
    title: &'static str,
    condition: &'static str,
    benefit: &'static str,
    amount: AmountRule,
    span: Span,
    materials: &'static [&'static str],
    mode: ClauseMode,
    status: ClauseStatus,
}

impl ClauseSeed {
    const fn draft(self) -> Self {
        Self {
            status: ClauseStatus::Draft,
            ..self
        }
    }

    const fn withdrawn(self) -> Self {
        Self {
            status: ClauseStatus::Withdrawn,
            ..self
        }
    }
}

/// A published clause the enterprise applies for (申报).
const fn apply(
    title: &'static str,
    condition: &'static str,
    benefit: &'static str,
    amount: AmountRule,
    span: Span,
    materials: &'static [&'static str],
) -> ClauseSeed {
    ClauseSeed {
        title,
        condition,
        benefit,
        amount,
        span,
        materials,
        mode: ClauseMode::Apply,
        status: ClauseStatus::Published,
    }
}

/// A published automatic grant (免申即享): no materials, no window.
const fn grant(
    title: &'static str,
    condition: &'static str,
    benefit: &'static str,
    amount: AmountRule,
) -> ClauseSeed {
    ClauseSeed {
        title,
        condition,
        benefit,
        amount,
        span: ALWAYS,
        materials: &[],
        mode: ClauseMode::AutoGrant,
        status: ClauseStatus::Published,
    }
}

/// A fixed sum, in yuan.
const fn fixed(yuan: i64) -> AmountRule {
    AmountRule {
        fixed_fen: Some(yuan * 100),
        basis: None,
        rate_bp: None,
        cap_fen: None,
    }
}

/// At most this many yuan (the amount depends on figures the profile does not hold).
const fn up_to(yuan: i64) -> AmountRule {
    AmountRule {
        fixed_fen: None,
        basis: None,
        rate_bp: None,
        cap_fen: Some(yuan * 100),
    }
}

/// `rate_bp` basis points of a profile figure, at most `cap_yuan`.
const fn rate(basis: AmountBasis, rate_bp: i32, cap_yuan: i64) -> AmountRule {
    AmountRule {
        fixed_fen: None,
        basis: Some(basis),
        rate_bp: Some(rate_bp),
        cap_fen: Some(cap_yuan * 100),
    }
}

/// A benefit that is not money (priority, a service, a tax treatment estimated elsewhere).
const NO_AMOUNT: AmountRule = AmountRule {
    fixed_fen: None,
    basis: None,
    rate_bp: None,
    cap_fen: None,
};

const RD: AmountBasis = AmountBasis::RdSpending;
const REVENUE: AmountBasis = AmountBasis::Revenue;

struct PolicySeed {
    document_number: &'static str,
    title: &'static str,
    /// The issuing department's key among the demo providers.
    issuer: &'static str,
    level: PolicyLevel,
    effective_from: &'static str,
    effective_to: Option<&'static str>,
    /// The link's path on [`SOURCE_HOST`].
    source: &'static str,
    summary: &'static str,
    clauses: &'static [ClauseSeed],
}

// ---- materials ----

const M_FINANCE: &[&str] = &["上年度财务审计报告", "申报表（加盖公章）"];
const M_RD: &[&str] = &[
    "研发费用专项审计报告",
    "研发项目立项及结题资料",
    "上年度企业所得税年度纳税申报表",
];
const M_PROJECT: &[&str] = &[
    "项目可行性研究报告",
    "设备及软件购置合同和发票",
    "项目验收报告",
];
const M_LOAN: &[&str] = &["借款合同", "贷款发放凭证", "利息支付凭证"];
const M_TALENT: &[&str] = &["人才身份证明及学历学位证书", "劳动合同", "社保缴纳证明"];
const M_EXPORT: &[&str] = &["出口报关单汇总表", "相关合同及付款凭证"];
const M_CERTIFICATE: &[&str] = &["认定证书或公示文件", "申报表（加盖公章）"];
const M_EMPLOYMENT: &[&str] = &["用工花名册", "社保缴纳明细", "劳动合同"];
const M_LEGAL: &[&str] = &["服务合同", "服务费用发票", "服务成果（报告或文书）"];
const M_LAND: &[&str] = &["土地出让或租赁合同", "项目备案文件", "申报表（加盖公章）"];

// ---- the policies ----

#[rustfmt::skip]
const POLICIES: [PolicySeed; 20] = [
    PolicySeed {
        document_number: "演政发〔2025〕3号", title: "演示区关于推动经济高质量发展的若干政策",
        issuer: "economy", level: PolicyLevel::District,
        effective_from: "2025-01-01", effective_to: Some("2027-12-31"), source: "2025/yzf-2025-3",
        summary: "从工业稳进提质、数字化改造、企业上市、首台套应用等方面支持实体经济发展，按年度集中申报。",
        clauses: &[
            apply("规上工业企业首次上规奖励", r#"all(industry within "C", revenue between [20000000元, 40000000元], region within "3301")"#,
                "对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。", fixed(100_000), OPEN, &["上规入库证明", "上年度财务审计报告"]),
            apply("服务业企业小升规奖励", r#"all(any(industry within "I", industry within "L", industry within "M"), revenue >= 10000000元, region within "3301")"#,
                "对首次纳入规模以上服务业统计的企业，给予一次性奖励5万元。", fixed(50_000), OPEN, &["上规入库证明", "上年度财务审计报告"]),
            grant("亩均效益A类企业奖励", r#"all(industry within "C", tags has "above_designated_size", tax_credit_grade in ["A", "B"])"#,
                "亩均效益综合评价为A类的规上工业企业，免申即享奖励20万元。", fixed(200_000)),
            apply("数字化改造项目补助", r#"all(industry within "C", revenue >= 5000000元, region within "3301")"#,
                "按数字化改造项目设备和软件投入的15%给予补助，最高200万元。", up_to(2_000_000), OPEN, M_PROJECT),
            apply("工业企业技术改造投资补助", r#"all(industry within "C", tags has "above_designated_size")"#,
                "对年度设备投资500万元以上的技改项目，按设备投资额的10%补助，最高500万元。", up_to(5_000_000), CLOSED, M_PROJECT),
            apply("企业上市挂牌奖励", r#"all(revenue >= 100000000元, region within "3301", not(tags has "tax_credit_concern"))"#,
                "企业在沪深北交易所首发上市的，分阶段给予最高500万元奖励；本条款为股改阶段奖励50万元。", fixed(500_000), ALWAYS, &["股份制改造完成证明", "辅导备案受理文件"]),
            apply("总部企业落户奖励", r#"all(revenue >= 500000000元, region within "3301")"#,
                "新引进总部企业，按上年度营业收入的0.5%给予落户奖励，最高1000万元。", rate(REVENUE, 50, 10_000_000), OPEN, M_FINANCE).draft(),
            apply("首台（套）装备保险补偿", r#"all(industry within "C", any(tags has "specialised_innovative", tags has "high_tech"))"#,
                "对投保首台（套）重大技术装备综合保险的企业，按保费的80%给予补偿，最高300万元。", up_to(3_000_000), OPEN, &["首台（套）认定文件", "保险合同及保费发票"]),
        ],
    },
    PolicySeed {
        document_number: "演科〔2025〕8号", title: "演示区关于支持企业加大研发投入的实施细则",
        issuer: "science", level: PolicyLevel::District,
        effective_from: "2025-03-01", effective_to: None, source: "2025/yk-2025-8",
        summary: "以企业上年度研发费用为基数给予补助，鼓励企业建设研发平台、开展产学研合作。",
        clauses: &[
            apply("企业研发投入补助", r#"all(region within "3301", rd_spending >= 1000000元, not(tax_credit_grade in ["C", "D"]))"#,
                "按上年度研发费用的10%给予补助，最高50万元。", rate(RD, 1000, 500_000), OPEN, M_RD),
            apply("高新技术企业研发投入增量奖励", r#"all(rd_spending >= 5000000元, tags has "high_tech")"#,
                "高新技术企业研发费用增长部分按5%给予奖励，最高100万元。", rate(RD, 500, 1_000_000), OPEN, M_RD),
            grant("科技型中小企业研发费用补助", r#"all(qualifications has "tech_sme", rd_spending >= 500000元, region within "3301")"#,
                "入库科技型中小企业按上年度研发费用的5%免申即享补助，最高20万元。", rate(RD, 500, 200_000)),
            apply("省级研发平台建设奖励", r#"tags has "provincial_rd_platform""#,
                "新认定省级企业技术中心或省级高新技术企业研究开发中心的，奖励50万元。", fixed(500_000), OPEN, M_CERTIFICATE),
            apply("省级企业研究院认定奖励", r#"qualifications has "provincial_rd_center""#,
                "新认定省级企业研究院的，奖励100万元。", fixed(1_000_000), OPEN, M_CERTIFICATE).draft(),
            apply("产学研合作项目补助", r#"all(rd_spending >= 2000000元, any(tags has "high_tech", tags has "tech_based_sme"))"#,
                "与高校院所签订技术开发合同并实际支付的，按支付额的20%补助，最高30万元。", up_to(300_000), OPEN, &["技术开发合同（已登记）", "付款凭证"]),
        ],
    },
    PolicySeed {
        document_number: "演科〔2024〕21号", title: "演示区高新技术企业培育和认定奖励办法",
        issuer: "science", level: PolicyLevel::District,
        effective_from: "2024-06-01", effective_to: Some("2027-05-31"), source: "2024/yk-2024-21",
        summary: "对入库培育、首次认定和重新认定的高新技术企业分档奖励。",
        clauses: &[
            grant("首次认定高新技术企业奖励", r#"all(qualifications has "high_tech_enterprise", years_since_founding < 10)"#,
                "首次认定的高新技术企业，免申即享奖励30万元。", fixed(300_000)),
            apply("重新认定高新技术企业奖励", r#"all(qualifications has "high_tech_enterprise", years_since_founding >= 6)"#,
                "有效期满重新认定的高新技术企业，奖励10万元。", fixed(100_000), OPEN, M_CERTIFICATE),
            apply("高企培育入库奖励", r#"all(qualifications has "tech_sme", not(qualifications has "high_tech_enterprise"), rd_spending >= 1000000元)"#,
                "列入高新技术企业培育库的科技型中小企业，奖励10万元。", fixed(100_000), OPEN, M_RD),
            apply("外地高新技术企业整体迁入奖励", r#"all(qualifications has "high_tech_enterprise", years_since_founding >= 1)"#,
                "有效期内的高新技术企业整体迁入本区的，奖励50万元。", fixed(500_000), ALWAYS, &["迁入登记证明", "高新技术企业证书"]).draft(),
            apply("高企申报辅导费用补助", r#"all(tags has "tech_based_sme", employees >= 10)"#,
                "委托服务机构开展高企申报辅导的，按服务费的50%补助，最高3万元。", up_to(30_000), CLOSED, M_LEGAL),
        ],
    },
    PolicySeed {
        document_number: "浙科发高〔2024〕35号", title: "浙江省科技型中小企业评价和扶持办法",
        issuer: "science", level: PolicyLevel::Provincial,
        effective_from: "2024-04-01", effective_to: Some("2028-12-31"), source: "2024/zkfg-2024-35",
        summary: "对评价入库的科技型中小企业给予奖励、创新券和贷款贴息支持，由区科技局受理。",
        clauses: &[
            grant("科技型中小企业入库奖励", r#"qualifications has "tech_sme""#,
                "当年评价入库的科技型中小企业，免申即享奖励2万元。", fixed(20_000)),
            apply("科技创新券（研发服务）", r#"all(any(tags has "tech_based_sme", tags has "startup_enterprise"), employees <= 300)"#,
                "购买检验检测、研发设计等科技服务的，创新券抵扣服务费的50%，每家每年最高30万元。", up_to(300_000), LONG, &["科技服务合同", "服务费发票"]),
            apply("科技型中小企业贷款贴息", r#"all(qualifications has "tech_sme", tax_credit_grade in ["A", "B", "M"])"#,
                "按贷款基准利率的50%给予贴息，最高20万元。", up_to(200_000), OPEN, M_LOAN),
            apply("创新型中小企业认定激励", r#"qualifications has "innovative_sme""#,
                "新认定的创新型中小企业，奖励5万元。", fixed(50_000), OPEN, M_CERTIFICATE),
            apply("科技企业孵化器在孵企业房租补贴", r#"all(tags has "startup_enterprise", employees <= 50)"#,
                "在省级以上孵化器内的初创企业，按实际房租的50%补贴两年，每年最高10万元。", up_to(100_000), OPEN, &["孵化协议", "房租缴纳凭证"]),
        ],
    },
    PolicySeed {
        document_number: "杭经信〔2024〕56号", title: "杭州市促进专精特新中小企业高质量发展若干措施",
        issuer: "economy", level: PolicyLevel::City,
        effective_from: "2024-07-01", effective_to: Some("2027-06-30"), source: "2024/hjx-2024-56",
        summary: "梯度培育创新型中小企业、专精特新中小企业和专精特新“小巨人”企业。",
        clauses: &[
            grant("省级专精特新中小企业认定奖励", r#"qualifications has "specialised_sme""#,
                "新认定的省级专精特新中小企业，免申即享奖励30万元。", fixed(300_000)),
            grant("国家级专精特新“小巨人”认定奖励", r#"qualifications has "little_giant""#,
                "新认定的国家级专精特新“小巨人”企业，免申即享奖励100万元。", fixed(1_000_000)),
            apply("专精特新企业研发投入补助", r#"all(tags has "specialised_innovative", rd_spending >= 3000000元)"#,
                "按上年度研发费用的8%补助，最高80万元。", rate(RD, 800, 800_000), OPEN, M_RD),
            apply("专精特新企业融资担保费补助", r#"all(tags has "specialised_innovative", tags has "sme_enterprise")"#,
                "通过政府性融资担保机构获得贷款的，按担保费的50%补助，最高10万元。", up_to(100_000), OPEN, &["担保合同", "担保费发票"]),
            apply("专精特新培育库入库奖励", r#"all(tags has "sme_enterprise", any(tags has "tech_based_sme", tags has "high_tech"), rd_spending >= 1000000元, years_since_founding >= 3)"#,
                "列入市专精特新培育库的中小企业，奖励5万元。", fixed(50_000), OPEN, M_FINANCE),
            apply("“小巨人”企业上市培育奖励", r#"all(qualifications has "little_giant", revenue >= 200000000元)"#,
                "“小巨人”企业完成股改并辅导备案的，奖励50万元。", fixed(500_000), OPEN, &["辅导备案受理文件"]).draft(),
        ],
    },
    PolicySeed {
        document_number: "演财〔2025〕11号", title: "演示区首贷续贷贴息和融资担保扶持办法",
        issuer: "finance", level: PolicyLevel::District,
        effective_from: "2025-02-01", effective_to: Some("2027-12-31"), source: "2025/yc-2025-11",
        summary: "缓解中小微企业融资难融资贵：首贷贴息、续贷转贷补助、政策性担保费补助和知识产权质押融资贴息。",
        clauses: &[
            apply("小微企业首贷贴息", r#"all(size_class in ["small", "micro"], region within "3301", not(tax_credit_grade in ["C", "D"]))"#,
                "首次获得银行贷款的小微企业，按实际支付利息的50%贴息，最高10万元。", up_to(100_000), OPEN, M_LOAN),
            apply("续贷转贷费用补助", r#"all(tags has "sme_enterprise", region within "3301")"#,
                "通过无还本续贷或应急转贷资金续贷的，按转贷费用的50%补助，最高5万元。", up_to(50_000), OPEN, M_LOAN),
            grant("政策性融资担保费补助", r#"all(tags has "sme_enterprise", tax_credit_grade in ["A", "B"])"#,
                "通过区政策性融资担保机构担保的贷款，担保费超过1%的部分免申即享补助，最高3万元。", up_to(30_000)),
            apply("知识产权质押融资贴息", r#"all(any(tags has "high_tech", tags has "tech_based_sme"), region within "3301")"#,
                "以知识产权质押获得贷款的，按贷款利息的50%贴息，最高20万元。", up_to(200_000), OPEN, &["知识产权质押登记通知书", "借款合同", "利息支付凭证"]),
            apply("银行贷款风险池补偿", r#"all(tags has "sme_enterprise", tags has "startup_enterprise")"#,
                "合作银行向初创企业发放的信用贷款形成损失的，由风险池按40%补偿。", NO_AMOUNT, ALWAYS, M_LOAN).draft(),
        ],
    },
    PolicySeed {
        document_number: "演人社〔2025〕5号", title: "演示区稳岗扩就业若干措施",
        issuer: "hr", level: PolicyLevel::District,
        effective_from: "2025-01-01", effective_to: Some("2027-12-31"), source: "2025/yrs-2025-5",
        summary: "失业保险稳岗返还、一次性扩岗补助、吸纳高校毕业生社保补贴和以工代训补贴。",
        clauses: &[
            grant("失业保险稳岗返还", r#"all(region within "33", employees >= 10, not(tax_credit_grade in ["C", "D"]))"#,
                "上年度未裁员或裁员率不高于城镇调查失业率控制目标的参保企业，中小微企业按上年度实际缴纳失业保险费的60%返还，免申即享。", up_to(500_000)),
            apply("一次性扩岗补助", r#"all(employees >= 20, region within "3301")"#,
                "招用毕业年度高校毕业生并参保满3个月的，按每人1500元给予补助，最高3万元。", up_to(30_000), OPEN, M_EMPLOYMENT),
            apply("吸纳高校毕业生社保补贴", r#"all(tags has "sme_enterprise", employees >= 5)"#,
                "小微企业吸纳离校2年内高校毕业生的，按实际缴纳的社会保险费给予补贴，最高10万元。", up_to(100_000), OPEN, M_EMPLOYMENT),
            apply("以工代训补贴", r#"all(industry within "C", employees >= 50)"#,
                "组织新招用员工以工代训的，按每人每月500元补贴，最长6个月。", up_to(200_000), CLOSED, M_EMPLOYMENT),
            apply("困难企业稳岗补贴", r#"all(tags has "sme_enterprise", tax_credit_grade in ["A", "B", "M"])"#,
                "暂时生产经营困难且恢复有望的企业，按上年度参保职工人数每人600元补贴。", up_to(100_000), OPEN, M_EMPLOYMENT).withdrawn(),
        ],
    },
    PolicySeed {
        document_number: "演人才〔2024〕2号", title: "演示区高层次人才引进培育实施办法",
        issuer: "hr", level: PolicyLevel::District,
        effective_from: "2024-05-01", effective_to: None, source: "2024/yrc-2024-2",
        summary: "支持企业引进顶尖人才和高层次人才团队，建设博士后工作站，给予人才生活和住房保障。",
        clauses: &[
            apply("顶尖人才创新项目资助", r#"all(any(tags has "high_tech", tags has "specialised_innovative"), rd_spending >= 5000000元)"#,
                "企业全职引进顶尖人才领衔创新项目的，经评审给予最高1000万元项目资助。", up_to(10_000_000), LONG, M_TALENT),
            apply("企业引进高层次人才奖励", r#"all(employees >= 50, rd_spending >= 1000000元)"#,
                "企业全职引进A至D类高层次人才的，按人才层次给予企业引才奖励，最高50万元。", up_to(500_000), OPEN, M_TALENT),
            apply("青年人才生活补贴（企业代报）", r#"all(region within "3301", employees >= 10)"#,
                "企业新引进的全日制硕士、博士研究生，由企业代为申报生活补贴，每人每年最高5万元。", up_to(100_000), ALWAYS, M_TALENT),
            apply("博士后工作站建站资助", r#"all(any(tags has "provincial_rd_platform", tags has "high_tech"), employees >= 100)"#,
                "新设立博士后工作站的企业，给予建站资助50万元。", fixed(500_000), OPEN, M_CERTIFICATE),
            apply("企业人才租房补贴", r#"all(region within "3301", any(tags has "high_tech", tags has "tech_based_sme", tags has "key_cultivation"))"#,
                "为引进人才租赁住房的重点企业，按租金的50%补贴，每家每年最高5万元。", up_to(50_000), OPEN, &["租赁合同", "租金支付凭证", "入住人员名单"]),
        ],
    },
    PolicySeed {
        document_number: "浙商务发〔2025〕7号", title: "浙江省推进外贸稳规模优结构若干措施",
        issuer: "commerce", level: PolicyLevel::Provincial,
        effective_from: "2025-03-01", effective_to: Some("2027-12-31"), source: "2025/zswf-2025-7",
        summary: "扩大出口信用保险覆盖面，支持企业参加境外展会、建设海外仓、培育出口品牌，由区商务局受理。",
        clauses: &[
            apply("出口信用保险保费补助", r#"all(tags has "export_enterprise", region within "33")"#,
                "投保短期出口信用保险的，按实缴保费的50%补助，最高50万元。", up_to(500_000), OPEN, &["出口信用保险保单", "保费支付凭证"]),
            grant("小微外贸企业出口信保统保", r#"all(tags has "export_enterprise", size_class in ["small", "micro"])"#,
                "上年度出口额500万美元以下的小微外贸企业由统保平台免费投保，免申即享。", up_to(20_000)),
            apply("境外展会参展补助", r#"tags has "export_enterprise""#,
                "参加境外重点展会的，按展位费的70%补助，每家每年最高10万元。", up_to(100_000), OPEN, &["参展合同", "展位费发票", "参展照片"]),
            apply("浙江出口名牌奖励", r#"qualifications has "famous_trademark""#,
                "新认定浙江出口名牌的，奖励20万元。", fixed(200_000), CLOSED, M_CERTIFICATE),
            apply("跨境电商海外仓建设补助", r#"all(tags has "export_enterprise", revenue >= 50000000元)"#,
                "新建或租赁海外仓面积1000平方米以上的，按投入的20%补助，最高100万元。", up_to(1_000_000), UPCOMING, &["海外仓租赁或建设合同", "投入凭证", "海外仓运营情况说明"]),
        ],
    },
    PolicySeed {
        document_number: "演商务〔2025〕4号", title: "演示区促进商贸流通和服务贸易发展的若干政策",
        issuer: "commerce", level: PolicyLevel::District,
        effective_from: "2025-04-01", effective_to: Some("2027-12-31"), source: "2025/ysw-2025-4",
        summary: "支持商贸企业升规、服务外包和文化出口，传承发展老字号。",
        clauses: &[
            apply("限上商贸企业升规奖励", r#"all(any(industry within "F", industry within "H"), revenue >= 20000000元)"#,
                "首次纳入限额以上统计的批发零售、住宿餐饮企业，奖励10万元。", fixed(100_000), OPEN, &["限上入库证明", "上年度财务审计报告"]),
            apply("服务外包离岸执行额奖励", r#"all(any(industry within "I", industry within "M"), tags has "export_enterprise")"#,
                "服务外包离岸执行额每100万美元奖励5万元，最高50万元。", up_to(500_000), OPEN, &["服务外包合同", "外汇收入凭证"]),
            apply("国家文化出口重点企业奖励", r#"qualifications has "cultural_export""#,
                "新认定国家文化出口重点企业的，奖励30万元。", fixed(300_000), OPEN, M_CERTIFICATE),
            apply("老字号传承发展补助", r#"all(years_since_founding >= 30, industry within "F")"#,
                "老字号企业开展技艺传承、门店改造的，按投入的30%补助，最高20万元。", up_to(200_000), OPEN, M_PROJECT).draft(),
            apply("数字贸易企业培育奖励", r#"all(industry within "I", tags has "export_enterprise", revenue >= 10000000元)"#,
                "数字贸易额年增长20%以上的企业，奖励20万元。", fixed(200_000), OPEN, M_EXPORT),
        ],
    },
    PolicySeed {
        document_number: "演经信〔2025〕15号", title: "演示区数字经济高质量发展扶持政策",
        issuer: "economy", level: PolicyLevel::District,
        effective_from: "2025-05-01", effective_to: Some("2027-12-31"), source: "2025/yjx-2025-15",
        summary: "支持软件和信息服务业做大做强，推动企业上云用云、智能工厂建设和工业互联网平台发展。",
        clauses: &[
            apply("软件和信息服务业营收增长奖励", r#"all(industry within "I", revenue >= 20000000元, region within "3301")"#,
                "营业收入首次突破2000万元、5000万元、1亿元的软件企业，分档奖励，本档20万元。", fixed(200_000), OPEN, M_FINANCE),
            grant("企业上云用云补助", r#"all(tags has "sme_enterprise", employees >= 10, region within "3301")"#,
                "中小企业购买云服务的，按费用的30%免申即享补助，最高5万元。", up_to(50_000)),
            apply("数字化车间和智能工厂认定奖励", r#"all(industry within "C", tags has "above_designated_size")"#,
                "新认定省级数字化车间、智能工厂的，分别奖励50万元、100万元；本档50万元。", fixed(500_000), OPEN, M_CERTIFICATE),
            apply("工业互联网平台建设补助", r#"all(industry within "I", rd_spending >= 3000000元)"#,
                "建设行业级工业互联网平台的，按平台投入的20%补助，最高200万元。", up_to(2_000_000), OPEN, M_PROJECT),
            apply("首版次软件产品奖励", r#"all(industry within "I65", tags has "high_tech")"#,
                "列入省首版次软件产品的，奖励30万元。", fixed(300_000), OPEN, M_CERTIFICATE),
            apply("人工智能场景应用示范项目补助", r#"all(tags has "digital_economy", rd_spending >= 5000000元)"#,
                "入选区人工智能应用示范场景的，按项目投入的30%补助，最高100万元。", up_to(1_000_000), UPCOMING, M_PROJECT).draft(),
        ],
    },
    PolicySeed {
        document_number: "演发改〔2025〕9号", title: "演示区绿色低碳发展专项资金管理办法",
        issuer: "development", level: PolicyLevel::District,
        effective_from: "2025-01-15", effective_to: Some("2027-12-31"), source: "2025/yfg-2025-9",
        summary: "支持绿色工厂创建、分布式光伏、节能技术改造和用能权交易。",
        clauses: &[
            grant("绿色工厂认定奖励", r#"qualifications has "green_factory""#,
                "新认定省级以上绿色工厂的，免申即享奖励30万元。", fixed(300_000)),
            apply("分布式光伏项目补助", r#"all(industry within "C", tags has "above_designated_size")"#,
                "利用厂房屋顶建设分布式光伏并网的，按装机容量每千瓦100元补助，最高100万元。", up_to(1_000_000), OPEN, &["并网验收意见", "项目备案文件", "装机容量证明"]),
            apply("节能技术改造补助", r#"all(industry within "C", revenue >= 20000000元, not(tags has "tax_credit_concern"))"#,
                "年节能量500吨标准煤以上的技改项目，按投资额的15%补助，最高200万元。", up_to(2_000_000), CLOSED, &["节能量审核报告", "项目验收报告"]),
            apply("用能权有偿使用费减免", r#"tags has "green_low_carbon""#,
                "绿色低碳企业新增用能权有偿使用费按50%减免，最高50万元。", up_to(500_000), OPEN, &["用能权交易凭证", "申报表（加盖公章）"]),
        ],
    },
    PolicySeed {
        document_number: "演发改〔2025〕12号", title: "演示区服务业高质量发展专项资金管理办法",
        issuer: "development", level: PolicyLevel::District,
        effective_from: "2025-02-15", effective_to: Some("2027-12-31"), source: "2025/yfg-2025-12",
        summary: "奖励规上服务业企业营收增长，支持现代服务业集聚区和生产性服务业领军企业。",
        clauses: &[
            grant("规上服务业企业营收增长奖励", r#"all(tags has "above_designated_size", any(industry within "I", industry within "L", industry within "M"), region within "3301")"#,
                "规上服务业企业按上年度营业收入的0.2%免申即享奖励，最高30万元。", rate(REVENUE, 20, 300_000)),
            apply("现代服务业集聚区入驻补助", r#"all(tags has "modern_services", years_since_founding < 3)"#,
                "新入驻区级现代服务业集聚区的企业，按租金的50%补助，最高20万元。", up_to(200_000), OPEN, &["入驻协议", "租金支付凭证"]),
            apply("生产性服务业领军企业奖励", r#"all(tags has "modern_services", revenue >= 100000000元)"#,
                "认定为区生产性服务业领军企业的，奖励50万元。", fixed(500_000), OPEN, M_FINANCE),
            apply("服务业重点项目贷款贴息", r#"all(tags has "modern_services", tags has "above_designated_size")"#,
                "列入区服务业重点项目的，按贷款利息的30%贴息，最高100万元。", up_to(1_000_000), OPEN, M_LOAN).draft(),
            apply("平台经济企业发展奖励", r#"all(industry within "I64", revenue >= 50000000元)"#,
                "互联网平台企业营收增长30%以上的，奖励30万元。", fixed(300_000), OPEN, M_FINANCE).withdrawn(),
        ],
    },
    PolicySeed {
        document_number: "工信厅联企业〔2024〕31号", title: "中小企业数字化转型城市试点实施方案（演示区承接细则）",
        issuer: "economy", level: PolicyLevel::National,
        effective_from: "2024-09-01", effective_to: Some("2026-12-31"), source: "2024/gxtlqy-2024-31",
        summary: "国家中小企业数字化转型城市试点资金在本区的兑现细则，支持细分行业中小企业“揭榜”改造。",
        clauses: &[
            apply("中小企业数字化改造补助", r#"all(tags has "sme_enterprise", industry within "C")"#,
                "完成数字化改造并通过评估达到二级以上的，按投入的30%补助，最高50万元。", up_to(500_000), OPEN, M_PROJECT),
            grant("数字化服务商诊断补贴", r#"all(tags has "sme_enterprise", industry within "C", employees >= 20)"#,
                "由试点服务商免费提供数字化诊断，诊断费用免申即享由财政承担。", up_to(30_000)),
            apply("工业软件首购补助", r#"all(tags has "sme_enterprise", industry within "C", revenue >= 10000000元)"#,
                "首次购买研发设计、生产控制类工业软件的，按合同额的30%补助，最高20万元。", up_to(200_000), UPCOMING, &["软件购买合同", "发票", "上线运行证明"]),
            apply("“链式”数字化转型牵头企业奖励", r#"all(tags has "above_designated_size", industry within "C", revenue >= 200000000元)"#,
                "带动上下游10家以上中小企业协同改造的链主企业，奖励100万元。", fixed(1_000_000), OPEN, &["协同改造企业名单", "改造成效报告"]),
            apply("数字化转型样本企业奖励", r#"all(tags has "sme_enterprise", industry within "C", rd_spending >= 1000000元)"#,
                "评为细分行业数字化转型样本企业的，奖励20万元。", fixed(200_000), OPEN, M_CERTIFICATE),
        ],
    },
    PolicySeed {
        document_number: "财税〔2023〕7号", title: "研发费用税前加计扣除政策（演示区落实指引）",
        issuer: "finance", level: PolicyLevel::National,
        effective_from: "2023-01-01", effective_to: None, source: "2023/cs-2023-7",
        summary: "企业研发费用按实际发生额的100%在税前加计扣除；集成电路和工业母机企业为120%。本指引按25%税率估算减税额。",
        clauses: &[
            grant("研发费用100%税前加计扣除", r#"all(rd_spending > 0元, not(any(industry within "F", industry within "H")))"#,
                "研发费用按实际发生额的100%在税前加计扣除，年度汇算清缴时享受；减税额按研发费用的25%估算。", rate(RD, 2500, 100_000_000)),
            grant("集成电路企业研发费用120%加计扣除", r#"all(any(industry within "C39", industry within "I65"), rd_spending >= 1000000元, tags has "high_tech")"#,
                "集成电路和工业母机企业研发费用按120%加计扣除；减税额按研发费用的30%估算。", rate(RD, 3000, 100_000_000)),
            grant("小型微利企业所得税减免", r#"all(size_class in ["small", "micro"], employees <= 300)"#,
                "小型微利企业年应纳税所得额不超过300万元的部分，减按25%计入应纳税所得额，按20%的税率缴纳企业所得税。", NO_AMOUNT),
        ],
    },
    PolicySeed {
        document_number: "演市监〔2025〕6号", title: "演示区知识产权和标准化助企政策",
        issuer: "market", level: PolicyLevel::District,
        effective_from: "2025-03-15", effective_to: Some("2027-12-31"), source: "2025/ysj-2025-6",
        summary: "支持企业主导制定标准、创建知识产权示范企业、获得发明专利授权和“浙江制造”认证。",
        clauses: &[
            apply("主导制定标准奖励", r#"all(rd_spending >= 1000000元, any(tags has "high_tech", tags has "specialised_innovative"))"#,
                "主导制定国际、国家、行业标准的，分别奖励50万元、30万元、20万元。", up_to(500_000), OPEN, &["标准文本及发布公告", "起草单位排序证明"]),
            apply("知识产权示范企业奖励", r#"tags has "high_tech""#,
                "新认定国家、省知识产权示范企业的，分别奖励20万元、10万元。", up_to(200_000), OPEN, M_CERTIFICATE),
            apply("发明专利授权资助", r#"all(region within "3301", rd_spending >= 100000元)"#,
                "国内发明专利授权每件资助5000元，每家每年最高10万元。", up_to(100_000), ALWAYS, &["专利证书", "专利缴费凭证"]),
            apply("“浙江制造”品牌认证奖励", r#"all(industry within "C", not(tags has "tax_credit_concern"))"#,
                "首次获得“浙江制造”认证的，奖励20万元。", fixed(200_000), OPEN, M_CERTIFICATE),
            apply("质量管理体系认证补助", r#"all(tags has "sme_enterprise", industry within "C")"#,
                "首次通过质量、环境、职业健康安全管理体系认证的，每项补助1万元，最高3万元。", up_to(30_000), CLOSED, M_CERTIFICATE),
        ],
    },
    PolicySeed {
        document_number: "浙经信企业〔2024〕88号", title: "浙江省推动小微企业上规升级工作方案（演示区实施细则）",
        issuer: "economy", level: PolicyLevel::Provincial,
        effective_from: "2024-03-01", effective_to: Some("2027-12-31"), source: "2024/zjxqy-2024-88",
        summary: "建立小升规培育库，对新上规企业给予奖励和社保费减负，稳住规上企业。",
        clauses: &[
            apply("小升规培育库入库", r#"all(size_class in ["small", "micro"], industry within "C", revenue >= 10000000元)"#,
                "营业收入1000万元以上的小微工业企业列入小升规培育库，给予培育奖励3万元。", fixed(30_000), OPEN, M_FINANCE),
            grant("新上规工业企业社保费减负", r#"all(industry within "C", revenue between [20000000元, 50000000元])"#,
                "新上规工业企业三年内按规定享受社会保险费减负，免申即享，每年最高10万元。", up_to(100_000)),
            apply("上规企业稳规奖励", r#"all(industry within "C", tags has "above_designated_size", years_since_founding >= 2)"#,
                "连续两年保持规上的新上规企业，奖励5万元。", fixed(50_000), UPCOMING, M_FINANCE),
            apply("上规企业财务规范化辅导补助", r#"all(tags has "above_designated_size", size_class in ["small", "medium"])"#,
                "委托会计师事务所开展财务规范化辅导的，按服务费的50%补助，最高2万元。", up_to(20_000), OPEN, M_LEGAL),
            apply("小微企业园入园企业上规奖励", r#"all(size_class in ["small", "micro"], industry within "C", revenue >= 20000000元)"#,
                "小微企业园内企业首次上规的，额外奖励5万元。", fixed(50_000), OPEN, &["入园协议", "上规入库证明"]),
        ],
    },
    PolicySeed {
        document_number: "杭政办函〔2024〕32号", title: "杭州市工业企业亩均效益综合评价结果应用办法",
        issuer: "economy", level: PolicyLevel::City,
        effective_from: "2024-05-01", effective_to: Some("2027-04-30"), source: "2024/hzbh-2024-32",
        summary: "按亩均税收、亩均增加值、研发强度等指标分A、B、C、D四类，实施用地、用能、信贷等差别化政策。",
        clauses: &[
            grant("A类企业要素优先保障", r#"all(industry within "C", tags has "above_designated_size", tax_credit_grade = "A")"#,
                "A类企业在用地、用能、排污指标和信贷方面优先保障，免申即享。", NO_AMOUNT),
            apply("亩均效益领跑者奖励", r#"all(industry within "C", revenue >= 100000000元, rd_spending >= 3000000元)"#,
                "列入亩均效益领跑者名单的，奖励50万元。", fixed(500_000), OPEN, M_FINANCE),
            apply("B类企业技改优先支持", r#"all(industry within "C", revenue >= 20000000元)"#,
                "B类企业技改项目优先列入补助计划，按设备投资的8%补助，最高100万元。", up_to(1_000_000), OPEN, M_PROJECT),
            apply("低效用地再开发奖励", r#"all(industry within "C", years_since_founding >= 10)"#,
                "通过“腾笼换鸟”实施低效用地再开发的，按新增建筑面积每平方米100元奖励，最高200万元。", up_to(2_000_000), CLOSED, M_LAND),
        ],
    },
    PolicySeed {
        document_number: "演司〔2025〕2号", title: "演示区企业合规建设和法律服务扶持办法",
        issuer: "justice", level: PolicyLevel::District,
        effective_from: "2025-04-15", effective_to: Some("2027-12-31"), source: "2025/ys-2025-2",
        summary: "支持企业建立合规管理体系、购买涉外法律服务、开展海外知识产权维权。",
        clauses: &[
            apply("企业合规体系建设补助", r#"all(tags has "above_designated_size", region within "3301")"#,
                "建立合规管理体系并通过评估的，按服务费的50%补助，最高10万元。", up_to(100_000), OPEN, M_LEGAL),
            apply("涉外法律服务费用补助", r#"tags has "export_enterprise""#,
                "购买涉外法律服务的，按服务费的50%补助，最高5万元。", up_to(50_000), OPEN, M_LEGAL),
            apply("海外知识产权维权补助", r#"all(tags has "export_enterprise", tags has "high_tech")"#,
                "应对海外知识产权纠纷的，按律师费和诉讼费的50%补助，最高30万元。", up_to(300_000), OPEN, M_LEGAL),
            grant("初创企业法律顾问服务补贴", r#"all(tags has "sme_enterprise", years_since_founding < 3)"#,
                "成立不满3年的中小微企业，免申即享一年期法律顾问服务，费用由财政承担。", up_to(10_000)),
        ],
    },
    PolicySeed {
        document_number: "演资规〔2025〕3号", title: "演示区强化企业用地用能要素保障的实施意见",
        issuer: "planning", level: PolicyLevel::District,
        effective_from: "2025-06-01", effective_to: Some("2028-05-31"), source: "2025/yzg-2025-3",
        summary: "推行标准地“拿地即开工”，降低小微企业用地成本，优先保障优质项目用能。",
        clauses: &[
            apply("标准地“拿地即开工”奖励", r#"all(industry within "C", revenue >= 50000000元)"#,
                "取得标准地后3个月内开工的，奖励20万元。", fixed(200_000), OPEN, M_LAND),
            apply("工业用地租金减免", r#"all(industry within "C", tags has "sme_enterprise")"#,
                "租用国有工业用地的中小企业，前三年租金减半，每年最高30万元。", up_to(300_000), OPEN, M_LAND),
            grant("新增用能指标优先保障", r#"all(industry within "C", tags has "green_low_carbon")"#,
                "绿色低碳工业企业的新增用能需求优先保障，免申即享。", NO_AMOUNT),
            apply("小微企业园入园租金补贴", r#"all(size_class in ["small", "micro"], industry within "C")"#,
                "入驻认定小微企业园的，按租金的30%补贴两年，每年最高10万元。", up_to(100_000), OPEN, &["入园协议", "租金支付凭证"]),
        ],
    },
];

/// How many policies and clauses the demo holds.
pub fn counts() -> (usize, usize) {
    let clauses = POLICIES.iter().map(|p| p.clauses.len()).sum();
    (POLICIES.len(), clauses)
}

/// The keys of the departments the demo policies name as issuers.
pub fn issuer_keys() -> BTreeSet<&'static str> {
    POLICIES.iter().map(|p| p.issuer).collect()
}

/// What seeding the demo policies did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PolicySeedReport {
    pub policies_created: usize,
    pub clauses_created: usize,
    /// Of the clauses created: published, left as drafts, withdrawn.
    pub published: usize,
    pub drafts: usize,
    pub withdrawn: usize,
}

/// Creates the demo policies and clauses that do not exist yet, as `user` (a centre
/// administrator); `issuers` maps each issuer key to its department's public id.
pub async fn seed_policies(
    db: &DatabaseConnection,
    user: &CurrentUser,
    issuers: &HashMap<&str, Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<PolicySeedReport> {
    let mut report = PolicySeedReport::default();
    let today = today_in_china(now);
    for seed in &POLICIES {
        let (policy, clauses) = ensure_policy(db, user, seed, issuers, now).await?;
        report.policies_created += usize::from(clauses.is_none());
        let existing: BTreeSet<String> = clauses
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.title)
            .collect();
        for (position, clause) in (1..).zip(seed.clauses) {
            if existing.contains(clause.title) {
                continue;
            }
            create_clause(db, user, (policy.public_id, position), clause, today, now)
                .await
                .with_context(|| {
                    format!("demo clause {} / {}", seed.document_number, clause.title)
                })?;
            report.clauses_created += 1;
            match clause.status {
                ClauseStatus::Published => report.published += 1,
                ClauseStatus::Draft => report.drafts += 1,
                ClauseStatus::Withdrawn => report.withdrawn += 1,
            }
        }
    }
    Ok(report)
}

fn date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("demo date {text}"))
}

/// The policy with the seed's document number with its clauses, or created when missing (and
/// then without clauses: none).
async fn ensure_policy(
    db: &DatabaseConnection,
    user: &CurrentUser,
    seed: &PolicySeed,
    issuers: &HashMap<&str, Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<(
    entities::policy::Model,
    Option<Vec<entities::policy_clause::Model>>,
)> {
    if let Some((existing, _, clauses)) =
        policies::policy_by_document_number(db, seed.document_number).await?
    {
        return Ok((existing, Some(clauses)));
    }
    let issuer = *issuers
        .get(seed.issuer)
        .with_context(|| format!("no demo department `{}`", seed.issuer))?;
    let draft = PolicyDraft {
        title: seed.title.to_owned(),
        issuer,
        level: seed.level,
        document_number: seed.document_number.to_owned(),
        effective_from: date(seed.effective_from)?,
        effective_to: seed.effective_to.map(date).transpose()?,
        source_url: Some(format!("{SOURCE_HOST}/{}", seed.source)),
        summary: seed.summary.to_owned(),
    };
    let created = policies::create_policy(db, user, draft, now)
        .await
        .with_context(|| format!("demo policy {}", seed.document_number))?;
    Ok((created, None))
}

/// Creates one clause through the use case (its condition checked), then publishes it, and
/// withdraws it again when the seed says so.
async fn create_clause(
    db: &DatabaseConnection,
    user: &CurrentUser,
    (policy, position): (Uuid, i32),
    seed: &ClauseSeed,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let vocabulary = enterprises::vocabulary(db, true).await?;
    let condition = enterprises::check_condition(
        ConditionSource::Text(seed.condition),
        &vocabulary,
        "condition",
    )?;
    let draft = ClauseDraft {
        position,
        title: seed.title.to_owned(),
        condition,
        benefit: seed.benefit.to_owned(),
        amount: seed.amount,
        window: seed.span.window(today),
        materials: seed.materials.iter().map(|m| (*m).to_owned()).collect(),
        mode: seed.mode,
    };
    let clause = policies::create_clause(db, user, policy, draft, now).await?;
    if seed.status != ClauseStatus::Draft {
        policies::set_clause_status(db, user, clause.public_id, ClauseStatus::Published, now)
            .await?;
    }
    if seed.status == ClauseStatus::Withdrawn {
        policies::set_clause_status(db, user, clause.public_id, ClauseStatus::Withdrawn, now)
            .await?;
    }
    Ok(())
}

// ---- the demo enterprise's applications ----

/// The automatic grants the demo enterprise confirms (document number, clause title), and
/// whether the issuing department (the demo department user's) has paid it out.
const CONFIRMED_GRANTS: [(&str, &str, bool); 2] = [
    ("演发改〔2025〕12号", "规上服务业企业营收增长奖励", true),
    ("演经信〔2025〕15号", "企业上云用云补助", false),
];

/// Confirms the demo enterprise's automatic grants that it has not answered yet, through the
/// application use cases, and has the issuing department pay the first; answers how many
/// applications it created. `payer` is a user of the paying clause's issuing department;
/// `clauses` and `rules` are what the application use cases need (the published clauses and
/// the payout limit).
pub async fn seed_applications(
    db: &DatabaseConnection,
    enterprise: &CurrentUser,
    payer: &CurrentUser,
    now: DateTime<Utc>,
    clauses: &ClauseCache,
    rules: &PolicySettings,
) -> anyhow::Result<usize> {
    let mut created = 0;
    let answered = applications::answered_clauses(db, enterprise.organisation_id).await?;
    for (document_number, title, paid) in CONFIRMED_GRANTS {
        let clause = demo_clause(db, document_number, title).await?;
        if answered.contains_key(&clause.id) {
            continue;
        }
        let application =
            applications::answer_grant(db, enterprise, clause.public_id, true, now, clauses, rules)
                .await
                .with_context(|| format!("confirming the demo grant {title}"))?;
        created += 1;
        if let (true, Some(amount)) = (paid, application.approved_amount_fen) {
            applications::pay(db, payer, application.public_id, amount, now)
                .await
                .with_context(|| format!("paying the demo grant {title}"))?;
        }
    }
    Ok(created)
}

async fn demo_clause(
    db: &DatabaseConnection,
    document_number: &str,
    title: &str,
) -> anyhow::Result<entities::policy_clause::Model> {
    let (_, _, clauses) = policies::policy_by_document_number(db, document_number)
        .await?
        .with_context(|| {
            format!("the demo policy {document_number} is missing: seed the policies first")
        })?;
    clauses
        .into_iter()
        .find(|c| c.title == title)
        .with_context(|| format!("the demo clause {title} is missing"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{demo::enterprises::catalogue_tag_codes, enterprises::condition::Vocabulary};

    #[test]
    fn every_demo_condition_parses_against_the_demo_tags() {
        let vocabulary = Vocabulary {
            tags: catalogue_tag_codes().map(str::to_owned).collect(),
            allow_tags: true,
        };
        for policy in &POLICIES {
            for clause in policy.clauses {
                enterprises::check_condition(
                    ConditionSource::Text(clause.condition),
                    &vocabulary,
                    "condition",
                )
                .unwrap_or_else(|e| panic!("{}: {e}", clause.title));
                assert!(clause.amount.check().is_ok(), "{}", clause.title);
                assert!(
                    clause.mode == ClauseMode::AutoGrant || !clause.materials.is_empty(),
                    "{} lists its materials",
                    clause.title
                );
            }
        }
    }

    #[test]
    fn document_numbers_and_clause_titles_are_unique_keys() {
        let numbers: BTreeSet<_> = POLICIES.iter().map(|p| p.document_number).collect();
        assert_eq!(numbers.len(), POLICIES.len());
        for policy in &POLICIES {
            let titles: BTreeSet<_> = policy.clauses.iter().map(|c| c.title).collect();
            assert_eq!(titles.len(), policy.clauses.len(), "{}", policy.title);
        }
        let (policies, clauses) = counts();
        assert_eq!((policies, clauses), (20, 100));
    }

    #[test]
    fn most_windows_are_open_on_the_seed_date() {
        let today = date("2026-03-02").unwrap();
        let all: Vec<&ClauseSeed> = POLICIES.iter().flat_map(|p| p.clauses).collect();
        let open = all
            .iter()
            .filter(|c| c.span.window(today).is_open(today))
            .count();
        let closed = all
            .iter()
            .filter(|c| c.span.window(today).has_closed(today))
            .count();
        assert!(open * 4 > all.len() * 3, "{open} of {}", all.len());
        assert!(closed >= 3);
    }
}

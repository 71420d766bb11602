//! The demo service catalogue for `qifu seed --demo`: the 8 sectors of a Zhejiang enterprise
//! service centre (金融, 科创, 法治, 人才, 政策, 商事, 中介, 用地用能), a hundred service items
//! provided by the demo departments and intermediaries, each meant for some tags of the demo
//! catalogue, with an SLA in working days and its materials (a few withdrawn from the shelf), and
//! six packages (一类事). Created through the catalogue's use cases as the demo centre
//! administrator, keyed by sector code, item title and package title, so a second run creates
//! nothing. The demo enterprise's orders go through the order use cases.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    auth::CurrentUser,
    services::service::{
        self, ItemDefinition, ItemFilter, OrderFilter, OrderMove, PackageDefinition,
        SectorDefinition,
    },
};

struct SectorSeed {
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    items: &'static [ItemSeed],
}

struct ItemSeed {
    title: &'static str,
    description: &'static str,
    /// The provider's key among the demo providers.
    provider: &'static str,
    tags: &'static [&'static str],
    sla_working_days: i32,
    materials: &'static [&'static str],
    active: bool,
}

impl ItemSeed {
    /// Taken off the shelf (kept in the catalogue, not offered).
    const fn withdrawn(self) -> Self {
        Self {
            active: false,
            ..self
        }
    }
}

const fn item(
    title: &'static str,
    description: &'static str,
    provider: &'static str,
    tags: &'static [&'static str],
    sla_working_days: i32,
    materials: &'static [&'static str],
) -> ItemSeed {
    ItemSeed {
        title,
        description,
        provider,
        tags,
        sla_working_days,
        materials,
        active: true,
    }
}

const LICENCE: &[&str] = &["营业执照"];
const FINANCIALS: &[&str] = &["营业执照", "近两年财务报表", "融资需求说明"];
const RD_FILES: &[&str] = &["营业执照", "上年度研发费用明细", "知识产权清单"];
const CONTRACTS: &[&str] = &["拟审查的合同文本", "企业基本情况说明"];
const PROJECT: &[&str] = &["项目备案（核准）文件", "项目建设方案", "用地红线图"];
const PEOPLE: &[&str] = &["营业执照", "人员名单", "劳动合同"];
const NONE: &[&str] = &[];

#[rustfmt::skip]
const SECTORS: [SectorSeed; 8] = [
    SectorSeed {
        code: "finance", name_zh: "金融", name_en: "Finance",
        items: &[
            item("首贷续贷对接", "为首次贷款或贷款即将到期的中小微企业对接合作银行，匹配无还本续贷、信用贷款等产品，限时反馈授信意向。",
                "finance", &["sme_enterprise", "small_enterprise", "micro_enterprise"], 5, FINANCIALS),
            item("知识产权质押融资", "以专利权、商标权质押向合作银行申请贷款，协助完成价值评估和质押登记，贴息政策一并辅导。",
                "ip_agency", &["high_tech", "tech_based_sme", "specialised_innovative"], 10, &["专利或商标证书", "近一年财务报表", "融资需求说明"]),
            item("政策性融资担保", "对接区政策性融资担保机构，单户担保额最高1000万元，担保费率不高于1%。",
                "guarantee", &["sme_enterprise", "startup_enterprise"], 7, FINANCIALS),
            item("科技企业信用贷款（人才贷）", "面向科技型企业和人才创业企业的纯信用贷款，由合作银行快速审批。",
                "finance", &["tech_based_sme", "high_tech", "startup_enterprise"], 5, FINANCIALS),
            item("上市培育辅导", "梳理上市后备企业，开展股改辅导，对接券商、律所和会计师事务所，协调解决上市过程中的历史遗留问题。",
                "finance", &["above_designated_size", "high_tech", "little_giant_enterprise"], 15, &["营业执照", "近三年审计报告", "股权结构说明"]),
            item("应急转贷资金", "为贷款到期暂时周转困难、银行同意续贷的企业提供短期应急转贷资金。",
                "finance", &["sme_enterprise", "tax_grade_a"], 3, &["银行续贷承诺函", "借款合同"]),
            item("出口信用保险投保辅导", "讲解短期出口信用保险和小微统保政策，协助企业投保和申报保费补助。",
                "commerce", &["export_enterprise"], 5, &["营业执照", "上年度出口额证明"]),
            item("供应链金融对接", "依托核心企业应收账款，对接银行开展订单融资、保理等供应链金融服务。",
                "finance", &["advanced_manufacturing", "above_designated_size"], 7, &["购销合同", "应收账款清单"]),
            item("产业基金股权投资对接", "对接区产业引导基金及合作创投机构，组织项目路演。",
                "finance", &["high_tech", "specialised_innovative", "startup_enterprise"], 20, &["商业计划书", "近一年财务报表"]),
            item("融资需求诊断", "财务顾问上门诊断企业融资结构，出具融资方案建议书。",
                "accounting", &["sme_enterprise", "growing_enterprise"], 5, FINANCIALS),
            item("汇率避险咨询", "为外贸企业讲解远期结售汇、期权等汇率避险工具，对接银行办理。",
                "commerce", &["export_enterprise"], 3, LICENCE),
            item("绿色信贷对接", "为节能改造、光伏等绿色项目对接绿色信贷和碳减排支持工具。",
                "finance", &["green_low_carbon"], 7, &["项目备案文件", "节能评估报告"]),
            item("保险理赔协调", "协调保险机构加快财产险、安责险理赔。",
                "finance", &[], 5, &["保单", "出险证明"]).withdrawn(),
        ],
    },
    SectorSeed {
        code: "innovation", name_zh: "科创", name_en: "Science and innovation",
        items: &[
            item("高企认定辅导", "高新技术企业认定条件自评，知识产权布局、研发费用归集和科技成果转化材料辅导，申报全程跟踪。",
                "science", &["tech_based_sme", "rd_over_5m", "growing_enterprise"], 10, RD_FILES),
            item("科技型中小企业评价入库辅导", "讲解评价指标，协助企业在线填报入库。",
                "science", &["startup_enterprise", "sme_enterprise"], 5, RD_FILES),
            item("研发费用归集与加计扣除辅导", "规范研发项目立项和辅助账，辅导年度汇算加计扣除。",
                "accounting", &["rd_over_5m", "high_tech", "tech_based_sme"], 5, RD_FILES),
            item("专精特新企业培育诊断", "对照专精特新认定标准逐项诊断，提出培育路径。",
                "economy", &["sme_enterprise", "key_cultivation", "tech_based_sme"], 10, &["营业执照", "主导产品说明", "近两年财务报表"]),
            item("科技成果转化对接", "对接高校院所成果库，组织技术供需对接会，协助技术合同登记。",
                "science", &["high_tech", "provincial_rd_platform"], 15, &["技术需求说明"]),
            item("省级研发平台申报辅导", "省级企业技术中心、企业研究院申报条件解读与材料辅导。",
                "science", &["high_tech", "rd_over_5m"], 15, RD_FILES),
            item("专利快速预审", "通过知识产权保护中心快速预审通道，发明专利授权周期缩短至6个月左右。",
                "market", &["high_tech", "tech_based_sme"], 20, &["专利申请文件", "备案表"]),
            item("科技创新券申领", "在线申领科技创新券，用于购买检验检测、研发设计等科技服务。",
                "science", &["tech_based_sme", "startup_enterprise"], 3, LICENCE),
            item("产学研合作对接", "按企业技术难题匹配高校院所专家团队，协助签订技术开发合同。",
                "science", &["advanced_manufacturing", "high_tech"], 10, &["技术难题描述"]),
            item("首台（套）产品认定辅导", "首台（套）装备、首批次材料、首版次软件认定申报辅导。",
                "economy", &["advanced_manufacturing", "specialised_innovative"], 15, &["产品技术说明", "用户使用报告"]),
            item("数字化改造诊断", "数字化服务商上门诊断，出具改造方案和投入估算。",
                "economy", &["advanced_manufacturing", "sme_enterprise"], 10, &["营业执照", "生产工艺流程说明"]),
            item("知识产权贯标辅导", "按《企业知识产权合规管理体系要求》辅导贯标认证。",
                "ip_agency", &["high_tech", "specialised_innovative"], 20, &["营业执照", "知识产权清单"]),
            item("科技项目申报代办", "代为填报各级科技计划项目申报书。",
                "ip_agency", &["high_tech"], 10, RD_FILES).withdrawn(),
        ],
    },
    SectorSeed {
        code: "legal", name_zh: "法治", name_en: "Rule of law",
        items: &[
            item("合同合规体检", "律师审查企业常用合同模板，逐条标注风险并给出修改建议。",
                "law_firm", &["sme_enterprise", "startup_enterprise"], 5, CONTRACTS),
            item("企业合规管理体系建设指导", "对照合规管理指引，帮助企业建立合规组织、制度和风险清单。",
                "justice", &["above_designated_size", "large_enterprise"], 15, &["企业组织架构", "现有管理制度清单"]),
            item("劳动用工法律咨询", "解答劳动合同、加班、解除等用工问题，审查规章制度。",
                "law_firm", &["sme_enterprise"], 3, &["员工手册或规章制度"]),
            item("涉外法律服务", "境外投资、国际贸易合同、出口管制和贸易救济法律咨询。",
                "law_firm", &["export_enterprise"], 5, CONTRACTS),
            item("知识产权侵权维权援助", "提供侵权判定咨询、证据固定指导和维权渠道对接。",
                "market", &["high_tech", "specialised_innovative"], 10, &["权利证书", "侵权线索材料"]),
            item("商事纠纷调解", "商事调解组织免费调解企业间合同纠纷。",
                "justice", &[], 10, &["纠纷情况说明", "相关合同"]),
            item("信用修复指导", "指导企业修复行政处罚、经营异常名录等失信记录。",
                "market", &["tax_credit_concern"], 5, &["处罚决定书或列入异常名录通知"]),
            item("首违不罚清单解读", "解读市场监管、税务等领域轻微违法不罚和首违不罚清单。",
                "market", &["sme_enterprise", "startup_enterprise"], 3, NONE),
            item("破产重整咨询", "为经营困难企业提供破产重整、预重整可行性咨询。",
                "law_firm", &["established_enterprise"], 10, &["财务状况说明", "债权债务清单"]),
            item("公共法律服务进企业", "律师和公证员定期驻点园区，提供法律体检和公证服务。",
                "justice", &["sme_enterprise"], 5, NONE),
            item("数据合规与个人信息保护咨询", "数据出境、个人信息处理和网络安全等级保护合规咨询。",
                "law_firm", &["digital_economy"], 5, &["数据处理情况说明"]),
            item("反垄断和公平竞争合规辅导", "解读经营者集中申报标准和公平竞争审查要求。",
                "market", &["large_enterprise", "above_designated_size"], 10, NONE),
        ],
    },
    SectorSeed {
        code: "talent", name_zh: "人才", name_en: "Talent",
        items: &[
            item("人才公寓申请", "为企业引进的人才申请区人才公寓，拎包入住。",
                "hr", &["high_tech", "key_cultivation", "tech_based_sme"], 10, &["人才身份证明", "劳动合同", "无房证明"]),
            item("高层次人才认定", "按区高层次人才分类目录认定A至E类人才，发放人才服务卡。",
                "hr", &["high_tech", "rd_over_5m"], 15, &["学历学位证书", "业绩证明材料", "劳动合同"]),
            item("人才子女入学服务", "为认定的高层次人才协调子女入学。",
                "hr", &["high_tech", "specialised_innovative"], 10, &["人才认定证书", "户籍或居住证明"]),
            item("校园招聘对接", "组织高校专场招聘会，发布企业岗位。",
                "hr_agency", &["sme_enterprise", "growing_enterprise"], 5, &["岗位需求表"]),
            item("技能人才自主评价备案", "指导企业开展职业技能等级自主评价并备案。",
                "hr", &["advanced_manufacturing", "above_designated_size"], 10, &["评价实施方案", "考评人员名单"]),
            item("外国人来华工作许可代办", "代办外国人来华工作许可和居留许可。",
                "hr", &["export_enterprise", "high_tech"], 10, &["护照", "学历证明", "工作合同"]),
            item("博士后工作站建站辅导", "博士后工作站申报条件解读和材料辅导。",
                "hr", &["provincial_rd_platform", "high_tech"], 15, RD_FILES),
            item("灵活用工与劳务派遣对接", "对接持证人力资源服务机构，解决季节性用工需求。",
                "hr_agency", &["advanced_manufacturing", "modern_services"], 5, &["用工需求表"]),
            item("社保与稳岗政策咨询", "解读稳岗返还、扩岗补助和社保减负政策。",
                "hr", &["sme_enterprise"], 3, NONE),
            item("员工职业技能培训", "组织电工、焊工、数控等工种培训，可申领培训补贴。",
                "hr_agency", &["advanced_manufacturing"], 10, PEOPLE),
            item("人才安居补贴申领", "为新引进人才申领租房和购房补贴。",
                "hr", &["startup_enterprise", "tech_based_sme"], 10, &["人才身份证明", "租赁合同或购房合同"]),
            item("就业见习基地申报", "申报区级就业见习基地，吸纳见习人员可享见习补贴。",
                "hr", &["sme_enterprise", "modern_services"], 10, PEOPLE).withdrawn(),
        ],
    },
    SectorSeed {
        code: "policy", name_zh: "政策", name_en: "Policy",
        items: &[
            item("政策精准解读", "服务专员结合企业画像逐条解读适用政策，提示申报时间和所需材料。",
                "development", &["sme_enterprise", "key_cultivation"], 3, NONE),
            item("惠企政策申报辅导", "指导企业准备申报材料，在线提交，跟踪审核进度。",
                "development", &["sme_enterprise", "growing_enterprise"], 5, LICENCE),
            item("免申即享资金确认提醒", "对符合免申即享条件的企业逐一电话提醒确认，确保资金直达。",
                "finance", &["above_designated_size", "sme_enterprise"], 2, NONE),
            item("项目立项备案咨询", "企业投资项目备案、核准流程和产业政策符合性咨询。",
                "development", &["advanced_manufacturing", "construction_real_estate"], 5, &["项目基本情况表"]),
            item("产业政策适用性评估", "对企业拟投资项目开展产业政策和区域布局适用性评估。",
                "development", &["large_enterprise", "above_designated_size"], 10, &["项目建议书"]),
            item("外经贸资金申报辅导", "中央和省级外经贸发展资金全流程线上申报辅导。",
                "commerce", &["export_enterprise"], 5, &["涉外收入申报单", "相关合同"]),
            item("人才政策咨询", "解读各级人才认定、安居和创业资助政策。",
                "hr", &["high_tech"], 3, NONE),
            item("科技政策兑现进度查询", "查询研发补助、高企奖励等科技政策资金的审核和拨付进度。",
                "science", &["tech_based_sme", "high_tech"], 2, NONE),
            item("上规升级政策辅导", "讲解小升规培育、新上规奖励和社保减负政策。",
                "economy", &["small_enterprise", "micro_enterprise", "growing_enterprise"], 5, LICENCE),
            item("绿色低碳政策解读", "解读节能改造、光伏补助和用能权政策。",
                "development", &["green_low_carbon", "advanced_manufacturing"], 5, NONE),
            item("税费优惠政策辅导", "辅导小型微利企业所得税优惠、“六税两费”减免等税费政策。",
                "finance", &["small_enterprise", "micro_enterprise"], 3, NONE),
            item("农业产业化政策辅导", "解读农业龙头企业认定和农业项目补助政策。",
                "development", &["modern_agriculture"], 5, LICENCE),
        ],
    },
    SectorSeed {
        code: "business", name_zh: "商事", name_en: "Business registration",
        items: &[
            item("企业开办一件事", "营业执照、公章刻制、发票申领、社保登记、银行开户一次申请、一日办结。",
                "market", &["startup_enterprise"], 1, &["股东身份证明", "公司章程", "住所证明"]),
            item("变更登记帮办", "名称、地址、经营范围、股权等变更登记全程帮办。",
                "market", &["sme_enterprise"], 2, &["变更决议", "营业执照"]),
            item("企业注销一件事", "简易注销和一般注销指导，税务、社保、银行同步注销。",
                "market", &["micro_enterprise"], 5, &["清算报告", "营业执照"]),
            item("经营范围规范表述指导", "按经营范围规范表述目录指导填报，避免后续许可障碍。",
                "market", &["startup_enterprise"], 1, NONE),
            item("食品经营许可帮办", "食品经营许可申请、现场核查预约和告知承诺办理。",
                "market", &["modern_services"], 10, &["营业执照", "经营场所平面图", "食品安全管理制度"]),
            item("工业产品生产许可证帮办", "重要工业产品生产许可证申请和审查预约。",
                "market", &["advanced_manufacturing"], 20, &["营业执照", "产品标准", "检验报告"]),
            item("外资企业设立服务", "外商投资企业设立登记、商务备案和外汇登记一站式服务。",
                "commerce", &["export_enterprise"], 5, &["投资者主体资格证明", "公司章程"]),
            item("个体工商户转企业", "个体工商户转型为企业的登记和许可延续办理。",
                "market", &["micro_enterprise", "startup_enterprise"], 3, &["个体工商户营业执照", "经营者身份证明"]),
            item("企业年报填报指导", "指导企业在公示系统填报年度报告。",
                "market", &["sme_enterprise"], 2, NONE),
            item("对外贸易经营者备案", "对外贸易经营者备案和海关进出口收发货人备案一次办理。",
                "commerce", &["export_enterprise"], 3, LICENCE),
            item("代理记账对接", "对接持证代理记账机构，规范初创企业财务核算。",
                "accounting", &["micro_enterprise", "startup_enterprise"], 3, LICENCE),
            item("股权变更与增资辅导", "股权激励、增资扩股方案和登记辅导。",
                "accounting", &["growing_enterprise", "high_tech"], 5, &["股东会决议", "增资方案"]),
            item("电子营业执照与企业码应用", "领取电子营业执照，开通企业码，“依码办事”。",
                "market", &[], 1, NONE),
        ],
    },
    SectorSeed {
        code: "intermediary", name_zh: "中介", name_en: "Intermediary services",
        items: &[
            item("环评中介对接", "环境影响评价报告书（表）编制机构公开比选，确定后跟踪编制和审批进度。",
                "environment", &["advanced_manufacturing", "construction_real_estate"], 20, PROJECT),
            item("节能评估报告编制", "固定资产投资项目节能评估报告编制，对接节能审查。",
                "consulting", &["advanced_manufacturing", "green_low_carbon"], 20, PROJECT),
            item("项目可行性研究报告编制", "企业投资项目可行性研究报告和项目申请报告编制。",
                "consulting", &["advanced_manufacturing", "construction_real_estate"], 15, PROJECT),
            item("安全预评价中介对接", "建设项目安全预评价和安全设施设计专篇编制机构对接。",
                "consulting", &["advanced_manufacturing"], 20, PROJECT),
            item("水土保持方案编制", "生产建设项目水土保持方案报告书（表）编制。",
                "environment", &["construction_real_estate"], 20, PROJECT),
            item("竣工测绘中介对接", "规划核实测量、房产测绘和竣工地籍测量“多测合一”。",
                "consulting", &["construction_real_estate"], 10, &["建设工程规划许可证", "竣工图"]),
            item("审计与财务鉴证", "年度财务审计、专项审计和研发费用鉴证。",
                "accounting", &["above_designated_size", "high_tech"], 10, &["财务账套", "银行对账单"]),
            item("资产评估", "股权转让、增资和资产处置评估。",
                "accounting", &["large_enterprise", "medium_enterprise"], 10, &["资产清单", "近三年财务报表"]),
            item("专利代理", "发明、实用新型和外观设计专利申请代理。",
                "ip_agency", &["high_tech", "tech_based_sme"], 15, &["技术交底书"]),
            item("商标注册代理", "商标查询、注册申请和续展代理。",
                "ip_agency", &["sme_enterprise", "startup_enterprise"], 10, &["商标图样", "营业执照"]),
            item("职业病危害预评价", "建设项目职业病危害预评价报告编制。",
                "environment", &["advanced_manufacturing"], 20, PROJECT),
            item("工程造价咨询", "项目估算、概算、预算编制和结算审核。",
                "consulting", &["construction_real_estate"], 15, &["设计图纸", "工程量清单"]),
            item("排污许可申领辅导", "排污许可证申领、变更和执行报告填报辅导。",
                "environment", &["advanced_manufacturing", "green_low_carbon"], 10, &["环评批复", "排污设施清单"]),
        ],
    },
    SectorSeed {
        code: "land_energy", name_zh: "用地用能", name_en: "Land and energy",
        items: &[
            item("用能指标申请", "新上项目用能指标申请和能耗等量减量替代方案指导。",
                "development", &["advanced_manufacturing", "above_designated_size"], 10, &["节能审查意见", "项目备案文件"]),
            item("标准地“拿地即开工”服务", "标准地出让前完成区域评估，拿地后同步发放四证，实现拿地即开工。",
                "planning", &["advanced_manufacturing", "large_enterprise"], 15, &["投资协议", "项目方案"]),
            item("工业用地供需对接", "发布可供工业用地和闲置厂房信息，匹配企业用地需求。",
                "planning", &["advanced_manufacturing", "growing_enterprise"], 10, &["用地需求说明"]),
            item("小微企业园入园对接", "发布小微企业园空置厂房，组织入园评审。",
                "economy", &["small_enterprise", "micro_enterprise", "advanced_manufacturing"], 5, &["入园申请表", "营业执照"]),
            item("用电报装“三零”服务", "小微企业低压用电报装零上门、零审批、零投资。",
                "development", &["advanced_manufacturing", "startup_enterprise"], 5, &["用电申请表", "产权证明"]),
            item("分布式光伏接入咨询", "厂房屋顶光伏可行性评估、备案和并网咨询。",
                "development", &["green_low_carbon", "advanced_manufacturing"], 10, &["屋顶产权证明", "近一年电费单"]),
            item("亩均效益评价提升诊断", "查询亩均效益评价结果，诊断提升路径。",
                "economy", &["advanced_manufacturing", "above_designated_size"], 5, NONE),
            item("低效用地再开发辅导", "低效工业用地“腾笼换鸟”、提容增效方案辅导。",
                "planning", &["established_enterprise", "advanced_manufacturing"], 15, &["土地证", "现状厂房情况"]),
            item("工业厂房分割转让咨询", "工业厂房分割转让条件和办理流程咨询。",
                "planning", &["advanced_manufacturing"], 10, &["不动产权证书"]),
            item("碳排放核算与碳账户开户", "企业碳排放核算、碳效码评价和碳账户开户。",
                "environment", &["green_low_carbon", "large_enterprise"], 10, &["近一年能源消耗台账"]),
            item("数据得地空间需求匹配", "依据企业亩均、税收和研发数据，匹配产业空间和用地指标。",
                "planning", &["high_tech", "specialised_innovative"], 10, &["空间需求说明"]),
            item("产业用房租赁对接", "对接国有产业用房，提供租金优惠。",
                "economy", &["digital_economy", "startup_enterprise"], 5, LICENCE).withdrawn(),
        ],
    },
];

struct PackageSeed {
    title: &'static str,
    description: &'static str,
    /// Item titles, in order.
    items: &'static [&'static str],
}

#[rustfmt::skip]
const PACKAGES: [PackageSeed; 6] = [
    PackageSeed { title: "企业开办一类事", description: "从名称自主申报到领取执照、刻章、申领发票、银行开户和记账，一次申请，一日办结。",
        items: &["企业开办一件事", "经营范围规范表述指导", "电子营业执照与企业码应用", "代理记账对接", "商标注册代理"] },
    PackageSeed { title: "融资一类事", description: "融资诊断、银行对接、政策性担保、知识产权质押和应急转贷一站办理。",
        items: &["融资需求诊断", "首贷续贷对接", "政策性融资担保", "知识产权质押融资", "应急转贷资金"] },
    PackageSeed { title: "高企培育一类事", description: "从科技型中小企业入库、研发费用归集、专利布局到高新技术企业认定的全程培育。",
        items: &["科技型中小企业评价入库辅导", "研发费用归集与加计扣除辅导", "专利代理", "知识产权贯标辅导", "高企认定辅导"] },
    PackageSeed { title: "项目审批中介一类事", description: "投资项目审批所需中介服务打包委托：可研、环评、节能、安评和竣工测绘。",
        items: &["项目可行性研究报告编制", "环评中介对接", "节能评估报告编制", "安全预评价中介对接", "竣工测绘中介对接"] },
    PackageSeed { title: "人才安居一类事", description: "高层次人才认定、人才公寓、安居补贴和子女入学一次申请。",
        items: &["高层次人才认定", "人才公寓申请", "人才安居补贴申领", "人才子女入学服务"] },
    PackageSeed { title: "外贸出海一类事", description: "外贸备案、出口信保、汇率避险、涉外法律和外经贸资金申报。",
        items: &["对外贸易经营者备案", "出口信用保险投保辅导", "汇率避险咨询", "涉外法律服务", "外经贸资金申报辅导"] },
];

/// How many sectors, items and packages the demo catalogue holds.
pub fn counts() -> (usize, usize, usize) {
    let items = SECTORS.iter().map(|s| s.items.len()).sum();
    (SECTORS.len(), items, PACKAGES.len())
}

/// The keys of the providers the demo items name.
pub fn provider_keys() -> BTreeSet<&'static str> {
    SECTORS
        .iter()
        .flat_map(|s| s.items)
        .map(|i| i.provider)
        .collect()
}

/// What seeding the demo catalogue did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ServiceSeedReport {
    pub sectors_created: usize,
    pub items_created: usize,
    /// Of the items created, those withdrawn from the shelf.
    pub withdrawn: usize,
    pub packages_created: usize,
}

/// Creates the demo sectors, items and packages that do not exist yet, as `user` (a centre
/// administrator); `providers` maps each provider key to its organisation's public id.
pub async fn seed_catalogue(
    db: &DatabaseConnection,
    user: &CurrentUser,
    providers: &HashMap<&str, Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<ServiceSeedReport> {
    let mut report = ServiceSeedReport::default();
    let mut sectors: HashMap<String, Uuid> = service::sectors(db)
        .await?
        .into_iter()
        .map(|s| (s.code, s.public_id))
        .collect();
    let mut items = items_by_title(db).await?;
    for (position, seed) in (1..).zip(&SECTORS) {
        let sector = match sectors.get(seed.code) {
            Some(id) => *id,
            None => {
                let created = create_sector(db, user, seed, position, now).await?;
                report.sectors_created += 1;
                sectors.insert(seed.code.to_owned(), created);
                created
            }
        };
        for item in seed.items {
            if items.contains_key(item.title) {
                continue;
            }
            let created = create_item(db, user, (sector, item), providers, now).await?;
            report.items_created += 1;
            report.withdrawn += usize::from(!item.active);
            items.insert(item.title.to_owned(), created);
        }
    }
    report.packages_created = seed_packages(db, user, &items, now).await?;
    Ok(report)
}

/// Every item of the catalogue, withdrawn ones too, by title (read page by page).
async fn items_by_title(db: &DatabaseConnection) -> anyhow::Result<HashMap<String, Uuid>> {
    const PER_PAGE: u64 = 100;
    let filter = ItemFilter {
        sector: None,
        text: None,
        tag: None,
        with_inactive: true,
    };
    let mut items = HashMap::new();
    for page in 0.. {
        let (views, total) = service::items(db, &filter, page, PER_PAGE).await?;
        items.extend(views.into_iter().map(|v| (v.item.title, v.item.public_id)));
        if (page + 1) * PER_PAGE >= total {
            break;
        }
    }
    Ok(items)
}

async fn create_sector(
    db: &DatabaseConnection,
    user: &CurrentUser,
    seed: &SectorSeed,
    position: i32,
    now: DateTime<Utc>,
) -> anyhow::Result<Uuid> {
    let new = SectorDefinition {
        code: seed.code.to_owned(),
        name_zh: seed.name_zh.to_owned(),
        name_en: seed.name_en.to_owned(),
        position,
    };
    let created = service::save_sector(db, user, None, new, now)
        .await
        .with_context(|| format!("demo sector {}", seed.code))?;
    Ok(created.public_id)
}

async fn create_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    (sector, seed): (Uuid, &ItemSeed),
    providers: &HashMap<&str, Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<Uuid> {
    let provider = *providers
        .get(seed.provider)
        .with_context(|| format!("no demo provider `{}`", seed.provider))?;
    let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
    let definition = ItemDefinition {
        sector,
        title: seed.title.to_owned(),
        description: seed.description.to_owned(),
        provider,
        target_tags: strings(seed.tags),
        sla_working_days: seed.sla_working_days,
        materials: strings(seed.materials),
        active: seed.active,
    };
    let created = service::save_item(db, user, None, definition, now)
        .await
        .with_context(|| format!("demo service item {}", seed.title))?;
    Ok(created.item.public_id)
}

/// Creates the packages that do not exist yet (by title); answers how many.
async fn seed_packages(
    db: &DatabaseConnection,
    user: &CurrentUser,
    items: &HashMap<String, Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let existing: BTreeSet<String> = service::packages(db, true)
        .await?
        .into_iter()
        .map(|p| p.package.title)
        .collect();
    let mut created = 0;
    for seed in PACKAGES.iter().filter(|p| !existing.contains(p.title)) {
        let ids = seed
            .items
            .iter()
            .map(|title| {
                items
                    .get(*title)
                    .copied()
                    .with_context(|| format!("package {}: no item {title}", seed.title))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let new = PackageDefinition {
            title: seed.title.to_owned(),
            description: seed.description.to_owned(),
            items: ids,
        };
        service::save_package(db, user, None, new, now)
            .await
            .with_context(|| format!("demo package {}", seed.title))?;
        created += 1;
    }
    Ok(created)
}

// ---- the demo enterprise's orders ----

/// How far a demo order has gone.
#[derive(Debug, Clone, Copy)]
enum Progress {
    Ordered,
    Accepted,
    /// Completed with the provider's note, and rated by the enterprise.
    Rated(&'static str, i16, &'static str),
}

/// The demo enterprise's orders: the item, the enterprise's note, how far it went. Each item's
/// provider is the demo department or the demo intermediary, whose users act on it.
#[rustfmt::skip]
const DEMO_ORDERS: [(&str, &str, Progress); 3] = [
    ("政策精准解读", "想了解今年研发补助和高企培育政策，能否上门解读？",
        Progress::Rated("已上门解读研发投入补助、高企培育入库等7项政策，并提供申报日历。", 5, "解读清楚，申报时间节点一目了然。")),
    ("项目可行性研究报告编制", "新建研发中心项目，需要编制可研报告用于备案。", Progress::Accepted),
    ("惠企政策申报辅导", "希望辅导企业上云用云补助的后续材料。", Progress::Ordered),
];

/// Places the demo enterprise's orders it has not placed yet and moves each as far as
/// [`DEMO_ORDERS`] says, through the order use cases; `providers` are users of the providing
/// organisations. Answers how many orders it placed.
pub async fn seed_orders(
    db: &DatabaseConnection,
    enterprise: &CurrentUser,
    providers: &[&CurrentUser],
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let (placed, _) = service::orders(db, enterprise, &OrderFilter::default(), 0, 100, now).await?;
    let ordered: BTreeSet<Uuid> = placed.iter().map(|o| o.item.public_id).collect();
    let items = items_by_title(db).await?;
    let mut created = 0;
    for (title, note, progress) in DEMO_ORDERS {
        let item = *items
            .get(title)
            .with_context(|| format!("the demo service item {title} is missing"))?;
        if ordered.contains(&item) {
            continue;
        }
        let order = service::place_order(db, enterprise, item, note.to_owned(), now)
            .await
            .with_context(|| format!("ordering {title}"))?;
        created += 1;
        let provider = providers
            .iter()
            .find(|u| u.organisation_id == order.order.provider_organisation_id)
            .with_context(|| format!("no demo user of the provider of {title}"))?;
        let order_id = order.order.public_id;
        for (by_provider, step) in moves(progress) {
            let user = if by_provider { *provider } else { enterprise };
            service::move_order(db, user, order_id, step, now)
                .await
                .with_context(|| format!("moving the demo order for {title}"))?;
        }
    }
    Ok(created)
}

/// The moves that take a new order to `progress`, each with whether the provider makes it.
fn moves(progress: Progress) -> Vec<(bool, OrderMove)> {
    match progress {
        Progress::Ordered => Vec::new(),
        Progress::Accepted => vec![(true, OrderMove::Accept)],
        Progress::Rated(note, rating, comment) => vec![
            (true, OrderMove::Accept),
            (
                true,
                OrderMove::Complete {
                    note: note.to_owned(),
                },
            ),
            (
                false,
                OrderMove::Rate {
                    rating,
                    comment: comment.to_owned(),
                },
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::enterprises::catalogue_tag_codes;

    #[test]
    fn items_name_demo_tags_and_keep_to_the_form_limits() {
        let tags: BTreeSet<&str> = catalogue_tag_codes().collect();
        for item in SECTORS.iter().flat_map(|s| s.items) {
            for tag in item.tags {
                assert!(tags.contains(tag), "{}: {tag}", item.title);
            }
            assert!((1..=120).contains(&item.sla_working_days), "{}", item.title);
            assert!(item.tags.len() <= 20 && item.materials.len() <= 30);
        }
    }

    #[test]
    fn titles_are_unique_and_packages_hold_offered_items() {
        let all: Vec<&ItemSeed> = SECTORS.iter().flat_map(|s| s.items).collect();
        let titles: BTreeSet<&str> = all.iter().map(|i| i.title).collect();
        assert_eq!(titles.len(), all.len());
        for package in &PACKAGES {
            for title in package.items {
                let item = all.iter().find(|i| i.title == *title);
                assert!(item.is_some_and(|i| i.active), "{}: {title}", package.title);
            }
        }
        for (title, _, _) in DEMO_ORDERS {
            assert!(titles.contains(title), "{title}");
        }
        assert_eq!(counts(), (8, 100, 6));
    }
}

//! The catalogue of enterprise qualifications and honours (资质荣誉) that profiles record and
//! conditions test: a qualification counts only while it has not expired.

use serde::Serialize;
use utoipa::ToSchema;

/// One kind of qualification.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct QualificationKind {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

const fn kind(
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
) -> QualificationKind {
    QualificationKind {
        code,
        name_zh,
        name_en,
    }
}

/// Every kind a profile may hold.
pub const QUALIFICATION_KINDS: [QualificationKind; 10] = [
    kind(
        "high_tech_enterprise",
        "高新技术企业",
        "High and new technology enterprise",
    ),
    kind("tech_sme", "科技型中小企业", "Technology-based SME"),
    kind(
        "specialised_sme",
        "专精特新中小企业",
        "Specialised and innovative SME",
    ),
    kind(
        "little_giant",
        "专精特新“小巨人”企业",
        "Specialised and innovative \"little giant\"",
    ),
    kind(
        "provincial_tech_center",
        "省级企业技术中心",
        "Provincial enterprise technology centre",
    ),
    kind(
        "provincial_rd_center",
        "省级高新技术企业研究开发中心",
        "Provincial high-tech R&D centre",
    ),
    kind("innovative_sme", "创新型中小企业", "Innovative SME"),
    kind(
        "cultural_export",
        "国家文化出口重点企业",
        "Key cultural export enterprise",
    ),
    kind("green_factory", "绿色工厂", "Green factory"),
    kind("famous_trademark", "浙江出口名牌", "Zhejiang export brand"),
];

/// The kind with this code.
pub fn qualification_kind(code: &str) -> Option<&'static QualificationKind> {
    QUALIFICATION_KINDS.iter().find(|k| k.code == code)
}

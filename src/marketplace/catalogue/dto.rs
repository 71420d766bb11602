//! Request and response bodies of the catalogue endpoints: service types and packages as the
//! centre keeps them, the service type list's query, and the rules this centre configured. A
//! service type as the other objects show it is shared (`marketplace::dto::ServiceTypeResponse`).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::super::{dto::ServiceTypeResponse, model::SelectionMethod};
use super::service::{PackageView, ServiceTypeDefinition, ServiceTypeView};

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ServiceTypeRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "crate::enterprises::code_shape"))]
    pub code: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 80, message = "1 to 80 characters"))]
    #[schema(min_length = 1, max_length = 80)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 160, message = "1 to 160 characters"))]
    #[schema(min_length = 1, max_length = 160)]
    pub name_en: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 200, message = "at most 200 characters"))]
    #[schema(max_length = 200)]
    #[serde(default)]
    pub approval_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 300, message = "at most 300 characters"))]
    #[schema(max_length = 300)]
    #[serde(default)]
    pub approval_en: String,
    /// The qualification type an intermediary must hold to offer it.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub qualification: Option<String>,
    #[validate(range(min = 1, message = "at least 1 fen"))]
    #[schema(minimum = 1)]
    pub fee_min_fen: i64,
    #[validate(range(min = 1, message = "at least 1 fen"))]
    #[schema(minimum = 1)]
    pub fee_max_fen: i64,
    #[validate(range(min = 1, max = 366, message = "1 to 366 working days"))]
    #[schema(minimum = 1, maximum = 366)]
    pub time_limit_working_days: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub guide_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 10000, message = "at most 10000 characters"))]
    #[schema(max_length = 10000)]
    #[serde(default)]
    pub guide_en: String,
    /// The industry department responsible for it (an organisation's id), who rates its jobs.
    #[serde(default)]
    pub department_id: Option<Uuid>,
    #[serde(default = "active_default")]
    pub active: bool,
    #[serde(default)]
    pub position: i32,
}

fn active_default() -> bool {
    true
}

impl From<ServiceTypeRequest> for ServiceTypeDefinition {
    fn from(r: ServiceTypeRequest) -> Self {
        Self {
            code: r.code,
            name_zh: r.name_zh,
            name_en: r.name_en,
            approval_zh: r.approval_zh,
            approval_en: r.approval_en,
            qualification: r.qualification.filter(|q| !q.is_empty()),
            fee_min_fen: r.fee_min_fen,
            fee_max_fen: r.fee_max_fen,
            time_limit_working_days: r.time_limit_working_days,
            guide_zh: r.guide_zh,
            guide_en: r.guide_en,
            department: r.department_id,
            active: r.active,
            position: r.position,
        }
    }
}

/// A department as the catalogue names it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentRef {
    pub id: Uuid,
    pub name: String,
}

/// A service type as the catalogue shows it: with the department responsible for it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogueServiceTypeResponse {
    #[serde(flatten)]
    pub service_type: ServiceTypeResponse,
    /// None until the centre sets one; its jobs then have no department rating.
    pub department: Option<DepartmentRef>,
}

impl From<ServiceTypeView> for CatalogueServiceTypeResponse {
    fn from(v: ServiceTypeView) -> Self {
        Self {
            service_type: v.service_type.into(),
            department: v.department.map(|d| DepartmentRef {
                id: d.public_id,
                name: d.name,
            }),
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceTypeQuery {
    /// Include withdrawn types (the centre's catalogue page).
    #[serde(default)]
    pub include_inactive: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(as = ServiceTypePackageRequest)]
pub struct PackageRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "crate::enterprises::code_shape"))]
    pub code: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 80, message = "1 to 80 characters"))]
    #[schema(min_length = 1, max_length = 80)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 160, message = "1 to 160 characters"))]
    #[schema(min_length = 1, max_length = 160)]
    pub name_en: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    #[serde(default)]
    pub description_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 4000, message = "at most 4000 characters"))]
    #[schema(max_length = 4000)]
    #[serde(default)]
    pub description_en: String,
    #[validate(length(min = 1, max = 40, message = "1 to 40 service types"))]
    #[schema(min_items = 1, max_items = 40)]
    pub service_type_ids: Vec<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ServiceTypePackageResponse)]
pub struct PackageResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub service_types: Vec<ServiceTypeResponse>,
    /// The sum of the members' fee ranges.
    pub fee_min_fen: Option<i64>,
    pub fee_max_fen: Option<i64>,
}

impl From<PackageView> for PackageResponse {
    fn from(v: PackageView) -> Self {
        Self {
            id: v.package.public_id,
            code: v.package.code,
            name_zh: v.package.name_zh,
            name_en: v.package.name_en,
            description_zh: v.package.description_zh,
            description_en: v.package.description_en,
            service_types: v.service_types.into_iter().map(Into::into).collect(),
            fee_min_fen: v.fee_range.map(|f| f.min_fen),
            fee_max_fen: v.fee_range.map(|f| f.max_fen),
        }
    }
}

/// The marketplace rules this centre configured, for forms to show before saving.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesResponse {
    pub min_bidding_working_days: u32,
    /// The fewest valid bids each selection method needs at closing.
    pub min_valid_bids: std::collections::BTreeMap<String, u32>,
    pub abnormally_low_percent: u32,
    pub notice_working_days: u32,
    /// The credit score (0–100) a scored comparison gives an unrated intermediary.
    pub unrated_credit_score: u32,
}

impl From<&crate::configuration::MarketplaceSettings> for RulesResponse {
    fn from(m: &crate::configuration::MarketplaceSettings) -> Self {
        let bids = m.min_valid_bids;
        Self {
            min_bidding_working_days: m.min_bidding_working_days,
            min_valid_bids: [
                (SelectionMethod::DirectPick, bids.direct_pick),
                (SelectionMethod::RandomDraw, bids.random_draw),
                (SelectionMethod::LowestPrice, bids.lowest_price),
                (SelectionMethod::Scored, bids.scored),
            ]
            .into_iter()
            .map(|(method, n)| (method.as_str().to_owned(), n))
            .collect(),
            abnormally_low_percent: m.abnormally_low_percent,
            notice_working_days: m.notice_working_days,
            unrated_credit_score: m.unrated_credit_score,
        }
    }
}

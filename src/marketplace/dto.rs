//! Request and response bodies of the marketplace endpoints. Bids appear in two shapes: the
//! bidder's own ([`MyBidResponse`]) and, after closing, the owner's view of all
//! ([`BidResponse`]); nothing else carries any bid data.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{
    bid::service::BidView,
    catalogue::service::{PackageView, ServiceTypeDefinition},
    contract::service::ContractView,
    draw::DrawProof,
    intermediary::service::IntermediaryView,
    model::{
        BidStatus, ContractStatus, DeliveryDecision, JustificationDecision, ObjectionStatus,
        ProcurementStatus, SelectionMethod,
    },
    procurement::views::{json_list, ProcurementView},
    selection::ranking::ScoreCard,
};
use crate::credit::Standing;

// ---- catalogue ----

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
            active: r.active,
            position: r.position,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceTypeResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub approval_zh: String,
    pub approval_en: String,
    pub qualification: Option<String>,
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    pub time_limit_working_days: i32,
    pub guide_zh: String,
    pub guide_en: String,
    pub active: bool,
    pub position: i32,
}

impl From<entities::service_type::Model> for ServiceTypeResponse {
    fn from(t: entities::service_type::Model) -> Self {
        Self {
            id: t.public_id,
            code: t.code,
            name_zh: t.name_zh,
            name_en: t.name_en,
            approval_zh: t.approval_zh,
            approval_en: t.approval_en,
            qualification: t.qualification,
            fee_min_fen: t.fee_min_fen,
            fee_max_fen: t.fee_max_fen,
            time_limit_working_days: t.time_limit_working_days,
            guide_zh: t.guide_zh,
            guide_en: t.guide_en,
            active: t.active,
            position: t.position,
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

// ---- intermediaries ----

#[derive(Debug, Serialize, ToSchema)]
pub struct CreditResponse {
    /// 0–100; absent while unrated.
    pub score: Option<i32>,
    /// 1–5; absent while unrated.
    pub stars: Option<u8>,
    pub delisted: bool,
}

impl From<Standing> for CreditResponse {
    fn from(s: Standing) -> Self {
        Self {
            score: s.score,
            stars: s.stars.map(|s| s.stars()),
            delisted: s.delisted,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationResponse {
    pub id: Uuid,
    pub qualification_type: String,
    pub level: String,
    pub certificate_number: String,
    pub expires_on: NaiveDate,
}

impl From<entities::intermediary_qualification::Model> for QualificationResponse {
    fn from(q: entities::intermediary_qualification::Model) -> Self {
        Self {
            id: q.public_id,
            qualification_type: q.qualification_type,
            level: q.level,
            certificate_number: q.certificate_number,
            expires_on: q.expires_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntermediaryResponse {
    pub id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
    pub status: String,
    pub practitioners: i32,
    pub introduction: String,
    pub service_types: Vec<ServiceTypeResponse>,
    pub qualifications: Vec<QualificationResponse>,
    pub credit: CreditResponse,
}

impl From<IntermediaryView> for IntermediaryResponse {
    fn from(v: IntermediaryView) -> Self {
        let (practitioners, introduction) = v
            .profile
            .map(|p| (p.practitioners, p.introduction))
            .unwrap_or_default();
        Self {
            id: v.organisation.public_id,
            name: v.organisation.name,
            uscc: v.organisation.uscc,
            status: v.organisation.status.to_string(),
            practitioners,
            introduction,
            service_types: v.service_types.into_iter().map(Into::into).collect(),
            qualifications: v.qualifications.into_iter().map(Into::into).collect(),
            credit: v.standing.into(),
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntermediaryQuery {
    /// Only those offering this service type.
    pub service_type_id: Option<Uuid>,
    /// Contained in the name.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct IntermediaryProfileRequest {
    #[validate(range(min = 0, max = 100000, message = "0 to 100000"))]
    #[schema(minimum = 0, maximum = 100000)]
    pub practitioners: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub introduction: String,
    /// The service types offered.
    #[validate(length(max = 100, message = "at most 100 service types"))]
    #[schema(max_items = 100)]
    pub service_type_ids: Vec<Uuid>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct QualificationRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub qualification_type: String,
    /// One of the type's levels, or empty when it has none.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 20))]
    #[schema(max_length = 20)]
    #[serde(default)]
    pub level: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 64, message = "1 to 64 characters"))]
    #[schema(min_length = 1, max_length = 64)]
    pub certificate_number: String,
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub expires_on: NaiveDate,
}

// ---- projects and procurements ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ProjectRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The national project code, `YYYY-XXXXXX-XX-XX-XXXXXX`.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub code: String,
    /// Where it is built: a 6-digit administrative division code.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub division_code: String,
    #[validate(range(min = 0, message = "not negative"))]
    #[schema(minimum = 0)]
    pub investment_fen: i64,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectResponse {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub division_code: String,
    pub investment_fen: i64,
    pub description: String,
    pub created_at: DateTime<Utc>,
}

impl From<entities::project::Model> for ProjectResponse {
    fn from(p: entities::project::Model) -> Self {
        Self {
            id: p.public_id,
            name: p.name,
            code: p.code,
            division_code: p.division_code,
            investment_fen: p.investment_fen,
            description: p.description,
            created_at: p.created_at,
        }
    }
}

#[derive(Debug, Deserialize, Serialize, Validate, ToSchema)]
pub struct AvoidanceRequest {
    pub intermediary_id: Uuid,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 500, message = "1 to 500 characters"))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ProcurementRequest {
    pub project_id: Uuid,
    /// One service type, or…
    pub service_type_id: Option<Uuid>,
    /// …one package.
    pub package_id: Option<Uuid>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 10000, message = "at most 10000 characters"))]
    #[schema(max_length = 10000)]
    #[serde(default)]
    pub scope: String,
    /// Within the service type's (or package's) fee range.
    pub budget_ceiling_fen: i64,
    /// Qualification type codes bidders must hold beyond the service types' own.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    #[serde(default)]
    pub required_qualifications: Vec<String>,
    #[validate(length(max = 100), nested)]
    #[serde(default)]
    pub avoided: Vec<AvoidanceRequest>,
    pub selection_method: SelectionMethod,
    /// Percent weights of a scored comparison (price + proposal + credit = 100).
    #[serde(default)]
    pub weight_price: i32,
    #[serde(default)]
    pub weight_proposal: i32,
    #[serde(default)]
    pub weight_credit: i32,
    /// Working days from publishing to the bidding deadline (at least the configured minimum).
    #[validate(range(min = 1, max = 60, message = "1 to 60 working days"))]
    #[schema(minimum = 1, maximum = 60)]
    pub bidding_working_days: i32,
    /// Working days the intermediary has for the work once contracted.
    #[validate(range(min = 1, max = 366, message = "1 to 366 working days"))]
    #[schema(minimum = 1, maximum = 366)]
    pub service_working_days: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(as = ProcurementReasonRequest)]
pub struct ReasonRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcurementListQuery {
    /// Only the caller's organisation's own (owners).
    #[serde(default)]
    pub mine: bool,
    pub status: Option<ProcurementStatus>,
    pub service_type_id: Option<Uuid>,
    /// Contained in the title or scope.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenQuery {
    /// Contained in the title or scope.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyResponse {
    pub id: Uuid,
    pub name: String,
}

impl From<entities::organisation::Model> for PartyResponse {
    fn from(o: entities::organisation::Model) -> Self {
        Self {
            id: o.public_id,
            name: o.name,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AvoidanceResponse {
    pub intermediary: PartyResponse,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProcurementResponse {
    pub id: Uuid,
    pub title: String,
    pub scope: String,
    pub status: ProcurementStatus,
    pub project: ProjectResponse,
    pub owner: PartyResponse,
    /// The service type, or the package's members.
    pub service_types: Vec<ServiceTypeResponse>,
    /// The one service type (absent for a package).
    pub service_type_id: Option<Uuid>,
    pub package_id: Option<Uuid>,
    pub package_name_zh: Option<String>,
    pub package_name_en: Option<String>,
    pub budget_ceiling_fen: i64,
    pub fee_min_fen: i64,
    pub fee_max_fen: i64,
    pub required_qualifications: Vec<String>,
    pub selection_method: SelectionMethod,
    pub weight_price: i32,
    pub weight_proposal: i32,
    pub weight_credit: i32,
    pub min_valid_bids: i32,
    pub bidding_working_days: i32,
    pub service_working_days: i32,
    pub terms_version: i32,
    pub published_at: Option<DateTime<Utc>>,
    pub bid_deadline: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// SHA-256 commitment to the draw's secret seed (random draw), shown from publishing.
    pub seed_commitment: Option<String>,
    pub awarded_at: Option<DateTime<Utc>>,
    pub notice_ends_at: Option<DateTime<Utc>>,
    pub winner: Option<PartyResponse>,
    pub end_reason: Option<String>,
    /// The owner's and the centre's only.
    pub avoided: Option<Vec<AvoidanceResponse>>,
    /// The caller's own bid (intermediaries).
    pub my_bid: Option<MyBidResponse>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ProcurementView> for ProcurementResponse {
    fn from(v: ProcurementView) -> Self {
        let p = v.procurement;
        let method = p.selection_method;
        let seed_commitment = (method == SelectionMethod::RandomDraw)
            .then_some(p.seed_commitment)
            .flatten();
        Self {
            id: p.public_id,
            title: p.title,
            scope: p.scope,
            status: p.status,
            project: v.project.into(),
            owner: v.owner.into(),
            service_type_id: v
                .package
                .is_none()
                .then(|| v.service_types.first().map(|t| t.public_id))
                .flatten(),
            service_types: v.service_types.into_iter().map(Into::into).collect(),
            package_id: v.package.as_ref().map(|k| k.public_id),
            package_name_zh: v.package.as_ref().map(|k| k.name_zh.clone()),
            package_name_en: v.package.map(|k| k.name_en),
            budget_ceiling_fen: p.budget_ceiling_fen,
            fee_min_fen: p.fee_min_fen,
            fee_max_fen: p.fee_max_fen,
            required_qualifications: json_list(&p.required_qualifications),
            selection_method: method,
            weight_price: p.weight_price,
            weight_proposal: p.weight_proposal,
            weight_credit: p.weight_credit,
            min_valid_bids: p.min_valid_bids,
            bidding_working_days: p.bidding_working_days,
            service_working_days: p.service_working_days,
            terms_version: p.terms_version,
            published_at: p.published_at,
            bid_deadline: p.bid_deadline,
            closed_at: p.closed_at,
            seed_commitment,
            awarded_at: p.awarded_at,
            notice_ends_at: p.notice_ends_at,
            winner: v.winner.map(Into::into),
            end_reason: p.end_reason,
            avoided: v.avoided.map(|list| {
                list.into_iter()
                    .map(|(o, reason)| AvoidanceResponse {
                        intermediary: o.into(),
                        reason,
                    })
                    .collect()
            }),
            my_bid: v.my_bid.map(Into::into),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

// ---- clarifications ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct QuestionRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub question: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AnswerRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub answer: String,
}

/// A clarification; who asked is never told.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResponse {
    pub id: Uuid,
    pub question: String,
    pub answer: Option<String>,
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<entities::procurement_question::Model> for QuestionResponse {
    fn from(q: entities::procurement_question::Model) -> Self {
        Self {
            id: q.public_id,
            question: q.question,
            answer: q.answer,
            asked_at: q.asked_at,
            answered_at: q.answered_at,
        }
    }
}

// ---- bids ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct BidRequest {
    pub price_fen: i64,
    pub promised_working_days: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 20000, message = "at most 20000 characters"))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub proposal: String,
    /// An uploaded file of purpose `bid_proposal`.
    pub proposal_file_id: Option<Uuid>,
    /// SHA-256 (hex) of a proposal kept elsewhere, when no file is uploaded.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "sha256_shape"))]
    pub proposal_digest: Option<String>,
}

fn sha256_shape(digest: &str) -> Result<(), validator::ValidationError> {
    if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("digest")
            .with_message("a SHA-256 digest is 64 hexadecimal characters".into()))
    }
}

/// The bidder's own bid.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyBidResponse {
    pub id: Uuid,
    pub price_fen: i64,
    pub promised_working_days: i32,
    pub proposal: String,
    pub proposal_file_id: Option<Uuid>,
    pub proposal_digest: Option<String>,
    pub status: BidStatus,
    pub terms_version: i32,
    pub placed_at: DateTime<Utc>,
    pub abnormally_low: bool,
    pub justification: Option<String>,
    pub justification_decision: Option<JustificationDecision>,
    pub invalid_reason: Option<String>,
}

impl From<entities::bid::Model> for MyBidResponse {
    fn from(b: entities::bid::Model) -> Self {
        Self {
            id: b.public_id,
            price_fen: b.price_fen,
            promised_working_days: b.promised_working_days,
            proposal: b.proposal,
            proposal_file_id: b.proposal_file_id,
            proposal_digest: b.proposal_digest,
            status: b.status,
            terms_version: b.terms_version,
            placed_at: b.placed_at,
            abnormally_low: b.abnormally_low,
            justification: b.justification,
            justification_decision: b.justification_decision,
            invalid_reason: b.invalid_reason,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyBidListItem {
    pub bid: MyBidResponse,
    pub procurement_id: Uuid,
    pub procurement_title: String,
    pub procurement_status: ProcurementStatus,
    pub bid_deadline: Option<DateTime<Utc>>,
    /// Whether this bid won (once the result is out).
    pub won: bool,
}

/// A bid as the owner and the centre see it after closing.
#[derive(Debug, Serialize, ToSchema)]
pub struct BidResponse {
    #[serde(flatten)]
    pub bid: MyBidResponse,
    pub bidder: PartyResponse,
    pub bidder_uscc: Option<String>,
    pub proposal_score: Option<i32>,
    pub credit: CreditResponse,
}

impl From<BidView> for BidResponse {
    fn from(v: BidView) -> Self {
        Self {
            proposal_score: v.bid.proposal_score,
            bid: v.bid.into(),
            bidder_uscc: v.bidder.uscc.clone(),
            bidder: v.bidder.into(),
            credit: v.standing.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationResponse {
    pub bids: Vec<BidResponse>,
    /// Scored comparison: each valid bid's scores by the published formula, best first.
    pub score_cards: Vec<ScoreCard>,
    /// The published formula of a scored comparison, Chinese then English.
    pub formula: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PickRequest {
    pub bid_id: Uuid,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct MarkRequest {
    pub bid_id: Uuid,
    /// 0–100.
    pub mark: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct MarksRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_items = 1, max_items = 200)]
    pub marks: Vec<MarkRequest>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct JustificationRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub justification: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct JustificationDecisionRequest {
    pub bid_id: Uuid,
    pub accept: bool,
}

// ---- objections ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ObjectionAnswerRequest {
    pub uphold: bool,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub answer: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionResponse {
    pub id: Uuid,
    pub reason: String,
    pub status: ObjectionStatus,
    pub answer: Option<String>,
    pub raised_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<entities::procurement_objection::Model> for ObjectionResponse {
    fn from(o: entities::procurement_objection::Model) -> Self {
        Self {
            id: o.public_id,
            reason: o.reason,
            status: o.status,
            answer: o.answer,
            raised_at: o.raised_at,
            answered_at: o.answered_at,
        }
    }
}

// ---- contracts ----

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ContractTermsRequest {
    pub amount_fen: i64,
    pub working_days: i32,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DeliveryRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 5000, message = "1 to 5000 characters"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub summary: String,
    /// An uploaded file of purpose `delivery_result`.
    pub file_id: Option<Uuid>,
    /// SHA-256 (hex) of a result kept elsewhere, when no file is uploaded.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "sha256_shape"))]
    pub digest: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DeliveryDecisionRequest {
    pub accept: bool,
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    pub id: Uuid,
    pub summary: String,
    pub file_id: Option<Uuid>,
    pub digest: String,
    pub submitted_at: DateTime<Utc>,
    /// Absent while waiting.
    pub decision: Option<DeliveryDecision>,
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl From<entities::delivery::Model> for DeliveryResponse {
    fn from(d: entities::delivery::Model) -> Self {
        Self {
            id: d.public_id,
            summary: d.summary,
            file_id: d.file_id,
            digest: d.digest,
            submitted_at: d.submitted_at,
            decision: d.decision,
            reason: d.reason,
            decided_at: d.decided_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractResponse {
    pub id: Uuid,
    pub procurement_id: Uuid,
    pub procurement_title: String,
    pub procurement_status: ProcurementStatus,
    pub amount_fen: i64,
    pub working_days: i32,
    pub status: ContractStatus,
    pub owner_confirmed_at: Option<DateTime<Utc>>,
    pub intermediary_confirmed_at: Option<DateTime<Utc>>,
    pub signed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// Delivered after its deadline.
    pub late: bool,
    /// Signed, past its due time and not delivered yet.
    pub overdue: bool,
    pub deliveries: Vec<DeliveryResponse>,
}

impl From<ContractView> for ContractResponse {
    fn from(v: ContractView) -> Self {
        let c = v.contract;
        Self {
            id: c.public_id,
            procurement_id: v.procurement.public_id,
            procurement_title: v.procurement.title,
            procurement_status: v.procurement.status,
            amount_fen: c.amount_fen,
            working_days: c.working_days,
            status: c.status,
            owner_confirmed_at: c.owner_confirmed_at,
            intermediary_confirmed_at: c.intermediary_confirmed_at,
            signed_at: c.signed_at,
            due_at: c.due_at,
            delivered_at: c.delivered_at,
            accepted_at: c.accepted_at,
            late: c.late,
            overdue: v.overdue,
            deliveries: v.deliveries.into_iter().map(Into::into).collect(),
        }
    }
}

// ---- public ----

/// The public proof of a random draw (结果公示): before closing only the commitment is filled.
#[derive(Debug, Serialize, ToSchema)]
pub struct DrawProofResponse {
    #[serde(flatten)]
    pub proof: DrawProof,
    /// How to recompute it, step by step.
    pub algorithm_description: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    /// Only those whose objection period is still running.
    #[serde(default)]
    pub in_notice: bool,
}

/// A published result (结果公示).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicNoticeResponse {
    pub procurement_id: Uuid,
    pub title: String,
    pub owner: String,
    /// Chinese names of the service types.
    pub service_types: Vec<String>,
    pub service_types_en: Vec<String>,
    pub selection_method: SelectionMethod,
    pub winner: String,
    pub winner_uscc: Option<String>,
    pub price_fen: i64,
    pub budget_ceiling_fen: i64,
    pub awarded_at: Option<DateTime<Utc>>,
    pub notice_ends_at: Option<DateTime<Utc>>,
    pub status: ProcurementStatus,
}

impl From<super::selection::service::PublicNotice> for PublicNoticeResponse {
    fn from(n: super::selection::service::PublicNotice) -> Self {
        let p = n.procurement;
        Self {
            procurement_id: p.public_id,
            title: p.title,
            owner: n.owner.name,
            service_types: n.service_types.iter().map(|t| t.name_zh.clone()).collect(),
            service_types_en: n.service_types.into_iter().map(|t| t.name_en).collect(),
            selection_method: p.selection_method,
            winner: n.winner.name,
            winner_uscc: n.winner.uscc,
            price_fen: n.price_fen,
            budget_ceiling_fen: p.budget_ceiling_fen,
            awarded_at: p.awarded_at,
            notice_ends_at: p.notice_ends_at,
            status: p.status,
        }
    }
}

// ---- statistics ----

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// Procurements published from this instant (default: a year before `to`).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub from: Option<DateTime<Utc>>,
    /// …up to this one, excluded (default: now).
    #[serde(default, deserialize_with = "crate::dates::bounded")]
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresResponse {
    pub jobs: u64,
    pub closed: u64,
    pub awarded: u64,
    pub failed: u64,
    pub cancelled: u64,
    /// Failed among closed, 0–1.
    pub failure_rate: Option<f64>,
    pub avg_working_days_to_award: Option<f64>,
    pub avg_working_days_to_delivery: Option<f64>,
    pub avg_price_fen: Option<i64>,
    pub avg_ceiling_fen: Option<i64>,
    /// 1 − Σ awarded price ÷ Σ ceilings, 0–1.
    pub saving_rate: Option<f64>,
}

impl From<super::statistics::service::Figures> for FiguresResponse {
    fn from(f: super::statistics::service::Figures) -> Self {
        Self {
            jobs: f.jobs,
            closed: f.closed,
            awarded: f.awarded,
            failed: f.failed,
            cancelled: f.cancelled,
            failure_rate: f.failure_rate,
            avg_working_days_to_award: f.avg_working_days_to_award,
            avg_working_days_to_delivery: f.avg_working_days_to_delivery,
            avg_price_fen: f.avg_price_fen,
            avg_ceiling_fen: f.avg_ceiling_fen,
            saving_rate: f.saving_rate,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectFiguresResponse {
    /// `service_type` or `package`.
    pub kind: String,
    pub id: Option<Uuid>,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(flatten)]
    pub figures: FiguresResponse,
}

impl From<super::statistics::service::SubjectFigures> for SubjectFiguresResponse {
    fn from(s: super::statistics::service::SubjectFigures) -> Self {
        let (kind, id, code, name_zh, name_en) = match (s.service_type, s.package) {
            (Some(t), _) => (
                "service_type",
                Some(t.public_id),
                t.code,
                t.name_zh,
                t.name_en,
            ),
            (None, Some(p)) => ("package", Some(p.public_id), p.code, p.name_zh, p.name_en),
            (None, None) => (
                "service_type",
                None,
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        Self {
            kind: kind.to_owned(),
            id,
            code,
            name_zh,
            name_en,
            figures: s.figures.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthFiguresResponse {
    /// `YYYY-MM` in Beijing time.
    pub month: String,
    pub published: u64,
    pub awarded: u64,
    pub failed: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticsResponse {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub overall: FiguresResponse,
    /// Per service type or package, most jobs first.
    pub by_subject: Vec<SubjectFiguresResponse>,
    pub by_month: Vec<MonthFiguresResponse>,
    /// Jobs per status.
    pub by_status: std::collections::BTreeMap<String, u64>,
}

impl From<super::statistics::service::Statistics> for StatisticsResponse {
    fn from(s: super::statistics::service::Statistics) -> Self {
        Self {
            from: s.from,
            to: s.to,
            overall: s.overall.into(),
            by_subject: s.by_subject.into_iter().map(Into::into).collect(),
            by_month: s
                .by_month
                .into_iter()
                .map(|m| MonthFiguresResponse {
                    month: m.month,
                    published: m.published,
                    awarded: m.awarded,
                    failed: m.failed,
                })
                .collect(),
            by_status: s
                .by_status
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }
}

// ---- rules ----

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

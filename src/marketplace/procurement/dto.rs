//! Request and response bodies of the project and procurement endpoints: projects, procurements
//! (with the intermediaries avoided) as each viewer sees them, the lists' queries, and the
//! questions (答疑) and their answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::super::{
    dto::{MyBidResponse, PartyResponse, ServiceTypeResponse},
    model::{ProcurementStatus, SelectionMethod},
};
use super::views::{json_list, ProcurementView};

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

//! Policy, clause and match requests and responses.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{
    matching::ClauseMatch,
    model::{
        AmountBasis, AmountRule, ApplicationStatus, ClauseMode, ClauseStatus, PolicyLevel, Window,
    },
};
use crate::enterprises::condition::compile::Explanation;

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PolicyRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The issuing department (an organisation of kind `department`).
    pub issuer_id: Uuid,
    pub level: PolicyLevel,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 100, message = "1 to 100 characters"))]
    #[schema(min_length = 1, max_length = 100)]
    #[schema(example = "杭钱政〔2026〕12号")]
    pub document_number: String,
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub effective_from: NaiveDate,
    #[serde(default)]
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub effective_to: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[serde(default)]
    #[validate(url(message = "a link (https://…)"))]
    pub source_url: Option<String>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub summary: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PolicyResponse {
    pub id: Uuid,
    pub title: String,
    /// The issuing department's name.
    pub issuer: String,
    pub issuer_id: Uuid,
    pub level: PolicyLevel,
    pub document_number: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub source_url: Option<String>,
    pub summary: String,
    pub clause_count: u64,
    pub updated_at: DateTime<Utc>,
}

impl PolicyResponse {
    pub fn new(
        p: entities::policy::Model,
        issuer: super::service::Issuer,
        clause_count: u64,
    ) -> Self {
        Self {
            id: p.public_id,
            title: p.title,
            issuer: issuer.name,
            issuer_id: issuer.id,
            level: p.level,
            document_number: p.document_number,
            effective_from: p.effective_from,
            effective_to: p.effective_to,
            source_url: p.source_url,
            summary: p.summary,
            clause_count,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyDetailResponse {
    #[serde(flatten)]
    pub policy: PolicyResponse,
    pub clauses: Vec<ClauseResponse>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyQuery {
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ClauseRequest {
    #[serde(default)]
    pub position: i32,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The eligibility condition as JSON …
    #[serde(default)]
    pub condition: Option<Value>,
    /// … or in the text form.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[serde(default)]
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub condition_text: Option<String>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(min = 1, max = 2000, message = "1 to 2000 characters"))]
    #[schema(min_length = 1, max_length = 2000)]
    pub benefit: String,
    #[serde(default)]
    pub amount_fixed_fen: Option<i64>,
    #[serde(default)]
    pub amount_basis: Option<AmountBasis>,
    #[serde(default)]
    pub amount_rate_bp: Option<i32>,
    #[serde(default)]
    pub amount_cap_fen: Option<i64>,
    #[serde(default)]
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub window_opens_on: Option<NaiveDate>,
    #[serde(default)]
    #[serde(deserialize_with = "crate::dates::bounded")]
    pub window_closes_on: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[serde(default)]
    #[validate(length(max = 50, message = "at most 50 materials"))]
    #[schema(max_items = 50)]
    pub materials: Vec<String>,
    pub mode: ClauseMode,
}

impl ClauseRequest {
    pub fn amount(&self) -> AmountRule {
        AmountRule {
            fixed_fen: self.amount_fixed_fen,
            basis: self.amount_basis,
            rate_bp: self.amount_rate_bp,
            cap_fen: self.amount_cap_fen,
        }
    }

    pub fn window(&self) -> Window {
        Window {
            opens_on: self.window_opens_on,
            closes_on: self.window_closes_on,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClauseResponse {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub condition: Value,
    pub condition_text: String,
    pub benefit: String,
    pub amount_fixed_fen: Option<i64>,
    pub amount_basis: Option<AmountBasis>,
    pub amount_rate_bp: Option<i32>,
    pub amount_cap_fen: Option<i64>,
    pub window_opens_on: Option<NaiveDate>,
    pub window_closes_on: Option<NaiveDate>,
    pub materials: Vec<String>,
    pub mode: ClauseMode,
    pub status: ClauseStatus,
    pub published_at: Option<DateTime<Utc>>,
}

impl From<entities::policy_clause::Model> for ClauseResponse {
    fn from(c: entities::policy_clause::Model) -> Self {
        Self {
            id: c.public_id,
            position: c.position,
            title: c.title,
            condition: serde_json::from_str(&c.condition).unwrap_or(Value::Null),
            condition_text: c.condition_text,
            benefit: c.benefit,
            amount_fixed_fen: c.amount_fixed_fen,
            amount_basis: c.amount_basis,
            amount_rate_bp: c.amount_rate_bp,
            amount_cap_fen: c.amount_cap_fen,
            window_opens_on: c.window_opens_on,
            window_closes_on: c.window_closes_on,
            materials: serde_json::from_str(&c.materials).unwrap_or_default(),
            mode: c.mode,
            status: c.status,
            published_at: c.published_at,
        }
    }
}

/// One clause matched against the enterprise.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClauseMatchResponse {
    pub clause_id: Uuid,
    pub clause_title: String,
    pub benefit: String,
    pub mode: ClauseMode,
    pub policy_id: Uuid,
    pub policy_title: String,
    pub policy_level: PolicyLevel,
    /// The issuing department.
    pub issuer: String,
    /// What an application hands in (apply mode).
    pub materials: Vec<String>,
    pub window: Window,
    /// The application window is open today.
    pub window_open: bool,
    /// What the amount rule gives this enterprise, when it can tell.
    pub estimated_amount_fen: Option<i64>,
    pub explanation: Explanation,
    /// The enterprise's application or answer for this clause, if any.
    pub application: Option<MatchApplication>,
}

/// An enterprise's application for a matched clause.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchApplication {
    pub id: Uuid,
    pub status: ApplicationStatus,
}

impl ClauseMatchResponse {
    pub fn new(m: ClauseMatch, today: NaiveDate, application: Option<MatchApplication>) -> Self {
        Self {
            clause_id: m.clause.public_id,
            clause_title: m.clause.title.clone(),
            benefit: m.clause.benefit.clone(),
            mode: m.clause.mode,
            policy_id: m.clause.policy_public_id,
            policy_title: m.clause.policy_title.clone(),
            policy_level: m.clause.policy_level,
            issuer: m.clause.issuer.clone(),
            materials: m.clause.materials.clone(),
            window_open: m.clause.window.is_open(today),
            window: m.clause.window,
            estimated_amount_fen: m.estimated_amount_fen,
            explanation: m.explanation,
            application,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchesResponse {
    /// Clauses in force the enterprise meets.
    pub eligible: Vec<ClauseMatchResponse>,
    /// Clauses it would meet if one or two things changed, fewest first.
    pub near_misses: Vec<ClauseMatchResponse>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibleEnterprise {
    pub enterprise_id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ApplyRequest {
    /// One file per required material, uploaded first with purpose `application_material`.
    #[validate(length(max = 50, message = "at most 50 materials"))]
    #[schema(max_items = 50)]
    pub materials: Vec<super::applications::Material>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DecisionRequest {
    /// `approve`, `reject` or `return`.
    pub decision: DecisionKind,
    /// The approved amount (approve).
    #[serde(default)]
    pub amount_fen: Option<i64>,
    /// Why (reject, return).
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[serde(default)]
    #[validate(length(max = 1000, message = "at most 1000 characters"))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Approve,
    Reject,
    Return,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PayRequest {
    #[validate(range(min = 1, message = "a positive amount in fen"))]
    #[schema(minimum = 1)]
    pub amount_fen: i64,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    pub status: Option<ApplicationStatus>,
    /// Only this clause's applications.
    pub clause_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResponse {
    pub id: Uuid,
    pub clause_id: Uuid,
    pub clause_title: String,
    pub policy_title: String,
    /// The materials the clause asks for now.
    pub required_materials: Vec<String>,
    pub enterprise: String,
    pub mode: ClauseMode,
    pub status: ApplicationStatus,
    pub materials: Vec<super::applications::Material>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    /// What the clause's amount rule gives the enterprise's profile today (a suggestion for
    /// the approved amount).
    pub estimated_amount_fen: Option<i64>,
    pub approved_amount_fen: Option<i64>,
    pub paid_at: Option<DateTime<Utc>>,
    pub paid_amount_fen: Option<i64>,
    /// The clock: from the match or submission …
    pub clock_started_at: DateTime<Utc>,
    /// … to the payout, due by the end of this working day.
    pub due_at: DateTime<Utc>,
    pub limit_working_days: u32,
    /// Working days used so far (to the payout once paid).
    pub working_days_used: u32,
    /// Paid after the due day, or still unpaid past it.
    pub late: bool,
    /// What it rests on (on a single application only, not in lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grounds: Option<GroundsResponse>,
}

/// The facts an application or automatic grant rests on, as the issuing department checks them.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroundsResponse {
    pub enterprise_id: Uuid,
    /// The clause's condition against the enterprise's profile today, comparison by comparison
    /// (an automatic grant counts verified qualifications only; `declared_only` marks a
    /// comparison met only by a declared one). None when the condition no longer checks.
    pub explanation: Option<Explanation>,
    /// The enterprise's qualifications the condition tests, with their verification.
    pub qualifications: Vec<crate::enterprises::QualificationCheck>,
}

impl From<super::applications::Grounds> for GroundsResponse {
    fn from(g: super::applications::Grounds) -> Self {
        Self {
            enterprise_id: g.enterprise_id,
            explanation: g.explanation,
            qualifications: g
                .qualifications
                .iter()
                .map(crate::enterprises::QualificationCheck::from)
                .collect(),
        }
    }
}

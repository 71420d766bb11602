//! Request and response bodies of the contract endpoints: the terms, a delivery and the owner's
//! decision on it, and the contract with its deliveries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::super::model::{ContractStatus, DeliveryDecision, ProcurementStatus};
use super::service::ContractView;

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
    #[validate(custom(function = "crate::marketplace::dto::sha256_shape"))]
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

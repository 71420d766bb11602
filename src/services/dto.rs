//! Request and response bodies of the service store endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{
    error::ServicesError,
    model::OrderStatus,
    service::{
        ItemDefinition, ItemView, OrderFilter, OrderView, PackageDefinition, PackageView,
        Recommendation, SectorDefinition,
    },
};
use crate::error::Code;

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SectorRequest {
    /// Lower-case letters, digits and `_`, starting with a letter, e.g. `finance`.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(custom(function = "crate::enterprises::code_shape"))]
    pub code: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 40, message = "1 to 40 characters"))]
    #[schema(min_length = 1, max_length = 40)]
    pub name_zh: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 80, message = "1 to 80 characters"))]
    #[schema(min_length = 1, max_length = 80)]
    pub name_en: String,
    #[serde(default)]
    pub position: i32,
}

impl From<SectorRequest> for SectorDefinition {
    fn from(body: SectorRequest) -> Self {
        Self {
            code: body.code,
            name_zh: body.name_zh,
            name_en: body.name_en,
            position: body.position,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectorResponse {
    pub id: Uuid,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub position: i32,
}

impl From<entities::service_sector::Model> for SectorResponse {
    fn from(s: entities::service_sector::Model) -> Self {
        Self {
            id: s.public_id,
            code: s.code,
            name_zh: s.name_zh,
            name_en: s.name_en,
            position: s.position,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ItemRequest {
    pub sector_id: Uuid,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub description: String,
    /// A department or an intermediary organisation.
    pub provider_id: Uuid,
    /// Codes of the tags the service is meant for.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 20, message = "at most 20 tags"))]
    #[schema(max_items = 20)]
    #[serde(default)]
    pub target_tags: Vec<String>,
    /// Working days from the order to completion.
    #[validate(range(min = 1, max = 120, message = "1 to 120 working days"))]
    #[schema(minimum = 1, maximum = 120)]
    pub sla_working_days: i32,
    /// What the enterprise brings.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 30, message = "at most 30 materials"))]
    #[schema(max_items = 30)]
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl From<ItemRequest> for ItemDefinition {
    fn from(body: ItemRequest) -> Self {
        Self {
            sector: body.sector_id,
            title: body.title,
            description: body.description,
            provider: body.provider_id,
            target_tags: body.target_tags,
            sla_working_days: body.sla_working_days,
            materials: body.materials,
            active: body.active,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderResponse {
    pub id: Uuid,
    pub name: String,
    /// `department` or `intermediary`.
    pub kind: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemResponse {
    pub id: Uuid,
    pub sector: SectorResponse,
    pub title: String,
    pub description: String,
    pub provider: ProviderResponse,
    pub target_tags: Vec<String>,
    pub sla_working_days: i32,
    pub materials: Vec<String>,
    pub active: bool,
    pub updated_at: DateTime<Utc>,
}

impl From<ItemView> for ItemResponse {
    fn from(v: ItemView) -> Self {
        Self {
            id: v.item.public_id,
            sector: v.sector.into(),
            title: v.item.title,
            description: v.item.description,
            provider: ProviderResponse {
                id: v.provider.public_id,
                name: v.provider.name,
                kind: v.provider.kind.to_string(),
            },
            target_tags: v.target_tags,
            sla_working_days: v.item.sla_working_days,
            materials: v.materials,
            active: v.item.active,
            updated_at: v.item.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// Only this sector's items.
    pub sector_id: Option<Uuid>,
    /// Contained in the title or the description.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only items meant for this tag (code).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 64))]
    #[param(max_length = 64)]
    pub tag: Option<String>,
    /// Include withdrawn items (the centre only).
    #[serde(default)]
    pub include_inactive: bool,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecommendationQuery {
    /// How many (default 10).
    #[validate(range(min = 1, max = 50, message = "1 to 50"))]
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationResponse {
    pub item: ItemResponse,
    /// The share of the item's target tags the enterprise has, 0 to 1.
    pub score: f64,
    /// The enterprise's tags among the item's targets: why it is recommended.
    pub matched_tags: Vec<String>,
}

impl From<Recommendation> for RecommendationResponse {
    fn from(r: Recommendation) -> Self {
        Self {
            item: r.item.into(),
            score: r.score,
            matched_tags: r.matched_tags,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PackageRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(min = 1, max = 200, message = "1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 5000, message = "at most 5000 characters"))]
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub description: String,
    /// The items it bundles, in order.
    #[validate(length(min = 1, max = 30, message = "1 to 30 items"))]
    #[schema(min_items = 1, max_items = 30)]
    pub item_ids: Vec<Uuid>,
}

impl From<PackageRequest> for PackageDefinition {
    fn from(body: PackageRequest) -> Self {
        Self {
            title: body.title,
            description: body.description,
            items: body.item_ids,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PackageResponse {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub items: Vec<ItemResponse>,
}

impl From<PackageView> for PackageResponse {
    fn from(v: PackageView) -> Self {
        Self {
            id: v.package.public_id,
            title: v.package.title,
            description: v.package.description,
            items: v.items.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
pub struct OrderRequest {
    /// What the enterprise needs, for the provider.
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    #[serde(default)]
    pub note: String,
}

/// An order list's filters. Ids, dates and `overdue` arrive as text and are read by
/// [`OrderQuery::filter`], so a bad value is refused naming its field.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    /// Only orders of this service item.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[param(value_type = Option<Uuid>)]
    pub item_id: Option<String>,
    /// Only orders of items in this sector.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[param(value_type = Option<Uuid>)]
    pub sector_id: Option<String>,
    /// Ordered on or after this Beijing day (`YYYY-MM-DD`).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Ordered on or before this Beijing day (`YYYY-MM-DD`).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
    /// `true`: only orders still open past their due time.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[param(value_type = Option<bool>)]
    pub overdue: Option<String>,
    /// Contained in the item's title or the ordering enterprise's name (at most 100 characters).
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub q: Option<String>,
}

/// A present, non-blank query value.
fn given(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// The refusal of an order list's filter, naming the field.
const FILTER_INVALID: Code = Code::OrderFilterInvalid;

fn parse_field<T: std::str::FromStr>(
    value: Option<&String>,
    field: &'static str,
    expected: &str,
) -> Result<Option<T>, ServicesError> {
    given(value)
        .map(|v| {
            v.parse().map_err(|_| {
                ServicesError::field(FILTER_INVALID, field, format!("`{v}` is not {expected}"))
            })
        })
        .transpose()
}

/// A date filter, refused (like any bad value) outside the years a request may name.
fn parse_date(
    value: Option<&String>,
    field: &'static str,
    expected: &str,
) -> Result<Option<NaiveDate>, ServicesError> {
    let date: Option<NaiveDate> = parse_field(value, field, expected)?;
    if crate::dates::Bounded::within_bounds(&date) {
        Ok(date)
    } else {
        Err(ServicesError::field(
            FILTER_INVALID,
            field,
            format!("`{}` is not {expected}", value.map_or("", |v| v.as_str())),
        ))
    }
}

impl OrderQuery {
    /// The filter the query asks for: `order_filter_invalid` names the field of a bad value;
    /// `to` before `from` is refused on `to`.
    pub fn filter(&self) -> Result<OrderFilter, ServicesError> {
        const DATE: &str = "a date (YYYY-MM-DD) between the years 1900 and 2199";
        let from: Option<NaiveDate> = parse_date(self.from.as_ref(), "from", DATE)?;
        let to: Option<NaiveDate> = parse_date(self.to.as_ref(), "to", DATE)?;
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(ServicesError::field(
                    FILTER_INVALID,
                    "to",
                    "`to` is before `from`",
                ));
            }
        }
        let text = given(self.q.as_ref()).map(str::to_owned);
        if text.as_ref().is_some_and(|t| t.chars().count() > 100) {
            return Err(ServicesError::field(
                FILTER_INVALID,
                "q",
                "at most 100 characters",
            ));
        }
        Ok(OrderFilter {
            status: self.status,
            item: parse_field(self.item_id.as_ref(), "item_id", "an id")?,
            sector: parse_field(self.sector_id.as_ref(), "sector_id", "an id")?,
            from,
            to,
            overdue: parse_field(self.overdue.as_ref(), "overdue", "true or false")?
                .unwrap_or(false),
            text,
        })
    }
}

/// A provider's note: why it declines, or what it did.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
pub struct ProviderNoteRequest {
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RatingRequest {
    #[validate(range(min = 1, max = 5, message = "1 to 5 stars"))]
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i16,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::multi_line"))]
    #[validate(length(max = 2000, message = "at most 2000 characters"))]
    #[schema(max_length = 2000)]
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderResponse {
    pub id: Uuid,
    pub item_id: Uuid,
    pub item_title: String,
    pub enterprise: String,
    pub provider: String,
    pub status: OrderStatus,
    pub note: String,
    pub ordered_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub provider_note: Option<String>,
    pub rating: Option<i16>,
    pub rating_comment: Option<String>,
    pub sla_working_days: i32,
    /// Working days from the order to its close, or to now while open.
    pub working_days_used: u32,
    /// Completed after its due time, or still open past it.
    pub late: bool,
}

impl From<OrderView> for OrderResponse {
    fn from(v: OrderView) -> Self {
        let o = v.order;
        Self {
            id: o.public_id,
            item_id: v.item.public_id,
            item_title: v.item.title,
            enterprise: v.enterprise,
            provider: v.provider,
            status: o.status,
            note: o.note,
            ordered_at: o.ordered_at,
            due_at: o.due_at,
            accepted_at: o.accepted_at,
            closed_at: o.closed_at,
            provider_note: o.provider_note,
            rating: o.rating,
            rating_comment: o.rating_comment,
            sla_working_days: v.item.sla_working_days,
            working_days_used: v.working_days_used,
            late: v.late,
        }
    }
}

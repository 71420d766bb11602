//! `service_orders`: an enterprise's order (点单) of a service item, served within its SLA and
//! rated by the enterprise.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// Where an order stands.
    OrderStatus {
        /// Placed, waiting for the provider.
        Ordered => "ordered",
        /// The provider took it on.
        Accepted => "accepted",
        Completed => "completed",
        /// The provider could not take it.
        Declined => "declined",
        /// The enterprise withdrew it before it was accepted.
        Cancelled => "cancelled",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub item_id: i64,
    pub organisation_id: i64,
    pub provider_organisation_id: i64,
    pub status: OrderStatus,
    pub note: String,
    pub ordered_at: DateTimeUtc,
    /// The end of the SLA's last working day, counted from the order.
    pub due_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    /// Completed, declined or cancelled.
    pub closed_at: Option<DateTimeUtc>,
    pub provider_note: Option<String>,
    pub rating: Option<i16>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

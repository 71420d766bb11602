//! `notifications`: each user's in-app inbox.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What a notification is about; users choose per category whether they also want e-mail.
    Category {
        /// The user's own account and organisation (registration decisions).
        Account => "account",
        /// Work waiting for the centre (registrations to review).
        Approvals => "approvals",
        /// Policies an enterprise has become eligible for (精准推送).
        Policies => "policies",
        /// Orders of the value-added service store (增值服务), for both sides.
        Services => "services",
        /// The intermediary supermarket (中介超市): new jobs, bidding, results, contracts.
        Marketplace => "marketplace",
        /// Credit (信用): ratings to give, ratings received, stars, sanctions and appeals.
        Credit => "credit",
    }
);

stored_enum!(
    /// An event that notifies; its word names its templates and is stored with each notification.
    Event {
        RegistrationSubmitted => "registration_submitted",
        RegistrationApproved => "registration_approved",
        RegistrationRejected => "registration_rejected",
        PolicyMatched => "policy_matched",
        ApplicationDecided => "application_decided",
        QualificationChecked => "qualification_checked",
        ServiceOrdered => "service_ordered",
        ServiceOrderUpdated => "service_order_updated",
        ProcurementPublished => "procurement_published",
        ProcurementUpdated => "procurement_updated",
        RatingRequested => "rating_requested",
        CreditChanged => "credit_changed",
        SanctionUpdated => "sanction_updated",
        AppealDecided => "appeal_decided",
        CreditReview => "credit_review",
    }
);

impl Event {
    /// The category a user's e-mail choice for this event follows.
    pub fn category(self) -> Category {
        match self {
            Self::RegistrationSubmitted => Category::Approvals,
            Self::RegistrationApproved | Self::RegistrationRejected => Category::Account,
            Self::PolicyMatched | Self::ApplicationDecided | Self::QualificationChecked => {
                Category::Policies
            }
            Self::ServiceOrdered | Self::ServiceOrderUpdated => Category::Services,
            Self::ProcurementPublished | Self::ProcurementUpdated => Category::Marketplace,
            Self::RatingRequested
            | Self::CreditChanged
            | Self::SanctionUpdated
            | Self::AppealDecided
            | Self::CreditReview => Category::Credit,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub user_id: i64,
    pub category: Category,
    pub event: Event,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    /// The event's template values (JSON), so the text can be rendered in the reader's language.
    pub params: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

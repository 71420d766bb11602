//! `organisations`: enterprises, intermediaries, departments and the centre.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        Enterprise => "enterprise",
        Intermediary => "intermediary",
        Department => "department",
        Center => "center",
    }
);

stored_enum!(
    /// Where an organisation stands: intermediaries wait `pending` for the centre (入驻审核).
    OrganisationStatus {
        Active => "active",
        Pending => "pending",
        Rejected => "rejected",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    #[sea_orm(unique)]
    pub uscc: Option<String>,
    pub status: OrganisationStatus,
    pub status_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::user::Entity")]
    User,
    #[sea_orm(has_one = "super::credit_standing::Entity")]
    CreditStanding,
}

impl Related<super::credit_standing::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CreditStanding.def()
    }
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! `users`: one person's account, always inside one organisation.

use sea_orm::entity::prelude::*;

stored_enum!(
    /// The six roles of the platform.
    Role {
        Enterprise => "enterprise",
        Intermediary => "intermediary",
        Commissioner => "commissioner",
        Department => "department",
        Regulator => "regulator",
        CenterAdmin => "center_admin",
    }
);

stored_enum!(
    /// Whether a user may sign in.
    UserStatus {
        Active => "active",
        Disabled => "disabled",
    }
);

stored_enum!(
    /// The user's interface language.
    Locale {
        ZhCn => "zh-CN",
        En => "en",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub organisation_id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
    pub status: UserStatus,
    pub password_hash: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

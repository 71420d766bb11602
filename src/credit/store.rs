//! Credit queries.

use entities::credit_standing;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

pub async fn standings<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<Vec<credit_standing::Model>, DbErr> {
    credit_standing::Entity::find()
        .filter(credit_standing::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .all(conn)
        .await
}

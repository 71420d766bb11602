//! Inbox and preference queries.

use chrono::{DateTime, Utc};
use entities::{
    notification::{self, Entity as Notification},
    notification_preference::{self, Entity as NotificationPreference},
    user::{self, Entity as User},
};
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{Audience, Category, Recipient};
use crate::{accounts::UserStatus, pagination::Paging};

/// The active users an audience names, as recipients, in a stable order.
pub async fn recipients<C: ConnectionTrait>(
    conn: &C,
    audience: Audience,
) -> Result<Vec<Recipient>, DbErr> {
    let select = User::find().filter(user::Column::Status.eq(UserStatus::Active));
    let select = match audience {
        Audience::Organisation(id) => select.filter(user::Column::OrganisationId.eq(id)),
        Audience::Role(role) => select.filter(user::Column::Role.eq(role)),
    };
    let users = select.order_by_asc(user::Column::Id).all(conn).await?;
    Ok(users
        .into_iter()
        .map(|user| Recipient {
            user_id: user.id,
            locale: user.locale,
            email: user.email,
            display_name: user.display_name,
        })
        .collect())
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    model: notification::ActiveModel,
) -> Result<(), DbErr> {
    Notification::insert(model)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn inbox<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    unread_only: bool,
    paging: &Paging,
) -> Result<(Vec<notification::Model>, u64), DbErr> {
    let mut select = Notification::find().filter(notification::Column::UserId.eq(user_id));
    if unread_only {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    let paginator = select
        .order_by_desc(notification::Column::Id)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(paging.page_index()).await?, total))
}

pub async fn unread_count<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64, DbErr> {
    Notification::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(conn)
        .await
}

/// Marks one of the user's notifications read; `None` when it is not theirs.
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<notification::Model>, DbErr> {
    Notification::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::PublicId.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Notification::find()
        .filter(notification::Column::PublicId.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .one(conn)
        .await
}

pub async fn mark_all_read<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(Notification::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?
        .rows_affected)
}

/// The categories for which a user turned e-mail off or on.
pub async fn preferences<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<notification_preference::Model>, DbErr> {
    NotificationPreference::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .all(conn)
        .await
}

pub async fn set_preference<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    category: Category,
    email: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    NotificationPreference::insert(notification_preference::ActiveModel {
        user_id: Set(user_id),
        category: Set(category),
        email: Set(email),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            notification_preference::Column::UserId,
            notification_preference::Column::Category,
        ])
        .update_columns([
            notification_preference::Column::Email,
            notification_preference::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

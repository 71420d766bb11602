//! Organisation and user queries, and the bulk insert of organisations for benchmark-scale loads.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entities::{
    organisation::{self, Entity as Organisation},
    user::{self, Entity as User},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::{
    dto::{OrganisationQuery, UserQuery},
    model::{OrganisationKind, OrganisationStatus, Uscc, UserStatus},
};
use crate::{
    lifecycle::{self, Move},
    pagination::Paging,
};

pub async fn organisation_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find_by_id(id).one(conn).await
}

/// The organisations with these internal ids (missing ones are left out).
pub async fn organisations_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(conn)
        .await
}

/// Every organisation of one kind, oldest first.
pub async fn organisations_of_kind<C: ConnectionTrait>(
    conn: &C,
    kind: super::OrganisationKind,
) -> Result<Vec<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Kind.eq(kind))
        .order_by_asc(organisation::Column::Id)
        .all(conn)
        .await
}

pub async fn organisation_by_public_id<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::PublicId.eq(id))
        .one(conn)
        .await
}

pub async fn uscc_exists<C: ConnectionTrait>(conn: &C, uscc: &str) -> Result<bool, DbErr> {
    Ok(Organisation::find()
        .filter(organisation::Column::Uscc.eq(uscc))
        .count(conn)
        .await?
        > 0)
}

pub async fn email_exists<C: ConnectionTrait>(conn: &C, email: &str) -> Result<bool, DbErr> {
    Ok(User::find()
        .filter(user::Column::Email.eq(email))
        .count(conn)
        .await?
        > 0)
}

pub async fn insert_organisation<C: ConnectionTrait>(
    conn: &C,
    model: organisation::ActiveModel,
) -> Result<organisation::Model, DbErr> {
    Organisation::insert(model).exec_with_returning(conn).await
}

/// Inserts active organisations of one kind, each named with its unified social credit code, as
/// many per statement as the database allows, and answers their ids by code. For benchmark-scale
/// loads: unlike [`super::create_organisation`] it neither checks that a code is new (a taken one
/// fails the statement) nor writes audit entries or search change-log rows, so the organisations
/// are searchable only after `qifu reindex`.
pub async fn insert_organisations_in_bulk<C: ConnectionTrait>(
    conn: &C,
    kind: OrganisationKind,
    named: &[(&str, &Uscc)],
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, DbErr> {
    let per_statement = crate::db::rows_per_insert::<Organisation>(conn.get_database_backend());
    let mut ids = HashMap::with_capacity(named.len());
    for chunk in named.chunks(per_statement) {
        let rows = chunk.iter().map(|(name, uscc)| organisation::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            name: Set((*name).to_owned()),
            kind: Set(kind),
            uscc: Set(Some(uscc.as_str().to_owned())),
            status: Set(OrganisationStatus::Active),
            status_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        let inserted = Organisation::insert_many(rows)
            .exec_with_returning(conn)
            .await?;
        ids.extend(
            inserted
                .into_iter()
                .filter_map(|o| o.uscc.map(|code| (code, o.id))),
        );
    }
    Ok(ids)
}

/// How many organisations have a unified social credit code matching the `LIKE` pattern.
pub async fn count_organisations_with_uscc_like<C: ConnectionTrait>(
    conn: &C,
    pattern: &str,
) -> Result<u64, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Uscc.like(pattern))
        .count(conn)
        .await
}

pub async fn insert_user<C: ConnectionTrait>(
    conn: &C,
    model: user::ActiveModel,
) -> Result<user::Model, DbErr> {
    User::insert(model).exec_with_returning(conn).await
}

/// Moves an organisation along its lifecycle (the centre's decision), with the decision's reason;
/// false when another request decided first.
pub async fn move_organisation_status<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, OrganisationStatus>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    lifecycle::move_status::<Organisation, _, _>(
        conn,
        organisation::Column::Id,
        organisation::Column::Status,
        step,
        vec![
            (organisation::Column::StatusReason, Expr::value(reason)),
            (organisation::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await
}

pub async fn update_user<C: ConnectionTrait>(
    conn: &C,
    model: user::ActiveModel,
) -> Result<user::Model, DbErr> {
    User::update(model).exec(conn).await
}

pub async fn set_password_hash<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    User::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A user and their organisation, found by a column of the user.
pub async fn user_with_organisation<C: ConnectionTrait>(
    conn: &C,
    filter: sea_orm::Condition,
) -> Result<Option<(user::Model, organisation::Model)>, DbErr> {
    Ok(User::find()
        .filter(filter)
        .find_also_related(Organisation)
        .one(conn)
        .await?
        .and_then(|(user, org)| org.map(|org| (user, org))))
}

pub async fn search_organisations<C: ConnectionTrait>(
    conn: &C,
    query: &OrganisationQuery,
    paging: &Paging,
) -> Result<(Vec<organisation::Model>, u64), DbErr> {
    let mut select = Organisation::find();
    if let Some(kind) = query.kind {
        select = select.filter(organisation::Column::Kind.eq(kind));
    }
    if let Some(status) = query.status {
        select = select.filter(organisation::Column::Status.eq(status));
    }
    let paginator = select
        .order_by_asc(organisation::Column::Id)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(paging.page_index()).await?, total))
}

pub async fn search_users<C: ConnectionTrait>(
    conn: &C,
    query: &UserQuery,
    organisation_id: Option<i64>,
    paging: &Paging,
) -> Result<(Vec<(user::Model, Option<organisation::Model>)>, u64), DbErr> {
    let mut select = User::find();
    if let Some(role) = query.role {
        select = select.filter(user::Column::Role.eq(role));
    }
    if let Some(organisation_id) = organisation_id {
        select = select.filter(user::Column::OrganisationId.eq(organisation_id));
    }
    let paginator = select
        .order_by_asc(user::Column::Id)
        .find_also_related(Organisation)
        .paginate(conn, paging.per_page());
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(paging.page_index()).await?, total))
}

/// The e-mail addresses of an organisation's users (any status).
pub async fn user_emails_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<String>, DbErr> {
    User::find()
        .select_only()
        .column(user::Column::Email)
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .into_tuple()
        .all(conn)
        .await
}

/// An organisation by its unified social credit code.
pub async fn find_organisation_by_uscc<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Uscc.eq(uscc))
        .one(conn)
        .await
}

/// E-mail addresses of active users ending in `suffix` (the production demo-account check).
pub async fn active_emails_ending_with<C: ConnectionTrait>(
    conn: &C,
    suffix: &str,
) -> Result<Vec<String>, DbErr> {
    Ok(User::find()
        .filter(user::Column::Email.ends_with(suffix))
        .filter(user::Column::Status.eq(UserStatus::Active))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect())
}

/// The centre's organisation (the first one, when there are several).
pub async fn find_center<C: ConnectionTrait>(
    conn: &C,
) -> Result<Option<organisation::Model>, DbErr> {
    Organisation::find()
        .filter(organisation::Column::Kind.eq(super::model::OrganisationKind::Center))
        .order_by_asc(organisation::Column::Id)
        .one(conn)
        .await
}

//! Policy queries: policies, their clauses, the notices already pushed, and the push worker's
//! cursor over the eligibility change log.

use chrono::{DateTime, Utc};
use entities::{
    change_cursor::{self, Entity as ChangeCursor},
    eligibility_notice::{self, Entity as EligibilityNotice},
    policy::{self, Entity as Policy},
    policy_application::{self, Entity as PolicyApplication},
    policy_clause::{self, Entity as PolicyClause},
};
use sea_orm::{
    sea_query::{OnConflict, Query, SimpleExpr},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{
    applications::Scope,
    model::{ApplicationStatus, ClauseStatus, PushBatch, PushCursor},
};
use crate::{
    db::contains_text,
    lifecycle::{self, Move},
};

pub async fn policy<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<policy::Model>, DbErr> {
    Policy::find()
        .filter(policy::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn policy_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<policy::Model>, DbErr> {
    Policy::find_by_id(id).one(conn).await
}

/// The first policy with this document number (文号).
pub async fn policy_by_document_number<C: ConnectionTrait>(
    conn: &C,
    document_number: &str,
) -> Result<Option<policy::Model>, DbErr> {
    Policy::find()
        .filter(policy::Column::DocumentNumber.eq(document_number))
        .order_by_asc(policy::Column::Id)
        .one(conn)
        .await
}

pub async fn policies_page<C: ConnectionTrait>(
    conn: &C,
    title: Option<&str>,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<policy::Model>, u64), DbErr> {
    let mut query = Policy::find();
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        query = query.filter(contains_text(policy::Column::Title, title.trim()));
    }
    let paginator = query
        .order_by_desc(policy::Column::EffectiveFrom)
        .order_by_desc(policy::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

pub async fn insert_policy<C: ConnectionTrait>(
    conn: &C,
    row: policy::ActiveModel,
) -> Result<policy::Model, DbErr> {
    Policy::insert(row).exec_with_returning(conn).await
}

pub async fn update_policy<C: ConnectionTrait>(
    conn: &C,
    row: policy::ActiveModel,
) -> Result<policy::Model, DbErr> {
    Policy::update(row).exec(conn).await
}

pub async fn clauses_of<C: ConnectionTrait>(
    conn: &C,
    policy_id: i64,
) -> Result<Vec<policy_clause::Model>, DbErr> {
    PolicyClause::find()
        .filter(policy_clause::Column::PolicyId.eq(policy_id))
        .order_by_asc(policy_clause::Column::Position)
        .order_by_asc(policy_clause::Column::Id)
        .all(conn)
        .await
}

pub async fn clause<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<policy_clause::Model>, DbErr> {
    PolicyClause::find()
        .filter(policy_clause::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn published_clauses<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<policy_clause::Model>, DbErr> {
    PolicyClause::find()
        .filter(policy_clause::Column::Status.eq(ClauseStatus::Published))
        .all(conn)
        .await
}

pub async fn insert_clause<C: ConnectionTrait>(
    conn: &C,
    row: policy_clause::ActiveModel,
) -> Result<policy_clause::Model, DbErr> {
    PolicyClause::insert(row).exec_with_returning(conn).await
}

pub async fn update_clause<C: ConnectionTrait>(
    conn: &C,
    row: policy_clause::ActiveModel,
) -> Result<policy_clause::Model, DbErr> {
    PolicyClause::update(row).exec(conn).await
}

/// Moves a clause from one status to another (compare-and-set), setting `also` with it; false
/// when another request moved it first.
pub async fn move_clause<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, ClauseStatus>,
    also: Vec<(policy_clause::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    lifecycle::move_status::<PolicyClause, _, _>(
        conn,
        policy_clause::Column::Id,
        policy_clause::Column::Status,
        step,
        also,
    )
    .await
}

pub async fn count_clauses<C: ConnectionTrait>(conn: &C, policy_id: i64) -> Result<u64, DbErr> {
    PolicyClause::find()
        .filter(policy_clause::Column::PolicyId.eq(policy_id))
        .count(conn)
        .await
}

/// Records that an enterprise was told of a clause; answers false when it had been already.
pub async fn insert_notice<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    clause_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let inserted = EligibilityNotice::insert(eligibility_notice::ActiveModel {
        organisation_id: Set(organisation_id),
        clause_id: Set(clause_id),
        notified_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            eligibility_notice::Column::OrganisationId,
            eligibility_notice::Column::ClauseId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted > 0)
}

/// The push cursor's rows: the position, and the batch in progress (its end and the last
/// (clause, enterprise) pair committed; an end of 0 means none).
fn push_cursor_rows(name: &str) -> [String; 4] {
    [
        name.to_owned(),
        format!("{name}.batch_end"),
        format!("{name}.after_clause"),
        format!("{name}.after_organisation"),
    ]
}

pub async fn push_cursor<C: ConnectionTrait>(conn: &C, name: &str) -> Result<PushCursor, DbErr> {
    let names = push_cursor_rows(name);
    let rows = ChangeCursor::find()
        .filter(change_cursor::Column::Name.is_in(names.clone()))
        .all(conn)
        .await?;
    let value = |name: &str| {
        rows.iter()
            .find(|row| row.name == name)
            .map_or(0, |row| row.position)
    };
    let [position, end, clause, organisation] = names.map(|n| value(&n));
    Ok(PushCursor {
        position,
        batch: (end > 0).then_some(PushBatch {
            end,
            after: (clause, organisation),
        }),
    })
}

/// Writes the push cursor (call it in the transaction of the notices it accounts for).
pub async fn set_push_cursor<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    cursor: &PushCursor,
) -> Result<(), DbErr> {
    let (end, (clause, organisation)) = cursor
        .batch
        .map_or((0, (0, 0)), |batch| (batch.end, batch.after));
    let values = [cursor.position, end, clause, organisation];
    let rows = push_cursor_rows(name)
        .into_iter()
        .zip(values)
        .map(|(name, position)| change_cursor::ActiveModel {
            name: Set(name),
            position: Set(position),
        });
    ChangeCursor::insert_many(rows)
        .on_conflict(
            OnConflict::column(change_cursor::Column::Name)
                .update_column(change_cursor::Column::Position)
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn clause_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<policy_clause::Model>, DbErr> {
    PolicyClause::find_by_id(id).one(conn).await
}

/// When the enterprise was told of the clause, if it was.
pub async fn notice_time<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    clause_id: i64,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(EligibilityNotice::find_by_id((organisation_id, clause_id))
        .one(conn)
        .await?
        .map(|n| n.notified_at))
}

pub async fn application<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<policy_application::Model>, DbErr> {
    PolicyApplication::find()
        .filter(policy_application::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

/// Every application of one enterprise.
pub async fn applications_of_enterprise<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<policy_application::Model>, DbErr> {
    PolicyApplication::find()
        .filter(policy_application::Column::OrganisationId.eq(organisation_id))
        .all(conn)
        .await
}

pub async fn application_of<C: ConnectionTrait>(
    conn: &C,
    clause_id: i64,
    organisation_id: i64,
) -> Result<Option<policy_application::Model>, DbErr> {
    PolicyApplication::find()
        .filter(policy_application::Column::ClauseId.eq(clause_id))
        .filter(policy_application::Column::OrganisationId.eq(organisation_id))
        .one(conn)
        .await
}

pub async fn insert_application<C: ConnectionTrait>(
    conn: &C,
    row: policy_application::ActiveModel,
) -> Result<policy_application::Model, DbErr> {
    PolicyApplication::insert(row)
        .exec_with_returning(conn)
        .await
}

pub async fn application_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<policy_application::Model>, DbErr> {
    PolicyApplication::find_by_id(id).one(conn).await
}

/// Moves an application from one status to another (compare-and-set), setting `also` with it;
/// false when another request moved it first.
pub async fn move_application<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, ApplicationStatus>,
    also: Vec<(policy_application::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    lifecycle::move_status::<PolicyApplication, _, _>(
        conn,
        policy_application::Column::Id,
        policy_application::Column::Status,
        step,
        also,
    )
    .await
}

/// A page of applications in a scope, newest first.
pub async fn applications_page<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    (status, clause): (Option<ApplicationStatus>, Option<uuid::Uuid>),
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<policy_application::Model>, u64), DbErr> {
    let mut query = PolicyApplication::find();
    match scope {
        Scope::Enterprise(id) => {
            query = query.filter(policy_application::Column::OrganisationId.eq(*id))
        }
        Scope::Issuer(id) => {
            let policies = Query::select()
                .column(policy::Column::Id)
                .from(Policy)
                .and_where(policy::Column::IssuerOrganisationId.eq(*id))
                .to_owned();
            let clauses = Query::select()
                .column(policy_clause::Column::Id)
                .from(PolicyClause)
                .and_where(policy_clause::Column::PolicyId.in_subquery(policies))
                .to_owned();
            query = query.filter(policy_application::Column::ClauseId.in_subquery(clauses));
        }
        Scope::All => {}
    }
    if let Some(status) = status {
        query = query.filter(policy_application::Column::Status.eq(status));
    }
    if let Some(clause) = clause {
        let ids = Query::select()
            .column(policy_clause::Column::Id)
            .from(PolicyClause)
            .and_where(policy_clause::Column::PublicId.eq(clause))
            .to_owned();
        query = query.filter(policy_application::Column::ClauseId.in_subquery(ids));
    }
    let paginator = query
        .order_by_desc(policy_application::Column::UpdatedAt)
        .order_by_desc(policy_application::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

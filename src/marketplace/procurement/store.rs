//! Project and procurement queries, including the two holds that serialize bidding with
//! closing (a bid first touches its procurement's row only while bidding is open; closing only
//! once the deadline has passed), and the one status move of procurements and of objections.

use chrono::{DateTime, Utc};
use entities::{
    procurement::{self, Entity as Procurement},
    procurement_avoidance::{self, Entity as Avoidance},
    procurement_objection::{self, Entity as Objection},
    procurement_question::{self, Entity as Question},
    project::{self, Entity as Project},
};
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::super::model::{ObjectionStatus, ProcurementStatus};
use crate::{
    db::contains_text,
    lifecycle::{self, Move},
};

pub async fn insert_project<C: ConnectionTrait>(
    conn: &C,
    row: project::ActiveModel,
) -> Result<project::Model, DbErr> {
    Project::insert(row).exec_with_returning(conn).await
}

pub async fn project<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<project::Model>, DbErr> {
    Project::find()
        .filter(project::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn projects_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<project::Model>, DbErr> {
    Project::find()
        .filter(project::Column::Id.is_in(ids))
        .all(conn)
        .await
}

pub async fn projects_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Vec<project::Model>, DbErr> {
    Project::find()
        .filter(project::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(project::Column::Id)
        .all(conn)
        .await
}

pub async fn project_code_taken<C: ConnectionTrait>(conn: &C, code: &str) -> Result<bool, DbErr> {
    Ok(Project::find()
        .filter(project::Column::Code.eq(code))
        .count(conn)
        .await?
        > 0)
}

pub async fn insert_procurement<C: ConnectionTrait>(
    conn: &C,
    row: procurement::ActiveModel,
) -> Result<procurement::Model, DbErr> {
    Procurement::insert(row).exec_with_returning(conn).await
}

pub async fn update_procurement<C: ConnectionTrait>(
    conn: &C,
    row: procurement::ActiveModel,
) -> Result<procurement::Model, DbErr> {
    row.update(conn).await
}

pub async fn procurement<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<procurement::Model>, DbErr> {
    Procurement::find()
        .filter(procurement::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn procurement_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<procurement::Model>, DbErr> {
    Procurement::find_by_id(id).one(conn).await
}

pub async fn procurements_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<procurement::Model>, DbErr> {
    Procurement::find()
        .filter(procurement::Column::Id.is_in(ids))
        .all(conn)
        .await
}

/// What a list of procurements is filtered by.
#[derive(Debug, Default)]
pub struct ProcurementQuery<'a> {
    pub owner: Option<i64>,
    pub statuses: Vec<ProcurementStatus>,
    /// Leave drafts out (everyone but the owner).
    pub published_only: bool,
    pub service_type_id: Option<i64>,
    pub package_id: Option<i64>,
    /// Contained in the title or the scope.
    pub text: Option<&'a str>,
    /// Only those with an awarded bid.
    pub awarded_only: bool,
}

fn filtered(query: &ProcurementQuery<'_>) -> sea_orm::Select<Procurement> {
    let mut select = Procurement::find();
    if let Some(owner) = query.owner {
        select = select.filter(procurement::Column::OrganisationId.eq(owner));
    }
    if !query.statuses.is_empty() {
        select = select.filter(procurement::Column::Status.is_in(query.statuses.iter().copied()));
    }
    if query.published_only {
        select = select.filter(procurement::Column::Status.ne(ProcurementStatus::Draft));
    }
    if query.awarded_only {
        select = select.filter(procurement::Column::AwardedBidId.is_not_null());
    }
    if let Some(id) = query.service_type_id {
        select = select.filter(procurement::Column::ServiceTypeId.eq(id));
    }
    if let Some(id) = query.package_id {
        select = select.filter(procurement::Column::PackageId.eq(id));
    }
    if let Some(text) = query.text.map(str::trim).filter(|t| !t.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(contains_text(procurement::Column::Title, text))
                .add(contains_text(procurement::Column::Scope, text)),
        );
    }
    select
}

/// A page of procurements, newest first.
pub async fn procurements_page<C: ConnectionTrait>(
    conn: &C,
    query: &ProcurementQuery<'_>,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<procurement::Model>, u64), DbErr> {
    let paginator = filtered(query)
        .order_by_desc(procurement::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

/// A page of published procurements changed at or after `since`, oldest change first.
pub async fn published_page<C: ConnectionTrait>(
    conn: &C,
    since: Option<DateTime<Utc>>,
    page_index: u64,
    per_page: u64,
) -> Result<(Vec<procurement::Model>, u64), DbErr> {
    let mut select = Procurement::find().filter(procurement::Column::PublishedAt.is_not_null());
    if let Some(since) = since {
        select = select.filter(procurement::Column::UpdatedAt.gte(since));
    }
    let paginator = select
        .order_by_asc(procurement::Column::UpdatedAt)
        .order_by_asc(procurement::Column::Id)
        .paginate(conn, per_page);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(page_index).await?, total))
}

/// Every procurement matching, soonest deadline first (open listings filter further in memory).
pub async fn procurements_all<C: ConnectionTrait>(
    conn: &C,
    query: &ProcurementQuery<'_>,
) -> Result<Vec<procurement::Model>, DbErr> {
    filtered(query)
        .order_by_asc(procurement::Column::BidDeadline)
        .order_by_asc(procurement::Column::Id)
        .all(conn)
        .await
}

/// Takes the procurement's row for a bid: true only while it is published and `now` is before
/// its deadline. The no-op update holds the row (PostgreSQL) or the write lock (SQLite) until the
/// bid's transaction ends, so closing waits for bids in flight and no bid lands after closing.
pub async fn hold_for_bidding<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Procurement::update_many()
        .col_expr(
            procurement::Column::TermsVersion,
            Expr::col(procurement::Column::TermsVersion),
        )
        .filter(procurement::Column::Id.eq(procurement_id))
        .filter(procurement::Column::Status.eq(ProcurementStatus::Published))
        .filter(procurement::Column::BidDeadline.gt(now))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Takes the procurement's row for closing: true only while it is published and its deadline
/// has passed at `instant`. Like [`hold_for_bidding`], the no-op update holds the row until the
/// closing transaction ends, so no change of terms extends the deadline under it.
pub async fn hold_for_closing<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
    instant: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Procurement::update_many()
        .col_expr(
            procurement::Column::TermsVersion,
            Expr::col(procurement::Column::TermsVersion),
        )
        .filter(procurement::Column::Id.eq(procurement_id))
        .filter(procurement::Column::Status.eq(ProcurementStatus::Published))
        .filter(procurement::Column::BidDeadline.lte(instant))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ids of published procurements whose deadline has passed at `instant`, oldest deadline first,
/// leaving out `skip` (the ones this run could not close).
pub async fn due_for_closing<C: ConnectionTrait>(
    conn: &C,
    instant: DateTime<Utc>,
    skip: &[i64],
    limit: u64,
) -> Result<Vec<i64>, DbErr> {
    let mut query = Procurement::find()
        .select_only()
        .column(procurement::Column::Id)
        .filter(procurement::Column::Status.eq(ProcurementStatus::Published))
        .filter(procurement::Column::BidDeadline.lte(instant));
    if !skip.is_empty() {
        query = query.filter(procurement::Column::Id.is_not_in(skip.iter().copied()));
    }
    query
        .order_by_asc(procurement::Column::BidDeadline)
        .order_by_asc(procurement::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await
}

/// Ids of procurements whose public notice has ended at `instant`.
pub async fn notices_ended<C: ConnectionTrait>(
    conn: &C,
    instant: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    Procurement::find()
        .select_only()
        .column(procurement::Column::Id)
        .filter(procurement::Column::Status.eq(ProcurementStatus::Notice))
        .filter(procurement::Column::NoticeEndsAt.lte(instant))
        .order_by_asc(procurement::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// Moves a procurement along its lifecycle if it still holds `step.from` (the compare-and-set),
/// stamping `updated_at` and setting `also` with it; answers whether it moved.
pub async fn move_procurement<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, ProcurementStatus>,
    now: DateTime<Utc>,
    also: Vec<(procurement::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    let mut also = also;
    also.push((procurement::Column::UpdatedAt, Expr::value(now)));
    lifecycle::move_status::<Procurement, _, _>(
        conn,
        procurement::Column::Id,
        procurement::Column::Status,
        step,
        also,
    )
    .await
}

pub async fn avoidances<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<procurement_avoidance::Model>, DbErr> {
    Avoidance::find()
        .filter(procurement_avoidance::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(procurement_avoidance::Column::OrganisationId)
        .all(conn)
        .await
}

/// The avoidances of any of these procurements.
pub async fn avoidances_of<C: ConnectionTrait>(
    conn: &C,
    procurement_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<procurement_avoidance::Model>, DbErr> {
    Avoidance::find()
        .filter(procurement_avoidance::Column::ProcurementId.is_in(procurement_ids))
        .order_by_asc(procurement_avoidance::Column::OrganisationId)
        .all(conn)
        .await
}

pub async fn replace_avoidances<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
    avoided: &[(i64, String)],
) -> Result<(), DbErr> {
    Avoidance::delete_many()
        .filter(procurement_avoidance::Column::ProcurementId.eq(procurement_id))
        .exec(conn)
        .await?;
    for (organisation_id, reason) in avoided {
        Avoidance::insert(procurement_avoidance::ActiveModel {
            procurement_id: Set(procurement_id),
            organisation_id: Set(*organisation_id),
            reason: Set(reason.clone()),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_question<C: ConnectionTrait>(
    conn: &C,
    row: procurement_question::ActiveModel,
) -> Result<procurement_question::Model, DbErr> {
    Question::insert(row).exec_with_returning(conn).await
}

pub async fn update_question<C: ConnectionTrait>(
    conn: &C,
    row: procurement_question::ActiveModel,
) -> Result<procurement_question::Model, DbErr> {
    row.update(conn).await
}

pub async fn questions<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<procurement_question::Model>, DbErr> {
    Question::find()
        .filter(procurement_question::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(procurement_question::Column::Id)
        .all(conn)
        .await
}

pub async fn question<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<procurement_question::Model>, DbErr> {
    Question::find()
        .filter(procurement_question::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn insert_objection<C: ConnectionTrait>(
    conn: &C,
    row: procurement_objection::ActiveModel,
) -> Result<procurement_objection::Model, DbErr> {
    Objection::insert(row).exec_with_returning(conn).await
}

/// Moves an objection along its lifecycle if it still holds `step.from`, setting `also` with
/// it; answers whether it moved.
pub async fn move_objection<C: ConnectionTrait>(
    conn: &C,
    step: Move<i64, ObjectionStatus>,
    also: Vec<(procurement_objection::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    lifecycle::move_status::<Objection, _, _>(
        conn,
        procurement_objection::Column::Id,
        procurement_objection::Column::Status,
        step,
        also,
    )
    .await
}

pub async fn objection_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<procurement_objection::Model>, DbErr> {
    Objection::find_by_id(id).one(conn).await
}

pub async fn objections<C: ConnectionTrait>(
    conn: &C,
    procurement_id: i64,
) -> Result<Vec<procurement_objection::Model>, DbErr> {
    Objection::find()
        .filter(procurement_objection::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(procurement_objection::Column::Id)
        .all(conn)
        .await
}

pub async fn objection<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<procurement_objection::Model>, DbErr> {
    Objection::find()
        .filter(procurement_objection::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

//! The overview's reads: narrow columns of the standings, the window's ratings, star changes
//! and sanctions, and the queue counts.

use chrono::{DateTime, Utc};
use entities::{
    appeal::{self, Entity as Appeal},
    credit_standing,
    organisation::{self, Entity as Organisation},
    rating::{self, Entity as Rating},
    sanction::{self, Entity as Sanction},
    star_change::{self, Entity as StarChange},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QuerySelect, RelationTrait,
};

use crate::{
    accounts::OrganisationKind,
    credit::model::{AppealStatus, SanctionKind, SanctionStatus},
};

/// Every intermediary's stars, score (hundredths) and whether it is delisted; none while it has
/// no standing.
pub async fn standings<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(Option<i16>, Option<i32>, Option<bool>)>, DbErr> {
    Organisation::find()
        .select_only()
        .column(credit_standing::Column::Stars)
        .column(credit_standing::Column::ScoreHundredths)
        .column(credit_standing::Column::Delisted)
        .join(
            JoinType::LeftJoin,
            organisation::Relation::CreditStanding.def(),
        )
        .filter(organisation::Column::Kind.eq(OrganisationKind::Intermediary))
        .into_tuple()
        .all(conn)
        .await
}

/// The rating tasks of jobs accepted, rated or lapsed from `from` on.
pub async fn ratings_since<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
) -> Result<Vec<rating::Model>, DbErr> {
    Rating::find()
        .filter(
            Condition::any()
                .add(rating::Column::AcceptedAt.gte(from))
                .add(rating::Column::RatedAt.gte(from))
                .add(rating::Column::LapsedAt.gte(from)),
        )
        .all(conn)
        .await
}

/// Star changes from `from` on: (from, to, when).
pub async fn star_changes_since<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
) -> Result<Vec<(Option<i16>, Option<i16>, DateTime<Utc>)>, DbErr> {
    StarChange::find()
        .select_only()
        .column(star_change::Column::FromStars)
        .column(star_change::Column::ToStars)
        .column(star_change::Column::ChangedAt)
        .filter(star_change::Column::ChangedAt.gte(from))
        .into_tuple()
        .all(conn)
        .await
}

/// When each sanction opened from `from` on was opened.
pub async fn sanctions_since<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    Sanction::find()
        .select_only()
        .column(sanction::Column::CreatedAt)
        .filter(sanction::Column::CreatedAt.gte(from))
        .into_tuple()
        .all(conn)
        .await
}

/// What waits in the regulator's sanction and appeal queues at `now` (the anomalies are the
/// anomaly object's to count).
pub async fn queues<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
) -> Result<super::dto::CreditQueues, DbErr> {
    let rectifications =
        Sanction::find().filter(sanction::Column::Kind.eq(SanctionKind::Rectification));
    let open_appeals = Appeal::find().filter(appeal::Column::Status.eq(AppealStatus::Open));
    Ok(super::dto::CreditQueues {
        rectifications_open: rectifications
            .clone()
            .filter(
                sanction::Column::Status.is_in([SanctionStatus::Open, SanctionStatus::Reported]),
            )
            .count(conn)
            .await?,
        rectifications_overdue: rectifications
            .filter(sanction::Column::Status.eq(SanctionStatus::Open))
            .filter(sanction::Column::DueAt.lt(now))
            .count(conn)
            .await?,
        proposals: Sanction::find()
            .filter(sanction::Column::Status.eq(SanctionStatus::Proposed))
            .count(conn)
            .await?,
        appeals_open: open_appeals.clone().count(conn).await?,
        appeals_overdue: open_appeals
            .filter(appeal::Column::DueAt.lt(now))
            .count(conn)
            .await?,
        anomalies_open: 0,
    })
}

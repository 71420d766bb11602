//! Intermediary queries: profiles, offered service types and qualifications.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entities::{
    intermediary_profile::{self, Entity as Profile},
    intermediary_qualification::{self, Entity as Qualification},
    intermediary_service_type::{self, Entity as Offered},
};
use sea_orm::{
    sea_query::OnConflict, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

pub async fn profiles<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<BTreeMap<i64, intermediary_profile::Model>, DbErr> {
    Ok(Profile::find()
        .filter(
            intermediary_profile::Column::OrganisationId.is_in(organisation_ids.iter().copied()),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.organisation_id, p))
        .collect())
}

pub async fn upsert_profile<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    update: &super::service::ProfileUpdate,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Profile::insert(intermediary_profile::ActiveModel {
        organisation_id: Set(organisation_id),
        practitioners: Set(update.practitioners),
        introduction: Set(update.introduction.clone()),
        legal_representative: Set(update.contact.legal_representative.clone()),
        contact_phone: Set(update.contact.phone.clone()),
        contact_email: Set(update.contact.email.clone()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(intermediary_profile::Column::OrganisationId)
            .update_columns([
                intermediary_profile::Column::Practitioners,
                intermediary_profile::Column::Introduction,
                intermediary_profile::Column::LegalRepresentative,
                intermediary_profile::Column::ContactPhone,
                intermediary_profile::Column::ContactEmail,
                intermediary_profile::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Service type ids offered, per organisation.
pub async fn offered<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<BTreeMap<i64, Vec<i64>>, DbErr> {
    let mut offered: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in Offered::find()
        .filter(
            intermediary_service_type::Column::OrganisationId
                .is_in(organisation_ids.iter().copied()),
        )
        .all(conn)
        .await?
    {
        offered
            .entry(row.organisation_id)
            .or_default()
            .push(row.service_type_id);
    }
    Ok(offered)
}

/// The organisations offering every one of these service types.
pub async fn offering_all<C: ConnectionTrait>(
    conn: &C,
    service_type_ids: &[i64],
) -> Result<Vec<i64>, DbErr> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for row in Offered::find()
        .filter(
            intermediary_service_type::Column::ServiceTypeId
                .is_in(service_type_ids.iter().copied()),
        )
        .all(conn)
        .await?
    {
        *counts.entry(row.organisation_id).or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .filter(|(_, n)| *n == service_type_ids.len())
        .map(|(id, _)| id)
        .collect())
}

pub async fn replace_offered<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    service_type_ids: &[i64],
) -> Result<(), DbErr> {
    Offered::delete_many()
        .filter(intermediary_service_type::Column::OrganisationId.eq(organisation_id))
        .exec(conn)
        .await?;
    for id in service_type_ids {
        Offered::insert(intermediary_service_type::ActiveModel {
            organisation_id: Set(organisation_id),
            service_type_id: Set(*id),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

pub async fn qualifications<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<Vec<intermediary_qualification::Model>, DbErr> {
    Qualification::find()
        .filter(
            intermediary_qualification::Column::OrganisationId
                .is_in(organisation_ids.iter().copied()),
        )
        .order_by_asc(intermediary_qualification::Column::QualificationType)
        .all(conn)
        .await
}

pub async fn qualification_of_type<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
    qualification_type: &str,
) -> Result<Option<intermediary_qualification::Model>, DbErr> {
    Qualification::find()
        .filter(intermediary_qualification::Column::OrganisationId.eq(organisation_id))
        .filter(intermediary_qualification::Column::QualificationType.eq(qualification_type))
        .one(conn)
        .await
}

pub async fn qualification<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<intermediary_qualification::Model>, DbErr> {
    Qualification::find()
        .filter(intermediary_qualification::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn insert_qualification<C: ConnectionTrait>(
    conn: &C,
    row: intermediary_qualification::ActiveModel,
) -> Result<intermediary_qualification::Model, DbErr> {
    Qualification::insert(row).exec_with_returning(conn).await
}

pub async fn update_qualification<C: ConnectionTrait>(
    conn: &C,
    row: intermediary_qualification::ActiveModel,
) -> Result<intermediary_qualification::Model, DbErr> {
    row.update(conn).await
}

pub async fn delete_qualification<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), DbErr> {
    Qualification::delete_by_id(id).exec(conn).await?;
    Ok(())
}

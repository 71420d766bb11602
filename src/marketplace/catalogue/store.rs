//! Catalogue queries: service types and their packages.

use std::collections::BTreeMap;

use entities::{
    service_type::{self, Entity as ServiceType},
    service_type_package::{self, Entity as ServiceTypePackage},
    service_type_package_member::{self, Entity as PackageMember},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

pub async fn service_types<C: ConnectionTrait>(
    conn: &C,
    with_inactive: bool,
) -> Result<Vec<service_type::Model>, DbErr> {
    let mut query = ServiceType::find();
    if !with_inactive {
        query = query.filter(service_type::Column::Active.eq(true));
    }
    query
        .order_by_asc(service_type::Column::Position)
        .order_by_asc(service_type::Column::Id)
        .all(conn)
        .await
}

pub async fn service_type<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_type::Model>, DbErr> {
    ServiceType::find()
        .filter(service_type::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn service_types_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<service_type::Model>, DbErr> {
    ServiceType::find()
        .filter(service_type::Column::Id.is_in(ids))
        .order_by_asc(service_type::Column::Position)
        .all(conn)
        .await
}

pub async fn service_types_by_public_id<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<Vec<service_type::Model>, DbErr> {
    ServiceType::find()
        .filter(service_type::Column::PublicId.is_in(ids.iter().copied()))
        .all(conn)
        .await
}

pub async fn service_type_code_taken<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<bool, DbErr> {
    Ok(ServiceType::find()
        .filter(service_type::Column::Code.eq(code))
        .count(conn)
        .await?
        > 0)
}

pub async fn insert_service_type<C: ConnectionTrait>(
    conn: &C,
    row: service_type::ActiveModel,
) -> Result<service_type::Model, DbErr> {
    ServiceType::insert(row).exec_with_returning(conn).await
}

pub async fn update_service_type<C: ConnectionTrait>(
    conn: &C,
    row: service_type::ActiveModel,
) -> Result<service_type::Model, DbErr> {
    row.update(conn).await
}

pub async fn packages<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<service_type_package::Model>, DbErr> {
    ServiceTypePackage::find()
        .order_by_asc(service_type_package::Column::Id)
        .all(conn)
        .await
}

pub async fn package<C: ConnectionTrait>(
    conn: &C,
    public_id: Uuid,
) -> Result<Option<service_type_package::Model>, DbErr> {
    ServiceTypePackage::find()
        .filter(service_type_package::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

pub async fn package_code_taken<C: ConnectionTrait>(conn: &C, code: &str) -> Result<bool, DbErr> {
    Ok(ServiceTypePackage::find()
        .filter(service_type_package::Column::Code.eq(code))
        .count(conn)
        .await?
        > 0)
}

pub async fn insert_package<C: ConnectionTrait>(
    conn: &C,
    row: service_type_package::ActiveModel,
) -> Result<service_type_package::Model, DbErr> {
    ServiceTypePackage::insert(row)
        .exec_with_returning(conn)
        .await
}

pub async fn update_package<C: ConnectionTrait>(
    conn: &C,
    row: service_type_package::ActiveModel,
) -> Result<service_type_package::Model, DbErr> {
    row.update(conn).await
}

/// The service type ids of each package, in catalogue order of the members' ids.
/// Every package's member service types, by package id.
pub async fn package_members<C: ConnectionTrait>(
    conn: &C,
) -> Result<BTreeMap<i64, Vec<i64>>, DbErr> {
    members_by_package(PackageMember::find(), conn).await
}

/// The member service types of these packages, by package id.
pub async fn members_of_packages<C: ConnectionTrait>(
    conn: &C,
    package_ids: impl IntoIterator<Item = i64>,
) -> Result<BTreeMap<i64, Vec<i64>>, DbErr> {
    let query = PackageMember::find()
        .filter(service_type_package_member::Column::PackageId.is_in(package_ids));
    members_by_package(query, conn).await
}

async fn members_by_package<C: ConnectionTrait>(
    query: sea_orm::Select<PackageMember>,
    conn: &C,
) -> Result<BTreeMap<i64, Vec<i64>>, DbErr> {
    let mut members: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in query
        .order_by_asc(service_type_package_member::Column::ServiceTypeId)
        .all(conn)
        .await?
    {
        members
            .entry(row.package_id)
            .or_default()
            .push(row.service_type_id);
    }
    Ok(members)
}

pub async fn replace_package_members<C: ConnectionTrait>(
    conn: &C,
    package_id: i64,
    service_type_ids: &[i64],
) -> Result<(), DbErr> {
    PackageMember::delete_many()
        .filter(service_type_package_member::Column::PackageId.eq(package_id))
        .exec(conn)
        .await?;
    for id in service_type_ids {
        PackageMember::insert(service_type_package_member::ActiveModel {
            package_id: Set(package_id),
            service_type_id: Set(*id),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

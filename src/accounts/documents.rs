//! Organisations as search documents, and who may find them: active intermediaries, departments
//! and the centre are public; an enterprise is found by its own users and the centre's staff; a
//! pending or rejected intermediary only by itself and the centre's administrators.

use std::sync::Arc;

use async_trait::async_trait;
use entities::organisation::{self, Entity as Organisation};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::model::{OrganisationKind, OrganisationStatus, Role};
use crate::search::{
    organisation_audience, role_audience, DocKind, SearchDocument, SearchSource, PUBLIC,
};

/// The search sources this domain hands the indexer: organisations.
pub fn search_sources() -> Vec<Arc<dyn SearchSource>> {
    vec![Arc::new(OrganisationDocuments)]
}

/// Organisations as search documents.
struct OrganisationDocuments;

#[async_trait]
impl SearchSource for OrganisationDocuments {
    fn kind(&self) -> DocKind {
        DocKind::Organisation
    }

    async fn documents(
        &self,
        db: &DatabaseConnection,
        records: &[Uuid],
    ) -> anyhow::Result<Vec<SearchDocument>> {
        Ok(organisation_documents(db, records).await?)
    }

    async fn count(&self, db: &DatabaseConnection) -> anyhow::Result<u64> {
        Ok(Organisation::find().count(db).await?)
    }

    async fn documents_after(
        &self,
        db: &DatabaseConnection,
        after: i64,
        limit: u64,
    ) -> anyhow::Result<(Vec<SearchDocument>, i64)> {
        Ok(organisation_documents_after(db, after, limit).await?)
    }
}

fn kind_label(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Enterprise => "企业 enterprise",
        OrganisationKind::Intermediary => "中介机构 intermediary",
        OrganisationKind::Department => "政府部门 department",
        OrganisationKind::Center => "服务中心 centre",
    }
}

fn audience(org: &organisation::Model) -> Vec<String> {
    let active = org.status == OrganisationStatus::Active;
    let own = organisation_audience(org.public_id);
    match org.kind {
        OrganisationKind::Intermediary if active => vec![PUBLIC.to_owned()],
        OrganisationKind::Department | OrganisationKind::Center => vec![PUBLIC.to_owned()],
        OrganisationKind::Enterprise => {
            let staff = [
                Role::CenterAdmin,
                Role::Commissioner,
                Role::Department,
                Role::Regulator,
            ];
            std::iter::once(own)
                .chain(staff.map(role_audience))
                .collect()
        }
        _ => vec![own, role_audience(Role::CenterAdmin)],
    }
}

fn document(org: &organisation::Model) -> SearchDocument {
    let uscc = org
        .uscc
        .as_deref()
        .map(|code| format!(" · 统一社会信用代码 {code}"))
        .unwrap_or_default();
    SearchDocument {
        id: SearchDocument::id_for(DocKind::Organisation, org.public_id),
        kind: DocKind::Organisation.as_str().to_owned(),
        record_id: org.public_id.to_string(),
        title: org.name.clone(),
        body: format!("{}{uscc}", kind_label(org.kind)),
        audience: audience(org),
    }
}

/// The documents of the given organisations (those that still exist).
async fn organisation_documents<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<Vec<SearchDocument>, DbErr> {
    Ok(Organisation::find()
        .filter(organisation::Column::PublicId.is_in(ids.iter().copied()))
        .all(conn)
        .await?
        .iter()
        .map(document)
        .collect())
}

/// Up to `limit` documents of organisations with an id above `after`, and the last id read.
async fn organisation_documents_after<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> Result<(Vec<SearchDocument>, i64), DbErr> {
    let rows = Organisation::find()
        .filter(organisation::Column::Id.gt(after))
        .order_by_asc(organisation::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let last = rows.last().map(|org| org.id).unwrap_or(after);
    Ok((rows.iter().map(document).collect(), last))
}

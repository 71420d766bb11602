//! File use cases: stream an upload to storage (checking size and type as the bytes arrive),
//! decide who may read a file, issue and check signed links, and purge what no record claimed.

use std::sync::Arc;

use actix_multipart::Multipart;
use chrono::{DateTime, Duration, Utc};
use entities::stored_file;
use futures_util::TryStreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    error::FilesError,
    model::{detect_type, safe_file_name, Purpose, PurposeRules, SNIFF_BYTES},
    owners::FileOwner,
    signing::LinkSigner,
    storage::Storage,
    store,
};
use crate::{
    audit::{self, AuditEvent},
    auth::CurrentUser,
    clock::seconds_until,
    configuration::{FilesSettings, UploadQuota},
};

/// Unclaimed uploads are kept this long for their record to claim them.
const UNCLAIMED_HOURS: i64 = 24;
/// Temporary objects older than this belong to uploads that never finished.
const ABANDONED_MINUTES: i64 = 60;

/// What arrived, before it is recorded.
struct Received {
    tmp: String,
    sha256: String,
    size: u64,
    content_type: &'static str,
    name: String,
}

/// Receives the multipart field `file` and records it for the caller's organisation.
pub async fn upload(
    db: &DatabaseConnection,
    storage: &Storage,
    settings: &FilesSettings,
    user: &CurrentUser,
    purpose: Purpose,
    mut form: Multipart,
    now: DateTime<Utc>,
) -> Result<stored_file::Model, FilesError> {
    if !purpose.uploaders().contains(&user.role) {
        return Err(FilesError::Forbidden);
    }
    let quota = settings.quota;
    check_quota(db, quota, user.organisation_id, 0, now).await?;
    let limit = settings.max_bytes.limit(purpose);
    let received = loop {
        let mut field = match form.try_next().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(FilesError::FileMissing),
            Err(_) => return Err(FilesError::Interrupted),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = safe_file_name(
            field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or_default(),
        );
        break receive(storage, &mut field, name, limit, now).await?;
    };
    let txn = db.begin().await?;
    store::lock_organisation(&txn, user.organisation_id).await?;
    let within = check_quota(&txn, quota, user.organisation_id, received.size, now).await;
    if let Err(refusal) = within {
        let _ = storage.delete(&received.tmp).await;
        return Err(refusal);
    }
    storage.promote(&received.tmp, &received.sha256).await?;
    let file = store::insert(
        &txn,
        stored_file::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            sha256: Set(received.sha256),
            size: Set(i64::try_from(received.size).unwrap_or(i64::MAX)),
            content_type: Set(received.content_type.to_owned()),
            original_name: Set(received.name),
            purpose: Set(purpose),
            uploader_user_id: Set(user.user_id),
            organisation_id: Set(user.organisation_id),
            owner_type: Set(None),
            owner_id: Set(None),
            created_at: Set(now),
            attached_at: Set(None),
            ..Default::default()
        },
    )
    .await?;
    // A sealed purpose's upload would betray a bid before the deadline: its record (the bid)
    // is audited with the file when bidding closes instead.
    if !purpose.sealed() {
        let event = AuditEvent::new(
            "file.upload",
            "file",
            file.public_id,
            json!({ "name": file.original_name, "size": file.size, "type": file.content_type, "purpose": file.purpose, "sha256": file.sha256 }),
        );
        audit::record(&txn, &user.actor(), event, now).await?;
    }
    txn.commit().await?;
    Ok(file)
}

/// Refuses an upload of `incoming` bytes (0: before any arrived) past the organisation's quota:
/// too many uploads in the last hour, or too many bytes that no record has claimed.
async fn check_quota<C: ConnectionTrait>(
    conn: &C,
    quota: UploadQuota,
    organisation_id: i64,
    incoming: u64,
    now: DateTime<Utc>,
) -> Result<(), FilesError> {
    let retry_after = |until| seconds_until(until, now);
    let hour = Duration::hours(1);
    let recent =
        store::uploads_since(conn, organisation_id, now - hour, quota.uploads_per_hour).await?;
    if u64::try_from(recent.len()).unwrap_or(u64::MAX) >= quota.uploads_per_hour {
        return Err(FilesError::QuotaExceeded {
            why: "uploads per hour",
            retry_after_seconds: recent.first().map_or(3600, |t| retry_after(*t + hour)),
        });
    }
    let (unclaimed, oldest) = store::unclaimed_usage(conn, organisation_id).await?;
    let over = if incoming == 0 {
        unclaimed >= quota.unclaimed_bytes
    } else {
        unclaimed.saturating_add(incoming) > quota.unclaimed_bytes
    };
    if over {
        // Claiming files frees the quota at once; at the latest the oldest expires.
        let expiry = oldest.map(|t| t + Duration::hours(UNCLAIMED_HOURS));
        return Err(FilesError::QuotaExceeded {
            why: "bytes not yet attached to a record",
            retry_after_seconds: expiry.map_or(3600, retry_after),
        });
    }
    Ok(())
}

/// Streams one field to a temporary object; on any refusal or interruption nothing is left.
async fn receive(
    storage: &Storage,
    field: &mut actix_multipart::Field,
    name: String,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Received, FilesError> {
    let tmp = Storage::tmp_path(now);
    let mut writer = storage.writer(&tmp).await?;
    let outcome = copy_checked(field, &mut writer, limit).await;
    let (sha256, size, content_type) = match outcome {
        Ok(done) => done,
        Err(e) => {
            let _ = writer.abort().await;
            let _ = storage.delete(&tmp).await;
            return Err(e);
        }
    };
    if let Err(e) = writer.close().await {
        let _ = storage.delete(&tmp).await;
        return Err(FilesError::Internal(e.into()));
    }
    Ok(Received {
        tmp,
        sha256,
        size,
        content_type,
        name,
    })
}

async fn copy_checked(
    field: &mut actix_multipart::Field,
    writer: &mut opendal::Writer,
    limit: u64,
) -> Result<(String, u64, &'static str), FilesError> {
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut content_type = None;
    while let Some(chunk) = field
        .try_next()
        .await
        .map_err(|_| FilesError::Interrupted)?
    {
        size += chunk.len() as u64;
        if size > limit {
            return Err(FilesError::TooLarge { limit });
        }
        if content_type.is_none() {
            head.extend_from_slice(&chunk[..chunk.len().min(SNIFF_BYTES - head.len())]);
            if head.len() == SNIFF_BYTES {
                content_type =
                    Some(detect_type(&head).map_err(|found| FilesError::TypeNotAllowed { found })?);
            }
        }
        hasher.update(&chunk);
        writer
            .write(chunk)
            .await
            .map_err(|e| FilesError::Internal(e.into()))?;
    }
    let content_type = match content_type {
        Some(found) => found,
        None => detect_type(&head).map_err(|found| FilesError::TypeNotAllowed { found })?,
    };
    Ok((hex::encode(hasher.finalize()), size, content_type))
}

/// A file the caller may read: until a record claims it, its uploader's organisation; then
/// whoever may read the record, as its domain's [`FileOwner`](super::FileOwner) decides.
pub async fn readable(
    db: &DatabaseConnection,
    owners: &[Arc<dyn FileOwner>],
    user: &CurrentUser,
    id: Uuid,
) -> Result<stored_file::Model, FilesError> {
    let file = store::by_public_id(db, id)
        .await?
        .ok_or(FilesError::NotFound)?;
    let allowed = match (file.owner_type.as_deref(), file.owner_id) {
        (Some(kind), Some(owner)) => match owners.iter().find(|o| o.owner_type() == kind) {
            Some(registered) => registered.may_read(db, user, owner).await?,
            None => false,
        },
        _ => file.organisation_id == user.organisation_id,
    };
    if !allowed {
        return Err(FilesError::NotFound);
    }
    Ok(file)
}

/// A signed link to a file (that [`readable`] gave the caller), valid for `ttl_seconds`.
pub fn link(
    file: &stored_file::Model,
    signer: &LinkSigner,
    ttl_seconds: i64,
    now: DateTime<Utc>,
) -> (String, DateTime<Utc>) {
    let expires = now + Duration::seconds(ttl_seconds);
    let public_id = file.public_id.to_string();
    let signature = signer.sign(&public_id, expires.timestamp());
    let url = format!(
        "/api/v1/files/{public_id}/download?expires={}&signature={signature}",
        expires.timestamp()
    );
    (url, expires)
}

/// The file behind a signed link, if the link is genuine and current.
pub async fn signed(
    db: &DatabaseConnection,
    signer: &LinkSigner,
    id: Uuid,
    expires: i64,
    signature: &str,
    now: DateTime<Utc>,
) -> Result<stored_file::Model, FilesError> {
    if !signer.verify(&id.to_string(), expires, signature) {
        return Err(FilesError::InvalidSignature);
    }
    if now.timestamp() >= expires {
        return Err(FilesError::LinkExpired);
    }
    store::by_public_id(db, id)
        .await?
        .ok_or(FilesError::NotFound)
}

/// Removes abandoned temporary objects and files no record claimed in time (with their bytes,
/// when no other file shares them). Answers (temporary objects, files) removed.
pub async fn purge_orphans(
    db: &DatabaseConnection,
    storage: &Storage,
    now: DateTime<Utc>,
) -> anyhow::Result<(usize, usize)> {
    let stale = storage
        .stale_tmp(now - Duration::minutes(ABANDONED_MINUTES))
        .await?;
    for path in &stale {
        storage.delete(path).await?;
    }
    let unclaimed = store::unattached_before(db, now - Duration::hours(UNCLAIMED_HOURS)).await?;
    for file in &unclaimed {
        store::delete(db, file.id).await?;
        if store::count_with_hash(db, &file.sha256).await? == 0 {
            storage.delete(&Storage::blob_path(&file.sha256)).await?;
        }
    }
    Ok((stale.len(), unclaimed.len()))
}

//! Records that own files. A domain claims the files its record refers to ([`claim`]) in the
//! record's transaction; from then on a file is readable by exactly those who may read the
//! record, which the owning domain decides through a [`FileOwner`] registered at start-up. The
//! files service so never depends on the domains that use it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use entities::stored_file;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use uuid::Uuid;

use super::{error::FilesError, model::Purpose, store};
use crate::auth::CurrentUser;

/// A kind of record that owns files, and who may read them.
#[async_trait]
pub trait FileOwner: Send + Sync {
    /// The `owner_type` stored with the file, e.g. `application`.
    fn owner_type(&self) -> &'static str;
    /// Whether the user may read the record `owner_id` (and so its files) now.
    async fn may_read(
        &self,
        db: &DatabaseConnection,
        user: &CurrentUser,
        owner_id: Uuid,
    ) -> anyhow::Result<bool>;
}

/// Declares a [`FileOwner`] whose files are read by exactly those who may read the record, as
/// the owning domain's `may_read(db, user, owner_id)` use case decides:
/// `read_like_record!(/// doc\n pub BidFiles, BID_OWNER, bids::may_read_bid);`
macro_rules! read_like_record {
    ($(#[$meta:meta])* pub $name:ident, $owner_type:expr, $may_read:path) => {
        $(#[$meta])*
        pub struct $name;

        #[async_trait::async_trait]
        impl $crate::files::FileOwner for $name {
            fn owner_type(&self) -> &'static str {
                $owner_type
            }

            async fn may_read(
                &self,
                db: &sea_orm::DatabaseConnection,
                user: &$crate::auth::CurrentUser,
                owner_id: uuid::Uuid,
            ) -> anyhow::Result<bool> {
                $may_read(db, user, owner_id)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))
            }
        }
    };
}
pub(crate) use read_like_record;

/// Attaches files to a record: each must exist, come from the user's organisation, have the
/// record's purpose, and not belong to another record. Claiming again for the same record is
/// harmless.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    user: &CurrentUser,
    files: &[Uuid],
    purpose: Purpose,
    owner_type: &'static str,
    owner_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<stored_file::Model>, FilesError> {
    let mut claimed = Vec::with_capacity(files.len());
    for id in files {
        let file = store::by_public_id(conn, *id)
            .await?
            .filter(|f| f.organisation_id == user.organisation_id)
            .ok_or(FilesError::NotFound)?;
        if file.purpose != purpose {
            return Err(FilesError::WrongPurpose {
                expected: purpose.as_str(),
            });
        }
        match (&file.owner_type, file.owner_id) {
            (Some(kind), Some(owner)) if kind == owner_type && owner == owner_id => {
                claimed.push(file);
                continue;
            }
            (Some(_), _) => return Err(FilesError::AlreadyAttached),
            _ => {}
        }
        let mut row: stored_file::ActiveModel = file.into();
        row.owner_type = Set(Some(owner_type.to_owned()));
        row.owner_id = Set(Some(owner_id));
        row.attached_at = Set(Some(now));
        claimed.push(row.update(conn).await?);
    }
    Ok(claimed)
}

//! Where file bytes live, through OpenDAL: the local file system under `<data_dir>/files/` (the
//! embedded default) or any S3-compatible store. Content is kept under its SHA-256
//! (`blobs/ab/abcdef…`), so a name from a client never becomes a path and equal files are kept
//! once. An upload first streams to `tmp/<unix-seconds>-<uuid>`, which the cleanup job removes
//! if the upload never finishes.

use chrono::{DateTime, Utc};
use futures_util::{Stream, TryStreamExt};
use opendal::{services, Operator, Writer};

use crate::configuration::{FileBackend, FilesSettings};

const TMP: &str = "tmp/";

#[derive(Debug, Clone)]
pub struct Storage {
    operator: Operator,
}

impl Storage {
    pub fn from_settings(
        settings: &FilesSettings,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        let operator = match settings.backend {
            FileBackend::Fs => {
                let root = if settings.root.as_os_str().is_empty() {
                    data_dir.join("files")
                } else {
                    settings.root.clone()
                };
                std::fs::create_dir_all(&root).map_err(|e| {
                    anyhow::anyhow!("files.root: cannot create {}: {e}", root.display())
                })?;
                let root = root.to_string_lossy().into_owned();
                Operator::new(services::Fs::default().root(&root))?
            }
            FileBackend::S3 => {
                // One TLS stack (rustls on ring) for the whole process, and reqwest as OpenDAL's
                // HTTP transport; later calls are no-ops.
                let _ = rustls::crypto::ring::default_provider().install_default();
                opendal_http_transport_reqwest::install_default();
                let s3 = &settings.s3;
                let mut builder = services::S3::default()
                    .bucket(&s3.bucket)
                    .region(&s3.region)
                    .root(&s3.root)
                    .access_key_id(&s3.access_key_id)
                    .secret_access_key(&s3.secret_access_key)
                    .disable_config_load();
                if !s3.endpoint.is_empty() {
                    builder = builder.endpoint(&s3.endpoint);
                }
                Operator::new(builder)?
            }
        };
        Ok(Self { operator })
    }

    pub fn blob_path(sha256: &str) -> String {
        format!("blobs/{}/{sha256}", &sha256[..2.min(sha256.len())])
    }

    /// A fresh temporary path, stamped with its creation time for the cleanup job.
    pub fn tmp_path(now: DateTime<Utc>) -> String {
        format!("{TMP}{}-{}", now.timestamp(), uuid::Uuid::new_v4().simple())
    }

    pub async fn writer(&self, path: &str) -> anyhow::Result<Writer> {
        Ok(self.operator.writer(path).await?)
    }

    /// Moves a finished temporary object to its content address (or drops it when that content
    /// is already stored).
    pub async fn promote(&self, tmp: &str, sha256: &str) -> anyhow::Result<()> {
        let blob = Self::blob_path(sha256);
        if !self.operator.exists(&blob).await? {
            if self.operator.info().capability().rename {
                self.operator.rename(tmp, &blob).await?;
                return Ok(());
            }
            self.operator.copy(tmp, &blob).await?;
        }
        self.operator.delete(tmp).await?;
        Ok(())
    }

    pub async fn delete(&self, path: &str) -> anyhow::Result<()> {
        Ok(self.operator.delete(path).await?)
    }

    pub async fn exists(&self, path: &str) -> anyhow::Result<bool> {
        Ok(self.operator.exists(path).await?)
    }

    /// The content of a stored file, as a stream of chunks.
    pub async fn read(
        &self,
        sha256: &str,
    ) -> anyhow::Result<impl Stream<Item = Result<bytes::Bytes, std::io::Error>> + 'static> {
        let reader = self.operator.reader(&Self::blob_path(sha256)).await?;
        Ok(reader
            .into_bytes_stream(..)
            .await?
            .map_err(std::io::Error::other))
    }

    /// Temporary objects created before `before` (abandoned uploads).
    pub async fn stale_tmp(&self, before: DateTime<Utc>) -> anyhow::Result<Vec<String>> {
        let entries = match self.operator.list(TMP).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == opendal::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        Ok(entries
            .into_iter()
            .map(|entry| entry.path().to_owned())
            .filter(|path| {
                path.strip_prefix(TMP)
                    .and_then(|name| name.split('-').next())
                    .and_then(|seconds| seconds.parse::<i64>().ok())
                    .is_some_and(|seconds| seconds < before.timestamp())
            })
            .collect())
    }
}

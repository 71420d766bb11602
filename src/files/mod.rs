//! Attachments: one storage service for every domain's files (bid proposals, delivery results,
//! application materials, rectification reports, case evidence). Uploads stream to storage
//! (OpenDAL: local files or S3) with a size limit per purpose, are checked by their bytes against
//! an allow-list, and are kept under their content hash; the database keeps the metadata.
//! Downloads are authorized like the record a file belongs to, or made through short-lived
//! signed links; what no record claims is purged by a scheduled job.

mod dto;
mod error;
mod jobs;
mod model;
mod owners;
mod routes;
mod service;
mod signing;
mod storage;
mod store;

pub use error::FilesError;
pub use jobs::jobs;
pub use model::{
    content_disposition, detect_type, safe_file_name, Purpose, PurposeRules, ALLOWED_TYPES,
};
pub(crate) use owners::read_like_record;
pub use owners::{claim, FileOwner};
pub use routes::configure;
pub use signing::LinkSigner;
pub use storage::Storage;

//! File requests and responses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::model::Purpose;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    pub purpose: Purpose,
}

/// The multipart form of an upload.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file; its type is found from its bytes (PDF, images, Office documents, zip).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FileResponse {
    pub id: Uuid,
    pub name: String,
    pub size: i64,
    pub content_type: String,
    pub sha256: String,
    pub purpose: Purpose,
    pub created_at: DateTime<Utc>,
}

impl From<entities::stored_file::Model> for FileResponse {
    fn from(file: entities::stored_file::Model) -> Self {
        Self {
            id: file.public_id,
            name: file.original_name,
            size: file.size,
            content_type: file.content_type,
            sha256: file.sha256,
            purpose: file.purpose,
            created_at: file.created_at,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LinkResponse {
    /// A path on this server; works without a session until `expires_at`.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignedParams {
    pub expires: i64,
    #[serde(deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    pub signature: String,
}

/// What may be uploaded for one purpose, and by whom.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PurposeLimit {
    pub purpose: Purpose,
    pub max_bytes: u64,
    pub uploaders: Vec<crate::accounts::Role>,
}

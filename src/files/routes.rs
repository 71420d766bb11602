//! `/files`: upload, metadata, authorized download and signed links.

use actix_multipart::Multipart;
use actix_web::{
    get,
    http::header::{self, HeaderValue},
    post, web, HttpResponse,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{FileResponse, LinkResponse, PurposeLimit, SignedParams, UploadForm, UploadParams},
    model::{content_disposition, Purpose, PurposeRules},
    service,
};
use crate::{
    auth::Authenticated,
    error::{ApiError, ErrorBody},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(purpose_limits)
        .service(upload_file)
        .service(file_metadata)
        .service(file_content)
        .service(file_link)
        .service(signed_download);
}

/// Each purpose's size limit and the roles that upload for it, with the accepted content types.
#[utoipa::path(tag = "files", responses((status = 200, body = Vec<PurposeLimit>)), security(("session" = [])))]
#[get("/files/limits")]
async fn purpose_limits(_user: Authenticated, state: web::Data<AppState>) -> HttpResponse {
    let limits: Vec<PurposeLimit> = Purpose::ALL
        .iter()
        .copied()
        .map(|purpose| PurposeLimit {
            purpose,
            max_bytes: state.settings.files.max_bytes.limit(purpose),
            uploaders: purpose.uploaders().to_vec(),
        })
        .collect();
    HttpResponse::Ok().json(limits)
}

/// Uploads one file (multipart field `file`) for a purpose; streamed, size-limited and checked
/// by content.
#[utoipa::path(
    tag = "files",
    params(UploadParams),
    request_body(content = inline(UploadForm), content_type = "multipart/form-data"),
    responses(
        (status = 201, body = FileResponse),
        (status = 400, description = "`file_missing` or `upload_interrupted`", body = ErrorBody),
        (status = 413, description = "`file_too_large`", body = ErrorBody),
        (status = 415, description = "`file_type_not_allowed`", body = ErrorBody),
        (status = 429, description = "`upload_quota_exceeded` (uploads in the last hour, or bytes no record has claimed yet), with `Retry-After`", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/files")]
async fn upload_file(
    user: Authenticated,
    state: web::Data<AppState>,
    params: web::Query<UploadParams>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let file = service::upload(
        &state.db,
        &state.storage,
        &state.settings.files,
        &user,
        params.purpose,
        form,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(FileResponse::from(file)))
}

/// A file's metadata.
#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses((status = 200, body = FileResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/files/{id}")]
async fn file_metadata(
    user: Authenticated,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file = service::readable(&state.db, &state.file_owners, &user, *id).await?;
    Ok(HttpResponse::Ok().json(FileResponse::from(file)))
}

async fn stream(
    state: &AppState,
    file: entities::stored_file::Model,
) -> Result<HttpResponse, ApiError> {
    let body = state
        .storage
        .read(&file.sha256)
        .await
        .map_err(ApiError::internal)?;
    let disposition = HeaderValue::from_str(&content_disposition(&file.original_name))
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type.as_str())
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::CONTENT_LENGTH, file.size.to_string()))
        .streaming(body))
}

/// Downloads a file (as an attachment) with the caller's session.
#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses((status = 200, description = "the file's bytes"), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/files/{id}/content")]
async fn file_content(
    user: Authenticated,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file = service::readable(&state.db, &state.file_owners, &user, *id).await?;
    stream(&state, file).await
}

/// A short-lived signed link to a file, for the browser.
#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses((status = 200, body = LinkResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[post("/files/{id}/link")]
async fn file_link(
    user: Authenticated,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file = service::readable(&state.db, &state.file_owners, &user, *id).await?;
    let ttl = state.settings.files.link_ttl_seconds;
    let (url, expires_at) = service::link(&file, &state.signer, ttl, state.clock.now());
    Ok(HttpResponse::Ok().json(LinkResponse { url, expires_at }))
}

/// Downloads a file through a signed link; no session needed.
#[utoipa::path(
    tag = "files",
    params(("id" = Uuid, Path), SignedParams),
    responses((status = 200, description = "the file's bytes"), (status = 403, description = "`invalid_signature` or `link_expired`", body = ErrorBody))
)]
#[get("/files/{id}/download")]
async fn signed_download(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    params: web::Query<SignedParams>,
) -> Result<HttpResponse, ApiError> {
    params.validate()?;
    let now = state.clock.now();
    let file = service::signed(
        &state.db,
        &state.signer,
        *id,
        params.expires,
        &params.signature,
        now,
    )
    .await?;
    stream(&state, file).await
}

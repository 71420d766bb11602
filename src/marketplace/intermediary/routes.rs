//! `/intermediaries`: the intermediaries owners choose among, and an intermediary's own profile
//! and qualifications.

use actix_web::{delete, get, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::dto::{
    IntermediaryProfileRequest, IntermediaryQuery, IntermediaryResponse, QualificationRequest,
    QualificationResponse,
};
use super::service::{
    self as intermediaries, IntermediaryContact, IntermediaryFilter, ProfileUpdate,
    QualificationInput,
};
use crate::{
    auth::{AnyRole, Authenticated, Intermediaries, Registering},
    error::{ApiError, ErrorBody},
    startup::AppState,
};

/// Mounts the intermediary endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_intermediaries)
        .service(get_my_profile)
        .service(get_intermediary)
        .service(update_my_profile)
        .service(save_qualification)
        .service(delete_qualification);
}

/// Active intermediaries, higher credit first; delisted ones are hidden.
#[utoipa::path(tag = "marketplace", params(IntermediaryQuery), responses((status = 200, body = [IntermediaryResponse])), security(("session" = [])))]
#[get("/intermediaries")]
async fn list_intermediaries(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    query: web::Query<IntermediaryQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let filter = IntermediaryFilter {
        service_type: query.service_type_id,
        name: query.q,
    };
    let list: Vec<IntermediaryResponse> = intermediaries::intermediaries(&state.db, &filter)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

/// The intermediary's own profile, as owners see it.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = IntermediaryResponse)), security(("session" = [])))]
#[get("/intermediaries/me")]
async fn get_my_profile(
    user: Authenticated<Intermediaries, Registering>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let view = intermediaries::intermediary(&state.db, &user, user.organisation_public_id).await?;
    Ok(HttpResponse::Ok().json(IntermediaryResponse::from(view)))
}

/// One intermediary: its service types, qualifications, practitioners and credit.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = IntermediaryResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/intermediaries/{id}")]
async fn get_intermediary(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = intermediaries::intermediary(&state.db, &user, *id).await?;
    Ok(HttpResponse::Ok().json(IntermediaryResponse::from(view)))
}

/// The intermediary's own profile: practitioners, introduction and the service types it offers.
#[utoipa::path(tag = "marketplace", request_body = IntermediaryProfileRequest, responses((status = 200, body = IntermediaryResponse), (status = 400, description = "`not_found` (a listed service type does not exist), `qualification_type_unknown`, `qualification_level_unknown`, `validation_failed`", body = ErrorBody)), security(("session" = [])))]
#[put("/intermediaries/me")]
async fn update_my_profile(
    user: Authenticated<Intermediaries, Registering>,
    state: web::Data<AppState>,
    body: web::Json<IntermediaryProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let update = ProfileUpdate {
        practitioners: body.practitioners,
        introduction: body.introduction,
        contact: IntermediaryContact {
            legal_representative: body.legal_representative,
            phone: body.contact_phone,
            email: body.contact_email.map(|e| e.to_lowercase()),
        },
        service_types: body.service_type_ids,
    };
    let view = intermediaries::update_profile(&state.db, &user, update, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(IntermediaryResponse::from(view)))
}

/// Records (or replaces) the intermediary's qualification of one type.
#[utoipa::path(tag = "marketplace", request_body = QualificationRequest, responses((status = 200, body = QualificationResponse), (status = 400, description = "`qualification_type_unknown`, `qualification_level_unknown`", body = ErrorBody)), security(("session" = [])))]
#[put("/intermediaries/me/qualifications")]
async fn save_qualification(
    user: Authenticated<Intermediaries, Registering>,
    state: web::Data<AppState>,
    body: web::Json<QualificationRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let input = QualificationInput {
        qualification_type: body.qualification_type,
        level: body.level,
        certificate_number: body.certificate_number,
        expires_on: body.expires_on,
    };
    let saved =
        intermediaries::save_qualification(&state.db, &user, input, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(QualificationResponse::from(saved)))
}

/// Removes one of the intermediary's qualifications.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[delete("/intermediaries/me/qualifications/{id}")]
async fn delete_qualification(
    user: Authenticated<Intermediaries, Registering>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    intermediaries::delete_qualification(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

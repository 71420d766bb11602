//! `/service-types`, `/service-type-packages`, `/qualification-types` and `/rules`: the catalogue
//! (read by all, kept by the centre) and the rules this centre configured.

use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::super::{
    model::{qualification_types, QualificationType},
    MarketplaceError,
};
use super::dto::{
    CatalogueServiceTypeResponse, PackageRequest, PackageResponse, RulesResponse, ServiceTypeQuery,
    ServiceTypeRequest,
};
use super::service::{self as catalogue, PackageDefinition};
use crate::{
    accounts::Role,
    auth::{AnyRole, Authenticated, CenterAdmins, CurrentUser, Registering},
    error::{ApiError, ErrorBody},
    responses::saved,
    startup::AppState,
};

/// Mounts the catalogue endpoints.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(rules)
        .service(list_qualification_types)
        .service(list_service_types)
        .service(create_service_type)
        .service(update_service_type)
        .service(list_service_type_packages)
        .service(create_service_type_package)
        .service(update_service_type_package);
}

/// The rules this centre configured: bidding period, valid bids per method, abnormally low
/// threshold, notice period, unrated credit score.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = RulesResponse)), security(("session" = [])))]
#[get("/marketplace/rules")]
async fn rules(_user: Authenticated<AnyRole>, state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(RulesResponse::from(&state.settings.marketplace))
}

/// The qualification types (资质) intermediaries record, with their levels.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = [QualificationType])), security(("session" = [])))]
#[get("/qualification-types")]
async fn list_qualification_types(_user: Authenticated<AnyRole, Registering>) -> HttpResponse {
    HttpResponse::Ok().json(qualification_types())
}

/// The service types (涉审中介事项); withdrawn ones too for the centre when asked.
#[utoipa::path(tag = "marketplace", params(ServiceTypeQuery), responses((status = 200, body = [CatalogueServiceTypeResponse])), security(("session" = [])))]
#[get("/service-types")]
async fn list_service_types(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    query: web::Query<ServiceTypeQuery>,
) -> Result<HttpResponse, ApiError> {
    let with_inactive = query.include_inactive && user.role == Role::CenterAdmin;
    let types = catalogue::service_types(&state.db, with_inactive).await?;
    let types: Vec<CatalogueServiceTypeResponse> = catalogue::with_departments(&state.db, types)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(types))
}

async fn save_service_type(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
    body: ServiceTypeRequest,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let saved_type =
        catalogue::save_service_type(&state.db, user, id, body.into(), state.clock.now()).await?;
    let view = catalogue::with_departments(&state.db, vec![saved_type])
        .await?
        .pop()
        .ok_or(MarketplaceError::NotFound("service type"))?;
    Ok(saved(id, CatalogueServiceTypeResponse::from(view)))
}

/// Adds a service type.
#[utoipa::path(tag = "marketplace", request_body = ServiceTypeRequest, responses((status = 201, body = CatalogueServiceTypeResponse), (status = 400, description = "`fee_range_invalid`, `qualification_type_unknown`, `service_type_department_invalid`, `validation_failed`", body = ErrorBody), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-types")]
async fn create_service_type(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<ServiceTypeRequest>,
) -> Result<HttpResponse, ApiError> {
    save_service_type(&state, &user, None, body.into_inner()).await
}

/// Replaces a service type (`active: false` withdraws it from new procurements).
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = ServiceTypeRequest, responses((status = 200, body = CatalogueServiceTypeResponse), (status = 400, description = "`service_type_department_invalid`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/service-types/{id}")]
async fn update_service_type(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ServiceTypeRequest>,
) -> Result<HttpResponse, ApiError> {
    save_service_type(&state, &user, Some(*id), body.into_inner()).await
}

/// The packages bundling service types (打包式团购), with their summed fee ranges.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = [PackageResponse])), security(("session" = [])))]
#[get("/service-type-packages")]
async fn list_service_type_packages(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let packages: Vec<PackageResponse> = catalogue::packages(&state.db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(packages))
}

fn package_definition(body: PackageRequest) -> PackageDefinition {
    PackageDefinition {
        code: body.code,
        name_zh: body.name_zh,
        name_en: body.name_en,
        description_zh: body.description_zh,
        description_en: body.description_en,
        service_types: body.service_type_ids,
    }
}

async fn save_package(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
    body: PackageRequest,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let definition = package_definition(body);
    let package =
        catalogue::save_package(&state.db, user, id, definition, state.clock.now()).await?;
    Ok(saved(id, PackageResponse::from(package)))
}

/// Adds a package.
#[utoipa::path(tag = "marketplace", request_body = PackageRequest, responses((status = 201, body = PackageResponse), (status = 400, description = "`not_found` (a listed service type does not exist), `validation_failed`", body = ErrorBody), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-type-packages")]
async fn create_service_type_package(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<PackageRequest>,
) -> Result<HttpResponse, ApiError> {
    save_package(&state, &user, None, body.into_inner()).await
}

/// Replaces a package.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = PackageRequest, responses((status = 200, body = PackageResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/service-type-packages/{id}")]
async fn update_service_type_package(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<PackageRequest>,
) -> Result<HttpResponse, ApiError> {
    save_package(&state, &user, Some(*id), body.into_inner()).await
}

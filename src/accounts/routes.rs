//! Registration, the caller's profile, organisations and users.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        CreateOrganisationRequest, CreateUserRequest, MeResponse, OrganisationQuery,
        OrganisationResponse, ReasonRequest, RegisterRequest, RegisterResponse,
        StaffOrganisationKind, UpdateMeRequest, UserQuery,
    },
    model::{Locale, OrganisationKind, OrganisationStatus, UserStatus},
    service::{self, NewOrganisation, NewUser},
};
use crate::{
    auth::{client_ip, AnyRole, AnyStanding, Authenticated, CenterAdmins, Registering},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register)
        .service(me)
        .service(update_me)
        .service(list_organisations)
        .service(create_organisation)
        .service(approve_organisation)
        .service(reject_organisation)
        .service(list_users)
        .service(create_user)
        .service(disable_user)
        .service(enable_user);
}

/// An enterprise or intermediary registers itself and its first user.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = RegisterResponse),
        (status = 400, description = "`validation_failed`, `uscc_length`, `uscc_character`, `uscc_check_character`, `weak_password`", body = ErrorBody),
        (status = 409, description = "`uscc_taken` or `email_taken`", body = ErrorBody),
    )
)]
#[post("/auth/register")]
async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let ip = client_ip(&req, &state.settings.server.trusted_proxies);
    let now = state.clock.now();
    let account = service::register(&state.db, &state.hasher, body.into_inner(), ip, now).await?;
    Ok(HttpResponse::Created().json(RegisterResponse {
        organisation: account.organisation.clone().into(),
        user: account.into(),
    }))
}

/// The signed-in user and their organisation.
#[utoipa::path(tag = "accounts", responses((status = 200, body = MeResponse)), security(("session" = [])))]
#[get("/me")]
async fn me(
    user: Authenticated<AnyRole, AnyStanding>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let account = service::find_account_by_user_id(&state.db, user.user_id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(HttpResponse::Ok().json(MeResponse::from(account)))
}

/// Changes the caller's display name and language.
#[utoipa::path(tag = "accounts", request_body = UpdateMeRequest, responses((status = 200, body = MeResponse)), security(("session" = [])))]
#[put("/me")]
async fn update_me(
    user: Authenticated<AnyRole, Registering>,
    state: web::Data<AppState>,
    body: web::Json<UpdateMeRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    let account =
        service::update_profile(&state.db, &user, &body.display_name, body.locale, now).await?;
    Ok(HttpResponse::Ok().json(MeResponse::from(account)))
}

/// Organisations, filtered by kind and status (the approval queue is `kind=intermediary&status=pending`).
#[utoipa::path(
    tag = "accounts",
    params(OrganisationQuery, Paging),
    responses((status = 200, body = Page<OrganisationResponse>)),
    security(("session" = []))
)]
#[get("/organisations")]
async fn list_organisations(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<OrganisationQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list_organisations(&state.db, &query, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(OrganisationResponse::from)))
}

/// The centre creates a department or centre organisation.
#[utoipa::path(
    tag = "accounts",
    request_body = CreateOrganisationRequest,
    responses(
        (status = 201, body = OrganisationResponse),
        (status = 409, description = "`uscc_taken`", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/organisations")]
async fn create_organisation(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<CreateOrganisationRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let kind = match body.kind {
        StaffOrganisationKind::Department => OrganisationKind::Department,
        StaffOrganisationKind::Center => OrganisationKind::Center,
    };
    let new = NewOrganisation {
        name: body.name,
        kind,
        uscc: body.uscc.filter(|u| !u.trim().is_empty()),
        status: OrganisationStatus::Active,
    };
    let organisation =
        service::create_organisation(&state.db, &admin.actor(), new, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(OrganisationResponse::from(organisation)))
}

async fn decide(
    admin: &Authenticated<CenterAdmins>,
    state: &AppState,
    id: Uuid,
    body: &ReasonRequest,
    approve: bool,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    let organisation =
        service::decide_registration(&state.db, &admin.actor(), id, approve, &body.reason, now)
            .await?;
    Ok(HttpResponse::Ok().json(OrganisationResponse::from(organisation)))
}

/// Approves a pending intermediary's registration (入驻审核), with a reason.
#[utoipa::path(
    tag = "accounts",
    params(("id" = Uuid, Path)),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = OrganisationResponse),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_state`: not pending", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/organisations/{id}/approve")]
async fn approve_organisation(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(&admin, &state, *id, &body, true).await
}

/// Rejects a pending intermediary's registration, with a reason.
#[utoipa::path(
    tag = "accounts",
    params(("id" = Uuid, Path)),
    request_body = ReasonRequest,
    responses(
        (status = 200, body = OrganisationResponse),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_state`: not pending", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/organisations/{id}/reject")]
async fn reject_organisation(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(&admin, &state, *id, &body, false).await
}

/// Users, filtered by role and organisation.
#[utoipa::path(
    tag = "accounts",
    params(UserQuery, Paging),
    responses((status = 200, body = Page<MeResponse>)),
    security(("session" = []))
)]
#[get("/users")]
async fn list_users(
    _admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<UserQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list_users(&state.db, &query, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(MeResponse::from)))
}

/// The centre creates a department, regulator, commissioner or centre user.
#[utoipa::path(
    tag = "accounts",
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = MeResponse),
        (status = 404, description = "`not_found`: the organisation does not exist", body = ErrorBody),
        (status = 409, description = "`email_taken`", body = ErrorBody),
        (status = 422, description = "`role_not_allowed_for_organisation` or `not_allowed`", body = ErrorBody),
    ),
    security(("session" = []))
)]
#[post("/users")]
async fn create_user(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let new = NewUser {
        email: body.email,
        display_name: body.display_name,
        role: body.role,
        organisation_id: body.organisation_id,
        password: body.password,
        locale: body.locale.unwrap_or(Locale::ZhCn),
    };
    let now = state.clock.now();
    let account =
        service::create_staff_user(&state.db, &state.hasher, &admin.actor(), new, now).await?;
    Ok(HttpResponse::Created().json(MeResponse::from(account)))
}

/// Disables a user, with a reason; their sessions end at once.
#[utoipa::path(
    tag = "accounts",
    params(("id" = Uuid, Path)),
    request_body = ReasonRequest,
    responses((status = 200, body = MeResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 422, description = "`not_allowed`: yourself", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/users/{id}/disable")]
async fn disable_user(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let now = state.clock.now();
    let account = service::set_user_status(
        &state.db,
        &admin.actor(),
        *id,
        UserStatus::Disabled,
        Some(&body.reason),
        now,
    )
    .await?;
    Ok(HttpResponse::Ok().json(MeResponse::from(account)))
}

/// Enables a disabled user again.
#[utoipa::path(
    tag = "accounts",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MeResponse), (status = 404, description = "`not_found`", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/users/{id}/enable")]
async fn enable_user(
    admin: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let account = service::set_user_status(
        &state.db,
        &admin.actor(),
        *id,
        UserStatus::Active,
        None,
        now,
    )
    .await?;
    Ok(HttpResponse::Ok().json(MeResponse::from(account)))
}

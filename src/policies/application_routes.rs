//! `/clauses/{id}/applications`, `/clauses/{id}/confirm|decline` and `/applications`: an
//! enterprise applies or confirms an automatic grant; the issuing department decides and pays;
//! each side lists what concerns it, with the payout clock.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    applications::{self, ApplicationView, Decision, Scope},
    dto::{
        ApplicationQuery, ApplicationResponse, ApplyRequest, DecisionKind, DecisionRequest,
        PayRequest,
    },
    error::PoliciesError,
    model::AmountRule,
};
use crate::{
    accounts::Role,
    auth::{AnyRole, Authenticated, CurrentUser, Departments, Enterprises, PolicyStaff},
    error::{ApiError, Code, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(apply)
        .service(confirm)
        .service(decline)
        .service(my_applications)
        .service(list_applications)
        .service(get_application)
        .service(resubmit)
        .service(decide)
        .service(pay);
}

async fn respond(
    state: &AppState,
    view: ApplicationView,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::build(status).json(response(state, view).await?))
}

async fn response(
    state: &AppState,
    view: ApplicationView,
) -> Result<ApplicationResponse, PoliciesError> {
    let (used, late) = applications::clock(&state.db, &view.row, state.clock.now()).await?;
    let facts = crate::enterprises::facts(&state.db, view.row.organisation_id).await?;
    let estimated_amount_fen = AmountRule::of_clause(&view.clause).estimate(&facts);
    let row = view.row;
    Ok(ApplicationResponse {
        id: row.public_id,
        clause_id: view.clause.public_id,
        required_materials: serde_json::from_str(&view.clause.materials).unwrap_or_default(),
        clause_title: view.clause.title,
        policy_title: view.policy_title,
        enterprise: view.enterprise,
        mode: row.mode,
        status: row.status,
        materials: serde_json::from_str(&row.materials).unwrap_or_default(),
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
        decision_reason: row.decision_reason,
        estimated_amount_fen,
        approved_amount_fen: row.approved_amount_fen,
        paid_at: row.paid_at,
        paid_amount_fen: row.paid_amount_fen,
        clock_started_at: row.clock_started_at,
        due_at: row.due_at,
        limit_working_days: state.settings.policies.payout_limit_working_days,
        working_days_used: used,
        late,
        grounds: None,
    })
}

async fn created(state: &AppState, user: &CurrentUser, id: Uuid) -> Result<HttpResponse, ApiError> {
    let view = applications::application(&state.db, user, id).await?;
    respond(state, view, actix_web::http::StatusCode::CREATED).await
}

/// Applies for a clause (申报), with its materials; eligibility and the window are checked now.
#[utoipa::path(
    tag = "applications",
    params(("id" = Uuid, Path)),
    request_body = ApplyRequest,
    responses((status = 201, body = ApplicationResponse), (status = 409, description = "`application_duplicate`", body = ErrorBody), (status = 422, description = "`application_not_eligible`, `application_window_closed`, `clause_mode_mismatch`", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/clauses/{id}/applications")]
async fn apply(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ApplyRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let row = applications::apply(
        &state.db,
        &user,
        *id,
        body.into_inner().materials,
        state.clock.now(),
        &state.clauses,
        &state.settings.policies,
    )
    .await?;
    created(&state, &user, row.public_id).await
}

/// Confirms an automatic grant (意愿确认): approved at once for the amount the profile gives.
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), responses((status = 201, body = ApplicationResponse), (status = 409, description = "`application_duplicate`", body = ErrorBody), (status = 422, description = "`clause_mode_mismatch`, `application_window_closed`, `application_not_eligible`", body = ErrorBody)), security(("session" = [])))]
#[post("/clauses/{id}/confirm")]
async fn confirm(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let row = applications::answer_grant(
        &state.db,
        &user,
        *id,
        true,
        state.clock.now(),
        &state.clauses,
        &state.settings.policies,
    )
    .await?;
    created(&state, &user, row.public_id).await
}

/// Declines an automatic grant.
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), responses((status = 201, body = ApplicationResponse), (status = 409, description = "`application_duplicate`", body = ErrorBody), (status = 422, description = "`clause_mode_mismatch`, `application_window_closed`, `application_not_eligible`", body = ErrorBody)), security(("session" = [])))]
#[post("/clauses/{id}/decline")]
async fn decline(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let row = applications::answer_grant(
        &state.db,
        &user,
        *id,
        false,
        state.clock.now(),
        &state.clauses,
        &state.settings.policies,
    )
    .await?;
    created(&state, &user, row.public_id).await
}

async fn page(
    state: &AppState,
    scope: Scope,
    query: ApplicationQuery,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let (views, total) =
        applications::list(&state.db, scope, (query.status, query.clause_id), &paging).await?;
    let mut items = Vec::with_capacity(views.len());
    for view in views {
        items.push(response(state, view).await?);
    }
    Ok(HttpResponse::Ok().json(Page::new(items, total, &paging)))
}

/// The signed-in enterprise's applications and grants.
#[utoipa::path(tag = "applications", params(ApplicationQuery, Paging), responses((status = 200, body = Page<ApplicationResponse>)), security(("session" = [])))]
#[get("/enterprises/me/applications")]
async fn my_applications(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    query: web::Query<ApplicationQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    page(
        &state,
        Scope::Enterprise(user.organisation_id),
        query.into_inner(),
        paging.into_inner(),
    )
    .await
}

/// Applications to review: a department's own policies', or all for the centre.
#[utoipa::path(tag = "applications", params(ApplicationQuery, Paging), responses((status = 200, body = Page<ApplicationResponse>)), security(("session" = [])))]
#[get("/applications")]
async fn list_applications(
    user: Authenticated<PolicyStaff>,
    state: web::Data<AppState>,
    query: web::Query<ApplicationQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let scope = if user.role == Role::Department {
        Scope::Issuer(user.organisation_id)
    } else {
        Scope::All
    };
    page(&state, scope, query.into_inner(), paging.into_inner()).await
}

/// One application: for its enterprise, the issuing department and the centre's staff, with
/// the facts it rests on (the clause's condition explained, the qualifications it tests and
/// their verification).
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), responses((status = 200, body = ApplicationResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/applications/{id}")]
async fn get_application(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = applications::application(&state.db, &user, *id).await?;
    let grounds = applications::grounds(&state.db, &view, state.clock.now()).await?;
    let mut body = response(&state, view).await?;
    body.grounds = Some(grounds.into());
    Ok(HttpResponse::Ok().json(body))
}

/// Hands a returned application in again.
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), request_body = ApplyRequest, responses((status = 200, body = ApplicationResponse), (status = 409, description = "`application_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/applications/{id}/resubmit")]
async fn resubmit(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ApplyRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    applications::resubmit(
        &state.db,
        &user,
        *id,
        body.into_inner().materials,
        state.clock.now(),
    )
    .await?;
    let view = applications::application(&state.db, &user, *id).await?;
    respond(&state, view, actix_web::http::StatusCode::OK).await
}

/// The issuing department approves (with the amount), rejects or returns an application.
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), request_body = DecisionRequest, responses((status = 200, body = ApplicationResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`application_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/applications/{id}/decide")]
async fn decide(
    user: Authenticated<Departments>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<DecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let reason = || {
        body.reason
            .clone()
            .filter(|r| !r.trim().is_empty())
            .ok_or_else(|| PoliciesError::field(Code::ValidationFailed, "reason", "say why"))
    };
    let decision = match body.decision {
        DecisionKind::Approve => Decision::Approve {
            amount_fen: body.amount_fen.ok_or_else(|| {
                PoliciesError::field(
                    Code::ValidationFailed,
                    "amount_fen",
                    "the approved amount in fen",
                )
            })?,
        },
        DecisionKind::Reject => Decision::Reject { reason: reason()? },
        DecisionKind::Return => Decision::Return { reason: reason()? },
    };
    applications::decide(&state.db, &user, *id, decision, state.clock.now()).await?;
    let view = applications::application(&state.db, &user, *id).await?;
    respond(&state, view, actix_web::http::StatusCode::OK).await
}

/// The issuing department records the payout (兑付).
#[utoipa::path(tag = "applications", params(("id" = Uuid, Path)), request_body = PayRequest, responses((status = 200, body = ApplicationResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`application_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/applications/{id}/pay")]
async fn pay(
    user: Authenticated<Departments>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<PayRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    applications::pay(&state.db, &user, *id, body.amount_fen, state.clock.now()).await?;
    let view = applications::application(&state.db, &user, *id).await?;
    respond(&state, view, actix_web::http::StatusCode::OK).await
}

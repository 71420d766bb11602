//! `/projects` and `/procurements`: owners register projects and post procurements (draft,
//! change, publish, cancel, re-publish); everyone signed in reads published ones; intermediaries
//! list those open to them and ask questions (答疑), which owners answer.

use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::super::dto::ReasonRequest;
use super::dto::{
    AnswerRequest, OpenQuery, ProcurementListQuery, ProcurementRequest, ProcurementResponse,
    ProjectRequest, ProjectResponse, QuestionRequest, QuestionResponse,
};
use super::service::{
    self as procurements, ProcurementDefinition, ProcurementFilter, ProjectDefinition,
};
use crate::{
    auth::{AnyRole, Authenticated, Enterprises, Intermediaries},
    error::{ApiError, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_projects)
        .service(create_project)
        .service(open_procurements)
        .service(list_procurements)
        .service(create_procurement)
        .service(get_procurement)
        .service(update_procurement)
        .service(publish_procurement)
        .service(cancel_procurement)
        .service(republish_procurement)
        .service(list_questions)
        .service(ask_question)
        .service(answer_question);
}

/// The owner's investment projects.
#[utoipa::path(tag = "marketplace", responses((status = 200, body = [ProjectResponse])), security(("session" = [])))]
#[get("/projects")]
async fn list_projects(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let projects: Vec<ProjectResponse> = procurements::projects(&state.db, &user)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(projects))
}

/// Registers an investment project by its national code (`YYYY-XXXXXX-XX-XX-XXXXXX`).
#[utoipa::path(tag = "marketplace", request_body = ProjectRequest, responses((status = 201, body = ProjectResponse), (status = 400, description = "`project_code_invalid`, `division_code_invalid`, `division_outside_code`", body = ErrorBody), (status = 409, description = "`project_code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/projects")]
async fn create_project(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    body: web::Json<ProjectRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let definition = ProjectDefinition {
        name: body.name,
        code: body.code,
        division_code: body.division_code,
        investment_fen: body.investment_fen,
        description: body.description,
    };
    let created =
        procurements::create_project(&state.db, &user, definition, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(ProjectResponse::from(created)))
}

/// The published procurements the calling intermediary may bid on now, soonest deadline first.
#[utoipa::path(tag = "marketplace", params(OpenQuery), responses((status = 200, body = [ProcurementResponse])), security(("session" = [])))]
#[get("/procurements/open")]
async fn open_procurements(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let open =
        procurements::open_for_me(&state.db, &user, query.q.as_deref(), state.clock.now()).await?;
    let open: Vec<ProcurementResponse> = open.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(open))
}

/// Procurements, newest first: the owner's own (`mine=true`, drafts included) or every published one.
#[utoipa::path(tag = "marketplace", params(ProcurementListQuery, Paging), responses((status = 200, body = Page<ProcurementResponse>)), security(("session" = [])))]
#[get("/procurements")]
async fn list_procurements(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    query: web::Query<ProcurementListQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let filter = ProcurementFilter {
        mine: query.mine,
        status: query.status,
        service_type: query.service_type_id,
        text: query.q,
    };
    let page = procurements::procurements(&state.db, &user, &filter, &paging).await?;
    Ok(HttpResponse::Ok().json(page.map(ProcurementResponse::from)))
}

fn definition(body: ProcurementRequest) -> ProcurementDefinition {
    ProcurementDefinition {
        project: body.project_id,
        service_type: body.service_type_id,
        package: body.package_id,
        title: body.title,
        scope: body.scope,
        budget_ceiling_fen: body.budget_ceiling_fen,
        required_qualifications: body.required_qualifications,
        avoided: body
            .avoided
            .into_iter()
            .map(|a| (a.intermediary_id, a.reason))
            .collect(),
        method: body.selection_method,
        weights: (body.weight_price, body.weight_proposal, body.weight_credit),
        bidding_working_days: body.bidding_working_days,
        service_working_days: body.service_working_days,
    }
}

/// Drafts a procurement for one of the owner's projects.
#[utoipa::path(tag = "marketplace", request_body = ProcurementRequest, responses((status = 201, body = ProcurementResponse), (status = 400, description = "`subject_invalid`, `weights_invalid`, `qualification_type_unknown`, `avoidance_reason_missing`", body = ErrorBody), (status = 422, description = "`budget_outside_fee_range`, `deadline_too_soon`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements")]
async fn create_procurement(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    body: web::Json<ProcurementRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let created = procurements::create_procurement(
        &state.db,
        &user,
        definition(body.into_inner()),
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::Created().json(ProcurementResponse::from(created)))
}

/// One procurement (a draft only for its owner); bids are never part of it but the caller's own.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = ProcurementResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/procurements/{id}")]
async fn get_procurement(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = procurements::procurement(&state.db, &user, *id).await?;
    Ok(HttpResponse::Ok().json(ProcurementResponse::from(view)))
}

/// Changes a draft, or the terms of a published procurement: bids placed on the old terms must
/// be re-confirmed, and a change within one working day of the deadline extends it.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = ProcurementRequest, responses((status = 200, body = ProcurementResponse), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody), (status = 422, description = "`procurement_terms_fixed`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}")]
async fn update_procurement(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ProcurementRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let view = procurements::update_procurement(
        &state.db,
        &user,
        *id,
        definition(body.into_inner()),
        state.clock.now(),
        &state.settings.marketplace,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ProcurementResponse::from(view)))
}

/// Publishes a draft: fixes the bidding deadline and tells every eligible intermediary.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = ProcurementResponse), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/publish")]
async fn publish_procurement(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = procurements::publish(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ProcurementResponse::from(view)))
}

/// Cancels a procurement that has no award yet.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = ProcurementResponse), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/cancel")]
async fn cancel_procurement(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let view = procurements::cancel(
        &state.db,
        &user,
        *id,
        body.into_inner().reason,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ProcurementResponse::from(view)))
}

/// Copies a failed (流标) or cancelled procurement into a new draft to publish again.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 201, body = ProcurementResponse), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/republish")]
async fn republish_procurement(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = procurements::republish(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(ProcurementResponse::from(view)))
}

/// The clarifications: answered ones for everyone, all for the owner; never who asked.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), responses((status = 200, body = [QuestionResponse]), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/procurements/{id}/questions")]
async fn list_questions(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<QuestionResponse> = procurements::questions(&state.db, &user, *id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

/// Asks the owner a question before the deadline; the asker stays anonymous.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path)), request_body = QuestionRequest, responses((status = 201, body = QuestionResponse), (status = 409, description = "`procurement_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/procurements/{id}/questions")]
async fn ask_question(
    user: Authenticated<Intermediaries>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<QuestionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let asked = procurements::ask_question(
        &state.db,
        &user,
        *id,
        body.into_inner().question,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(QuestionResponse::from(asked)))
}

/// The owner answers a question; all bidders see the answer.
#[utoipa::path(tag = "marketplace", params(("id" = Uuid, Path), ("question" = Uuid, Path)), request_body = AnswerRequest, responses((status = 200, body = QuestionResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/procurements/{id}/questions/{question}/answer")]
async fn answer_question(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let (id, question) = path.into_inner();
    let answered = procurements::answer_question(
        &state.db,
        &user,
        id,
        question,
        body.into_inner().answer,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(QuestionResponse::from(answered)))
}

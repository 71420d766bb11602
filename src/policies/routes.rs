//! `/policies`, `/clauses` and `/enterprises/…/matches`: the centre writes policies and cuts them
//! into clauses; everyone reads them; an enterprise sees what it matches and why; staff see which
//! enterprises a clause reaches (paged, or all as CSV).

use actix_web::{get, http::header, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    applications,
    dto::{
        ClauseMatchResponse, ClauseRequest, ClauseResponse, EligibleEnterprise, MatchApplication,
        MatchesResponse, PolicyDetailResponse, PolicyQuery, PolicyRequest, PolicyResponse,
    },
    error::PoliciesError,
    matching,
    model::ClauseStatus,
    service::{self, ClauseDraft, PolicyDraft},
};
use crate::{
    auth::{AnyRole, Authenticated, CenterAdmins, CenterStaff, Enterprises, PolicyStaff},
    enterprises::{self, today_in_china, ConditionSource},
    error::{ApiError, Code, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_policies)
        .service(create_policy)
        .service(get_policy)
        .service(update_policy)
        .service(create_clause)
        .service(update_clause)
        .service(publish_clause)
        .service(withdraw_clause)
        .service(eligible_enterprises)
        .service(eligible_csv)
        .service(my_matches)
        .service(enterprise_matches);
}

fn draft(body: PolicyRequest) -> PolicyDraft {
    PolicyDraft {
        title: body.title,
        issuer: body.issuer_id,
        level: body.level,
        document_number: body.document_number,
        effective_from: body.effective_from,
        effective_to: body.effective_to,
        source_url: body.source_url,
        summary: body.summary,
    }
}

async fn clause_draft(state: &AppState, body: ClauseRequest) -> Result<ClauseDraft, ApiError> {
    body.validate()?;
    let vocabulary = enterprises::vocabulary(&state.db, true).await?;
    let condition = match (&body.condition, &body.condition_text) {
        (Some(json), _) => {
            enterprises::check_condition(ConditionSource::Json(json), &vocabulary, "condition")?
        }
        (None, Some(text)) => enterprises::check_condition(
            ConditionSource::Text(text),
            &vocabulary,
            "condition_text",
        )?,
        (None, None) => {
            return Err(PoliciesError::field(
                Code::ValidationFailed,
                "condition",
                "send `condition` (JSON) or `condition_text`",
            )
            .into())
        }
    };
    Ok(ClauseDraft {
        position: body.position,
        title: body.title.clone(),
        amount: body.amount(),
        window: body.window(),
        benefit: body.benefit,
        materials: body.materials,
        mode: body.mode,
        condition,
    })
}

/// Policies, newest first.
#[utoipa::path(tag = "policies", params(PolicyQuery, Paging), responses((status = 200, body = Page<PolicyResponse>)), security(("session" = [])))]
#[get("/policies")]
async fn list_policies(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    query: web::Query<PolicyQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let (items, total) = service::list_policies(&state.db, query.title.as_deref(), &paging).await?;
    let page = Page::new(items, total, &paging)
        .map(|(p, issuer, count)| PolicyResponse::new(p, issuer, count));
    Ok(HttpResponse::Ok().json(page))
}

/// Adds a policy.
#[utoipa::path(tag = "policies", request_body = PolicyRequest, responses((status = 201, body = PolicyResponse), (status = 422, description = "`policy_issuer_not_department`", body = ErrorBody)), security(("session" = [])))]
#[post("/policies")]
async fn create_policy(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<PolicyRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let policy = service::create_policy(
        &state.db,
        &user,
        draft(body.into_inner()),
        state.clock.now(),
    )
    .await?;
    let (policy, issuer, _) = service::policy_with_clauses(&state.db, policy.public_id).await?;
    Ok(HttpResponse::Created().json(PolicyResponse::new(policy, issuer, 0)))
}

/// A policy with its clauses (drafts and withdrawn ones only for the centre's staff).
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), responses((status = 200, body = PolicyDetailResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/policies/{id}")]
async fn get_policy(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (policy, issuer, clauses) = service::policy_with_clauses(&state.db, *id).await?;
    let staff = crate::accounts::RoleRules::is_staff(&user.role);
    let clauses: Vec<ClauseResponse> = clauses
        .into_iter()
        .filter(|c| staff || c.status == ClauseStatus::Published)
        .map(ClauseResponse::from)
        .collect();
    Ok(HttpResponse::Ok().json(PolicyDetailResponse {
        policy: PolicyResponse::new(policy, issuer, clauses.len() as u64),
        clauses,
    }))
}

/// Changes a policy.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), request_body = PolicyRequest, responses((status = 200, body = PolicyResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/policies/{id}")]
async fn update_policy(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<PolicyRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    service::update_policy(
        &state.db,
        &user,
        *id,
        draft(body.into_inner()),
        state.clock.now(),
    )
    .await?;
    let (policy, issuer, clauses) = service::policy_with_clauses(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(PolicyResponse::new(policy, issuer, clauses.len() as u64)))
}

/// Adds a clause (a draft) to a policy.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), request_body = ClauseRequest, responses((status = 201, body = ClauseResponse), (status = 400, description = "a `condition_…` code naming the path", body = ErrorBody)), security(("session" = [])))]
#[post("/policies/{id}/clauses")]
async fn create_clause(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ClauseRequest>,
) -> Result<HttpResponse, ApiError> {
    let draft = clause_draft(&state, body.into_inner()).await?;
    let clause = service::create_clause(&state.db, &user, *id, draft, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(ClauseResponse::from(clause)))
}

/// Changes a clause.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), request_body = ClauseRequest, responses((status = 200, body = ClauseResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/clauses/{id}")]
async fn update_clause(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ClauseRequest>,
) -> Result<HttpResponse, ApiError> {
    let draft = clause_draft(&state, body.into_inner()).await?;
    let clause = service::update_clause(&state.db, &user, *id, draft, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ClauseResponse::from(clause)))
}

async fn set_status(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: Uuid,
    status: ClauseStatus,
) -> Result<HttpResponse, ApiError> {
    let clause = service::set_clause_status(&state.db, user, id, status, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(ClauseResponse::from(clause)))
}

/// Publishes a clause: it matches from now on, and eligible enterprises are told.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), responses((status = 200, body = ClauseResponse), (status = 409, description = "`clause_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/clauses/{id}/publish")]
async fn publish_clause(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    set_status(&state, &user, *id, ClauseStatus::Published).await
}

/// Withdraws a published clause.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), responses((status = 200, body = ClauseResponse), (status = 409, description = "`clause_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/clauses/{id}/withdraw")]
async fn withdraw_clause(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    set_status(&state, &user, *id, ClauseStatus::Withdrawn).await
}

/// The enterprises eligible for a clause today, by name.
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path), Paging), responses((status = 200, body = Page<EligibleEnterprise>), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/clauses/{id}/eligible")]
async fn eligible_enterprises(
    _user: Authenticated<PolicyStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let today = today_in_china(state.clock.now());
    let ids = matching::eligible_for(&state.db, &state.enterprise_index, *id, today).await?;
    let start = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
    let page_ids: Vec<i64> = ids
        .iter()
        .skip(start)
        .take(paging.per_page() as usize)
        .copied()
        .collect();
    let items = enterprises::organisations(&state.db, &page_ids).await?;
    let items = items
        .into_iter()
        .map(|o| EligibleEnterprise {
            enterprise_id: o.public_id,
            name: o.name,
            uscc: o.uscc,
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page::new(items, ids.len() as u64, &paging)))
}

/// Every enterprise eligible for a clause today, as CSV (UTF-8 with a byte-order mark for Excel).
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), responses((status = 200, content_type = "text/csv", body = String), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/clauses/{id}/eligible.csv")]
async fn eligible_csv(
    _user: Authenticated<PolicyStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let today = today_in_china(state.clock.now());
    let ids = matching::eligible_for(&state.db, &state.enterprise_index, *id, today).await?;
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let fail = |e: csv::Error| ApiError::internal(e);
    writer
        .write_record(["企业名称 name", "统一社会信用代码 uscc", "企业ID id"])
        .map_err(fail)?;
    for chunk in ids.chunks(1000) {
        for o in enterprises::organisations(&state.db, chunk).await? {
            let uscc = o.uscc.unwrap_or_default();
            writer
                .write_record([o.name.as_str(), uscc.as_str(), &o.public_id.to_string()])
                .map_err(fail)?;
        }
    }
    let body = writer
        .into_inner()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"eligible-{}.csv\"", *id),
        ))
        .body(body))
}

async fn matches(state: &AppState, organisation_id: i64) -> Result<HttpResponse, ApiError> {
    let today = today_in_china(state.clock.now());
    let found = matching::matches_for(&state.db, &state.clauses, organisation_id, today).await?;
    let answered = applications::answered_clauses(&state.db, organisation_id).await?;
    let convert = |list: Vec<matching::ClauseMatch>| {
        list.into_iter()
            .map(|m| {
                let application = answered
                    .get(&m.clause.id)
                    .map(|&(id, status)| MatchApplication { id, status });
                ClauseMatchResponse::new(m, today, application)
            })
            .collect()
    };
    Ok(HttpResponse::Ok().json(MatchesResponse {
        eligible: convert(found.eligible),
        near_misses: convert(found.near_misses),
    }))
}

/// The clauses the signed-in enterprise is eligible for, and its near misses, each explained.
#[utoipa::path(tag = "policies", responses((status = 200, body = MatchesResponse)), security(("session" = [])))]
#[get("/enterprises/me/matches")]
async fn my_matches(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    matches(&state, user.organisation_id).await
}

/// An enterprise's matches (the centre's staff).
#[utoipa::path(tag = "policies", params(("id" = Uuid, Path)), responses((status = 200, body = MatchesResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/enterprises/{id}/matches")]
async fn enterprise_matches(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let organisation = enterprises::enterprise(&state.db, *id).await?;
    matches(&state, organisation.id).await
}

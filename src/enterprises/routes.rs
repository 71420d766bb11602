//! `/enterprises`, `/tags`, `/tag-dimensions` and `/conditions`: profiles (an enterprise its own,
//! the centre any), their history, the tag catalogue, manual tags, and the condition checker
//! with its live count.

use actix_web::{delete, get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    bulk::{self, ImportReport},
    condition::FIELDS,
    dto::{
        ClassificationsResponse, ConditionCheckRequest, ConditionCheckResponse,
        ConditionFieldsResponse, DimensionRef, DimensionRequest, DimensionResponse,
        DimensionUpdateRequest, EnterpriseQuery, EnterpriseSummary, ExportQuery, HeldTagResponse,
        ImportQuery, ProfileRequest, ProfileResponse, ProfileVersionResponse, QualificationCheck,
        QualificationRejectRequest, TagRequest, TagResponse,
    },
    error::EnterprisesError,
    index::today_in_china,
    qualification::QUALIFICATION_KINDS,
    service::{self, ConditionSource, Naming, TagDefinition},
};
use crate::{
    auth::{
        AnyRole, Authenticated, CenterAdmins, CenterStaff, Enterprises, QualificationVerifiers,
    },
    error::{ApiError, Code, ErrorBody},
    pagination::{Page, Paging},
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(my_profile)
        .service(classifications)
        .service(update_dimension)
        .service(delete_dimension)
        .service(export_profiles)
        .service(import_profiles)
        .service(put_my_profile)
        .service(my_history)
        .service(my_tags)
        .service(list_enterprises)
        .service(get_profile)
        .service(put_profile)
        .service(history)
        .service(enterprise_tags)
        .service(assign_tag)
        .service(remove_tag)
        .service(catalogue)
        .service(create_dimension)
        .service(create_tag)
        .service(update_tag)
        .service(delete_tag)
        .service(condition_fields)
        .service(check_condition)
        .service(verify_qualification)
        .service(reject_qualification);
}

async fn save(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    organisation_id: i64,
    body: ProfileRequest,
) -> Result<HttpResponse, ApiError> {
    let view = service::update_profile(
        &state.db,
        &state.size_standard,
        user,
        organisation_id,
        body.fields,
        body.version,
        service::QualificationSource::Declared,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ProfileResponse::new(view, &state.size_standard)))
}

async fn history_page(
    state: &AppState,
    organisation_id: i64,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let (items, total) = service::history(&state.db, organisation_id, &paging).await?;
    let page = Page::new(items, total, &paging).map(ProfileVersionResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

async fn tags_of(state: &AppState, organisation_id: i64) -> Result<HttpResponse, ApiError> {
    let held = service::enterprise_tags(&state.db, organisation_id, state.clock.now()).await?;
    let dimensions = service::dimensions_by_id(&state.db).await?;
    let body: Vec<HeldTagResponse> = held
        .into_iter()
        .map(|h| HeldTagResponse {
            dimension: dimensions.get(&h.tag.dimension_id).map(DimensionRef::from),
            tag: h.tag.into(),
            explanation: h.explanation,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// The signed-in enterprise's profile.
#[utoipa::path(tag = "enterprises", responses((status = 200, body = ProfileResponse)), security(("session" = [])))]
#[get("/enterprises/me/profile")]
async fn my_profile(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let view = service::profile(&state.db, user.organisation_id).await?;
    Ok(HttpResponse::Ok().json(ProfileResponse::new(view, &state.size_standard)))
}

/// Saves the signed-in enterprise's profile (a new version).
#[utoipa::path(
    tag = "enterprises",
    request_body = ProfileRequest,
    responses((status = 200, body = ProfileResponse), (status = 400, description = "`profile_region_invalid`, `profile_industry_invalid`, …", body = ErrorBody), (status = 409, description = "`profile_version_conflict`", body = ErrorBody)),
    security(("session" = []))
)]
#[put("/enterprises/me/profile")]
async fn put_my_profile(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    body: web::Json<ProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    save(&state, &user, user.organisation_id, body.into_inner()).await
}

/// The signed-in enterprise's profile history, newest first.
#[utoipa::path(tag = "enterprises", params(Paging), responses((status = 200, body = Page<ProfileVersionResponse>)), security(("session" = [])))]
#[get("/enterprises/me/profile/history")]
async fn my_history(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    history_page(&state, user.organisation_id, paging.into_inner()).await
}

/// The signed-in enterprise's tags, each derived one with why it applies.
#[utoipa::path(tag = "enterprises", responses((status = 200, body = Vec<HeldTagResponse>)), security(("session" = [])))]
#[get("/enterprises/me/tags")]
async fn my_tags(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    tags_of(&state, user.organisation_id).await
}

/// Enterprises by name, filtered by name or code, region, industry and size (the centre's staff).
#[utoipa::path(tag = "enterprises", params(EnterpriseQuery, Paging), responses((status = 200, body = Page<EnterpriseSummary>)), security(("session" = [])))]
#[get("/enterprises")]
async fn list_enterprises(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    query: web::Query<EnterpriseQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let filter = super::store::EnterpriseFilter {
        text: query.name.as_deref(),
        region_prefix: query.region.as_deref(),
        industry_prefix: query.industry.as_deref(),
        size_class: query.size_class,
    };
    let (items, total) = service::list_enterprises(&state.db, &filter, &paging).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, total, &paging).map(EnterpriseSummary::from)))
}

async fn organisation_id(state: &AppState, id: Uuid) -> Result<i64, ApiError> {
    Ok(service::enterprise(&state.db, id).await?.id)
}

/// An enterprise's profile (the centre's staff).
#[utoipa::path(tag = "enterprises", params(("id" = Uuid, Path)), responses((status = 200, body = ProfileResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/enterprises/{id}/profile")]
async fn get_profile(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let organisation_id = organisation_id(&state, *id).await?;
    let view = service::profile(&state.db, organisation_id).await?;
    Ok(HttpResponse::Ok().json(ProfileResponse::new(view, &state.size_standard)))
}

/// Corrects an enterprise's profile (the centre's administrators).
#[utoipa::path(tag = "enterprises", params(("id" = Uuid, Path)), request_body = ProfileRequest, responses((status = 200, body = ProfileResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`profile_version_conflict`", body = ErrorBody)), security(("session" = [])))]
#[put("/enterprises/{id}/profile")]
async fn put_profile(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let organisation_id = organisation_id(&state, *id).await?;
    save(&state, &user, organisation_id, body.into_inner()).await
}

/// Verifies (核验) a qualification an enterprise declared: from now on automatic grants may
/// rest on it (a department or the centre's administrators).
#[utoipa::path(
    tag = "enterprises",
    params(("id" = Uuid, Path), ("qualification_id" = Uuid, Path)),
    responses((status = 200, body = QualificationCheck), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`qualification_already_decided`", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/enterprises/{id}/qualifications/{qualification_id}/verify")]
async fn verify_qualification(
    user: Authenticated<QualificationVerifiers>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let checked = service::decide_qualification(
        &state.db,
        &user,
        path.into_inner(),
        service::QualificationDecision::Verify,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(QualificationCheck::from(&checked)))
}

/// Rejects a qualification an enterprise declared, with the reason it is told.
#[utoipa::path(
    tag = "enterprises",
    params(("id" = Uuid, Path), ("qualification_id" = Uuid, Path)),
    request_body = QualificationRejectRequest,
    responses((status = 200, body = QualificationCheck), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`qualification_already_decided`", body = ErrorBody)),
    security(("session" = []))
)]
#[post("/enterprises/{id}/qualifications/{qualification_id}/reject")]
async fn reject_qualification(
    user: Authenticated<QualificationVerifiers>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<QualificationRejectRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let reason = body.into_inner().reason.trim().to_owned();
    if reason.is_empty() {
        return Err(EnterprisesError::field(
            Code::ValidationFailed,
            "reason",
            "give a reason (1 to 500 characters)",
        )
        .into());
    }
    let checked = service::decide_qualification(
        &state.db,
        &user,
        path.into_inner(),
        service::QualificationDecision::Reject { reason },
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(QualificationCheck::from(&checked)))
}

/// An enterprise's profile history (the centre's staff).
#[utoipa::path(tag = "enterprises", params(("id" = Uuid, Path), Paging), responses((status = 200, body = Page<ProfileVersionResponse>)), security(("session" = [])))]
#[get("/enterprises/{id}/profile/history")]
async fn history(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    let organisation_id = organisation_id(&state, *id).await?;
    history_page(&state, organisation_id, paging.into_inner()).await
}

/// An enterprise's tags with reasons (the centre's staff).
#[utoipa::path(tag = "enterprises", params(("id" = Uuid, Path)), responses((status = 200, body = Vec<HeldTagResponse>)), security(("session" = [])))]
#[get("/enterprises/{id}/tags")]
async fn enterprise_tags(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let organisation_id = organisation_id(&state, *id).await?;
    tags_of(&state, organisation_id).await
}

/// Gives an enterprise a manual tag.
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path), ("tag" = Uuid, Path)), responses((status = 204), (status = 422, description = "`tag_not_manual`", body = ErrorBody)), security(("session" = [])))]
#[put("/enterprises/{id}/tags/{tag}")]
async fn assign_tag(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (enterprise, tag) = path.into_inner();
    service::set_manual_tag(&state.db, &user, enterprise, tag, true, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Takes a manual tag back.
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path), ("tag" = Uuid, Path)), responses((status = 204)), security(("session" = [])))]
#[delete("/enterprises/{id}/tags/{tag}")]
async fn remove_tag(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (enterprise, tag) = path.into_inner();
    service::set_manual_tag(&state.db, &user, enterprise, tag, false, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The tag catalogue: dimensions with their tags.
#[utoipa::path(tag = "tags", responses((status = 200, body = Vec<DimensionResponse>)), security(("session" = [])))]
#[get("/tags")]
async fn catalogue(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body: Vec<DimensionResponse> = service::catalogue(&state.db)
        .await?
        .into_iter()
        .map(|(d, tags)| DimensionResponse {
            id: d.public_id,
            code: d.code,
            name_zh: d.name_zh,
            name_en: d.name_en,
            position: d.position,
            tags: tags.into_iter().map(TagResponse::from).collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Adds a tag dimension.
#[utoipa::path(tag = "tags", request_body = DimensionRequest, responses((status = 201, body = DimensionResponse), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/tag-dimensions")]
async fn create_dimension(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<DimensionRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let naming = Naming {
        code: body.code,
        name_zh: body.name_zh,
        name_en: body.name_en,
    };
    let d = service::create_dimension(&state.db, &user, naming, body.position, state.clock.now())
        .await?;
    Ok(HttpResponse::Created().json(DimensionResponse {
        id: d.public_id,
        code: d.code,
        name_zh: d.name_zh,
        name_en: d.name_en,
        position: d.position,
        tags: Vec::new(),
    }))
}

/// Renames or moves a tag dimension.
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path)), request_body = DimensionUpdateRequest, responses((status = 200, body = DimensionResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/tag-dimensions/{id}")]
async fn update_dimension(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<DimensionUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let names = (body.name_zh, body.name_en, body.position);
    let d = service::update_dimension(&state.db, &user, *id, names, state.clock.now()).await?;
    let tags = service::catalogue(&state.db)
        .await?
        .into_iter()
        .find(|(dimension, _)| dimension.id == d.id)
        .map(|(_, tags)| tags.into_iter().map(TagResponse::from).collect())
        .unwrap_or_default();
    Ok(HttpResponse::Ok().json(DimensionResponse {
        id: d.public_id,
        code: d.code,
        name_zh: d.name_zh,
        name_en: d.name_en,
        position: d.position,
        tags,
    }))
}

/// Deletes an empty tag dimension.
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`dimension_in_use`", body = ErrorBody)), security(("session" = [])))]
#[delete("/tag-dimensions/{id}")]
async fn delete_dimension(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete_dimension(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn definition(
    state: &AppState,
    body: TagRequest,
) -> Result<(String, TagDefinition), ApiError> {
    body.validate()?;
    let vocabulary = service::vocabulary(&state.db, false).await?;
    let rule = match (&body.rule, &body.rule_text) {
        (Some(json), _) => Some(service::check_condition(
            ConditionSource::Json(json),
            &vocabulary,
            "rule",
        )?),
        (None, Some(text)) if !text.trim().is_empty() => Some(service::check_condition(
            ConditionSource::Text(text),
            &vocabulary,
            "rule_text",
        )?),
        _ => None,
    };
    Ok((
        body.code,
        TagDefinition {
            dimension: body.dimension_id,
            name_zh: body.name_zh,
            name_en: body.name_en,
            description: body.description,
            rule,
        },
    ))
}

/// Adds a tag: manual, or derived by a rule over profile fields.
#[utoipa::path(tag = "tags", request_body = TagRequest, responses((status = 201, body = TagResponse), (status = 400, description = "a `condition_…` code naming the path in the rule", body = ErrorBody), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/tags")]
async fn create_tag(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<TagRequest>,
) -> Result<HttpResponse, ApiError> {
    let (code, definition) = definition(&state, body.into_inner()).await?;
    let tag = service::create_tag(&state.db, &user, code, definition, state.clock.now()).await?;
    Ok(HttpResponse::Created().json(TagResponse::from(tag)))
}

/// Changes a tag (its code stays).
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path)), request_body = TagRequest, responses((status = 200, body = TagResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/tags/{id}")]
async fn update_tag(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<TagRequest>,
) -> Result<HttpResponse, ApiError> {
    let (_, definition) = definition(&state, body.into_inner()).await?;
    let tag = service::update_tag(&state.db, &user, *id, definition, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(TagResponse::from(tag)))
}

/// Deletes a tag.
#[utoipa::path(tag = "tags", params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[delete("/tags/{id}")]
async fn delete_tag(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete_tag(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every enterprise's profile as an Excel workbook or a CSV file, in the import's format.
#[utoipa::path(tag = "enterprises", params(ExportQuery), responses((status = 200, description = "the file", content_type = "application/octet-stream")), security(("session" = [])))]
#[get("/enterprises/export")]
async fn export_profiles(
    _user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let format = query.format.unwrap_or(bulk::Format::Xlsx);
    let bytes = bulk::export(&state.db, format).await?;
    let day = today_in_china(state.clock.now()).format("%Y%m%d");
    let (content_type, extension) = match format {
        bulk::Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        bulk::Format::Csv => ("text/csv; charset=utf-8", "csv"),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"enterprises-{day}.{extension}\""),
        ))
        .body(bytes))
}

/// Imports profiles from an Excel (.xlsx), CSV or JSON (an array of objects) file sent as the request body: `mode=check`
/// only reports, `all` saves every row or (with any error) nothing, `valid_rows` saves the
/// valid rows. The report names each bad cell by row and column.
#[utoipa::path(tag = "enterprises", params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"), responses((status = 200, body = ImportReport), (status = 400, description = "`import_unreadable`, `import_missing_column`, `import_too_many_rows`", body = ErrorBody), (status = 413, description = "`payload_too_large`", body = ErrorBody), (status = 422, description = "`import_has_errors` (mode all): nothing saved; the body also holds the report", body = ErrorBody)), security(("session" = [])))]
#[post("/enterprises/import")]
async fn import_profiles(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = crate::sheets::read_upload(payload).await?;
    let mode = query.mode.unwrap_or_default();
    let report = bulk::import(
        &state.db,
        &state.size_standard,
        &user,
        &bytes,
        mode,
        state.clock.now(),
    )
    .await?;
    Ok(crate::sheets::answer(mode, report.errors.len(), &report))
}

/// The administrative divisions and industry classification a profile chooses from.
#[utoipa::path(tag = "conditions", responses((status = 200, body = ClassificationsResponse)), security(("session" = [])))]
#[get("/reference/classifications")]
async fn classifications(_user: Authenticated<AnyRole>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .json(ClassificationsResponse {
            regions: super::region::regions(),
            regions_source: super::region::source().0,
            regions_as_of: super::region::source().1,
            abolished_regions: super::region::abolished_regions(),
            sections: super::industry::sections(),
            divisions: super::industry::divisions(),
        })
}

/// The fields, operators and qualification kinds a condition can use (for the builder).
#[utoipa::path(tag = "conditions", responses((status = 200, body = ConditionFieldsResponse)), security(("session" = [])))]
#[get("/conditions/fields")]
async fn condition_fields(_user: Authenticated<AnyRole>) -> HttpResponse {
    HttpResponse::Ok().json(ConditionFieldsResponse {
        fields: FIELDS.to_vec(),
        qualification_kinds: QUALIFICATION_KINDS.to_vec(),
    })
}

/// Checks a condition (JSON or text) and counts the enterprises meeting it today.
#[utoipa::path(tag = "conditions", request_body = ConditionCheckRequest, responses((status = 200, body = ConditionCheckResponse), (status = 400, description = "a `condition_…` code naming the path", body = ErrorBody)), security(("session" = [])))]
#[post("/conditions/check")]
async fn check_condition(
    _user: Authenticated<CenterStaff>,
    state: web::Data<AppState>,
    body: web::Json<ConditionCheckRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let vocabulary = service::vocabulary(&state.db, !body.tag_rule).await?;
    let condition = match (&body.condition, &body.text) {
        (Some(json), _) => {
            service::check_condition(ConditionSource::Json(json), &vocabulary, "condition")?
        }
        (None, Some(text)) => {
            service::check_condition(ConditionSource::Text(text), &vocabulary, "text")?
        }
        (None, None) => {
            return Err(EnterprisesError::field(
                Code::ValidationFailed,
                "condition",
                "send `condition` (JSON) or `text`",
            )
            .into())
        }
    };
    let today = today_in_china(state.clock.now());
    let count =
        service::count_matching(&state.db, &state.enterprise_index, &condition, today).await?;
    Ok(HttpResponse::Ok().json(ConditionCheckResponse {
        condition: condition.to_json(),
        text: condition.to_string(),
        matching_enterprises: count,
    }))
}

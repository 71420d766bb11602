//! `/service-sectors`, `/service-items`, `/service-packages`, `/service-orders` and the
//! enterprise's `/enterprises/me/service-…`: the catalogue (read by all, kept by the centre),
//! recommendations, and orders from placing to rating.

use actix_web::{delete, get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        ItemQuery, ItemRequest, ItemResponse, OrderQuery, OrderRequest, OrderResponse,
        PackageRequest, PackageResponse, ProviderNoteRequest, RatingRequest, RecommendationQuery,
        RecommendationResponse, SectorRequest, SectorResponse,
    },
    service::{self, ItemFilter, OrderMove},
};
use crate::{
    accounts::Role,
    auth::{
        AnyRole, Authenticated, CenterAdmins, CurrentUser, Enterprises, ServiceDesk,
        ServiceProviders,
    },
    error::{ApiError, Code, ErrorBody},
    pagination::{Page, Paging},
    responses::saved,
    startup::AppState,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sectors)
        .service(create_sector)
        .service(update_sector)
        .service(delete_sector)
        .service(list_items)
        .service(get_item)
        .service(create_item)
        .service(update_item)
        .service(list_packages)
        .service(create_package)
        .service(update_package)
        .service(delete_package)
        .service(recommendations)
        .service(place_order)
        .service(my_orders)
        .service(list_orders)
        .service(get_order)
        .service(accept_order)
        .service(decline_order)
        .service(complete_order)
        .service(cancel_order)
        .service(rate_order);
}

/// The sectors of the store, in display order.
#[utoipa::path(tag = "services", responses((status = 200, body = [SectorResponse])), security(("session" = [])))]
#[get("/service-sectors")]
async fn list_sectors(
    _user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let sectors: Vec<SectorResponse> = service::sectors(&state.db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(sectors))
}

async fn save_sector(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
    body: SectorRequest,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let sector = service::save_sector(&state.db, user, id, body.into(), state.clock.now()).await?;
    Ok(saved(id, SectorResponse::from(sector)))
}

/// Adds a sector.
#[utoipa::path(tag = "services", request_body = SectorRequest, responses((status = 201, body = SectorResponse), (status = 400, description = "`validation_failed`", body = ErrorBody), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-sectors")]
async fn create_sector(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<SectorRequest>,
) -> Result<HttpResponse, ApiError> {
    save_sector(&state, &user, None, body.into_inner()).await
}

/// Replaces a sector's code, names and place in the order.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = SectorRequest, responses((status = 200, body = SectorResponse), (status = 400, description = "`validation_failed`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`code_taken`", body = ErrorBody)), security(("session" = [])))]
#[put("/service-sectors/{id}")]
async fn update_sector(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<SectorRequest>,
) -> Result<HttpResponse, ApiError> {
    save_sector(&state, &user, Some(*id), body.into_inner()).await
}

/// Deletes a sector no service item (active or withdrawn) belongs to.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`sector_not_empty`", body = ErrorBody)), security(("session" = [])))]
#[delete("/service-sectors/{id}")]
async fn delete_sector(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete_sector(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The catalogue: active items (withdrawn ones too for the centre when asked), filtered by
/// sector, text and target tag.
#[utoipa::path(tag = "services", params(ItemQuery, Paging), responses((status = 200, body = Page<ItemResponse>)), security(("session" = [])))]
#[get("/service-items")]
async fn list_items(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    query: web::Query<ItemQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let filter = ItemFilter {
        sector: query.sector_id,
        text: query.q,
        tag: query.tag,
        with_inactive: query.include_inactive && user.role == Role::CenterAdmin,
    };
    let (items, total) =
        service::items(&state.db, &filter, paging.page_index(), paging.per_page()).await?;
    let page = Page::new(items, total, &paging).map(ItemResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// One item (a withdrawn one only for the centre).
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 200, body = ItemResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/service-items/{id}")]
async fn get_item(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let item = service::item(&state.db, &user, *id).await?;
    Ok(HttpResponse::Ok().json(ItemResponse::from(item)))
}

async fn save_item(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
    body: ItemRequest,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let item = service::save_item(&state.db, user, id, body.into(), state.clock.now()).await?;
    Ok(saved(id, ItemResponse::from(item)))
}

/// Adds a service item.
#[utoipa::path(tag = "services", request_body = ItemRequest, responses((status = 201, body = ItemResponse), (status = 400, description = "`service_unknown_tag`, `validation_failed`", body = ErrorBody), (status = 422, description = "`service_provider_invalid`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-items")]
async fn create_item(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<ItemRequest>,
) -> Result<HttpResponse, ApiError> {
    save_item(&state, &user, None, body.into_inner()).await
}

/// Replaces a service item (`active: false` withdraws it from the store).
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = ItemRequest, responses((status = 200, body = ItemResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/service-items/{id}")]
async fn update_item(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ItemRequest>,
) -> Result<HttpResponse, ApiError> {
    save_item(&state, &user, Some(*id), body.into_inner()).await
}

/// Packages (一类事) with their items (withdrawn ones only for the centre).
#[utoipa::path(tag = "services", responses((status = 200, body = [PackageResponse])), security(("session" = [])))]
#[get("/service-packages")]
async fn list_packages(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let with_inactive = user.role == Role::CenterAdmin;
    let packages: Vec<PackageResponse> = service::packages(&state.db, with_inactive)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(HttpResponse::Ok().json(packages))
}

async fn save_package(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
    body: PackageRequest,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let package =
        service::save_package(&state.db, user, id, body.into(), state.clock.now()).await?;
    Ok(saved(id, PackageResponse::from(package)))
}

/// Adds a package bundling items.
#[utoipa::path(tag = "services", request_body = PackageRequest, responses((status = 201, body = PackageResponse), (status = 400, description = "`not_found` (an item), `validation_failed`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-packages")]
async fn create_package(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    body: web::Json<PackageRequest>,
) -> Result<HttpResponse, ApiError> {
    save_package(&state, &user, None, body.into_inner()).await
}

/// Replaces a package's title, description and items.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = PackageRequest, responses((status = 200, body = PackageResponse), (status = 400, description = "`not_found` (an item), `validation_failed`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[put("/service-packages/{id}")]
async fn update_package(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<PackageRequest>,
) -> Result<HttpResponse, ApiError> {
    save_package(&state, &user, Some(*id), body.into_inner()).await
}

/// Deletes a package; its items and their orders stay.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[delete("/service-packages/{id}")]
async fn delete_package(
    user: Authenticated<CenterAdmins>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete_package(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Services for the signed-in enterprise, ranked by how many of each one's target tags it has,
/// with the tags that make it fit.
#[utoipa::path(tag = "services", params(RecommendationQuery), responses((status = 200, body = [RecommendationResponse])), security(("session" = [])))]
#[get("/enterprises/me/service-recommendations")]
async fn recommendations(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    query: web::Query<RecommendationQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let limit = query.limit.unwrap_or(10);
    let found =
        service::recommendations(&state.db, user.organisation_id, limit, state.clock.now()).await?;
    let body: Vec<RecommendationResponse> = found.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Orders a service (点单); its provider is told.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = OrderRequest, responses((status = 201, body = OrderResponse), (status = 404, description = "`not_found`", body = ErrorBody), (status = 409, description = "`order_duplicate`", body = ErrorBody), (status = 422, description = "`service_inactive`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-items/{id}/orders")]
async fn place_order(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<OrderRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let order = service::place_order(
        &state.db,
        &user,
        *id,
        body.into_inner().note,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(OrderResponse::from(order)))
}

async fn orders_page(
    state: &AppState,
    user: &CurrentUser,
    query: OrderQuery,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let filter = query.filter()?;
    let (orders, total) = service::orders(
        &state.db,
        user,
        &filter,
        paging.page_index(),
        paging.per_page(),
        state.clock.now(),
    )
    .await?;
    let page = Page::new(orders, total, &paging).map(OrderResponse::from);
    Ok(HttpResponse::Ok().json(page))
}

/// The signed-in enterprise's orders, newest first, filtered by status, item, sector, order
/// date, overdue and text.
#[utoipa::path(tag = "services", params(OrderQuery, Paging), responses((status = 200, body = Page<OrderResponse>), (status = 400, description = "`order_filter_invalid` (with the field), `invalid_query`", body = ErrorBody)), security(("session" = [])))]
#[get("/enterprises/me/service-orders")]
async fn my_orders(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    query: web::Query<OrderQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    orders_page(&state, &user, query.into_inner(), paging.into_inner()).await
}

/// Orders to serve: a provider's own, all for the centre; newest first, filtered like the
/// enterprise's list.
#[utoipa::path(tag = "services", params(OrderQuery, Paging), responses((status = 200, body = Page<OrderResponse>), (status = 400, description = "`order_filter_invalid` (with the field), `invalid_query`", body = ErrorBody)), security(("session" = [])))]
#[get("/service-orders")]
async fn list_orders(
    user: Authenticated<ServiceDesk>,
    state: web::Data<AppState>,
    query: web::Query<OrderQuery>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, ApiError> {
    orders_page(&state, &user, query.into_inner(), paging.into_inner()).await
}

/// One order: for its enterprise, its provider and the centre.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 200, body = OrderResponse), (status = 404, description = "`not_found`", body = ErrorBody)), security(("session" = [])))]
#[get("/service-orders/{id}")]
async fn get_order(
    user: Authenticated<AnyRole>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let order = service::order(&state.db, &user, *id, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(OrderResponse::from(order)))
}

async fn move_order(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    step: OrderMove,
) -> Result<HttpResponse, ApiError> {
    let order = service::move_order(&state.db, user, id, step, state.clock.now()).await?;
    Ok(HttpResponse::Ok().json(OrderResponse::from(order)))
}

/// The provider takes the order on.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 200, body = OrderResponse), (status = 409, description = "`order_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-orders/{id}/accept")]
async fn accept_order(
    user: Authenticated<ServiceProviders>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    move_order(&state, &user, *id, OrderMove::Accept).await
}

/// The provider cannot take the order on, and says why.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = ProviderNoteRequest, responses((status = 200, body = OrderResponse), (status = 400, description = "`validation_failed`: a reason is required", body = ErrorBody), (status = 409, description = "`order_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-orders/{id}/decline")]
async fn decline_order(
    user: Authenticated<ServiceProviders>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ProviderNoteRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let reason = body.into_inner().note;
    if reason.trim().is_empty() {
        return Err(ApiError::field(
            Code::ValidationFailed,
            "note",
            "say why the order is declined",
        ));
    }
    move_order(&state, &user, *id, OrderMove::Decline { reason }).await
}

/// The provider completes the order, saying what was done.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = ProviderNoteRequest, responses((status = 200, body = OrderResponse), (status = 409, description = "`order_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-orders/{id}/complete")]
async fn complete_order(
    user: Authenticated<ServiceProviders>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ProviderNoteRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let note = body.into_inner().note;
    move_order(&state, &user, *id, OrderMove::Complete { note }).await
}

/// The enterprise withdraws its order before the provider accepts it.
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), responses((status = 200, body = OrderResponse), (status = 409, description = "`order_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-orders/{id}/cancel")]
async fn cancel_order(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    move_order(&state, &user, *id, OrderMove::Cancel).await
}

/// The enterprise rates a completed order, once (1–5 stars with a comment).
#[utoipa::path(tag = "services", params(("id" = Uuid, Path)), request_body = RatingRequest, responses((status = 200, body = OrderResponse), (status = 409, description = "`order_already_rated`, `order_wrong_state`", body = ErrorBody)), security(("session" = [])))]
#[post("/service-orders/{id}/rate")]
async fn rate_order(
    user: Authenticated<Enterprises>,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<RatingRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let body = body.into_inner();
    let step = OrderMove::Rate {
        rating: body.rating,
        comment: body.comment,
    };
    move_order(&state, &user, *id, step).await
}

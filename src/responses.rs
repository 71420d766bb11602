//! Answers shared by the handlers of every domain: a save that creates a row when no id is
//! given (201 Created) or replaces the row with that id (200 OK), with the saved body.

use actix_web::HttpResponse;
use serde::Serialize;
use uuid::Uuid;

/// The answer to a save: 201 for a new row (`id` None), 200 for a replaced one.
pub fn saved<T: Serialize>(id: Option<Uuid>, body: T) -> HttpResponse {
    match id {
        Some(_) => HttpResponse::Ok().json(body),
        None => HttpResponse::Created().json(body),
    }
}

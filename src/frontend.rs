//! Serves the built front end (`server.static_dir`) at `/` with a history-mode fallback: any GET
//! that is not a file and not under `/api`, `/health` or `/metrics` answers `index.html`, so the
//! Vue router can take it. Unknown API paths answer the JSON `route_not_found` error.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::{dev::ServiceRequest, dev::ServiceResponse, web, HttpRequest, HttpResponse};

use crate::error::route_not_found;

const API_PREFIXES: [&str; 3] = ["/api", "/health", "/metrics"];

/// The static files service, or `None` when the front end has not been built.
pub fn files(static_dir: &PathBuf) -> Option<Files> {
    static_dir.join("index.html").is_file().then(|| {
        let index = static_dir.join("index.html");
        Files::new("/", static_dir)
            .index_file("index.html")
            .default_handler(move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let response = fallback(&req, Some(&index)).await;
                    Ok(ServiceResponse::new(req, response))
                }
            })
    })
}

/// The app's default service: JSON 404 for API paths, else the front end's `index.html`.
pub async fn default_service(req: HttpRequest, static_dir: web::Data<StaticDir>) -> HttpResponse {
    let index = static_dir.0.join("index.html");
    let index = index.is_file().then_some(index);
    fallback(&req, index.as_ref()).await
}

/// Where the built front end lives.
#[derive(Debug, Clone)]
pub struct StaticDir(pub PathBuf);

async fn fallback(req: &HttpRequest, index: Option<&PathBuf>) -> HttpResponse {
    let path = req.path();
    let is_api = API_PREFIXES
        .iter()
        .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")));
    if is_api || req.method() != actix_web::http::Method::GET {
        return actix_web::ResponseError::error_response(&route_not_found(req));
    }
    match index.map(NamedFile::open) {
        Some(Ok(file)) => file.into_response(req),
        _ => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(NOT_BUILT),
    }
}

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>qifu</title>\
<p>前端尚未构建：请运行 <code>make run</code>。<br>The front end is not built yet: run <code>make run</code>.</p>\
<p><a href=\"/api/docs/\">API 文档 / API reference</a></p>";

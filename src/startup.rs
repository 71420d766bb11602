//! Building the application: one [`Application::build`] used by `qifu serve` and by the tests, so
//! both run exactly the same server (tests bind port 0 and use their own database and clock).

use std::{net::TcpListener, sync::Arc};

use actix_web::{
    dev::{Server, ServiceFactory, ServiceRequest},
    http::header::{HeaderName, HeaderValue},
    middleware::from_fn,
    web, App, HttpMessage, HttpServer,
};
use anyhow::Context;
use chrono::SecondsFormat;
use sea_orm::DatabaseConnection;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::{scope, AppExt, UtoipaApp};
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    accounts, audit, auth,
    auth::PasswordHasher,
    calendar,
    clock::Clock,
    configuration::Settings,
    credit, db,
    enterprises::{self, EnterpriseIndex, SizeStandard},
    error,
    files::{self, LinkSigner, Storage},
    frontend, headers, health, marketplace, metrics,
    notifications::{self, Mailer, Templates},
    openapi::{self, ApiDoc},
    opendata, outbox,
    policies::{self, ClauseCache},
    scheduler::{self, Scheduler},
    search::{self, Indexer, SearchEngine},
    services,
};

/// The response header carrying the application clock's "now" (see [`server_clock_header`]).
pub const SERVER_NOW: HeaderName = HeaderName::from_static("x-qifu-now");

/// What every handler can reach.
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub hasher: PasswordHasher,
    /// Names this process in job runs and outbox claims.
    pub server_id: String,
    /// The scheduler, with the jobs the domains registered.
    pub scheduler: Scheduler,
    pub mailer: Arc<Mailer>,
    pub templates: Arc<Templates>,
    /// The outbox's handlers, registered by the domains that queue messages.
    pub outbox_handlers: outbox::OutboxHandlers,
    pub search: Arc<dyn SearchEngine>,
    /// Keeps the search engine in step, with the sources the domains registered.
    pub indexer: Indexer,
    pub storage: Storage,
    pub signer: LinkSigner,
    /// 《中小企业划型标准规定》, read once.
    pub size_standard: SizeStandard,
    /// This server's in-memory eligibility index, kept in step with the change log.
    pub enterprise_index: Arc<EnterpriseIndex>,
    /// This server's copy of the published clauses.
    pub clauses: Arc<ClauseCache>,
    /// The records that own files, and who may read them.
    pub file_owners: Vec<Arc<dyn files::FileOwner>>,
}

impl AppState {
    /// This server's outbox worker: the handlers the domains registered, its settings and name.
    pub fn outbox_worker(&self) -> outbox::Worker<'_> {
        outbox::Worker {
            db: &self.db,
            handlers: &self.outbox_handlers,
            settings: &self.settings.outbox,
            server_id: &self.server_id,
        }
    }
}

/// A bound, not yet running, HTTP server.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

impl Application {
    /// Connects to the configured database, applies pending migrations and binds the server.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let db = db::connect(&settings).await?;
        db::migrate_up(&db).await?;
        Self::build_with_database(settings, db, clock).await
    }

    /// Binds the server on an already migrated database.
    pub async fn build_with_database(
        settings: Settings,
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        if settings.is_production() {
            crate::demo::seed::refuse_active_demo_accounts(&db).await?;
        }
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))
            .with_context(|| {
                format!(
                    "server.host / server.port: cannot listen on {}:{}",
                    settings.server.host, settings.server.port
                )
            })?;
        let port = listener.local_addr()?.port();
        let hasher = PasswordHasher::new(&settings.auth.argon2)?;
        let now = clock.now();
        let mailer = Arc::new(Mailer::from_settings(&settings.email, &settings.data_dir)?);
        let templates = Arc::new(Templates::load(&settings.email.public_url)?);
        let outbox_handlers = outbox::OutboxHandlers::new(notifications::outbox_handlers(
            templates.clone(),
            mailer.clone(),
            &settings.email,
        ));
        let search = search::engine_from_settings(&settings).await?;
        let storage = Storage::from_settings(&settings.files, &settings.data_dir)?;
        let signer = LinkSigner::load(&settings.files.signing_key, &settings.data_dir)?;
        let size_standard = SizeStandard::shipped()?;
        let server_id = server_id(port);
        let enterprise_index = Arc::new(EnterpriseIndex::new());
        let clauses = Arc::new(ClauseCache::new());
        let jobs = [
            auth::jobs(),
            audit::jobs(),
            files::jobs(storage.clone()),
            policies::jobs(
                clauses.clone(),
                enterprise_index.clone(),
                settings.policies.clone(),
            ),
            marketplace::jobs(settings.marketplace.clone()),
            credit::jobs(),
        ]
        .concat();
        let state = web::Data::new(AppState {
            scheduler: Scheduler {
                db: db.clone(),
                clock: clock.clone(),
                server_id: server_id.clone(),
                settings: settings.scheduler.clone(),
                jobs,
            },
            indexer: Indexer {
                db: db.clone(),
                engine: search.clone(),
                sources: accounts::search_sources(),
            },
            db,
            clock,
            hasher,
            server_id,
            mailer,
            templates,
            outbox_handlers,
            search,
            storage,
            signer,
            size_standard,
            enterprise_index,
            clauses,
            file_owners: [
                policies::file_owners(),
                marketplace::file_owners(),
                credit::file_owners(),
            ]
            .concat(),
            settings: Arc::new(settings),
        });
        scheduler::sync_jobs(&state.scheduler, now).await?;
        let rederived =
            crate::enterprises::rederive_size_classes(&state.db, &state.size_standard, now).await?;
        if rederived > 0 {
            tracing::info!(
                rederived,
                "size classes derived again under the current rules"
            );
        }
        calendar::load_shipped_years(&state.db, now).await?;
        let server = run(listener, state.clone())?;
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until the server is stopped (Ctrl-C or SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// A name for this process: host, port and a random suffix.
fn server_id(port: u16) -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "qifu".to_owned());
    let suffix = &uuid::Uuid::new_v4().simple().to_string()[..8];
    format!("{host}:{port}:{suffix}")
}

/// Copies the request id of the tracing span into an `X-Request-Id` response header.
async fn request_id_header(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let request_id = req.extensions().get::<RequestId>().copied();
    let mut response = next.call(req).await?;
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), id);
    }
    Ok(response)
}

/// Stamps every response, API and static alike, with the application clock's instant in an
/// `X-Qifu-Now` header (RFC 3339, UTC, milliseconds), read once the response is ready. The browser
/// judges deadlines by it: a training server's clock may run days ahead of the user's own. (An
/// error an inner middleware raises, rather than answers, goes out without it: the request cannot
/// be kept for building that response here, actix needs it whole.)
async fn server_clock_header(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let clock = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.clock.clone());
    let mut response = next.call(req).await?;
    if let Some(clock) = clock {
        let now = clock.now().to_rfc3339_opts(SecondsFormat::Millis, true);
        if let Ok(value) = HeaderValue::from_str(&now) {
            response.headers_mut().insert(SERVER_NOW, value);
        }
    }
    Ok(response)
}

/// The health probes and the `/api/v1` routes, each contributing its paths to the document.
fn routes<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.configure(health::configure).service(
        scope("/api/v1")
            .configure(auth::configure)
            .configure(accounts::configure)
            .configure(audit::configure)
            .configure(scheduler::configure)
            .configure(notifications::configure)
            .configure(outbox::configure)
            .configure(search::configure)
            .configure(files::configure)
            .configure(calendar::configure)
            .configure(enterprises::configure)
            .configure(policies::configure)
            .configure(services::configure)
            .configure(marketplace::configure)
            .configure(credit::configure)
            .configure(opendata::configure),
    )
}

/// The OpenAPI document the server publishes at `/api/openapi.json`, built without a server or
/// a database (`qifu openapi` prints it).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut api) =
        routes(App::new().into_utoipa_app().openapi(ApiDoc::openapi())).split_for_parts();
    openapi::complete(&mut api);
    api
}

fn run(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let metrics = metrics::middleware()?;
    let max_body = state.settings.server.max_body_bytes;
    let static_dir = frontend::StaticDir(state.settings.server.static_dir.clone());
    let server = HttpServer::new(move || {
        let app = App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .app_data(state.clone())
            .app_data(web::Data::new(static_dir.clone()))
            .app_data(web::Data::new(metrics.clone()))
            .app_data(
                web::JsonConfig::default()
                    .limit(max_body)
                    .error_handler(error::json_error),
            )
            .app_data(web::PayloadConfig::new(max_body))
            .app_data(web::QueryConfig::default().error_handler(error::query_error))
            .app_data(web::PathConfig::default().error_handler(error::path_error));
        let (app, mut api) = routes(app).split_for_parts();
        openapi::complete(&mut api);
        let mut app = app
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
            .route("/metrics", web::get().to(metrics::scrape))
            .default_service(web::to(frontend::default_service));
        if let Some(files) = frontend::files(&static_dir.0) {
            app = app.service(files);
        }
        app.wrap(from_fn(auth::resolve_session))
            .wrap(from_fn(request_id_header))
            .wrap(TracingLogger::default())
            .wrap(metrics.clone())
            .wrap(from_fn(headers::security_headers))
            // Outermost, so that every response carries it.
            .wrap(from_fn(server_clock_header))
    })
    .listen(listener)?
    .run();
    Ok(server)
}

//! `spawn_app()` and the `TestApp` handle every test drives.

use std::sync::Arc;

use actix_web::web;
use chrono::{Duration, TimeZone, Utc};
use qifu::{
    accounts::Uscc,
    clock::ManualClock,
    configuration::Settings,
    db,
    demo::seed,
    startup::{AppState, Application},
};
use reqwest::{Method, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{json, Value};

pub const DEMO_PASSWORD: &str = seed::DEMO_PASSWORD;

/// The demo roles and their e-mail addresses.
pub const ROLES: [(&str, &str); 6] = [
    ("enterprise", "enterprise@demo.qifu.local"),
    ("intermediary", "intermediary@demo.qifu.local"),
    ("commissioner", "commissioner@demo.qifu.local"),
    ("department", "department@demo.qifu.local"),
    ("regulator", "regulator@demo.qifu.local"),
    ("center_admin", "admin@demo.qifu.local"),
];

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub clock: Arc<ManualClock>,
    pub state: web::Data<AppState>,
    pub client: reqwest::Client,
}

/// A signed-in session as an API client sees it.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub user: Value,
}

/// Settings of the `test` environment on a fresh database and a free port.
pub async fn test_settings() -> (Settings, DatabaseConnection) {
    let mut settings = Settings::load_for("test").expect("test settings load");
    settings.server.port = 0;
    settings.server.host = "127.0.0.1".to_owned();
    settings.server.static_dir = std::env::temp_dir().join("qifu-no-frontend");
    let data_dir = std::env::temp_dir().join(format!("qifu-test-data-{}", uuid::Uuid::new_v4()));
    settings.search.index_dir = data_dir.join("search");
    settings.data_dir = data_dir;
    settings.database.url = fresh_database_url().await;
    let db = db::connect(&settings).await.expect("database connects");
    db::migrate_up(&db).await.expect("migrations apply");
    (settings, db)
}

/// In-memory SQLite, or a new database on the PostgreSQL server of `QIFU_TEST_DATABASE_URL`.
async fn fresh_database_url() -> String {
    let Ok(server) = std::env::var("QIFU_TEST_DATABASE_URL") else {
        // A file, not memory, so that a second server can open the same database.
        let file = std::env::temp_dir().join(format!("qifu-test-{}.db", uuid::Uuid::new_v4()));
        return format!("sqlite://{}?mode=rwc", file.display());
    };
    let name = format!("qifu_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&server)
        .await
        .expect("PostgreSQL connects");
    admin
        .execute_raw(Statement::from_string(
            admin.get_database_backend(),
            format!("CREATE DATABASE {name}"),
        ))
        .await
        .expect("test database is created");
    admin.close().await.ok();
    let base = server
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&server);
    format!("{base}/{name}")
}

/// The application with demo data (one user per role), at 2026-03-02 09:00 UTC.
pub async fn spawn_app() -> TestApp {
    let (settings, db) = test_settings().await;
    spawn_with(settings, db, true).await
}

pub async fn spawn_with(settings: Settings, db: DatabaseConnection, with_demo: bool) -> TestApp {
    // Warnings and errors reach the test's output (shown when it fails).
    qifu::telemetry::init(&settings.log);
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let app = Application::build_with_database(settings, db.clone(), clock.clone())
        .await
        .expect("application builds");
    let state = app.state();
    if with_demo {
        seed::seed_demo(&db, &state.hasher, DEMO_PASSWORD, start)
            .await
            .expect("demo data seeds");
    }
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        clock,
        state,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

/// A valid unified social credit code, different on every call.
pub fn new_uscc() -> String {
    let digits = format!("{:09}", rand_number() % 1_000_000_000);
    Uscc::with_check_character(&format!("91330106{digits}"))
        .unwrap()
        .to_string()
}

fn rand_number() -> u128 {
    uuid::Uuid::new_v4().as_u128()
}

pub fn email_of(role: &str) -> &'static str {
    ROLES.iter().find(|(r, _)| *r == role).unwrap().1
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        body: Option<Value>,
    ) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(session) = session {
            request = request.bearer_auth(&session.token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request is sent")
    }

    pub async fn get(&self, path: &str, session: &Session) -> Response {
        self.request(Method::GET, path, Some(session), None).await
    }

    /// A GET whose JSON body is all the test needs.
    pub async fn get_json(&self, path: &str, session: &Session) -> Value {
        self.get(path, session)
            .await
            .json()
            .await
            .expect("a JSON body")
    }

    /// A GET without signing in (the public pages and open data), answered as JSON.
    pub async fn get_public_json(&self, path: &str) -> Value {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        response.json().await.unwrap()
    }

    pub async fn post(&self, path: &str, session: &Session, body: Value) -> Response {
        self.request(Method::POST, path, Some(session), Some(body))
            .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": email, "password": password })),
        )
        .await
    }

    pub async fn login_as(&self, role: &str) -> Session {
        self.login_with(email_of(role), DEMO_PASSWORD).await
    }

    pub async fn login_with(&self, email: &str, password: &str) -> Session {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), StatusCode::OK, "login of {email}");
        let body: Value = response.json().await.unwrap();
        Session {
            token: body["token"].as_str().unwrap().to_owned(),
            csrf: body["csrf_token"].as_str().unwrap().to_owned(),
            user: body["user"].clone(),
        }
    }

    pub async fn register(&self, kind: &str, uscc: &str, email: &str) -> Response {
        self.request(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({
                "kind": kind,
                "organisation_name": "杭州测试科技有限公司",
                "uscc": uscc,
                "display_name": "测试联系人",
                "email": email,
                "password": "a-strong-password",
                "locale": "zh-CN",
            })),
        )
        .await
    }

    /// Audit entries with this action, newest first (read as the centre's administrator).
    pub async fn audit_entries(&self, action: &str) -> Vec<Value> {
        let admin = self.login_as("center_admin").await;
        let body: Value = self
            .get(
                &format!("/api/v1/audit?action={action}&per_page=100"),
                &admin,
            )
            .await
            .json()
            .await
            .unwrap();
        body["items"].as_array().unwrap().clone()
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use qifu::clock::Clock;
        self.clock.now()
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }
}

/// Asserts an error response's status and stable code, and answers its body.
pub async fn assert_error(response: Response, status: StatusCode, code: &str) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.expect("error body is JSON");
    assert_eq!(actual, status, "status for {body}");
    assert_eq!(body["error"]["code"], code, "code in {body}");
    assert!(body["error"]["message"].is_string(), "message in {body}");
    body
}

/// Delivers every due outbox message, as the worker would, until none is left due.
pub async fn drain_outbox(app: &TestApp) -> qifu::outbox::DeliveryReport {
    let mut total = qifu::outbox::DeliveryReport::default();
    for _ in 0..100 {
        let report = qifu::outbox::deliver_due(&app.state.outbox_worker(), app.clock_now())
            .await
            .expect("delivery pass");
        if report.handled() == 0 {
            break;
        }
        total.sent += report.sent;
        total.retried += report.retried;
        total.dead += report.dead;
    }
    total
}

/// A real SMTP server (aiosmtpd, from PyPI) on a free local port, stopped when dropped.
pub struct SmtpServer {
    pub port: u16,
    pub maildir: std::path::PathBuf,
    child: std::process::Child,
}

impl SmtpServer {
    /// Accepts every message into a maildir.
    pub fn accepting() -> Self {
        let maildir = std::env::temp_dir().join(format!("qifu-maildir-{}", uuid::Uuid::new_v4()));
        let path = maildir.to_str().unwrap().to_owned();
        Self::start(&["-c", "aiosmtpd.handlers.Mailbox", &path], maildir)
    }

    /// Refuses every recipient with 550.
    pub fn refusing() -> Self {
        Self::start(&["-c", "refusing.Refuse"], std::env::temp_dir())
    }

    fn start(handler: &[&str], maildir: std::path::PathBuf) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(handler)
            .env(
                "PYTHONPATH",
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp"),
            )
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd starts (pip install aiosmtpd)");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "aiosmtpd did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Self {
            port,
            maildir,
            child,
        }
    }

    /// Settings that send through this server.
    pub fn configure(&self, settings: &mut Settings) {
        settings.email.transport = qifu::configuration::EmailTransport::Smtp;
        settings.email.smtp.host = "127.0.0.1".to_owned();
        settings.email.smtp.port = self.port;
        settings.email.smtp.security = qifu::configuration::SmtpSecurity::None;
        settings.email.smtp.timeout_seconds = 10;
    }

    /// The raw messages the server has received.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A local S3-compatible server (moto, from PyPI) with one bucket, stopped when dropped.
pub struct S3Server {
    pub port: u16,
    child: std::process::Child,
}

impl S3Server {
    pub const BUCKET: &'static str = "qifu-test";

    pub async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 -m moto.server starts (pip install 'moto[server]')");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "moto did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let server = Self { port, child };
        let created = reqwest::Client::new()
            .put(format!("http://127.0.0.1:{port}/{}", Self::BUCKET))
            .send()
            .await
            .expect("moto answers");
        assert!(created.status().is_success(), "the test bucket is created");
        server
    }

    pub fn configure(&self, settings: &mut Settings) {
        let files = &mut settings.files;
        files.backend = qifu::configuration::FileBackend::S3;
        files.s3.bucket = Self::BUCKET.to_owned();
        files.s3.endpoint = format!("http://127.0.0.1:{}", self.port);
        files.s3.region = "us-east-1".to_owned();
        files.s3.access_key_id = "test".to_owned();
        files.s3.secret_access_key = "test".to_owned();
        files.s3.root = format!("/{}", uuid::Uuid::new_v4().simple());
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

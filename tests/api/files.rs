//! Files: streamed uploads with size limits and content checks, authorized and signed downloads,
//! cleanup of what was interrupted or never claimed, and the S3 backend against a local server.

use chrono::Duration;
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::{assert_error, spawn_app, spawn_with, test_settings, Session, TestApp};

pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// A multipart/form-data body with one file field, written out by hand (as a browser sends it).
fn multipart_body(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

const BOUNDARY: &str = "qifu-test-boundary";

pub async fn upload(
    app: &TestApp,
    session: &Session,
    purpose: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/files?purpose={purpose}")))
        .bearer_auth(&session.token)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart_body(name, &bytes))
        .send()
        .await
        .unwrap()
}

fn files_root(app: &TestApp) -> std::path::PathBuf {
    app.state.settings.data_dir.join("files")
}

fn tmp_entries(app: &TestApp) -> usize {
    std::fs::read_dir(files_root(app).join("tmp"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test]
async fn an_intermediary_uploads_a_proposal_and_downloads_it_back() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    let response = upload(&app, &session, "bid_proposal", "报价方案.pdf", PDF.to_vec()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let file: Value = response.json().await.unwrap();
    assert_eq!(file["content_type"], "application/pdf");
    assert_eq!(file["size"], PDF.len());
    assert_eq!(file["name"], "报价方案.pdf");
    let sha = file["sha256"].as_str().unwrap();
    assert!(files_root(&app)
        .join("blobs")
        .join(&sha[..2])
        .join(sha)
        .is_file());
    assert_eq!(tmp_entries(&app), 0);

    let id = file["id"].as_str().unwrap();
    let download = app
        .get(&format!("/api/v1/files/{id}/content"), &session)
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%E6%8A%A5"),
        "{disposition}"
    );
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
    assert!(
        app.audit_entries("file.upload").await.is_empty(),
        "a proposal's upload is sealed: audited with its bid at closing"
    );
    let material = upload(
        &app,
        &app.login_as("enterprise").await,
        "application_material",
        "材料.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(material.status(), StatusCode::CREATED);
    assert_eq!(app.audit_entries("file.upload").await.len(), 1);
}

#[tokio::test]
async fn a_file_over_its_purposes_limit_is_refused_and_leaves_nothing() {
    let (mut settings, db) = test_settings().await;
    settings.files.max_bytes.bid_proposal = 64 * 1024;
    let app = spawn_with(settings, db, true).await;
    let session = app.login_as("intermediary").await;
    let mut big = PDF.to_vec();
    big.resize(200 * 1024, b' ');
    let response = upload(&app, &session, "bid_proposal", "big.pdf", big).await;
    assert_error(response, StatusCode::PAYLOAD_TOO_LARGE, "file_too_large").await;
    assert_eq!(tmp_entries(&app), 0);
    assert!(!files_root(&app).join("blobs").exists());
}

#[tokio::test]
async fn a_renamed_executable_or_unknown_content_is_refused() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.resize(10_000, 0);
    let response = upload(&app, &session, "bid_proposal", "report.pdf", elf).await;
    let body = assert_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "file_type_not_allowed",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("executable"));
    let text = upload(
        &app,
        &session,
        "bid_proposal",
        "notes.pdf",
        b"plain words".to_vec(),
    )
    .await;
    assert_error(
        text,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "file_type_not_allowed",
    )
    .await;
    assert_eq!(tmp_entries(&app), 0);
}

#[tokio::test]
async fn a_path_in_the_name_is_reduced_to_a_name() {
    let app = spawn_app().await;
    let session = app.login_as("enterprise").await;
    let file: Value = upload(
        &app,
        &session,
        "application_material",
        "../../../etc/passwd.pdf",
        PDF.to_vec(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(file["name"], "passwd.pdf");
    let root = files_root(&app);
    let top: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        top.iter().all(|name| name == "blobs" || name == "tmp"),
        "{top:?}"
    );
    assert!(!root.parent().unwrap().join("etc").exists());
}

#[tokio::test]
async fn only_the_purposes_roles_upload_and_only_the_owners_organisation_downloads() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;
    let wrong_role = upload(&app, &enterprise, "bid_proposal", "x.pdf", PDF.to_vec()).await;
    assert_error(wrong_role, StatusCode::FORBIDDEN, "forbidden").await;

    let intermediary = app.login_as("intermediary").await;
    let file: Value = upload(&app, &intermediary, "bid_proposal", "x.pdf", PDF.to_vec())
        .await
        .json()
        .await
        .unwrap();
    let id = file["id"].as_str().unwrap();
    for role in ["enterprise", "regulator", "center_admin"] {
        let other = app.login_as(role).await;
        for path in [
            format!("/api/v1/files/{id}"),
            format!("/api/v1/files/{id}/content"),
        ] {
            assert_error(
                app.get(&path, &other).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        let link = app
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/files/{id}/link"),
                Some(&other),
                None,
            )
            .await;
        assert_error(link, StatusCode::NOT_FOUND, "not_found").await;
    }
    let signed_out = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/files/{id}/content"),
            None,
            None,
        )
        .await;
    assert_error(signed_out, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn a_signed_link_works_without_a_session_until_it_expires() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    let file: Value = upload(&app, &session, "delivery_result", "成果.pdf", PDF.to_vec())
        .await
        .json()
        .await
        .unwrap();
    let id = file["id"].as_str().unwrap();
    let link: Value = app
        .request(
            reqwest::Method::POST,
            &format!("/api/v1/files/{id}/link"),
            Some(&session),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let url = link["url"].as_str().unwrap().to_owned();
    let fetched = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(fetched.status(), StatusCode::OK);
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), PDF);

    let forged = url.replace("signature=", "signature=00");
    let forged = app.client.get(app.url(&forged)).send().await.unwrap();
    assert_error(forged, StatusCode::FORBIDDEN, "invalid_signature").await;

    app.advance(Duration::seconds(app.state.settings.files.link_ttl_seconds));
    let late = app.client.get(app.url(&url)).send().await.unwrap();
    assert_error(late, StatusCode::FORBIDDEN, "link_expired").await;
}

#[tokio::test]
async fn an_interrupted_upload_leaves_nothing_behind() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    // A multipart body that stops half-way through the file: no closing boundary ever comes.
    let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".to_vec();
    body.extend_from_slice(PDF);
    body.resize(body.len() + 50_000, b' ');
    let response = app
        .client
        .post(app.url("/api/v1/files?purpose=bid_proposal"))
        .bearer_auth(&session.token)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_error(response, StatusCode::BAD_REQUEST, "upload_interrupted").await;
    assert_eq!(tmp_entries(&app), 0);
    assert!(!files_root(&app).join("blobs").exists());
    assert!(app.audit_entries("file.upload").await.is_empty());
}

#[tokio::test]
async fn the_cleanup_job_removes_abandoned_parts_and_unclaimed_files() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    let file: Value = upload(&app, &session, "bid_proposal", "x.pdf", PDF.to_vec())
        .await
        .json()
        .await
        .unwrap();
    let same: Value = upload(&app, &session, "bid_proposal", "copy.pdf", PDF.to_vec())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        file["sha256"], same["sha256"],
        "equal content is stored once"
    );
    let sha = file["sha256"].as_str().unwrap().to_owned();
    let tmp = files_root(&app).join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let stamp = app.clock_now().timestamp();
    std::fs::write(tmp.join(format!("{stamp}-leftover")), b"half a file").unwrap();

    let early = qifu::scheduler::run_job_at(
        &app.state.scheduler,
        "purge_orphan_files",
        app.clock_now() + Duration::minutes(30),
        qifu::scheduler::Trigger::Schedule,
    )
    .await
    .unwrap();
    assert_eq!(
        early.message.as_deref(),
        Some("0 interrupted uploads and 0 unclaimed files removed")
    );
    let late = qifu::scheduler::run_job_at(
        &app.state.scheduler,
        "purge_orphan_files",
        app.clock_now() + Duration::hours(25),
        qifu::scheduler::Trigger::Schedule,
    )
    .await
    .unwrap();
    assert_eq!(
        late.message.as_deref(),
        Some("1 interrupted uploads and 2 unclaimed files removed")
    );
    assert_eq!(tmp_entries(&app), 0);
    assert!(!files_root(&app)
        .join("blobs")
        .join(&sha[..2])
        .join(&sha)
        .exists());
}

#[tokio::test]
async fn files_round_trip_through_an_s3_compatible_server() {
    let s3 = crate::helpers::S3Server::start().await;
    let (mut settings, db) = test_settings().await;
    s3.configure(&mut settings);
    let app = spawn_with(settings, db, true).await;
    let session = app.login_as("intermediary").await;
    let response = upload(&app, &session, "bid_proposal", "s3.pdf", PDF.to_vec()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let file: Value = response.json().await.unwrap();
    let id = file["id"].as_str().unwrap();
    let download = app
        .get(&format!("/api/v1/files/{id}/content"), &session)
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
    let sha = file["sha256"].as_str().unwrap();
    assert!(app
        .state
        .storage
        .exists(&qifu::files::Storage::blob_path(sha))
        .await
        .unwrap());
}

#[tokio::test]
async fn the_limits_of_each_purpose_are_published() {
    let (mut settings, db) = test_settings().await;
    settings.files.max_bytes.case_evidence = 1234;
    let app = spawn_with(settings, db, true).await;
    let user = app.login_as("department").await;
    let limits: Value = app.get_json("/api/v1/files/limits", &user).await;
    let evidence = limits
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["purpose"] == "case_evidence")
        .unwrap();
    assert_eq!(evidence["max_bytes"], 1234);
    // No record claims case evidence until the case domain arrives: nobody uploads it yet.
    assert_eq!(evidence["uploaders"], serde_json::json!([]));
}

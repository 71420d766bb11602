//! Notifications: in-app inbox and e-mail through the outbox, in the recipient's language, with
//! retries, dead messages and re-queueing; one test against a real SMTP server.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    assert_error, drain_outbox, new_uscc, spawn_app, spawn_with, test_settings, SmtpServer, TestApp,
};

async fn register_intermediary(app: &TestApp, email: &str) -> String {
    let body: Value = app
        .register("intermediary", &new_uscc(), email)
        .await
        .json()
        .await
        .unwrap();
    body["organisation"]["id"].as_str().unwrap().to_owned()
}

fn parsed(raw: &str) -> mailparse::ParsedMail<'_> {
    mailparse::parse_mail(raw.as_bytes()).unwrap()
}

/// The first part of a MIME type anywhere in the message.
fn part(mail: &mailparse::ParsedMail<'_>, mime: &str) -> Option<String> {
    if mail.ctype.mimetype == mime {
        return Some(mail.get_body().unwrap());
    }
    mail.subparts.iter().find_map(|sub| part(sub, mime))
}

/// The plain-text and HTML alternatives of a message.
fn parts(mail: &mailparse::ParsedMail<'_>) -> (String, String) {
    (
        part(mail, "text/plain").unwrap_or_default(),
        part(mail, "text/html").unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_new_registration_reaches_the_centre_in_the_inbox_and_by_email() {
    let app = spawn_app().await;
    register_intermediary(&app, "agency@example.com").await;
    let admin = app.login_as("center_admin").await;

    let count: Value = app
        .get_json("/api/v1/notifications/unread-count", &admin)
        .await;
    assert_eq!(count["count"], 1);
    let inbox: Value = app.get_json("/api/v1/notifications", &admin).await;
    let item = &inbox["items"][0];
    assert_eq!(item["category"], "approvals");
    assert_eq!(item["event"], "registration_submitted");
    assert!(item["title"]
        .as_str()
        .unwrap()
        .starts_with("新的中介机构入驻申请"));
    assert_eq!(item["link"], "/admin/approvals");

    assert!(
        app.state.mailer.recorded().await.is_empty(),
        "nothing is sent before the worker runs"
    );
    let report = drain_outbox(&app).await;
    assert_eq!(report.sent, 1);
    let sent = app.state.mailer.recorded().await;
    assert_eq!(sent.len(), 1);
    let mail = parsed(&sent[0]);
    assert!(mail
        .headers
        .iter()
        .any(|h| h.get_key() == "To" && h.get_value().contains("admin@demo.qifu.local")));
    let (text, html) = parts(&mail);
    assert!(text.contains("提交了入驻申请"), "{text}");
    assert!(html.contains("<strong>"), "{html}");
    assert_eq!(drain_outbox(&app).await.sent, 0, "nothing is sent twice");
}

#[tokio::test]
async fn a_decision_reaches_the_intermediary_in_its_language() {
    let app = spawn_app().await;
    let id = register_intermediary(&app, "agency@example.com").await;
    let agency = app
        .login_with("agency@example.com", "a-strong-password")
        .await;
    app.request(
        Method::PUT,
        "/api/v1/me",
        Some(&agency),
        Some(json!({ "display_name": "Agency", "locale": "en" })),
    )
    .await;
    let admin = app.login_as("center_admin").await;
    app.post(
        &format!("/api/v1/organisations/{id}/approve"),
        &admin,
        json!({ "reason": "All licences valid" }),
    )
    .await;

    let inbox: Value = app.get_json("/api/v1/notifications", &agency).await;
    assert_eq!(
        inbox["items"][0]["title"].as_str().unwrap(),
        "Registration approved: 杭州测试科技有限公司"
    );
    assert!(inbox["items"][0]["body"]
        .as_str()
        .unwrap()
        .contains("All licences valid"));
    drain_outbox(&app).await;
    let sent = app.state.mailer.recorded().await;
    assert!(sent.iter().any(|raw| raw.contains("agency@example.com")));
}

#[tokio::test]
async fn the_inbox_marks_notifications_read_one_or_all_and_only_ones_own() {
    let app = spawn_app().await;
    register_intermediary(&app, "a1@example.com").await;
    register_intermediary(&app, "a2@example.com").await;
    let admin = app.login_as("center_admin").await;
    let inbox: Value = app
        .get_json("/api/v1/notifications?unread=true", &admin)
        .await;
    assert_eq!(inbox["total"], 2);
    let first = inbox["items"][0]["id"].as_str().unwrap().to_owned();

    let other = app.login_as("enterprise").await;
    let stolen = app
        .request(
            Method::POST,
            &format!("/api/v1/notifications/{first}/read"),
            Some(&other),
            None,
        )
        .await;
    assert_error(stolen, StatusCode::NOT_FOUND, "not_found").await;

    let read: Value = app
        .request(
            Method::POST,
            &format!("/api/v1/notifications/{first}/read"),
            Some(&admin),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(read["read_at"].is_string());
    let count: Value = app
        .get_json("/api/v1/notifications/unread-count", &admin)
        .await;
    assert_eq!(count["count"], 1);
    let all: Value = app
        .request(
            Method::POST,
            "/api/v1/notifications/read-all",
            Some(&admin),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["updated"], 1);
    let unread: Value = app
        .get_json("/api/v1/notifications?unread=true", &admin)
        .await;
    assert_eq!(unread["total"], 0);
}

#[tokio::test]
async fn a_user_who_turned_email_off_gets_the_inbox_only() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let prefs: Value = app
        .get_json("/api/v1/notifications/preferences", &admin)
        .await;
    assert_eq!(
        prefs,
        json!([
            { "category": "account", "email": true },
            { "category": "approvals", "email": true },
            { "category": "policies", "email": true },
            { "category": "services", "email": true },
            { "category": "marketplace", "email": true },
            { "category": "credit", "email": true },
        ])
    );
    let updated: Value = app
        .request(
            Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&admin),
            Some(json!({ "preferences": [{ "category": "approvals", "email": false }] })),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        updated[1],
        json!({ "category": "approvals", "email": false })
    );
    assert_eq!(
        app.audit_entries("notification.update_preferences")
            .await
            .len(),
        1
    );

    register_intermediary(&app, "quiet@example.com").await;
    let count: Value = app
        .get_json("/api/v1/notifications/unread-count", &admin)
        .await;
    assert_eq!(count["count"], 1);
    assert_eq!(drain_outbox(&app).await.sent, 0);
}

#[tokio::test]
async fn a_change_that_rolls_back_notifies_nobody() {
    let app = spawn_app().await;
    let uscc = new_uscc();
    app.register("intermediary", &uscc, "first@example.com")
        .await;
    let conflict = app
        .register("intermediary", &uscc, "second@example.com")
        .await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    assert_eq!(drain_outbox(&app).await.sent, 1);
}

#[tokio::test]
async fn email_goes_through_a_real_smtp_server() {
    let smtp = SmtpServer::accepting();
    let (mut settings, db) = test_settings().await;
    smtp.configure(&mut settings);
    let app = spawn_with(settings, db, true).await;
    register_intermediary(&app, "agency@example.com").await;
    assert_eq!(drain_outbox(&app).await.sent, 1);

    let received = smtp.received();
    assert_eq!(received.len(), 1);
    let mail = mailparse::parse_mail(&received[0]).unwrap();
    let header = |key: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key() == key)
            .unwrap()
            .get_value()
    };
    assert!(header("To").contains("admin@demo.qifu.local"));
    assert_eq!(
        header("Subject"),
        "新的中介机构入驻申请：杭州测试科技有限公司"
    );
    let (text, html) = parts(&mail);
    assert!(
        text.contains("提交了入驻申请，请在“入驻审核”中处理"),
        "{text}"
    );
    assert!(
        html.contains("<strong>杭州测试科技有限公司</strong>"),
        "{html}"
    );
}

#[tokio::test]
async fn a_refusing_server_means_retries_with_backoff_then_dead_then_requeue() {
    let smtp = SmtpServer::refusing();
    let (mut settings, db) = test_settings().await;
    smtp.configure(&mut settings);
    settings.outbox.max_attempts = 3;
    settings.outbox.retry_base_seconds = 60;
    let app = spawn_with(settings, db, true).await;
    register_intermediary(&app, "agency@example.com").await;

    let first = qifu::outbox::deliver_due(&app.state.outbox_worker(), app.clock_now())
        .await
        .unwrap();
    assert_eq!(first.retried, 1);
    assert_eq!(
        drain_outbox(&app).await.handled(),
        0,
        "not due again before the backoff"
    );
    app.advance(Duration::seconds(60));
    assert_eq!(drain_outbox(&app).await.retried, 1);
    app.advance(Duration::seconds(119));
    assert_eq!(
        drain_outbox(&app).await.handled(),
        0,
        "the second delay doubles"
    );
    app.advance(Duration::seconds(1));
    assert_eq!(drain_outbox(&app).await.dead, 1);

    let admin = app.login_as("center_admin").await;
    let dead: Value = app.get_json("/api/v1/outbox?status=dead", &admin).await;
    assert_eq!(dead["total"], 1);
    let message = &dead["items"][0];
    assert_eq!(message["attempts"], 3);
    assert!(
        message["last_error"].as_str().unwrap().contains("550"),
        "{message}"
    );
    let id = message["id"].as_str().unwrap();
    let requeued: Value = app
        .request(
            Method::POST,
            &format!("/api/v1/outbox/{id}/requeue"),
            Some(&admin),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(requeued["status"], "pending");
    assert_eq!(requeued["attempts"], 0);
    let again = app
        .request(
            Method::POST,
            &format!("/api/v1/outbox/{id}/requeue"),
            Some(&admin),
            None,
        )
        .await;
    assert_error(again, StatusCode::CONFLICT, "invalid_state").await;
    assert_eq!(app.audit_entries("outbox.requeue").await.len(), 1);
}

#[tokio::test]
async fn a_message_held_by_a_crashed_worker_is_delivered_once_its_lease_lapses() {
    let app = spawn_app().await;
    register_intermediary(&app, "agency@example.com").await;
    let lease = app.state.settings.outbox.lease_seconds;
    let until = app.clock_now() + Duration::seconds(lease);
    {
        use sea_orm::{sea_query::Expr, EntityTrait};
        entities::outbox_message::Entity::update_many()
            .col_expr(
                entities::outbox_message::Column::ClaimedBy,
                Expr::value("crashed-worker"),
            )
            .col_expr(
                entities::outbox_message::Column::ClaimedUntil,
                Expr::value(until),
            )
            .exec(&app.db)
            .await
            .unwrap();
    }
    assert_eq!(drain_outbox(&app).await.handled(), 0, "still held");
    app.advance(Duration::seconds(lease + 1));
    assert_eq!(drain_outbox(&app).await.sent, 1);
}

#[tokio::test]
async fn the_inbox_speaks_the_readers_current_language() {
    let app = spawn_app().await;
    register_intermediary(&app, "agency@example.com").await;
    let admin = app.login_as("center_admin").await;
    let english: Value = app
        .client
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&admin.token)
        .header(reqwest::header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        english["items"][0]["title"],
        "New intermediary registration: 杭州测试科技有限公司"
    );
    let saved: Value = app.get_json("/api/v1/notifications", &admin).await;
    assert!(saved["items"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("新的中介机构入驻申请"));
}

#[tokio::test]
async fn the_outbox_lists_each_e_mail_by_recipient_and_subject_rendered_or_queued_before_rendering_moved(
) {
    let app = spawn_app().await;
    register_intermediary(&app, "agency@example.com").await;
    // An e-mail queued, already rendered, by a version that rendered at queue time.
    let legacy = serde_json::json!({
        "to": "owner@example.com", "to_name": "Owner", "subject": "旧邮件",
        "text": "text", "html": "<p>html</p>"
    });
    qifu::outbox::enqueue(&app.db, qifu::outbox::EMAIL, &legacy, app.clock_now())
        .await
        .unwrap();

    let admin = app.login_as("center_admin").await;
    let page: Value = app.get_json("/api/v1/outbox", &admin).await;
    let summaries: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["summary"].as_str().unwrap())
        .collect();
    assert!(
        summaries.contains(&"admin@demo.qifu.local: 新的中介机构入驻申请：杭州测试科技有限公司"),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"owner@example.com: 旧邮件"),
        "{summaries:?}"
    );
    assert_eq!(drain_outbox(&app).await.sent, 2, "both are sent");
}

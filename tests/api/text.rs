//! Free text at the door: control, line-break and bidirectional-formatting characters are refused
//! in every domain's text fields and filters (400 `validation_failed` naming the field, nothing
//! stored, never a PostgreSQL 500); text is trimmed before its length is checked; and text filters
//! match `%` and `_` literally and ignore ASCII case on both databases.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{
    helpers::{assert_error, new_uscc, spawn_app, Session, TestApp},
    policies::department_id,
};

/// How many audit entries there are: every write is audited in its own transaction, so an
/// unchanged count means nothing was stored.
async fn audit_total(app: &TestApp, admin: &Session) -> u64 {
    app.get_json("/api/v1/audit?per_page=1", admin).await["total"]
        .as_u64()
        .unwrap()
}

/// (role, or none for the public door; method; path; body; the refused field; the code point its
/// message names)
type Case = (
    Option<&'static str>,
    Method,
    String,
    Option<Value>,
    &'static str,
    &'static str,
);

fn with(mut body: Value, field: &str, value: &str) -> Value {
    body[field] = json!(value);
    body
}

#[tokio::test]
async fn control_line_break_and_bidi_characters_are_refused_in_every_domain_and_nothing_is_stored()
{
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let issuer = department_id(&app, &admin).await;
    let register = json!({
        "kind": "enterprise", "organisation_name": "杭州测试科技有限公司", "uscc": new_uscc(),
        "display_name": "测试联系人", "email": "text-probe@example.com",
        "password": "a-strong-password", "locale": "zh-CN",
    });
    let policy = json!({
        "title": "关于支持科技型中小企业的若干政策", "issuer_id": issuer, "level": "district",
        "document_number": "演发改〔2026〕9号", "effective_from": "2026-01-01",
        "effective_to": "2027-12-31", "summary": "研发投入补助",
    });
    let sector =
        json!({"code": "text_probe", "name_zh": "金融服务", "name_en": "Finance", "position": 1});
    let project = json!({"name": "演示产业园二期", "code": "2026-330281-47-01-000001",
        "division_code": "330281", "investment_fen": 1_000_000});
    let me = json!({"display_name": "张三", "locale": "zh-CN"});
    let day = json!({"kind": "holiday", "name": "国庆节"});
    let reason = json!({"reason": "材料不全"});
    let org = app
        .get_json("/api/v1/organisations?per_page=1", &admin)
        .await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let cases: Vec<Case> = vec![
        (
            None,
            Method::POST,
            "/api/v1/auth/register".into(),
            Some(with(register.clone(), "organisation_name", "杭州\0科技")),
            "organisation_name",
            "U+0000",
        ),
        (
            None,
            Method::POST,
            "/api/v1/auth/register".into(),
            Some(with(register, "display_name", "\u{202E}人系联")),
            "display_name",
            "U+202E",
        ),
        (
            Some("enterprise"),
            Method::PUT,
            "/api/v1/me".into(),
            Some(with(me, "display_name", "张\r\n三")),
            "display_name",
            "U+000A",
        ),
        (
            Some("center_admin"),
            Method::POST,
            format!("/api/v1/organisations/{org}/reject"),
            Some(with(reason, "reason", "材料\0不全")),
            "reason",
            "U+0000",
        ),
        (
            Some("center_admin"),
            Method::PUT,
            "/api/v1/calendar/2026/days/2026-10-09".into(),
            Some(with(day, "name", "国庆\u{2066}节")),
            "name",
            "U+2066",
        ),
        (
            Some("center_admin"),
            Method::POST,
            "/api/v1/policies".into(),
            Some(with(policy.clone(), "summary", "补助\0")),
            "summary",
            "U+0000",
        ),
        (
            Some("center_admin"),
            Method::POST,
            "/api/v1/policies".into(),
            Some(with(policy, "title", "政策\t标题")),
            "title",
            "U+0009",
        ),
        (
            Some("center_admin"),
            Method::POST,
            "/api/v1/service-sectors".into(),
            Some(with(sector, "name_zh", "金融\u{200F}服务")),
            "name_zh",
            "U+200F",
        ),
        (
            Some("enterprise"),
            Method::POST,
            "/api/v1/projects".into(),
            Some(with(project, "description", "第一行\r第二行")),
            "description",
            "U+000D",
        ),
        (
            Some("enterprise"),
            Method::PUT,
            "/api/v1/enterprises/me/profile".into(),
            Some(json!({"contacts": [{"name": "张\u{0}三"}]})),
            "contacts",
            "U+0000",
        ),
        (
            Some("center_admin"),
            Method::GET,
            "/api/v1/enterprises?name=%00".into(),
            None,
            "name",
            "U+0000",
        ),
        (
            Some("center_admin"),
            Method::GET,
            "/api/v1/policies?title=a%0Ab".into(),
            None,
            "title",
            "U+000A",
        ),
        (
            Some("enterprise"),
            Method::GET,
            "/api/v1/procurements?q=%E2%80%AE".into(),
            None,
            "q",
            "U+202E",
        ),
        (
            Some("enterprise"),
            Method::GET,
            "/api/v1/search?q=%00".into(),
            None,
            "q",
            "U+0000",
        ),
        (
            None,
            Method::GET,
            "/api/v1/public/credit?q=%E2%80%AE".into(),
            None,
            "q",
            "U+202E",
        ),
        (
            Some("center_admin"),
            Method::GET,
            "/api/v1/audit?actor=%00".into(),
            None,
            "actor",
            "U+0000",
        ),
    ];
    let mut sessions = std::collections::HashMap::new();
    for role in ["enterprise", "center_admin"] {
        sessions.insert(role, app.login_as(role).await);
    }
    let before = audit_total(&app, &sessions["center_admin"]).await;
    for (role, method, path, body, field, code_point) in cases {
        let session = role.map(|role| &sessions[role]);
        let response = app.request(method.clone(), &path, session, body).await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
        let messages = error["error"]["fields"][field].to_string();
        assert!(
            messages.contains(code_point),
            "{method} {path}: {field} names {code_point} in {error}"
        );
    }
    assert_eq!(
        audit_total(&app, &sessions["center_admin"]).await,
        before,
        "nothing refused was stored"
    );
}

#[tokio::test]
async fn text_is_trimmed_before_its_length_is_checked_and_windows_line_ends_become_line_feeds() {
    let app = spawn_app().await;
    let enterprise = app.login_as("enterprise").await;

    let blank = json!({"display_name": " \u{3000} ", "locale": "zh-CN"});
    let response = app
        .request(Method::PUT, "/api/v1/me", Some(&enterprise), Some(blank))
        .await;
    let error = assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    assert!(
        error["error"]["fields"]["display_name"].is_array(),
        "{error}"
    );

    let padded = json!({"display_name": "\u{3000}张三 ", "locale": "zh-CN"});
    let response = app
        .request(Method::PUT, "/api/v1/me", Some(&enterprise), Some(padded))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let me = app.get_json("/api/v1/me", &enterprise).await;
    assert_eq!(me["display_name"], "张三");

    let body = json!({"name": "演示产业园二期", "code": "2026-330281-47-01-000002",
        "division_code": "330281", "investment_fen": 1_000_000,
        "description": "第一行\r\n第二行\r\n"});
    let response = app.post("/api/v1/projects", &enterprise, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let project: Value = response.json().await.unwrap();
    assert_eq!(project["description"], "第一行\n第二行");
}

async fn create_policy(app: &TestApp, title: &str) {
    let admin = app.login_as("center_admin").await;
    let body = json!({
        "title": title, "issuer_id": department_id(app, &admin).await, "level": "district",
        "document_number": format!("演发改〔2026〕{}号", title.len()),
        "effective_from": "2026-01-01", "effective_to": "2027-12-31", "summary": "补助",
    });
    let response = app.post("/api/v1/policies", &admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{title}");
}

async fn policy_titles(app: &TestApp, filter: &str) -> Vec<String> {
    let admin = app.login_as("center_admin").await;
    let path = format!("/api/v1/policies?per_page=100&title={filter}");
    app.get_json(&path, &admin).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn percent_and_underscore_in_a_text_filter_match_only_themselves() {
    let app = spawn_app().await;
    create_policy(&app, "研发费用加计扣除100%政策").await;
    create_policy(&app, "Tax_Relief 专项政策").await;
    create_policy(&app, "TaxaRelief 普通政策").await;

    assert_eq!(
        policy_titles(&app, "%25").await,
        ["研发费用加计扣除100%政策"]
    );
    assert_eq!(policy_titles(&app, "x_r").await, ["Tax_Relief 专项政策"]);
    assert_eq!(policy_titles(&app, "%5C").await, Vec::<String>::new());
    assert!(policy_titles(&app, "").await.len() >= 3);
}

#[tokio::test]
async fn text_filters_ignore_ascii_case_on_both_databases() {
    let app = spawn_app().await;
    create_policy(&app, "Tax_Relief 专项政策").await;
    assert_eq!(
        policy_titles(&app, "tax_relief").await,
        ["Tax_Relief 专项政策"]
    );
    assert_eq!(
        policy_titles(&app, "TAX_RELIEF").await,
        ["Tax_Relief 专项政策"]
    );
}

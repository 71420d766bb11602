//! Registration, the approval queue, staff organisations and users, disabling users.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, new_uscc, spawn_app, TestApp};

#[tokio::test]
async fn an_enterprise_registers_and_can_sign_in_at_once() {
    let app = spawn_app().await;
    let uscc = new_uscc();
    let response = app.register("enterprise", &uscc, "Boss@Example.com").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["organisation"]["status"], "active");
    assert_eq!(body["organisation"]["uscc"], uscc.as_str());
    assert_eq!(body["user"]["email"], "boss@example.com");
    assert_eq!(body["user"]["role"], "enterprise");

    app.login_with("boss@example.com", "a-strong-password")
        .await;
    let entries = app.audit_entries("organisation.register").await;
    assert_eq!(entries[0]["target_id"], body["organisation"]["id"]);
    assert_eq!(entries[0]["actor"]["email"], "boss@example.com");
}

#[tokio::test]
async fn a_registered_code_is_accepted_in_lower_case() {
    let app = spawn_app().await;
    let uscc = new_uscc();
    let response = app
        .register("enterprise", &uscc.to_lowercase(), "a@example.com")
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["organisation"]["uscc"], uscc.as_str());
}

#[tokio::test]
async fn each_kind_of_bad_credit_code_has_its_own_error_code() {
    let app = spawn_app().await;
    let valid = new_uscc();
    let wrong_check = format!(
        "{}{}",
        &valid[..17],
        if valid.ends_with('0') { '1' } else { '0' }
    );
    let cases = [
        ("", "uscc_length"),
        ("91330106MA2B0D5A4", "uscc_length"),
        ("91330106MA2B0D5A4XX", "uscc_length"),
        ("91330106MA2B0D5AIX", "uscc_character"),
        ("91330106MA2B0D5AOX", "uscc_character"),
        ("9133010６MA2B0D5A4X", "uscc_character"),
        (wrong_check.as_str(), "uscc_check_character"),
    ];
    for (uscc, code) in cases {
        let response = app.register("enterprise", uscc, "x@example.com").await;
        let body = assert_error(response, StatusCode::BAD_REQUEST, code).await;
        assert!(body["error"]["fields"]["uscc"].is_array(), "{uscc}: {body}");
    }
}

#[tokio::test]
async fn registration_validates_every_field() {
    let app = spawn_app().await;
    let response = app
        .request(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({
                "kind": "enterprise",
                "organisation_name": "x",
                "uscc": new_uscc(),
                "display_name": "",
                "email": "not-an-email",
                "password": "a-strong-password",
            })),
        )
        .await;
    let body = assert_error(response, StatusCode::BAD_REQUEST, "validation_failed").await;
    let fields = body["error"]["fields"].as_object().unwrap();
    for field in ["organisation_name", "display_name", "email"] {
        assert!(fields.contains_key(field), "{field} in {body}");
    }
    let weak = app
        .request(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({
                "kind": "enterprise", "organisation_name": "测试公司", "uscc": new_uscc(),
                "display_name": "张三", "email": "weak@example.com", "password": "short",
            })),
        )
        .await;
    assert_error(weak, StatusCode::BAD_REQUEST, "weak_password").await;
}

#[tokio::test]
async fn a_code_or_email_registered_twice_is_a_conflict_and_the_first_stays() {
    let app = spawn_app().await;
    let uscc = new_uscc();
    assert_eq!(
        app.register("enterprise", &uscc, "first@example.com")
            .await
            .status(),
        StatusCode::CREATED
    );
    let again = app
        .register("intermediary", &uscc, "second@example.com")
        .await;
    assert_error(again, StatusCode::CONFLICT, "uscc_taken").await;
    let email = app
        .register("enterprise", &new_uscc(), "first@example.com")
        .await;
    assert_error(email, StatusCode::CONFLICT, "email_taken").await;
    app.login_with("first@example.com", "a-strong-password")
        .await;
    assert!(app
        .login("second@example.com", "a-strong-password")
        .await
        .status()
        .is_client_error());
}

async fn register_intermediary(app: &TestApp) -> String {
    let response = app
        .register("intermediary", &new_uscc(), "agency@example.com")
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["organisation"]["status"], "pending");
    body["organisation"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_centre_approves_a_pending_intermediary_with_a_reason() {
    let app = spawn_app().await;
    let id = register_intermediary(&app).await;
    let admin = app.login_as("center_admin").await;

    let queue: Value = app
        .get(
            "/api/v1/organisations?kind=intermediary&status=pending",
            &admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["id"], id.as_str());

    let path = format!("/api/v1/organisations/{id}/approve");
    let missing_reason = app.post(&path, &admin, json!({ "reason": "" })).await;
    assert_error(missing_reason, StatusCode::BAD_REQUEST, "validation_failed").await;

    let approved = app
        .post(&path, &admin, json!({ "reason": "资质齐全" }))
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let approved: Value = approved.json().await.unwrap();
    assert_eq!(approved["status"], "active");
    assert_eq!(approved["status_reason"], "资质齐全");

    let twice = app.post(&path, &admin, json!({ "reason": "again" })).await;
    assert_error(twice, StatusCode::CONFLICT, "invalid_state").await;

    let entries = app.audit_entries("organisation.approve").await;
    assert_eq!(entries[0]["summary"]["reason"], "资质齐全");
    assert_eq!(entries[0]["summary"]["before"]["status"], "pending");
    assert_eq!(entries[0]["actor"]["role"], "center_admin");
}

#[tokio::test]
async fn the_centre_rejects_a_pending_intermediary() {
    let app = spawn_app().await;
    let id = register_intermediary(&app).await;
    let admin = app.login_as("center_admin").await;
    let path = format!("/api/v1/organisations/{id}/reject");
    let rejected: Value = app
        .post(&path, &admin, json!({ "reason": "营业执照过期" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(app.audit_entries("organisation.reject").await.len(), 1);
}

#[tokio::test]
async fn deciding_an_unknown_organisation_is_not_found() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let path = format!("/api/v1/organisations/{}/approve", uuid::Uuid::new_v4());
    let response = app.post(&path, &admin, json!({ "reason": "ok" })).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

async fn create_department(app: &TestApp, admin: &crate::helpers::Session) -> String {
    let response = app
        .post(
            "/api/v1/organisations",
            admin,
            json!({ "name": "区住房和城乡建设局", "kind": "department", "uscc": null }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["kind"], "department");
    body["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_centre_creates_a_department_and_its_users() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let department = create_department(&app, &admin).await;
    assert_eq!(app.audit_entries("organisation.create").await.len(), 6);

    let response = app
        .post(
            "/api/v1/users",
            &admin,
            json!({
                "email": "clerk@zjj.gov.cn", "display_name": "王科员", "role": "department",
                "organisation_id": department, "password": "initial-password", "locale": "zh-CN",
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let user: Value = response.json().await.unwrap();
    assert_eq!(user["organisation"]["id"], department.as_str());
    app.login_with("clerk@zjj.gov.cn", "initial-password").await;

    let listed: Value = app
        .get(
            &format!("/api/v1/users?organisation_id={department}"),
            &admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["email"], "clerk@zjj.gov.cn");
}

#[tokio::test]
async fn a_user_must_fit_their_organisation_and_only_staff_are_created_by_the_centre() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let department = create_department(&app, &admin).await;
    let new_user = |role: &str| {
        json!({
            "email": format!("{role}@x.gov.cn"), "display_name": "某人", "role": role,
            "organisation_id": department, "password": "initial-password",
        })
    };
    let admin_in_department = app
        .post("/api/v1/users", &admin, new_user("center_admin"))
        .await;
    assert_error(
        admin_in_department,
        StatusCode::UNPROCESSABLE_ENTITY,
        "role_not_allowed_for_organisation",
    )
    .await;
    let enterprise = app
        .post("/api/v1/users", &admin, new_user("enterprise"))
        .await;
    assert_error(enterprise, StatusCode::UNPROCESSABLE_ENTITY, "not_allowed").await;
    let taken = app
        .post(
            "/api/v1/users",
            &admin,
            json!({
                "email": "regulator@demo.qifu.local", "display_name": "重复", "role": "regulator",
                "organisation_id": department, "password": "initial-password",
            }),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT, "email_taken").await;
    let unknown_org = app
        .post(
            "/api/v1/users",
            &admin,
            json!({
                "email": "n@x.gov.cn", "display_name": "某人", "role": "regulator",
                "organisation_id": uuid::Uuid::new_v4(), "password": "initial-password",
            }),
        )
        .await;
    assert_error(unknown_org, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_disabled_user_is_signed_out_at_once_and_cannot_sign_in() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let victim = app.login_as("commissioner").await;
    let id = victim.user["id"].as_str().unwrap().to_owned();

    let disabled: Value = app
        .post(
            &format!("/api/v1/users/{id}/disable"),
            &admin,
            json!({ "reason": "离职" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(disabled["status"], "disabled");

    let after = app.get("/api/v1/me", &victim).await;
    assert_error(after, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let login = app
        .login(
            "commissioner@demo.qifu.local",
            crate::helpers::DEMO_PASSWORD,
        )
        .await;
    assert_error(login, StatusCode::FORBIDDEN, "user_disabled").await;
    let entry = &app.audit_entries("user.disable").await[0];
    assert_eq!(entry["summary"]["sessions_revoked"], 1);
    assert_eq!(entry["summary"]["reason"], "离职");

    let enabled = app
        .request(
            Method::POST,
            &format!("/api/v1/users/{id}/enable"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    app.login_as("commissioner").await;
    assert_eq!(app.audit_entries("user.enable").await.len(), 1);
}

#[tokio::test]
async fn an_administrator_cannot_disable_themselves() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let id = admin.user["id"].as_str().unwrap();
    let response = app
        .post(
            &format!("/api/v1/users/{id}/disable"),
            &admin,
            json!({ "reason": "oops" }),
        )
        .await;
    assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "not_allowed").await;
}

#[tokio::test]
async fn a_user_updates_their_own_profile() {
    let app = spawn_app().await;
    let session = app.login_as("intermediary").await;
    let response = app
        .request(
            Method::PUT,
            "/api/v1/me",
            Some(&session),
            Some(json!({ "display_name": "李经理", "locale": "en" })),
        )
        .await;
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["display_name"], "李经理");
    let entry = &app.audit_entries("user.update_profile").await[0];
    assert_eq!(entry["summary"]["before"]["locale"], "zh-CN");
    assert_eq!(entry["summary"]["after"]["locale"], "en");
}

#[tokio::test]
async fn lists_are_paged() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let page: Value = app
        .get_json("/api/v1/users?per_page=4&page=2", &admin)
        .await;
    assert_eq!(page["total"], 6);
    assert_eq!(page["page"], 2);
    assert_eq!(page["per_page"], 4);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let by_role: Value = app.get_json("/api/v1/users?role=regulator", &admin).await;
    assert_eq!(by_role["total"], 1);
}

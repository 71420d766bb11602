//! The working-day calendar: shipped years, the centre's edits (audited), and deadlines.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn the_current_and_next_years_are_shipped() {
    let app = spawn_app().await;
    let user = app.login_as("commissioner").await;
    let year: Value = app.get_json("/api/v1/calendar/2026", &user).await;
    assert_eq!(year["provisional"], false);
    let days = year["days"].as_array().unwrap();
    let national_day = days.iter().find(|d| d["date"] == "2026-10-05").unwrap();
    assert_eq!(national_day["kind"], "holiday");
    assert_eq!(national_day["name"], "国庆节");
    assert!(days
        .iter()
        .any(|d| d["date"] == "2026-02-14" && d["kind"] == "workday"));
    let next: Value = app.get_json("/api/v1/calendar/2027", &user).await;
    assert_eq!(next["provisional"], true);
    assert_error(
        app.get("/api/v1/calendar/2030", &user).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_deadline_counts_working_days_across_the_national_day_holiday() {
    let app = spawn_app().await;
    let user = app.login_as("department").await;
    // Tuesday 29 Sep 2026, 10:00 Beijing: 30 Sep is day 1, 1–7 Oct are off, Thu 8 Oct day 2,
    // Fri 9 Oct day 3 (Sat 10 Oct is worked: day 4).
    let body: Value = app
        .get(
            "/api/v1/calendar/deadline?from=2026-09-29T02:00:00Z&working_days=3",
            &user,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["deadline"], "2026-10-09T15:59:59.999999Z");
    let bad = app
        .get(
            "/api/v1/calendar/deadline?from=2026-09-29T02:00:00Z&working_days=0",
            &user,
        )
        .await;
    assert_error(bad, StatusCode::BAD_REQUEST, "validation_failed").await;
    let beyond = app
        .get(
            "/api/v1/calendar/deadline?from=2027-12-20T02:00:00Z&working_days=30",
            &user,
        )
        .await;
    assert_error(beyond, StatusCode::UNPROCESSABLE_ENTITY, "calendar_missing").await;
}

#[tokio::test]
async fn the_centre_edits_a_year_and_each_edit_is_audited() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let put = app
        .request(
            Method::PUT,
            "/api/v1/calendar/2027/days/2027-02-09",
            Some(&admin),
            Some(json!({ "kind": "holiday", "name": "春节" })),
        )
        .await;
    assert_eq!(put.status(), StatusCode::NO_CONTENT);
    let worked = app
        .request(
            Method::PUT,
            "/api/v1/calendar/2027/days/2027-02-20",
            Some(&admin),
            Some(json!({ "kind": "workday", "name": "春节调休上班" })),
        )
        .await;
    assert_eq!(worked.status(), StatusCode::NO_CONTENT);
    let wrong_year = app
        .request(
            Method::PUT,
            "/api/v1/calendar/2027/days/2026-02-09",
            Some(&admin),
            Some(json!({ "kind": "holiday", "name": "x" })),
        )
        .await;
    assert_error(wrong_year, StatusCode::BAD_REQUEST, "date_outside_year").await;
    let publish = app
        .request(
            Method::PUT,
            "/api/v1/calendar/2027",
            Some(&admin),
            Some(json!({ "source": "国务院办公厅关于2027年部分节假日安排的通知", "provisional": false })),
        )
        .await;
    assert_eq!(publish.status(), StatusCode::NO_CONTENT);

    let year: Value = app.get_json("/api/v1/calendar/2027", &admin).await;
    assert_eq!(year["provisional"], false);
    assert!(year["days"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == "2027-02-20" && d["kind"] == "workday"));
    let removed = app
        .request(
            Method::DELETE,
            "/api/v1/calendar/2027/days/2027-02-20",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.audit_entries("calendar.put_day").await.len(), 2);
    assert_eq!(
        app.audit_entries("calendar.delete_day").await[0]["summary"]["before"]["kind"],
        "workday"
    );
    assert_eq!(app.audit_entries("calendar.put_year").await.len(), 1);
}

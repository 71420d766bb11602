//! Five-star credit: rating tasks opened by an accepted delivery, ratings and their refusals,
//! scores, stars and their explanation, lapsed tasks and reminders, the formula's versions, the
//! credit files and the public disclosure.

use chrono::{DateTime, Duration, Utc};
use qifu::scheduler::{run_job_at, Trigger};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{
    helpers::{assert_error, spawn_app, Session, TestApp},
    marketplace::{
        bid, deadline, get, intermediary, procurement_body, project, run_deadlines_after, sign_in,
        Bidder, Market,
    },
};

const INDICATORS: [&str; 10] = [
    "service_quality",
    "timeliness",
    "fee_reasonableness",
    "service_attitude",
    "professional_conduct",
    "deliverable_quality",
    "communication",
    "integrity",
    "information_disclosure",
    "rectification",
];

/// Every indicator scored `value`.
fn scores(value: u8) -> Value {
    INDICATORS
        .iter()
        .map(|c| (c.to_string(), json!(value)))
        .collect()
}

/// A market whose service type the demo department (演示区发展和改革局) is responsible for.
async fn market_with_department(app: &TestApp, bidders: usize) -> Market {
    let admin = app.login_as("center_admin").await;
    let owner = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let department_id = department.user["organisation"]["id"].clone();
    let created = app
        .post(
            "/api/v1/service-types",
            &admin,
            json!({
                "code": "eia", "name_zh": "环境影响评价", "name_en": "Environmental impact assessment",
                "approval_zh": "环评审批", "qualification": "surveying",
                "fee_min_fen": 1_000_000, "fee_max_fen": 10_000_000,
                "time_limit_working_days": 20, "guide_zh": "编制环境影响报告表",
                "department_id": department_id,
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["department"]["id"], department_id);
    let service_type = created["id"].as_str().unwrap().to_owned();
    let project = project(app, &owner, "2026-330281-47-01-000001").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut list = Vec::new();
    for _ in 0..bidders {
        list.push(intermediary(app, &admin, &service_type).await);
    }
    Market {
        service_type,
        project,
        bidders: list,
    }
}

/// Runs one random-draw procurement of the market to an accepted delivery; answers the
/// procurement's id and the winner.
async fn accepted_job(app: &TestApp, m: &Market, title: &str) -> (String, Bidder) {
    let owner = app.login_as("enterprise").await;
    let mut body = procurement_body(m, "random_draw");
    body["title"] = json!(title);
    let drafted: Value = app
        .post("/api/v1/procurements", &owner, body)
        .await
        .json()
        .await
        .unwrap();
    let id = drafted["id"].as_str().unwrap().to_owned();
    let p: Value = app
        .post(
            &format!("/api/v1/procurements/{id}/publish"),
            &owner,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    for (i, bidder) in m.bidders.iter().enumerate() {
        let session = sign_in(app, bidder).await;
        let placed = bid(app, &session, &id, 4_000_000 + i as i64 * 1000).await;
        assert_eq!(placed.status(), StatusCode::OK);
    }
    run_deadlines_after(app, deadline(&p)).await;
    let owner = app.login_as("enterprise").await;
    let awarded = get(app, &format!("/api/v1/procurements/{id}"), &owner).await;
    let winner_id = awarded["winner"]["id"].as_str().unwrap();
    let winner = m
        .bidders
        .iter()
        .find(|b| b.organisation == winner_id)
        .unwrap()
        .clone();
    let notice_end: DateTime<Utc> = awarded["notice_ends_at"].as_str().unwrap().parse().unwrap();
    run_deadlines_after(app, notice_end).await;
    let owner = app.login_as("enterprise").await;
    let winner_session = sign_in(app, &winner).await;
    let contract = format!("/api/v1/procurements/{id}/contract");
    for session in [&owner, &winner_session] {
        let confirmed = app
            .post(&format!("{contract}/confirm"), session, json!({}))
            .await;
        assert_eq!(confirmed.status(), StatusCode::OK);
    }
    let delivered = app
        .post(
            &format!("{contract}/deliveries"),
            &winner_session,
            json!({ "summary": "环评报告表", "digest": "a".repeat(64) }),
        )
        .await;
    assert_eq!(delivered.status(), StatusCode::OK);
    let accepted = app
        .post(
            &format!("{contract}/decision"),
            &owner,
            json!({ "accept": true }),
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    (id, winner)
}

/// The open task of `session`'s organisation for the job.
async fn task_of(app: &TestApp, session: &Session, job: &str) -> Value {
    let tasks = get(app, "/api/v1/credit/rating-tasks?status=open", session).await;
    tasks["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["job_id"] == job)
        .cloned()
        .unwrap_or_else(|| panic!("no open task for {job} in {tasks}"))
}

async fn rate(app: &TestApp, session: &Session, task: &Value, body: Value) -> reqwest::Response {
    let id = task["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/credit/rating-tasks/{id}/rating"),
        session,
        body,
    )
    .await
}

async fn run_credit_job(app: &TestApp, name: &str) -> String {
    let run = run_job_at(&app.state.scheduler, name, app.clock_now(), Trigger::Manual)
        .await
        .unwrap();
    assert_eq!(run.outcome, "succeeded", "{:?}", run.message);
    run.message.unwrap_or_default()
}

#[tokio::test]
async fn an_accepted_job_opens_one_task_per_rater_and_ratings_make_the_score_stars_and_history() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "产业园环评报告编制").await;
    let owner = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let centre = app.login_as("center_admin").await;

    let owner_task = task_of(&app, &owner, &job).await;
    assert_eq!(owner_task["rater"], "owner");
    assert_eq!(owner_task["job_title"], "产业园环评报告编制");
    let department_task = task_of(&app, &department, &job).await;
    assert_eq!(department_task["rater"], "department");
    let centre_task = task_of(&app, &centre, &job).await;
    assert_eq!(centre_task["rater"], "center");
    let due: DateTime<Utc> = owner_task["due_at"].as_str().unwrap().parse().unwrap();
    assert!(
        due > app.clock_now() + Duration::days(14),
        "15 working days"
    );

    // Unrated: no stars yet, and the listing says so.
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["stars"], Value::Null);

    let given = rate(&app, &owner, &owner_task, json!({ "scores": scores(5) })).await;
    assert_eq!(given.status(), StatusCode::OK);
    let given: Value = given.json().await.unwrap();
    assert_eq!(given["status"], "rated");
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 100);
    assert_eq!(mine["standing"]["stars"], 5);
    assert_eq!(mine["standing"]["rated_jobs"], 1);
    assert_eq!(mine["standing"]["formula_version"], 1);

    // The department rates 3s with a 2 and a comment: (50·100 + 30·58) / 80 = 84.25 → 4★.
    let mut low = scores(3);
    low["timeliness"] = json!(2);
    let refused = rate(
        &app,
        &department,
        &department_task,
        json!({ "scores": low }),
    )
    .await;
    assert_error(refused, StatusCode::BAD_REQUEST, "rating_comment_missing").await;
    let given = rate(
        &app,
        &department,
        &department_task,
        json!({ "scores": low, "comment": "报告送审两次才通过" }),
    )
    .await;
    assert_eq!(given.status(), StatusCode::OK);
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score_hundredths"], 8425);
    assert_eq!(mine["standing"]["stars"], 4);
    let explained = &mine["explanation"]["jobs"][0];
    assert_eq!(explained["job_id"], job.as_str());
    assert_eq!(explained["score_hundredths"], 8425);
    let raters: Vec<(&str, &str)> = explained["raters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rater"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        raters,
        [
            ("owner", "rated"),
            ("department", "rated"),
            ("center", "open")
        ]
    );
    let history: Vec<(Value, Value)> = mine["star_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["from_stars"].clone(), c["to_stars"].clone()))
        .collect();
    assert_eq!(history, [(json!(5), json!(4)), (Value::Null, json!(5))]);
    assert_eq!(mine["ratings"].as_array().unwrap().len(), 3);

    // The regulator reads the same file; the audit log has each rating.
    let regulator = app.login_as("regulator").await;
    let file = get(
        &app,
        &format!("/api/v1/credit/intermediaries/{}", winner.organisation),
        &regulator,
    )
    .await;
    assert_eq!(file["standing"]["stars"], 4);
    assert_eq!(app.audit_entries("credit.rate").await.len(), 2);

    // Listings of intermediaries carry the stars the marketplace reads.
    let public: Value = reqwest::Client::new()
        .get(app.url("/api/v1/public/credit?stars=4"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["total"], 1);
    assert_eq!(public["items"][0]["id"], winner.organisation.as_str());
    assert_eq!(public["items"][0]["rated_jobs"], 1);
    assert_eq!(public["items"][0]["recommended"], false);
}

#[tokio::test]
async fn a_rating_is_refused_to_others_to_a_second_rater_with_bad_scores_and_after_the_window() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let task = task_of(&app, &owner, &job).await;
    let id = task["id"].as_str().unwrap();

    // Another organisation does not find the task; a role that never rates is refused.
    let department = app.login_as("department").await;
    let hidden = app
        .get(&format!("/api/v1/credit/rating-tasks/{id}"), &department)
        .await;
    assert_error(hidden, StatusCode::NOT_FOUND, "not_found").await;
    let stranger = rate(&app, &department, &task, json!({ "scores": scores(4) })).await;
    assert_error(stranger, StatusCode::NOT_FOUND, "not_found").await;
    let winner_session = sign_in(&app, &winner).await;
    let own = rate(&app, &winner_session, &task, json!({ "scores": scores(5) })).await;
    assert_error(own, StatusCode::FORBIDDEN, "forbidden").await;
    let commissioner = app.login_as("commissioner").await;
    let centre_task = task_of(&app, &app.login_as("center_admin").await, &job).await;
    let wrong_role = rate(
        &app,
        &commissioner,
        &centre_task,
        json!({ "scores": scores(4) }),
    )
    .await;
    assert_error(wrong_role, StatusCode::FORBIDDEN, "forbidden").await;

    // Bad scores, each with its code; nothing is stored.
    let mut missing = scores(4);
    missing.as_object_mut().unwrap().remove("integrity");
    let mut unknown = scores(4);
    unknown["charm"] = json!(5);
    let mut too_high = scores(4);
    too_high["integrity"] = json!(6);
    let mut zero = scores(4);
    zero["integrity"] = json!(0);
    for body in [missing, unknown, too_high, zero] {
        let refused = rate(&app, &owner, &task, json!({ "scores": body })).await;
        assert_error(refused, StatusCode::BAD_REQUEST, "rating_scores_invalid").await;
    }
    let not_a_number = rate(
        &app,
        &owner,
        &task,
        json!({ "scores": { "integrity": "five" } }),
    )
    .await;
    assert_eq!(not_a_number.status(), StatusCode::BAD_REQUEST);

    let given = rate(&app, &owner, &task, json!({ "scores": scores(4) })).await;
    assert_eq!(given.status(), StatusCode::OK);
    let again = rate(&app, &owner, &task, json!({ "scores": scores(5) })).await;
    assert_error(again, StatusCode::CONFLICT, "rating_given").await;
    let kept = get(&app, &format!("/api/v1/credit/rating-tasks/{id}"), &owner).await;
    assert_eq!(kept["scores"]["integrity"], 4, "a rating is final");

    // After the window the department's task is closed to it.
    let department_task = task_of(&app, &department, &job).await;
    let due: DateTime<Utc> = department_task["due_at"].as_str().unwrap().parse().unwrap();
    app.advance(due - app.clock_now() + Duration::minutes(1));
    let department = app.login_as("department").await;
    let late = rate(
        &app,
        &department,
        &department_task,
        json!({ "scores": scores(4) }),
    )
    .await;
    assert_error(
        late,
        StatusCode::UNPROCESSABLE_ENTITY,
        "rating_window_closed",
    )
    .await;
}

#[tokio::test]
async fn unrated_tasks_are_reminded_once_then_lapse_and_their_weight_is_shared() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let task = task_of(&app, &owner, &job).await;
    let given = rate(&app, &owner, &task, json!({ "scores": scores(4) })).await;
    assert_eq!(given.status(), StatusCode::OK);

    // Three working days before the end, the department and the centre are reminded, once.
    let due: DateTime<Utc> = task["due_at"].as_str().unwrap().parse().unwrap();
    app.advance(due - app.clock_now() - Duration::days(2));
    let summary = run_credit_job(&app, "credit_rating_deadlines").await;
    assert_eq!(summary, "lapsed 0, reminded 2");
    app.advance(Duration::minutes(10));
    let summary = run_credit_job(&app, "credit_rating_deadlines").await;
    assert_eq!(summary, "lapsed 0, reminded 0");
    let department = app.login_as("department").await;
    let inbox = get(&app, "/api/v1/notifications", &department).await;
    let reminders = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["event"] == "rating_requested" && n["category"] == "credit")
        .count();
    assert_eq!(reminders, 2, "asked once, reminded once");

    // Past the window both lapse; the owner's rating carries the whole weight.
    app.advance(Duration::days(3));
    let summary = run_credit_job(&app, "credit_rating_deadlines").await;
    assert_eq!(summary, "lapsed 2, reminded 0");
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 80);
    assert_eq!(mine["standing"]["stars"], 4);
    let statuses: Vec<&str> = mine["explanation"]["jobs"][0]["raters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["rated", "lapsed", "lapsed"]);
    assert_eq!(app.audit_entries("credit.rating_lapse").await.len(), 2);
}

#[tokio::test]
async fn a_new_formula_version_is_checked_audited_and_recomputes_every_standing() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let owner_task = task_of(&app, &owner, &job).await;
    rate(&app, &owner, &owner_task, json!({ "scores": scores(5) })).await;
    let department_task = task_of(&app, &department, &job).await;
    rate(
        &app,
        &department,
        &department_task,
        json!({ "scores": scores(3) }),
    )
    .await;

    let admin = app.login_as("center_admin").await;
    let current = get(&app, "/api/v1/credit/formula", &admin).await;
    assert_eq!(current["version"], 1);
    assert_eq!(current["indicators"].as_array().unwrap().len(), 10);
    assert_eq!(current["indicators"][0]["name_zh"], "服务质量");

    let mut formula = current["formula"].clone();
    formula["weights"] = json!({ "owner": 50, "department": 30, "center": 30 });
    let refused = app
        .post(
            "/api/v1/credit/formulas",
            &admin,
            json!({ "formula": formula, "reason": "试算" }),
        )
        .await;
    assert_error(refused, StatusCode::BAD_REQUEST, "credit_formula_invalid").await;
    let regulator = app.login_as("regulator").await;
    formula["weights"] = json!({ "owner": 80, "department": 10, "center": 10 });
    let not_theirs = app
        .post(
            "/api/v1/credit/formulas",
            &regulator,
            json!({ "formula": formula, "reason": "业主权重上调" }),
        )
        .await;
    assert_error(not_theirs, StatusCode::FORBIDDEN, "forbidden").await;

    // Before: (50·100 + 30·60) / 80 = 85 (4★). After: (80·100 + 10·60) / 90 = 95.56 (5★).
    let saved = app
        .post(
            "/api/v1/credit/formulas",
            &admin,
            json!({ "formula": formula, "reason": "业主权重上调" }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["version"], 2);
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score_hundredths"], 9556);
    assert_eq!(mine["standing"]["stars"], 5);
    assert_eq!(mine["standing"]["formula_version"], 2);
    assert_eq!(mine["star_history"][0]["cause"], "formula");
    let versions = get(&app, "/api/v1/credit/formulas", &regulator).await;
    assert_eq!(versions.as_array().unwrap().len(), 2);
    assert_eq!(versions[0]["reason"], "业主权重上调");
    assert_eq!(app.audit_entries("credit.formula_save").await.len(), 1);

    // The nightly recompute changes nothing more while the window holds the job.
    let summary = run_credit_job(&app, "credit_nightly_recompute").await;
    assert_eq!(summary, "recomputed 1, stars changed for 0");
    // Thirteen months on, the job has left the window: unrated again.
    app.advance(Duration::days(400));
    let summary = run_credit_job(&app, "credit_nightly_recompute").await;
    assert_eq!(summary, "recomputed 1, stars changed for 1");
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["stars"], Value::Null);
    assert_eq!(mine["star_history"][0]["cause"], "nightly");
}

#[tokio::test]
async fn credit_endpoints_admit_only_their_roles() {
    let app = spawn_app().await;
    let intermediary = app.login_as("intermediary").await;
    let enterprise = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let commissioner = app.login_as("commissioner").await;
    for (session, path) in [
        (&enterprise, "/api/v1/credit/mine"),
        (&department, "/api/v1/credit/mine"),
        (&intermediary, "/api/v1/credit/intermediaries"),
        (&enterprise, "/api/v1/credit/intermediaries"),
        (&department, "/api/v1/credit/formulas"),
        (&intermediary, "/api/v1/credit/rating-tasks"),
        (&commissioner, "/api/v1/credit/rating-tasks"),
    ] {
        let refused = app.get(path, session).await;
        assert_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let anonymous = reqwest::Client::new()
        .get(app.url("/api/v1/credit/mine"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let mine = get(&app, "/api/v1/credit/mine", &intermediary).await;
    assert_eq!(mine["standing"]["stars"], Value::Null);
    let unknown = app
        .get(
            &format!("/api/v1/credit/intermediaries/{}", uuid::Uuid::new_v4()),
            &app.login_as("regulator").await,
        )
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
}

/// The intermediary's sanctions, newest first within their order.
async fn my_sanctions(app: &TestApp, session: &Session) -> Vec<Value> {
    let page = get(app, "/api/v1/credit/sanctions/mine", session).await;
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn two_stars_open_a_rectification_and_a_missed_deadline_leads_to_a_confirmed_delisting() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let task = task_of(&app, &owner, &job).await;
    // All 3s: 60 points, two stars: a rectification opens by itself.
    rate(&app, &owner, &task, json!({ "scores": scores(3) })).await;
    let winner_session = sign_in(&app, &winner).await;
    let sanctions = my_sanctions(&app, &winner_session).await;
    assert_eq!(sanctions.len(), 1);
    let rectification = &sanctions[0];
    assert_eq!(rectification["kind"], "rectification");
    assert_eq!(rectification["status"], "open");
    assert_eq!(rectification["origin"], "stars");
    let id = rectification["id"].as_str().unwrap();

    // Closing needs a report first; the report goes to the regulators, who close it.
    let regulator = app.login_as("regulator").await;
    let early = app
        .post(
            &format!("/api/v1/credit/sanctions/{id}/decision"),
            &regulator,
            json!({ "action": "close", "reason": "已整改" }),
        )
        .await;
    assert_error(early, StatusCode::CONFLICT, "sanction_wrong_state").await;
    let someone_else = app
        .post(
            &format!("/api/v1/credit/sanctions/{id}/report"),
            &app.login_as("intermediary").await,
            json!({ "report": "整改报告" }),
        )
        .await;
    assert_error(someone_else, StatusCode::NOT_FOUND, "not_found").await;
    let reported = app
        .post(
            &format!("/api/v1/credit/sanctions/{id}/report"),
            &winner_session,
            json!({ "report": "已完善质量控制流程，并对项目负责人进行培训" }),
        )
        .await;
    assert_eq!(reported.status(), StatusCode::OK);
    let inbox = get(&app, "/api/v1/notifications", &regulator).await;
    assert!(inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["event"] == "credit_review"));
    let closed: Value = app
        .post(
            &format!("/api/v1/credit/sanctions/{id}/decision"),
            &regulator,
            json!({ "action": "close", "reason": "整改到位" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["decision_reason"], "整改到位");

    // On its own motion a regulator opens another; nobody reports, and the deadline escalates it.
    let opened = app
        .post(
            "/api/v1/credit/sanctions",
            &regulator,
            json!({ "intermediary_id": winner.organisation, "kind": "rectification", "reason": "投诉核实" }),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let opened: Value = opened.json().await.unwrap();
    assert_eq!(opened["origin"], "regulator");
    let again = app
        .post(
            "/api/v1/credit/sanctions",
            &regulator,
            json!({ "intermediary_id": winner.organisation, "kind": "rectification", "reason": "重复" }),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT, "sanction_in_force").await;
    let due: DateTime<Utc> = opened["due_at"].as_str().unwrap().parse().unwrap();
    app.advance(due - app.clock_now() + Duration::minutes(1));
    assert_eq!(
        run_credit_job(&app, "credit_rectification_deadlines").await,
        "escalated 1"
    );
    let regulator = app.login_as("regulator").await;
    let queue = get(&app, "/api/v1/credit/sanctions?status=proposed", &regulator).await;
    assert_eq!(queue["total"], 1);
    let proposal = &queue["items"][0];
    assert_eq!(proposal["kind"], "delisting");
    assert_eq!(proposal["origin"], "deadline");
    let overview = get(&app, "/api/v1/credit/overview", &regulator).await;
    assert_eq!(overview["queues"]["proposals"], 1);
    assert_eq!(overview["queues"]["rectifications_open"], 0);
    assert_eq!(overview["stars"][1], json!({ "stars": 2, "count": 1 }));
    assert_eq!(
        overview["scores"][6],
        json!({ "from": 60, "to": 70, "count": 1 })
    );
    let months = overview["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let sum = |field: &str| {
        months
            .iter()
            .map(|m| m[field].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!((sum("ratings"), sum("sanctions_opened")), (1, 3));
    assert!(months.iter().any(|m| m["mean_job_score"] == json!(60.0)));
    assert_eq!(
        overview["intermediaries"].as_u64(),
        Some(overview["unrated"].as_u64().unwrap() + 1)
    );
    let proposal_id = proposal["id"].as_str().unwrap();
    let confirmed: Value = app
        .post(
            &format!("/api/v1/credit/sanctions/{proposal_id}/decision"),
            &regulator,
            json!({ "action": "confirm", "reason": "逾期未整改" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["status"], "delisted");

    // Delisted: it cannot bid, and the disclosure says so; reinstated, it can again.
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["delisted"], true);
    let owner = app.login_as("enterprise").await;
    let mut body = procurement_body(&m, "random_draw");
    body["title"] = json!("二期环评");
    let drafted: Value = app
        .post("/api/v1/procurements", &owner, body)
        .await
        .json()
        .await
        .unwrap();
    let next = drafted["id"].as_str().unwrap();
    let published = app
        .post(
            &format!("/api/v1/procurements/{next}/publish"),
            &owner,
            json!({}),
        )
        .await;
    assert_eq!(published.status(), StatusCode::OK);
    let refused = bid(&app, &winner_session, next, 4_000_000).await;
    assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "bidder_delisted").await;
    let reinstated: Value = app
        .post(
            &format!("/api/v1/credit/sanctions/{proposal_id}/decision"),
            &regulator,
            json!({ "action": "reinstate", "reason": "复核通过" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reinstated["status"], "reinstated");
    let placed = bid(&app, &winner_session, next, 4_000_000).await;
    assert_eq!(placed.status(), StatusCode::OK);
    for action in [
        "credit.sanction_open",
        "credit.rectification_report",
        "credit.sanction_decide",
        "credit.rectification_overdue",
    ] {
        assert!(!app.audit_entries(action).await.is_empty(), "{action}");
    }
}

#[tokio::test]
async fn an_appeal_overturns_or_adjusts_a_rating_once_and_a_late_or_foreign_one_is_refused() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let department = app.login_as("department").await;
    let centre = app.login_as("center_admin").await;
    let owner_task = task_of(&app, &owner, &job).await;
    let department_task = task_of(&app, &department, &job).await;
    let centre_task = task_of(&app, &centre, &job).await;
    rate(
        &app,
        &department,
        &department_task,
        json!({ "scores": scores(5) }),
    )
    .await;
    rate(&app, &centre, &centre_task, json!({ "scores": scores(5) })).await;
    rate(
        &app,
        &owner,
        &owner_task,
        json!({ "scores": scores(1), "comment": "严重拖延" }),
    )
    .await;
    // (50·20 + 30·100 + 20·100) / 100 = 60: two stars.
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 60);

    let stranger = app.login_as("intermediary").await;
    let foreign = app
        .post(
            "/api/v1/credit/appeals",
            &stranger,
            json!({ "rating_id": owner_task["id"], "reason": "不实" }),
        )
        .await;
    assert_error(foreign, StatusCode::NOT_FOUND, "not_found").await;
    let both = app
        .post(
            "/api/v1/credit/appeals",
            &winner_session,
            json!({ "rating_id": owner_task["id"], "sanction_id": owner_task["id"], "reason": "x" }),
        )
        .await;
    assert_error(
        both,
        StatusCode::UNPROCESSABLE_ENTITY,
        "appeal_target_invalid",
    )
    .await;
    let filed = app
        .post(
            "/api/v1/credit/appeals",
            &winner_session,
            json!({ "rating_id": owner_task["id"], "reason": "延期系业主资料迟交所致，有往来函件为证" }),
        )
        .await;
    assert_eq!(filed.status(), StatusCode::OK);
    let filed: Value = filed.json().await.unwrap();
    assert_eq!(filed["status"], "open");
    assert_eq!(filed["job_title"], "环评");
    let twice = app
        .post(
            "/api/v1/credit/appeals",
            &winner_session,
            json!({ "rating_id": owner_task["id"], "reason": "再次申诉" }),
        )
        .await;
    assert_error(twice, StatusCode::CONFLICT, "appeal_exists").await;

    // The regulator overturns it: the owner's rating leaves the score (100, five stars).
    let regulator = app.login_as("regulator").await;
    let queue = get(&app, "/api/v1/credit/appeals?status=open", &regulator).await;
    assert_eq!(queue["total"], 1);
    let id = filed["id"].as_str().unwrap();
    let not_a_rating_fix = app
        .post(
            &format!("/api/v1/credit/appeals/{id}/decision"),
            &regulator,
            json!({ "decision": "adjusted", "reason": "更正" }),
        )
        .await;
    assert_error(
        not_a_rating_fix,
        StatusCode::BAD_REQUEST,
        "appeal_decision_invalid",
    )
    .await;
    let decided: Value = app
        .post(
            &format!("/api/v1/credit/appeals/{id}/decision"),
            &regulator,
            json!({ "decision": "overturned", "reason": "延期原因属实" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(decided["status"], "overturned");
    let final_ = app
        .post(
            &format!("/api/v1/credit/appeals/{id}/decision"),
            &regulator,
            json!({ "decision": "upheld", "reason": "改判" }),
        )
        .await;
    assert_error(final_, StatusCode::CONFLICT, "appeal_decided").await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 100);
    assert_eq!(mine["standing"]["stars"], 5);
    assert_eq!(mine["star_history"][0]["cause"], "appeal");
    let overturned = mine["explanation"]["jobs"][0]["raters"][0].clone();
    assert_eq!(overturned["overturned"], true);

    // The centre's rating is adjusted on appeal: corrected scores replace the rater's.
    let filed: Value = app
        .post(
            "/api/v1/credit/appeals",
            &winner_session,
            json!({ "rating_id": centre_task["id"], "reason": "评分有误" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = filed["id"].as_str().unwrap();
    let adjusted: Value = app
        .post(
            &format!("/api/v1/credit/appeals/{id}/decision"),
            &regulator,
            json!({ "decision": "adjusted", "reason": "按核实情况更正", "scores": scores(4) }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(adjusted["adjusted_scores"]["integrity"], 4);
    // (30·100 + 20·80) / 50 = 92.
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 92);

    // Ten working days after the department's rating, its appeal window has closed.
    app.advance(Duration::days(20));
    let winner_session = sign_in(&app, &winner).await;
    let late = app
        .post(
            "/api/v1/credit/appeals",
            &winner_session,
            json!({ "rating_id": department_task["id"], "reason": "迟到的申诉" }),
        )
        .await;
    assert_error(late, StatusCode::UNPROCESSABLE_ENTITY, "appeal_too_late").await;
    assert_eq!(app.audit_entries("credit.appeal_decide").await.len(), 2);
}

/// One rater's part of a generated job: absent (no task), or a task with its status and scores.
#[derive(Debug, Clone)]
struct GeneratedPart {
    status: &'static str,
    scores: Vec<u8>,
    overturned: bool,
    adjusted: Option<Vec<u8>>,
}

fn a_part() -> impl proptest::strategy::Strategy<Value = Option<GeneratedPart>> {
    use proptest::prelude::*;
    let scores = prop::collection::vec(1u8..=5, 10);
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(GeneratedPart { status: "open", scores: Vec::new(), overturned: false, adjusted: None })),
        1 => Just(Some(GeneratedPart { status: "lapsed", scores: Vec::new(), overturned: false, adjusted: None })),
        4 => (scores.clone(), prop::bool::weighted(0.15), prop::option::weighted(0.2, scores)).prop_map(
            |(scores, overturned, adjusted)| Some(GeneratedPart { status: "rated", scores, overturned, adjusted })
        ),
    ]
}

/// A generated external feedback event: its kind, how many days ago it occurred and, maybe,
/// how many days after that its source ended it.
type GeneratedEvent = (usize, i64, Option<i64>);

fn some_events() -> impl proptest::strategy::Strategy<Value = Vec<GeneratedEvent>> {
    use proptest::prelude::*;
    prop::collection::vec(
        (0usize..5, 0i64..800, prop::option::weighted(0.3, 0i64..400)),
        0..4,
    )
}

/// The shipped formula's events, as the README states them: (word, points, months).
const EVENT_RULES: [(&str, f64, u32); 5] = [
    ("tax_arrears", -10.0, 12),
    ("abnormal_operation", -15.0, 12),
    ("administrative_penalty", -20.0, 24),
    ("upheld_complaint", -5.0, 12),
    ("commendation", 5.0, 12),
];

/// The points the stored events in force on `now`'s Beijing day add.
fn plain_adjustment(events: &[entities::credit_event::Model], now: DateTime<Utc>) -> f64 {
    let today = (now + Duration::hours(8)).date_naive();
    events
        .iter()
        .filter_map(|e| {
            let (_, points, months) = EVENT_RULES.iter().find(|r| r.0 == e.kind.as_str())?;
            let lapses = e
                .occurred_on
                .checked_add_months(chrono::Months::new(*months))?;
            let end = e.ends_on.map_or(lapses, |end| end.min(lapses));
            (e.occurred_on <= today && today < end).then_some(*points)
        })
        .sum()
}

/// A generated history: jobs accepted some days ago (some outside the 12-month window), each with
/// up to three raters.
fn a_history() -> impl proptest::strategy::Strategy<Value = Vec<(i64, [Option<GeneratedPart>; 3])>>
{
    use proptest::prelude::*;
    prop::collection::vec(
        (0i64..500, a_part(), a_part(), a_part()).prop_map(|(days, o, d, c)| (days, [o, d, c])),
        0..6,
    )
}

fn scores_text(values: &[u8]) -> String {
    let map: serde_json::Map<String, Value> = INDICATORS
        .iter()
        .zip(values)
        .map(|(code, v)| (code.to_string(), json!(v)))
        .collect();
    Value::Object(map).to_string()
}

/// The plain computation, in floating point, from the stored rows: each counted rater's mean ×
/// 20, weighted 50/30/20 among those counted, jobs of the last 12 months averaged.
fn plain_score(rows: &[entities::rating::Model], now: DateTime<Utc>) -> (Option<f64>, usize) {
    let from = now.checked_sub_months(chrono::Months::new(12)).unwrap();
    let mut jobs: std::collections::BTreeMap<i64, (f64, f64)> = Default::default();
    for r in rows.iter().filter(|r| r.accepted_at >= from) {
        let entry = jobs.entry(r.contract_id).or_default();
        if r.status != "rated" || r.overturned {
            continue;
        }
        let text = r
            .adjusted_scores
            .as_deref()
            .or(r.scores.as_deref())
            .unwrap();
        let scores: std::collections::BTreeMap<String, f64> = serde_json::from_str(text).unwrap();
        let mean = scores.values().sum::<f64>() / scores.len() as f64 * 20.0;
        let weight = match r.rater.as_str() {
            "owner" => 50.0,
            "department" => 30.0,
            _ => 20.0,
        };
        entry.0 += weight * mean;
        entry.1 += weight;
    }
    let scored: Vec<f64> = jobs
        .values()
        .filter(|(_, w)| *w > 0.0)
        .map(|(s, w)| s / w)
        .collect();
    let score = (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64);
    (score, scored.len())
}

#[tokio::test]
async fn stored_scores_and_stars_equal_a_plain_recomputation_of_random_rating_and_event_histories()
{
    use proptest::{strategy::Strategy, strategy::ValueTree, test_runner::TestRunner};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

    let app = spawn_app().await;
    let now = app.clock_now();
    let rater_org = entities::organisation::Entity::find()
        .filter(
            entities::organisation::Column::Kind
                .eq(entities::organisation::OrganisationKind::Enterprise),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut runner = TestRunner::deterministic();
    let (mut contract, mut rated_somewhere, mut adjusted_somewhere) = (0i64, 0, 0);
    for case in 0..60 {
        let intermediary = entities::organisation::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4()),
            name: Set(format!("性质测试中介{case}")),
            kind: Set(entities::organisation::OrganisationKind::Intermediary),
            uscc: Set(None),
            status: Set(entities::organisation::OrganisationStatus::Active),
            status_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let history = a_history().new_tree(&mut runner).unwrap().current();
        let events = some_events().new_tree(&mut runner).unwrap().current();
        let today = (now + Duration::hours(8)).date_naive();
        for (i, (kind, days, ended)) in events.iter().enumerate() {
            let occurred_on = today - Duration::days(*days);
            entities::credit_event::ActiveModel {
                public_id: Set(uuid::Uuid::new_v4()),
                organisation_id: Set(intermediary.id),
                kind: Set(entities::credit_event::CreditEventKind::ALL[*kind]),
                source: Set("性质测试".to_owned()),
                reference: Set(format!("{case}-{i}")),
                occurred_on: Set(occurred_on),
                ends_on: Set(ended.map(|d| occurred_on + Duration::days(d))),
                description: Set(String::new()),
                imported_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        for (days, parts) in &history {
            contract += 1;
            let accepted = now - Duration::days(*days);
            for (rater, part) in ["owner", "department", "center"].iter().zip(parts) {
                let Some(part) = part else { continue };
                let rated = part.status == "rated";
                entities::rating::ActiveModel {
                    public_id: Set(uuid::Uuid::new_v4()),
                    contract_id: Set(contract),
                    procurement_id: Set(contract),
                    job_id: Set(uuid::Uuid::new_v4()),
                    intermediary_id: Set(intermediary.id),
                    rater: Set(entities::rating::RaterRole::parse(rater).unwrap()),
                    rater_organisation_id: Set(rater_org),
                    job_title: Set(format!("任务{contract}")),
                    status: Set(entities::rating::RatingStatus::parse(part.status).unwrap()),
                    accepted_at: Set(accepted),
                    due_at: Set(accepted + Duration::days(21)),
                    remind_at: Set(None),
                    reminded_at: Set(None),
                    scores: Set(rated.then(|| scores_text(&part.scores))),
                    comment: Set(None),
                    rated_by: Set(None),
                    rated_at: Set(rated.then_some(accepted)),
                    lapsed_at: Set(None),
                    overturned: Set(part.overturned),
                    adjusted_scores: Set(part
                        .adjusted
                        .as_deref()
                        .filter(|_| rated)
                        .map(scores_text)),
                    created_at: Set(accepted),
                    updated_at: Set(accepted),
                    ..Default::default()
                }
                .insert(&app.db)
                .await
                .unwrap();
            }
        }
        qifu::credit::score::service::recompute(
            &app.db,
            intermediary.id,
            qifu::credit::StarCause::Rating,
            None,
            now,
        )
        .await
        .unwrap();
        let stored = entities::credit_standing::Entity::find_by_id(intermediary.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let rows = entities::rating::Entity::find()
            .filter(entities::rating::Column::IntermediaryId.eq(intermediary.id))
            .all(&app.db)
            .await
            .unwrap();
        let stored_events = entities::credit_event::Entity::find()
            .filter(entities::credit_event::Column::OrganisationId.eq(intermediary.id))
            .all(&app.db)
            .await
            .unwrap();
        let (plain, scored_jobs) = plain_score(&rows, now);
        let adjustment = plain_adjustment(&stored_events, now);
        adjusted_somewhere += usize::from(plain.is_some() && adjustment != 0.0);
        let plain = plain.map(|mean| (mean + adjustment).clamp(0.0, 100.0));
        assert_eq!(
            stored.rated_jobs as usize, scored_jobs,
            "case {case}: {history:?}"
        );
        match plain {
            None => {
                assert_eq!(stored.score_hundredths, None, "case {case}");
                assert_eq!(stored.stars, None, "case {case}");
            }
            Some(points) => {
                rated_somewhere += 1;
                let hundredths = stored.score_hundredths.unwrap();
                assert!(
                    (f64::from(hundredths) - points * 100.0).abs() <= 1.0,
                    "case {case}: stored {hundredths}, plain {points}, events {events:?}"
                );
                let near_a_threshold = [90.0, 80.0, 70.0, 60.0]
                    .iter()
                    .any(|t| (points - t).abs() < 0.02);
                if !near_a_threshold {
                    let stars = [90.0, 80.0, 70.0, 60.0]
                        .iter()
                        .position(|t| points >= *t)
                        .map_or(1, |i| 5 - i as i16);
                    assert_eq!(stored.stars, Some(stars), "case {case}: plain {points}");
                }
            }
        }
    }
    assert!(
        rated_somewhere > 20,
        "the histories exercise scores: {rated_somewhere}"
    );
    assert!(
        adjusted_somewhere > 5,
        "the histories exercise events in force: {adjusted_somewhere}"
    );
}

async fn import_events(
    app: &TestApp,
    session: &Session,
    mode: &str,
    body: String,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/credit/events/import?mode={mode}")))
        .bearer_auth(&session.token)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap()
}

fn row_codes(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap_or("").to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn imported_events_adjust_the_score_while_in_force_and_an_import_is_idempotent() {
    let app = spawn_app().await;
    let m = market_with_department(&app, 3).await;
    let (job, winner) = accepted_job(&app, &m, "环评").await;
    let owner = app.login_as("enterprise").await;
    let task = task_of(&app, &owner, &job).await;
    // All 4s: 80 points, four stars.
    rate(&app, &owner, &task, json!({ "scores": scores(4) })).await;
    let enterprise_uscc = owner.user["organisation"]["uscc"]
        .as_str()
        .unwrap()
        .to_owned();
    let today = (app.clock_now() + Duration::hours(8)).date_naive();
    let year_ago = today - Duration::days(364);
    let file = format!(
        "统一社会信用代码,事件类型,来源,编号,发生日期,结束日期,说明\n\
         {w},欠税,杭州市税务局,SW-2026-001,{today},,欠缴增值税\n\
         {w},罚款,杭州市税务局,SW-2026-002,{today},,\n\
         {enterprise_uscc},行政处罚,市场监管局,CF-1,{today},,\n\
         {w},commendation,发改局,BZ-9,{tomorrow},,\n\
         {w},upheld_complaint,12345热线,TS-7,{today},{before},\n\
         {w},欠税,杭州市税务局,SW-2026-001,{today},,重复\n\
         {w},upheld_complaint,12345热线,TS-8,{year_ago},,\n",
        w = winner.uscc,
        tomorrow = today + Duration::days(1),
        before = today - Duration::days(1),
    );
    let admin = app.login_as("center_admin").await;

    // Checking reports every bad cell and saves nothing; `all` refuses the file whole.
    let checked: Value = import_events(&app, &admin, "check", file.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            checked["total_rows"].as_u64(),
            checked["valid_rows"].as_u64()
        ),
        (Some(7), Some(2))
    );
    assert_eq!(checked["applied"], false);
    let expected = [
        (3, "kind", "event_kind_unknown"),
        (4, "uscc", "event_not_intermediary"),
        (5, "occurred_on", "event_in_future"),
        (6, "ends_on", "event_ends_before_it_occurs"),
        (7, "reference", "import_duplicate_row"),
    ];
    let codes = row_codes(&checked);
    for (row, column, code) in expected {
        assert!(
            codes.contains(&(row, column.to_owned(), code.to_owned())),
            "{row} {code} in {codes:?}"
        );
    }
    assert_eq!(codes.len(), expected.len());
    let refused = import_events(&app, &admin, "all", file.clone()).await;
    let body = assert_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_has_errors",
    )
    .await;
    assert_eq!(body["report"]["valid_rows"], 2);
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 80);
    assert_eq!(mine["events"], json!([]));

    // The valid rows: −10 for the arrears and −5 for last year's complaint, both in force.
    let saved: Value = import_events(&app, &admin, "valid_rows", file.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            saved["applied"].as_bool(),
            saved["created"].as_u64(),
            saved["recomputed"].as_u64()
        ),
        (Some(true), Some(2), Some(1))
    );
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 65);
    assert_eq!(mine["standing"]["stars"], 2);
    let why = &mine["explanation"];
    assert_eq!(why["jobs_mean_hundredths"], 8000);
    assert_eq!(why["adjustment_hundredths"], -1500);
    assert_eq!(why["events"].as_array().unwrap().len(), 2);
    assert_eq!(mine["events"].as_array().unwrap().len(), 2);
    assert_eq!(mine["star_history"][0]["cause"], "event");
    let inbox = get(&app, "/api/v1/notifications", &winner_session).await;
    assert!(
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["event"] == "credit_changed"
                && n["body"].as_str().unwrap().contains("欠税（杭州市税务局）")),
        "{inbox}"
    );
    assert_eq!(app.audit_entries("credit.event_record").await.len(), 2);

    // The same file again changes nothing.
    let again: Value = import_events(&app, &admin, "valid_rows", file)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            again["created"].as_u64(),
            again["unchanged"].as_u64(),
            again["recomputed"].as_u64()
        ),
        (Some(0), Some(2), Some(0))
    );
    assert_eq!(app.audit_entries("credit.event_record").await.len(), 2);

    // JSON: the tax office says the arrears were paid today; the event ends and the score rises.
    let paid = json!([{
        "uscc": winner.uscc, "kind": "tax_arrears", "source": "杭州市税务局",
        "reference": "SW-2026-001", "occurred_on": today.to_string(), "ends_on": today.to_string(),
        "description": "欠缴增值税",
    }]);
    let updated: Value = import_events(&app, &admin, "all", paid.to_string())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (updated["format"].as_str(), updated["updated"].as_u64()),
        (Some("json"), Some(1))
    );
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 75);
    assert_eq!(app.audit_entries("credit.event_update").await.len(), 1);

    // A regulator reads them; two days on, last year's complaint has run its twelve months.
    let regulator = app.login_as("regulator").await;
    let listed = get(
        &app,
        "/api/v1/credit/events?kind=upheld_complaint",
        &regulator,
    )
    .await;
    assert_eq!(listed["total"], 1);
    assert_eq!(
        listed["items"][0]["intermediary"]["uscc"],
        winner.uscc.as_str()
    );
    assert_eq!(listed["items"][0]["reference"], "TS-8");
    app.advance(Duration::days(2));
    run_credit_job(&app, "credit_nightly_recompute").await;
    let winner_session = sign_in(&app, &winner).await;
    let mine = get(&app, "/api/v1/credit/mine", &winner_session).await;
    assert_eq!(mine["standing"]["score"], 80);
    assert_eq!(mine["explanation"]["events"], json!([]));

    // Only the centre imports.
    let intermediary_session = sign_in(&app, &winner).await;
    let forbidden = import_events(&app, &intermediary_session, "check", "uscc\n".to_owned()).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let admin = app.login_as("center_admin").await;
    let missing = import_events(
        &app,
        &admin,
        "check",
        "统一社会信用代码,来源\nx,y\n".to_owned(),
    )
    .await;
    assert_error(missing, StatusCode::BAD_REQUEST, "import_missing_column").await;
}

//! Sealed means sealed: before the deadline nobody but the bidder learns anything of a bid —
//! not the owner, not the centre, not the search index, not an error message, not a count in any
//! list, not the audit log, the outbox or anyone's inbox. Each way is tried here, by comparing
//! what each party sees before and after other organisations bid. Then concurrency: 200 bids
//! racing the deadline (none lost, none late) and two servers closing the same procurements.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{
    files::{upload, PDF},
    helpers::{assert_error, spawn_app, spawn_with, test_settings, Session, TestApp},
    marketplace::{
        bid, cancel, deadline, get, intermediary, market, procurement_body, project, published,
        run_deadlines_after, service_type, sign_in, Bidder,
    },
};

/// Everything one party can read that might betray a bid.
async fn what_they_see(app: &TestApp, session: &Session, id: &str) -> Vec<(String, Value)> {
    let mut paths = vec![
        format!("/api/v1/procurements/{id}"),
        "/api/v1/procurements?mine=true".to_owned(),
        "/api/v1/procurements".to_owned(),
        format!("/api/v1/procurements/{id}/questions"),
        format!("/api/v1/procurements/{id}/objections"),
        "/api/v1/notifications".to_owned(),
        "/api/v1/notifications/unread-count".to_owned(),
        "/api/v1/search?q=环评".to_owned(),
        "/api/v1/public/notices".to_owned(),
        format!("/api/v1/public/procurements/{id}/draw-proof"),
    ];
    if session.user["role"] == "center_admin" {
        paths.extend([
            "/api/v1/audit?per_page=100".to_owned(),
            "/api/v1/outbox".to_owned(),
            "/api/v1/scheduler/jobs".to_owned(),
        ]);
    }
    if session.user["role"] == "intermediary" {
        paths.extend([
            "/api/v1/procurements/open".to_owned(),
            "/api/v1/bids/mine".to_owned(),
        ]);
    }
    let mut seen = Vec::new();
    for path in paths {
        let response = app.get(&path, session).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        seen.push((
            path,
            json!({ "status": status.as_u16(), "body": without_clock(body) }),
        ));
    }
    for path in [
        format!("/api/v1/procurements/{id}/evaluation"),
        format!("/api/v1/procurements/{id}/contract"),
    ] {
        let response = app.get(&path, session).await;
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        seen.push((path, json!({ "status": status, "body": body })));
    }
    seen
}

/// Drops the fields that move with the clock alone (the scheduler's next-run times).
fn without_clock(mut body: Value) -> Value {
    if let Some(jobs) = body.as_array_mut() {
        for job in jobs {
            if let Some(job) = job.as_object_mut() {
                job.remove("next_run_at");
            }
        }
    }
    body
}

fn assert_same(before: &[(String, Value)], after: &[(String, Value)], who: &str) {
    assert_eq!(before.len(), after.len());
    for ((path, a), (_, b)) in before.iter().zip(after) {
        assert!(a == b, "{who} sees a difference at {path}");
    }
}

#[tokio::test]
async fn nobody_but_the_bidder_learns_anything_of_a_bid_before_the_deadline() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let owner = app.login_as("enterprise").await;
    let admin = app.login_as("center_admin").await;
    let regulator = app.login_as("regulator").await;
    let rival = sign_in(&app, &m.bidders[2]).await;
    let first = sign_in(&app, &m.bidders[0]).await;
    let second = sign_in(&app, &m.bidders[1]).await;
    let parties = [
        ("owner", &owner),
        ("centre", &admin),
        ("regulator", &regulator),
        ("rival", &rival),
    ];
    let mut before = Vec::new();
    for (_, session) in &parties {
        before.push(what_they_see(&app, session, &id).await);
    }

    // Two intermediaries bid, one with a proposal file; one replaces, one withdraws and bids again.
    let file: Value = upload(&app, &first, "bid_proposal", "报价方案.pdf", PDF.to_vec())
        .await
        .json()
        .await
        .unwrap();
    let file_id = file["id"].as_str().unwrap().to_owned();
    let placed = crate::marketplace::put(
        &app,
        &format!("/api/v1/procurements/{id}/bid"),
        &first,
        json!({ "price_fen": 5_000_000, "promised_working_days": 10, "proposal": "方案", "proposal_file_id": file_id }),
    )
    .await;
    assert_eq!(placed.status(), StatusCode::OK);
    let placed: Value = placed.json().await.unwrap();
    assert_eq!(
        placed["proposal_digest"].as_str().unwrap().len(),
        64,
        "the file's hash is the digest"
    );
    bid(&app, &second, &id, 6_000_000).await;
    bid(&app, &second, &id, 5_500_000).await;
    app.request(
        Method::DELETE,
        &format!("/api/v1/procurements/{id}/bid"),
        Some(&first),
        None,
    )
    .await;
    bid(&app, &first, &id, 4_900_000).await;

    for ((who, session), seen) in parties.iter().zip(&before) {
        let after = what_they_see(&app, session, &id).await;
        assert_same(seen, &after, who);
    }

    // Errors say nothing about other bids: the rival's own-bid moves fail alike.
    let withdraw = app
        .request(
            Method::DELETE,
            &format!("/api/v1/procurements/{id}/bid"),
            Some(&rival),
            None,
        )
        .await;
    let body = assert_error(withdraw, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(body["error"]["message"], "bid not found");
    let confirm = app
        .post(
            &format!("/api/v1/procurements/{id}/bid/confirm"),
            &rival,
            json!({}),
        )
        .await;
    assert_error(confirm, StatusCode::NOT_FOUND, "not_found").await;
    for session in [&owner, &admin] {
        let evaluation = app
            .get(&format!("/api/v1/procurements/{id}/evaluation"), session)
            .await;
        assert_error(evaluation, StatusCode::UNPROCESSABLE_ENTITY, "bids_sealed").await;
    }

    // The proposal file: its bidder reads it; nobody else, not even through a signed link.
    assert_eq!(
        app.get(&format!("/api/v1/files/{file_id}/content"), &first)
            .await
            .status(),
        StatusCode::OK
    );
    for session in [&owner, &admin, &regulator, &rival] {
        let read = app
            .get(&format!("/api/v1/files/{file_id}/content"), session)
            .await;
        assert_error(read, StatusCode::NOT_FOUND, "not_found").await;
        let link = app
            .post(&format!("/api/v1/files/{file_id}/link"), session, json!({}))
            .await;
        assert_error(link, StatusCode::NOT_FOUND, "not_found").await;
    }

    // After closing the owner sees every bid and reads the proposal; the rival still does not.
    run_deadlines_after(&app, deadline(&p)).await;
    let owner = app.login_as("enterprise").await;
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{id}/evaluation"),
        &owner,
    )
    .await;
    assert_eq!(evaluation["bids"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.get(&format!("/api/v1/files/{file_id}/content"), &owner)
            .await
            .status(),
        StatusCode::OK
    );
    let rival = sign_in(&app, &m.bidders[2]).await;
    let read = app
        .get(&format!("/api/v1/files/{file_id}/content"), &rival)
        .await;
    assert_error(read, StatusCode::NOT_FOUND, "not_found").await;
    // The sealed history reaches the audit log at closing, every move with its time.
    let closing = app.audit_entries("procurement.close").await;
    assert_eq!(
        closing[0]["summary"]["bid_events"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

/// Registers `count` qualified intermediaries quickly, as the API does.
async fn many_bidders(app: &TestApp, service_type: &str, count: usize) -> Vec<Bidder> {
    let admin = app.login_as("center_admin").await;
    let mut bidders = Vec::with_capacity(count);
    for _ in 0..count {
        bidders.push(intermediary(app, &admin, service_type).await);
    }
    bidders
}

#[tokio::test]
async fn two_hundred_bids_racing_the_deadline_are_each_kept_or_refused_and_none_is_late() {
    let app = spawn_app().await;
    let m = market(&app, 0).await;
    let bidders = many_bidders(&app, &m.service_type, 200).await;
    let p = published(&app, &m, "lowest_price").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let end = deadline(&p);
    app.advance(end - app.clock_now() - Duration::seconds(1));
    let mut sessions = Vec::with_capacity(bidders.len());
    for b in &bidders {
        sessions.push(sign_in(&app, b).await);
    }

    // All bids go out at once; when half have answered, the deadline passes and closing runs.
    let answered = Arc::new(AtomicUsize::new(0));
    let half = Arc::new(tokio::sync::Notify::new());
    let bids = sessions.iter().enumerate().map(|(i, session)| {
        let (answered, half, app, id) = (answered.clone(), half.clone(), &app, id.clone());
        async move {
            let response = bid(app, session, &id, 5_000_000 + i as i64 * 100).await;
            let status = response.status();
            let body: Value = response.json().await.unwrap();
            if answered.fetch_add(1, Ordering::SeqCst) + 1 == 100 {
                half.notify_one();
            }
            (i, status, body)
        }
    });
    let closing = async {
        half.notified().await;
        run_deadlines_after(&app, end).await
    };
    let (results, message) = tokio::join!(futures_util::future::join_all(bids), closing);
    assert!(message.starts_with("1 procurements closed"), "{message}");

    let kept: Vec<usize> = results
        .iter()
        .filter(|(_, s, _)| *s == StatusCode::OK)
        .map(|(i, _, _)| *i)
        .collect();
    for (_, status, body) in results.iter().filter(|(_, s, _)| *s != StatusCode::OK) {
        assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "bid_after_deadline");
    }
    assert!(kept.len() >= 100, "{} kept", kept.len());
    let owner = app.login_as("enterprise").await;
    let evaluation = get(
        &app,
        &format!("/api/v1/procurements/{id}/evaluation"),
        &owner,
    )
    .await;
    let stored = evaluation["bids"].as_array().unwrap();
    assert_eq!(
        stored.len(),
        kept.len(),
        "every acknowledged bid is stored, and only those"
    );
    for b in stored {
        let placed: chrono::DateTime<chrono::Utc> =
            b["placed_at"].as_str().unwrap().parse().unwrap();
        assert!(
            placed < end,
            "a bid placed at {placed} after the deadline {end}"
        );
        assert_ne!(b["status"], "rejected", "{b}");
    }
    let codes: std::collections::BTreeSet<&str> = stored
        .iter()
        .map(|b| b["bidder_uscc"].as_str().unwrap())
        .collect();
    let expected: std::collections::BTreeSet<&str> =
        kept.iter().map(|i| bidders[*i].uscc.as_str()).collect();
    assert_eq!(codes, expected);
    let awarded = get(&app, &format!("/api/v1/procurements/{id}"), &owner).await;
    assert_eq!(awarded["status"], "notice");
}

#[tokio::test]
async fn two_servers_closing_at_once_close_each_procurement_exactly_once() {
    let (settings, db) = test_settings().await;
    let url = settings.database_url();
    let first = spawn_with(settings.clone(), db, true).await;
    let mut second_settings = settings;
    second_settings.database.url = url;
    second_settings.search.index_dir = second_settings.data_dir.join("second-search");
    let second_db = qifu::db::connect(&second_settings).await.unwrap();
    let second = spawn_with(second_settings, second_db, false).await;

    let m = market(&first, 3).await;
    let owner = first.login_as("enterprise").await;
    let mut ids = Vec::new();
    for _ in 0..12 {
        let drafted =
            crate::marketplace::draft(&first, &owner, procurement_body(&m, "random_draw")).await;
        let id = drafted["id"].as_str().unwrap().to_owned();
        first
            .post(
                &format!("/api/v1/procurements/{id}/publish"),
                &owner,
                json!({}),
            )
            .await;
        ids.push(id);
    }
    for bidder in &m.bidders {
        let session = sign_in(&first, bidder).await;
        for id in &ids {
            assert_eq!(
                bid(&first, &session, id, 5_000_000).await.status(),
                StatusCode::OK
            );
        }
    }
    let p = get(&first, &format!("/api/v1/procurements/{}", ids[0]), &owner).await;
    let instant = deadline(&p) + Duration::minutes(1);
    first.advance(instant - first.clock_now());
    second.advance(instant - second.clock_now());

    let (a, b) = tokio::join!(
        qifu::marketplace::selection::service::close_due(
            &first.state.db,
            instant,
            &first.state.settings.marketplace,
        ),
        qifu::marketplace::selection::service::close_due(
            &second.state.db,
            instant,
            &second.state.settings.marketplace,
        ),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.closed + b.closed, 12, "{a:?} {b:?}");
    assert_eq!(a.awarded + b.awarded, 12);
    let closings = first.audit_entries("procurement.close").await;
    assert_eq!(closings.len(), 12);
    let awards = first.audit_entries("procurement.award").await;
    let awarded: std::collections::BTreeSet<&str> = awards
        .iter()
        .map(|e| e["target_id"].as_str().unwrap())
        .collect();
    assert_eq!(awarded.len(), 12, "one award per procurement");
    let again = qifu::marketplace::selection::service::close_due(
        &second.state.db,
        instant,
        &second.state.settings.marketplace,
    )
    .await
    .unwrap();
    assert_eq!(again.closed, 0);
}

#[tokio::test]
async fn a_bid_and_its_refusals_never_depend_on_another_organisations_bid() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let eia = service_type(&app, &admin, "eia").await;
    let owner = app.login_as("enterprise").await;
    project(&app, &owner, "2026-330281-47-01-000001").await;
    let m = market_with(&app, &eia, 2).await;
    let p = published(&app, &m, "random_draw").await;
    let id = p["id"].as_str().unwrap().to_owned();
    let (a, b) = (
        sign_in(&app, &m.bidders[0]).await,
        sign_in(&app, &m.bidders[1]).await,
    );
    let alone: Value = bid(&app, &a, &id, 5_000_000).await.json().await.unwrap();
    let with_rival: Value = bid(&app, &b, &id, 5_000_000).await.json().await.unwrap();
    let shape = |v: &Value| {
        let mut v = v.clone();
        for key in ["id", "placed_at"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    assert_eq!(
        shape(&alone),
        shape(&with_rival),
        "the second bid's answer is the same as the first's"
    );
    let too_high_first = bid(&app, &a, &id, 9_000_000).await;
    let too_high_second = bid(&app, &b, &id, 9_000_000).await;
    let first: Value = too_high_first.json().await.unwrap();
    let second: Value = too_high_second.json().await.unwrap();
    assert_eq!(first, second);
}

/// A market on an existing service type and project.
async fn market_with(
    app: &TestApp,
    service_type: &Value,
    bidders: usize,
) -> crate::marketplace::Market {
    let owner = app.login_as("enterprise").await;
    let projects = get(app, "/api/v1/projects", &owner).await;
    let id = service_type["id"].as_str().unwrap().to_owned();
    crate::marketplace::Market {
        service_type: id.clone(),
        project: projects[0]["id"].as_str().unwrap().to_owned(),
        bidders: many_bidders(app, &id, bidders).await,
    }
}

#[tokio::test]
async fn a_procurement_cancelled_while_bidding_never_unseals_its_bids() {
    let app = spawn_app().await;
    let m = market(&app, 3).await;
    let p = published(&app, &m, "random_draw").await;
    let id = p["id"].as_str().unwrap().to_owned();
    for bidder in &m.bidders {
        bid(&app, &sign_in(&app, bidder).await, &id, 5_000_000).await;
    }
    let owner = app.login_as("enterprise").await;
    let cancelled = cancel(&app, &owner, &id, "项目调整").await;
    assert_eq!(cancelled.status(), StatusCode::OK);

    // Neither the owner nor the centre reads the bids, and the draw proof keeps its seed.
    let admin = app.login_as("center_admin").await;
    for session in [&owner, &admin] {
        let evaluation = app
            .get(&format!("/api/v1/procurements/{id}/evaluation"), session)
            .await;
        assert_error(evaluation, StatusCode::UNPROCESSABLE_ENTITY, "bids_sealed").await;
    }
    let proof = app
        .get_public_json(&format!("/api/v1/public/procurements/{id}/draw-proof"))
        .await;
    assert_eq!(proof["seed"], "", "{proof}");
    // Open data shows the cancelled tender without a bid or a tenderer.
    let releases = app.get_public_json("/api/v1/opendata/ocds/releases").await;
    let text = releases.to_string();
    assert!(text.contains(&id), "{text}");
    assert!(
        !text.contains("5000000") && !text.contains("50000.00"),
        "{text}"
    );
    for bidder in &m.bidders {
        assert!(!text.contains(&bidder.uscc), "a bidder is named: {text}");
    }
}

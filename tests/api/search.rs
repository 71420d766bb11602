//! Search: one contract suite run against both backends (tantivy always; Meilisearch when
//! `QIFU_TEST_MEILISEARCH_URL` is set), then the API end to end: the search outbox, visibility,
//! Chinese compounds, reindexing and a second server catching up.

use std::sync::Arc;

use qifu::search::{
    catch_up, DocKind, IndexBatch, MeilisearchEngine, SearchDocument, SearchEngine, SearchQuery,
    TantivyEngine, PUBLIC,
};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{assert_error, new_uscc, spawn_app, spawn_with, test_settings};

/// Every backend the machine has: the embedded one, and Meilisearch when configured.
async fn engines() -> Vec<Arc<dyn SearchEngine>> {
    let dir = std::env::temp_dir().join(format!("qifu-contract-{}", Uuid::new_v4()));
    let mut engines: Vec<Arc<dyn SearchEngine>> =
        vec![Arc::new(TantivyEngine::open(Some(&dir)).unwrap())];
    if let Ok(url) = std::env::var("QIFU_TEST_MEILISEARCH_URL") {
        let key = std::env::var("QIFU_TEST_MEILISEARCH_KEY").ok();
        let prefix = format!("qifu_test_{}", Uuid::new_v4().simple());
        engines.push(Arc::new(
            MeilisearchEngine::connect(&url, key.as_deref(), &prefix)
                .await
                .unwrap(),
        ));
    }
    engines
}

fn doc(title: &str, body: &str, audience: &[&str]) -> SearchDocument {
    let record = Uuid::new_v4();
    SearchDocument {
        id: SearchDocument::id_for(DocKind::Organisation, record),
        kind: "organisation".to_owned(),
        record_id: record.to_string(),
        title: title.to_owned(),
        body: body.to_owned(),
        audience: audience.iter().map(|a| (*a).to_owned()).collect(),
    }
}

fn query(text: &str, audience: &[&str]) -> SearchQuery {
    SearchQuery {
        text: text.to_owned(),
        kind: None,
        audience: audience.iter().map(|a| (*a).to_owned()).collect(),
        offset: 0,
        limit: 10,
    }
}

async fn put(engine: &Arc<dyn SearchEngine>, docs: Vec<SearchDocument>, position: i64) {
    engine
        .apply(IndexBatch {
            upserts: docs,
            deletes: Vec::new(),
            position,
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn contract_chinese_words_are_found_inside_compounds_with_highlights() {
    for engine in engines().await {
        put(
            &engine,
            vec![
                doc(
                    "宁波竣工测绘有限公司",
                    "提供竣工测绘与规划测量服务",
                    &[PUBLIC],
                ),
                doc("环境影响评价中心", "环评报告编制", &[PUBLIC]),
            ],
            1,
        )
        .await;
        let results = engine.search(&query("测绘", &[PUBLIC])).await.unwrap();
        assert_eq!(results.total, 1, "{}", engine.name());
        assert_eq!(results.hits[0].title, "宁波竣工测绘有限公司");
        assert!(
            results.hits[0].snippet.contains("<mark>测绘</mark>"),
            "{}: {}",
            engine.name(),
            results.hits[0].snippet
        );
    }
}

#[tokio::test]
async fn contract_an_update_replaces_and_a_delete_removes() {
    for engine in engines().await {
        let mut original = doc("旧名称咨询公司", "工程咨询", &[PUBLIC]);
        put(&engine, vec![original.clone()], 1).await;
        original.title = "新名称咨询公司".to_owned();
        put(&engine, vec![original.clone()], 2).await;
        assert_eq!(
            engine
                .search(&query("旧名称", &[PUBLIC]))
                .await
                .unwrap()
                .total,
            0,
            "{}",
            engine.name()
        );
        let renamed = engine.search(&query("新名称", &[PUBLIC])).await.unwrap();
        assert_eq!(renamed.total, 1);
        assert_eq!(
            engine
                .search(&query("咨询", &[PUBLIC]))
                .await
                .unwrap()
                .total,
            1,
            "one document, not two"
        );
        engine
            .apply(IndexBatch {
                upserts: Vec::new(),
                deletes: vec![original.id.clone()],
                position: 3,
            })
            .await
            .unwrap();
        assert_eq!(
            engine
                .search(&query("咨询", &[PUBLIC]))
                .await
                .unwrap()
                .total,
            0
        );
        assert_eq!(engine.position().await.unwrap(), 3);
    }
}

#[tokio::test]
async fn contract_only_the_audience_sees_a_document() {
    for engine in engines().await {
        let owner = format!("org:{}", Uuid::new_v4());
        put(
            &engine,
            vec![
                doc("草稿项目委托", "安全预评价", &[owner.as_str()]),
                doc("公开项目委托", "安全预评价", &[PUBLIC]),
            ],
            1,
        )
        .await;
        let stranger = engine
            .search(&query("安全预评价", &[PUBLIC, "org:someone-else"]))
            .await
            .unwrap();
        assert_eq!(stranger.total, 1, "{}", engine.name());
        assert_eq!(stranger.hits[0].title, "公开项目委托");
        let own = engine
            .search(&query("安全预评价", &[PUBLIC, owner.as_str()]))
            .await
            .unwrap();
        assert_eq!(own.total, 2);
    }
}

#[tokio::test]
async fn contract_results_are_paged_and_filtered_by_kind() {
    for engine in engines().await {
        let docs: Vec<_> = (0..25)
            .map(|i| doc(&format!("能源评估机构{i:02}"), "节能评估", &[PUBLIC]))
            .collect();
        put(&engine, docs, 1).await;
        let mut second = query("节能评估", &[PUBLIC]);
        second.offset = 10;
        let first = engine.search(&query("节能评估", &[PUBLIC])).await.unwrap();
        let page = engine.search(&second).await.unwrap();
        assert_eq!(first.total, 25, "{}", engine.name());
        assert_eq!(page.hits.len(), 10);
        assert!(page
            .hits
            .iter()
            .all(|h| !first.hits.iter().any(|f| f.id == h.id)));
        let mut of_kind = query("节能评估", &[PUBLIC]);
        of_kind.kind = Some(DocKind::Organisation);
        assert_eq!(engine.search(&of_kind).await.unwrap().total, 25);
    }
}

#[tokio::test]
async fn contract_snippets_escape_what_the_documents_say() {
    for engine in engines().await {
        put(
            &engine,
            vec![doc(
                "<script>alert(1)</script>测绘",
                "<b>测绘</b> & 规划",
                &[PUBLIC],
            )],
            1,
        )
        .await;
        let hit = &engine.search(&query("测绘", &[PUBLIC])).await.unwrap().hits[0];
        assert!(
            !hit.snippet.contains("<script>") && !hit.snippet.contains("<b>"),
            "{}: {}",
            engine.name(),
            hit.snippet
        );
        assert!(hit.snippet.contains("<mark>"));
    }
}

#[tokio::test]
async fn contract_clearing_empties_the_index_and_resets_the_position() {
    for engine in engines().await {
        put(&engine, vec![doc("评估中心", "评估", &[PUBLIC])], 9).await;
        assert_eq!(engine.position().await.unwrap(), 9, "{}", engine.name());
        engine.clear().await.unwrap();
        assert_eq!(engine.position().await.unwrap(), 0);
        assert_eq!(
            engine
                .search(&query("评估", &[PUBLIC]))
                .await
                .unwrap()
                .total,
            0
        );
    }
}

#[tokio::test]
async fn a_registered_organisation_is_found_once_the_indexer_catches_up() {
    let app = spawn_app().await;
    app.register("intermediary", &new_uscc(), "survey@example.com")
        .await;
    let admin = app.login_as("center_admin").await;
    let before: Value = app.get_json("/api/v1/search?q=测试科技", &admin).await;
    assert_eq!(
        before["total"], 0,
        "indexed only after the commit, by the indexer"
    );
    catch_up(&app.state.indexer).await.unwrap();
    let after: Value = app.get_json("/api/v1/search?q=测试科技", &admin).await;
    assert_eq!(after["total"], 1);
    assert_eq!(after["items"][0]["title"], "杭州测试科技有限公司");
    assert!(after["items"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>"));
}

#[tokio::test]
async fn a_pending_intermediary_is_hidden_from_others_until_approved() {
    let app = spawn_app().await;
    let body: Value = app
        .register("intermediary", &new_uscc(), "x@example.com")
        .await
        .json()
        .await
        .unwrap();
    let id = body["organisation"]["id"].as_str().unwrap().to_owned();
    catch_up(&app.state.indexer).await.unwrap();
    let enterprise = app.login_as("enterprise").await;
    let own = app.login_with("x@example.com", "a-strong-password").await;
    let hidden: Value = app.get_json("/api/v1/search?q=测试科技", &enterprise).await;
    assert_eq!(hidden["total"], 0);
    // Until approved, its own users may only complete the registration, not search.
    let mine = app.get("/api/v1/search?q=测试科技", &own).await;
    assert_error(mine, StatusCode::FORBIDDEN, "organisation_pending").await;

    let admin = app.login_as("center_admin").await;
    app.post(
        &format!("/api/v1/organisations/{id}/approve"),
        &admin,
        serde_json::json!({ "reason": "ok" }),
    )
    .await;
    catch_up(&app.state.indexer).await.unwrap();
    let public: Value = app
        .get_json("/api/v1/search?q=测试科技&kind=organisation", &enterprise)
        .await;
    assert_eq!(public["total"], 1);
}

#[tokio::test]
async fn an_enterprise_is_not_found_by_another_firm() {
    let app = spawn_app().await;
    catch_up(&app.state.indexer).await.unwrap();
    let intermediary = app.login_as("intermediary").await;
    let found: Value = app
        .get_json("/api/v1/search?q=杭州演示智能科技", &intermediary)
        .await;
    assert_eq!(found["total"], 0);
    let regulator = app.login_as("regulator").await;
    let staff: Value = app
        .get_json("/api/v1/search?q=杭州演示智能科技", &regulator)
        .await;
    assert_eq!(staff["total"], 1);
}

#[tokio::test]
async fn a_search_needs_words_and_a_known_kind() {
    let app = spawn_app().await;
    let user = app.login_as("enterprise").await;
    assert_error(
        app.get("/api/v1/search?q=", &user).await,
        StatusCode::BAD_REQUEST,
        "validation_failed",
    )
    .await;
    assert_error(
        app.get("/api/v1/search?q=x&kind=planet", &user).await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn reindexing_rebuilds_the_index_from_the_database() {
    let app = spawn_app().await;
    app.register("enterprise", &new_uscc(), "e@example.com")
        .await;
    let summary = qifu::search::reindex(&app.state.indexer, |_, _| {})
        .await
        .unwrap();
    assert_eq!(summary.documents, 6);
    assert_eq!(summary.engine, "tantivy");
    let admin = app.login_as("center_admin").await;
    let found: Value = app.get_json("/api/v1/search?q=演示", &admin).await;
    assert_eq!(found["total"], 5);
    assert_eq!(app.state.search.position().await.unwrap(), summary.position);
}

#[tokio::test]
async fn a_second_server_catches_up_with_changes_made_by_the_first() {
    let (settings, db) = test_settings().await;
    let url = settings.database_url();
    let first = spawn_with(settings.clone(), db, true).await;
    let mut second_settings = settings;
    second_settings.database.url = url;
    second_settings.search.index_dir = second_settings.data_dir.join("second-search");
    let second_db = qifu::db::connect(&second_settings).await.unwrap();
    let second = spawn_with(second_settings, second_db, false).await;

    first
        .register("enterprise", &new_uscc(), "made-on-first@example.com")
        .await;
    catch_up(&second.state.indexer).await.unwrap();
    let admin = second.login_as("center_admin").await;
    let found: Value = second.get_json("/api/v1/search?q=测试科技", &admin).await;
    assert_eq!(found["total"], 1);
    assert_eq!(
        first.state.search.position().await.unwrap(),
        0,
        "the first has not indexed yet"
    );
}

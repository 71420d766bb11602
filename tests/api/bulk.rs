//! Bulk import and export of profiles: an export reads back unchanged (xlsx and CSV); a file with
//! errors changes nothing unless the valid rows are asked for; every bad cell is reported by row
//! and column; a missing column keeps what is stored; GB18030 CSV from Excel is read; bad files
//! are refused with their own codes.

use reqwest::{header, Method, StatusCode};
use serde_json::Value;

use crate::{
    helpers::{assert_error, new_uscc, spawn_app, Session, TestApp},
    policies::save_profile,
};

async fn import(app: &TestApp, admin: &Session, mode: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/enterprises/import?mode={mode}")))
        .bearer_auth(&admin.token)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn export(app: &TestApp, admin: &Session, format: &str) -> Vec<u8> {
    let response = app
        .get(
            &format!("/api/v1/enterprises/export?format={format}"),
            admin,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.ends_with(&format!(".{format}\"")),
        "{disposition}"
    );
    response.bytes().await.unwrap().to_vec()
}

/// The demo enterprise's code and its profile as the centre sees it.
async fn demo_enterprise(app: &TestApp, enterprise: &Session) -> (String, Value) {
    let me = app.get_json("/api/v1/me", enterprise).await;
    let profile = app
        .get_json("/api/v1/enterprises/me/profile", enterprise)
        .await;
    (
        me["organisation"]["uscc"].as_str().unwrap().to_owned(),
        profile,
    )
}

async fn enterprises(app: &TestApp, admin: &Session) -> u64 {
    app.get_json("/api/v1/enterprises?per_page=1", admin).await["total"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn an_export_reads_back_unchanged_as_xlsx_and_as_csv() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let (_, before) = demo_enterprise(&app, &enterprise).await;
    for format in ["xlsx", "csv"] {
        let file = export(&app, &admin, format).await;
        let response = import(&app, &admin, "all", file).await;
        assert_eq!(response.status(), StatusCode::OK);
        let report: Value = response.json().await.unwrap();
        assert_eq!(report["format"], format);
        assert_eq!(report["errors"], serde_json::json!([]));
        assert_eq!(report["applied"], true);
        assert_eq!(report["updated"], 0, "{report}");
        assert_eq!(report["unchanged"], report["valid_rows"]);
    }
    let (_, after) = demo_enterprise(&app, &enterprise).await;
    assert_eq!(after["version"], before["version"]);
}

fn csv_file(rows: &[String]) -> Vec<u8> {
    rows.join("\r\n").into_bytes()
}

#[tokio::test]
async fn a_file_with_errors_changes_nothing_unless_the_valid_rows_are_asked_for() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let enterprise = app.login_as("enterprise").await;
    save_profile(&app, &enterprise, 120).await;
    let (demo, before) = demo_enterprise(&app, &enterprise).await;
    let (new, unnamed) = (new_uscc(), new_uscc());
    let file = csv_file(&[
        "统一社会信用代码,企业名称,从业人数,上年营业收入（元）,注册地行政区划代码,资质荣誉".to_owned(),
        format!("{demo},,300,\"12,000,000.50\",330106,high_tech_enterprise|GR2025|2025-01-01|2027-12-31"),
        format!("{new},杭州新导入科技有限公司,25,800000,330108,"),
        "91330106ABCDEFGHIJ,坏代码公司,1,1,330106,".to_owned(),
        format!("{unnamed},,10,1.234,999999,no_such_kind"),
        format!("{demo},重复,1,1,330106,"),
    ]);
    let enterprises_before = enterprises(&app, &admin).await;

    let response = import(&app, &admin, "all", file.clone()).await;
    let body = assert_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_has_errors",
    )
    .await;
    let report = &body["report"];
    assert_eq!(
        (report["total_rows"].as_u64(), report["valid_rows"].as_u64()),
        (Some(5), Some(2))
    );
    assert_eq!(report["applied"], false);
    let cells: Vec<(u64, String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let column = e["column"].as_str().unwrap_or("").to_owned();
            (
                e["row"].as_u64().unwrap(),
                column,
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (4, "uscc", "uscc_character"),
        (5, "name", "import_name_missing"),
        (5, "revenue_yuan", "import_cell_invalid"),
        (6, "uscc", "import_duplicate_row"),
    ];
    for (row, column, code) in expected {
        assert!(
            cells.contains(&(row, column.to_owned(), code.to_owned())),
            "{row} {column} {code} in {cells:?}"
        );
    }
    let (_, unchanged) = demo_enterprise(&app, &enterprise).await;
    assert_eq!(unchanged["version"], before["version"], "nothing was saved");
    assert_eq!(enterprises(&app, &admin).await, enterprises_before);

    let checked: Value = import(&app, &admin, "check", file.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(checked["errors"], report["errors"]);
    assert_eq!(checked["applied"], false);

    let response = import(&app, &admin, "valid_rows", file).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["applied"], true);
    assert_eq!(
        (report["created"].as_u64(), report["updated"].as_u64()),
        (Some(1), Some(2))
    );
    let (_, after) = demo_enterprise(&app, &enterprise).await;
    assert_eq!(after["employees"], 300);
    assert_eq!(after["revenue_fen"], 1_200_000_050_i64);
    assert_eq!(
        after["founded_on"], before["founded_on"],
        "a column the file lacks is kept"
    );
    assert_eq!(after["qualifications"][0]["kind"], "high_tech_enterprise");
    assert_eq!(enterprises(&app, &admin).await, enterprises_before + 1);
    let history = app
        .get_json("/api/v1/enterprises/me/profile/history", &enterprise)
        .await;
    assert_eq!(
        history["items"][0]["actor_role"], "center_admin",
        "{history}"
    );
}

#[tokio::test]
async fn a_profile_check_failure_names_its_row_and_column_and_gb18030_is_read() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let text = format!(
        "uscc,name,region_code,tax_credit_grade\r\n{},温州测试鞋业有限公司,999999,A\r\n{},宁波测试模具有限公司,330203,b\r\n",
        new_uscc(),
        new_uscc()
    );
    let (encoded, _, _) = encoding_rs::GB18030.encode(&text);
    let report: Value = import(&app, &admin, "check", encoded.to_vec())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["format"], "csv");
    assert_eq!(report["valid_rows"], 1, "{report}");
    assert_eq!(report["errors"][0]["row"], 2);
    assert_eq!(report["errors"][0]["column"], "region_code");
}

#[tokio::test]
async fn an_imported_abolished_region_code_is_refused_naming_its_successor() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let text = format!(
        "uscc,name,region_code\r\n{},杭州测试下城有限公司,330103\r\n{},杭州测试富阳有限公司,330183\r\n{},杭州测试钱塘有限公司,330114\r\n",
        new_uscc(),
        new_uscc(),
        new_uscc()
    );
    let report: Value = import(&app, &admin, "check", text.into_bytes())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["valid_rows"], 1, "{report}");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{report}");
    for (error, successor) in errors.iter().zip(["330105", "330111"]) {
        assert_eq!(error["column"], "region_code");
        assert_eq!(error["code"], "profile_region_invalid");
        assert!(
            error["message"].as_str().unwrap().contains(successor),
            "{error}"
        );
    }
}

#[tokio::test]
async fn unreadable_files_are_refused_with_their_own_codes() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let zip = b"PK\x03\x04 not really a workbook".to_vec();
    let response = import(&app, &admin, "check", zip).await;
    assert_error(response, StatusCode::BAD_REQUEST, "import_unreadable").await;
    let response = import(&app, &admin, "check", Vec::new()).await;
    assert_error(response, StatusCode::BAD_REQUEST, "import_unreadable").await;
    let response = import(&app, &admin, "check", b"name,employees\r\nx,1".to_vec()).await;
    assert_error(response, StatusCode::BAD_REQUEST, "import_missing_column").await;
    let huge = vec![b'a'; 10 * 1024 * 1024 + 1];
    let response = import(&app, &admin, "check", huge).await;
    assert_error(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    let response = app
        .request(
            Method::POST,
            "/api/v1/enterprises/import?mode=sometimes",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn numbers_and_dates_typed_into_excel_are_read_like_text() {
    let app = spawn_app().await;
    let admin = app.login_as("center_admin").await;
    let uscc = new_uscc();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (col, title) in (0u16..).zip([
        "统一社会信用代码",
        "企业名称",
        "从业人数",
        "成立日期",
        "研发投入（元）",
        "注册地行政区划代码",
    ]) {
        sheet.write_string(0, col, title).unwrap();
    }
    sheet.write_string(1, 0, &uscc).unwrap();
    sheet.write_string(1, 1, "湖州测试纺织有限公司").unwrap();
    sheet.write_number(1, 2, 42.0).unwrap();
    let founded = rust_xlsxwriter::ExcelDateTime::from_ymd(2018, 3, 9).unwrap();
    sheet
        .write_datetime_with_format(1, 3, &founded, &date)
        .unwrap();
    sheet.write_number(1, 4, 123456.78).unwrap();
    sheet.write_number(1, 5, 330502.0).unwrap();
    let file = workbook.save_to_buffer().unwrap();
    let report: Value = import(&app, &admin, "all", file)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["format"], "xlsx");
    assert_eq!(report["created"], 1, "{report}");
    let list = app
        .get_json(
            "/api/v1/enterprises?name=%E6%B9%96%E5%B7%9E%E6%B5%8B%E8%AF%95",
            &admin,
        )
        .await;
    assert_eq!(list["items"][0]["uscc"], uscc.as_str());
    let id = list["items"][0]["enterprise_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let profile = app
        .get_json(&format!("/api/v1/enterprises/{id}/profile"), &admin)
        .await;
    assert_eq!(profile["employees"], 42);
    assert_eq!(profile["founded_on"], "2018-03-09");
    assert_eq!(profile["rd_spending_fen"], 12_345_678);
    assert_eq!(profile["region_code"], "330502");
}

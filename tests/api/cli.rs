//! The `qifu` binary end to end: configuration errors, migrations, seeding, bootstrap and
//! `audit verify` on a tampered database.

use std::process::{Command, Output};

fn qifu(data_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qifu"));
    command
        .args(args)
        .env("QIFU_ENVIRONMENT", "test")
        .env("QIFU_DATA_DIR", data_dir)
        .env_remove("QIFU_DATABASE__URL");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("qifu runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("qifu-cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let dir = temp_dir();
    let cases = [
        ("QIFU_SERVER__PORT", "not-a-port", "server.port"),
        ("QIFU_DATABASE__URL", "mysql://x", "database.url"),
        ("QIFU_AUTH__LOCKOUT_MINUTES", "0", "auth.lockout_minutes"),
        ("QIFU_ENVIRONMENT", "staging", "QIFU_ENVIRONMENT"),
        (
            "QIFU_SCHEDULER__JOBS__PURGE_SESSIONS__CRON",
            "every night",
            "scheduler.jobs.purge_sessions.cron: `every night`",
        ),
    ];
    for (key, value, setting) in cases {
        let output = qifu(&dir, &["migrate", "status"], &[(key, value)]);
        assert!(!output.status.success(), "{key}={value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(setting), "{key}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn migrations_go_up_down_and_report_their_status() {
    let dir = temp_dir();
    assert!(qifu(&dir, &["migrate", "up"], &[]).status.success());
    let status = text(&qifu(&dir, &["migrate", "status"], &[]));
    let migrations = status.lines().filter(|l| l.contains(" m20")).count();
    assert!(migrations >= 6, "{status}");
    assert_eq!(
        status.matches("applied m20").count(),
        migrations,
        "{status}"
    );
    assert!(qifu(&dir, &["migrate", "down", "--steps", "2"], &[])
        .status
        .success());
    let status = text(&qifu(&dir, &["migrate", "status"], &[]));
    assert_eq!(status.matches("pending m20").count(), 2, "{status}");
}

#[test]
fn seeding_twice_creates_the_demo_data_once() {
    let dir = temp_dir();
    let first = text(&qifu(&dir, &["seed", "--demo"], &[]));
    assert!(
        first.contains("5 organisations and 6 users created"),
        "{first}"
    );
    let second = text(&qifu(&dir, &["seed", "--demo"], &[]));
    assert!(
        second.contains("0 organisations and 0 users created"),
        "{second}"
    );
}

#[test]
fn a_fresh_install_gets_its_first_administrator_from_the_command_line() {
    let dir = temp_dir();
    let output = qifu(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "Chief@Center.gov.cn",
            "--display-name",
            "主任",
        ],
        &[("QIFU_ADMIN_PASSWORD", "a-long-admin-password")],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("created center_admin chief@center.gov.cn"));
    let again = qifu(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "chief@center.gov.cn",
            "--display-name",
            "主任",
        ],
        &[("QIFU_ADMIN_PASSWORD", "a-long-admin-password")],
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("already registered"));
}

#[test]
fn audit_verify_reports_the_first_broken_link() {
    let dir = temp_dir();
    assert!(qifu(&dir, &["seed", "--demo"], &[]).status.success());
    let intact = qifu(&dir, &["audit", "verify"], &[]);
    assert!(intact.status.success());
    assert!(
        text(&intact).contains("audit chain intact: 11 entries verified"),
        "{}",
        text(&intact)
    );

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sea_orm::ConnectionTrait;
        let url = format!("sqlite://{}?mode=rw", dir.join("qifu.db").display());
        let db = sea_orm::Database::connect(url).await.unwrap();
        db.execute_unprepared("UPDATE audit_entries SET target_id = 'someone-else' WHERE seq = 5")
            .await
            .unwrap();
        db.close().await.unwrap();
    });
    let broken = qifu(&dir, &["audit", "verify"], &[]);
    assert!(!broken.status.success());
    assert!(
        text(&broken).contains("broken at entry 5"),
        "{}",
        text(&broken)
    );
}

#[test]
fn reindex_rebuilds_the_embedded_index_with_a_summary() {
    let dir = temp_dir();
    assert!(qifu(&dir, &["seed", "--demo"], &[]).status.success());
    let output = qifu(&dir, &["reindex"], &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("reindexed 5 documents into tantivy"),
        "{}",
        text(&output)
    );
    assert!(dir.join("search").join("meta.json").is_file());
}

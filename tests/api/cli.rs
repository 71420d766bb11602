//! The `qifu` binary end to end: configuration errors, migrations, seeding (demo and synthetic),
//! bootstrap and `audit verify` on a tampered database; and the seeding functions themselves on
//! the test database (SQLite, or PostgreSQL when `QIFU_TEST_DATABASE_URL` is set).

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
            "QIFU_MARKETPLACE__OCID_PREFIX",
            "qifu",
            "marketplace.ocid_prefix",
        ),
        (
            "QIFU_MARKETPLACE__NOTICE_WORKING_DAYS",
            "0",
            "marketplace.notice_working_days",
        ),
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
fn a_production_server_refuses_an_adjustable_clock() {
    let dir = temp_dir();
    let env = [
        ("QIFU_ENVIRONMENT", "production"),
        ("QIFU_CLOCK__ADJUSTABLE", "true"),
    ];
    let output = qifu(&dir, &["migrate", "status"], &env);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("clock.adjustable: must be false in production"),
        "{}",
        text(&output)
    );
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
fn the_verification_migration_declares_existing_qualifications_under_fresh_ids() {
    let dir = temp_dir();
    assert!(qifu(&dir, &["migrate", "up"], &[]).status.success());
    // Back to before the verification migration, however many came after it.
    let status = text(&qifu(&dir, &["migrate", "status"], &[]));
    let names: Vec<&str> = status.lines().filter(|l| l.contains("m20")).collect();
    let position = names
        .iter()
        .position(|l| l.contains("m20261207_000022_add_qualification_verification"))
        .expect("the verification migration is listed");
    let steps = (names.len() - position).to_string();
    assert!(qifu(&dir, &["migrate", "down", "--steps", &steps], &[])
        .status
        .success());
    {
        let (runtime, db) = open_database(&dir);
        runtime.block_on(async {
            use sea_orm::ConnectionTrait;
            db.execute_unprepared(
                "INSERT INTO organisations (id, public_id, name, kind, status, created_at, updated_at) \
                 VALUES (1, X'00000000000040008000000000000001', '杭州迁移测试有限公司', 'enterprise', \
                 'active', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            )
            .await
            .unwrap();
            for kind in ["tech_sme", "high_tech_enterprise"] {
                db.execute_unprepared(&format!(
                    "INSERT INTO enterprise_qualifications (organisation_id, kind) VALUES (1, '{kind}')"
                ))
                .await
                .unwrap();
            }
        });
    }
    assert!(qifu(&dir, &["migrate", "up"], &[]).status.success());
    let (runtime, db) = open_database(&dir);
    runtime.block_on(async {
        let declared =
            "SELECT COUNT(*) FROM enterprise_qualifications WHERE verification = 'declared'";
        assert_eq!(count(&db, declared).await, 2);
        let ids = "SELECT COUNT(DISTINCT public_id) FROM enterprise_qualifications";
        assert_eq!(count(&db, ids).await, 2);
    });
}

/// The database of a data folder, for a look at what a command left there.
fn open_database(dir: &std::path::Path) -> (tokio::runtime::Runtime, sea_orm::DatabaseConnection) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("sqlite://{}?mode=rw", dir.join("qifu.db").display());
    let db = runtime.block_on(sea_orm::Database::connect(url)).unwrap();
    (runtime, db)
}

/// The first column of the first row, as a number.
async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), sql);
    let row = db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[test]
fn seeding_the_demo_twice_creates_its_catalogue_and_enterprises_once() {
    let dir = temp_dir();
    let seed = |n: &str| text(&qifu(&dir, &["seed", "--demo", "--enterprises", n], &[]));
    let first = seed("40");
    for expected in [
        "5 organisations and 6 users created",
        "5 dimensions and 25 tags created; demo enterprise profile saved",
        "demo enterprises: 40 created, 0 already there",
        "departments and intermediaries: 13 created",
        "policies: 20 policies and 100 clauses created (90 published, 8 drafts, 2 withdrawn)",
        "service catalogue: 8 sectors, 100 items (4 withdrawn) and 6 packages created",
        "demo enterprise activity: 2 applications and 3 service orders created",
        "marketplace: 39 service types and 4 packages, 100 intermediaries (104 users, 226 \
         qualifications), 17 projects and 100 procurements created (30 accepted, 6 awarded, 6 \
         cancelled, 10 contracted, 7 delivered, 6 draft, 8 evaluating, 6 failed, 7 notice, 14 \
         published)",
    ] {
        assert!(first.contains(expected), "{expected}: {first}");
    }
    let second = seed("40");
    for expected in [
        "0 organisations and 0 users created",
        "0 dimensions and 0 tags created; demo enterprise profile kept",
        "demo enterprises: 0 created, 40 already there",
        "departments and intermediaries: 0 created",
        "policies: 0 policies and 0 clauses created",
        "service catalogue: 0 sectors, 0 items (0 withdrawn) and 0 packages created",
        "demo enterprise activity: 0 applications and 0 service orders created",
        "marketplace: 0 service types and 0 packages, 0 intermediaries (0 users, 0 \
         qualifications), 0 projects and 0 procurements created, 0 replayed demo e-mails \
         dropped (",
    ] {
        assert!(second.contains(expected), "{expected}: {second}");
    }
    // The same enterprises come first whatever the count.
    let more = seed("60");
    assert!(more.contains("20 created, 40 already there"), "{more}");

    let (runtime, db) = open_database(&dir);
    runtime.block_on(async {
        let enterprises = "SELECT COUNT(*) FROM organisations WHERE kind = 'enterprise'";
        assert_eq!(count(&db, enterprises).await, 61);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM enterprise_profiles").await,
            61
        );
        // Saved through the use case: a first version in the history and a change-log row each.
        let versions = "SELECT COUNT(*) FROM enterprise_profile_versions WHERE version = 1";
        assert_eq!(count(&db, versions).await, 61);
        let changes =
            "SELECT COUNT(DISTINCT record_id) FROM eligibility_changes WHERE kind = 'profile'";
        assert_eq!(count(&db, changes).await, 61);
        let audited =
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'enterprise.update_profile'";
        assert_eq!(count(&db, audited).await, 61);
        // The generated enterprises count as the centre's data and the centre verified what the
        // demo enterprise declared: every qualification is verified.
        let unverified =
            "SELECT COUNT(*) FROM enterprise_qualifications WHERE verification <> 'verified'";
        assert_eq!(count(&db, unverified).await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM tag_dimensions").await, 5);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM tags").await, 25);
        let derived = "SELECT COUNT(*) FROM tags WHERE rule IS NOT NULL";
        assert_eq!(count(&db, derived).await, 23);
        // Characters 3–8 of each generated code are the enterprise's region.
        let mismatched = "SELECT COUNT(*) FROM organisations o JOIN enterprise_profiles p \
            ON p.organisation_id = o.id WHERE o.uscc LIKE '91______MA1%' \
            AND substr(o.uscc, 3, 6) <> p.region_code";
        assert_eq!(count(&db, mismatched).await, 0);
        let names = "SELECT COUNT(DISTINCT name) FROM organisations WHERE kind = 'enterprise'";
        assert_eq!(count(&db, names).await, 61);
    });
    let intact = qifu(&dir, &["audit", "verify"], &[]);
    assert!(intact.status.success(), "{}", text(&intact));
}

#[test]
fn synthetic_enterprises_are_written_in_bulk_up_to_the_count_asked() {
    let dir = temp_dir();
    let seed = |n: &str| {
        text(&qifu(
            &dir,
            &["seed", "--synthetic", "--enterprises", n],
            &[],
        ))
    };
    let first = seed("500");
    assert!(
        first.contains("synthetic enterprises: 500 created, 0 already there"),
        "{first}"
    );
    assert!(seed("500").contains("0 created, 500 already there"));
    let (runtime, db) = open_database(&dir);
    runtime.block_on(async {
        let synthetic = "SELECT COUNT(*) FROM organisations o JOIN enterprise_profiles p \
            ON p.organisation_id = o.id WHERE o.uscc LIKE '91______MA9%' \
            AND p.size_class IS NOT NULL AND substr(o.uscc, 3, 6) = p.region_code";
        assert_eq!(count(&db, synthetic).await, 500);
        let qualified = "SELECT COUNT(DISTINCT organisation_id) FROM enterprise_qualifications";
        assert!(count(&db, qualified).await > 50);
        assert!(count(&db, "SELECT COUNT(*) FROM enterprise_tags").await > 50);
        let loads = "SELECT COUNT(*) FROM audit_entries WHERE action = 'enterprise.seed_synthetic'";
        assert_eq!(count(&db, loads).await, 1);
    });
    let refused = qifu(&dir, &["seed", "--synthetic"], &[]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("--enterprises"),
        "{}",
        text(&refused)
    );
    // Searchable after a reindex: the 5 demo organisations and the 500.
    let reindexed = text(&qifu(&dir, &["reindex"], &[]));
    assert!(reindexed.contains("reindexed 505 documents"), "{reindexed}");
}

#[tokio::test]
async fn seeded_enterprises_reach_the_eligibility_index_on_either_database() {
    use qifu::enterprises::{
        condition::{text, Vocabulary},
        count_matching, EnterpriseIndex, SizeStandard,
    };
    let (settings, db) = crate::helpers::test_settings().await;
    let hasher = qifu::auth::PasswordHasher::new(&settings.auth.argon2).unwrap();
    let now = chrono::Utc::now();
    let standard = SizeStandard::shipped().unwrap();
    qifu::demo::seed::seed_demo(&db, &hasher, qifu::demo::seed::DEMO_PASSWORD, now)
        .await
        .unwrap();
    qifu::demo::seed::seed_demo_catalogue(&db, &standard, now)
        .await
        .unwrap();
    let demo = qifu::demo::seed::seed_demo_enterprises(&db, &standard, 10, now, |_, _| {})
        .await
        .unwrap();
    assert_eq!(demo.created, 10);
    let mut heard = Vec::new();
    // More than one batch, so more than one transaction and several statements per table.
    let synthetic =
        qifu::demo::seed::seed_synthetic_enterprises(&db, &standard, 4500, now, |done, _| {
            heard.push(done)
        })
        .await
        .unwrap();
    assert_eq!(synthetic.created, 4500);
    assert_eq!(heard, [0, 2000, 4000, 4500]);

    let index = EnterpriseIndex::new();
    let everyone = text::parse("employees >= 0", &Vocabulary::default()).unwrap();
    let today = qifu::enterprises::today_in_china(now);
    let all = count_matching(&db, &index, &everyone, today).await.unwrap();
    assert_eq!(
        all,
        1 + 10 + 4500,
        "the demo enterprise, 10 demo and 4500 synthetic"
    );
    let vocabulary = qifu::enterprises::vocabulary(&db, true).await.unwrap();
    let exporters = text::parse(r#"tags has "export_enterprise""#, &vocabulary).unwrap();
    assert!(
        count_matching(&db, &index, &exporters, today)
            .await
            .unwrap()
            > 100
    );
    let small = text::parse(r#"size_class = "small""#, &vocabulary).unwrap();
    assert!(count_matching(&db, &index, &small, today).await.unwrap() > 500);
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
    let seeded = qifu(&dir, &["seed", "--demo", "--enterprises", "0"], &[]);
    assert!(seeded.status.success());
    let intact = qifu(&dir, &["audit", "verify"], &[]);
    assert!(intact.status.success());
    // 11 accounts entries, 5 dimensions, 25 tags, the demo profile and its manual tag; 13
    // providers, 20 policies, 100 clauses (92 published, 2 of them withdrawn), 8 sectors, 100
    // items, 6 packages; 2 calendar years loaded; the centre's verification of the demo
    // enterprise's qualification, 3 grant entries and 7 order entries (397);
    // the marketplace demo's 1185: its catalogue, 4 owners and 100 intermediaries with their
    // users, profiles and qualifications, 17 projects, and every step of 100 procurements; then
    // the credit demo's entries, whose number follows the working days between the demo's jobs
    // and today (a task still in its window stays open, one past it lapses).
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let credit = runtime.block_on(async {
        let url = format!("sqlite://{}?mode=ro", dir.join("qifu.db").display());
        let db = sea_orm::Database::connect(url).await.unwrap();
        let found = count(
            &db,
            "SELECT COUNT(*) FROM audit_entries WHERE action LIKE 'credit.%'",
        )
        .await;
        db.close().await.unwrap();
        found
    });
    assert!(credit > 50, "the credit demo rates most tasks: {credit}");
    let expected = format!("audit chain intact: {} entries verified", 1582 + credit);
    assert!(text(&intact).contains(&expected), "{}", text(&intact));

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
    let seeded = qifu(&dir, &["seed", "--demo", "--enterprises", "10"], &[]);
    assert!(seeded.status.success());
    let output = qifu(&dir, &["reindex"], &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        // The 5 demo organisations, 13 departments and intermediaries, 10 enterprises (the
        // marketplace's owners among them) and the marketplace's 100 intermediaries.
        text(&output).contains("reindexed 128 documents into tantivy"),
        "{}",
        text(&output)
    );
    assert!(dir.join("search").join("meta.json").is_file());
}

#[tokio::test]
async fn the_demo_policies_services_and_activity_are_seeded_once_on_either_database() {
    use qifu::{
        demo::{
            policies::PolicySeedReport,
            seed::{self, ActivitySeedReport},
            services::ServiceSeedReport,
        },
        enterprises::SizeStandard,
    };
    let app = crate::helpers::spawn_app().await;
    let (db, now) = (&app.db, app.clock_now());
    let standard = SizeStandard::shipped().unwrap();
    seed::seed_demo_catalogue(db, &standard, now).await.unwrap();
    seed::seed_demo_enterprises(db, &standard, 5, now, |_, _| {})
        .await
        .unwrap();
    let mut reports = Vec::new();
    for _ in 0..2 {
        let providers = seed::seed_demo_providers(db, now).await.unwrap();
        let policies = seed::seed_demo_policies(db, &providers, now).await.unwrap();
        let services = seed::seed_demo_services(db, &providers, now).await.unwrap();
        let activity = seed::seed_demo_activity(
            &app.db,
            (&app.state.clauses, &app.state.settings.policies),
            now,
        )
        .await
        .unwrap();
        reports.push((providers.created, policies, services, activity));
    }
    let first = PolicySeedReport {
        policies_created: 20,
        clauses_created: 100,
        published: 90,
        drafts: 8,
        withdrawn: 2,
    };
    let catalogue = ServiceSeedReport {
        sectors_created: 8,
        items_created: 100,
        withdrawn: 4,
        packages_created: 6,
    };
    let activity = ActivitySeedReport {
        applications_created: 2,
        orders_created: 3,
    };
    assert_eq!(reports[0], (13, first, catalogue, activity));
    let nothing = (
        0,
        PolicySeedReport::default(),
        ServiceSeedReport::default(),
        ActivitySeedReport::default(),
    );
    assert_eq!(reports[1], nothing);

    let expected = [
        ("SELECT COUNT(*) FROM policies", 20),
        ("SELECT COUNT(*) FROM policy_clauses", 100),
        // Each created through the use case, its condition checked; published where intended.
        (
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'clause.create'",
            100,
        ),
        (
            "SELECT COUNT(*) FROM policy_clauses WHERE status = 'published'",
            90,
        ),
        (
            "SELECT COUNT(*) FROM policy_clauses WHERE status = 'draft'",
            8,
        ),
        (
            "SELECT COUNT(*) FROM policy_clauses WHERE status = 'withdrawn'",
            2,
        ),
        (
            "SELECT COUNT(*) FROM policy_clauses WHERE mode = 'auto_grant'",
            20,
        ),
        ("SELECT COUNT(*) FROM service_sectors", 8),
        ("SELECT COUNT(*) FROM service_items", 100),
        ("SELECT COUNT(*) FROM service_items WHERE active = false", 4),
        ("SELECT COUNT(*) FROM service_packages", 6),
        (
            "SELECT COUNT(*) FROM policy_applications WHERE status = 'paid'",
            1,
        ),
        (
            "SELECT COUNT(*) FROM policy_applications WHERE status = 'approved'",
            1,
        ),
        (
            "SELECT COUNT(*) FROM service_orders WHERE status = 'completed' AND rating = 5",
            1,
        ),
        (
            "SELECT COUNT(*) FROM service_orders WHERE status = 'accepted'",
            1,
        ),
        (
            "SELECT COUNT(*) FROM service_orders WHERE status = 'ordered'",
            1,
        ),
    ];
    for (sql, n) in expected {
        assert_eq!(count(db, sql).await, n, "{sql}");
    }
    let departments =
        "SELECT COUNT(*) FROM organisations WHERE kind = 'department' AND status = 'active'";
    assert_eq!(count(db, departments).await, 9);
    let intermediaries =
        "SELECT COUNT(*) FROM organisations WHERE kind = 'intermediary' AND status = 'active'";
    assert_eq!(count(db, intermediaries).await, 7);

    let enterprise = app.login_as("enterprise").await;
    let matches = app
        .get_json("/api/v1/enterprises/me/matches", &enterprise)
        .await;
    let titles = |key: &str| -> Vec<String> {
        matches[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["clause_title"].as_str().unwrap().to_owned())
            .collect()
    };
    let (eligible, near) = (titles("eligible"), titles("near_misses"));
    assert!(
        eligible.contains(&"企业研发投入补助".to_owned()),
        "{eligible:?}"
    );
    assert!(
        near.contains(&"首次认定高新技术企业奖励".to_owned()),
        "{near:?}"
    );
    let recommended = app
        .get_json(
            "/api/v1/enterprises/me/service-recommendations",
            &enterprise,
        )
        .await;
    assert!(!recommended.as_array().unwrap().is_empty(), "{recommended}");
}

#[test]
fn verify_draw_recomputes_a_proof_and_refuses_a_tampered_one() {
    use qifu::marketplace::draw::{DrawProof, Seed};
    let dir = temp_dir();
    let bidders: Vec<String> = [
        "91330100MA2D000031",
        "91330100MA2D00004X",
        "91330100MA2D000058",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let proof = DrawProof::compute(uuid::Uuid::new_v4(), &Seed::generate(), &bidders);
    let good = dir.join("proof.json");
    std::fs::write(&good, serde_json::to_string(&proof).unwrap()).unwrap();
    let output = qifu(&dir, &["verify-draw", good.to_str().unwrap()], &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains(&format!("winner: {}", proof.winner.clone().unwrap())));

    let mut tampered = proof.clone();
    tampered.order.reverse();
    tampered.winner = tampered.order.first().cloned();
    let bad = dir.join("tampered.json");
    std::fs::write(&bad, serde_json::to_string(&tampered).unwrap()).unwrap();
    let output = qifu(&dir, &["verify-draw", bad.to_str().unwrap()], &[]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("does NOT verify"),
        "{}",
        text(&output)
    );
}

/// A valid code (its check character found by trying each) for a made-up registration number.
fn made_up_uscc() -> String {
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("91330106MA2H0Q0X0{c}"))
        .find(|code| qifu::accounts::Uscc::parse(code).is_ok())
        .unwrap()
}

#[test]
fn credit_events_are_imported_from_the_command_line_with_the_apis_report() {
    let dir = temp_dir();
    assert!(qifu(&dir, &["migrate", "up"], &[]).status.success());
    let empty = dir.join("events.json");
    std::fs::write(&empty, "[]").unwrap();
    let output = qifu(
        &dir,
        &["credit-events", empty.to_str().unwrap(), "--mode", "all"],
        &[],
    );
    assert!(output.status.success(), "{}", text(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (report["format"].as_str(), report["total_rows"].as_u64()),
        (Some("json"), Some(0))
    );

    let unknown = dir.join("events.csv");
    let row = format!(
        "uscc,kind,source,reference,occurred_on\n{},欠税,税务局,SW-1,2026-01-05\n",
        made_up_uscc()
    );
    std::fs::write(&unknown, row).unwrap();
    let output = qifu(
        &dir,
        &[
            "credit-events",
            unknown.to_str().unwrap(),
            "--mode",
            "valid_rows",
        ],
        &[],
    );
    assert!(!output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "event_intermediary_unknown");
    assert_eq!(report["applied"], false);
    let bad_mode = qifu(
        &dir,
        &["credit-events", unknown.to_str().unwrap(), "--mode", "some"],
        &[],
    );
    assert!(!bad_mode.status.success());
}

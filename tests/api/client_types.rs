//! The front end's API types are generated (openapi-typescript) from a snapshot of the OpenAPI
//! document checked in at `frontend/src/api/openapi.json`: `qifu openapi` prints the document
//! the server publishes, and the snapshot is that document, so a change to a DTO or an
//! annotation that is not carried to the front end fails here. (The front end's own test checks
//! that the generated types are those of the snapshot.)

use std::process::Command;

use serde_json::Value;

use crate::helpers::spawn_app;

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/frontend/src/api/openapi.json");

/// The entries of two objects (paths, schemas) that differ, by name.
fn differing(snapshot: &Value, current: &Value) -> Vec<String> {
    let empty = serde_json::Map::new();
    let (old, new) = (
        snapshot.as_object().unwrap_or(&empty),
        current.as_object().unwrap_or(&empty),
    );
    let mut names: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|name| old.get(*name) != new.get(*name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

#[tokio::test]
async fn the_front_ends_snapshot_is_the_document_qifu_openapi_prints_and_the_server_publishes() {
    let app = spawn_app().await;
    let published: Value = app.get_public_json("/api/openapi.json").await;

    let output = Command::new(env!("CARGO_BIN_EXE_qifu"))
        .arg("openapi")
        .env_remove("QIFU_DATABASE__URL")
        .output()
        .expect("qifu runs");
    assert!(output.status.success(), "{output:?}");
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        printed == published,
        "`qifu openapi` prints another document than the server's"
    );

    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(SNAPSHOT).unwrap()).unwrap();
    assert!(
        snapshot == published,
        "frontend/src/api/openapi.json is stale: run `make api-types` (paths that differ: {:?}; \
         schemas that differ: {:?}; other: {:?})",
        differing(&snapshot["paths"], &published["paths"]),
        differing(
            &snapshot["components"]["schemas"],
            &published["components"]["schemas"]
        ),
        differing(&snapshot, &published)
            .into_iter()
            .filter(|key| key != "paths" && key != "components")
            .collect::<Vec<_>>(),
    );
}

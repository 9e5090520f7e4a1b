//! The API's document serves the tools people feed it to: every operation
//! has an id of its own, `openapi-spec-validator` accepts the document, and a
//! client generated from it by `openapi-python-client` creates, lists,
//! shares and deletes an address against a running server.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use mailroom::model::{Role, Scope};
use serde_json::Value;

use super::helpers::Api;
#[path = "../support/needs.rs"]
mod needs;

/// Every operation's id, and the operations that carry it.
fn operation_ids(doc: &Value) -> BTreeMap<String, Vec<String>> {
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let id = operation["operationId"].as_str().unwrap_or("(none)");
            ids.entry(id.to_owned())
                .or_default()
                .push(format!("{method} {path}"));
        }
    }
    ids
}

#[test]
fn every_operation_has_an_id_of_its_own_that_says_what_it_does() {
    let doc = serde_json::to_value(<mailroom::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    let ids = operation_ids(&doc);
    assert!(ids.len() > 20, "{ids:?}");
    let shared: Vec<_> = ids.iter().filter(|(_, ops)| ops.len() > 1).collect();
    assert!(shared.is_empty(), "ids used twice: {shared:?}");
    // A generated client names its functions by these: a verb and a noun.
    for id in ids.keys() {
        assert!(
            id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && id.chars().any(|c| c.is_ascii_uppercase()),
            "{id} is not a verb and a noun (listImports, showAddress)"
        );
    }
}

fn run(what: &str, command: &mut Command) -> String {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the OpenAPI tools (PyPI): scripts/test installs them and runs it"]
async fn a_client_generated_from_the_document_manages_an_address() {
    let tools = needs::var(
        "MAILROOM_OPENAPI_TOOLS",
        "the OpenAPI validator and client generator (a Python venv)",
    );
    let tools = Path::new(&tools);
    let api = Api::new();
    api.add_member("ann@acme.example", Role::Member);
    let token = api.token(Scope::Addresses);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let service = api
        .router
        .clone()
        .into_make_service_with_connect_info::<SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });

    let work = tempfile::tempdir().unwrap();
    let doc_path = work.path().join("openapi.json");
    let doc = api.client(&token).get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, 200);
    std::fs::write(&doc_path, &doc.body).unwrap();
    let package = work.path().join("mailroom_api");
    let story = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/api_client_story.py");
    let path = format!(
        "{}:{}",
        tools.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (tools, work_dir) = (tools.to_path_buf(), work.path().to_path_buf());
    let (base_url, secret) = (base.clone(), token.clone());
    let said = tokio::task::spawn_blocking(move || {
        run(
            "openapi-spec-validator",
            Command::new(tools.join("bin/openapi-spec-validator")).arg(&doc_path),
        );
        run(
            "openapi-python-client",
            Command::new(tools.join("bin/openapi-python-client"))
                .args(["generate", "--meta", "none", "--path"])
                .arg(&doc_path)
                .arg("--output-path")
                .arg(&package)
                .env("PATH", &path),
        );
        run(
            "the generated client's story",
            Command::new(tools.join("bin/python"))
                .arg(&story)
                .args([&base_url, &secret, "acme.example", "ann@acme.example"])
                .env("PYTHONPATH", &work_dir),
        )
    })
    .await
    .unwrap();
    server.abort();

    assert!(said.contains("created generated@acme.example"), "{said}");
    assert!(said.contains("shared member"), "{said}");
    assert!(
        said.contains("[('ann@acme.example', ['history'])]"),
        "{said}"
    );
    assert!(said.contains("deleted"), "{said}");
    // What the server holds says the same: made, shared, deleted by the token.
    let owner = api.owner();
    let deleted = api
        .app
        .addresses()
        .deleted_addresses(
            &owner,
            &mailroom::model::Domain::parse("acme.example").unwrap(),
        )
        .unwrap();
    assert!(deleted.iter().any(|a| a.local_part.as_str() == "generated"));
    let events = mailroom::store::prelude::AuditQueries::recent_audit(
        &api.app.store_for_tests().read().unwrap(),
        50,
    )
    .unwrap();
    for action in ["address.create", "address.delete"] {
        assert!(
            events
                .iter()
                .any(|e| e.action == action && e.token.is_some()),
            "{action} by the token: {events:?}"
        );
    }
}

use axum::http::StatusCode;
use mailroom::app::AppSettings;
use mailroom::model::ImportState;
use mailroom::model::Role;
use mailroom::store::prelude::*;

use crate::helpers::{Client, PASSWORD, TestApp};

const IMPORTS: &str = "/services/acme.example/imports";

async fn setup(settings: AppSettings) -> (TestApp, Client) {
    let app = TestApp::with_settings(settings);
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["taken"]);
    owner.get(IMPORTS).await;
    (app, owner)
}

/// Runs the import's batches as the worker would.
fn run_to_the_end(app: &TestApp, id: u64) {
    let id = mailroom::model::ImportId(id);
    for _ in 0..100 {
        app.app.imports().import_batch(id).unwrap();
        let record = app
            .app
            .store_for_tests()
            .read()
            .unwrap()
            .import(id)
            .unwrap()
            .unwrap();
        if record.state == ImportState::Done {
            return;
        }
    }
    panic!("the import did not finish");
}

const MIXED: &str = "address;password;forward_to;keep_copy;display_name;permissions\n\
anna;a long password 1;;;Anna;\n\
bad name;a long password 2;;;;\n\
boss;a long password 3;boss@elsewhere.example;1;;\n\
anna;a long password 4;;;;\n\
taken;a long password 5;;;;\n\
weak;short;;;;\n\
=cmd;a long password 6;;;;\n\
hashed;;;;;\n";

#[tokio::test]
async fn preview_then_create_the_valid_rows_and_download_the_report() {
    let (app, mut owner) = setup(AppSettings::default()).await;
    let uploaded = owner
        .upload(IMPORTS, "people.csv", MIXED.as_bytes(), true)
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let page_url = uploaded.location().to_owned();
    let id: u64 = page_url.rsplit('/').next().unwrap().parse().unwrap();

    let preview = owner.get(&page_url).await;
    assert!(preview.body.contains("8 rows"), "{}", preview.body);
    assert!(preview.body.contains("3 will be created") && preview.body.contains("5 cannot be"));
    for reason in [
        "Duplicate of line 2 in this file",
        "taken@acme.example already exists",
        "at least 12 characters",
        "cannot contain",
    ] {
        assert!(preview.body.contains(reason), "{reason}");
    }
    assert!(
        preview.body.contains("Column address: ") && preview.body.contains("Column password: ")
    );
    assert!(preview.body.contains("separated by semicolons"));
    assert!(
        app.stored("anna").is_none(),
        "nothing is created by a preview"
    );

    let started = owner.post(&format!("{page_url}/start"), &[]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    let running = owner.get(&page_url).await;
    assert!(
        running.body.contains("hx-trigger=\"every 1s\""),
        "live progress while running"
    );
    assert!(
        owner.post(&format!("{page_url}/start"), &[]).await.status
            == StatusCode::UNPROCESSABLE_ENTITY,
        "once"
    );
    run_to_the_end(&app, id);

    let done = owner.htmx_get(&page_url).await;
    assert!(
        done.body.starts_with("<section id=\"import-progress\""),
        "the fragment alone"
    );
    assert!(
        done.body.contains("8 of 8 rows done")
            && done.body.contains("3 created, 0 failed, 5 skipped"),
        "{}",
        done.body
    );
    assert!(
        !done.body.contains("every 1s"),
        "polling stops when finished"
    );
    let anna = app.stored("anna").unwrap();
    assert!(anna.password_hash.unwrap().verify("a long password 1") == Ok(true));
    assert_eq!(anna.display_name.as_deref(), Some("Anna"));
    let boss = app.stored("boss").unwrap().forwarding.unwrap();
    assert!(boss.keep_copy && boss.to.to_ascii() == "boss@elsewhere.example");
    assert!(app.stored("hashed").unwrap().password_hash.is_none());
    assert!(app.stored("weak").is_none());

    let report = owner.get(&format!("{page_url}/report.csv")).await;
    assert_eq!(report.headers["content-type"], "text/csv; charset=utf-8");
    assert!(report.body.starts_with("line,address,result,reason"));
    assert!(report.body.contains("2,anna@acme.example,created,"));
    assert!(
        report
            .body
            .contains(",skipped,column address: Duplicate of line 2")
    );
    assert!(
        report.body.contains("\n8,'=cmd,skipped,"),
        "{}",
        report.body
    );
    assert!(
        !report.body.contains("\n=") && !report.body.contains(",="),
        "no cell starts a formula"
    );

    let list = owner.get(IMPORTS).await;
    assert!(list.body.contains("people.csv") && list.body.contains("finished"));
}

#[tokio::test]
async fn the_template_windows_1252_and_a_bom_are_read() {
    let (app, mut owner) = setup(AppSettings::default()).await;
    let template = owner.get("/imports/template.csv").await;
    assert!(template.body.starts_with("address,password,forward_to"));

    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/export-windows-1252-semicolon.csv"
    ))
    .unwrap();
    let uploaded = owner.upload(IMPORTS, "export.csv", &file, true).await;
    let page = owner.get(uploaded.location()).await;
    assert!(page.body.contains("Windows-1252") && page.body.contains("2 will be created"));
    let bom = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/template-bom-crlf.csv"
    ))
    .unwrap();
    let uploaded = owner.upload(IMPORTS, "template.csv", &bom, true).await;
    let url = uploaded.location().to_owned();
    let page = owner.get(&url).await;
    assert!(page.body.contains("3 will be created"), "{}", page.body);
    owner.post(&format!("{url}/start"), &[]).await;
    run_to_the_end(&app, url.rsplit('/').next().unwrap().parse().unwrap());
    assert!(
        !app.stored("boss").unwrap().forwarding.unwrap().keep_copy,
        "D = 1: no copy"
    );
    assert!(
        app.stored("claire").unwrap().forwarding.unwrap().keep_copy,
        "D = 0: a copy"
    );
}

#[tokio::test]
async fn limits_tokens_and_roles_are_enforced() {
    let settings = AppSettings {
        imports: mailroom::app::ImportLimits {
            max_bytes: 200,
            max_rows: 3,
        },
        ..AppSettings::default()
    };
    let (app, mut owner) = setup(settings).await;
    let big = format!("address\n{}", "x\n".repeat(150));
    let refused = owner.upload(IMPORTS, "big.csv", big.as_bytes(), true).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("The file is larger than 200 bytes"));
    let rows = owner
        .upload(IMPORTS, "rows.csv", b"address\na\nb\nc\nd\n", true)
        .await;
    assert!(rows.body.contains("The file has more than 3 rows"));
    let empty = owner.upload(IMPORTS, "empty.csv", b"", true).await;
    assert!(empty.body.contains("Choose a CSV file"));
    let forged = owner.upload(IMPORTS, "x.csv", b"address\nx\n", false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no token, no upload");

    app.add_member("ann@acme.example", Role::Member);
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    member.get("/services").await;
    assert_eq!(member.get(IMPORTS).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        member
            .upload(IMPORTS, "x.csv", b"address\nx\n", true)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .imports_of(mailroom::model::ServiceId(1))
            .unwrap()
            .is_empty()
    );
}

/// A file larger than a page and than a batch: the preview shows it page by
/// page, and the batches, each resuming where the last stopped, create
/// every row and report each on its own line of the file (blank lines and
/// a value over two lines included).
#[tokio::test]
async fn a_large_file_is_previewed_in_pages_and_created_across_batches() {
    let (app, mut owner) = setup(AppSettings::default()).await;
    let mut csv = String::from("address,display_name\r\n");
    let mut line = 1;
    let mut expected = Vec::new();
    for i in 0..2350 {
        if i % 500 == 7 {
            csv.push_str("\r\n");
            line += 1;
        }
        line += 1;
        if i == 1234 {
            // Refused (a name is one line), and it takes two lines.
            csv.push_str(&format!("user{i:04},\"two\r\nlines\"\r\n"));
            line += 1;
        } else if i == 2300 {
            csv.push_str("not valid,\r\n");
        } else {
            csv.push_str(&format!("user{i:04},User {i}\r\n"));
            expected.push((line, format!("user{i:04}")));
        }
    }
    let uploaded = owner
        .upload(IMPORTS, "many.csv", csv.as_bytes(), true)
        .await;
    let page_url = uploaded.location().to_owned();
    let id: u64 = page_url.rsplit('/').next().unwrap().parse().unwrap();

    let first = owner.get(&page_url).await;
    assert!(first.body.contains("2,350 rows"), "{}", first.body);
    assert!(first.body.contains("2,348 will be created"));
    assert!(first.body.contains("Rows 1–100 of 2,350 (page 1 of 24)"));
    assert!(first.body.contains("user0099@") && !first.body.contains("user0100@"));
    assert!(!first.body.contains("Previous page"));
    let last = owner.get(&format!("{page_url}?page=24")).await;
    assert!(
        last.body
            .contains("Rows 2,301–2,350 of 2,350 (page 24 of 24)")
    );
    assert!(last.body.contains("user2349@") && !last.body.contains("user2299@"));
    assert!(
        last.body.contains("cannot contain"),
        "the refused row on its page"
    );
    assert!(last.body.contains("Previous page") && !last.body.contains("Next page"));

    owner.post(&format!("{page_url}/start"), &[]).await;
    run_to_the_end(&app, id);
    let results = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .import_results(mailroom::model::ImportId(id))
        .unwrap();
    let created: Vec<(u64, String)> = results
        .iter()
        .filter(|r| r.outcome == mailroom::model::RowOutcome::Created)
        .map(|r| {
            (
                r.line,
                r.address.trim_end_matches("@acme.example").to_owned(),
            )
        })
        .collect();
    assert_eq!(created, expected);
    assert!(app.stored("user1234").is_none());
    assert_eq!(
        app.stored("user1235").unwrap().display_name.as_deref(),
        Some("User 1235")
    );
}

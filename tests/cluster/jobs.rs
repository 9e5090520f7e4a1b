//! Jobs on two nodes: an import's batches are leased by one node at a
//! time, and taken over when that node dies.

use std::time::{Duration, Instant};

use mailroom::store::prelude::*;

use super::http::request;
use super::processes::{installed, node_with};

const ROWS: usize = 20_000;

fn import_state(port: u16, bearer: &str, id: u64) -> serde_json::Value {
    let shown = request(
        port,
        "GET",
        &format!("/api/v1/services/acme.example/imports/{id}"),
        &[("Authorization", bearer)],
        "",
    );
    assert_eq!(shown.status, 200, "{}", shown.body);
    serde_json::from_str(&shown.body).unwrap()
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn an_import_run_by_two_nodes_one_killed_midway_creates_each_row_once() {
    let db = installed();
    let lease = ["--job-lease", "3s"];
    let (mut a, b) = (node_with(&db.url, &lease), node_with(&db.url, &lease));
    let bearer = format!("Bearer {}", db.token);
    let mut csv = String::from("address,display_name\n");
    for i in 0..ROWS {
        csv.push_str(&format!("row{i},Row {i}\n"));
    }
    let uploaded = request(
        a.http,
        "POST",
        "/api/v1/services/acme.example/imports",
        &[("Authorization", &bearer), ("Content-Type", "text/csv")],
        &csv,
    );
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let id = serde_json::from_str::<serde_json::Value>(&uploaded.body).unwrap()["id"]
        .as_u64()
        .unwrap();
    let started = request(
        a.http,
        "POST",
        &format!("/api/v1/services/acme.example/imports/{id}/start"),
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(started.status, 202, "{}", started.body);

    // Node A dies while it runs one of the import's batches (its lease
    // names it), once the import is under way.
    let a_holds = format!(":{}", a.pid());
    let deadline = Instant::now() + Duration::from_secs(120);
    let done_at_kill = loop {
        let running_on_a = {
            let reader = db.app.store_for_tests().read().unwrap();
            let mut found = false;
            reader
                .each_job(|job| {
                    found |= job.state == mailroom::model::JobState::Running
                        && matches!(job.job, mailroom::model::Job::ImportBatch { .. })
                        && job.holder.as_deref().is_some_and(|h| h.ends_with(&a_holds));
                })
                .unwrap();
            found
        };
        // Read from the database: asked every 10 ms, the API would refuse
        // the token for its rate.
        let done = db
            .app
            .store_for_tests()
            .read()
            .unwrap()
            .import(mailroom::model::ImportId(id))
            .unwrap()
            .map_or(0, |import| import.done);
        if running_on_a && done > 0 {
            a.kill();
            break done;
        }
        assert!(
            Instant::now() < deadline,
            "node A never ran a batch of the import"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(
        done_at_kill < ROWS as u64,
        "the import ended before a node could be killed"
    );
    // Node B finishes it, taking over whatever A had leased.
    let deadline = Instant::now() + Duration::from_secs(600);
    let finished = loop {
        let state = import_state(b.http, &bearer, id);
        if state["state"] == "done" {
            break state;
        }
        assert!(
            Instant::now() < deadline,
            "the import did not finish: {state}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(finished["created"], ROWS, "{finished}");
    assert_eq!(finished["failed"], 0, "{finished}");
    assert_eq!(finished["done"], ROWS, "{finished}");
    // Each row once: one result per line, one address per row.
    let reader = db.app.store_for_tests().read().unwrap();
    let results = reader
        .import_results(mailroom::model::ImportId(id))
        .unwrap();
    assert_eq!(results.len(), ROWS);
    let service = reader
        .service_by_domain(&mailroom::model::Domain::parse("acme.example").unwrap())
        .unwrap()
        .unwrap();
    let mut lines: Vec<u64> = results.iter().map(|r| r.line).collect();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), ROWS, "a line with two results");
    for i in [0, ROWS / 2, ROWS - 1] {
        let local = mailroom::model::LocalPart::parse(&format!("row{i}")).unwrap();
        assert!(
            reader
                .address_by_name(service.id, &local)
                .unwrap()
                .is_some()
        );
    }
}

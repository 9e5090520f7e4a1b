//! Rights that hold: reserved names, imports that stop when their uploader
//! loses the right, and navigation that shows only what one may use.

use axum::http::StatusCode;
use mailroom::model::{Domain, ImportState, Permission, Role};
use mailroom::store::prelude::*;

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

#[tokio::test]
async fn only_owners_and_admins_give_out_reserved_names() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "shared",
        ann,
        [Permission::Aliases].into_iter().collect(),
    );
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    member.get(PAGE).await;
    for name in [
        "postmaster",
        "hostmaster",
        "admin",
        "webmaster",
        "abuse",
        "ssl-admin",
        "root",
    ] {
        let refused = member
            .post(&format!("{PAGE}/aliases"), &[("alias", name)])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            refused.body.contains("reserved"),
            "{name}: {}",
            refused.body
        );
    }
    let fine = member
        .post(&format!("{PAGE}/aliases"), &[("alias", "ann.work")])
        .await;
    assert_eq!(fine.status, StatusCode::SEE_OTHER);
    owner.get(PAGE).await;
    let by_owner = owner
        .post(&format!("{PAGE}/aliases"), &[("alias", "postmaster")])
        .await;
    assert_eq!(by_owner.status, StatusCode::SEE_OTHER, "{}", by_owner.body);
}

#[tokio::test]
async fn an_import_stops_when_its_uploader_may_no_longer_manage() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let admin = app.add_member("admin@acme.example", Role::Admin);
    let actor = mailroom::app::Actor {
        token: None,
        user: admin,
        ip: None,
    };
    let domain = Domain::parse("acme.example").unwrap();
    let mut csv = String::from("address\n");
    // More rows than one batch takes (1,000 when nothing is hashed).
    for i in 0..1500 {
        csv.push_str(&format!("user{i:04}\n"));
    }
    let record = app
        .app
        .imports()
        .upload_import(&actor, &domain, "many.csv", csv.as_bytes())
        .unwrap();
    app.app
        .imports()
        .start_import(&actor, &domain, record.id)
        .unwrap();
    assert!(
        app.app.imports().import_batch(record.id).unwrap() > 0,
        "a first batch"
    );
    // The admin becomes a plain member.
    owner.get("/organisations/1/members").await;
    let demoted = owner
        .post(
            &format!("/organisations/1/members/{admin}/role"),
            &[("role", "member")],
        )
        .await;
    assert_eq!(demoted.status, StatusCode::SEE_OTHER);
    assert_eq!(app.app.imports().import_batch(record.id).unwrap(), 0);
    let stored = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .import(record.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.state, ImportState::Done);
    assert!(
        stored.created_count < 1500,
        "it stopped: {}",
        stored.created_count
    );
    assert!(
        stored
            .stopped
            .as_deref()
            .unwrap_or("")
            .contains("may no longer manage")
    );
    let page = owner
        .get(&format!("/services/acme.example/imports/{}", record.id))
        .await;
    assert!(page.body.contains("may no longer manage"), "{}", page.body);
}

#[tokio::test]
async fn members_see_no_outbox_or_jobs_links_and_are_refused_there() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_member("ann@acme.example", Role::Member);
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    let page = member.get("/services").await;
    assert!(!page.body.contains("href=\"/outbox\""));
    assert!(!page.body.contains("href=\"/jobs\""));
    assert_eq!(member.get("/outbox").await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.get("/jobs").await.status, StatusCode::FORBIDDEN);
    let managed = owner.get("/services").await;
    assert!(managed.body.contains("href=\"/outbox\"") && managed.body.contains("href=\"/jobs\""));
}

#[tokio::test]
async fn a_throttled_login_after_setup_does_not_undo_what_happened() {
    let app = TestApp::new();
    // Someone tries the future owner's login five times before setup.
    let mut stranger = app.client_from("127.0.7.1");
    for _ in 0..5 {
        stranger
            .login(crate::helpers::OWNER, "a wrong password")
            .await;
    }
    // Setup logs the owner in within its own transaction: no throttled
    // login afterwards can turn what happened into "nothing was changed".
    let mut owner = app.set_up().await;
    assert_eq!(owner.get("/services").await.status, StatusCode::OK);
}

//! The operator's console through the real router: only operators, and only
//! once they sign in with two factors; organisations listed and searched,
//! one created with its first owner, its limits set (a bad value kept and
//! explained, nothing changed), suspended with a reason and resumed.

use axum::http::StatusCode;
use mailroom::model::Role;
use mailroom::store::prelude::*;

use super::helpers::{PASSWORD, TestApp};
use super::two_factor_codes::enrol;

#[tokio::test]
async fn only_an_operator_with_two_factors_runs_the_console() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_member("admin@acme.example", Role::Admin);
    let mut admin = app.client();
    admin.get("/login").await;
    admin.login("admin@acme.example", PASSWORD).await;
    assert!(
        !admin
            .get("/services")
            .await
            .body
            .contains("href=\"/operator\"")
    );
    assert_eq!(admin.get("/operator").await.status, StatusCode::FORBIDDEN);
    let refused = admin
        .post(
            "/operator/organisations",
            &[("name", "Evil"), ("owner", "admin@acme.example")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // The operator, before two-factor sign-in: told to set it up.
    assert!(
        owner
            .get("/services")
            .await
            .body
            .contains("href=\"/operator\"")
    );
    let page = owner.get("/operator").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("two factors") && page.body.contains("href=\"/account/two-factor\""),
        "{}",
        page.body
    );
    let refused = owner
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", "admin@acme.example")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .organisations()
            .unwrap()
            .len(),
        1
    );

    enrol(&mut owner).await;
    let page = owner.get("/operator").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let listed = page
        .body
        .split("<table id=\"organisations\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        listed.contains(">Acme<") && listed.contains("owner@acme.example"),
        "{}",
        page.body
    );

    // Creating: a person without an account is refused on its field.
    let refused = owner
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", "nobody@beta.example")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("nobody@beta.example") && refused.body.contains("value=\"Beta\"")
    );
    let made = owner
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", "admin@acme.example")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let beta = made.location().to_owned();
    let found = owner.get("/operator?q=BET").await;
    // The table of organisations found (the header names the owner's own).
    let table = found
        .body
        .split("<table id=\"organisations\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        table.contains(">Beta<") && !table.contains(">Acme<"),
        "{}",
        found.body
    );

    // Limits: a bad value is kept and explained, and nothing changes.
    let bad = owner
        .post(
            &format!("{beta}/limits"),
            &[("addresses", "lots"), ("members", "3")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"lots\"") && bad.body.contains("whole number"));
    let org_id = app
        .app
        .organisations()
        .organisation_named(Some("Beta"))
        .unwrap()
        .id;
    let limits = |app: &TestApp| {
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .organisation(org_id)
            .unwrap()
            .unwrap()
            .limits
    };
    assert_eq!(limits(&app), mailroom::model::Limits::default());
    let saved = owner
        .post(
            &format!("{beta}/limits"),
            &[
                ("addresses", "100"),
                ("members", "3"),
                ("services", ""),
                ("import_rows", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        (
            limits(&app).addresses,
            limits(&app).members,
            limits(&app).services
        ),
        (Some(100), Some(3), None)
    );
    assert!(owner.get(&beta).await.body.contains("value=\"100\""));

    // Suspending needs a reason; then the page says so, and resuming ends it.
    let bad = owner
        .post(&format!("{beta}/suspend"), &[("reason", "  ")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    owner
        .post(&format!("{beta}/suspend"), &[("reason", "unpaid")])
        .await;
    let page = owner.get(&beta).await;
    assert!(page.body.contains("unpaid") && page.body.contains("Resume the organisation"));
    assert!(owner.get("/operator").await.body.contains("suspended"));
    owner.post(&format!("{beta}/resume"), &[]).await;
    let reader = app.app.store_for_tests().read().unwrap();
    assert!(
        reader
            .organisation(org_id)
            .unwrap()
            .unwrap()
            .suspended
            .is_none()
    );
}

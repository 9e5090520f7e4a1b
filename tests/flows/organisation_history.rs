//! An organisation's history, for its owners and admins: their own
//! changes and what the operator did (named as the operator's), newest
//! first, a page at a time; a member, and an owner of another
//! organisation, are refused.

use axum::http::StatusCode;
use mailroom::app::OperatorActor;
use mailroom::model::{EmailAddress, Limits, Password, Role};

use super::helpers::{PASSWORD, TestApp};
use super::organisations::beta;

#[tokio::test]
async fn owners_read_their_history_with_what_the_operator_did() {
    let app = TestApp::new();
    let mut acme_owner = app.set_up().await;
    let org = beta(&app, false);
    let by = OperatorActor::CommandLine;
    let operators = app.app.operators();
    operators.suspend(by, org, "invoice 42 unpaid").unwrap();
    operators.resume(by, org).unwrap();
    let limits = |addresses| Limits {
        addresses: Some(addresses),
        ..Limits::default()
    };
    operators.set_limits(by, org, limits(9)).unwrap();
    let history = format!("/organisations/{org}/history");

    let mut ann = app.client();
    ann.get("/login").await;
    ann.login("ann@beta.example", PASSWORD).await;
    assert!(
        ann.get(&format!("/organisations/{org}"))
            .await
            .body
            .contains(&history)
    );
    let page = ann.get(&history).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = |text: &str| {
        page.body
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} is not in the history:\n{}", page.body))
    };
    // Newest first; the operator's actions named as the operator's.
    assert!(at("Set the limits: services=none addresses=9") < at("Lifted the suspension"));
    assert!(at("Lifted the suspension") < at("Suspended the organisation: invoice 42 unpaid"));
    assert!(at("Suspended the organisation") < at("service.add"));
    at("the installation’s operator");
    assert!(
        !page.body.contains("acme.example"),
        "Acme's events stay Acme's"
    );

    // Refused: an owner of another organisation, and a member.
    assert_eq!(acme_owner.get(&history).await.status, StatusCode::FORBIDDEN);
    let ann_actor = app.app.organisations().owner_of(org).unwrap();
    app.app
        .organisations()
        .add_member(
            &ann_actor,
            org,
            &EmailAddress::parse("max@beta.example").unwrap(),
            &Password::new(PASSWORD, None).unwrap(),
            Role::Member,
        )
        .unwrap();
    let mut max = app.client();
    max.get("/login").await;
    max.login("max@beta.example", PASSWORD).await;
    assert_eq!(max.get(&history).await.status, StatusCode::FORBIDDEN);

    // A page holds a hundred events; the older ones are a link away.
    for n in 0..100 {
        operators.set_limits(by, org, limits(100 + n)).unwrap();
    }
    let first = ann.get(&history).await;
    assert!(first.body.contains("addresses=199") && !first.body.contains("addresses=9 "));
    let older = first
        .body
        .split(&format!("href=\"{history}?before="))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no link to older events:\n{}", first.body))
        .to_owned();
    let second = ann.get(&format!("{history}?before={older}")).await;
    assert!(
        second.body.contains("addresses=9 ") && second.body.contains("invoice 42 unpaid"),
        "{}",
        second.body
    );
    assert!(!second.body.contains("addresses=199"));
    assert!(
        !second.body.contains("?before="),
        "the oldest page links no further"
    );
}

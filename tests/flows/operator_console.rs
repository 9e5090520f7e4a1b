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

    // Creating: an owner that is not an email is refused on its field.
    let refused = owner
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", "nobody@")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("value=\"nobody@\"") && refused.body.contains("value=\"Beta\""));
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
    let bad = owner
        .post(&format!("{beta}/limits"), &[("storage", "2 apples")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"2 apples\"") && bad.body.contains("500 GB"));
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
                ("storage", "2 TB"),
                ("import_rows", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        (
            limits(&app).addresses,
            limits(&app).members,
            limits(&app).services,
            limits(&app).storage_mb,
        ),
        (Some(100), Some(3), None, Some(2 * 1024 * 1024))
    );
    let page = owner.get(&beta).await.body;
    assert!(page.contains("value=\"100\"") && page.contains("value=\"2 TB\""));

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

/// The limits new organisations start with: set in the console (a bad
/// value kept and explained, nothing changed), given to the next
/// organisation made, never to those made before; an admin cannot set them.
#[tokio::test]
async fn new_organisations_start_with_the_default_limits() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_member("admin@acme.example", Role::Admin);
    let refused = app.app.operators().set_default_limits(
        mailroom::app::OperatorActor::Person(&mailroom::app::Actor {
            user: app
                .app
                .store_for_tests()
                .read()
                .unwrap()
                .user_by_login(&mailroom::model::EmailAddress::parse("admin@acme.example").unwrap())
                .unwrap()
                .unwrap()
                .id,
            token: None,
            ip: None,
        }),
        mailroom::model::Limits {
            addresses: Some(1),
            ..Default::default()
        },
    );
    assert!(matches!(refused, Err(mailroom::app::AppError::Forbidden)));
    enrol(&mut owner).await;
    let bad = owner
        .post(
            "/operator/default-limits",
            &[("addresses", "many"), ("storage", "1T")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"many\"") && bad.body.contains("whole number"));
    let defaults = |app: &TestApp| {
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .default_limits()
            .unwrap()
    };
    assert_eq!(defaults(&app), mailroom::model::Limits::default());
    let saved = owner
        .post(
            "/operator/default-limits",
            &[("addresses", "50"), ("storage", "1T"), ("members", "")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(owner.get("/operator").await.body.contains("value=\"1 TB\""));
    let made = owner
        .post(
            "/operator/organisations",
            &[("name", "Beta"), ("owner", "admin@acme.example")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let reader = app.app.store_for_tests().read().unwrap();
    let organisations = reader.organisations().unwrap();
    let limits_of = |name: &str| {
        organisations
            .iter()
            .find(|o| o.name == name)
            .unwrap()
            .limits
    };
    assert_eq!(
        (
            limits_of("Beta").addresses,
            limits_of("Beta").storage_mb,
            limits_of("Beta").members
        ),
        (Some(50), Some(1024 * 1024), None)
    );
    assert_eq!(limits_of("Acme"), mailroom::model::Limits::default());
}

/// The console's search finds an organisation by its name or by one of its
/// domains (as people write an international one, too), and its pages
/// follow one another without repeating or skipping one.
#[tokio::test]
async fn the_console_searches_names_and_domains_and_pages_through_them() {
    use mailroom::app::OperatorActor;
    use mailroom::model::{Domain, EmailAddress};
    let app = TestApp::new();
    app.set_up().await;
    let by = OperatorActor::CommandLine;
    let operators = app.app.operators();
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    for (name, domain) in [
        ("Beta", "zeta-mail.example"),
        ("Gamma", "café.example"),
        ("Delta", "delta.example"),
    ] {
        let org = operators.create_organisation(by, name, &owner).unwrap();
        app.app
            .services()
            .add_service_vouched(&app.owner(), org.id, &Domain::parse(domain).unwrap())
            .unwrap();
    }
    let names = |search: &str| -> Vec<String> {
        operators
            .organisations(by, search, None, 50)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.organisation.name)
            .collect()
    };
    assert_eq!(names("ZETA-mail"), ["Beta"]);
    assert_eq!(names("gam"), ["Gamma"]);
    assert_eq!(
        names("café"),
        ["Gamma"],
        "an international domain as written"
    );
    assert_eq!(names("xn--caf"), ["Gamma"], "and in its ASCII form");
    assert_eq!(names("nothing-like-it"), Vec::<String>::new());
    // Longer than the index's fragments: the whole text decides.
    let long = "a-very-long-domain-name-for-a-search.example";
    let org = operators
        .create_organisation(by, "Epsilon with a rather long name", &owner)
        .unwrap();
    app.app
        .services()
        .add_service_vouched(&app.owner(), org.id, &Domain::parse(long).unwrap())
        .unwrap();
    assert_eq!(
        names("long-domain-name-for-a-search.ex"),
        ["Epsilon with a rather long name"]
    );
    assert_eq!(
        names("long-domain-name-for-a-searches"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("EPSILON WITH A RATHER LONG NAME"),
        ["Epsilon with a rather long name"]
    );
    assert_eq!(
        names("epsilon with a rather long names"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("a"),
        [
            "Acme",
            "Beta",
            "Gamma",
            "Delta",
            "Epsilon with a rather long name"
        ]
    );
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = operators.organisations(by, "", after, 1).unwrap();
        seen.extend(page.items.into_iter().map(|i| i.organisation.name));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            "Acme",
            "Beta",
            "Gamma",
            "Delta",
            "Epsilon with a rather long name"
        ]
    );
}

#[tokio::test]
async fn the_console_shows_a_page_of_organisations_and_links_to_the_next() {
    use mailroom::app::{ORGANISATION_PAGE, OperatorActor};
    use mailroom::model::EmailAddress;
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    enrol(&mut owner).await;
    let first_owner = EmailAddress::parse("owner@acme.example").unwrap();
    // Acme and a page more: one past the first page.
    for n in 0..ORGANISATION_PAGE {
        app.app
            .operators()
            .create_organisation(
                OperatorActor::CommandLine,
                &format!("Org {n:02}"),
                &first_owner,
            )
            .unwrap();
    }
    // The table only: the header's switcher names every organisation of
    // the owner's.
    let table = |body: &str| {
        body.split("<table id=\"organisations\"")
            .nth(1)
            .and_then(|rest| rest.split("</table>").next())
            .unwrap_or_default()
            .to_owned()
    };
    let rows = |body: &str| {
        table(body)
            .matches("<tr><td><a href=\"/operator/organisations/")
            .count()
    };
    let last = format!(">Org {:02}<", ORGANISATION_PAGE - 1);
    let first = owner.get("/operator").await;
    assert_eq!(rows(&first.body), ORGANISATION_PAGE, "{}", first.body);
    let listed = table(&first.body);
    assert!(
        listed.contains(">Acme<") && !listed.contains(&last),
        "{listed}"
    );
    let next = first
        .body
        .split("href=\"/operator?q=&amp;after=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the next page");
    let second = owner.get(&format!("/operator?q=&after={next}")).await;
    assert_eq!(rows(&second.body), 1, "{}", second.body);
    assert!(table(&second.body).contains(&last), "{}", second.body);
    assert!(!second.body.contains("after="), "no page after the last");
}

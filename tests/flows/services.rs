use axum::http::StatusCode;
use mailroom::model::Role;

use crate::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn add_a_service_for_an_international_domain() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let page = owner.get("/services").await;
    assert!(page.body.contains("No email service yet."));
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
        .to_string();

    let added = owner
        .post(
            "/services",
            &[("organisation", &org), ("domain", "Bücher.Example")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(added.location(), "/services/xn--bcher-kva.example");

    let list = owner.get("/services").await;
    assert!(list.body.contains("bücher.example"), "shown in Unicode");
    assert!(
        list.body
            .contains("href=\"/services/xn--bcher-kva.example\"")
    );
    // The Unicode form of the URL opens the same service.
    let dashboard = owner.get("/services/b%C3%BCcher.example").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("<h1>bücher.example</h1>"));
    assert!(dashboard.body.contains("Create an email address"));
}

#[tokio::test]
async fn bad_or_taken_domains_are_refused_next_to_the_field() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    owner.get("/services").await;
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
        .to_string();
    for (domain, message) in [
        ("localhost", "at least two labels"),
        ("exa mple.org", "is not a valid domain name"),
        ("", "Enter a domain name"),
    ] {
        let response = owner
            .post("/services", &[("organisation", &org), ("domain", domain)])
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.body.contains(message), "{domain}: {message}");
        assert!(response.body.contains("id=\"domain-help\""));
    }
    assert_eq!(
        owner
            .post(
                "/services",
                &[("organisation", &org), ("domain", "acme.example")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let again = owner
        .post(
            "/services",
            &[("organisation", &org), ("domain", "ACME.example")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .body
            .contains("The domain acme.example already has an email service")
    );
    assert_eq!(
        app.app.services().services_for(app.owner().user).unwrap()[0]
            .services
            .len(),
        1
    );
}

#[tokio::test]
async fn members_cannot_add_services_and_strangers_cannot_see_them() {
    let app = TestApp::new();
    drop(app.set_up().await);
    app.add_service("acme.example");
    app.add_member("member@acme.example", Role::Member);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
        .to_string();

    let mut member = app.client();
    member.login("member@acme.example", PASSWORD).await;
    let page = member.get("/services").await;
    assert!(page.body.contains("acme.example"));
    assert!(
        !page.body.contains("Add an email service"),
        "no form for members"
    );
    let refused = member
        .post(
            "/services",
            &[("organisation", &org), ("domain", "member.example")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let domains = |app: &TestApp| -> Vec<String> {
        app.app
            .services()
            .all_services()
            .unwrap()
            .iter()
            .map(|s| s.domain.to_string())
            .collect()
    };
    assert!(!domains(&app).contains(&"member.example".to_owned()));

    // A user of another organisation is told the service does not exist.
    let other = app
        .app
        .operators()
        .create_organisation(
            mailroom::app::OperatorActor::CommandLine,
            "Other",
            &mailroom::model::EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    let outsider = {
        let login = mailroom::model::EmailAddress::parse("out@other.example").unwrap();
        let password = mailroom::model::Password::new(PASSWORD, None).unwrap();
        app.app
            .organisations()
            .add_member(&app.owner(), other.id, &login, &password, Role::Owner)
            .unwrap()
    };
    assert!(outsider > mailroom::model::UserId(0));
    let mut stranger = app.client();
    stranger.login("out@other.example", PASSWORD).await;
    assert_eq!(
        stranger.get("/services/acme.example").await.status,
        StatusCode::NOT_FOUND
    );
    let list = stranger.get("/services").await;
    assert!(!list.body.contains("acme.example"));
    let cross = stranger
        .post(
            "/services",
            &[("organisation", &org), ("domain", "sneaky.example")],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert_eq!(
        domains(&app),
        vec!["acme.example".to_owned()],
        "nothing added"
    );
}

/// An admin names a domain that is not the organisation's (a bank's): the
/// service is made, but the mail server knows nothing of it until the DNS
/// shows the domain is theirs (tests/dns publishes the record).
#[tokio::test]
async fn a_domain_added_on_the_web_receives_no_mail_until_verified() {
    use mailroom::mailserver::lookup::{Answer, Map};
    use mailroom::mailserver::mail_login::MailLogin;
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_member("admin@acme.example", Role::Admin);
    let mut admin = app.client_from("127.0.21.1");
    admin.login("admin@acme.example", PASSWORD).await;
    admin.get("/services").await;
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
        .to_string();
    let added = admin
        .post(
            "/services",
            &[("organisation", &org), ("domain", "bank.example")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    app.app
        .addresses()
        .create_address(
            &app.app
                .organisations()
                .owner_of(
                    app.app
                        .organisations()
                        .organisation_named(Some("Acme"))
                        .unwrap()
                        .id,
                )
                .unwrap(),
            &mailroom::model::Domain::parse("bank.example").unwrap(),
            mailroom::app::NewAddress {
                local_part: mailroom::model::LocalPart::parse("ceo").unwrap(),
                for_whom: mailroom::app::ForWhom::Multiple,
                password: Some(
                    mailroom::model::Password::new("a long mailbox password", None).unwrap(),
                ),
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
    let directory = app.app.directory();
    for (map, key) in [
        (Map::Domain, "bank.example"),
        (Map::Mailbox, "ceo@bank.example"),
        (Map::Alias, "ceo@bank.example"),
    ] {
        assert!(
            matches!(directory.lookup(map, key).unwrap(), Answer::NotFound),
            "{key} is not ours yet"
        );
    }
    assert_eq!(
        directory
            .check_login("ceo@bank.example", "a long mailbox password", "imap", None)
            .unwrap(),
        MailLogin::UnknownLogin
    );
    assert!(directory.passwd_file().unwrap().is_empty());
    let list = admin.get("/services").await;
    assert!(
        list.body.contains("Not verified: no mail yet"),
        "{}",
        list.body
    );
    let dns = admin.get("/services/bank.example/dns").await;
    assert!(dns.body.contains("mailroom-verify="), "{}", dns.body);
    // A domain the operator vouches for receives mail at once.
    app.add_service("acme.example");
    assert!(matches!(
        directory.lookup(Map::Domain, "acme.example").unwrap(),
        Answer::Found(_)
    ));
}

/// A check verifies a service only when its ownership record is right and
/// carries that service's own value: another service's value, or the right
/// one seen wrong, does not.
#[tokio::test]
async fn only_the_services_own_value_seen_right_verifies_it() {
    use mailroom::model::{DnsReport, Domain, OWNERSHIP_PURPOSE, RecordCheck, RecordState};
    // With doveadm: replies on the mail server may need installing again.
    let app = TestApp::with_settings(mailroom::app::AppSettings {
        doveadm: Some(mailroom::doveadm::DoveadmSettings {
            url: "http://127.0.0.1:9".into(),
            key: "key".into(),
        }),
        ..mailroom::app::AppSettings::default()
    });
    drop(app.set_up().await);
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let owner = app.owner();
    let bank = Domain::parse("bank.example").unwrap();
    let ours = app.app.services().add_service(&owner, org, &bank).unwrap();
    let other = app
        .app
        .services()
        .add_service(&owner, org, &Domain::parse("other.example").unwrap())
        .unwrap();
    let report = |value: String, state: RecordState| DnsReport {
        checked_at: 0,
        records: vec![RecordCheck {
            purpose: OWNERSHIP_PURPOSE.into(),
            name: "bank.example.".into(),
            rtype: "TXT".into(),
            expected: format!("\"{value}\""),
            required: true,
            state,
            found: Vec::new(),
            note: None,
        }],
        error: None,
    };
    let pending = || {
        app.app
            .services()
            .all_services()
            .unwrap()
            .into_iter()
            .find(|s| s.domain == bank)
            .unwrap()
            .verification
            .is_some()
    };
    // Replies to the organisation's own domains are installed again once
    // it holds one more (their scripts name them).
    app.add_service("acme.example");
    let ids = app.add_addresses("acme.example", &["away", "plain"]);
    let reply = |only_own_domains| mailroom::app::AutoReplyChange {
        enabled: true,
        subject: String::new(),
        message: "Away".into(),
        start: None,
        end: None,
        days: 7,
        only_own_domains,
    };
    for (local, only) in [("away", true), ("plain", false)] {
        let target = mailroom::app::AddressRef::parse("acme.example", local).unwrap();
        app.app
            .addresses()
            .set_auto_reply(&owner, &target, &reply(only))
            .unwrap();
    }
    let refreshes = || {
        use mailroom::store::prelude::*;
        let reader = app.app.store_for_tests().read().unwrap();
        let installs = |id: mailroom::model::AddressId| {
            reader
                .recent_jobs(usize::MAX)
                .unwrap()
                .into_iter()
                .filter(|r| matches!(r.job, mailroom::model::Job::InstallSieve { address } if address == id))
                .count()
        };
        // One install each when set; one more for the reply to own domains.
        assert_eq!(installs(ids[1]), 1, "a reply to everyone is not touched");
        installs(ids[0]) - 1
    };
    let theirs = other.ownership_value().unwrap();
    app.app
        .services()
        .record_dns_check(&owner, &bank, report(theirs, RecordState::Ok))
        .unwrap();
    assert!(pending(), "another service's value");
    let own = ours.ownership_value().unwrap();
    app.app
        .services()
        .record_dns_check(&owner, &bank, report(own.clone(), RecordState::Wrong))
        .unwrap();
    assert!(pending(), "its value, not seen");
    assert_eq!(refreshes(), 0);
    app.app
        .services()
        .record_dns_check(&owner, &bank, report(own, RecordState::Ok))
        .unwrap();
    assert!(!pending(), "verified");
    assert_eq!(refreshes(), 1, "verified: the replies to its domains again");
}

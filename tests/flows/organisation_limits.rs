//! The operator's limits on an organisation: one more service, address,
//! member or megabyte of quota than allowed is refused by every way of making one (the web, the
//! use cases an API or CLI call, an import's rows, a restore, an accepted
//! invitation), naming the limit; a parallel burst makes no more than the
//! limit allows; only an operator sets them.

use std::sync::Arc;

use axum::http::StatusCode;
use mailroom::app::{AddressRef, AppError, ForWhom, NewAddress, OperatorActor, Rejection};
use mailroom::model::{Domain, LimitKind, Limits, LocalPart, Quota, Role};

use super::helpers::{PASSWORD, TestApp};

fn acme_id(app: &TestApp) -> mailroom::model::OrgId {
    app.app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
}

fn set(app: &TestApp, limits: Limits) {
    app.app
        .operators()
        .set_limits(OperatorActor::CommandLine, acme_id(app), limits)
        .unwrap();
}

fn new(local: &str) -> NewAddress {
    NewAddress {
        local_part: LocalPart::parse(local).unwrap(),
        for_whom: ForWhom::Multiple,
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    }
}

fn limit_reached(result: Result<impl std::fmt::Debug, AppError>, kind: LimitKind, max: u64) {
    match result {
        Err(AppError::Rejected(Rejection::LimitReached { kind: k, max: m }))
            if k == kind && m == max => {}
        other => panic!("expected the {} limit of {max}: {other:?}", kind.name()),
    }
}

#[tokio::test]
async fn each_limit_refuses_one_more_and_says_who_can_raise_it() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["one"]);
    set(
        &app,
        Limits {
            services: Some(1),
            addresses: Some(2),
            members: Some(2),
            import_rows: Some(3),
            storage_mb: None,
        },
    );
    let actor = app.owner();
    let domain = Domain::parse("acme.example").unwrap();

    // Services.
    limit_reached(
        app.app.services().add_service_vouched(
            &actor,
            acme_id(&app),
            &Domain::parse("second.example").unwrap(),
        ),
        LimitKind::Services,
        1,
    );
    // On the web, the message stands beside the domain, still typed in.
    let org = acme_id(&app).to_string();
    owner.get("/services").await;
    let refused = owner
        .post(
            "/services",
            &[("organisation", org.as_str()), ("domain", "second.example")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("at most 1 services")
            && refused.body.contains("value=\"second.example\""),
        "{}",
        refused.body
    );
    // Addresses: one more fits, the next is refused, on the web too.
    app.app
        .addresses()
        .create_address(&actor, &domain, new("two"))
        .unwrap();
    limit_reached(
        app.app
            .addresses()
            .create_address(&actor, &domain, new("three")),
        LimitKind::Addresses,
        2,
    );
    const NEW: &str = "/services/acme.example/new-address";
    owner.get(NEW).await;
    let page = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "three"),
                ("purpose", "me"),
                ("password", "a long enough mailbox password"),
                ("confirm", "a long enough mailbox password"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("at most 2 addresses") && page.body.contains("operator"),
        "{}",
        page.body
    );
    assert!(app.stored("three").is_none());
    // A deleted address is not restored past the limit.
    let two = AddressRef::parse("acme.example", "two").unwrap();
    let id = app.stored("two").unwrap().id;
    app.app
        .addresses()
        .delete_address(&actor, &two, PASSWORD, true)
        .unwrap();
    app.app
        .addresses()
        .create_address(&actor, &domain, new("four"))
        .unwrap();
    limit_reached(
        app.app.addresses().restore_address(&actor, &domain, id),
        LimitKind::Addresses,
        2,
    );

    // An import's preview refuses the rows past the room, and a file past
    // the row limit is refused whole.
    set(
        &app,
        Limits {
            services: Some(1),
            addresses: Some(3),
            members: Some(2),
            import_rows: Some(3),
            storage_mb: None,
        },
    );
    let csv = "address\nfive\nsix\n";
    let preview = app
        .app
        .imports()
        .preview(
            &actor,
            &domain,
            &mut std::io::Cursor::new(csv.as_bytes()),
            0,
        )
        .unwrap();
    assert_eq!(
        (preview.totals.rows, preview.totals.valid),
        (2, 1),
        "{preview:?}"
    );
    let refused = preview.rows[1].as_ref().unwrap_err();
    assert!(
        refused.reason.contains("at most 3 addresses"),
        "{refused:?}"
    );
    let long = "address\na1\na2\na3\na4\n";
    limit_reached(
        app.app.imports().preview(
            &actor,
            &domain,
            &mut std::io::Cursor::new(long.as_bytes()),
            0,
        ),
        LimitKind::ImportRows,
        3,
    );

    // Members: the owner and one more.
    app.add_member("bob@acme.example", Role::Member);
    let refused = app.app.organisations().add_member(
        &actor,
        acme_id(&app),
        &mailroom::model::EmailAddress::parse("carol@acme.example").unwrap(),
        &mailroom::model::Password::new(PASSWORD, None).unwrap(),
        Role::Member,
    );
    limit_reached(refused, LimitKind::Members, 2);
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .user_by_login(&mailroom::model::EmailAddress::parse("carol@acme.example").unwrap())
            .unwrap()
            .is_none()
    );

    // Raised: made again.
    set(&app, Limits::default());
    app.app
        .addresses()
        .create_address(&actor, &domain, new("three"))
        .unwrap();
}

use mailroom::store::prelude::*;

/// An invitation accepted when the organisation has no room for one more
/// member is refused, naming the limit, and makes no account; the same
/// link works once the limit is raised.
#[tokio::test]
async fn an_invitation_accepted_past_the_member_limit_makes_nothing() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["team"]);
    owner.get("/services/acme.example/addresses/team").await;
    let invited = owner
        .post(
            "/services/acme.example/addresses/team/users",
            &[("who", "guest@elsewhere.example"), ("signup", "own_choice")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let link = app.last_link_path();
    set(
        &app,
        Limits {
            members: Some(1),
            ..Limits::default()
        },
    );
    let guest_login = mailroom::model::EmailAddress::parse("guest@elsewhere.example").unwrap();
    let form = [
        ("login", "guest@elsewhere.example"),
        ("password", PASSWORD),
        ("confirm", PASSWORD),
    ];
    let mut guest = app.client_from("127.0.0.21");
    guest.get(&link).await;
    // Full: told at once, before any email.
    let refused = guest.post(&link, &form).await;
    assert!(
        refused.body.contains("at most 1 members") && refused.body.contains("operator"),
        "{} {}",
        refused.status,
        refused.body
    );
    assert_eq!(app.last_link_path(), link, "no confirmation was sent");
    // Room when asked, none when the emailed link is opened: refused there.
    set(&app, Limits::default());
    let asked = guest.post(&link, &form).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let confirm = app.last_link_path();
    set(
        &app,
        Limits {
            members: Some(1),
            ..Limits::default()
        },
    );
    guest.get(&confirm).await;
    let refused = guest.post(&confirm, &[]).await;
    assert!(
        refused.body.contains("at most 1 members") && refused.body.contains("operator"),
        "{} {}",
        refused.status,
        refused.body
    );
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .user_by_login(&guest_login)
            .unwrap()
            .is_none()
    );
    set(&app, Limits::default());
    let accepted = guest.post(&confirm, &[]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert!(
        app.app
            .store_for_tests()
            .read()
            .unwrap()
            .user_by_login(&guest_login)
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn only_an_operator_sets_limits() {
    let app = TestApp::new();
    app.set_up().await;
    let admin = app.add_member("admin@acme.example", Role::Admin);
    let as_admin = mailroom::app::Actor {
        user: admin,
        token: None,
        ip: None,
    };
    let refused = app.app.operators().set_limits(
        OperatorActor::Person(&as_admin),
        acme_id(&app),
        Limits {
            addresses: Some(1_000_000),
            ..Limits::default()
        },
    );
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let org = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .organisation(acme_id(&app))
        .unwrap()
        .unwrap();
    assert_eq!(org.limits, Limits::default());
}

/// Twenty creations at once with room for five: five made, fifteen told
/// the limit, on either store.
#[tokio::test]
async fn a_burst_of_creations_makes_no_more_than_the_limit() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    set(
        &app,
        Limits {
            addresses: Some(5),
            ..Limits::default()
        },
    );
    let made = burst(&app, LimitKind::Addresses, |i| new(&format!("burst{i}")));
    assert_eq!(made, 5);
    let reader = app.app.store_for_tests().read().unwrap();
    let service = reader
        .service_by_domain(&Domain::parse("acme.example").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(service.address_count, 5);
}

fn quota(text: &str) -> Option<Quota> {
    Some(Quota::parse(text).unwrap())
}

fn with_quota(local: &str, text: &str) -> NewAddress {
    NewAddress {
        quota: quota(text),
        ..new(local)
    }
}

fn quota_required(result: Result<impl std::fmt::Debug, AppError>) {
    match result {
        Err(AppError::Rejected(Rejection::QuotaRequired { max: 1024 })) => {}
        other => panic!("expected a quota to be required: {other:?}"),
    }
}

/// The storage limit adds up the quotas handed out (each address's own,
/// else its service's default): every way of handing out more (creating,
/// restoring, raising a quota or the default, an import's rows) is refused
/// past it, a mailbox without a limit is refused while it is set, and
/// shrinking is always allowed. The counters agree with the addresses.
#[tokio::test]
async fn the_storage_limit_adds_up_the_quotas_handed_out() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let actor = app.owner();
    let domain = Domain::parse("acme.example").unwrap();
    let addresses = app.app.addresses();
    let services = app.app.services();
    set(
        &app,
        Limits {
            storage_mb: Some(1024),
            ..Limits::default()
        },
    );
    // No quota and no default: a mailbox without a limit is refused.
    quota_required(addresses.create_address(&actor, &domain, new("free")));
    const NEW: &str = "/services/acme.example/new-address";
    owner.get(NEW).await;
    let page = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "free"),
                ("purpose", "me"),
                ("password", "a long enough mailbox password"),
                ("confirm", "a long enough mailbox password"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("limited to 1 GB"), "{}", page.body);
    assert!(app.stored("free").is_none());
    // A no-reply address has no mailbox: it needs no quota and counts nothing.
    addresses
        .create_address(
            &actor,
            &domain,
            NewAddress {
                for_whom: ForWhom::NoReply,
                ..new("noreply")
            },
        )
        .unwrap();

    addresses
        .create_address(&actor, &domain, with_quota("big", "600"))
        .unwrap();
    limit_reached(
        addresses.create_address(&actor, &domain, with_quota("more", "500")),
        LimitKind::Storage,
        1024,
    );
    addresses
        .create_address(&actor, &domain, with_quota("fits", "424"))
        .unwrap();
    // Raising one past the limit is refused; shrinking is allowed.
    let big = AddressRef::parse("acme.example", "big").unwrap();
    limit_reached(
        addresses.set_quota(&actor, &big, quota("601")),
        LimitKind::Storage,
        1024,
    );
    addresses.set_quota(&actor, &big, quota("500")).unwrap();
    quota_required(addresses.set_quota(&actor, &big, None));
    // The default counts once per address that uses it.
    services
        .set_default_quota(&actor, &domain, quota("50"))
        .unwrap();
    addresses
        .create_address(&actor, &domain, new("d1"))
        .unwrap();
    addresses
        .create_address(&actor, &domain, new("d2"))
        .unwrap();
    limit_reached(
        addresses.create_address(&actor, &domain, new("d3")),
        LimitKind::Storage,
        1024,
    );
    limit_reached(
        services.set_default_quota(&actor, &domain, quota("51")),
        LimitKind::Storage,
        1024,
    );
    quota_required(services.set_default_quota(&actor, &domain, None));
    let usage = app
        .app
        .operators()
        .usage(OperatorActor::CommandLine, acme_id(&app))
        .unwrap();
    assert!(
        usage.contains(&(LimitKind::Storage, 1024, Some(1024))),
        "{usage:?}"
    );
    // A deleted address frees its quota, and is not restored past it.
    let fits = AddressRef::parse("acme.example", "fits").unwrap();
    let id = app.stored("fits").unwrap().id;
    addresses
        .delete_address(&actor, &fits, PASSWORD, true)
        .unwrap();
    services
        .set_default_quota(&actor, &domain, quota("100"))
        .unwrap();
    limit_reached(
        addresses.restore_address(&actor, &domain, id),
        LimitKind::Storage,
        1024,
    );
    // An import's preview refuses the rows past the room (324 MB left).
    let csv = "address,quota\nq1,300\nq2,100\nq3,24\n";
    let preview = app
        .app
        .imports()
        .preview(
            &actor,
            &domain,
            &mut std::io::Cursor::new(csv.as_bytes()),
            0,
        )
        .unwrap();
    assert_eq!((preview.totals.rows, preview.totals.valid), (3, 2));
    let refused = preview.rows[1].as_ref().unwrap_err();
    assert!(
        refused.reason.contains("at most 1 GB") && refused.column == "quota",
        "{refused:?}"
    );
    // Raised: restored, and the counters agree with the addresses.
    set(&app, Limits::default());
    addresses.restore_address(&actor, &domain, id).unwrap();
    addresses
        .create_address(&actor, &domain, new("free"))
        .unwrap();
    let reader = app.app.store_for_tests().read().unwrap();
    let report = mailroom::store::check::check(&reader).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let service = reader.service_by_domain(&domain).unwrap().unwrap();
    assert_eq!(
        (service.own_quota_mb, service.on_default_quota),
        (500 + 424, 3)
    );
}

/// Twenty 100 MB mailboxes at once with room for 1 GB: ten made.
#[tokio::test]
async fn a_burst_of_quotas_hands_out_no_more_than_the_storage_limit() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    set(
        &app,
        Limits {
            storage_mb: Some(1000),
            ..Limits::default()
        },
    );
    let made = burst(&app, LimitKind::Storage, |i| {
        with_quota(&format!("burst{i}"), "100")
    });
    assert_eq!(made, 10);
    let reader = app.app.store_for_tests().read().unwrap();
    let service = reader
        .service_by_domain(&Domain::parse("acme.example").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(service.own_quota_mb, 1000);
}

/// Twenty creations at once on acme.example (`make` gives each its
/// address): how many were made; every other must be told `kind`'s limit.
fn burst(app: &TestApp, kind: LimitKind, make: fn(usize) -> NewAddress) -> usize {
    let shared = Arc::clone(&app.app);
    let actor = app.owner();
    let threads: Vec<_> = (0..20)
        .map(|i| {
            let (app, actor) = (Arc::clone(&shared), actor.clone());
            std::thread::spawn(move || {
                let domain = Domain::parse("acme.example").unwrap();
                app.addresses().create_address(&actor, &domain, make(i))
            })
        })
        .collect();
    let mut made = 0;
    for thread in threads {
        match thread.join().unwrap() {
            Ok(_) => made += 1,
            Err(AppError::Rejected(Rejection::LimitReached { kind: k, .. })) if k == kind => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    made
}

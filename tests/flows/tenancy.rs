//! Organisations kept apart, proven by a generated matrix: every page and
//! form of the web router (read from `src/web/router.rs`, so a route added
//! later is tried too) that names an organisation, a service or a record,
//! asked by Beta's owner, admin and member about Acme's things, answers
//! exactly as it does about things that do not exist (same status, same
//! page once the names are swapped), and changes nothing. The API's matrix
//! (`tests/api/matrix.rs`) does the same for tokens.

use axum::http::StatusCode;
use mailroom::model::{EmailAddress, Password, Role};
use mailroom::store::prelude::*;

use super::helpers::{Client, PASSWORD, TestApp};
use super::organisations::beta;

/// Every field the forms read, each valid, so that a form is refused by
/// who asks, not by what it holds.
const FORM: &[(&str, &str)] = &[
    ("confirm", "on"),
    ("understood", "on"),
    ("password", PASSWORD),
    ("role", "member"),
    ("local", "newname"),
    ("alias", "newalias"),
    ("who", "someone@elsewhere.example"),
    ("signup", "own_choice"),
    ("days", "7"),
    ("name", "laptop"),
    ("quota", "100"),
    ("reason", "a reason"),
    ("forward_to", "someone@elsewhere.example"),
    ("domain", "new.example"),
    ("step", "create"),
    ("purpose", "me"),
    ("lang", "fr"),
    ("on", "on"),
];

/// Where the address pages are nested in the router.
const ADDRESS_PAGES: &str = "/services/{domain}/addresses/{local}";

/// Every (method, path pattern) of the web router.
fn web_routes() -> Vec<(&'static str, String)> {
    let source = include_str!("../../src/web/router.rs");
    let nested_until = source.find("pub fn router").expect("the router");
    let mut routes = Vec::new();
    let mut rest = 0;
    while let Some(found) = source[rest..].find(".route(") {
        let at = rest + found;
        let call = &source[at + ".route(".len()..];
        let end = [".route(", ".nest(", ".fallback(", ".layer(middleware"]
            .iter()
            .filter_map(|next| call.find(next))
            .min()
            .unwrap_or(call.len());
        let call = &call[..end];
        let path = call.split('"').nth(1).expect("a quoted path").to_owned();
        let path = if at < nested_until {
            format!("{ADDRESS_PAGES}{}", path.trim_end_matches('/'))
        } else {
            path
        };
        for method in ["get", "post"] {
            if names_method(call, method) {
                routes.push((method, path.clone()));
            }
        }
        rest = at + 1;
    }
    routes
}

/// Whether a route's call names `method` (`get(…)`, `.post(…)`), not a
/// handler whose name merely ends so.
fn names_method(call: &str, method: &str) -> bool {
    let wanted = format!("{method}(");
    call.match_indices(&wanted).any(|(at, _)| {
        !call[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
    })
}

/// A path with Acme's names and ids, or with ones that name nothing.
fn filled(pattern: &str, names: &[(&str, String)]) -> String {
    names
        .iter()
        .fold(pattern.to_owned(), |path, (placeholder, value)| {
            path.replace(placeholder, value)
        })
}

fn urlencoded(path: &str) -> String {
    serde_urlencoded::to_string([("", path)])
        .unwrap()
        .trim_start_matches('=')
        .to_owned()
}

/// What the store holds, to see that nothing changed.
fn contents(app: &TestApp) -> Vec<(String, u64)> {
    let reader = app.app.store_for_tests().read().unwrap();
    let mut counts = mailroom::store::check::check(&reader).unwrap().counts;
    // Sessions and last uses move with every request; records do not.
    counts.retain(|(table, _)| table != "sessions");
    counts
}

/// Acme's records that paths name by id, by the kind the path names:
/// an invitation, a sharing link, a device password, an import, a deleted
/// address, a job; and an alias of info@ and a user of it.
async fn acme_records(app: &TestApp, carl: mailroom::model::UserId) -> Vec<(&'static str, u64)> {
    use mailroom::app::{AddressRef, PermissionChoice, ShareMode, ShareWith};
    use mailroom::model::{DeviceName, Domain, LocalPart, Permissions, SignupRule};
    let owner = app.owner();
    let info = AddressRef::parse("acme.example", "info").unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    app.share("acme.example", "info", carl, Permissions::all());
    app.app
        .addresses()
        .add_alias(&owner, &info, &LocalPart::parse("contact").unwrap())
        .unwrap();
    let sharing = app.app.sharing();
    let invited = sharing
        .share_address(
            &owner,
            &info,
            ShareWith::Email {
                email: EmailAddress::parse("guest@elsewhere.example").unwrap(),
                signup: SignupRule::OwnChoice,
                lang: None,
            },
            PermissionChoice::Defaults,
            ShareMode::Invite,
        )
        .unwrap();
    let (link, _) = sharing
        .create_link(&owner, &info, Permissions::none(), 7)
        .unwrap();
    let device = app
        .app
        .devices()
        .create_device_password(
            &owner,
            &info,
            carl,
            DeviceName::parse("phone").unwrap(),
            None,
        )
        .unwrap();
    let import = app
        .app
        .imports()
        .upload_import(&owner, &domain, "rows.csv", b"address\nsales\n")
        .unwrap();
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let (token, _) = app
        .app
        .tokens()
        .create_token(
            &owner,
            org,
            mailroom::app::NewToken {
                name: "acme's".into(),
                scope: mailroom::model::Scope::Read,
                days: None,
                allow_from: Vec::new(),
            },
        )
        .unwrap();
    let gone = app.add_addresses("acme.example", &["gone"])[0];
    let target = AddressRef::parse("acme.example", "gone").unwrap();
    app.app
        .addresses()
        .delete_address(&owner, &target, PASSWORD, true)
        .unwrap();
    let reader = app.app.store_for_tests().read().unwrap();
    let job = reader.recent_jobs(1).unwrap()[0].id.0;
    let invitation = match invited {
        mailroom::app::Shared::Invited(invitation) => invitation.0,
        other => panic!("{other:?}"),
    };
    vec![
        ("/invitations/{id}", invitation),
        ("/my-invitations/{id}", invitation),
        ("/links/{id}", link.id.0),
        ("/devices/{id}", device.credential.id.0),
        ("/imports/{id}", import.id.0),
        ("/deleted/{id}", gone.0),
        ("/jobs/{id}", job),
        ("/tokens/{id}", token.id.0),
    ]
}

async fn signed_in(app: &TestApp, login: &str, ip: &str) -> Client {
    let mut client = app.client_from(ip);
    client.get("/login").await;
    let done = client.login(login, PASSWORD).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{login}: {}", done.body);
    client.get("/services").await;
    client
}

#[tokio::test]
async fn another_organisations_people_find_nothing_of_acme_anywhere() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    let info = app.add_addresses("acme.example", &["info"])[0];
    let acme = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id;
    let acme_member = app.add_member("carl@acme.example", Role::Member);
    let acme_ids = acme_records(&app, acme_member).await;
    let beta_org = beta(&app, false);
    let ann = app.app.organisations().owner_of(beta_org).unwrap();
    for (login, role) in [
        ("bea@beta.example", Role::Admin),
        ("max@beta.example", Role::Member),
    ] {
        app.app
            .organisations()
            .add_member(
                &ann,
                beta_org,
                &EmailAddress::parse(login).unwrap(),
                &Password::new(PASSWORD, None).unwrap(),
                role,
            )
            .unwrap();
    }
    let mut people = [
        (
            "owner",
            signed_in(&app, "ann@beta.example", "127.0.3.1").await,
        ),
        (
            "admin",
            signed_in(&app, "bea@beta.example", "127.0.3.2").await,
        ),
        (
            "member",
            signed_in(&app, "max@beta.example", "127.0.3.3").await,
        ),
    ];
    // Acme's things, and things of no one, for each placeholder; an id is
    // one of Acme's records of the kind the path names.
    let acme_names = |pattern: &str| {
        let id = acme_ids
            .iter()
            .find(|(kind, _)| pattern.contains(kind))
            .map_or(info.0, |(_, id)| *id);
        [
            ("{org}", acme.to_string()),
            ("{domain}", "acme.example".to_owned()),
            ("{local}", "info".to_owned()),
            ("{user}", acme_member.to_string()),
            ("{id}", id.to_string()),
            ("{alias}", "contact".to_owned()),
        ]
    };
    let no_names = [
        ("{org}", "987654".to_owned()),
        ("{domain}", "nobody-here.example".to_owned()),
        ("{local}", "nobody".to_owned()),
        ("{user}", "987654".to_owned()),
        ("{id}", "987654".to_owned()),
        ("{alias}", "nobody".to_owned()),
    ];
    let routes: Vec<_> = web_routes()
        .into_iter()
        .filter(|(_, pattern)| {
            ["{org}", "{domain}", "{id}"]
                .iter()
                .any(|named| pattern.contains(named))
                && !["{token}", "{code}", "{hash}"]
                    .iter()
                    .any(|key| pattern.contains(key))
        })
        .collect();
    // The parse found the nested address pages and both methods of a path.
    for known in [
        ("post", "/services/{domain}/addresses/{local}/delete"),
        ("get", "/services/{domain}/addresses/{local}/delete"),
        ("get", "/services/{domain}/addresses/{local}"),
        ("post", "/services/{domain}/imports"),
        ("get", "/organisations/{org}/history"),
        ("post", "/operator/organisations/{org}/delete"),
    ] {
        assert!(
            routes.iter().any(|(m, p)| (*m, p.as_str()) == known),
            "{known:?} is not among {routes:?}"
        );
    }
    let before = contents(&app);
    let mut tried = 0;
    for (method, pattern) in &routes {
        let (theirs, nobodys) = (
            filled(pattern, &acme_names(pattern)),
            filled(pattern, &no_names),
        );
        for (who, client) in people.iter_mut() {
            let ask = async |client: &mut Client, path: &str| match *method {
                "get" => client.get(path).await,
                _ => client.post(path, FORM).await,
            };
            let found = ask(client, &theirs).await;
            let none = ask(client, &nobodys).await;
            assert_ne!(
                found.status.as_u16() / 100,
                2,
                "{who} {method} {theirs} answered {}",
                found.status
            );
            assert_eq!(
                found.status, none.status,
                "{who} {method} {theirs}: {} but {} for a thing that does not exist",
                found.status, none.status
            );
            // A page may name the path it was asked for (its language
            // links do): the path swapped, nothing else may differ.
            let swapped = found
                .body
                .replace(&theirs, &nobodys)
                .replace(&urlencoded(&theirs), &urlencoded(&nobodys));
            assert_eq!(
                swapped, none.body,
                "{who} {method} {theirs}: the page differs from a missing thing's"
            );
            tried += 1;
        }
    }
    assert_eq!(contents(&app), before, "nothing changed");
    // Nor can Beta take Acme's domain.
    let taken = app.app.services().add_service_vouched(
        &ann,
        beta_org,
        &mailroom::model::Domain::parse("acme.example").unwrap(),
    );
    assert!(
        matches!(taken, Err(mailroom::app::AppError::Conflict(_))),
        "{taken:?}"
    );
    eprintln!("{tried} requests of Beta's people about Acme's things");
}

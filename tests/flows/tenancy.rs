//! Organisations kept apart, proven by a generated matrix: every page and
//! form of the web router (read from `src/web/router.rs`, so a route added
//! later is tried too) that names an organisation, a service or a record,
//! asked by Beta's owner, admin and member about Acme's things, answers
//! exactly as it does about things that do not exist (same status, same
//! page once the names are swapped), and changes nothing. The API's matrix
//! (`tests/api/matrix.rs`) does the same for tokens.

use axum::http::StatusCode;
use mailroom::model::{EmailAddress, Password, Role};

use super::helpers::{Client, PASSWORD, TestApp};
use super::organisations::beta;

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
    // Acme's things, and things of no one, for each placeholder.
    let acme_names = [
        ("{org}", acme.to_string()),
        ("{domain}", "acme.example".to_owned()),
        ("{local}", "info".to_owned()),
        ("{user}", acme_member.to_string()),
        ("{id}", info.to_string()),
        ("{alias}", "contact".to_owned()),
    ];
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
        let (theirs, nobodys) = (filled(pattern, &acme_names), filled(pattern, &no_names));
        for (who, client) in people.iter_mut() {
            let ask = async |client: &mut Client, path: &str| match *method {
                "get" => client.get(path).await,
                _ => client.post(path, &[("confirm", "on")]).await,
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

use axum::http::StatusCode;
use mailroom::model::{Permissions, Role};

use crate::helpers::{PASSWORD, TestApp};

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user{i:03}")).collect()
}

/// The local parts listed in a page, in order.
fn listed(body: &str) -> Vec<String> {
    let marker = "@acme.example</a></td>";
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(marker) {
        let before = &rest[..at];
        if let Some(start) = before.rfind('>') {
            found.push(before[start + 1..].to_owned());
        }
        rest = &rest[at + marker.len()..];
    }
    found
}

#[tokio::test]
async fn the_list_is_sorted_paged_and_searched_by_prefix() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let all = names(120);
    let mut shuffled: Vec<&str> = all.iter().map(String::as_str).rev().collect();
    shuffled.push("sales");
    shuffled.push("support");
    app.add_addresses("acme.example", &shuffled);

    let first = owner.get("/services/acme.example").await;
    assert!(first.body.contains("122 addresses"));
    let page = listed(&first.body);
    assert_eq!(page.len(), 50);
    assert_eq!(page[0], "sales");
    assert_eq!(page[2], "user000");
    assert!(page.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert!(!first.body.contains("← Previous"));

    let second = owner.get("/services/acme.example?q=&after=user047").await;
    let page2 = listed(&second.body);
    assert_eq!(page2.first().map(String::as_str), Some("user048"));
    assert!(second.body.contains("before=user048"));
    let back = owner.get("/services/acme.example?q=&before=user048").await;
    assert_eq!(listed(&back.body), page);

    let third = owner.get("/services/acme.example?q=&after=user097").await;
    assert_eq!(listed(&third.body).len(), 22);
    assert!(!third.body.contains("Next →"));

    let search = owner.get("/services/acme.example?q=USER11").await;
    assert_eq!(listed(&search.body), names(120)[110..120].to_vec());
    let s = owner.get("/services/acme.example?q=s").await;
    assert_eq!(listed(&s.body), vec!["sales", "support"]);
    let none = owner.get("/services/acme.example?q=zz").await;
    assert!(none.body.contains("No address starts with"));
}

#[tokio::test]
async fn htmx_search_gets_only_the_list_fragment() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["alpha", "beta"]);
    let fragment = owner.htmx_get("/services/acme.example?q=al").await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(
        fragment.body.starts_with("<section id=\"address-list\""),
        "{}",
        fragment.body
    );
    assert!(!fragment.body.contains("<html"));
    assert_eq!(listed(&fragment.body), vec!["alpha"]);
    assert_eq!(fragment.headers.get("vary").unwrap(), "HX-Request");
    let full = owner.get("/services/acme.example?q=al").await;
    assert!(full.body.contains("<html") && full.body.contains("hx-get=\"/services/acme.example\""));
}

#[tokio::test]
async fn members_see_only_the_addresses_they_have_access_to() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["alpha", "beta", "gamma", "delta"]);
    let member = app.add_member("member@acme.example", Role::Member);
    let admin = app.add_member("admin@acme.example", Role::Admin);
    assert!(admin > mailroom::model::UserId(0));
    for local in ["beta", "delta"] {
        app.share("acme.example", local, member, Permissions::none());
    }

    let mut member_browser = app.client();
    member_browser.login("member@acme.example", PASSWORD).await;
    let page = member_browser.get("/services/acme.example").await;
    assert_eq!(listed(&page.body), vec!["beta", "delta"]);
    assert!(!page.body.contains("Create an email address"));
    assert!(
        !page.body.contains("4 addresses"),
        "the total is not leaked"
    );
    let search = member_browser.get("/services/acme.example?q=g").await;
    assert!(listed(&search.body).is_empty());

    let mut admin_browser = app.client();
    admin_browser.login("admin@acme.example", PASSWORD).await;
    assert_eq!(
        listed(&admin_browser.get("/services/acme.example").await.body).len(),
        4
    );
    assert_eq!(
        listed(&owner.get("/services/acme.example").await.body).len(),
        4
    );
}

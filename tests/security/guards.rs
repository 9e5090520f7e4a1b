//! The rules that keep people apart, each seen to fail when it is broken
//! (a review planted each of these bugs and no test noticed): refusals are
//! checked by what did not change, not only by a status code.

use axum::http::StatusCode;
use mailroom::model::{Permission, Permissions, Role, UserId};
use mailroom::store::prelude::*;

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

/// Acme with its owner set up, and the address `shared` used by Ann (with
/// `aliases`) and Bob (with `history`), both members.
async fn ann_and_bob_share_an_address(app: &TestApp) -> (UserId, UserId) {
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    let bob = app.add_member("bob@acme.example", Role::Member);
    app.share("acme.example", "shared", ann, aliases());
    app.share("acme.example", "shared", bob, history());
    (ann, bob)
}

fn aliases() -> Permissions {
    [Permission::Aliases].into_iter().collect()
}

fn history() -> Permissions {
    [Permission::History].into_iter().collect()
}

fn audit_len(app: &TestApp) -> usize {
    app.app
        .store_for_tests()
        .read()
        .unwrap()
        .recent_audit(usize::MAX)
        .unwrap()
        .len()
}

/// A user of an address without the `users` permission neither edits nor
/// removes its other users (`app/address_users.rs` requires it).
#[tokio::test]
async fn without_the_users_permission_no_one_edits_or_removes_users() {
    let app = TestApp::new();
    let (ann, bob) = ann_and_bob_share_an_address(&app).await;
    let mut member = app.client_from("127.0.40.1");
    member.login("ann@acme.example", PASSWORD).await;
    member.get(PAGE).await;
    let before = audit_len(&app);

    let edit = member
        .post(
            &format!("{PAGE}/users/{bob}/permissions"),
            &[("perm_aliases", "on"), ("perm_password", "on")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN, "{}", edit.body);
    let remove = member
        .post(&format!("{PAGE}/users/{bob}/remove"), &[])
        .await;
    assert_eq!(remove.status, StatusCode::FORBIDDEN, "{}", remove.body);
    assert_eq!(
        app.held("shared", bob),
        Some(history()),
        "Bob keeps what he held"
    );
    assert_eq!(app.held("shared", ann), Some(aliases()));
    assert_eq!(audit_len(&app), before, "nothing happened to record");
}

/// An address's History is for those of its users who hold `history`
/// (`app/audit.rs` asks `require_to_read`).
#[tokio::test]
async fn without_the_history_permission_no_one_reads_the_history() {
    let app = TestApp::new();
    ann_and_bob_share_an_address(&app).await;
    let mut without = app.client_from("127.0.40.2");
    without.login("ann@acme.example", PASSWORD).await;
    let refused = without.get(&format!("{PAGE}/history")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(!refused.body.contains("access.grant"), "{}", refused.body);
    let mut with = app.client_from("127.0.40.3");
    with.login("bob@acme.example", PASSWORD).await;
    let shown = with.get(&format!("{PAGE}/history")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
}

/// Sharing by email with someone who has an account here, but in another
/// organisation, invites them: it never hands an outsider access at once
/// (`app/address_users.rs` asks for a membership of this organisation).
#[tokio::test]
async fn an_account_of_another_organisation_is_invited_not_given_access() {
    use mailroom::app::{AddressRef, ShareMode, ShareWith, Shared};
    use mailroom::model::EmailAddress;
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let other = app
        .app
        .operators()
        .create_organisation(
            mailroom::app::OperatorActor::CommandLine,
            "Other",
            &mailroom::model::EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    let login = EmailAddress::parse("out@other.example").unwrap();
    let outsider = app
        .app
        .organisations()
        .add_member(
            &app.owner(),
            other.id,
            &login,
            &mailroom::model::Password::new(PASSWORD, None).unwrap(),
            Role::Member,
        )
        .unwrap();
    let shared = app
        .app
        .sharing()
        .share_address(
            &app.owner(),
            &AddressRef::parse("acme.example", "shared").unwrap(),
            ShareWith::Email {
                email: login,
                signup: mailroom::model::SignupRule::OwnChoice,
                lang: None,
            },
            Permissions::all(),
            ShareMode::AtOnce,
        )
        .unwrap();
    assert!(matches!(shared, Shared::Invited(_)), "{shared:?}");
    assert_eq!(
        app.held("shared", outsider),
        None,
        "no access before accepting"
    );
}

/// The address page is titled with its address.
#[tokio::test]
async fn an_address_page_names_its_address() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let page = owner.get(PAGE).await;
    assert!(
        page.body
            .contains("<title>shared@acme.example · Mailroom</title>"),
        "{}",
        page.body
    );
}

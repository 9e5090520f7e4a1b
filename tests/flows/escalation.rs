//! A user who manages an address's users hands on only what they hold: they
//! cannot change their own permissions, nor grant more by permissions or by
//! a sharing link. Owners and admins may.

use axum::http::StatusCode;
use mailroom::model::{Permission, Permissions, Role};

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

/// Invitations and sharing links of `shared`, and the audit's length.
fn offers_and_audit(app: &TestApp) -> (usize, usize, usize) {
    use mailroom::store::prelude::*;
    let address = app.stored("shared").expect("shared").id;
    let reader = app.app.store_for_tests().read().unwrap();
    (
        reader.invitations_of(address).unwrap().len(),
        reader
            .all_links()
            .unwrap()
            .iter()
            .filter(|l| l.address == address)
            .count(),
        reader.recent_audit(usize::MAX).unwrap().len(),
    )
}

#[tokio::test]
async fn a_users_manager_cannot_hand_on_more_than_they_hold() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    let bob = app.add_member("bob@acme.example", Role::Member);
    let held_by_ann: Permissions = [Permission::Users, Permission::Aliases]
        .into_iter()
        .collect();
    app.share("acme.example", "shared", ann, held_by_ann);
    app.share("acme.example", "shared", bob, Permissions::none());
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    member.get(PAGE).await;

    // Granting what she holds works; granting more is refused and changes nothing.
    let within = member
        .post(
            &format!("{PAGE}/users/{bob}/permissions"),
            &[("perm_aliases", "on")],
        )
        .await;
    assert_eq!(within.status, StatusCode::SEE_OTHER, "{}", within.body);
    let aliases: Permissions = [Permission::Aliases].into_iter().collect();
    assert_eq!(app.held("shared", bob), Some(aliases));
    let before = offers_and_audit(&app);
    let beyond = member
        .post(
            &format!("{PAGE}/users/{bob}/permissions"),
            &[("perm_aliases", "on"), ("perm_password", "on")],
        )
        .await;
    assert_eq!(beyond.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        beyond.body.contains("permission you do not have"),
        "{}",
        beyond.body
    );
    assert_eq!(
        app.held("shared", bob),
        Some(aliases),
        "Bob holds what he held"
    );

    // Her own permissions are not hers to change, not even downwards.
    let own = member
        .post(
            &format!("{PAGE}/users/{ann}/permissions"),
            &[("perm_users", "on")],
        )
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", own.body);
    assert!(own.body.contains("your own permissions"), "{}", own.body);
    assert_eq!(app.held("shared", ann), Some(held_by_ann), "hers unchanged");

    // Invitations and sharing links: the same rule.
    let invite = member
        .post(
            &format!("{PAGE}/users"),
            &[("who", "guest@elsewhere.example"), ("perm_history", "on")],
        )
        .await;
    assert_eq!(
        invite.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        invite.body
    );
    let link = member
        .post(
            &format!("{PAGE}/links"),
            &[("perm_password", "on"), ("days", "7")],
        )
        .await;
    assert_eq!(
        link.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        link.body
    );
    assert_eq!(
        offers_and_audit(&app),
        before,
        "no invitation, no link, nothing recorded for any refusal"
    );
    let fair_link = member
        .post(
            &format!("{PAGE}/links"),
            &[("perm_aliases", "on"), ("days", "7")],
        )
        .await;
    assert_eq!(fair_link.status, StatusCode::OK, "{}", fair_link.body);

    // The owner may grant anything.
    owner.get(PAGE).await;
    let by_owner = owner
        .post(
            &format!("{PAGE}/users/{bob}/permissions"),
            &[("perm_password", "on"), ("perm_history", "on")],
        )
        .await;
    assert_eq!(by_owner.status, StatusCode::SEE_OTHER);
    let stored = app
        .app
        .addresses()
        .address_view(
            app.owner().user,
            &mailroom::app::AddressRef::parse("acme.example", "shared").unwrap(),
        )
        .unwrap();
    let bobs = stored.users.iter().find(|(u, _)| u.id == bob).unwrap();
    let granted: Permissions = [Permission::Password, Permission::History]
        .into_iter()
        .collect();
    assert_eq!(bobs.1.permissions, granted);
    assert_eq!(app.held("shared", bob), Some(granted));
}

//! A user who manages an address's users hands on only what they hold: they
//! cannot change their own permissions, nor grant more by permissions or by
//! a sharing link. Owners and admins may.

use axum::http::StatusCode;
use mailroom::model::{Permission, Permissions, Role};

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

#[tokio::test]
async fn a_users_manager_cannot_hand_on_more_than_they_hold() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    let bob = app.add_member("bob@acme.example", Role::Member);
    let held: Permissions = [Permission::Users, Permission::Aliases]
        .into_iter()
        .collect();
    app.share("acme.example", "shared", ann, held);
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
    let view = owner.get(PAGE).await;
    assert!(view.body.contains("aliases"), "{}", view.body);

    // Her own permissions are not hers to change, not even downwards.
    let own = member
        .post(
            &format!("{PAGE}/users/{ann}/permissions"),
            &[("perm_users", "on")],
        )
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", own.body);
    assert!(own.body.contains("your own permissions"), "{}", own.body);

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
    let fair_link = member
        .post(
            &format!("{PAGE}/links"),
            &[("perm_aliases", "on"), ("days", "7")],
        )
        .await;
    assert_eq!(fair_link.status, StatusCode::OK, "{}", fair_link.body);

    // The owner may grant anything.
    let by_owner = owner
        .post(
            &format!("{PAGE}/users/{bob}/permissions"),
            &[("perm_password", "on"), ("perm_history", "on")],
        )
        .await;
    assert_eq!(by_owner.status, StatusCode::SEE_OTHER);
    let stored = app
        .app
        .address_view(
            app.owner().user,
            &mailroom::app::AddressRef::parse("acme.example", "shared").unwrap(),
        )
        .unwrap();
    let bobs = stored.users.iter().find(|(u, _)| u.id == bob).unwrap();
    assert!(bobs.1.permissions.contains(Permission::Password));
    assert!(!bobs.1.permissions.contains(Permission::Aliases));
}

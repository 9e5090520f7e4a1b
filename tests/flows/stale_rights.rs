//! A right removed between loading a page and submitting its form is not
//! used: every change checks the actor's access inside the transaction that
//! makes it, not on the page model read before.

use axum::http::StatusCode;
use mailroom::app::{Actor, AddressRef, AppError};
use mailroom::model::{LocalPart, Password, Permission, Permissions, Role};
use mailroom::store::prelude::*;

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";
const NEW_PASSWORD: &str = "another mailbox secret";

fn only(permission: Permission) -> Permissions {
    [permission].into_iter().collect()
}

fn password_set(app: &TestApp) -> bool {
    app.app
        .addresses()
        .address_view(app.owner().user, &shared())
        .unwrap()
        .address
        .password_hash
        .is_some()
}

fn shared() -> AddressRef {
    AddressRef::parse("acme.example", "shared").unwrap()
}

#[tokio::test]
async fn a_form_loaded_before_a_right_was_removed_is_refused() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "shared",
        ann,
        [Permission::Password, Permission::Aliases]
            .into_iter()
            .collect(),
    );
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    // The member has the forms in front of them...
    let form = member.get(&format!("{PAGE}/password")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Change the password"));
    // ...when an owner takes the password permission away.
    owner.get(PAGE).await;
    let edited = owner
        .post(
            &format!("{PAGE}/users/{ann}/permissions"),
            &[("perm_aliases", "on")],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);

    let submitted = member
        .post(
            &format!("{PAGE}/password"),
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::FORBIDDEN,
        "{}",
        submitted.body
    );
    assert!(!password_set(&app), "the stale right changed the password");

    // The right still held works; then the whole access goes.
    let alias = member
        .post(&format!("{PAGE}/aliases"), &[("alias", "kept")])
        .await;
    assert_eq!(alias.status, StatusCode::SEE_OTHER, "{}", alias.body);
    let removed = owner.post(&format!("{PAGE}/users/{ann}/remove"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let late = member
        .post(&format!("{PAGE}/aliases"), &[("alias", "late")])
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND, "{}", late.body);
    let view = app
        .app
        .addresses()
        .address_view(app.owner().user, &shared())
        .unwrap();
    assert_eq!(view.address.aliases.len(), 1, "{:?}", view.address.aliases);
}

/// The race the old API allowed: a page model read, the right removed, then
/// the change asked for. The use case re-reads the actor's access in its
/// own transaction, so the page model cannot carry a right that is gone.
#[tokio::test]
async fn the_use_case_checks_access_as_it_is_in_its_transaction() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share("acme.example", "shared", ann, only(Permission::Password));
    let actor = Actor {
        token: None,
        user: ann,
        ip: None,
    };

    let page = app.app.addresses().address_view(ann, &shared()).unwrap();
    assert!(page.may(Permission::Password));
    app.app
        .sharing()
        .set_permissions(&app.owner(), &shared(), ann, Permissions::none())
        .unwrap();

    let password = Password::new(NEW_PASSWORD, None).unwrap();
    let refused =
        app.app
            .addresses()
            .change_address_password(&actor, &page.address_ref(), &password);
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    assert!(!password_set(&app));

    app.app
        .sharing()
        .remove_user(&app.owner(), &shared(), ann)
        .unwrap();
    let alias = LocalPart::parse("late").unwrap();
    let refused = app
        .app
        .addresses()
        .add_alias(&actor, &page.address_ref(), &alias);
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let reader = app.app.store_for_tests().read().unwrap();
    assert!(
        reader
            .address_by_name(page.address.service, &alias)
            .unwrap()
            .is_none()
    );
}

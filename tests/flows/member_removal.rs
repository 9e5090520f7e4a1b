//! Removing a member ends everything they held: accesses, device passwords,
//! web sessions, invitations still pending to them and the sharing links
//! they made. Nothing old brings them back.

use axum::http::StatusCode;
use mailroom::app::AddressRef;
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{DeviceName, Permission, Role};

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

#[tokio::test]
async fn a_removed_member_keeps_nothing() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared", "other"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "shared",
        ann,
        [Permission::Users].into_iter().collect(),
    );
    let mut member = app.client();
    member.login("ann@acme.example", PASSWORD).await;
    member.get(PAGE).await;
    // A link she made, a device password she made, an invitation waiting for her.
    let made = member
        .post(
            &format!("{PAGE}/links"),
            &[("perm_users", "on"), ("days", "7")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let url = made.body.split("id=\"new-link-url\"").nth(1).unwrap();
    let link = url
        .split("value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let link = link
        .strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_owned();
    let shared = AddressRef::parse("acme.example", "shared").unwrap();
    let secret = app
        .app
        .devices()
        .create_device_password(
            &mailroom::app::Actor {
                token: None,
                user: ann,
                ip: None,
            },
            &shared,
            ann,
            DeviceName::parse("Phone").unwrap(),
            None,
        )
        .unwrap()
        .secret
        .display();
    owner.get("/services/acme.example/addresses/other").await;
    let invited = owner
        .post(
            "/services/acme.example/addresses/other/users",
            &[("who", "ann@acme.example")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let invitation = app.app.sharing().invitations_for(ann).unwrap();
    assert_eq!(invitation.len(), 1, "an invitation waits for ann");

    let members = "/organisations/1/members";
    owner.get(members).await;
    let removed = owner.post(&format!("{members}/{ann}/remove"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);

    // Her session, her link, her device password, her invitation: gone.
    assert_eq!(member.get(PAGE).await.status, StatusCode::SEE_OTHER);
    let stranger = app.client_from("127.0.0.60").get(&link).await;
    assert_eq!(stranger.status, StatusCode::GONE, "{}", stranger.body);
    assert_eq!(
        app.app
            .directory()
            .check_login("shared@acme.example", &secret, "imap", None)
            .unwrap(),
        MailLogin::WrongPassword
    );
    assert!(app.app.sharing().invitations_for(ann).unwrap().is_empty());
    let mut back = app.client_from("127.0.0.61");
    back.login("ann@acme.example", PASSWORD).await;
    assert_eq!(back.get(PAGE).await.status, StatusCode::NOT_FOUND);
}

//! No one but its recipient sees a reset, sign-up or invitation link: an
//! admin who asks for the owner's reset and reads the Outbox finds nothing
//! to open (the review took over the owner's account this way).

use axum::http::StatusCode;
use mailroom::model::Role;
use mailroom::store::prelude::*;

use crate::helpers::{OWNER, PASSWORD, TestApp};

const ADMIN: &str = "admin@acme.example";

/// The path of the newest message's link, as its recipient reads it.
fn newest_private_path(app: &TestApp) -> String {
    let message = app.last_mail();
    assert!(message.private, "{}", message.subject);
    app.last_link_path()
}

/// Everything the organisation's admins can read of its messages and audit.
async fn what_admins_read(app: &TestApp, admin: &mut crate::helpers::Client) -> String {
    let outbox = admin.get("/outbox").await;
    assert_eq!(outbox.status, StatusCode::OK);
    let jobs = admin.get("/jobs").await;
    let audit: Vec<String> = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .recent_audit(1000)
        .unwrap()
        .into_iter()
        .map(|event| format!("{event:?}"))
        .collect();
    let admin_user = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .user_by_login(&mailroom::model::EmailAddress::parse(ADMIN).unwrap())
        .unwrap()
        .unwrap()
        .id;
    let api_view: Vec<String> = app
        .app
        .operations()
        .outbox_for(admin_user, 100)
        .unwrap()
        .into_iter()
        .map(|m| format!("{m:?}"))
        .collect();
    format!(
        "{}\n{}\n{}\n{}",
        outbox.body,
        jobs.body,
        audit.join("\n"),
        api_view.join("\n")
    )
}

#[tokio::test]
async fn an_admin_cannot_read_the_owners_reset_link_nor_any_invitation_or_sign_up_link() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    app.add_member(ADMIN, Role::Admin);
    let mut admin = app.client_from("127.0.14.2");
    admin.login(ADMIN, PASSWORD).await;

    // Anyone may ask for the owner's reset.
    let mut stranger = app.client_from("127.0.14.3");
    stranger.get("/login/forgot").await;
    let asked = stranger.post("/login/forgot", &[("email", OWNER)]).await;
    assert_eq!(asked.status, StatusCode::OK);
    let reset = newest_private_path(&app);
    assert!(reset.starts_with("/reset/"));
    let seen = what_admins_read(&app, &mut admin).await;
    assert!(
        seen.contains("Reset your Mailroom password"),
        "the message is listed"
    );
    let token = reset.trim_start_matches("/reset/");
    assert!(!seen.contains(token), "the reset link leaked to an admin");

    // An invitation by email, and the sign-up it leads to.
    owner.get("/services/acme.example/addresses/jo").await;
    let invited = owner
        .post(
            "/services/acme.example/addresses/jo/users",
            &[("who", "kim@elsewhere.example"), ("signup", "own_choice")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let invitation = newest_private_path(&app);
    let mut kim = app.client_from("127.0.14.4");
    kim.get(&invitation).await;
    let signed = kim
        .post(
            &invitation,
            &[
                ("login", "kim@elsewhere.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert!(signed.body.contains("Check your email"), "{}", signed.body);
    let confirmation = newest_private_path(&app);
    assert!(confirmation.starts_with("/sign-up/"));
    let seen = what_admins_read(&app, &mut admin).await;
    for secret in [
        token,
        invitation.trim_start_matches("/invitations/"),
        confirmation.trim_start_matches("/sign-up/"),
    ] {
        assert!(!seen.contains(secret), "a private link leaked: {secret}");
    }
    assert!(
        seen.contains("kim@elsewhere.example"),
        "the messages are listed"
    );

    // The owner's own view is no different: the link is the recipient's.
    let own = owner.get("/outbox").await;
    assert!(!own.body.contains(token));
    assert!(
        own.body.contains("for its recipient alone"),
        "the page says why: {}",
        own.body
    );
}

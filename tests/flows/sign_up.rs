//! A sign-up with an email of one's own choice exists only once that email
//! is proven: until then nobody logs in with it, and sharing with it
//! invites it like anyone else's.

use axum::http::StatusCode;
use mailroom::store::prelude::*;

use crate::helpers::{PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/jo";

#[tokio::test]
async fn an_unconfirmed_sign_up_is_nobody_yet() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo", "desk"]);
    owner.get(PAGE).await;
    let invited = owner
        .post(
            &format!("{PAGE}/users"),
            &[("who", "kim@elsewhere.example"), ("signup", "own_choice")],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let invitation = app.last_link_path();
    let mut kim = app.client_from("127.0.0.40");
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
    assert!(signed.body.contains("Check your email"));
    let confirmation = app.last_link_path();

    // Sharing another address with that email while it waits: an invitation,
    // as for anyone outside, not access for the unconfirmed sign-up.
    owner.get("/services/acme.example/addresses/desk").await;
    let shared = owner
        .post(
            "/services/acme.example/addresses/desk/users",
            &[("who", "kim@elsewhere.example"), ("signup", "own_choice")],
        )
        .await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.body);
    let desk = owner.get("/services/acme.example/addresses/desk").await;
    assert!(desk.body.contains("Pending invitations"), "{}", desk.body);
    assert!(!desk.body.contains("<td>kim@elsewhere.example</td>"));

    // A forged or expired confirmation does nothing.
    assert_eq!(
        kim.get("/sign-up/forged").await.status,
        StatusCode::NOT_FOUND
    );
    app.app
        .store_for_tests()
        .write(|tx| {
            let hash = sha2_of(&confirmation);
            let mut pending = tx.pending_sign_up(&hash)?.expect("pending");
            pending.expires = mailroom::app::now() - 1;
            tx.put_pending_sign_up(&hash, &pending)
        })
        .unwrap();
    let expired = kim.post(&confirmation, &[]).await;
    assert_eq!(expired.status, StatusCode::GONE, "{}", expired.body);
    let refused = kim.login("kim@elsewhere.example", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

fn sha2_of(path: &str) -> [u8; 32] {
    use sha2::Digest;
    let token = path.strip_prefix("/sign-up/").unwrap();
    sha2::Sha256::digest(token.as_bytes()).into()
}

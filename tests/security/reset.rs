//! Forgotten passwords: the same answer for any email, a link that works
//! once within an hour, every session ended, requests throttled.

use axum::http::StatusCode;
use mailroom::store::prelude::*;

use crate::helpers::{OWNER, PASSWORD, TestApp};

const NEW_PASSWORD: &str = "a password chosen again";

fn messages(app: &TestApp) -> usize {
    app.app
        .operations()
        .outbox_for(app.owner().user, 100)
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_every_session() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let mut stranger = app.client_from("127.0.13.1");
    stranger.get("/login/forgot").await;
    let before = messages(&app);
    let unknown = stranger
        .post("/login/forgot", &[("email", "nobody@acme.example")])
        .await;
    let known = stranger.post("/login/forgot", &[("email", OWNER)]).await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(known.status, StatusCode::OK);
    // The same page, but for the address it repeats back.
    assert_eq!(
        unknown.body.replace("nobody@acme.example", "EMAIL"),
        known.body.replace(OWNER, "EMAIL"),
        "the same answer"
    );
    assert_eq!(
        messages(&app),
        before + 1,
        "a message for the real account only"
    );

    let message = app.last_mail();
    let link = message
        .link
        .unwrap()
        .strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_owned();
    assert!(link.starts_with("/reset/"), "{link}");
    let page = stranger.get(&link).await;
    assert!(page.body.contains(OWNER), "{}", page.body);
    let weak = stranger
        .post(&link, &[("password", "short"), ("confirm", "short")])
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = stranger
        .post(
            &link,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert!(
        done.body.contains("Your password is changed"),
        "{}",
        done.body
    );
    assert_eq!(
        owner.get("/services").await.status,
        StatusCode::SEE_OTHER,
        "ended"
    );
    let again = stranger
        .post(&link, &[("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "single use");
    let mut fresh = app.client_from("127.0.13.2");
    assert_eq!(
        fresh.login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.app
        .accounts()
        .request_password_reset(OWNER, None)
        .unwrap();
    let message = app.last_mail();
    let link = message.link.unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();
    let hash: [u8; 32] = {
        use sha2::Digest;
        sha2::Sha256::digest(token.as_bytes()).into()
    };
    app.app
        .store_for_tests()
        .write(|tx| -> mailroom::store::Result<()> {
            let mut reset = tx.password_reset(&hash)?.expect("reset");
            assert_eq!(reset.expires - reset.created, 3600, "valid one hour");
            reset.expires = mailroom::app::now() - 1;
            tx.put_password_reset(&hash, &reset)
        })
        .unwrap();
    let mut client = app.client_from("127.0.13.3");
    let page = client.get(&format!("/reset/{token}")).await;
    assert_eq!(page.status, StatusCode::GONE);
    // Sent anyway, past its hour: nothing changes.
    let late = client
        .post(
            &format!("/reset/{token}"),
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_ne!(late.status, StatusCode::OK, "{}", late.body);
    assert!(
        !late.body.contains("Your password is changed"),
        "{}",
        late.body
    );
    let mut fresh = app.client_from("127.0.13.4");
    assert_eq!(
        fresh.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the password is the one it was"
    );
}

#[tokio::test]
async fn reset_requests_are_throttled_per_account() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    for n in 0..5 {
        let mut client = app.client_from(&format!("127.0.14.{}", n + 1));
        client.get("/login/forgot").await;
        let sent = client.post("/login/forgot", &[("email", OWNER)]).await;
        assert_eq!(sent.status, StatusCode::OK);
    }
    let mut sixth = app.client_from("127.0.14.9");
    sixth.get("/login/forgot").await;
    let refused = sixth.post("/login/forgot", &[("email", OWNER)]).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // The login itself is not locked by reset requests.
    let mut login = app.client_from("127.0.14.10");
    assert_eq!(
        login.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_reset_or_a_password_change_ends_every_older_reset_link() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    let mut stranger = app.client_from("127.0.13.5");
    stranger.get("/login/forgot").await;
    stranger.post("/login/forgot", &[("email", OWNER)]).await;
    let first = app.last_link_path();
    stranger.post("/login/forgot", &[("email", OWNER)]).await;
    let second = app.last_link_path();
    assert_ne!(first, second);
    stranger.get(&second).await;
    let done = stranger
        .post(
            &second,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert!(
        done.body.contains("Your password is changed"),
        "{}",
        done.body
    );
    // The older link, still within its hour, no longer sets a password.
    let older = stranger
        .post(&first, &[("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    assert_eq!(older.status, StatusCode::NOT_FOUND, "{}", older.body);
    let mut fresh = app.client_from("127.0.13.6");
    assert_eq!(
        fresh.login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the password is the one of the newer link"
    );

    // A link asked for, then the password changed on the account page.
    stranger.post("/login/forgot", &[("email", OWNER)]).await;
    let pending = app.last_link_path();
    drop(owner);
    owner = app.client_from("127.0.13.7");
    owner.login(OWNER, NEW_PASSWORD).await;
    owner.get("/account").await;
    let changed = owner
        .post(
            "/account/password",
            &[
                ("current", NEW_PASSWORD),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert!(
        changed.status.is_success() || changed.status.is_redirection(),
        "{}",
        changed.body
    );
    let stale = stranger
        .post(
            &pending,
            &[
                ("password", "an attacker's own pick"),
                ("confirm", "an attacker's own pick"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND, "{}", stale.body);
    let mut again = app.client_from("127.0.13.8");
    assert_eq!(
        again.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

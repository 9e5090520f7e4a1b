//! Logging in under attack: the redirect after login, a burst of wrong
//! passwords, spellings of one account, the delete dialog's password.

use axum::http::StatusCode;

use crate::helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test]
async fn the_page_after_login_is_never_off_site() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    for next in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%0d/evil.example",
        "/%5Cevil.example",
        "/%20/evil.example",
        "//evil.example",
        "https://evil.example",
    ] {
        let mut client = app.client_from("127.0.0.90");
        client.get(&format!("/login?next={next}")).await;
        let decoded: String = url_decode(next);
        let response = client
            .post(
                "/login",
                &[("email", OWNER), ("password", PASSWORD), ("next", &decoded)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.location(), "/services", "{next}");
    }
}

fn url_decode(s: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("x={s}"))
        .unwrap()
        .remove(0)
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_wrong_passwords_gets_at_most_the_free_checks() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    let mut tasks = Vec::new();
    for i in 0..300u32 {
        // From many clients: only the account's record can stop them.
        let mut client = app.client_from(&format!("127.0.{}.{}", 10 + i / 250, 1 + i % 250));
        tasks.push(tokio::spawn(async move {
            client.get("/login").await;
            client
                .post(
                    "/login",
                    &[("email", OWNER), ("password", "a wrong password")],
                )
                .await
                .status
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(
        checked <= 5,
        "{checked} passwords checked in a burst; the limit is 5"
    );
    assert_eq!(checked + refused, 300);
}

#[tokio::test]
async fn spellings_of_one_account_share_its_throttle() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    let mut client = app.client_from("127.0.3.1");
    for _ in 0..5 {
        let wrong = client.login("owner@acme.example", "a wrong password").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // Each spelling differs from the others after trimming and folding
    // case, yet names the same account: the throttle must see one account.
    for (n, variant) in [
        "owner @acme.example",
        "owner@acme.example.",
        "owner@\u{ff41}\u{ff43}\u{ff4d}\u{ff45}.example",
    ]
    .into_iter()
    .enumerate()
    {
        // Each from a fresh client: only the account's record can refuse.
        let mut other = app.client_from(&format!("127.0.3.{}", 10 + n));
        let refused = other.login(variant, PASSWORD).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{variant:?}");
    }
}

#[tokio::test]
async fn the_delete_dialog_cannot_be_used_to_guess_the_login_password() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["victim"]);
    let page = "/services/acme.example/addresses/victim";
    owner.get(page).await;
    for _ in 0..5 {
        let wrong = owner
            .post(
                &format!("{page}/delete"),
                &[("password", "a guess"), ("understood", "on")],
            )
            .await;
        assert!(
            wrong.body.contains("login password is not correct"),
            "{}",
            wrong.body
        );
    }
    let throttled = owner
        .post(
            &format!("{page}/delete"),
            &[("password", PASSWORD), ("understood", "on")],
        )
        .await;
    assert!(
        throttled.body.contains("oo many failed attempts"),
        "{}",
        throttled.body
    );
    assert_eq!(owner.get(page).await.status, StatusCode::OK, "not deleted");
}

/// Anyone can fill the owner's failed-login record and so keep them out:
/// a browser that logged in to the account before (its device cookie) is
/// not held back by it; it has a record of its own, and a cookie made for
/// another account counts for nothing.
#[tokio::test]
async fn a_stranger_cannot_lock_the_owner_out_of_a_browser_they_used_before() {
    let app = TestApp::new();
    drop(app.set_up().await);
    let mut laptop = app.client_from("127.0.30.9");
    laptop.login(OWNER, PASSWORD).await;
    assert!(
        laptop.cookies.contains_key("mailroom_device"),
        "the first login leaves a device cookie: {:?}",
        laptop.cookies
    );
    // The session ends; the browser keeps its device cookie.
    laptop.cookies.remove("mailroom_session");
    // A stranger spends the account's free attempts, from many addresses.
    for n in 0..8 {
        let mut stranger = app.client_from(&format!("198.51.100.{n}"));
        stranger.login(OWNER, "a wrong guess").await;
    }
    let mut elsewhere = app.client_from("127.0.30.1");
    assert_eq!(
        elsewhere.login(OWNER, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a browser never used before waits"
    );
    let back = laptop.login(OWNER, PASSWORD).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    laptop.cookies.remove("mailroom_session");

    // The cookie has a record of its own: guesses from it are throttled.
    for _ in 0..5 {
        assert_eq!(
            laptop.login(OWNER, "a wrong guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        laptop.login(OWNER, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    // A device cookie of another account (or a made-up one) is no cookie.
    app.add_member("ann@acme.example", mailroom::model::Role::Member);
    let mut ann = app.client_from("127.0.30.2");
    ann.login("ann@acme.example", PASSWORD).await;
    let hers = ann.cookies.get("mailroom_device").cloned().unwrap();
    for cookie in [hers, "made.up".to_owned()] {
        let mut forger = app.client_from("127.0.30.3");
        forger.cookies.insert("mailroom_device".into(), cookie);
        assert_eq!(
            forger.login(OWNER, PASSWORD).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}

/// One account the sprayer knows does not wash its record clean: a valid
/// login takes back only its own attempt from the client's failures.
#[tokio::test]
async fn a_valid_login_does_not_reset_a_clients_failures() {
    let app = TestApp::new();
    drop(app.set_up().await);
    app.add_member("mine@acme.example", mailroom::model::Role::Member);
    let mut sprayer = app.client_from("127.0.31.1");
    for n in 0..4 {
        let wrong = sprayer
            .login(&format!("victim{n}@acme.example"), "a wrong guess")
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let own = sprayer.login("mine@acme.example", PASSWORD).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.body);
    sprayer.cookies.remove("mailroom_session");
    sprayer.cookies.remove("mailroom_device");
    let fifth = sprayer.login("victim4@acme.example", "a wrong guess").await;
    assert_eq!(fifth.status, StatusCode::UNAUTHORIZED);
    let sixth = sprayer.login("victim5@acme.example", "a wrong guess").await;
    assert_eq!(
        sixth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "five failures from this client, whatever came between"
    );
}

/// Anyone can fill the login form's record of the owner's account; the
/// owner, signed in, still confirms a sensitive change with their password.
#[tokio::test]
async fn a_strangers_guesses_do_not_block_the_owners_sensitive_changes() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["old"]);
    for n in 0..8 {
        let mut stranger = app.client_from(&format!("198.51.101.{n}"));
        stranger.login(OWNER, "a wrong guess").await;
    }
    let page = "/services/acme.example/addresses/old";
    owner.get(page).await;
    let deleted = owner
        .post(
            &format!("{page}/delete"),
            &[("password", PASSWORD), ("understood", "on")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
}

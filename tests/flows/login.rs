use std::time::Duration;

use axum::http::StatusCode;
use mailroom::app::AppSettings;

use crate::helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test]
async fn log_in_and_out_with_a_hardened_session_cookie() {
    let app = TestApp::new();
    drop(app.set_up().await);
    let mut browser = app.client();
    let before = browser.get("/services").await;
    assert_eq!(before.status, StatusCode::SEE_OTHER);
    assert_eq!(before.location(), "/login?next=%2Fservices");

    let response = browser.login(OWNER, PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let cookie = response
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("mailroom_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "not told to be Secure");
    let token = browser.cookies["mailroom_session"].clone();
    assert!(token.len() >= 43, "256-bit token");

    assert_eq!(browser.get("/services").await.status, StatusCode::OK);
    let out = browser.post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/login");
    assert_eq!(browser.get("/services").await.status, StatusCode::SEE_OTHER);

    // The old token is dead on the server, not only forgotten by the browser.
    let mut replay = app.client();
    replay.cookies.insert("mailroom_session".into(), token);
    assert_eq!(replay.get("/services").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn login_goes_back_to_the_page_asked_for_but_never_off_site() {
    let app = TestApp::new();
    drop(app.set_up().await);
    let mut browser = app.client();
    browser.get("/login?next=/services").await;
    let response = browser
        .post(
            "/login",
            &[
                ("email", OWNER),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(response.location(), "/services");
}

#[tokio::test]
async fn unknown_account_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new();
    drop(app.set_up().await);
    let mut browser = app.client();
    let wrong = browser.login(OWNER, "not the password at all").await;
    let unknown = browser.login("nobody@acme.example", PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let message = "The email or password is not correct.";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert!(!browser.cookies.contains_key("mailroom_session"));
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account_and_per_client_address() {
    let app = TestApp::new();
    drop(app.set_up().await);
    let mut attacker = app.client_from("192.0.2.7");
    for _ in 0..5 {
        assert_eq!(
            attacker.login(OWNER, "wrong password 123").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let throttled = attacker.login(OWNER, PASSWORD).await;
    assert_eq!(
        throttled.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(throttled.body.contains("Too many failed attempts"));
    assert!(throttled.headers.contains_key("retry-after"));

    // The account is throttled from another address too…
    let mut owner = app.client_from("198.51.100.1");
    assert_eq!(
        owner.login(OWNER, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // …and the attacker's address for other accounts, known or not.
    let other = attacker.login("someone@acme.example", PASSWORD).await;
    assert_eq!(other.status, StatusCode::TOO_MANY_REQUESTS);

    // The delay runs out.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        owner.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn state_changing_requests_without_the_csrf_token_are_refused() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    owner.get("/services").await;
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .id
        .to_string();

    let missing = owner
        .post_raw(
            "/services",
            &[("organisation", &org), ("domain", "acme.example")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("This form has expired"));
    let wrong = owner
        .post_raw(
            "/services",
            &[
                ("organisation", &org),
                ("domain", "acme.example"),
                ("_csrf", "forged"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let logout = owner.post_raw("/logout", &[]).await;
    assert_eq!(logout.status, StatusCode::FORBIDDEN);
    assert!(
        app.app.services().services_for(app.owner().user).unwrap()[0]
            .services
            .is_empty()
    );
    assert_eq!(
        owner.get("/services").await.status,
        StatusCode::OK,
        "still logged in"
    );

    // Before login too: a login form posted without the cookie's token.
    let mut fresh = app.client();
    let login = fresh
        .post_raw("/login", &[("email", OWNER), ("password", PASSWORD)])
        .await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);

    // The right token works, in the form or in htmx's header.
    let ok = owner
        .post(
            "/services",
            &[("organisation", &org), ("domain", "acme.example")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn sessions_end_after_the_idle_time() {
    let app = TestApp::with_settings(AppSettings {
        session_idle: Duration::from_secs(1),
        ..AppSettings::default()
    });
    let mut owner = app.set_up().await;
    assert_eq!(owner.get("/services").await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = owner.get("/services").await;
    assert_eq!(expired.status, StatusCode::SEE_OTHER);
    assert!(expired.location().starts_with("/login"));
    assert!(
        !owner.cookies.contains_key("mailroom_session"),
        "the stale cookie is cleared"
    );
}

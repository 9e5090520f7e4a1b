//! One's own sessions: listed, the others logged out, all of them ended by a
//! password change, none living past its absolute lifetime; `__Host-`
//! cookies behind TLS.

use axum::http::StatusCode;
use mailroom::store::prelude::*;
use mailroom::web::{AppState, router};

use crate::helpers::{OWNER, PASSWORD, TestApp};

const NEW_PASSWORD: &str = "a brand new login password";

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    let app = TestApp::new();
    let mut here = app.set_up().await;
    let mut there = app.client_from("127.0.11.2");
    there.login(OWNER, PASSWORD).await;
    let account = here.get("/account").await;
    assert_eq!(
        account.body.matches("<tr>").count(),
        3,
        "a header and two sessions"
    );
    assert!(account.body.contains("127.0.11.2") && account.body.contains("(this one)"));

    let wrong = here
        .post(
            "/account/password",
            &[
                ("current", "not my password"),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        there.get("/services").await.status,
        StatusCode::OK,
        "nothing changed"
    );
    let changed = here
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(
        there.get("/services").await.status,
        StatusCode::SEE_OTHER,
        "logged out"
    );
    assert_eq!(
        here.get("/services").await.status,
        StatusCode::OK,
        "this one stays"
    );
    let mut again = app.client_from("127.0.11.3");
    assert_eq!(
        again.login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_other_sessions_can_be_logged_out() {
    let app = TestApp::new();
    let mut here = app.set_up().await;
    let mut there = app.client_from("127.0.12.2");
    there.login(OWNER, PASSWORD).await;
    here.get("/account").await;
    let ended = here.post("/account/sessions/end-others", &[]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(there.get("/services").await.status, StatusCode::SEE_OTHER);
    assert_eq!(here.get("/services").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_much_it_is_used() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    assert_eq!(owner.get("/services").await.status, StatusCode::OK);
    app.app
        .store_for_tests()
        .write(|tx| -> mailroom::store::Result<()> {
            for (hash, mut session) in tx.sessions_of(app.owner().user)? {
                session.created -= 31 * 24 * 60 * 60;
                tx.put_session(&hash, &session)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(owner.get("/services").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn secure_cookies_carry_the_host_prefix() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    let secure = router(AppState::new(app.app.clone(), true));
    let mut browser = app.client_on(secure);
    let page = browser.get("/login").await;
    let csrf = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(
        csrf.iter()
            .any(|c| c.starts_with("__Host-mailroom_csrf=") && c.contains("Secure")),
        "{csrf:?}"
    );
    let logged = browser.login(OWNER, PASSWORD).await;
    let cookie = logged.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-mailroom_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"));
    assert_eq!(browser.get("/services").await.status, StatusCode::OK);
}

//! Behind a reverse proxy every request comes from the proxy: the client is
//! read from the proxy's headers, and only from a trusted proxy.

use axum::http::StatusCode;
use mailroom::web::{AppState, router};

use crate::helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_throttled_one_by_one() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_member("ann@acme.example", mailroom::model::Role::Member);
    let trusted = vec![mailroom::web::client_ip::parse_trusted("127.0.0.1").unwrap()];
    let behind_proxy = router(AppState::new(app.app.clone(), false).with_trusted_proxies(trusted));

    // An attacker behind the proxy fails five times against many accounts...
    let mut attacker = app.client_on(behind_proxy.clone());
    attacker.headers = vec![("x-forwarded-for".into(), "203.0.113.66".into())];
    for n in 0..6 {
        attacker
            .login(&format!("nobody{n}@acme.example"), "a wrong password")
            .await;
    }
    let blocked = attacker.login("ann@acme.example", PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the attacker waits"
    );
    // ...while another client of the same proxy logs in.
    let mut colleague = app.client_on(behind_proxy);
    colleague.headers = vec![("x-forwarded-for".into(), "203.0.113.7".into())];
    let fine = colleague.login(OWNER, PASSWORD).await;
    assert_eq!(fine.status, StatusCode::SEE_OTHER, "{}", fine.body);

    // Without trust, the header is ignored: changing it escapes nothing.
    let mut spoofer = app.client_from("127.0.9.9");
    for n in 0..6 {
        spoofer.headers = vec![("x-forwarded-for".into(), format!("198.51.100.{n}"))];
        spoofer
            .login(&format!("other{n}@acme.example"), "a wrong password")
            .await;
    }
    spoofer.headers = vec![("x-forwarded-for".into(), "198.51.100.200".into())];
    let still = spoofer.login("ann@acme.example", PASSWORD).await;
    assert_eq!(still.status, StatusCode::TOO_MANY_REQUESTS);
}

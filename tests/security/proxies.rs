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
    let trusted = vec![mailroom::http::client_ip::parse_trusted("127.0.0.1").unwrap()];
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

#[tokio::test]
async fn what_a_client_writes_in_forwarding_headers_never_names_it() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    let trusted = vec![mailroom::http::client_ip::parse_trusted("127.0.0.1").unwrap()];
    let behind_proxy = router(AppState::new(app.app.clone(), false).with_trusted_proxies(trusted));
    // A password spray from one machine behind the proxy, each attempt with a
    // client-made `Forwarded` and a client-made X-Forwarded-For prefix; the
    // proxy appends the real address (203.0.113.66) to X-Forwarded-For.
    let mut attacker = app.client_on(behind_proxy);
    let mut throttled = 0;
    for n in 0..20 {
        attacker.headers = vec![
            ("forwarded".into(), format!("for=198.51.100.{n}")),
            (
                "x-forwarded-for".into(),
                format!("198.51.100.{n}, 203.0.113.66"),
            ),
        ];
        let answer = attacker
            .login(&format!("sprayed{n}@acme.example"), "a wrong password")
            .await;
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            throttled += 1;
        }
    }
    assert_eq!(throttled, 15, "five free attempts, then the client waits");
}

#[tokio::test]
async fn the_operator_names_the_one_header_that_counts() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    let trusted = vec![mailroom::http::client_ip::parse_trusted("127.0.0.1").unwrap()];
    let real_ip = mailroom::http::client_ip::parse_header("X-Real-IP").unwrap();
    let behind_proxy = router(
        AppState::new(app.app.clone(), false)
            .with_trusted_proxies(trusted)
            .with_client_ip_header(real_ip),
    );
    let mut attacker = app.client_on(behind_proxy);
    let mut throttled = 0;
    for n in 0..8 {
        // X-Forwarded-For is the client's own here: the proxy sets X-Real-IP.
        attacker.headers = vec![
            ("x-forwarded-for".into(), format!("198.51.100.{n}")),
            ("x-real-ip".into(), "203.0.113.77".into()),
        ];
        let answer = attacker
            .login(&format!("other{n}@acme.example"), "a wrong password")
            .await;
        throttled += usize::from(answer.status == StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(throttled, 3);
}

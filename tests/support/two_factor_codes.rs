//! Two-factor sign-in as a person does it in a test: the code an
//! authenticator app shows for the secret on the page, and enrolling.

#![allow(dead_code)]

use axum::http::StatusCode;
use totp_rs::{Builder, Secret};

use crate::helpers::Client;

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// The code an authenticator app shows for the secret on a page, at `time`.
pub fn code_for(page: &str, time: u64) -> String {
    let secret = page
        .split("id=\"two-factor-secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the secret is shown");
    let bytes = Secret::try_from_base32(secret)
        .expect("base32")
        .as_ref()
        .to_vec();
    Builder::new()
        .with_secret(bytes)
        .build()
        .expect("totp")
        .generate(time)
        .to_string()
}

/// Enrols the logged-in client; returns the secret page and recovery codes.
pub async fn enrol(client: &mut Client) -> (String, Vec<String>) {
    client.get("/account/two-factor").await;
    let started = client.post("/account/two-factor/start", &[]).await;
    assert_eq!(started.status, StatusCode::OK);
    let wrong = client
        .post("/account/two-factor/confirm", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A wrong code shows a fresh secret: the first one is no longer good.
    assert_ne!(code_for(&wrong.body, 0), code_for(&started.body, 0));
    let confirmed = client
        .post(
            "/account/two-factor/confirm",
            &[("code", &code_for(&wrong.body, unix_now()))],
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let codes: Vec<String> = confirmed
        .body
        .split("id=\"recovery-codes\"")
        .nth(1)
        .expect("recovery codes")
        .split("<code>")
        .skip(1)
        .filter_map(|c| c.split('<').next().map(str::to_owned))
        .collect();
    assert_eq!(codes.len(), 10);
    (wrong.body, codes)
}

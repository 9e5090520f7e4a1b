use axum::http::StatusCode;

use crate::helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test]
async fn first_visit_leads_to_setup_and_setup_is_gone_afterwards() {
    let app = TestApp::new();
    let mut browser = app.client();
    let home = browser.get("/").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert_eq!(home.location(), "/setup");
    let page = browser.get("/setup").await;
    assert!(page.body.contains("Set up Mailroom"));
    assert!(
        page.body.contains("at least 12 characters"),
        "policy shown before submit"
    );

    let mut owner = app.set_up().await;
    let services = owner.get("/services").await;
    assert_eq!(services.status, StatusCode::OK);
    assert!(services.body.contains("Acme"));
    assert!(services.body.contains(OWNER));

    // Gone for good: the page redirects, and a replayed form changes nothing.
    let mut stranger = app.client();
    let again = stranger.get("/setup").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location(), "/login");
    stranger.get("/login").await;
    let replay = stranger
        .post(
            "/setup",
            &[
                ("organisation", "Evil"),
                ("email", "evil@evil.example"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(replay.status, StatusCode::SEE_OTHER);
    assert!(app.app.organisation_named(Some("Evil")).is_err());
    assert_eq!(
        stranger.login("evil@evil.example", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn setup_refuses_bad_input_field_by_field_and_creates_nothing() {
    let app = TestApp::new();
    let mut browser = app.client();
    browser.get("/setup").await;
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        ("", OWNER, PASSWORD, PASSWORD, "Enter your organisation"),
        (
            "Acme",
            "not-an-email",
            PASSWORD,
            PASSWORD,
            "Enter an email address",
        ),
        ("Acme", OWNER, "short", "short", "at least 12 characters"),
        (
            "Acme",
            OWNER,
            "1234567890123",
            "1234567890123",
            "cannot be only digits",
        ),
        ("Acme", OWNER, OWNER, OWNER, "cannot be the email address"),
    ];
    for (organisation, email, password, confirm, message) in cases {
        let response = browser
            .post(
                "/setup",
                &[
                    ("organisation", organisation),
                    ("email", email),
                    ("password", password),
                    ("confirm", confirm),
                ],
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        assert!(response.body.contains(message), "expected {message:?}");
        assert!(response.body.contains("aria-invalid=\"true\""));
        assert!(
            response.body.contains(&format!("value=\"{organisation}\"")),
            "typed values are kept"
        );
    }
    let mismatch = browser
        .post(
            "/setup",
            &[
                ("organisation", "Acme"),
                ("email", OWNER),
                ("password", PASSWORD),
                ("confirm", "something else"),
            ],
        )
        .await;
    assert!(mismatch.body.contains("do not match"));
    assert!(app.app.needs_setup().unwrap(), "nothing was created");
}

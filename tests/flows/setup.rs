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
    assert!(
        app.app
            .organisations()
            .organisation_named(Some("Evil"))
            .is_err()
    );
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
    assert!(
        app.app.accounts().needs_setup().unwrap(),
        "nothing was created"
    );
}

#[tokio::test]
async fn assets_are_served_under_content_hashed_urls_with_a_long_cache_life() {
    let app = TestApp::new();
    let mut browser = app.client();
    let page = browser.get("/setup").await;
    for name in ["pico.min.css", "app.css", "htmx.min.js", "app.js"] {
        let start = page
            .body
            .find(&format!("/{name}\""))
            .unwrap_or_else(|| panic!("{name} is linked"));
        let url_start = page.body[..start].rfind("\"/assets/").unwrap() + 1;
        let url = &page.body[url_start..start + name.len() + 1];
        let asset = browser.get(url).await;
        assert_eq!(asset.status, StatusCode::OK, "{url}");
        assert_eq!(
            asset.headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert!(!asset.body.is_empty());
    }
    let stale = browser.get("/assets/0000000000/app.css").await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(
        stale.headers["cache-control"], "no-cache",
        "an old hash is not pinned"
    );
    assert_eq!(
        browser.get("/assets/0000000000/README.md").await.status,
        StatusCode::NOT_FOUND
    );
    let health = browser.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health.body.starts_with("ok: store open, schema version"));
}

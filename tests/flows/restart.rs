use axum::http::StatusCode;

use crate::helpers::{OWNER, PASSWORD, TestApp};

#[tokio::test]
async fn a_restart_keeps_everything() {
    let mut app = TestApp::new();
    let owner = app.set_up().await;
    app.add_service("bücher.example");
    app.add_addresses("bücher.example", &["info", "kasse"]);
    let session = owner.cookies.clone();
    drop(owner);

    app.restart();

    let mut browser = app.client();
    browser.cookies = session;
    let page = browser.get("/services/xn--bcher-kva.example").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "the session survives a restart"
    );
    assert!(
        page.body.contains("info@bücher.example") && page.body.contains("kasse@bücher.example")
    );
    let mut fresh = app.client();
    assert_eq!(fresh.get("/").await.location(), "/login", "no second setup");
    assert_eq!(
        fresh.login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

//! The CSRF token of an upload travels in the form's body, never in its URL
//! (where histories and proxy logs would keep it).

use axum::http::StatusCode;

use crate::helpers::TestApp;

const IMPORTS: &str = "/services/acme.example/imports";

#[tokio::test]
async fn an_upload_carries_its_token_in_the_body_only() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let page = owner.get(IMPORTS).await;
    assert!(
        !page.body.contains("?_csrf="),
        "the form's URL carries no token"
    );
    assert!(page.body.contains("name=\"_csrf\""));

    let csrf = owner.csrf_token();
    let in_url = owner
        .upload(
            &format!("{IMPORTS}?_csrf={csrf}"),
            "x.csv",
            b"address\nx\n",
            false,
        )
        .await;
    assert_eq!(
        in_url.status,
        StatusCode::FORBIDDEN,
        "a token in the URL is not read"
    );
    let in_body = owner.upload(IMPORTS, "x.csv", b"address\nx\n", true).await;
    assert_eq!(in_body.status, StatusCode::SEE_OTHER, "{}", in_body.body);
}

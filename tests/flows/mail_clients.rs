use axum::http::StatusCode;
use mailroom::model::Role;

use crate::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn thunderbird_and_outlook_find_the_settings_without_logging_in() {
    let app = TestApp::new();
    drop(app.set_up().await);
    app.add_service("acme.example");
    let mut client = app.client();

    for path in [
        "/.well-known/autoconfig/mail/config-v1.1.xml",
        "/mail/config-v1.1.xml",
    ] {
        let found = client
            .get(&format!("{path}?emailaddress=Jo%40Acme.example"))
            .await;
        assert_eq!(found.status, StatusCode::OK, "{path}");
        assert!(
            found.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/xml")
        );
        let doc = roxmltree::Document::parse(&found.body).unwrap();
        let hostname = doc
            .descendants()
            .find(|n| n.has_tag_name("hostname"))
            .unwrap();
        assert_eq!(hostname.text(), Some("mail.acme.example"));
        assert!(found.body.contains("<username>jo@acme.example</username>"));
        let unknown = client
            .get(&format!("{path}?emailaddress=jo%40elsewhere.example"))
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }

    let request = r#"<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>jo@acme.example</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>"#;
    let answer = client
        .post_body("/Autodiscover/Autodiscover.xml", "text/xml", request)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "no CSRF token is needed: {}",
        answer.body
    );
    assert!(
        answer.body.contains("<Server>mail.acme.example</Server>")
            && answer.body.contains("<Type>SMTP</Type>")
    );
    let lower = client
        .post_body("/autodiscover/autodiscover.xml", "text/xml", request)
        .await;
    assert_eq!(lower.status, StatusCode::OK);
    let elsewhere = client
        .post_body(
            "/autodiscover/autodiscover.xml",
            "text/xml",
            &request.replace("acme.example", "elsewhere.example"),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let garbage = client
        .post_body("/autodiscover/autodiscover.xml", "text/xml", "<nope")
        .await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_apple_profile_downloads_for_users_of_the_address_only() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    let profile = owner
        .get("/services/acme.example/addresses/jo/profile.mobileconfig")
        .await;
    assert_eq!(profile.status, StatusCode::OK);
    assert_eq!(
        profile.headers["content-type"],
        "application/x-apple-aspen-config"
    );
    assert!(
        profile.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("jo@acme.example.mobileconfig")
    );
    let value = plist::Value::from_reader_xml(profile.body.as_bytes()).unwrap();
    let content = value
        .as_dictionary()
        .unwrap()
        .get("PayloadContent")
        .unwrap()
        .as_array()
        .unwrap();
    let mail = content[0].as_dictionary().unwrap();
    assert_eq!(
        mail.get("EmailAddress").unwrap().as_string(),
        Some("jo@acme.example")
    );

    app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    let refused = ann
        .get("/services/acme.example/addresses/jo/profile.mobileconfig")
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

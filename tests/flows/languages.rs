//! Which language people read: an invitation in the inviter's choice and
//! the pages it opens, the browser's wish, a saved choice, the
//! organisation's default, and hostile input to the selectors.

use axum::http::StatusCode;
use mailroom::model::Role;

use crate::helpers::{Client, TestApp};

const PAGE: &str = "/services/acme.example/addresses/jo";

/// The newest message, as its recipient reads it.
fn last_message(app: &TestApp) -> mailroom::model::Message {
    app.last_mail()
}

fn path_of(link: &str) -> String {
    link.strip_prefix("http://127.0.0.1:8080")
        .unwrap()
        .to_owned()
}

fn asking(client: &mut Client, accept_language: &str) {
    client
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("accept-language"));
    client
        .headers
        .push(("accept-language".into(), accept_language.into()));
}

#[tokio::test]
async fn an_invitation_sent_in_german_arrives_in_german_and_its_pages_follow() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    owner.get(PAGE).await;
    let invited = owner
        .post(
            &format!("{PAGE}/users"),
            &[
                ("who", "gast@anderswo.example"),
                ("perm_forwarding", "on"),
                ("signup", "own_choice"),
                ("lang", "de"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    // The inviter's page stays in the inviter's language.
    let general = owner.get(PAGE).await;
    assert!(general.body.contains("<html lang=\"en\""));

    let email = last_message(&app);
    assert!(
        email
            .subject
            .contains("lädt Sie ein, jo@acme.example zu nutzen"),
        "{}",
        email.subject
    );
    assert!(email.text.contains("Einladung annehmen"), "{}", email.text);
    assert!(email.html.contains("<html lang=\"de\">"));
    // A date as German writes it.
    assert!(email.text.contains("gültig bis "), "{}", email.text);
    let valid_until = email.text.split("gültig bis ").nth(1).unwrap();
    assert!(
        valid_until.as_bytes()[2] == b'.' && valid_until.as_bytes()[5] == b'.',
        "{valid_until}"
    );

    // Its reader's browser asks for English: the invitation's pages speak
    // German all the same, and so do the pages after them.
    let mut guest = app.client_from("127.0.0.30");
    asking(&mut guest, "en-GB,en;q=0.9");
    let link = path_of(email.link.as_deref().unwrap());
    let page = guest.get(&link).await;
    assert!(page.body.contains("<html lang=\"de\""), "{}", page.body);
    assert!(page.body.contains("Erstellen Sie Ihr Konto"));
    assert!(
        page.body.contains("Weiterleitung"),
        "its permission, named in German"
    );
    let login = guest.get("/login").await;
    assert!(login.body.contains("Passwort vergessen?"), "{}", login.body);

    let signed = guest
        .post(
            &link,
            &[
                ("login", "gast@anderswo.example"),
                ("password", "ein langes Passwort 1"),
                ("confirm", "ein langes Passwort 2"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        signed
            .body
            .contains("Die beiden Passwörter stimmen nicht überein."),
        "a refusal in German: {}",
        signed.body
    );
    let signed = guest
        .post(
            &link,
            &[
                ("login", "gast@anderswo.example"),
                ("password", "ein langes Passwort 1"),
                ("confirm", "ein langes Passwort 1"),
            ],
        )
        .await;
    assert!(
        signed
            .body
            .contains("Wir haben einen Link an gast@anderswo.example gesendet")
    );
    let confirmation = last_message(&app);
    assert!(
        confirmation
            .subject
            .starts_with("Bestätigen Sie Ihr Mailroom-Konto"),
        "{}",
        confirmation.subject
    );

    // Choosing another language ends it.
    let chosen = guest.get("/language/it").await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    let page = guest.get(&link).await;
    assert!(page.body.contains("<html lang=\"it\""));
}

#[tokio::test]
async fn the_browser_asks_a_saved_choice_wins_and_the_organisation_decides_last() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;

    // Nobody signed in: what the browser asks, if we speak it.
    let mut visitor = app.client_from("127.0.0.31");
    asking(&mut visitor, "es-ES, fr;q=0.8, en;q=0.5");
    let login = visitor.get("/login").await;
    assert!(login.body.contains("<html lang=\"fr\""));
    assert!(login.body.contains("Mot de passe oublié ?"));

    // A saved choice beats the browser, on every page, errors included.
    asking(&mut owner, "de");
    owner.get("/account").await;
    let saved = owner.post("/language", &[("lang", "it")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let account = owner.get("/account").await;
    assert!(account.body.contains("<html lang=\"it\""));
    assert!(account.body.contains("Il Suo account"));
    let missing = owner.get("/services/nowhere.example").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Non trovato"), "{}", missing.body);

    // "As my browser asks" gives the choice back to the browser.
    owner.post("/language", &[("lang", "auto")]).await;
    let account = owner.get("/account").await;
    assert!(account.body.contains("<html lang=\"de\""));

    // A member who chose nothing and whose browser asks for nothing we
    // speak reads the organisation's default.
    let org = app.app.organisations().organisation_named(None).unwrap();
    owner.get("/services").await;
    let set = owner
        .post(
            &format!("/organisations/{}/language", org.id),
            &[("lang", "fr")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    app.add_member("mia@acme.example", Role::Member);
    let mut mia = app.client_from("127.0.0.32");
    asking(&mut mia, "pt-BR");
    mia.login("mia@acme.example", crate::helpers::PASSWORD)
        .await;
    let services = mia.get("/services").await;
    assert!(
        services.body.contains("<html lang=\"fr\""),
        "{}",
        services.body
    );
    assert!(services.body.contains("Services de messagerie"));
}

#[tokio::test]
async fn numbers_and_dates_follow_the_language() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    let locals: Vec<String> = (0..1234).map(|i| format!("u{i:04}")).collect();
    let locals: Vec<&str> = locals.iter().map(String::as_str).collect();
    app.add_addresses("acme.example", &locals);
    owner.get("/account").await;
    owner.post("/language", &[("lang", "de")]).await;
    let dashboard = owner.get("/services/acme.example").await;
    assert!(
        dashboard.body.contains("1.234 Adressen"),
        "{}",
        dashboard.body
    );
    // A refusal told as it happens (htmx), in German too.
    let check = owner
        .htmx_get("/services/acme.example/new-address/check?local=u0001")
        .await;
    assert!(
        check
            .body
            .contains("Die Adresse u0001@acme.example existiert bereits."),
        "{}",
        check.body
    );
    owner.post("/language", &[("lang", "fr")]).await;
    let dashboard = owner.get("/services/acme.example").await;
    assert!(dashboard.body.contains("1\u{202f}234 adresses"));
    owner.post("/language", &[("lang", "en")]).await;
    let dashboard = owner.get("/services/acme.example").await;
    assert!(dashboard.body.contains("1,234 addresses"));
}

#[tokio::test]
async fn the_selectors_refuse_what_is_not_a_language_and_never_leave_the_site() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    owner.get("/account").await;
    for hostile in [
        "xx",
        "",
        "de\r\nSet-Cookie: a=b",
        "../../etc",
        "DE-de-1996-extra",
    ] {
        let refused = owner.post("/language", &[("lang", hostile)]).await;
        if hostile == "DE-de-1996-extra" {
            // A well-formed tag of a language we speak is that language.
            assert_eq!(refused.status, StatusCode::SEE_OTHER);
            owner.post("/language", &[("lang", "en")]).await;
            continue;
        }
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{hostile:?}"
        );
        assert!(
            refused
                .body
                .contains("Choose English, French, German or Italian.")
        );
    }
    let account = owner.get("/account").await;
    assert!(account.body.contains("<html lang=\"en\""));

    let mut visitor = app.client_from("127.0.0.33");
    for (referer, back) in [
        (
            "http://127.0.0.1:8080/login?next=%2Faccount",
            "/login?next=%2Faccount",
        ),
        ("https://evil.example/login", "/services"),
        ("http://127.0.0.1:8080//evil.example", "/services"),
        ("http://127.0.0.1:8080.evil.example/x", "/services"),
    ] {
        visitor.headers = vec![
            ("referer".into(), referer.into()),
            ("host".into(), "127.0.0.1:8080".into()),
        ];
        let went = visitor.get("/language/fr").await;
        assert_eq!(went.status, StatusCode::SEE_OTHER);
        assert_eq!(went.location(), back, "{referer}");
    }
    let unknown = visitor.get("/language/klingon").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

use axum::http::StatusCode;
use mailroom::model::{EmailAddress, Role};
use mailroom::store::prelude::*;

use crate::helpers::{Client, PASSWORD, TestApp};

const NEW: &str = "/services/acme.example/new-address";
const ADDRESS_PASSWORD: &str = "a fine mailbox secret";

async fn owner_with_service(app: &TestApp) -> Client {
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    owner.get(NEW).await;
    owner
}

#[tokio::test]
async fn create_for_me_walks_both_steps_and_offers_the_mail_settings() {
    let app = TestApp::new();
    let mut owner = owner_with_service(&app).await;
    let dashboard = owner.get("/services/acme.example").await;
    assert!(
        dashboard
            .body
            .contains("href=\"/services/acme.example/new-address\"")
    );

    let step1 = owner.get(NEW).await;
    assert!(
        step1
            .body
            .contains("hx-get=\"/services/acme.example/new-address/check\""),
        "the field checks itself against the real route"
    );
    assert!(step1.body.contains("Step 1 of 3") && step1.body.contains("@acme.example"));
    let step2 = owner
        .post(NEW, &[("step", "address"), ("local", "Jane.Doe")])
        .await;
    assert_eq!(step2.status, StatusCode::OK);
    assert!(step2.body.contains("Step 2 of 3") && step2.body.contains("jane.doe@acme.example"));
    assert!(step2.body.contains("For another user") && step2.body.contains("Generic: catch-all"));
    let step3 = owner
        .post(
            NEW,
            &[
                ("step", "purpose"),
                ("local", "Jane.Doe"),
                ("purpose", "me"),
            ],
        )
        .await;
    assert!(step3.body.contains("Step 3 of 3") && step3.body.contains("Password of the address"));
    assert!(
        step3.body.contains("data-strength=\"password-strength\""),
        "a strength meter"
    );

    let created = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "Jane.Doe"),
                ("purpose", "me"),
                ("password", ADDRESS_PASSWORD),
                ("confirm", ADDRESS_PASSWORD),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(
        created.location(),
        "/services/acme.example/addresses/jane.doe?created=me"
    );
    let page = owner.get(created.location()).await;
    assert!(page.body.contains("Your address is ready"));
    assert!(page.body.contains("Set up a mail program"));
    assert!(
        !page.body.contains("Open the webmail"),
        "no webmail configured"
    );
    assert!(
        page.body.contains("mail.acme.example")
            && page.body.contains("993")
            && page.body.contains("465")
    );
    assert!(
        page.body.contains(crate::helpers::OWNER),
        "the creator is a user of it"
    );
    assert!(
        page.body
            .contains("password, forwarding, aliases, users, history")
    );

    let address = app.stored("jane.doe").unwrap();
    assert!(
        address
            .password_hash
            .as_ref()
            .unwrap()
            .verify(ADDRESS_PASSWORD)
            == Ok(true)
    );
    let events = app
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .recent_audit(1)
        .unwrap();
    assert_eq!(events[0].action, "address.create");
    assert_eq!(events[0].ip.as_deref(), Some("127.0.0.1"));
}

#[tokio::test]
async fn htmx_swaps_the_steps_and_redirects_at_the_end() {
    let app = TestApp::new();
    let mut owner = owner_with_service(&app).await;
    let check = owner
        .htmx_get("/services/acme.example/new-address/check?local=sales")
        .await;
    assert_eq!(
        check.body,
        "<small class=\"ok\" id=\"local-help\">✓ sales@acme.example is available.</small>"
    );
    let bad = owner
        .htmx_get("/services/acme.example/new-address/check?local=s%20a")
        .await;
    assert!(bad.body.contains("class=\"error\""), "{}", bad.body);
    let too_long = owner
        .htmx_get(&format!(
            "/services/acme.example/new-address/check?local={}",
            "a".repeat(65)
        ))
        .await;
    assert!(too_long.body.contains("at most 64 characters"));

    let step2 = owner
        .htmx_post(NEW, &[("step", "address"), ("local", "sales")])
        .await;
    assert!(
        step2.body.starts_with("<article id=\"wizard\">"),
        "{}",
        step2.body
    );
    assert!(step2.body.contains("Step 2 of 3") && !step2.body.contains("<html"));
    let done = owner
        .htmx_post(
            NEW,
            &[
                ("step", "create"),
                ("local", "sales"),
                ("purpose", "me"),
                ("password", ADDRESS_PASSWORD),
                ("confirm", ADDRESS_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(
        done.headers.get("hx-redirect").unwrap(),
        "/services/acme.example/addresses/sales?created=me"
    );
}

#[tokio::test]
async fn each_refusal_says_why_and_creates_nothing() {
    let app = TestApp::new();
    let mut owner = owner_with_service(&app).await;
    app.add_addresses("acme.example", &["taken"]);
    for (local, message) in [
        ("", "Enter the part before the @"),
        ("a..b", "two dots in a row"),
        ("zoë", "cannot contain"),
        ("a+b", "use only letters"),
        ("TAKEN", "The address taken@acme.example already exists"),
    ] {
        let response = owner
            .post(NEW, &[("step", "address"), ("local", local)])
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{local}");
        assert!(response.body.contains(message), "{local}: {message}");
        assert!(response.body.contains("Step 1 of 3"));
    }
    let create = |password: &'static str, confirm: &'static str| {
        [
            ("step", "create"),
            ("local", "new"),
            ("purpose", "multiple"),
            ("password", password),
            ("confirm", confirm),
        ]
    };
    let weak = owner.post(NEW, &create("short", "short")).await;
    assert!(weak.body.contains("at least 12 characters") && weak.body.contains("Step 3 of 3"));
    let mismatch = owner
        .post(NEW, &create(ADDRESS_PASSWORD, "something else entirely"))
        .await;
    assert!(mismatch.body.contains("do not match"));
    let same = owner
        .post(NEW, &create("new@acme.example", "new@acme.example"))
        .await;
    assert!(same.body.contains("cannot be the email address"));
    let no_purpose = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "new"),
                ("password", ADDRESS_PASSWORD),
                ("confirm", ADDRESS_PASSWORD),
            ],
        )
        .await;
    assert!(no_purpose.body.contains("Choose who the address is for"));
    assert!(app.stored("new").is_none());
}

#[tokio::test]
async fn generic_addresses_and_the_single_catch_all() {
    let app = TestApp::new();
    let mut owner = owner_with_service(&app).await;
    for (local, purpose) in [
        ("no-reply", "no_reply"),
        ("shared", "multiple"),
        ("catchall", "catch_all"),
    ] {
        let response = owner
            .post(
                NEW,
                &[
                    ("step", "create"),
                    ("local", local),
                    ("purpose", purpose),
                    ("password", ADDRESS_PASSWORD),
                    ("confirm", ADDRESS_PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{local}");
        assert_eq!(
            response.location(),
            format!("/services/acme.example/addresses/{local}")
        );
    }
    use mailroom::model::AddressKind;
    assert_eq!(app.stored("no-reply").unwrap().kind, AddressKind::NoReply);
    assert_eq!(app.stored("catchall").unwrap().kind, AddressKind::CatchAll);
    let shared = owner.get("/services/acme.example/addresses/shared").await;
    assert!(
        shared
            .body
            .contains("No one has access to this address yet.")
    );
    let catch_all_page = owner.get("/services/acme.example/addresses/catchall").await;
    assert!(
        catch_all_page.body.contains("Catch-all")
            && !catch_all_page.body.contains("Outgoing (SMTP)")
    );

    let second = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "other"),
                ("purpose", "catch_all"),
                ("password", ADDRESS_PASSWORD),
                ("confirm", ADDRESS_PASSWORD),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("already has a catch-all address"));
    assert!(app.stored("other").is_none());
}

#[tokio::test]
async fn members_cannot_create_and_see_only_their_own_address_pages() {
    let app = TestApp::new();
    drop(owner_with_service(&app).await);
    app.add_addresses("acme.example", &["hidden"]);
    app.add_member("member@acme.example", Role::Member);
    let mut member = app.client();
    member.login("member@acme.example", PASSWORD).await;
    assert_eq!(member.get(NEW).await.status, StatusCode::FORBIDDEN);
    // Nor import many: the imports page is refused by app as well.
    let imports = member.get("/services/acme.example/imports").await;
    assert_eq!(imports.status, StatusCode::FORBIDDEN);
    assert!(
        !imports.body.contains("address,password"),
        "no template shown"
    );
    let forged = member
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "mine"),
                ("purpose", "me"),
                ("password", ADDRESS_PASSWORD),
                ("confirm", ADDRESS_PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(app.stored("mine").is_none());
    assert_eq!(
        member
            .get("/services/acme.example/addresses/hidden")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(EmailAddress::parse("member@acme.example").is_ok());
}

#[tokio::test]
async fn two_concurrent_creations_of_one_address_one_wins() {
    let app = TestApp::new();
    let mut first = owner_with_service(&app).await;
    let mut second = app.client();
    second.login(crate::helpers::OWNER, PASSWORD).await;
    second.get(NEW).await;
    let form = [
        ("step", "create"),
        ("local", "race"),
        ("purpose", "multiple"),
        ("password", ADDRESS_PASSWORD),
        ("confirm", ADDRESS_PASSWORD),
    ];
    let (a, b) = tokio::join!(first.post(NEW, &form), second.post(NEW, &form));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if a.status == StatusCode::CONFLICT {
        a
    } else {
        b
    };
    assert!(loser.body.contains("race@acme.example already exists"));
}

#[tokio::test]
async fn create_for_another_user_a_member_at_once_an_outsider_invited() {
    let app = TestApp::new();
    let mut owner = owner_with_service(&app).await;
    app.add_member("ann@acme.example", Role::Member);

    let details = owner
        .post(
            NEW,
            &[
                ("step", "purpose"),
                ("local", "ann.work"),
                ("purpose", "other"),
            ],
        )
        .await;
    assert!(details.body.contains("Member or email address"));
    assert!(
        details.body.contains("cannot change its password"),
        "the warning is shown"
    );
    assert!(
        details.body.contains("name=\"perm_password\" checked"),
        "org defaults pre-ticked"
    );
    assert!(!details.body.contains("name=\"perm_users\" checked"));

    let members = owner
        .htmx_get("/services/acme.example/members?who=an")
        .await;
    assert!(
        members.body.contains("<option value=\"ann@acme.example\">"),
        "{}",
        members.body
    );

    let member = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "ann.work"),
                ("purpose", "other"),
                ("who", "ann@acme.example"),
                ("perm_history", "on"),
            ],
        )
        .await;
    assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
    assert_eq!(
        member.location(),
        "/services/acme.example/addresses/ann.work?created=other"
    );
    let page = owner.get(member.location()).await;
    assert!(
        page.body.contains("ann@acme.example") && page.body.contains(">history<"),
        "{}",
        page.body
    );
    assert!(
        app.stored("ann.work").unwrap().password_hash.is_none(),
        "no password yet"
    );
    assert!(page.body.contains("no one can log in to it"));

    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    let list = ann.get("/services/acme.example").await;
    assert!(
        list.body.contains("ann.work@acme.example"),
        "the member sees it at once"
    );

    let outsider = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "guest"),
                ("purpose", "other"),
                ("who", "Guest@Elsewhere.example"),
                ("signup", "this_address"),
                ("perm_password", "on"),
            ],
        )
        .await;
    assert_eq!(outsider.status, StatusCode::SEE_OTHER);
    let guest = owner.get("/services/acme.example/addresses/guest").await;
    assert!(
        guest.body.contains("Pending invitations")
            && guest.body.contains("guest@elsewhere.example")
    );
    let reader = app.app.store_for_tests().read().unwrap();
    let invitations = reader
        .invitations_of(app.stored("guest").unwrap().id)
        .unwrap();
    assert_eq!(invitations.len(), 1);
    assert_eq!(
        invitations[0].signup,
        mailroom::model::SignupRule::ThisAddress
    );
    assert!(
        invitations[0]
            .permissions
            .contains(mailroom::model::Permission::Password)
    );

    let nobody = owner
        .post(
            NEW,
            &[
                ("step", "create"),
                ("local", "nobody"),
                ("purpose", "other"),
                ("who", "not an email"),
            ],
        )
        .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nobody.body.contains("Enter a member"));
    assert!(app.stored("nobody").is_none());
}

#[tokio::test]
async fn the_webmail_link_appears_when_one_is_configured() {
    use mailroom::config::MailClientSettings;
    let app = TestApp::with_settings(mailroom::app::AppSettings {
        mail_client: MailClientSettings {
            webmail_url: Some("https://webmail.acme.example/".into()),
            host: "imap.acme.example".into(),
            ..MailClientSettings::default()
        },
        ..mailroom::app::AppSettings::default()
    });
    drop(app.set_up().await);
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["jo"]);
    let mut owner = app.client();
    owner.login(crate::helpers::OWNER, PASSWORD).await;
    let page = owner
        .get("/services/acme.example/addresses/jo?created=me")
        .await;
    assert!(page.body.contains("href=\"https://webmail.acme.example/\""));
    assert!(page.body.contains("Open the webmail"));
    assert!(page.body.contains("<td>imap.acme.example</td>"));
}

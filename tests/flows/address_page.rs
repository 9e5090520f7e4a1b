use axum::http::StatusCode;
use mailroom::model::{EmailAddress, LocalPart, Password, Permission, Permissions, Role};

use crate::helpers::{Client, OWNER, PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";
const NEW_PASSWORD: &str = "another mailbox secret";

async fn setup() -> (TestApp, Client) {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared", "other"]);
    owner.get(PAGE).await;
    (app, owner)
}

async fn member_with(app: &TestApp, name: &str, permissions: Permissions) -> Client {
    let email = format!("{name}@acme.example");
    let id = app.add_member(&email, Role::Member);
    app.share("acme.example", "shared", id, permissions);
    let mut client = app.client();
    client.login(&email, PASSWORD).await;
    client.get(PAGE).await;
    client
}

#[tokio::test]
async fn each_tab_and_action_needs_its_permission() {
    let (app, mut owner) = setup().await;
    let admin_id = app.add_member("admin@acme.example", Role::Admin);
    assert!(admin_id > mailroom::model::UserId(0));
    let mut admin = app.client();
    admin.login("admin@acme.example", PASSWORD).await;
    admin.get(PAGE).await;

    for permission in Permission::ALL {
        // No tab of its own: a form on General, tested in quota.rs.
        if permission == Permission::Quota {
            continue;
        }
        let only: Permissions = [permission].into_iter().collect();
        let mut member = member_with(&app, &format!("m-{}", permission.name()), only).await;
        let mut none = member_with(
            &app,
            &format!("n-{}", permission.name()),
            Permissions::none(),
        )
        .await;
        let general = member.get(PAGE).await;
        assert_eq!(general.status, StatusCode::OK);

        let (tab, post): (&str, Vec<(&str, String)>) = match permission {
            Permission::Aliases => (
                "/aliases",
                vec![("alias", format!("alias-{}", permission.name()))],
            ),
            Permission::Forwarding => (
                "/forwarding",
                vec![
                    ("to", "fw@elsewhere.example".into()),
                    ("action", "save".into()),
                ],
            ),
            Permission::Password => (
                "/password",
                vec![
                    ("password", NEW_PASSWORD.into()),
                    ("confirm", NEW_PASSWORD.into()),
                ],
            ),
            Permission::History => ("/history", vec![]),
            // Saved off: turning it on needs the mail server (auto_reply.rs).
            Permission::AutoReply => (
                "/auto-reply",
                vec![("action", "save".into()), ("message", "Away".into())],
            ),
            Permission::Quota => unreachable!("skipped above"),
            Permission::Users => (
                "/users",
                vec![
                    ("who", "invitee@elsewhere.example".into()),
                    // What the member holds: more is refused (escalation.rs).
                    ("perm_users", "on".into()),
                ],
            ),
        };
        let fields: Vec<(&str, &str)> = post.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let url = format!("{PAGE}{tab}");
        if permission != Permission::Users {
            assert_eq!(
                member.get(&url).await.status,
                StatusCode::OK,
                "{url} with {}",
                permission.name()
            );
            assert_eq!(
                none.get(&url).await.status,
                StatusCode::FORBIDDEN,
                "{url} without"
            );
            assert!(
                general.body.contains(&format!("href=\"{url}\"")),
                "the tab shows with {}",
                permission.name()
            );
            let plain = none.get(PAGE).await;
            assert!(
                !plain.body.contains(&format!("href=\"{url}\"")),
                "the tab hides without {}",
                permission.name()
            );
        }
        if !fields.is_empty() {
            let refused = none.post(&url, &fields).await;
            assert_eq!(
                refused.status,
                StatusCode::FORBIDDEN,
                "POST {url} without {}",
                permission.name()
            );
            let allowed = member.post(&url, &fields).await;
            assert!(
                allowed.status == StatusCode::SEE_OTHER || allowed.status == StatusCode::OK,
                "POST {url} with {}: {}",
                permission.name(),
                allowed.status
            );
        }
        // Deleting is for owners and admins only.
        assert_eq!(
            member.get(&format!("{PAGE}/delete")).await.status,
            StatusCode::FORBIDDEN
        );
        let delete = member
            .post(
                &format!("{PAGE}/delete"),
                &[("password", PASSWORD), ("understood", "on")],
            )
            .await;
        assert_eq!(delete.status, StatusCode::FORBIDDEN);
    }
    let stored = app.stored("shared").unwrap();
    assert_eq!(
        stored.aliases,
        vec![LocalPart::parse("alias-aliases").unwrap()]
    );
    assert_eq!(
        stored.forwarding.unwrap().to.to_ascii(),
        "fw@elsewhere.example"
    );
    assert!(stored.password_hash.unwrap().verify(NEW_PASSWORD) == Ok(true));

    // Owners and admins see every tab.
    for client in [&mut owner, &mut admin] {
        let page = client.get(PAGE).await;
        for tab in ["/aliases", "/forwarding", "/password", "/history"] {
            assert!(page.body.contains(&format!("href=\"{PAGE}{tab}\"")));
        }
    }

    // A user of another organisation is told the address does not exist.
    let other = app
        .app
        .operators()
        .create_organisation(
            mailroom::app::OperatorActor::CommandLine,
            "Other",
            &mailroom::model::EmailAddress::parse("owner@acme.example").unwrap(),
        )
        .unwrap();
    let login = EmailAddress::parse("out@other.example").unwrap();
    app.app
        .organisations()
        .add_member(
            &app.owner(),
            other.id,
            &login,
            &Password::new(PASSWORD, None).unwrap(),
            Role::Owner,
        )
        .unwrap();
    let mut stranger = app.client();
    stranger.login("out@other.example", PASSWORD).await;
    stranger.get("/services").await;
    for tab in ["", "/aliases", "/history", "/delete"] {
        assert_eq!(
            stranger.get(&format!("{PAGE}{tab}")).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let forged = stranger
        .post(
            &format!("{PAGE}/password"),
            &[
                ("password", "stolen password!"),
                ("confirm", "stolen password!"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(
        app.stored("shared")
            .unwrap()
            .password_hash
            .unwrap()
            .verify(NEW_PASSWORD)
            == Ok(true)
    );
}

#[tokio::test]
async fn aliases_are_unique_names_of_the_service() {
    let (app, mut owner) = setup().await;
    let url = format!("{PAGE}/aliases");
    owner.get(&url).await;
    assert_eq!(
        owner.post(&url, &[("alias", "Sales")]).await.status,
        StatusCode::SEE_OTHER
    );
    let page = owner.get(&url).await;
    assert!(page.body.contains("sales@acme.example"));
    for (alias, message) in [
        ("other", "The address other@acme.example already exists"),
        (
            "sales",
            "The name sales@acme.example is already an alias of shared@acme.example",
        ),
        ("a+b", "use only letters"),
    ] {
        let refused = owner.post(&url, &[("alias", alias)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{alias}");
        assert!(refused.body.contains(message), "{alias}: {message}");
    }
    // An alias name cannot become an address either.
    let wizard = owner
        .post(
            "/services/acme.example/new-address",
            &[("step", "address"), ("local", "sales")],
        )
        .await;
    assert!(wizard.body.contains("already an alias"));
    // The list shows addresses, not their aliases.
    let list = owner.get("/services/acme.example").await;
    assert!(!list.body.contains(">sales@acme.example<"));

    assert_eq!(
        owner.post(&format!("{url}/sales/remove"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(app.stored("shared").unwrap().aliases.is_empty());
    let created = owner
        .post(
            "/services/acme.example/new-address",
            &[("step", "address"), ("local", "sales")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "the name is free again");
}

#[tokio::test]
async fn forwarding_is_set_checked_and_turned_off() {
    let (app, mut owner) = setup().await;
    let url = format!("{PAGE}/forwarding");
    owner.get(&url).await;
    let set = owner
        .post(
            &url,
            &[("to", "boss@elsewhere.example"), ("action", "save")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let page = owner.get(&url).await;
    assert!(
        page.body
            .contains("is forwarded to boss@elsewhere.example and not kept")
    );
    owner
        .post(
            &url,
            &[
                ("to", "boss@elsewhere.example"),
                ("keep_copy", "on"),
                ("action", "save"),
            ],
        )
        .await;
    assert!(app.stored("shared").unwrap().forwarding.unwrap().keep_copy);

    for (to, message) in [
        ("not-an-address", "Enter an email address"),
        ("shared@acme.example", "cannot forward to itself"),
    ] {
        let refused = owner.post(&url, &[("to", to), ("action", "save")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{to}");
        assert!(refused.body.contains(message), "{to}");
        assert!(
            refused.body.contains(&format!("value=\"{to}\"")),
            "what was typed is kept"
        );
    }
    assert_eq!(
        app.stored("shared")
            .unwrap()
            .forwarding
            .unwrap()
            .to
            .to_ascii(),
        "boss@elsewhere.example"
    );
    owner.post(&url, &[("to", ""), ("action", "off")]).await;
    assert!(app.stored("shared").unwrap().forwarding.is_none());
}

#[tokio::test]
async fn password_change_enforces_the_policy() {
    let (app, mut owner) = setup().await;
    let url = format!("{PAGE}/password");
    owner.get(&url).await;
    for (password, confirm, message) in [
        ("short", "short", "at least 12 characters"),
        (NEW_PASSWORD, "different password", "do not match"),
        (
            "shared@acme.example",
            "shared@acme.example",
            "cannot be the email address",
        ),
    ] {
        let refused = owner
            .post(&url, &[("password", password), ("confirm", confirm)])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(app.stored("shared").unwrap().password_hash.is_none());
    let changed = owner
        .post(
            &url,
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert!(changed.body.contains("The password is changed"));
    assert!(
        app.stored("shared")
            .unwrap()
            .password_hash
            .unwrap()
            .verify(NEW_PASSWORD)
            == Ok(true)
    );
}

#[tokio::test]
async fn users_permissions_are_edited_and_users_removed_with_history() {
    let (app, mut owner) = setup().await;
    let ann = app.add_member("ann@acme.example", Role::Member);
    let share = owner
        .post(
            &format!("{PAGE}/users"),
            &[("who", "ann@acme.example"), ("perm_aliases", "on")],
        )
        .await;
    assert_eq!(share.status, StatusCode::SEE_OTHER);
    let again = owner
        .post(&format!("{PAGE}/users"), &[("who", "ann@acme.example")])
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already invited"), "{}", again.body);
    // A member invited onto an address accepts in the app.
    let mut ann_first = app.client();
    ann_first.login("ann@acme.example", PASSWORD).await;
    let services = ann_first.get("/services").await;
    assert!(services.body.contains("Invitations for you"));
    let accept_at = services
        .body
        .split("action=\"/my-invitations/")
        .nth(1)
        .unwrap();
    let id = &accept_at[..accept_at.find('/').unwrap()];
    let accepted = ann_first
        .post(&format!("/my-invitations/{id}/accept"), &[])
        .await;
    assert_eq!(accepted.location(), PAGE);
    let already = owner
        .post(&format!("{PAGE}/users"), &[("who", "ann@acme.example")])
        .await;
    assert!(already.body.contains("already uses this address"));

    let edit = owner
        .post(
            &format!("{PAGE}/users/{ann}/permissions"),
            &[("perm_history", "on"), ("perm_password", "on")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER);
    let page = owner.get(PAGE).await;
    assert!(page.body.contains("password, history"));

    let mut ann_browser = app.client();
    ann_browser.login("ann@acme.example", PASSWORD).await;
    let history = ann_browser.get(&format!("{PAGE}/history")).await;
    assert_eq!(history.status, StatusCode::OK);
    for action in [
        "address.create",
        "invitation.create",
        "invitation.accept",
        "access.permissions",
    ] {
        assert!(history.body.contains(action), "{action} in the history");
    }
    assert!(history.body.contains(OWNER) && history.body.contains("127.0.0.1"));

    assert_eq!(
        owner
            .post(&format!("{PAGE}/users/{ann}/remove"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        ann_browser.get(PAGE).await.status,
        StatusCode::NOT_FOUND,
        "access is gone"
    );
}

#[tokio::test]
async fn delete_needs_the_login_password_and_the_box_then_restore_brings_it_back() {
    let (app, mut owner) = setup().await;
    let ann = app.add_member("ann@acme.example", Role::Member);
    app.share(
        "acme.example",
        "shared",
        ann,
        [Permission::Aliases].into_iter().collect(),
    );
    owner
        .post(&format!("{PAGE}/aliases"), &[("alias", "info")])
        .await;

    let dialog = owner.htmx_get(&format!("{PAGE}/delete")).await;
    assert!(
        dialog
            .body
            .starts_with("<dialog id=\"delete-dialog\" data-modal open"),
        "{}",
        dialog.body
    );
    assert!(
        dialog
            .body
            .contains("I understand that this address and its mail will be deleted")
    );

    let url = format!("{PAGE}/delete");
    let wrong = owner
        .post(
            &url,
            &[("password", "not my password"), ("understood", "on")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Your login password is not correct"));
    let unticked = owner.post(&url, &[("password", PASSWORD)]).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.body.contains("Tick the box"));
    assert!(app.stored("shared").unwrap().is_active());

    let deleted = owner
        .htmx_post(&url, &[("password", PASSWORD), ("understood", "on")])
        .await;
    assert_eq!(
        deleted.headers.get("hx-redirect").unwrap(),
        "/services/acme.example"
    );
    let list = owner.get("/services/acme.example").await;
    assert!(!list.body.contains(">shared@acme.example</a>"));
    assert!(list.body.contains("Recently deleted") && list.body.contains("shared@acme.example"));
    assert!(list.body.contains("1 address"), "counted out");
    assert_eq!(owner.get(PAGE).await.status, StatusCode::NOT_FOUND);

    for name in ["shared", "info"] {
        let reserved = owner
            .post(
                "/services/acme.example/new-address",
                &[("step", "address"), ("local", name)],
            )
            .await;
        assert!(
            reserved.body.contains("deleted recently"),
            "{name} is reserved"
        );
    }
    let mut ann_browser = app.client();
    ann_browser.login("ann@acme.example", PASSWORD).await;
    assert!(
        !ann_browser
            .get("/services/acme.example")
            .await
            .body
            .contains("shared@")
    );

    let id = app.stored("shared").unwrap().id;
    owner.get("/services/acme.example").await;
    let restored = owner
        .post(&format!("/services/acme.example/deleted/{id}/restore"), &[])
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert_eq!(restored.location(), PAGE);
    let back = app.stored("shared").unwrap();
    assert!(back.is_active());
    assert_eq!(back.aliases, vec![LocalPart::parse("info").unwrap()]);
    assert!(
        ann_browser
            .get("/services/acme.example")
            .await
            .body
            .contains("shared@acme.example"),
        "users come back"
    );
    assert!(
        !owner
            .get("/services/acme.example")
            .await
            .body
            .contains("Recently deleted")
    );
}

#[tokio::test]
async fn after_the_retention_period_the_name_is_free_and_restore_is_gone() {
    let app = TestApp::with_settings(mailroom::app::AppSettings {
        deleted_retention: std::time::Duration::from_secs(1),
        ..Default::default()
    });
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    owner.get(PAGE).await;
    owner
        .post(
            &format!("{PAGE}/delete"),
            &[("password", PASSWORD), ("understood", "on")],
        )
        .await;
    let id = app.stored("shared").unwrap().id;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let list = owner.get("/services/acme.example").await;
    assert!(!list.body.contains("Recently deleted"));
    let restore = owner
        .post(&format!("/services/acme.example/deleted/{id}/restore"), &[])
        .await;
    assert_eq!(restore.status, StatusCode::NOT_FOUND);
    let again = owner
        .post(
            "/services/acme.example/new-address",
            &[("step", "address"), ("local", "shared")],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
}

#[tokio::test]
async fn admins_edit_the_default_permissions() {
    let (app, mut owner) = setup().await;
    owner.get("/services").await;
    let org = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap();
    let saved = owner
        .post(
            &format!("/organisations/{}/default-permissions", org.id),
            &[("perm_history", "on")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let defaults = app
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap()
        .default_permissions;
    assert_eq!(defaults, [Permission::History].into_iter().collect());

    app.add_member("ann@acme.example", Role::Member);
    let mut ann = app.client();
    ann.login("ann@acme.example", PASSWORD).await;
    ann.get("/services").await;
    let refused = ann
        .post(
            &format!("/organisations/{}/default-permissions", org.id),
            &[("perm_users", "on")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

//! Device passwords from the address page: made by each user for themselves
//! and shown once, listed with their last use, revoked by their user or a
//! manager; the setup wizard makes one and hands Apple devices a profile.

use axum::http::StatusCode;
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{Permissions, Role};

use crate::helpers::{Client, PASSWORD, TestApp};

const PAGE: &str = "/services/acme.example/addresses/shared";

fn shown_secret(body: &str) -> String {
    let start = body
        .find("id=\"new-device-secret\">")
        .unwrap_or_else(|| panic!("no secret shown:\n{body}"))
        + "id=\"new-device-secret\">".len();
    body[start..].split('<').next().unwrap().to_owned()
}

fn login_with(app: &TestApp, secret: &str) -> MailLogin {
    app.app
        .directory()
        .check_login("shared@acme.example", secret, "imap", Some("127.0.0.9"))
        .unwrap()
}

async fn member(app: &TestApp, name: &str) -> Client {
    let id = app.add_member(&format!("{name}@acme.example"), Role::Member);
    app.share("acme.example", "shared", id, Permissions::none());
    let mut client = app.client();
    client
        .login(&format!("{name}@acme.example"), PASSWORD)
        .await;
    client.get(PAGE).await;
    client
}

#[tokio::test]
async fn a_user_makes_a_device_password_sees_it_once_and_revokes_it() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let mut ann = member(&app, "ann").await;
    let mut bob = member(&app, "bob").await;

    let made = ann
        .post(
            &format!("{PAGE}/devices"),
            &[("device-name", "Ann's phone")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let secret = shown_secret(&made.body);
    assert!(matches!(
        login_with(&app, &secret),
        MailLogin::Accepted {
            device: Some(_),
            ..
        }
    ));
    // Shown once: the page lists the device, never the secret again.
    let again = ann.get(PAGE).await;
    assert!(again.body.contains("Ann's phone"));
    assert!(!again.body.contains(&secret));
    // Bob does not see Ann's devices; the owner sees everyone's.
    assert!(!bob.get(PAGE).await.body.contains("Ann's phone"));
    let managed = owner.get(PAGE).await;
    assert!(managed.body.contains("Ann's phone") && managed.body.contains("ann@acme.example"));

    // Refused input changes nothing and says why.
    let empty = ann
        .post(&format!("{PAGE}/devices"), &[("device-name", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("give the device a name")
            || empty.body.contains("Give the device a name")
    );
    let control = ann
        .post(&format!("{PAGE}/devices"), &[("device-name", "a\u{7}b")])
        .await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    let days = ann
        .post(
            &format!("{PAGE}/devices"),
            &[("device-name", "Tablet"), ("device-days", "0")],
        )
        .await;
    assert_eq!(days.status, StatusCode::UNPROCESSABLE_ENTITY);
    let devices = || {
        app.app
            .devices()
            .device_passwords(
                &app.owner(),
                &mailroom::app::AddressRef::parse("acme.example", "shared").unwrap(),
            )
            .unwrap()
    };
    let rows = devices();
    assert_eq!(rows.len(), 1, "nothing but Ann's phone was made");
    let id = rows[0].credential.id;
    // The login above is written down at the next batch: when, how, from where.
    assert!(
        rows[0].credential.last_use.is_none(),
        "not before the batch"
    );
    assert_eq!(app.app.devices().record_device_uses().unwrap(), 1);
    let used = devices()[0]
        .credential
        .last_use
        .clone()
        .expect("the login was recorded");
    assert_eq!(
        (used.protocol.as_str(), used.ip.as_deref()),
        ("imap", Some("127.0.0.9"))
    );
    assert!(used.at >= mailroom::app::now() - 60);

    // Bob cannot revoke it; Ann can.
    let refused = bob.post(&format!("{PAGE}/devices/{id}/revoke"), &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        matches!(login_with(&app, &secret), MailLogin::Accepted { .. }),
        "Ann's phone still logs in"
    );
    let revoked = ann.post(&format!("{PAGE}/devices/{id}/revoke"), &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(login_with(&app, &secret), MailLogin::WrongPassword);

    let history = owner.get(&format!("{PAGE}/history")).await;
    assert!(history.body.contains("device.create"));
    assert!(history.body.contains("device.revoke"));
}

#[tokio::test]
async fn a_removed_user_loses_their_device_passwords() {
    let app = TestApp::new();
    let mut owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let mut ann = member(&app, "ann").await;
    let made = ann
        .post(&format!("{PAGE}/devices"), &[("device-name", "Phone")])
        .await;
    let secret = shown_secret(&made.body);
    let view = app
        .app
        .addresses()
        .address_view(
            app.owner().user,
            &mailroom::app::AddressRef::parse("acme.example", "shared").unwrap(),
        )
        .unwrap();
    let ann_user = view
        .users
        .iter()
        .find(|(u, _)| u.login.to_string() == "ann@acme.example")
        .unwrap()
        .0
        .id;
    owner.get(PAGE).await;
    let removed = owner
        .post(&format!("{PAGE}/users/{ann_user}/remove"), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(login_with(&app, &secret), MailLogin::WrongPassword);
    assert!(!owner.get(PAGE).await.body.contains(">Phone<"));
}

#[tokio::test]
async fn the_setup_wizard_makes_a_password_and_an_apple_profile() {
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let mut ann = member(&app, "ann").await;
    let choose = ann.get(&format!("{PAGE}/setup")).await;
    assert_eq!(choose.status, StatusCode::OK);
    assert!(choose.body.contains("Thunderbird") && choose.body.contains("iPhone"));

    let steps = ann
        .post(&format!("{PAGE}/setup"), &[("device", "iphone")])
        .await;
    assert_eq!(steps.status, StatusCode::OK, "{}", steps.body);
    let secret = shown_secret(&steps.body);
    assert!(steps.body.contains("<svg"), "a QR code");
    let start = steps.body.find("/profiles/").expect("profile link");
    let token: String = steps.body[start + "/profiles/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    // The phone opens it without a session.
    let mut phone = app.client_from("127.0.0.50");
    let profile = phone.get(&format!("/profiles/{token}")).await;
    assert_eq!(profile.status, StatusCode::OK);
    assert!(profile.body.contains("<key>IncomingPassword</key>"));
    assert!(profile.body.contains(&secret));
    assert_eq!(
        phone.get("/profiles/forged").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(matches!(
        login_with(&app, &secret),
        MailLogin::Accepted {
            device: Some(_),
            ..
        }
    ));

    let thunderbird = ann
        .post(&format!("{PAGE}/setup"), &[("device", "thunderbird")])
        .await;
    assert_eq!(thunderbird.status, StatusCode::OK);
    assert!(thunderbird.body.contains("finds the servers itself"));
    let bogus = ann
        .post(&format!("{PAGE}/setup"), &[("device", "toaster")])
        .await;
    assert_eq!(bogus.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// A device password lasts 1 to 3,650 days when it has an end: none other
/// is made (the use case checks, whatever the form sent).
#[tokio::test]
async fn a_device_password_lasts_between_a_day_and_ten_years() {
    use mailroom::app::{AddressRef, AppError, Rejection};
    use mailroom::model::DeviceName;
    let app = TestApp::new();
    let _owner = app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let owner = app.owner();
    app.share("acme.example", "shared", owner.user, Permissions::all());
    let shared = AddressRef::parse("acme.example", "shared").unwrap();
    let make = |days: Option<u32>| {
        app.app.devices().create_device_password(
            &owner,
            &shared,
            owner.user,
            DeviceName::parse("Phone").unwrap(),
            days,
        )
    };
    for refused in [Some(0), Some(3651), Some(u32::MAX)] {
        assert!(
            matches!(
                make(refused),
                Err(AppError::Rejected(Rejection::DeviceDays))
            ),
            "{refused:?}"
        );
    }
    for (days, lasts) in [
        (Some(1), Some(86_400)),
        (Some(3650), Some(315_360_000)),
        (None, None),
    ] {
        let made = make(days).unwrap().credential;
        assert_eq!(
            made.expires.map(|end| end - made.created),
            lasts,
            "{days:?}"
        );
    }
    let count = app
        .app
        .devices()
        .device_passwords(&owner, &shared)
        .unwrap()
        .len();
    assert_eq!(count, 3, "only the three valid ones were made");
}

/// A device password opens the address it was made for, for as long as it
/// lasts, and only as it was shown: not another address of the same user,
/// not the same id with another secret, not once expired.
#[tokio::test]
async fn a_device_password_opens_its_own_address_only_as_made() {
    let app = TestApp::new();
    drop(app.set_up().await);
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared", "other"]);
    let ann = app.add_member("ann@acme.example", Role::Member);
    for local in ["shared", "other"] {
        app.share("acme.example", local, ann, Permissions::none());
    }
    let made = app
        .app
        .devices()
        .create_device_password(
            &app.owner(),
            &mailroom::app::AddressRef::parse("acme.example", "shared").unwrap(),
            ann,
            mailroom::model::DeviceName::parse("Phone").unwrap(),
            None,
        )
        .unwrap();
    let secret = made.secret.display();
    let login = |address: &str, secret: &str| {
        app.app
            .directory()
            .check_login(address, secret, "imap", Some("127.0.0.9"))
            .unwrap()
    };
    let accepted = |answer: MailLogin| matches!(answer, MailLogin::Accepted { .. });
    let MailLogin::Accepted { user, .. } = login("shared@acme.example", &secret) else {
        panic!("the device password is refused");
    };
    // Dovecot finds the session's mail folder by the name it was given, and
    // nothing by a name no login hands out.
    let directory = app.app.directory();
    let home = directory.userdb(&user).unwrap().expect("a mail folder").0;
    let folder = app.stored("shared").unwrap().id.0;
    assert_eq!(home, format!("acme.example/{folder}"));
    for made_up in [
        "shared=x1@acme.example",
        "shared=d@acme.example",
        "shared=dx@acme.example",
    ] {
        assert_eq!(directory.userdb(made_up).unwrap(), None, "{made_up}");
    }
    assert!(
        !accepted(login("other@acme.example", &secret)),
        "another address"
    );

    // The same id, one character of the secret changed (to another of its
    // own characters: still a well-formed device password).
    let (_, random) = secret.split_once('-').unwrap();
    let last = random.chars().last().unwrap();
    let other = random.chars().find(|c| *c != last && *c != '-').unwrap();
    let tampered = format!("{}{other}", &secret[..secret.len() - 1]);
    assert!(mailroom::model::DeviceSecret::parse(&tampered).is_some());
    assert_ne!(tampered, secret);
    assert!(
        !accepted(login("shared@acme.example", &tampered)),
        "tampered"
    );

    let id = mailroom::model::DeviceSecret::parse(&secret).unwrap().id();
    app.app
        .store_for_tests()
        .write(|tx| {
            use mailroom::store::prelude::*;
            let mut credential = tx.credential(id)?.expect("credential");
            credential.expires = Some(mailroom::app::now() - 1);
            tx.put_credential(&credential)
        })
        .unwrap();
    assert!(!accepted(login("shared@acme.example", &secret)), "expired");
}

/// Purging a deleted address (its retention over) removes its device
/// passwords and sharing links with it: none is left naming an address
/// that is gone (`mailroom check` says so).
#[tokio::test]
async fn a_purged_address_takes_its_device_passwords_and_links_with_it() {
    use mailroom::store::prelude::*;
    let app = TestApp::with_settings(mailroom::app::AppSettings {
        deleted_retention: std::time::Duration::ZERO,
        ..mailroom::app::AppSettings::default()
    });
    app.set_up().await;
    app.add_service("acme.example");
    app.add_addresses("acme.example", &["shared"]);
    let owner = app.owner();
    app.share("acme.example", "shared", owner.user, Permissions::all());
    let target = mailroom::app::AddressRef::parse("acme.example", "shared").unwrap();
    app.app
        .devices()
        .create_device_password(
            &owner,
            &target,
            owner.user,
            mailroom::model::DeviceName::parse("phone").unwrap(),
            None,
        )
        .unwrap();
    app.app
        .sharing()
        .create_link(&owner, &target, Permissions::none(), 7)
        .unwrap();
    app.app
        .addresses()
        .delete_address(&owner, &target, PASSWORD, true)
        .unwrap();
    assert_eq!(app.app.operations().purge_expired_addresses().unwrap(), 1);
    let reader = app.app.store_for_tests().read().unwrap();
    assert!(reader.credentials_of_user(owner.user).unwrap().is_empty());
    assert!(reader.all_links().unwrap().is_empty());
    let report = mailroom::store::check::check(&reader).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

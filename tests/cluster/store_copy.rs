//! `mailroom store copy`: an installation moved from the redb file to
//! PostgreSQL and back keeps every record, and every secret that makes its
//! device passwords, tokens and Dovecot's configuration work.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use mailroom::App;
use mailroom::app::{
    AddressRef, AppSettings, ForWhom, NewAddress, NewToken, ShareMode, ShareWith, StoreAt,
};
use mailroom::config::InternalSecret;
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{DeviceName, Domain, EmailAddress, LocalPart, Password, Permissions, Scope};

fn mailroom(data: &Path, store: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mailroom"));
    command
        .args(args)
        .env("MAILROOM_DATA_DIR", data)
        .env("LANG", "C.UTF-8")
        .env_remove("MAILROOM_STORE")
        .stdin(Stdio::null());
    if let Some(url) = store {
        command.env("MAILROOM_STORE", url);
    }
    command.output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// An installation in a redb file: Acme, two addresses, a user with a
/// device password, a token, and the Dovecot secret in its file.
fn installed(dir: &Path) -> (String, String) {
    let config = mailroom::Config::new(dir.to_path_buf());
    let app = App::open(&config.database_path(), AppSettings::default()).unwrap();
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    app.accounts()
        .setup(
            "Acme",
            &owner,
            &Password::new("correct horse battery", None).unwrap(),
            None,
        )
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap().id;
    let actor = app.organisations().owner_of(org).unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    app.services()
        .add_service_vouched(&actor, org, &domain)
        .unwrap();
    for local in ["team", "info"] {
        app.addresses()
            .create_address(
                &actor,
                &domain,
                NewAddress {
                    local_part: LocalPart::parse(local).unwrap(),
                    for_whom: ForWhom::Multiple,
                    password: None,
                    forwarding: None,
                    display_name: None,
                    quota: None,
                },
            )
            .unwrap();
    }
    let team = AddressRef::parse("acme.example", "team").unwrap();
    app.sharing()
        .share_address(
            &actor,
            &team,
            ShareWith::Member(actor.user),
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let device = app
        .devices()
        .create_device_password(
            &actor,
            &team,
            actor.user,
            DeviceName::parse("Phone").unwrap(),
            None,
        )
        .unwrap();
    let (_, token) = app
        .tokens()
        .create_token(
            &actor,
            org,
            NewToken {
                name: "copy".into(),
                scope: Scope::Read,
                days: None,
                allow_from: Vec::new(),
            },
        )
        .unwrap();
    config.internal_secret(InternalSecret::Dovecot).unwrap();
    (token, device.secret.display())
}

/// The copy answers as the original did: the token, the device password
/// and the Dovecot secret.
fn answers_as_before(app: &App, token: &str, device: &str) {
    app.tokens().authenticate_token(token, None).unwrap();
    let checked = app
        .directory()
        .check_device("team@acme.example", device, "imap", None)
        .unwrap();
    assert!(
        matches!(checked, Some(MailLogin::Accepted { .. })),
        "{checked:?}"
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn an_installation_copied_to_postgresql_and_back_keeps_every_record_and_secret() {
    let first = tempfile::tempdir().unwrap();
    let (token, device) = installed(first.path());
    let file = mailroom::Config::new(first.path().to_path_buf()).database_path();
    let dovecot = std::fs::read_to_string(first.path().join("dovecot.secret")).unwrap();
    let url = mailroom::store::pg::test_database();

    let copied = mailroom(
        first.path(),
        None,
        &[
            "store",
            "copy",
            "--from",
            file.to_str().unwrap(),
            "--to",
            &url,
        ],
    );
    assert!(copied.status.success(), "{}", text(&copied));
    let said = text(&copied);
    assert!(said.contains("addresses: 2 → 2"), "{said}");
    assert!(said.contains("credentials: 1 → 1"), "{said}");
    let checked = mailroom(first.path(), Some(&url), &["check"]);
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(text(&checked).contains("addresses 2"), "{}", text(&checked));
    {
        let pg = App::open_at(&StoreAt::Postgres(url.clone()), AppSettings::default()).unwrap();
        answers_as_before(&pg, &token, &device);
        let shared = pg.operations().shared_secret("dovecot.secret").unwrap();
        assert_eq!(
            shared.as_deref(),
            Some(dovecot.trim()),
            "Dovecot's configuration still holds"
        );
    }

    // Copying again into the database that now holds it: refused.
    let again = mailroom(
        first.path(),
        None,
        &[
            "store",
            "copy",
            "--from",
            file.to_str().unwrap(),
            "--to",
            &url,
        ],
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("already holds"), "{}", text(&again));

    // And back into a new file, beside which the secrets are written.
    let second = tempfile::tempdir().unwrap();
    let back = mailroom::Config::new(second.path().to_path_buf()).database_path();
    let copied = mailroom(
        second.path(),
        None,
        &[
            "store",
            "copy",
            "--from",
            &url,
            "--to",
            back.to_str().unwrap(),
        ],
    );
    assert!(copied.status.success(), "{}", text(&copied));
    let checked = mailroom(second.path(), None, &["check"]);
    assert!(checked.status.success(), "{}", text(&checked));
    assert_eq!(
        std::fs::read_to_string(second.path().join("dovecot.secret"))
            .unwrap()
            .trim(),
        dovecot.trim()
    );
    let copy = App::open(&back, AppSettings::default()).unwrap();
    answers_as_before(&copy, &token, &device);
    drop(copy);

    // Onto a file that exists: refused, the file untouched.
    let before = std::fs::read(&back).unwrap();
    let onto = mailroom(
        second.path(),
        None,
        &[
            "store",
            "copy",
            "--from",
            &url,
            "--to",
            back.to_str().unwrap(),
        ],
    );
    assert!(!onto.status.success());
    assert_eq!(std::fs::read(&back).unwrap(), before);
}

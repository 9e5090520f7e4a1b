//! Who the mail server lets in: an address by its own name, never by one of
//! its aliases, and never once it is deleted (while its name is reserved).

use mailroom::app::{AddressRef, ForWhom, NewAddress};
use mailroom::mailserver::mail_login::MailLogin;
use mailroom::model::{Domain, LocalPart, Password};

use super::helpers::{PASSWORD, TestApp};

const MAIL_PASSWORD: &str = "the mailbox's own long password";

#[tokio::test]
async fn an_alias_or_a_deleted_address_cannot_log_in() {
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    let domain = Domain::parse("acme.example").unwrap();
    let new = NewAddress {
        local_part: LocalPart::parse("ann").unwrap(),
        for_whom: ForWhom::Multiple,
        password: Some(Password::new(MAIL_PASSWORD, None).unwrap()),
        forwarding: None,
        display_name: None,
        quota: None,
    };
    app.app.create_address(&app.owner(), &domain, new).unwrap();
    let target = AddressRef::parse("acme.example", "ann").unwrap();
    app.app
        .add_alias(&app.owner(), &target, &LocalPart::parse("sales").unwrap())
        .unwrap();
    let login = |name: &str| {
        app.app
            .directory()
            .check_login(name, MAIL_PASSWORD, "imap", None)
            .unwrap()
    };
    assert!(matches!(
        login("ann@acme.example"),
        MailLogin::Accepted { .. }
    ));
    assert_eq!(login("sales@acme.example"), MailLogin::UnknownLogin);

    app.app
        .delete_address(&app.owner(), &target, PASSWORD, true)
        .unwrap();
    assert!(app.stored("ann").is_some(), "kept, restorable");
    assert_eq!(login("ann@acme.example"), MailLogin::UnknownLogin);
}

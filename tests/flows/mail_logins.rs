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
    app.app
        .addresses()
        .create_address(&app.owner(), &domain, new)
        .unwrap();
    let target = AddressRef::parse("acme.example", "ann").unwrap();
    app.app
        .addresses()
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
        .addresses()
        .delete_address(&app.owner(), &target, PASSWORD, true)
        .unwrap();
    assert!(app.stored("ann").is_some(), "kept, restorable");
    assert_eq!(login("ann@acme.example"), MailLogin::UnknownLogin);
}

/// Dovecot is told each mailbox's quota: the address's own, else its
/// service's default, found by name or (deliveries) by the address's id,
/// and never another service's address by its id.
#[tokio::test]
async fn dovecot_is_told_each_mailboxs_own_quota_or_its_services() {
    use mailroom::model::Quota;
    let app = TestApp::new();
    app.set_up().await;
    app.add_service("acme.example");
    app.add_service("other.example");
    let ids = app.add_addresses("acme.example", &["ann", "bob"]);
    let cat = app.add_addresses("other.example", &["cat"])[0];
    let owner = app.owner();
    let mb = |n| Some(Quota::megabytes(n).unwrap());
    let acme = Domain::parse("acme.example").unwrap();
    app.app
        .services()
        .set_default_quota(&owner, &acme, mb(100))
        .unwrap();
    for (domain, local, quota) in [("acme.example", "ann", 5), ("other.example", "cat", 1)] {
        let target = AddressRef::parse(domain, local).unwrap();
        app.app
            .addresses()
            .set_quota(&owner, &target, mb(quota))
            .unwrap();
    }
    let quota = |user: &str| app.app.directory().userdb(user).unwrap().map(|(_, q)| q);
    assert_eq!(quota("ann@acme.example"), Some(mb(5)));
    assert_eq!(quota("bob@acme.example"), Some(mb(100)));
    assert_eq!(quota(&format!("x=a{}@acme.example", ids[0].0)), Some(mb(5)));
    // Another service's address by its id: this service's default, not its quota.
    assert_eq!(quota(&format!("x=a{}@acme.example", cat.0)), Some(mb(100)));
}

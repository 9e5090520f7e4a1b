//! A deleted organisation at the real mail server: its open sessions end
//! at once, its logins fail, mail to its domain is refused; past its
//! retention, its mailboxes are emptied by doveadm, and its domain, free
//! again, works for the organisation that adds it next.

use std::time::{Duration, Instant};

use mailroom::app::OperatorActor;
use mailroom::model::{AddressKind, Domain, EmailAddress};
use mailroom::store::prelude::*;

use super::clients::{OpenImap, imap_login_status, send, wait_for};
use super::stack::{DOMAIN, Stack};
use super::{ONE_AT_A_TIME, P1, count_messages, email, wanted};

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn a_deleted_organisation_is_refused_by_the_mail_server_and_emptied_when_purged() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Purged as soon as the sweep runs, to see its mailboxes emptied.
    let stack = Stack::start_with(|config| config.deleted_retention = Duration::ZERO);
    let (imap, smtp) = (stack.ports.imap, stack.ports.smtp);
    let otto = email("otto");
    stack.create("otto", AddressKind::Standard, Some(P1), None);
    send(
        smtp,
        "someone@outside.example",
        &[&otto],
        "before the deletion",
    )
    .unwrap_or_else(|e| panic!("mail before the deletion: {e:?}\n{}", stack.logs()));
    assert!(wait_for(imap, &otto, P1, "before the deletion"));
    let id = stack
        .app
        .addresses()
        .address_view(stack.owner.user, &stack.view("otto"))
        .expect("otto")
        .address
        .id;
    let home = stack
        .root
        .path()
        .join("mail")
        .join(DOMAIN)
        .join(id.to_string());
    assert!(count_messages(&home) >= 1, "{}", home.display());
    let mut open = OpenImap::login(imap, "127.0.1.41", &otto, P1).expect("otto in");

    let org = stack
        .app
        .organisations()
        .organisation_named(None)
        .expect("org")
        .id;
    stack
        .app
        .operators()
        .delete_organisation(OperatorActor::CommandLine, org, "", true)
        .expect("delete");
    assert!(
        open.closed_within(Duration::from_secs(2)),
        "the open session survived the deletion\n{}",
        stack.logs()
    );
    let status = imap_login_status(imap, "127.0.1.42", &otto, P1);
    assert!(
        status.starts_with("NO [AUTHENTICATIONFAILED]"),
        "a login after the deletion: {status}\n{}",
        stack.logs()
    );
    let refused = send(
        smtp,
        "someone@outside.example",
        &[&otto],
        "after the deletion",
    );
    assert!(
        refused.is_err(),
        "Postfix took mail for a deleted organisation\n{}",
        stack.logs()
    );

    assert_eq!(
        stack
            .app
            .operations()
            .purge_expired_organisations()
            .expect("purge"),
        1
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while count_messages(&home) > 0 {
        assert!(
            Instant::now() < deadline,
            "its mailbox was not emptied: {}\n{}",
            home.display(),
            stack.logs()
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // Its domain is free: another organisation adds it, and mail flows.
    let owner = EmailAddress::parse("owner@example.org").expect("login");
    let login = stack
        .app
        .store_for_tests()
        .read()
        .expect("read")
        .user(stack.owner.user)
        .expect("user")
        .map_or(owner, |u| u.login);
    let again = stack
        .app
        .operators()
        .create_organisation(OperatorActor::CommandLine, "Again", &login)
        .expect("a new organisation");
    stack
        .app
        .services()
        .add_service_vouched(
            &stack.owner,
            again.id,
            &Domain::parse(DOMAIN).expect("domain"),
        )
        .expect("its domain is free");
    stack.create("otto", AddressKind::Standard, Some(P1), None);
    send(smtp, "someone@outside.example", &[&otto], "to the new otto")
        .unwrap_or_else(|e| panic!("mail to the domain taken again: {e:?}\n{}", stack.logs()));
    assert!(wait_for(imap, &otto, P1, "to the new otto"));
}

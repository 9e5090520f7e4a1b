//! A suspended organisation's addresses, at the real mail server: a login
//! with the right password gets a temporary failure (mail programs keep the
//! account and try again), mail sent to them still arrives, and once the
//! suspension is lifted the login works and finds it.

use mailroom::app::OperatorActor;
use mailroom::model::AddressKind;

use super::clients::{imap_login, imap_login_status, send, wait_for};
use super::{ONE_AT_A_TIME, P1, email, stack::Stack, wanted};

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn a_suspended_organisations_address_receives_but_its_logins_wait() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let stack = Stack::start();
    let (imap, smtp) = (stack.ports.imap, stack.ports.smtp);
    stack.create("otto", AddressKind::Standard, Some(P1), None);
    assert!(imap_login(imap, "127.0.0.1", &email("otto"), P1));

    let org = stack
        .app
        .organisations()
        .organisation_named(None)
        .expect("org")
        .id;
    let by = OperatorActor::CommandLine;
    stack
        .app
        .operators()
        .suspend(by, org, "unpaid invoice")
        .expect("suspend");
    let status = imap_login_status(imap, "127.0.0.1", &email("otto"), P1);
    assert!(
        status.starts_with("NO [UNAVAILABLE]"),
        "a login while suspended: {status}\n{}",
        stack.logs()
    );
    // A wrong password is still a wrong password.
    let wrong = imap_login_status(imap, "127.0.0.1", &email("otto"), "not the password");
    assert!(wrong.starts_with("NO [AUTHENTICATIONFAILED]"), "{wrong}");
    send(
        smtp,
        "someone@outside.example",
        &[&email("otto")],
        "while suspended",
    )
    .unwrap_or_else(|e| panic!("mail to a suspended organisation: {e:?}\n{}", stack.logs()));

    stack.app.operators().resume(by, org).expect("resume");
    assert!(
        wait_for(imap, &email("otto"), P1, "while suspended"),
        "the mail that came while suspended is there\n{}",
        stack.logs()
    );
}

//! Mailroom unreachable: the mail server must neither lose nor refuse mail
//! for good, nor tell a person their password is wrong. Postfix answers a
//! temporary failure (the sender keeps the message and retries) and keeps
//! what it already took in its queue; Dovecot answers a temporary
//! authentication failure; once Mailroom is back the queued message
//! arrives and the login works.

use std::process::{Command, Stdio};

use mailroom::model::AddressKind;

use super::clients::{imap_login, imap_login_status, send, wait_for};
use super::{ONE_AT_A_TIME, P1, email, stack::Stack, wanted};

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn with_mailroom_stopped_mail_waits_and_logins_fail_for_now_then_both_go_on() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut stack = Stack::start();
    let (imap, smtp) = (stack.ports.imap, stack.ports.smtp);
    stack.create("otto", AddressKind::Standard, Some(P1), None);
    stack.stop_mailroom();

    // Dovecot: not "wrong password", which a mail program would show as
    // such and stop trying.
    let status = imap_login_status(imap, "127.0.0.1", &email("otto"), P1);
    assert!(
        status.starts_with("NO [UNAVAILABLE]"),
        "a login while Mailroom is away: {status}\n{}",
        stack.logs()
    );
    // Postfix over SMTP: a temporary failure at the recipient, never 5xx.
    let refused = send(
        smtp,
        "someone@outside.example",
        &[&email("otto")],
        "while away",
    );
    match refused {
        Err((stage, (code, text))) => assert!(
            (400..500).contains(&code),
            "{stage}: {code} {text}\n{}",
            stack.logs()
        ),
        Ok(()) => panic!("Postfix accepted mail it could not look up"),
    }
    // What Postfix has already taken waits in its queue.
    let message = format!(
        "From: someone@outside.example\nTo: {}\nSubject: queued while away\n\nHeld, not lost.\n",
        email("otto")
    );
    let mut sendmail = Command::new("/usr/sbin/sendmail")
        .arg("-C")
        .arg(stack.postfix_dir())
        .args(["-f", "someone@outside.example", &email("otto")])
        .stdin(Stdio::piped())
        .spawn()
        .expect("sendmail");
    std::io::Write::write_all(
        &mut sendmail.stdin.take().expect("stdin"),
        message.as_bytes(),
    )
    .expect("message");
    assert!(sendmail.wait().expect("sendmail").success());

    stack.start_mailroom();
    // Postfix tries its deferred mail again later on its own; the test
    // asks it to now, until the message is in (a lookup that failed may
    // be remembered a few seconds).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut arrived = false;
    while !arrived && std::time::Instant::now() < deadline {
        let flushed = Command::new("/usr/sbin/postqueue")
            .arg("-c")
            .arg(stack.postfix_dir())
            .arg("-f")
            .status()
            .expect("postqueue");
        assert!(flushed.success());
        arrived = wait_for_within(&stack, 2);
    }
    assert!(
        arrived && wait_for(imap, &email("otto"), P1, "queued while away"),
        "the queued message arrives once Mailroom is back\n{}",
        stack.logs()
    );
    assert!(imap_login(imap, "127.0.0.1", &email("otto"), P1));
}

/// Whether the queued message is in otto's mailbox within `seconds`.
fn wait_for_within(stack: &Stack, seconds: u64) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while std::time::Instant::now() < deadline {
        if super::clients::subjects(stack.ports.imap, &email("otto"), P1)
            .iter()
            .any(|s| s == "queued while away")
        {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    false
}

//! Out-of-office replies through the real stack: the reply saved in
//! Mailroom is installed in the mailbox by its job (doveadm `sievePut`),
//! and Dovecot's Sieve `vacation` answers mail Postfix delivers: once per
//! sender within the period, never to a list's or bulk mail, not before its
//! start nor after its end (when its job takes it out again), and no more
//! once it is turned off.

use std::path::Path;
use std::time::{Duration, Instant};

use mailroom::app::{AddressRef, AutoReplyChange, ForWhom, NewAddress};
use mailroom::model::{Domain, EmailAddress, LocalPart, Password, ReplyTime};

use super::clients::{Smtp, flags_of, inbox_text, subjects};
use super::stack::{DOMAIN, Stack};

const SUBJECT: &str = "Away until Monday";

fn wait_until(what: &str, stack: &Stack, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "{what}\n{}", stack.logs());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sends one message with its own Message-ID (how Dovecot's log names it)
/// and any extra header lines.
fn send(stack: &Stack, from: &str, to: &str, id: &str, extra: &str) {
    let mut smtp = Smtp::connect(stack.ports.smtp, "127.0.0.1");
    let message = format!(
        "From: <{from}>\r\nTo: <{to}>\r\nSubject: Question {id}\r\nMessage-ID: <{id}@test.example>\r\n{extra}\r\nIs Ann in?\r\n."
    );
    smtp.send_message(from, &[to], &message)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
}

/// The same, its To: header naming `header_to` while it goes to `to`.
fn send_to(stack: &Stack, from: &str, to: &str, header_to: &str, id: &str) {
    let mut smtp = Smtp::connect(stack.ports.smtp, "127.0.0.1");
    let message = format!(
        "From: <{from}>\r\nTo: <{header_to}>\r\nSubject: Question {id}\r\nMessage-ID: <{id}@test.example>\r\n\r\nIs Ann in?\r\n."
    );
    smtp.send_message(from, &[to], &message)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
}

/// Dovecot's log lines about message `id`.
fn said_of(stack: &Stack, id: &str) -> Vec<String> {
    let log =
        std::fs::read_to_string(stack.root.path().join("dovecot/dovecot.log")).unwrap_or_default();
    let name = format!("msgid=<{id}@test.example>");
    log.lines()
        .filter(|l| l.contains(&name))
        .map(str::to_owned)
        .collect()
}

/// Waits until message `id` is stored, then gives what was logged of it.
fn delivered(stack: &Stack, id: &str) -> String {
    wait_until(&format!("message {id} was not delivered"), stack, || {
        said_of(stack, id).iter().any(|l| {
            // With a script, Sieve's words; without one, LMTP's.
            l.contains("stored mail into mailbox 'INBOX'") || l.contains("saved mail to INBOX")
        })
    });
    said_of(stack, id).join("\n")
}

fn make(stack: &Stack, local: &str) -> mailroom::model::Address {
    let email = EmailAddress::parse(&format!("{local}@{DOMAIN}")).unwrap();
    stack
        .app
        .addresses()
        .create_address(
            &stack.owner,
            &Domain::parse(DOMAIN).unwrap(),
            NewAddress {
                local_part: LocalPart::parse_mailbox(local).unwrap(),
                for_whom: ForWhom::Me,
                password: Some(Password::new(super::P1, Some(&email)).unwrap()),
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap()
}

fn reply(start: Option<i64>, end: Option<i64>) -> AutoReplyChange {
    AutoReplyChange {
        enabled: true,
        subject: SUBJECT.into(),
        message: "Ann is away; Bob answers in the meantime.\nBest regards".into(),
        start: start.map(ReplyTime::At),
        end: end.map(ReplyTime::At),
        days: 7,
        only_own_domains: false,
    }
}

fn script_of(stack: &Stack, home: &str) -> Option<String> {
    std::fs::read_to_string(
        Path::new(&stack.root.path().join("mail").join(home)).join("sieve/mailroom.sieve"),
    )
    .ok()
}

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn an_out_of_office_reply_answers_once_and_only_when_it_should() {
    super::wanted();
    let _one = super::ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let stack = Stack::start();
    let domain = Domain::parse(DOMAIN).unwrap();
    let away = make(&stack, "away");
    // Answered senders are hosted here: the stack sends no mail out.
    for local in ["sender", "client", "inside", "window"] {
        make(&stack, local);
    }
    let [client, inside, window] = ["client", "inside", "window"].map(|l| format!("{l}@{DOMAIN}"));
    let (away_login, sender) = (format!("away@{DOMAIN}"), format!("sender@{DOMAIN}"));
    let home = away.mail_home(&domain);
    let target = AddressRef::parse(DOMAIN, "away").unwrap();
    let set = |change: AutoReplyChange| {
        stack
            .app
            .addresses()
            .set_auto_reply(&stack.owner, &target, &change)
            .unwrap()
    };
    let script = || script_of(&stack, &home).unwrap_or_default();

    // On: its job puts the script into the mailbox.
    set(reply(None, None));
    wait_until("the reply was not installed", &stack, || {
        script().contains("vacation")
    });

    // A message from the sender: exactly one reply, as written.
    send(&stack, &sender, &away_login, "m1", "");
    assert!(
        delivered(&stack, "m1").contains("sent vacation response"),
        "{}",
        stack.logs()
    );
    wait_until("no reply reached the sender", &stack, || {
        subjects(stack.ports.imap, &sender, super::P1)
            .iter()
            .any(|s| s == SUBJECT)
    });
    let text = inbox_text(stack.ports.imap, &sender, super::P1);
    assert!(
        text.contains("Ann is away; Bob answers in the meantime."),
        "{text}"
    );
    assert!(text.contains("Auto-Submitted: auto-replied"), "{text}");
    assert!(
        text.contains(&format!("From: <{away_login}>"))
            || text.contains(&format!("From: {away_login}")),
        "{text}"
    );

    // Again within the period: none.
    send(&stack, &sender, &away_login, "m2", "");
    let said = delivered(&stack, "m2");
    assert!(
        said.contains("discarded duplicate vacation response"),
        "{said}"
    );
    // A list's message and a bulk one, each from a sender not yet answered: none.
    send(
        &stack,
        "news@lists.example",
        &away_login,
        "m3",
        "List-Id: <news.lists.example>\r\n",
    );
    let said = delivered(&stack, "m3");
    assert!(
        said.contains("mailinglist") && !said.contains("sent vacation"),
        "{said}"
    );
    send(
        &stack,
        "offers@shop.example",
        &away_login,
        "m4",
        "Precedence: bulk\r\n",
    );
    let said = delivered(&stack, "m4");
    assert!(
        said.contains("precedence=bulk") && !said.contains("sent vacation"),
        "{said}"
    );

    // Automatic mail, a sender who reads no replies, and mail not addressed
    // to the address (it is only in Bcc): none.
    send(
        &stack,
        "robot@shop.example",
        &away_login,
        "m4a",
        "Auto-Submitted: auto-generated\r\n",
    );
    let said = delivered(&stack, "m4a");
    assert!(
        said.contains("auto-submitted") && !said.contains("sent vacation"),
        "{said}"
    );
    send(&stack, "No-Reply@shop.example", &away_login, "m4b", "");
    let said = delivered(&stack, "m4b");
    assert!(!said.contains("vacation"), "{said}");
    send_to(
        &stack,
        "bcc@elsewhere.example",
        &away_login,
        "team@elsewhere.example",
        "m4c",
    );
    let said = delivered(&stack, "m4c");
    assert!(
        said.contains("implicitly delivered") && !said.contains("sent vacation"),
        "{said}"
    );

    // An alias added while the reply is on: installed again with it, and
    // mail to the alias answered.
    let alias = mailroom::model::LocalPart::parse_mailbox("vacances").unwrap();
    stack
        .app
        .addresses()
        .add_alias(&stack.owner, &target, &alias)
        .unwrap();
    wait_until("the alias was not installed", &stack, || {
        script().contains("vacances@")
    });
    let vacances = format!("vacances@{DOMAIN}");
    send_to(&stack, &client, &vacances, &vacances, "m4d");
    let said = delivered(&stack, "m4d");
    assert!(said.contains("sent vacation response"), "{said}");

    // Only the organisation's domains: an outside sender gets none, an
    // inside one a reply.
    set(AutoReplyChange {
        only_own_domains: true,
        ..reply(None, None)
    });
    wait_until("only own domains was not installed", &stack, || {
        script().contains(&format!("envelope :domain :is \"from\" [\"{DOMAIN}\"]"))
    });
    // A domain the organisation adds is one of its own at once.
    let org = stack.app.organisations().organisation_named(None).unwrap();
    stack
        .app
        .services()
        .add_service_vouched(
            &stack.owner,
            org.id,
            &Domain::parse("second.example").unwrap(),
        )
        .unwrap();
    wait_until("the new domain was not installed", &stack, || {
        script().contains("\"second.example\"")
    });
    let second = stack
        .app
        .addresses()
        .create_address(
            &stack.owner,
            &Domain::parse("second.example").unwrap(),
            NewAddress {
                local_part: LocalPart::parse_mailbox("colleague").unwrap(),
                for_whom: ForWhom::Me,
                password: None,
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
    assert!(second.is_active());
    send(&stack, "colleague@second.example", &away_login, "m4h", "");
    let said = delivered(&stack, "m4h");
    assert!(said.contains("sent vacation response"), "{said}");
    send(&stack, "outside@elsewhere.example", &away_login, "m4e", "");
    let said = delivered(&stack, "m4e");
    assert!(!said.contains("vacation"), "{said}");
    send(&stack, &inside, &away_login, "m4f", "");
    let said = delivered(&stack, "m4f");
    assert!(said.contains("sent vacation response"), "{said}");

    // Within its start and end: answered; a script of the user's own (as
    // ManageSieve would keep it) runs after Mailroom's.
    let sieve_home = stack.root.path().join("mail").join(&home);
    std::fs::write(
        sieve_home.join("sieve/mine.sieve"),
        "require [\"imap4flags\"];\naddflag \"\\\\Flagged\";\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("sieve/mine.sieve", sieve_home.join(".dovecot.sieve")).unwrap();
    let status = std::process::Command::new("chown")
        .args(["-R", "5000:5000"])
        .arg(&sieve_home)
        .status()
        .unwrap();
    assert!(status.success());
    let now = mailroom::app::now();
    set(reply(Some(now - 60), Some(now + 3600)));
    wait_until("the window was not installed", &stack, || {
        script().contains("\"lt\"")
    });
    send(&stack, &window, &away_login, "m4g", "");
    let said = delivered(&stack, "m4g");
    assert!(said.contains("sent vacation response"), "{said}");
    let flags = flags_of(stack.ports.imap, &away_login, super::P1, "Question m4g");
    assert!(
        flags.contains("\\Flagged"),
        "the user's own script ran: {flags}"
    );

    // Starting tomorrow: none yet.
    let now = mailroom::app::now();
    set(reply(Some(now + 86_400), None));
    wait_until("the later start was not installed", &stack, || {
        script().contains("\"ge\"")
    });
    send(&stack, "early@elsewhere.example", &away_login, "m5", "");
    let said = delivered(&stack, "m5");
    assert!(!said.contains("vacation"), "{said}");

    // Ending in a few seconds: its end's job takes it out; none after.
    set(reply(None, Some(mailroom::app::now() + 3)));
    wait_until("the end was not installed", &stack, || {
        script().contains("\"lt\"")
    });
    wait_until("the reply was not taken out at its end", &stack, || {
        script_of(&stack, &home).is_none()
    });
    send(&stack, "late@elsewhere.example", &away_login, "m6", "");
    let said = delivered(&stack, "m6");
    assert!(!said.contains("vacation"), "{said}");

    // On again, then off: none once off.
    set(reply(None, None));
    wait_until("the reply was not installed again", &stack, || {
        script().contains("vacation")
    });
    stack
        .app
        .addresses()
        .turn_off_auto_reply(&stack.owner, &target)
        .unwrap();
    wait_until("the reply was not taken out", &stack, || {
        script_of(&stack, &home).is_none()
    });
    send(&stack, "after@elsewhere.example", &away_login, "m7", "");
    let said = delivered(&stack, "m7");
    assert!(!said.contains("vacation"), "{said}");

    // One reply in all reached the sender.
    let replies = subjects(stack.ports.imap, &sender, super::P1)
        .into_iter()
        .filter(|s| s == SUBJECT)
        .count();
    assert_eq!(replies, 1, "{}", stack.logs());
}

//! Real mailboxes: addresses made through Mailroom's use cases log in over
//! IMAP, receive mail through Postfix, and follow aliases, forwarding, the
//! catch-all, no-reply, password changes, deletion and restore, against the
//! real Postfix and Dovecot. Runs when `MAILROOM_MAILSTACK=1` (scripts/test
//! installs the servers and sets it).

#[path = "../support/needs.rs"]
mod needs;

mod auto_reply;
mod clients;
mod devices;
mod dkim;
#[path = "../dns/knot.rs"]
mod knot;
mod org_deletion;
mod outage;
#[path = "../support/ports.rs"]
mod ports;
mod quota;
mod stack;
mod suspension;
mod two_nodes;
#[path = "../support/web_session.rs"]
mod web_session;

/// One stack at a time: each runs a Postfix and a Dovecot of its own.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Fails the test unless the real mail servers may be started here.
fn wanted() {
    needs::flag(
        "MAILROOM_MAILSTACK",
        "the tests against Postfix and Dovecot",
    );
}

use mailroom::app::{AddressRef, NewAddress};
use mailroom::model::{AddressKind, Forwarding};
use mailroom::model::{Domain, EmailAddress, LocalPart, Password};

use clients::{Smtp, imap_login, send, subjects, wait_for};
use stack::{DOMAIN, Stack};

const P1: &str = "first mailbox password";
const P2: &str = "second mailbox password";

fn email(local: &str) -> String {
    format!("{local}@{DOMAIN}")
}

impl Stack {
    fn create(
        &self,
        local: &str,
        kind: AddressKind,
        password: Option<&str>,
        forwarding: Option<Forwarding>,
    ) {
        let domain = Domain::parse(DOMAIN).expect("domain");
        let login = EmailAddress::parse(&email(local)).expect("email");
        self.app
            .addresses()
            .create_address(
                &self.owner,
                &domain,
                NewAddress {
                    local_part: LocalPart::parse_mailbox(local).expect("local"),
                    for_whom: match kind {
                        AddressKind::Standard => mailroom::app::ForWhom::Multiple,
                        AddressKind::NoReply => mailroom::app::ForWhom::NoReply,
                        AddressKind::CatchAll => mailroom::app::ForWhom::CatchAll,
                    },
                    password: password.map(|p| Password::new(p, Some(&login)).expect("password")),
                    forwarding,
                    display_name: None,
                    quota: None,
                },
            )
            .expect("create");
    }

    /// The address as the use cases name it.
    fn view(&self, local: &str) -> AddressRef {
        AddressRef::parse(DOMAIN, local).expect("address")
    }
}

fn forward_to(local: &str, keep_copy: bool) -> Option<Forwarding> {
    Some(Forwarding {
        to: EmailAddress::parse(&email(local)).expect("target"),
        keep_copy,
    })
}

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn addresses_made_in_mailroom_are_real_mailboxes() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let stack = Stack::start();
    let (imap, smtp, submission) = (stack.ports.imap, stack.ports.smtp, stack.ports.submission);

    // A new address logs in with its password, and only with it.
    stack.create("alice", AddressKind::Standard, Some(P1), None);
    assert!(
        imap_login(imap, "127.0.0.1", &email("alice"), P1),
        "alice logs in"
    );
    assert!(
        !imap_login(imap, "127.0.1.2", &email("alice"), "not the password"),
        "a wrong password fails"
    );

    // Mail sent over SMTP is read back over IMAP.
    send(
        smtp,
        "someone@outside.example",
        &[&email("alice")],
        "hello alice",
    )
    .expect("accepted");
    assert!(
        wait_for(imap, &email("alice"), P1, "hello alice"),
        "delivered to alice\n{}",
        stack.logs()
    );

    // An alias delivers to its address.
    stack.create("bob", AddressKind::Standard, Some(P1), None);
    stack
        .app
        .addresses()
        .add_alias(
            &stack.owner,
            &stack.view("bob"),
            &LocalPart::parse("robert").expect("alias"),
        )
        .expect("alias");
    send(
        smtp,
        "someone@outside.example",
        &[&email("robert")],
        "to robert",
    )
    .expect("accepted");
    assert!(
        wait_for(imap, &email("bob"), P1, "to robert"),
        "the alias reached bob\n{}",
        stack.logs()
    );

    // Forwarding without a copy, then with one.
    stack.create(
        "carol",
        AddressKind::Standard,
        Some(P1),
        forward_to("alice", false),
    );
    send(
        smtp,
        "someone@outside.example",
        &[&email("carol")],
        "forwarded away",
    )
    .expect("accepted");
    assert!(
        wait_for(imap, &email("alice"), P1, "forwarded away"),
        "forwarded to alice\n{}",
        stack.logs()
    );
    assert!(
        !subjects(imap, &email("carol"), P1).contains(&"forwarded away".to_owned()),
        "no copy kept"
    );
    stack
        .app
        .addresses()
        .set_forwarding(
            &stack.owner,
            &stack.view("carol"),
            forward_to("alice", true),
        )
        .expect("keep a copy");
    send(
        smtp,
        "someone@outside.example",
        &[&email("carol")],
        "forwarded with a copy",
    )
    .expect("accepted");
    assert!(wait_for(imap, &email("alice"), P1, "forwarded with a copy"));
    assert!(
        wait_for(imap, &email("carol"), P1, "forwarded with a copy"),
        "the copy is kept"
    );

    // The catch-all gets unknown names; a real address keeps its own mail.
    stack.create("catchall", AddressKind::CatchAll, Some(P1), None);
    send(
        smtp,
        "someone@outside.example",
        &[&email("nobody-here")],
        "to an unknown name",
    )
    .expect("accepted");
    assert!(
        wait_for(imap, &email("catchall"), P1, "to an unknown name"),
        "caught\n{}",
        stack.logs()
    );
    send(
        smtp,
        "someone@outside.example",
        &[&email("alice")],
        "for alice only",
    )
    .expect("accepted");
    assert!(wait_for(imap, &email("alice"), P1, "for alice only"));
    assert!(!subjects(imap, &email("catchall"), P1).contains(&"for alice only".to_owned()));

    // A no-reply address refuses mail at RCPT, saying why.
    stack.create("no-reply", AddressKind::NoReply, Some(P1), None);
    let refused = send(
        smtp,
        "someone@outside.example",
        &[&email("no-reply")],
        "to no-reply",
    )
    .expect_err("refused");
    assert!(refused.0.starts_with("RCPT"), "{refused:?}");
    assert_eq!(refused.1.0 / 100, 5, "{refused:?}");
    assert!(
        refused.1.1.contains("does not receive mail (no-reply)"),
        "{refused:?}"
    );

    // A new password replaces the old one at once.
    let login = EmailAddress::parse(&email("alice")).expect("email");
    stack
        .app
        .addresses()
        .change_address_password(
            &stack.owner,
            &stack.view("alice"),
            &Password::new(P2, Some(&login)).expect("pw"),
        )
        .expect("change");
    assert!(
        !imap_login(imap, "127.0.1.3", &email("alice"), P1),
        "the old password fails"
    );
    assert!(
        imap_login(imap, "127.0.0.1", &email("alice"), P2),
        "the new one works"
    );

    // Deleted: login and mail stop at once (the catch-all does not take it).
    stack
        .app
        .addresses()
        .delete_address(&stack.owner, &stack.view("alice"), "owner password 1", true)
        .expect("delete");
    assert!(
        !imap_login(imap, "127.0.1.4", &email("alice"), P2),
        "a deleted address cannot log in"
    );
    let gone = send(
        smtp,
        "someone@outside.example",
        &[&email("alice")],
        "after deletion",
    )
    .expect_err("refused");
    assert!(
        gone.0.starts_with("RCPT") && gone.1.0 / 100 == 5,
        "{gone:?}"
    );

    // Restored: both work again.
    let domain = Domain::parse(DOMAIN).expect("domain");
    let deleted = stack
        .app
        .addresses()
        .deleted_addresses(stack.owner.user, &domain)
        .expect("deleted");
    stack
        .app
        .addresses()
        .restore_address(&stack.owner, &domain, deleted[0].id)
        .expect("restore");
    assert!(
        imap_login(imap, "127.0.0.1", &email("alice"), P2),
        "restored login"
    );
    send(
        smtp,
        "someone@outside.example",
        &[&email("alice")],
        "after restore",
    )
    .expect("accepted");
    assert!(wait_for(imap, &email("alice"), P2, "after restore"));

    // Submission: an address sends as itself and its aliases, not as another.
    let mut bob = Smtp::connect(submission, "127.0.0.1");
    let auth = bob.auth(&email("bob"), P1);
    assert_eq!(auth.0, 235, "bob authenticates: {auth:?}\n{}", stack.logs());
    bob.send(&email("bob"), &[&email("alice")], "from bob")
        .expect("bob sends as himself");
    bob.send(&email("robert"), &[&email("alice")], "from robert")
        .expect("and as his alias");
    let spoof = bob
        .send(&email("carol"), &[&email("alice")], "as carol")
        .expect_err("not as carol");
    assert_eq!(spoof.1.0 / 100, 5, "{spoof:?}");
    assert!(spoof.1.1.contains("not owned by user"), "{spoof:?}");
    drop(bob);
    assert!(wait_for(imap, &email("alice"), P2, "from bob"));
    assert!(wait_for(imap, &email("alice"), P2, "from robert"));

    // The catch-all cannot send, even logged in.
    let mut catchall = Smtp::connect(submission, "127.0.0.1");
    assert_eq!(catchall.auth(&email("catchall"), P1).0, 235);
    let refused = catchall.send(&email("catchall"), &[&email("alice")], "from the catch-all");
    assert!(refused.is_err(), "a catch-all cannot send");
}

/// Messages in a Maildir home, every folder; the home must exist.
pub(crate) fn count_messages(home: &std::path::Path) -> usize {
    assert!(home.is_dir(), "no mail folder at {}", home.display());
    fn walk(dir: &std::path::Path, found: &mut usize) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n == "cur" || n == "new")
            {
                *found += 1;
            }
        }
    }
    let mut found = 0;
    walk(home, &mut found);
    found
}

//! What the manager says, the mail server enforces: each user of a shared
//! address reads and sends with a device password of their own, loses it
//! the moment their access ends (open sessions closed through doveadm), and
//! a deleted address's mail is gone for whoever takes the name next.

use std::time::{Duration, Instant};

use mailroom::app::{Actor, ShareMode, ShareWith};
use mailroom::model::{AddressKind, DeviceName, Permissions, Role};
use mailroom::store::prelude::*;

use super::clients::{OpenImap, Smtp, imap_login, imap_login_status, send, subjects, wait_for};
use super::stack::{DOMAIN, Stack};
use super::{ONE_AT_A_TIME, P1, count_messages, email, wanted};

fn member(stack: &Stack, login: &str) -> Actor {
    let org = stack
        .app
        .organisations()
        .organisation_named(None)
        .expect("org");
    let user = stack
        .app
        .organisations()
        .add_member(
            &stack.owner,
            org.id,
            &mailroom::model::EmailAddress::parse(login).expect("login"),
            &mailroom::model::Password::new("member password 1", None).expect("pw"),
            Role::Member,
        )
        .expect("member");
    Actor {
        token: None,
        user,
        ip: None,
    }
}

fn share(stack: &Stack, local: &str, with: &Actor) {
    stack
        .app
        .sharing()
        .share_address(
            &stack.owner,
            &stack.view(local),
            ShareWith::Member(with.user),
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .expect("share");
}

fn device(stack: &Stack, local: &str, who: &Actor, name: &str) -> String {
    stack
        .app
        .devices()
        .create_device_password(
            who,
            &stack.view(local),
            who.user,
            DeviceName::parse(name).expect("name"),
            None,
        )
        .expect("device password")
        .secret
        .display()
}

fn submit(stack: &Stack, source: &str, login: &str, password: &str, subject: &str) {
    let mut smtp = Smtp::connect(stack.ports.submission, source);
    let (code, text) = smtp.auth(login, password);
    assert_eq!(code, 235, "submission login: {text}\n{}", stack.logs());
    smtp.send(&email("team"), &[&email("team")], subject)
        .unwrap_or_else(|e| panic!("submission refused: {e:?}\n{}", stack.logs()));
}

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn each_user_has_their_own_way_in_and_loses_it_when_access_ends() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Deleted addresses are purged at once, to see a name taken again.
    let stack = Stack::start_with(|config| config.deleted_retention = Duration::ZERO);
    let imap = stack.ports.imap;
    stack.create("team", AddressKind::Standard, Some(P1), None);
    let ann = member(&stack, "ann@people.example");
    let bob = member(&stack, "bob@people.example");
    share(&stack, "team", &ann);
    share(&stack, "team", &bob);
    let ann_phone = device(&stack, "team", &ann, "Ann's phone");
    let bob_laptop = device(&stack, "team", &bob, "Bob's laptop");
    let team = email("team");

    // Both read the same message, each with their own password.
    send(
        stack.ports.smtp,
        "someone@outside.example",
        &[&team],
        "for the team",
    )
    .expect("sent");
    assert!(
        wait_for(imap, &team, &ann_phone, "for the team"),
        "ann reads team@\n{}",
        stack.logs()
    );
    assert!(subjects(imap, &team, &bob_laptop).contains(&"for the team".to_owned()));
    // Both send as team@ through submission.
    submit(&stack, "127.0.1.21", &team, &ann_phone, "sent by ann");
    submit(&stack, "127.0.1.22", &team, &bob_laptop, "sent by bob");
    assert!(wait_for(imap, &team, P1, "sent by ann"));
    assert!(wait_for(imap, &team, P1, "sent by bob"));

    // Ann is removed from the address while both have a session open.
    let mut ann_open = OpenImap::login(imap, "127.0.1.23", &team, &ann_phone).expect("ann in");
    let mut bob_open = OpenImap::login(imap, "127.0.1.24", &team, &bob_laptop).expect("bob in");
    let removed_at = Instant::now();
    stack
        .app
        .sharing()
        .remove_user(&stack.owner, &stack.view("team"), ann.user)
        .expect("remove ann");
    assert!(
        ann_open.closed_within(Duration::from_secs(2)),
        "ann's open session was not closed within 2 s\n{}",
        stack.logs()
    );
    eprintln!("ann's session closed after {:?}", removed_at.elapsed());
    assert!(bob_open.alive(), "bob's session must stay open");
    assert!(
        !imap_login(imap, "127.0.1.25", &team, &ann_phone),
        "ann's password is gone"
    );
    assert!(
        imap_login(imap, "127.0.1.24", &team, &bob_laptop),
        "bob still logs in"
    );

    // A revoked device password fails; so does an expired one.
    let bob_spare = device(&stack, "team", &bob, "Bob's spare");
    assert!(imap_login(imap, "127.0.1.26", &team, &bob_spare));
    let spare_id = mailroom::model::DeviceSecret::parse(&bob_spare)
        .expect("secret")
        .id();
    stack
        .app
        .devices()
        .revoke_device_password(&bob, &stack.view("team"), spare_id)
        .expect("revoke");
    assert!(
        !imap_login(imap, "127.0.1.26", &team, &bob_spare),
        "revoked"
    );
    let bob_old = device(&stack, "team", &bob, "Bob's old phone");
    let old_id = mailroom::model::DeviceSecret::parse(&bob_old)
        .expect("secret")
        .id();
    stack
        .app
        .store_for_tests()
        .write(|tx| {
            let mut credential = tx.credential(old_id)?.expect("credential");
            credential.expires = Some(mailroom::app::now() - 1);
            tx.put_credential(&credential)
        })
        .expect("expire");
    assert!(!imap_login(imap, "127.0.1.27", &team, &bob_old), "expired");

    // Uses reach the history (written in batches).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let history = stack
            .app
            .addresses()
            .address_history(&stack.owner, &stack.view("team"), 100)
            .expect("history");
        if history.iter().any(|e| e.event.action == "device.use") {
            break;
        }
        assert!(Instant::now() < deadline, "no device use in the history");
        std::thread::sleep(Duration::from_millis(200));
    }

    // Its mail folder, with the messages read above: the purge below must
    // be seen to empty a folder that held mail, not a path that never did.
    let old_home = stack.root.path().join("mail").join(DOMAIN).join(
        stack
            .app
            .addresses()
            .address_view(stack.owner.user, &stack.view("team"))
            .expect("team")
            .address
            .id
            .to_string(),
    );
    let held = count_messages(&old_home);
    assert!(held >= 3, "{held} messages in {}", old_home.display());

    // Deleting the address closes every session: devices' and the address
    // password's.
    let mut by_password = OpenImap::login(imap, "127.0.1.29", &team, P1).expect("P1 in");
    stack
        .app
        .addresses()
        .delete_address(&stack.owner, &stack.view("team"), "owner password 1", true)
        .expect("delete");
    assert!(
        bob_open.closed_within(Duration::from_secs(2)),
        "bob's session survived the deletion\n{}",
        stack.logs()
    );
    assert!(
        by_password.closed_within(Duration::from_secs(2)),
        "the address password's session survived the deletion"
    );
    assert!(!imap_login(imap, "127.0.1.28", &team, &bob_laptop));

    // The name taken again starts empty; the old mailbox is emptied (its
    // folder stays, with no mail).
    assert_eq!(
        old_home.file_name().and_then(|n| n.to_str()),
        Some(stack_old_id(&stack).as_str())
    );
    stack.create("team", AddressKind::Standard, Some(P1), None);
    assert!(
        subjects(imap, &team, P1).is_empty(),
        "a new team@ must not see the old mail"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = count_messages(&old_home);
        if left == 0 {
            assert!(
                old_home.is_dir(),
                "the folder stays: {}",
                old_home.display()
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{left} old messages left in {}\n{}",
            old_home.display(),
            stack.logs()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !stack
        .app
        .store_for_tests()
        .read()
        .expect("read")
        .recent_audit(50)
        .expect("audit")
        .iter()
        .any(|e| e.action == "mailbox.purge")
    {
        assert!(
            Instant::now() < deadline,
            "the purge is not in the audit log"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The id of the deleted team@ (its mail folder's name).
fn stack_old_id(stack: &Stack) -> String {
    let reader = stack.app.store_for_tests().read().expect("read");
    let service = reader
        .service_by_domain(&mailroom::model::Domain::parse(DOMAIN).expect("domain"))
        .expect("read")
        .expect("service");
    let deleted = reader.deleted_addresses(Some(service.id)).expect("deleted");
    deleted
        .iter()
        .find(|a| a.local_part.as_str() == "team")
        .map(|a| a.id.to_string())
        .expect("the deleted team@")
}

/// A guesser at Dovecot's door: after five wrong passwords the address's
/// own password is refused unchecked, as a temporary failure Dovecot
/// reports (not as a wrong password), while a user's device password still
/// opens the mailbox; the address's history names the guesser.
#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn guessing_an_address_password_at_dovecot_is_throttled_but_devices_work() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let stack = Stack::start();
    let imap = stack.ports.imap;
    stack.create("desk", AddressKind::Standard, Some(P1), None);
    let ann = member(&stack, "ann@people.example");
    share(&stack, "desk", &ann);
    let phone = device(&stack, "desk", &ann, "Ann's phone");
    let desk = email("desk");
    // Each guess from its own address, so that Dovecot's own per-client
    // penalty does not slow the test: the address's record still fills.
    for n in 1..=5 {
        let status = imap_login_status(imap, &format!("127.0.3.{n}"), &desk, "a guess");
        assert!(
            status.contains("AUTHENTICATIONFAILED"),
            "{status}\n{}",
            stack.logs()
        );
    }
    let refused = imap_login_status(imap, "127.0.3.20", &desk, P1);
    assert!(
        refused.starts_with("NO") && refused.contains("UNAVAILABLE"),
        "the right password, refused unchecked: {refused}\n{}",
        stack.logs()
    );
    assert!(
        imap_login(imap, "127.0.3.21", &desk, &phone),
        "Ann's phone still opens the mailbox\n{}",
        stack.logs()
    );
    let id = stack
        .app
        .addresses()
        .address_view(stack.owner.user, &stack.view("desk"))
        .expect("desk")
        .address
        .id;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let events = stack
            .app
            .store_for_tests()
            .read()
            .expect("read")
            .audit_of_address(id, 50)
            .expect("history");
        let named = |ip: &str| {
            events.iter().any(|e| {
                e.action == "login.failed"
                    && e.object == format!("1 failed login from {ip} over IMAP")
                    && e.ip.as_deref() == Some(ip)
            })
        };
        if named("127.0.3.1") && named("127.0.3.20") {
            break;
        }
        assert!(Instant::now() < deadline, "history: {events:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

//! Quotas through the real stack: an address with a 1 MB quota receives
//! until it is full; the next message is refused by Dovecot (552 5.2.2,
//! returned by Postfix to its sender), and the address page shows the
//! usage doveadm reports.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mailroom::app::{AddressRef, NewAddress};
use mailroom::model::{Domain, EmailAddress, LocalPart, Password, Quota};
use mailroom::web::AppState;

use super::clients::{Smtp, subjects};
use super::stack::{DOMAIN, Stack};
use super::web_session::Session;

const SIZE: usize = 320 * 1024;

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn a_full_mailbox_refuses_the_next_message_and_the_page_shows_its_use() {
    super::wanted();
    let _one = super::ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let stack = Stack::start();
    let login = format!("small@{DOMAIN}");
    let email = EmailAddress::parse(&login).unwrap();
    stack
        .app
        .addresses()
        .create_address(
            &stack.owner,
            &Domain::parse(DOMAIN).unwrap(),
            NewAddress {
                local_part: LocalPart::parse_mailbox("small").unwrap(),
                for_whom: mailroom::app::ForWhom::Me,
                password: Some(Password::new(super::P1, Some(&email)).unwrap()),
                forwarding: None,
                display_name: None,
                quota: Some(Quota::megabytes(1).unwrap()),
            },
        )
        .unwrap();

    // Three messages of 320 KB fit in 1 MB; a fourth does not.
    for n in 1..=4 {
        let mut smtp = Smtp::connect(stack.ports.smtp, "127.0.0.1");
        smtp.send_sized(
            "someone@elsewhere.example",
            &[&login],
            &format!("Part {n}"),
            SIZE,
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
        let deadline = Instant::now() + Duration::from_secs(20);
        let settled = |logs: &str| {
            logs.lines()
                .filter(|l| {
                    l.contains(&format!("to=<{login}>"))
                        && (l.contains("status=sent") || l.contains("status=bounced"))
                })
                .count()
                >= n
        };
        while !settled(&stack.logs()) {
            assert!(
                Instant::now() < deadline,
                "message {n} not settled\n{}",
                stack.logs()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    let mut received = subjects(stack.ports.imap, &login, super::P1);
    received.sort();
    assert_eq!(received, ["Part 1", "Part 2", "Part 3"], "{}", stack.logs());
    let logs = stack.logs();
    let bounced = logs
        .lines()
        .find(|l| l.contains(&format!("to=<{login}>")) && l.contains("status=bounced"))
        .unwrap_or_else(|| panic!("the fourth was not refused\n{logs}"));
    assert!(bounced.contains("5.2.2"), "{bounced}");

    // What doveadm reports is what the page shows.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = Arc::clone(&stack.app);
    let asked = email.clone();
    let usage = runtime
        .block_on(async {
            tokio::task::spawn_blocking(move || app.addresses().quota_usage(&[asked])).await
        })
        .unwrap();
    let usage = *usage.get(&login).expect("doveadm reports the mailbox");
    assert_eq!(usage.limit_kib, Some(1024));
    assert!((900..1024).contains(&usage.used_kib), "{usage:?}");
    let page = runtime.block_on(async {
        let router = mailroom::server::public_router(AppState::new(Arc::clone(&stack.app), false));
        let mut session = Session::default();
        session
            .login(&router, "owner@owners.example", "owner password 1")
            .await;
        let target = AddressRef::parse(DOMAIN, "small").unwrap();
        let path = mailroom::urls::address(&target.domain, &target.local);
        session.get(&router, &path).await.1
    });
    let described = mailroom::i18n::names::usage(usage);
    assert!(page.contains(&described), "{described}");
    assert!(page.contains("Nearly full"), "{page}");
}

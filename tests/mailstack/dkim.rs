//! DKIM through the real stack: keys made in Mailroom, published in a
//! real DNS server (Knot), found by the DNS check, written into OpenDKIM's
//! tables; a message sent through Postfix submission arrives signed with
//! both keys, and the signatures verify (dkimpy, keys from that DNS). After
//! a rotation, the new selectors sign.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use mailroom::model::{AddressKind, DkimKey, Domain};

use super::clients::Smtp;
use super::knot::Knot;
use super::stack::{DOMAIN, Stack};

fn publish(knot: &mut Knot, keys: &[DkimKey]) {
    let lines: Vec<String> = keys
        .iter()
        .map(|k| {
            format!(
                "{}._domainkey TXT {}",
                k.selector,
                mailroom::dns::quoted(&k.txt())
            )
        })
        .collect();
    knot.publish(&lines);
}

/// Checks the domain's DNS now, as the periodic check would.
fn check_dns(stack: &Stack, knot: &Knot) {
    let domain = Domain::parse(DOMAIN).unwrap();
    let keys = stack.app.services().dkim_keys_of(&domain).unwrap();
    let want = mailroom::dns::Expectations::for_domain(
        &domain,
        &Default::default(),
        "http://127.0.0.1",
        &keys,
    );
    let dns = mailroom::dns::Dns::new(Some(knot.addr)).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let report = runtime.block_on(mailroom::dns::check(&dns, &want, mailroom::app::now()));
    stack
        .app
        .services()
        .record_scheduled_dns_check(&domain, report)
        .unwrap();
}

/// Waits until OpenDKIM's table names these selectors (Mailroom rewrote it).
fn wait_for_tables(stack: &Stack, keys: &[DkimKey]) {
    let dir = stack.dkim.clone().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let table = std::fs::read_to_string(dir.join("rsa.keytable")).unwrap_or_default()
            + &std::fs::read_to_string(dir.join("ed25519.keytable")).unwrap_or_default();
        if keys
            .iter()
            .all(|k| table.contains(&format!("{}._domainkey", k.selector)))
        {
            // The signers read them again on SIGUSR1; give them a moment.
            std::thread::sleep(Duration::from_millis(500));
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the DKIM tables were not rewritten: {table}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The delivered message with this subject, as stored in the Maildir.
fn delivered(root: &Path, subject: &str) -> std::path::PathBuf {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut stack = vec![root.join("mail")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if std::fs::read_to_string(&path)
                    .is_ok_and(|t| t.contains(&format!("Subject: {subject}")))
                {
                    return path;
                }
            }
        }
        assert!(Instant::now() < deadline, "{subject} was not delivered");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn verify(knot: &Knot, message: &Path) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/dkim_verify.py");
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(knot.addr.port().to_string())
        .arg(message)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

fn send_signed(stack: &Stack, subject: &str) {
    let mut smtp = Smtp::connect(stack.ports.submission, "127.0.0.1");
    let (code, text) = smtp.auth(&format!("sender@{DOMAIN}"), super::P1);
    assert_eq!(code, 235, "{text}");
    smtp.send(
        &format!("sender@{DOMAIN}"),
        &[&format!("reader@{DOMAIN}")],
        subject,
    )
    .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
}

fn expected(keys: &[DkimKey]) -> Vec<String> {
    let mut lines: Vec<String> = keys
        .iter()
        .map(|k| {
            let a = if k.algorithm.tag() == "rsa" {
                "rsa-sha256"
            } else {
                "ed25519-sha256"
            };
            format!("{} {a} pass", k.selector)
        })
        .collect();
    lines.sort();
    lines
}

#[test]
#[ignore = "needs real servers: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn mail_sent_through_submission_is_signed_and_verifies_also_after_a_rotation() {
    super::wanted();
    let _one = super::ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    // OpenDKIM refuses keys below a world-writable folder such as /tmp
    // (RequireSafeKeys): the tables live under the build's own folder.
    let keys = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let dkim = keys.path().to_path_buf();
    let stack = Stack::start_with(|config| config.mail_server.dkim_dir = Some(dkim));
    let mut knot = Knot::start(DOMAIN);
    stack.create("sender", AddressKind::Standard, Some(super::P1), None);
    stack.create("reader", AddressKind::Standard, Some(super::P2), None);
    let domain = Domain::parse(DOMAIN).unwrap();

    let first = stack
        .app
        .services()
        .make_dkim_keys(&stack.owner, &domain)
        .unwrap();
    publish(&mut knot, &first);
    check_dns(&stack, &knot);
    wait_for_tables(&stack, &first);
    send_signed(&stack, "Signed once");
    let message = delivered(stack.root.path(), "Signed once");
    assert_eq!(
        verify(&knot, &message),
        expected(&first),
        "{}",
        std::fs::read_to_string(&message).unwrap()
    );

    let next = stack
        .app
        .services()
        .make_dkim_keys(&stack.owner, &domain)
        .unwrap();
    let mut both = first.clone();
    both.extend(next.iter().cloned());
    publish(&mut knot, &both);
    check_dns(&stack, &knot);
    wait_for_tables(&stack, &next);
    send_signed(&stack, "Signed after the rotation");
    let message = delivered(stack.root.path(), "Signed after the rotation");
    assert_eq!(verify(&knot, &message), expected(&next));
}

//! Two Mailroom nodes on one PostgreSQL database, and a mail server that
//! reaches them through HAProxy as README's "Several machines" shows it:
//! its own node first, the other while the first is down. Its own node is
//! SIGKILLed; mail is taken in and logins work on through the other node,
//! at once and without a restart of anything.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mailroom::app::StoreAt;
use mailroom::mailserver::socketmap::Listen;
use mailroom::model::AddressKind;

use super::clients::{imap_login_status, send, wait_for};
use super::{ONE_AT_A_TIME, P1, email, stack::Stack, wanted};

use super::ports::free_port;

/// A `mailroom serve` process, killed when dropped.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs real servers and PostgreSQL: scripts/test runs it with MAILROOM_MAILSTACK=1"]
fn a_mail_server_whose_mailroom_node_is_killed_goes_on_through_the_other() {
    wanted();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let url = mailroom::store::pg::test_database();
    // The other node is this process's; the mail server's own is a
    // `mailroom serve` on the same database.
    let other = (free_port(), free_port());
    let own = (free_port(), free_port(), free_port());
    let mut node = None;
    let mut stack = Stack::start_with_front(
        |config| {
            config.store = Some(StoreAt::Postgres(url.clone()));
            config.mail_server.socketmap_listen =
                Some(Listen::Tcp(([127, 0, 0, 1], other.0).into()));
            config.mail_server.internal_listen = Some(([127, 0, 0, 1], other.1).into());
        },
        |stack| {
            let data = stack.root.path().join("own-node");
            let child = Command::new(env!("CARGO_BIN_EXE_mailroom"))
                .args(["serve", "--listen", &format!("127.0.0.1:{}", own.0)])
                .args(["--socketmap-listen", &format!("127.0.0.1:{}", own.1)])
                .args(["--internal-listen", &format!("127.0.0.1:{}", own.2)])
                .args(["--dovecot-secret", super::stack::SECRET])
                .args(["--dns-check-every", "0"])
                .env("MAILROOM_STORE", &url)
                .env("MAILROOM_DATA_DIR", &data)
                .env("MAILROOM_LOG", "warn")
                .stdout(Stdio::null())
                .spawn()
                .expect("mailroom serve");
            node = Some(Node(child));
            let deadline = Instant::now() + Duration::from_secs(60);
            while std::net::TcpStream::connect(("127.0.0.1", own.2)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "the mail server's own node did not start"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            stack.start_haproxy((own.1, own.2), other);
        },
    );
    let (imap, smtp) = (stack.ports.imap, stack.ports.smtp);
    stack.create("otto", AddressKind::Standard, Some(P1), None);
    send(smtp, "someone@outside.example", &[&email("otto")], "before")
        .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
    assert!(
        wait_for(imap, &email("otto"), P1, "before"),
        "{}",
        stack.logs()
    );
    // Through the own node, not the other: stopping the other changes
    // nothing the mail server sees.
    stack.stop_mailroom();
    send(
        smtp,
        "someone@outside.example",
        &[&email("otto")],
        "own node",
    )
    .unwrap_or_else(|e| panic!("the own node answers Postfix: {e:?}\n{}", stack.logs()));
    assert!(
        wait_for(imap, &email("otto"), P1, "own node"),
        "{}",
        stack.logs()
    );
    stack.start_mailroom();

    let mut own_node = node.take().expect("own node");
    let _ = own_node.0.kill();
    let _ = own_node.0.wait();
    // At once: no temporary failure, no wrong password.
    let status = imap_login_status(imap, "127.0.0.1", &email("otto"), P1);
    assert!(
        status.starts_with("OK"),
        "a login with the own node killed: {status}\n{}",
        stack.logs()
    );
    send(smtp, "someone@outside.example", &[&email("otto")], "after")
        .unwrap_or_else(|e| panic!("Postfix with its own node killed: {e:?}\n{}", stack.logs()));
    assert!(
        wait_for(imap, &email("otto"), P1, "after"),
        "{}",
        stack.logs()
    );
    // What is changed now, through the node left, is what the mail server
    // enforces.
    stack.create("newcomer", AddressKind::Standard, Some(P1), None);
    send(
        smtp,
        "someone@outside.example",
        &[&email("newcomer")],
        "welcome",
    )
    .unwrap_or_else(|e| panic!("{e:?}\n{}", stack.logs()));
    assert!(
        wait_for(imap, &email("newcomer"), P1, "welcome"),
        "{}",
        stack.logs()
    );
}

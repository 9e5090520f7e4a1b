//! Two `mailroom serve` processes on one database: what one node changes,
//! the other answers at once, from its caches too.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mailroom::App;
use mailroom::app::{
    AddressRef, AppSettings, ForWhom, NewAddress, NewToken, ShareMode, ShareWith, StoreAt,
};
use mailroom::model::{DeviceName, Domain, EmailAddress, LocalPart, Password, Permissions, Scope};

use super::http::{Browser, request};

const PASSWORD: &str = "correct horse battery";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A `mailroom serve` on the shared database, killed when dropped.
pub struct Node {
    child: Child,
    pub http: u16,
    pub socketmap: u16,
    pub internal: u16,
    _data: tempfile::TempDir,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn node(url: &str) -> Node {
    node_with(url, &[])
}

/// A node with more of `serve`'s options.
pub fn node_with(url: &str, extra: &[&str]) -> Node {
    let data = tempfile::tempdir().unwrap();
    let (http, socketmap, internal) = (free_port(), free_port(), free_port());
    let child = Command::new(env!("CARGO_BIN_EXE_mailroom"))
        .args(["serve", "--listen", &format!("127.0.0.1:{http}")])
        .args(["--socketmap-listen", &format!("127.0.0.1:{socketmap}")])
        .args(["--internal-listen", &format!("127.0.0.1:{internal}")])
        .args(["--dns-check-every", "0"])
        .args(extra)
        .env("MAILROOM_STORE", url)
        .env("MAILROOM_DATA_DIR", data.path())
        .env("MAILROOM_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut node = Node {
        child,
        http,
        socketmap,
        internal,
        _data: data,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", internal)).is_err() {
        assert!(node.child.try_wait().unwrap().is_none(), "the node stopped");
        assert!(Instant::now() < deadline, "the node did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    node
}

impl Node {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: the node dies at once, mid-transaction and mid-job.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Postfix's question, as its socketmap client asks it.
    pub fn socketmap(&self, query: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.socketmap)).unwrap();
        stream
            .write_all(format!("{}:{query},", query.len()).as_bytes())
            .unwrap();
        let mut answer = Vec::new();
        let mut byte = [0u8; 1];
        while stream.read(&mut byte).unwrap() == 1 {
            answer.push(byte[0]);
            if byte[0] == b',' {
                break;
            }
        }
        let text = String::from_utf8(answer).unwrap();
        let (_, rest) = text.split_once(':').unwrap();
        rest.trim_end_matches(',').to_owned()
    }

    /// Dovecot's password check: the status its script reads.
    pub fn dovecot_auth(&self, secret: &str, user: &str, password: &str) -> u16 {
        let body = serde_urlencoded::to_string([
            ("user", user),
            ("password", password),
            ("service", "imap"),
            ("ip", "127.0.0.1"),
        ])
        .unwrap();
        request(
            self.internal,
            "POST",
            "/internal/dovecot/auth",
            &[
                ("x-mailroom-secret", secret),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            &body,
        )
        .status
    }
}

/// The database, set up from the test's own connection to it: Acme, its
/// owner, acme.example with `jo`, `team` and `info` (a password of its own), the owner a user of `team`
/// with a device password; an API token of scope `addresses`.
pub struct Installed {
    pub url: String,
    pub app: App,
    pub token: String,
    pub device_password: String,
}

pub fn installed() -> Installed {
    let url = mailroom::store::pg::test_database();
    let app = App::open_at(&StoreAt::Postgres(url.clone()), AppSettings::default()).unwrap();
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    app.accounts()
        .setup(
            "Acme",
            &owner,
            &Password::new(PASSWORD, None).unwrap(),
            None,
        )
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap().id;
    let actor = app.organisations().owner_of(org).unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    app.services()
        .add_service_vouched(&actor, org, &domain)
        .unwrap();
    for (local, password) in [("jo", None), ("team", None), ("info", Some(PASSWORD))] {
        app.addresses()
            .create_address(
                &actor,
                &domain,
                NewAddress {
                    local_part: LocalPart::parse(local).unwrap(),
                    for_whom: ForWhom::Multiple,
                    password: password.map(|p| Password::new(p, None).unwrap()),
                    forwarding: None,
                    display_name: None,
                    quota: None,
                },
            )
            .unwrap();
    }
    let team = AddressRef::parse("acme.example", "team").unwrap();
    app.sharing()
        .share_address(
            &actor,
            &team,
            ShareWith::Member(actor.user),
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let made = app
        .devices()
        .create_device_password(
            &actor,
            &team,
            actor.user,
            DeviceName::parse("Laptop").unwrap(),
            None,
        )
        .unwrap();
    let (_, token) = app
        .tokens()
        .create_token(
            &actor,
            org,
            NewToken {
                name: "cluster test".into(),
                scope: Scope::Addresses,
                days: None,
                allow_from: Vec::new(),
            },
        )
        .unwrap();
    Installed {
        url,
        app,
        token,
        device_password: made.secret.display(),
    }
}

/// Waits until `done`, for at most `within`; returns how long it took.
fn within(within: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < within {
        if done() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn what_one_node_changes_the_other_answers_postfix_and_dovecot_within_a_second() {
    let db = installed();
    let (a, b) = (node(&db.url), node(&db.url));
    let bearer = format!("Bearer {}", db.token);
    // Node B answers Postfix from its cache of acme.example's service,
    // where the catch-all is kept: a catch-all made through node A must
    // reach that cache, not only the database.
    assert_eq!(b.socketmap("alias anyone@acme.example"), "NOTFOUND ");
    let made = request(
        a.http,
        "POST",
        "/api/v1/services/acme.example/addresses",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        r#"{"local_part": "everyone", "for": "catch_all", "password": "a long catch-all password"}"#,
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let took = within(Duration::from_secs(1), || {
        b.socketmap("alias anyone@acme.example") == "OK everyone@acme.example"
    });
    assert!(
        took.is_some(),
        "node B ignores node A's catch-all a second later"
    );
    // An address deleted through A is unknown to B's Postfix at once.
    assert!(b.socketmap("mailbox jo@acme.example").starts_with("OK"));
    let deleted = request(
        a.http,
        "DELETE",
        "/api/v1/services/acme.example/addresses/jo?confirm=true",
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let took = within(Duration::from_secs(1), || {
        b.socketmap("mailbox jo@acme.example")
            .starts_with("NOTFOUND")
    });
    assert!(
        took.is_some(),
        "node B still finds jo a second after node A deleted it"
    );

    // Both nodes check the one Dovecot secret kept in the database.
    let secret = db
        .app
        .operations()
        .shared_secret(mailroom::config::InternalSecret::Dovecot.file_name())
        .unwrap()
        .expect("kept in the database");
    for node in [&a, &b] {
        assert_eq!(
            node.dovecot_auth(&secret, "team@acme.example", &db.device_password),
            200
        );
        assert_eq!(
            node.dovecot_auth("a guess", "team@acme.example", &db.device_password),
            403
        );
    }
    // The owner leaves team through node A: their device password stops
    // working at node B's Dovecot endpoint at once.
    let org = db.app.organisations().organisation_named(None).unwrap().id;
    let owner = db.app.organisations().owner_of(org).unwrap().user;
    let removed = request(
        a.http,
        "DELETE",
        &format!("/api/v1/services/acme.example/addresses/team/users/{owner}"),
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(removed.status, 204, "{}", removed.body);
    assert_eq!(
        b.dovecot_auth(&secret, "team@acme.example", &db.device_password),
        403
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_session_made_on_one_node_works_on_the_other_and_logging_out_ends_it_on_both() {
    let db = installed();
    let (a, b) = (node(&db.url), node(&db.url));
    let mut browser = Browser::default();
    browser.get(a.http, "/login");
    let login = browser.post(
        a.http,
        "/login",
        &[("email", "owner@acme.example"), ("password", PASSWORD)],
    );
    assert_eq!(login.status, 303, "{}", login.body);
    let on_b = browser.get(b.http, "/services");
    assert_eq!(on_b.status, 200, "the session made on A is known to B");
    assert!(on_b.body.contains("acme.example"));
    // The cookie as it is now, kept: the session itself must end on B.
    let mut kept = browser.clone();
    let out = browser.post(a.http, "/logout", &[]);
    assert_eq!(out.status, 303);
    let after = kept.get(b.http, "/services");
    assert_eq!(after.status, 303, "logged out on A, still in on B");
    assert!(after.header("location").unwrap_or("").starts_with("/login"));
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn three_hundred_wrong_mail_passwords_spread_over_two_nodes_get_at_most_five_checked() {
    let db = installed();
    let (a, b) = (node(&db.url), node(&db.url));
    let secret = db
        .app
        .operations()
        .shared_secret(mailroom::config::InternalSecret::Dovecot.file_name())
        .unwrap()
        .unwrap();
    let start = std::sync::Arc::new(std::sync::Barrier::new(300));
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let running: Vec<_> = (0..300)
            .map(|i| {
                let (start, node, secret) =
                    (std::sync::Arc::clone(&start), [&a, &b][i % 2], &secret);
                s.spawn(move || {
                    start.wait();
                    node.dovecot_auth(secret, "info@acme.example", "a wrong guess")
                })
            })
            .collect();
        running.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let checked = statuses.iter().filter(|s| **s == 403).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + throttled, 300, "{statuses:?}");
    assert!(
        (1..=5).contains(&checked),
        "{checked} wrong mail passwords checked over two nodes"
    );
    // The right password is refused unchecked too, from either node.
    assert_eq!(b.dovecot_auth(&secret, "info@acme.example", PASSWORD), 429);
}

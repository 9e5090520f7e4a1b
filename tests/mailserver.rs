//! Mailroom's side of the mail-server protocols, in-process: the socketmap
//! listener's framing and refusals, the Dovecot endpoint's secret, and the
//! passwd-file kept current.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailroom::app::{AppSettings, NewAddress};
use mailroom::config::MailServerSettings;
use mailroom::mailserver::socketmap::Listen;
use mailroom::model::{Domain, EmailAddress, LocalPart, Password};
use mailroom::{App, Config};

const SECRET: &str = "test-secret";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Running {
    _dir: tempfile::TempDir,
    app: Arc<App>,
    socketmap: u16,
    internal: u16,
    passwd: std::path::PathBuf,
    _runtime: tokio::runtime::Runtime,
}

fn start() -> Running {
    start_with(mailroom::mailserver::socketmap::Limits::default())
}

/// Starts a server; ports are picked free but may be taken by a parallel
/// test before the server binds them, so a server that stops at once is
/// started again on other ports.
fn start_with(limits: mailroom::mailserver::socketmap::Limits) -> Running {
    for _ in 0..3 {
        if let Some(running) = try_start(limits.clone()) {
            return running;
        }
    }
    panic!("the server did not start on three sets of ports");
}

fn try_start(limits: mailroom::mailserver::socketmap::Limits) -> Option<Running> {
    let dir = tempfile::tempdir().unwrap();
    let (socketmap, internal) = (free_port(), free_port());
    let passwd = dir.path().join("passwd");
    let mut config = Config::new(dir.path().join("data"));
    config.listen = ([127, 0, 0, 1], free_port()).into();
    config.mail_server = MailServerSettings {
        socketmap_listen: Some(Listen::Tcp(([127, 0, 0, 1], socketmap).into())),
        internal_listen: Some(([127, 0, 0, 1], internal).into()),
        dovecot_secret: Some(SECRET.into()),
        metrics_secret: None,
        internal_listen_public: false,
        dovecot_passwd_file: Some(passwd.clone()),
        dkim_dir: None,
        doveadm: None,
        socketmap_limits: limits,
    };
    let app = Arc::new(App::open(&config.database_path(), AppSettings::default()).unwrap());
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    app.accounts()
        .setup(
            "Acme",
            &owner,
            &Password::new("owner password 1", None).unwrap(),
            None,
        )
        .unwrap();
    let org = app.organisations().organisation_named(None).unwrap();
    let actor = app.organisations().owner_of(org.id).unwrap();
    app.services()
        .add_service_vouched(&actor, org.id, &Domain::parse("acme.example").unwrap())
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let served = Arc::clone(&app);
    let (stopped, stop) = std::sync::mpsc::channel();
    runtime.spawn(async move {
        let outcome = mailroom::server::serve(served, config, std::future::pending()).await;
        let _ = stopped.send(format!("{outcome:?}"));
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", internal)).is_err() {
        if let Ok(outcome) = stop.try_recv() {
            eprintln!("the server stopped at once ({outcome}); trying other ports");
            return None;
        }
        assert!(Instant::now() < deadline, "did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    // What answered may be a parallel test's server that took the same
    // port first: ours then fails to bind it, and says so at once (its
    // listeners are bound one after the other). A test whose requests went
    // to that other server saw them reset when it stopped.
    std::thread::sleep(Duration::from_millis(300));
    if let Ok(outcome) = stop.try_recv() {
        eprintln!("the server stopped after another answered ({outcome}); trying other ports");
        return None;
    }
    Some(Running {
        _dir: dir,
        app,
        socketmap,
        internal,
        passwd,
        _runtime: runtime,
    })
}

fn create(running: &Running, local: &str, password: Option<&str>) {
    let org = running
        .app
        .organisations()
        .organisation_named(None)
        .unwrap();
    let actor = running.app.organisations().owner_of(org.id).unwrap();
    running
        .app
        .addresses()
        .create_address(
            &actor,
            &Domain::parse("acme.example").unwrap(),
            NewAddress {
                local_part: LocalPart::parse(local).unwrap(),
                for_whom: mailroom::app::ForWhom::Multiple,
                password: password.map(|p| Password::new(p, None).unwrap()),
                forwarding: None,
                display_name: None,
                quota: None,
            },
        )
        .unwrap();
}

fn netstring(text: &str) -> Vec<u8> {
    format!("{}:{text},", text.len()).into_bytes()
}

/// Reads netstring replies until `count` arrived or the peer closed.
fn replies(stream: &mut TcpStream, count: usize) -> Vec<String> {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buffer = Vec::new();
    let mut out = Vec::new();
    let mut chunk = [0u8; 4096];
    while out.len() < count {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..n]);
        while let Some(colon) = buffer.iter().position(|b| *b == b':') {
            let len: usize = std::str::from_utf8(&buffer[..colon])
                .unwrap()
                .parse()
                .unwrap();
            if buffer.len() < colon + 1 + len + 1 {
                break;
            }
            out.push(String::from_utf8(buffer[colon + 1..colon + 1 + len].to_vec()).unwrap());
            buffer.drain(..colon + len + 2);
        }
    }
    out
}

#[test]
fn socketmap_answers_pipelined_requests_and_refuses_bad_ones() {
    let running = start();
    create(&running, "info", Some("a mailbox password"));
    let mut stream = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    // Several requests in one write, keys in any case.
    let mut batch = Vec::new();
    for request in [
        "domain ACME.Example",
        "mailbox Info@acme.example",
        "alias nobody@acme.example",
        "unknown x",
        "sender info@acme.example",
    ] {
        batch.extend(netstring(request));
    }
    stream.write_all(&batch).unwrap();
    assert_eq!(
        replies(&mut stream, 5),
        vec![
            "OK acme.example",
            "OK acme.example/info/",
            "NOTFOUND ",
            "PERM unknown map unknown",
            "OK info@acme.example"
        ]
    );
    // The connection stays open for more.
    stream
        .write_all(&netstring("domain elsewhere.example"))
        .unwrap();
    assert_eq!(replies(&mut stream, 1), vec!["NOTFOUND "]);

    // Over the size limit: refused and closed; the listener lives on.
    let mut big = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    big.write_all(b"99999:").unwrap();
    assert_eq!(
        replies(&mut big, 2),
        vec!["PERM request too long"],
        "one refusal, then closed"
    );
    let mut garbage = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    garbage.write_all(b"hello world").unwrap();
    let answer = replies(&mut garbage, 2);
    assert_eq!(answer.len(), 1);
    assert!(answer[0].starts_with("PERM"), "{answer:?}");
    let mut after = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    after.write_all(&netstring("domain acme.example")).unwrap();
    assert_eq!(replies(&mut after, 1), vec!["OK acme.example"]);
}

fn http_get(port: u16, path: &str, secret: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let header = secret
        .map(|s| format!("X-Mailroom-Secret: {s}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{header}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    (status, body)
}

fn http_post(port: u16, path: &str, secret: Option<&str>, form: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let header = secret
        .map(|s| format!("X-Mailroom-Secret: {s}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\n{header}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    (status, body)
}

fn login(user: &str, password: &str) -> String {
    serde_urlencoded::to_string([
        ("user", user),
        ("password", password),
        ("service", "imap"),
        ("ip", "127.0.0.1"),
    ])
    .unwrap()
}

#[test]
fn dovecot_lookups_need_the_secret_and_a_password() {
    let running = start();
    create(&running, "info", Some("a mailbox password"));
    create(&running, "nopass", None);
    let auth = "/internal/dovecot/auth";
    let right = login("INFO@acme.example", "a mailbox password");
    assert_eq!(http_post(running.internal, auth, None, &right).0, 403);
    assert_eq!(
        http_post(running.internal, auth, Some("wrong"), &right).0,
        403
    );
    let (status, body) = http_post(running.internal, auth, Some(SECRET), &right);
    assert_eq!(status, 200);
    assert_eq!(
        body, "info@acme.example",
        "the session runs under the address"
    );
    let wrong = login("info@acme.example", "not the password");
    assert_eq!(
        http_post(running.internal, auth, Some(SECRET), &wrong).0,
        403
    );
    // No password set: no password opens it.
    let none = login("nopass@acme.example", "anything at all");
    assert_eq!(
        http_post(running.internal, auth, Some(SECRET), &none).0,
        403
    );
    let ghost = login("ghost@acme.example", "a mailbox password");
    assert_eq!(
        http_post(running.internal, auth, Some(SECRET), &ghost).0,
        404
    );
    // A mailbox without a password still receives mail: userdb knows it,
    // and its folder is named by the address's id.
    let (status, home) = http_get(
        running.internal,
        "/internal/dovecot/userdb/nopass@acme.example",
        Some(SECRET),
    );
    assert_eq!(status, 200);
    assert!(home.starts_with("acme.example/"), "{home}");
    assert!(
        home["acme.example/".len()..].parse::<u64>().is_ok(),
        "{home}"
    );
    assert_eq!(
        http_get(
            running.internal,
            "/internal/dovecot/userdb/ghost@acme.example",
            Some(SECRET)
        )
        .0,
        404
    );
    assert_eq!(
        http_get(
            running.internal,
            "/internal/dovecot/userdb/nopass@acme.example",
            None
        )
        .0,
        403
    );
}

#[test]
fn the_passwd_file_follows_every_change() {
    let running = start();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !running.passwd.exists() {
        assert!(Instant::now() < deadline, "the passwd-file was not written");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&running.passwd).unwrap(), "");
    create(&running, "info", Some("a mailbox password"));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&running.passwd).unwrap_or_default();
        if text.starts_with("info@acme.example:{ARGON2ID}$argon2id$") {
            assert!(text.ends_with("::::::\n"), "{text}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new address never reached the file: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether the server closed the connection: a read returns nothing.
/// Whether the server closed the connection within 5 s (a read that
/// times out is an open connection, not a closed one).
fn closed(stream: &mut TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut byte = [0u8; 64];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        Ok(_) => false,
    }
}

/// The cap on open connections, seen apart from the idle timeout (a minute
/// here): over the cap a connection is closed at once, unanswered, and a
/// slot frees when a served connection closes.
#[test]
fn connections_over_the_cap_are_closed_at_once_and_a_slot_frees_on_close() {
    let running = start_with(mailroom::mailserver::socketmap::Limits {
        idle: Duration::from_secs(60),
        max_connections: 2,
        max_requests: 1000,
    });
    let served = || {
        let mut stream = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
        stream.write_all(&netstring("domain acme.example")).unwrap();
        let answer = replies(&mut stream, 1);
        (stream, answer)
    };
    let (first, answer) = served();
    assert_eq!(answer, vec!["OK acme.example"]);
    let (_second, answer) = served();
    assert_eq!(answer, vec!["OK acme.example"]);
    let mut third = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    let started = Instant::now();
    assert!(closed(&mut third), "a third connection is over the cap");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "closed at once, not by the idle timeout"
    );
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (_fourth, answer) = served();
        if answer == vec!["OK acme.example"] {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the closed connection's slot never freed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_slow_or_endless_socketmap_client_cannot_hold_the_server() {
    let running = start_with(mailroom::mailserver::socketmap::Limits {
        idle: Duration::from_millis(300),
        max_connections: 2,
        max_requests: 3,
    });
    // Quiet, or sending half a request: closed after the idle time.
    let mut quiet = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    slow.write_all(b"20:domain acme").unwrap();
    let started = Instant::now();
    assert!(closed(&mut quiet) && closed(&mut slow));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed by the idle timeout"
    );
    // Three requests, then the connection is closed; the listener serves on.
    let mut busy = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    for _ in 0..3 {
        busy.write_all(&netstring("domain acme.example")).unwrap();
    }
    assert_eq!(replies(&mut busy, 4).len(), 3);
    let mut after = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    after.write_all(&netstring("domain acme.example")).unwrap();
    assert_eq!(replies(&mut after, 1), vec!["OK acme.example"]);
}

#[test]
fn the_database_the_secret_and_the_passwd_file_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let running = start();
    create(&running, "info", Some("a mailbox password"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&running.passwd)
        .unwrap_or_default()
        .contains("info@")
    {
        assert!(Instant::now() < deadline, "the passwd-file was not written");
        std::thread::sleep(Duration::from_millis(20));
    }
    let data = running.passwd.parent().unwrap().join("data");
    let key = mailroom::Config::new(data.clone());
    let _ = key.dovecot_secret();
    for file in [
        data.join("mailroom.redb"),
        data.join("credential.key"),
        running.passwd.clone(),
    ] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
    // A symlink where the secret would be written is not followed.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("target");
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        &target,
        dir.path().join(mailroom::config::DOVECOT_SECRET_FILE),
    )
    .unwrap();
    let config = mailroom::Config::new(dir.path().to_path_buf());
    assert!(config.dovecot_secret().is_err());
    assert!(!target.exists(), "nothing written through the symlink");
}

#[test]
fn a_request_trickled_byte_by_byte_is_cut_off_at_the_idle_time() {
    let running = start_with(mailroom::mailserver::socketmap::Limits {
        idle: Duration::from_millis(300),
        max_connections: 4,
        max_requests: 10,
    });
    let mut trickle = TcpStream::connect(("127.0.0.1", running.socketmap)).unwrap();
    let started = Instant::now();
    let mut cut_off = false;
    for byte in b"20:domain acme.example" {
        if trickle.write_all(&[*byte]).is_err() {
            cut_off = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() > Duration::from_millis(900) {
            break;
        }
    }
    assert!(
        cut_off || closed(&mut trickle),
        "each byte in time, but not the request"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

fn login_from(user: &str, password: &str, ip: &str) -> String {
    serde_urlencoded::to_string([
        ("user", user),
        ("password", password),
        ("service", "imap"),
        ("ip", ip),
    ])
    .unwrap()
}

/// A spray against a shared address: a burst of 300 parallel guesses gets
/// at most 5 checked, the address's own password is then refused unchecked
/// from anywhere, while a user's device password still works; the
/// address's history says who tried.
#[test]
fn mail_logins_are_throttled_per_address_and_client() {
    use mailroom::app::{AddressRef, ShareMode, ShareWith};
    use mailroom::model::{DeviceName, Permissions, Role};
    use mailroom::store::prelude::*;
    let running = start();
    create(&running, "team", Some("the team password"));
    let app = &running.app;
    let org = app.organisations().organisation_named(None).unwrap();
    let owner = app.organisations().owner_of(org.id).unwrap();
    let ann = app
        .organisations()
        .add_member(
            &owner,
            org.id,
            &EmailAddress::parse("ann@acme.example").unwrap(),
            &Password::new("ann's own password", None).unwrap(),
            Role::Member,
        )
        .unwrap();
    let team = AddressRef::parse("acme.example", "team").unwrap();
    app.sharing()
        .share_address(
            &owner,
            &team,
            ShareWith::Member(ann),
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let phone = app
        .devices()
        .create_device_password(
            &owner,
            &team,
            ann,
            DeviceName::parse("Phone").unwrap(),
            None,
        )
        .unwrap()
        .secret;
    let auth = "/internal/dovecot/auth";

    let barrier = Arc::new(std::sync::Barrier::new(300));
    let port = running.internal;
    let guesses: Vec<_> = (0..300)
        .map(|n| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let form = login_from("team@acme.example", &format!("guess {n}"), "203.0.113.9");
                barrier.wait();
                http_post(port, auth, Some(SECRET), &form).0
            })
        })
        .collect();
    let answers: Vec<u16> = guesses.into_iter().map(|t| t.join().unwrap()).collect();
    let checked = answers.iter().filter(|s| **s == 403).count();
    let refused = answers.iter().filter(|s| **s == 429).count();
    assert!(checked <= 5, "{checked} guesses were checked");
    assert_eq!(checked + refused, 300, "{answers:?}");

    // The right address password, from elsewhere: the address waits.
    let right = login_from("team@acme.example", "the team password", "198.51.100.20");
    let (status, _) = http_post(port, auth, Some(SECRET), &right);
    assert_eq!(status, 429, "the address is locked for its own password");
    // Ann's phone, meanwhile, from the attacker's own network too.
    for ip in ["198.51.100.21", "203.0.113.9"] {
        let device = login_from("team@acme.example", &phone.normalised(), ip);
        let (status, user) = http_post(port, auth, Some(SECRET), &device);
        assert_eq!(status, 200, "a device password is not locked out from {ip}");
        assert!(user.starts_with("team=d"), "{user}");
    }

    // (The metrics' count of refusals: tests/cli.rs, whose server process
    // installs the recorder.)
    // The history says who tried, in a few lines rather than 300.
    let address = app
        .store_for_tests()
        .read()
        .unwrap()
        .address_by_name(
            app.store_for_tests()
                .read()
                .unwrap()
                .service_by_domain(&Domain::parse("acme.example").unwrap())
                .unwrap()
                .unwrap()
                .id,
            &LocalPart::parse("team").unwrap(),
        )
        .unwrap()
        .unwrap()
        .id;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let events = app
            .store_for_tests()
            .read()
            .unwrap()
            .audit_of_address(address, 100)
            .unwrap();
        let from_attacker: u32 = events
            .iter()
            .filter(|e| {
                e.action == "login.failed" && e.object.contains("from 203.0.113.9 over IMAP")
            })
            .map(|e| e.object.split(' ').next().unwrap().parse::<u32>().unwrap())
            .sum();
        if from_attacker == 300 {
            let lines = events.iter().filter(|e| e.action == "login.failed").count();
            assert!(lines <= 10, "{lines} history lines for one spray");
            break;
        }
        assert!(Instant::now() < deadline, "history: {events:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The right password undoes what it must and no more: it clears the
/// address's record (its owner got in) and takes back only its own
/// attempt from the client's (a client's other failures still count).
#[test]
fn a_right_mail_password_clears_the_address_and_takes_back_one_attempt() {
    let running = start();
    create(&running, "desk", Some("the desk password"));
    create(&running, "other", Some("another password"));
    let auth = "/internal/dovecot/auth";
    let post = |user: &str, password: &str, ip: &str| {
        http_post(
            running.internal,
            auth,
            Some(SECRET),
            &login_from(user, password, ip),
        )
        .0
    };
    // The address: four failures from four clients, then its owner gets in.
    for n in 1..=4 {
        assert_eq!(
            post("desk@acme.example", "a guess", &format!("198.51.100.{n}")),
            403
        );
    }
    assert_eq!(
        post("desk@acme.example", "the desk password", "198.51.100.9"),
        200
    );
    // Cleared: four more failures are all checked, none refused unchecked.
    for n in 5..=8 {
        assert_eq!(
            post("desk@acme.example", "a guess", &format!("198.51.100.{n}")),
            403
        );
    }
    // The client: four failures against another address, one success of
    // its own; its fifth failure is still checked, the sixth waits.
    for _ in 0..4 {
        assert_eq!(post("other@acme.example", "a guess", "203.0.113.50"), 403);
    }
    assert_eq!(
        post("desk@acme.example", "the desk password", "203.0.113.50"),
        200
    );
    assert_eq!(post("other@acme.example", "a guess", "203.0.113.50"), 403);
    assert_eq!(
        post("other@acme.example", "another password", "203.0.113.50"),
        429
    );
}

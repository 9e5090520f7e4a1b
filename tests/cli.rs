//! The `mailroom` binary as an administrator scripts it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/command.rs"]
mod command;
use command::{BIN, installed, run, run_in, text};

/// Waits for a started server to answer /healthz.
fn wait_for_health(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while http_get(port, "/healthz").is_none() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills the server even when an assertion fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn scripted_install_setup_service_and_member() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();

    let weak = run(
        dir,
        &[
            "setup",
            "--organisation",
            "Acme",
            "--owner",
            "owner@acme.example",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(!weak.status.success());
    assert!(
        text(&weak).contains("at least 12 characters"),
        "{}",
        text(&weak)
    );

    let setup = run(
        dir,
        &[
            "setup",
            "--organisation",
            "Acme",
            "--owner",
            "owner@acme.example",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(setup.status.success(), "{}", text(&setup));
    assert!(text(&setup).contains("Set up Acme"));

    let again = run(
        dir,
        &[
            "setup",
            "--organisation",
            "Evil",
            "--owner",
            "x@evil.example",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("already set up"), "{}", text(&again));

    let service = run(dir, &["service", "add", "Bücher.example"], "");
    assert!(
        text(&service).contains("publish the TXT record “mailroom-verify="),
        "{}",
        text(&service)
    );
    assert!(service.status.success(), "{}", text(&service));
    assert!(text(&service).contains("bücher.example (xn--bcher-kva.example)"));
    let duplicate = run(dir, &["service", "add", "xn--bcher-kva.example"], "");
    assert!(!duplicate.status.success());
    assert!(text(&duplicate).contains("already has an email service"));
    let wrong_org = run(
        dir,
        &["service", "add", "other.example", "--organisation", "Nope"],
        "",
    );
    assert!(text(&wrong_org).contains("No organisation is named"));

    let member = run(
        dir,
        &[
            "member",
            "add",
            "ann@acme.example",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "another good password\n",
    );
    assert!(member.status.success(), "{}", text(&member));
}

/// Starts `mailroom ARGS` (no subcommand), waits for /healthz, stops it,
/// and returns what it logged.
fn start_and_stop(data: &Path, args: &[&str], port: u16) -> String {
    let log = data.join(format!("log-{port}.txt"));
    let mut server = Server(
        Command::new(BIN)
            .args(args)
            .env("MAILROOM_DATA_DIR", data)
            .env("MAILROOM_LOG", "mailroom=info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("spawn server"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while http_get(port, "/healthz").is_none_or(|r| !r.starts_with("HTTP/1.1 200")) {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = server.0.kill();
    let _ = server.0.wait();
    std::fs::read_to_string(&log).expect("log")
}

/// The README's `mailroom --listen …`: the server's flags without
/// `serve`; the first start says once that it made a database and where
/// the owner is set up, later starts do not say they made one; and
/// `--log-format json` writes one JSON object a line.
#[test]
fn serve_flags_work_without_the_subcommand_and_the_first_start_says_what_next() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let flags = [
        "--listen",
        &listen,
        "--socketmap-listen",
        "off",
        "--internal-listen",
        "off",
    ];
    let first = start_and_stop(data.path(), &flags, port);
    assert_eq!(
        first.matches("created a new database").count(),
        1,
        "{first}"
    );
    assert!(!first.contains("migrat"), "{first}");
    assert!(
        first.contains(&format!("open http://{listen}/setup")) && first.contains("mailroom setup"),
        "{first}"
    );
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let data_dir = data.path().display().to_string();
    let again = start_and_stop(
        data.path(),
        &[
            "--data-dir",
            &data_dir,
            "--log-format",
            "json",
            "--listen",
            &listen,
            "--socketmap-listen=off",
            "--internal-listen",
            "off",
        ],
        port,
    );
    assert!(!again.contains("created a new database"), "{again}");
    let lines: Vec<serde_json::Value> = again
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["message"].as_str().is_some_and(|m| m.contains("/setup"))),
        "still no owner, said in JSON: {again}"
    );
    let help = run(data.path(), &["--help"], "");
    assert!(text(&help).contains("Usage: mailroom"), "{}", text(&help));
}

#[test]
fn serve_answers_health_and_commands_say_the_database_is_in_use() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let _server = Server(
        Command::new(BIN)
            .args(["serve", "--listen", &listen])
            .args([
                "--socketmap-listen",
                "127.0.0.1:0",
                "--internal-listen",
                "127.0.0.1:0",
            ])
            .env("MAILROOM_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let health = loop {
        if let Some(response) = http_get(port, "/healthz") {
            break response;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let expected = format!(
        "ok: store open, schema version {}",
        mailroom::store::SCHEMA_VERSION
    );
    assert!(health.contains(&expected), "{health}");
    assert!(data.path().join("mailroom.redb").exists());

    let started = Instant::now();
    let busy = run(data.path(), &["service", "add", "acme.example"], "");
    assert!(!busy.status.success());
    assert!(
        text(&busy).contains("the database is in use by a running mailroom"),
        "{}",
        text(&busy)
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "fails instead of hanging"
    );
}

#[test]
fn addresses_are_added_and_listed_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    installed(dir);

    let info = run(
        dir,
        &["address", "add", "info@acme.example", "--password-stdin"],
        "a mailbox password\n",
    );
    assert!(info.status.success(), "{}", text(&info));
    assert!(text(&info).contains("Created info@acme.example (Mailbox)."));
    let weak = run(
        dir,
        &["address", "add", "weak@acme.example", "--password-stdin"],
        "short\n",
    );
    assert!(!weak.status.success());
    assert!(text(&weak).contains("at least 12 characters"));
    let noreply = run(
        dir,
        &[
            "address",
            "add",
            "no-reply@acme.example",
            "--kind",
            "no-reply",
        ],
        "",
    );
    assert!(
        text(&noreply).contains("(No-reply), without a password"),
        "{}",
        text(&noreply)
    );
    let fw = run(
        dir,
        &[
            "address",
            "add",
            "boss@acme.example",
            "--forward-to",
            "boss@elsewhere.example",
            "--keep-copy",
        ],
        "",
    );
    assert!(fw.status.success(), "{}", text(&fw));
    let dup = run(dir, &["address", "add", "INFO@acme.example"], "");
    assert!(!dup.status.success());
    assert!(text(&dup).contains("already exists"));
    let unknown = run(dir, &["address", "add", "x@nowhere.example"], "");
    assert!(text(&unknown).contains("nowhere.example has no email service here"));
    let bad = run(dir, &["address", "add", "a+b@acme.example"], "");
    assert!(!bad.status.success());

    let list = run(dir, &["address", "list", "acme.example"], "");
    assert!(list.status.success(), "{}", text(&list));
    let out = String::from_utf8_lossy(&list.stdout).into_owned();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with(
        "boss@acme.example\tMailbox\tno password\tforwards to boss@elsewhere.example"
    ));
    assert!(lines[1].starts_with("info@acme.example\tMailbox\tpassword set"));
    assert!(lines[2].starts_with("no-reply@acme.example\tNo-reply"));
}

#[test]
fn mailserver_config_and_the_passwd_export() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let config = run(dir, &["mailserver-config"], "");
    assert!(config.status.success(), "{}", text(&config));
    let all = String::from_utf8_lossy(&config.stdout).into_owned();
    assert!(all.contains("virtual_alias_maps = socketmap:inet:127.0.0.1:10026:alias"));
    assert!(all.contains("driver = lua"));
    let secret = std::fs::read_to_string(dir.join("dovecot.secret")).unwrap();
    assert!(secret.len() >= 43, "a random secret is kept");
    assert!(
        all.contains(&format!("local secret = \"{secret}\"")),
        "the script carries it"
    );
    let again = run(dir, &["mailserver-config", "--section", "lua"], "");
    assert!(
        String::from_utf8_lossy(&again.stdout).contains(&secret),
        "the same secret next time"
    );
    assert!(all.contains("install it 0640 root:dovecot (it holds the Dovecot secret)"));
    // Written as files: those holding a secret are root's and Dovecot's.
    let out = tempfile::tempdir().unwrap();
    let written = run(
        dir,
        &[
            "mailserver-config",
            "--write",
            &out.path().display().to_string(),
        ],
        "",
    );
    assert!(written.status.success(), "{}", text(&written));
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let lua = std::fs::metadata(out.path().join("mailroom-auth.lua")).unwrap();
    assert_eq!(lua.permissions().mode() & 0o777, 0o640);
    assert!(
        std::fs::read_to_string(out.path().join("mailroom-auth.lua"))
            .unwrap()
            .contains(&secret)
    );
    let main = std::fs::metadata(out.path().join("postfix-main.cf")).unwrap();
    assert_eq!(main.permissions().mode() & 0o777, 0o644);
    let dovecot_gid = std::fs::read_to_string("/etc/group")
        .unwrap()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == "dovecot").then(|| f[2].parse::<u32>().unwrap())
        });
    if let (Some(gid), true) = (dovecot_gid, unsafe { libc::geteuid() } == 0) {
        assert_eq!((lua.uid(), lua.gid()), (0, gid), "root:dovecot");
    }

    installed(dir);
    assert!(
        run(
            dir,
            &["address", "add", "info@acme.example", "--password-stdin"],
            "a mailbox password\n"
        )
        .status
        .success()
    );
    assert!(
        run(dir, &["address", "add", "nopass@acme.example"], "")
            .status
            .success()
    );
    let file = dir.join("passwd");
    let export = run(
        dir,
        &["export", "dovecot-passwd", file.to_str().unwrap()],
        "",
    );
    assert!(export.status.success(), "{}", text(&export));
    assert!(text(&export).contains("Wrote 1 login to"));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("info@acme.example:{ARGON2ID}$argon2id$v=19$"),
        "{written}"
    );
    assert_eq!(written.lines().count(), 1);
}

#[test]
fn import_previews_then_creates_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    installed(dir);
    let file = dir.join("people.csv");
    std::fs::write(
        &file,
        "address,password\nanna,a long password 1\nbob,short\ncarl,a long password 3\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();

    let dry = run(
        dir,
        &["import", "--service", "acme.example", path, "--dry-run"],
        "",
    );
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(text(&dry).contains("3 rows, 2 will be created, 1 cannot be"));
    assert!(
        text(&dry)
            .contains("line 3, column password: The password must be at least 12 characters long")
    );
    assert!(text(&dry).contains("Dry run: nothing was created."));
    let list = run(dir, &["address", "list", "acme.example"], "");
    assert!(String::from_utf8_lossy(&list.stdout).is_empty());

    let real = run(dir, &["import", "--service", "acme.example", path], "");
    assert!(real.status.success(), "{}", text(&real));
    assert!(
        text(&real).contains("Done: 2 created, 0 failed, 1 skipped."),
        "{}",
        text(&real)
    );
    let list = run(dir, &["address", "list", "acme.example"], "");
    let out = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(
        out.contains("anna@acme.example\tMailbox\tpassword set")
            && out.contains("carl@acme.example")
    );
    assert!(!out.contains("bob@"));
}

#[test]
fn addresses_are_shared_and_device_passwords_made_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    installed(dir);
    assert!(
        run(dir, &["address", "add", "team@acme.example"], "")
            .status
            .success()
    );
    let member = run(
        dir,
        &["member", "add", "ann@acme.example", "--password-stdin"],
        "a member password\n",
    );
    assert!(member.status.success(), "{}", text(&member));

    // Only a member can be given an address, with known permissions.
    let stranger = run(
        dir,
        &[
            "address",
            "share",
            "team@acme.example",
            "--user",
            "zed@acme.example",
        ],
        "",
    );
    assert!(!stranger.status.success());
    assert!(
        text(&stranger).contains("not a member"),
        "{}",
        text(&stranger)
    );
    let typo = run(
        dir,
        &[
            "address",
            "share",
            "team@acme.example",
            "--user",
            "ann@acme.example",
            "--permissions",
            "password,histroy",
        ],
        "",
    );
    assert!(!typo.status.success());
    assert!(
        text(&typo).contains("Unknown permission"),
        "{}",
        text(&typo)
    );
    let shared = run(
        dir,
        &[
            "address",
            "share",
            "team@acme.example",
            "--user",
            "ann@acme.example",
            "--permissions",
            "password history",
        ],
        "",
    );
    assert!(shared.status.success(), "{}", text(&shared));

    // The secret alone on stdout, for scripts.
    let made = run(
        dir,
        &[
            "device-password",
            "create",
            "team@acme.example",
            "--user",
            "ann@acme.example",
            "--name",
            "Ann's phone",
        ],
        "",
    );
    assert!(made.status.success(), "{}", text(&made));
    let secret = String::from_utf8_lossy(&made.stdout).trim().to_owned();
    assert_eq!(String::from_utf8_lossy(&made.stdout).lines().count(), 1);
    let id = secret.split('-').next().unwrap().to_owned();
    assert!(id.parse::<u64>().is_ok(), "{secret}");
    assert_eq!(secret.len(), id.len() + 1 + 28 + 6, "{secret}");

    let list = run(dir, &["device-password", "list", "team@acme.example"], "");
    let out = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(
        out.starts_with(&format!("{id}\tann@acme.example\tAnn's phone\tnever used")),
        "{out}"
    );

    let revoked = run(
        dir,
        &["device-password", "revoke", "team@acme.example", &id],
        "",
    );
    assert!(revoked.status.success(), "{}", text(&revoked));
    let list = run(dir, &["device-password", "list", "team@acme.example"], "");
    assert!(list.stdout.is_empty(), "{}", text(&list));
    let again = run(
        dir,
        &["device-password", "revoke", "team@acme.example", &id],
        "",
    );
    assert!(!again.status.success());

    let unshared = run(
        dir,
        &[
            "address",
            "unshare",
            "team@acme.example",
            "--user",
            "ann@acme.example",
        ],
        "",
    );
    assert!(unshared.status.success(), "{}", text(&unshared));
    let no_access = run(
        dir,
        &[
            "device-password",
            "create",
            "team@acme.example",
            "--user",
            "ann@acme.example",
            "--name",
            "Laptop",
        ],
        "",
    );
    assert!(!no_access.status.success());
    assert!(
        text(&no_access).contains("does not use this address"),
        "{}",
        text(&no_access)
    );
}

#[test]
fn a_command_line_import_leaves_no_work_for_the_server() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    installed(dir);
    // Many batches' worth of rows (a batch is 8 rows per core).
    let rows: String = (0..300).map(|i| format!("user{i:03}\n")).collect();
    let file = dir.join("many.csv");
    std::fs::write(&file, format!("address\n{rows}")).unwrap();
    let limited = run(
        dir,
        &[
            "import",
            "--service",
            "acme.example",
            file.to_str().unwrap(),
            "--import-max-rows",
            "100",
        ],
        "",
    );
    assert!(!limited.status.success());
    assert!(
        text(&limited).contains("more than 100 rows"),
        "{}",
        text(&limited)
    );
    let real = run(
        dir,
        &[
            "import",
            "--service",
            "acme.example",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(text(&real).contains("Done: 300 created"), "{}", text(&real));

    let config = mailroom::Config::new(dir.to_path_buf());
    let app = mailroom::App::open(
        &config.database_path(),
        mailroom::app::AppSettings::default(),
    )
    .unwrap();
    let org = app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap();
    let owner = app.organisations().owner_of(org.id).unwrap();
    let waiting: Vec<_> = app
        .operations()
        .jobs_for(owner.user, 1000)
        .unwrap()
        .into_iter()
        .filter(|job| {
            matches!(job.job, mailroom::model::Job::ImportBatch { .. })
                && job.state == mailroom::model::JobState::Queued
        })
        .collect();
    assert!(
        waiting.len() <= 1,
        "{} import jobs left for the next start",
        waiting.len()
    );
}

/// `mailroom check`: a sound database passes with exit 0; a damaged one is
/// described and exits non-zero; the file is not changed either way.
#[test]
fn check_passes_a_sound_database_and_fails_a_damaged_one() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let sound = run(data.path(), &["check"], "");
    assert!(sound.status.success(), "{}", text(&sound));
    assert!(
        text(&sound).contains("ok: every record reads"),
        "{}",
        text(&sound)
    );
    assert!(text(&sound).contains("services 1"), "{}", text(&sound));

    let path = data.path().join("mailroom.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        let index: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("user_by_login");
        txn.open_table(index)
            .unwrap()
            .insert("ghost@acme.example", 404)
            .unwrap();
        txn.commit().unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let damaged = run(data.path(), &["check"], "");
    assert!(!damaged.status.success());
    assert!(
        text(&damaged).contains("user_by_login: an entry names a user (404)")
            && text(&damaged).contains("1 problem found; nothing was changed"),
        "{}",
        text(&damaged)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// `mailroom backup` while the server runs (asking it over the internal
/// listener) and while it is stopped; `mailroom restore` refuses while the
/// server runs, then puts the backup in place and keeps the replaced file.
#[test]
fn backups_while_running_and_stopped_and_a_restore() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let (port, internal) = (free_port(), free_port());
    let internal_listen = format!("127.0.0.1:{internal}");
    let mut server = Server(
        Command::new(BIN)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--socketmap-listen", "off"])
            .args(["--internal-listen", &internal_listen])
            .env("MAILROOM_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server"),
    );
    wait_for_health(port);
    let online = data.path().join("online.backup");
    let online_str = online.display().to_string();
    let made = run(
        data.path(),
        &["backup", &online_str, "--server", &internal_listen],
        "",
    );
    assert!(made.status.success(), "{}", text(&made));
    assert!(text(&made).contains("Backed up"), "{}", text(&made));
    assert!(
        std::fs::read(&online)
            .unwrap()
            .starts_with(b"MAILROOM-BACKUP 1\n")
    );
    let wrong = run(
        data.path(),
        &["backup", &online_str, "--server", &internal_listen],
        "",
    );
    assert!(wrong.status.success(), "a second backup replaces the first");

    let busy = run(data.path(), &["restore", &online_str], "");
    assert!(!busy.status.success());
    assert!(
        text(&busy).contains("in use by a running mailroom"),
        "{}",
        text(&busy)
    );
    let _ = server.0.kill();
    let _ = server.0.wait();

    // Stopped: a member added after the backup is gone once it is restored.
    let member = run(
        data.path(),
        &["member", "add", "late@acme.example", "--password-stdin"],
        "another good password\n",
    );
    assert!(member.status.success(), "{}", text(&member));
    let offline = data.path().join("offline.backup").display().to_string();
    assert!(run(data.path(), &["backup", &offline], "").status.success());
    let restored = run(data.path(), &["restore", &online_str], "");
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("kept at"), "{}", text(&restored));
    assert!(run(data.path(), &["check"], "").status.success());
    let again = run(
        data.path(),
        &["member", "add", "late@acme.example", "--password-stdin"],
        "another good password\n",
    );
    assert!(
        again.status.success(),
        "late@ was not in the backup: {}",
        text(&again)
    );
    let back = run(data.path(), &["restore", &offline], "");
    assert!(back.status.success(), "{}", text(&back));

    // Every backup holds every hash: its owner's alone, whatever the umask
    // (the test runs under the usual 022).
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&online), 0o600, "a backup from the running server");
    assert_eq!(
        mode(std::path::Path::new(&offline)),
        0o600,
        "a backup of the file"
    );
    // Disaster recovery: a new machine, whose data folder does not exist yet.
    let fresh = tempfile::tempdir().unwrap();
    let new_data = fresh.path().join("var/lib/mailroom");
    let onto_new = run(&new_data, &["restore", &online_str], "");
    assert!(onto_new.status.success(), "{}", text(&onto_new));
    assert_eq!(mode(&new_data.join("mailroom.redb")), 0o600);
    assert_eq!(mode(&new_data), 0o700);
    assert!(run(&new_data, &["check"], "").status.success());
}

/// `--backup-dir`: the server backs itself up on schedule, keeps the newest
/// `--backup-keep`, and each one restores.
#[test]
fn the_server_keeps_its_own_backups() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let backups = data.path().join("backups");
    let port = free_port();
    let mut server = Server(
        Command::new(BIN)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--socketmap-listen", "off", "--internal-listen", "off"])
            .args(["--backup-dir", &backups.display().to_string()])
            .args(["--backup-every", "1s", "--backup-keep", "2"])
            .env("MAILROOM_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server"),
    );
    let listed = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .map(|d| {
                d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".backup"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let mut seen = std::collections::BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.len() < 4 {
        assert!(Instant::now() < deadline, "backups made: {seen:?}");
        let now = listed();
        assert!(now.len() <= 2, "kept: {now:?}");
        seen.extend(now);
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = server.0.kill();
    let _ = server.0.wait();
    let newest = backups.join(listed().last().unwrap());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&newest).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a scheduled backup is its owner's alone");
    let restored = run(data.path(), &["restore", &newest.display().to_string()], "");
    assert!(restored.status.success(), "{}", text(&restored));
}

/// The internal listener has no TLS: on an address others can reach it
/// starts only when the operator says something else guards it.
#[test]
fn the_internal_listener_stays_on_loopback_unless_the_operator_says_otherwise() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    // 192.0.2.1 (TEST-NET-1) is no address of this machine: nothing is ever
    // bound outside loopback, whichever way the check goes.
    let serve = |extra: &[&str]| {
        Command::new(BIN)
            .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
            .args([
                "--socketmap-listen",
                "off",
                "--internal-listen",
                "192.0.2.1:10027",
            ])
            .args(extra)
            .env("MAILROOM_DATA_DIR", data.path())
            .output()
            .unwrap()
    };
    let refused = serve(&[]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("not a loopback address")
            && text(&refused).contains("--internal-listen-public"),
        "{}",
        text(&refused)
    );
    // Told, it goes on to bind (and fails only because the address is not here).
    let told = serve(&["--internal-listen-public"]);
    assert!(!told.status.success());
    assert!(
        !text(&told).contains("not a loopback address"),
        "{}",
        text(&told)
    );
    assert!(
        text(&told).contains("listening for Dovecot on 192.0.2.1:10027"),
        "{}",
        text(&told)
    );
}

/// Prometheus metrics on the internal listener: requests by route, lookups
/// by map and answer, mail logins by result, and the store's figures.
#[test]
fn metrics_count_what_the_server_did() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let (port, socketmap, internal) = (free_port(), free_port(), free_port());
    let _server = Server(
        Command::new(BIN)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--socketmap-listen", &format!("127.0.0.1:{socketmap}")])
            .args(["--internal-listen", &format!("127.0.0.1:{internal}")])
            .env("MAILROOM_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server"),
    );
    wait_for_health(port);
    http_get(port, "/login").unwrap();
    http_get(port, "/services/acme.example/addresses/x").unwrap();
    let mut lookups = TcpStream::connect(("127.0.0.1", socketmap)).unwrap();
    lookups.write_all(b"19:domain acme.example,").unwrap();
    let mut answer = [0u8; 64];
    let n = lookups.read(&mut answer).unwrap();
    assert!(
        answer[..n].starts_with(b"15:OK acme.example"),
        "{:?}",
        &answer[..n]
    );
    let secret = std::fs::read_to_string(data.path().join("dovecot.secret")).unwrap();
    // Five guesses are checked; the sixth from the same client is refused
    // unchecked (429: a temporary failure for Dovecot).
    let body = "user=nobody%40acme.example&password=x&service=imap&ip=203.0.113.9";
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let mut auth = TcpStream::connect(("127.0.0.1", internal)).unwrap();
        write!(
            auth,
            "POST /internal/dovecot/auth HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
             x-mailroom-secret: {}\r\ncontent-type: application/x-www-form-urlencoded\r\n\
             content-length: {}\r\n\r\n{body}",
            secret.trim(),
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        auth.read_to_string(&mut answer).unwrap();
        statuses.push(answer[9..12].to_owned());
    }
    assert_eq!(statuses, ["404", "404", "404", "404", "404", "429"]);

    // Each credential opens its own door only: what the mail server holds
    // (the Dovecot secret) neither reads the metrics nor fetches a backup.
    let refused = http_get(internal, "/metrics").unwrap();
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    let with = |path: &str, header: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", internal)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{header}\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
    };
    let as_dovecot = with(
        "/metrics",
        &format!("Authorization: Bearer {}", secret.trim()),
    );
    assert!(as_dovecot.starts_with("HTTP/1.1 401"), "{as_dovecot}");
    let backup = with(
        "/internal/backup",
        &format!("x-mailroom-secret: {}", secret.trim()),
    );
    assert!(backup.starts_with("HTTP/1.1 403"), "{backup}");
    let metrics_secret = std::fs::read_to_string(data.path().join("metrics.secret")).unwrap();
    for name in ["dovecot.secret", "backup.secret", "metrics.secret"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    assert_ne!(metrics_secret.trim(), secret.trim(), "a secret each");
    let metrics = with(
        "/metrics",
        &format!("Authorization: Bearer {}", metrics_secret.trim()),
    );
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    let line = |prefix: &str, labels: &[&str]| {
        metrics
            .lines()
            .find(|l| l.starts_with(prefix) && labels.iter().all(|label| l.contains(label)))
            .unwrap_or_else(|| panic!("{prefix} {labels:?} in:\n{metrics}"))
            .to_owned()
    };
    line(
        "mailroom_http_requests_total{",
        &["route=\"/healthz\"", "status=\"200\""],
    );
    assert!(
        line("mailroom_mail_logins_total{", &["result=\"throttled\""]).ends_with(" 1"),
        "one refusal counted"
    );
    line(
        "mailroom_http_requests_total{",
        &["route=\"/login\"", "method=\"GET\""],
    );
    line(
        "mailroom_http_requests_total{",
        &[
            "route=\"/services/{domain}/addresses/{local}",
            "status=\"303\"",
        ],
    );
    assert!(
        !metrics.contains("addresses/x"),
        "routes are patterns, never paths"
    );
    assert!(
        line(
            "mailroom_socketmap_lookups_total{",
            &["map=\"domain\"", "answer=\"found\""]
        )
        .ends_with(" 1")
    );
    assert!(line("mailroom_mail_logins_total{", &["result=\"unknown\""]).ends_with(" 5"));
    line(
        "mailroom_http_request_duration_seconds_bucket{",
        &["route=\"/login\""],
    );
    assert!(line("mailroom_addresses ", &[]).ends_with(" 0"));
    let bytes: f64 = line("mailroom_database_bytes ", &[])
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(bytes > 0.0);
}

/// A GET with a bearer token, as a script calling the API would.
fn api_get(port: u16, path: &str, token: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

#[test]
fn token_create_prints_only_the_token_and_the_server_accepts_it() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let bad = run(
        data.path(),
        &["token", "create", "--name", "x", "--scope", "root"],
        "",
    );
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty(), "{}", text(&bad));
    assert!(
        text(&bad).contains("read, addresses or admin"),
        "{}",
        text(&bad)
    );
    let made = run(
        data.path(),
        &[
            "token",
            "create",
            "--organisation",
            "Acme",
            "--name",
            "HR provisioning",
            "--scope",
            "addresses",
            "--expires",
            "30",
            "--allow-from",
            "127.0.0.1,::1",
        ],
        "",
    );
    assert!(made.status.success(), "{}", text(&made));
    let stdout = String::from_utf8(made.stdout.clone()).unwrap();
    let token = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(token.starts_with("mrt_"), "{stdout}");
    let listed = run(data.path(), &["token", "list"], "");
    assert!(
        text(&listed).contains("addresses\tHR provisioning\tactive\tnever used"),
        "{}",
        text(&listed)
    );

    let port = free_port();
    let _server = Server(
        Command::new(BIN)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--socketmap-listen", "off", "--internal-listen", "off"])
            .env("MAILROOM_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve"),
    );
    wait_for_health(port);
    let answer = api_get(port, "/api/v1/services", token);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"domain\":\"acme.example\""), "{answer}");
    let wrong = api_get(port, "/api/v1/services", &format!("{token}x"));
    assert!(wrong.starts_with("HTTP/1.1 401"), "{wrong}");
}

/// The commands speak the shell's language: what they did, and why they
/// refused, in German when `LANG` is German.
#[test]
fn commands_speak_the_language_of_the_shell() {
    let data = tempfile::tempdir().unwrap();
    installed(data.path());
    let added = run_in(
        "de_DE.UTF-8",
        data.path(),
        &["service", "add", "beispiel.example"],
        "",
    );
    assert!(added.status.success(), "{}", text(&added));
    assert!(
        text(&added).contains("E-Mail-Dienst für beispiel.example"),
        "{}",
        text(&added)
    );
    let again = run_in(
        "de_DE.UTF-8",
        data.path(),
        &["service", "add", "beispiel.example"],
        "",
    );
    assert!(!again.status.success());
    assert!(
        text(&again)
            .contains("Fehler: Die Domain beispiel.example hat bereits einen E-Mail-Dienst."),
        "{}",
        text(&again)
    );
    let french = run_in(
        "fr_CH.UTF-8",
        data.path(),
        &["address", "add", "nobody@beispiel.example"],
        "",
    );
    assert!(text(&french).contains("créée"), "{}", text(&french));
}

/// `--store postgres://…`: every command works on the database, nothing is
/// written into the data folder, another machine's data folder on the same
/// database sees the same records, and the commands that only know the
/// redb file say what to use instead.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn the_commands_work_on_a_postgresql_store() {
    let url = mailroom::store::pg::test_database();
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let on = |dir: &Path, args: &[&str], stdin: &str| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--store", url.as_str()]);
        run(dir, &all, stdin)
    };
    let setup = on(
        first.path(),
        &[
            "setup",
            "--organisation",
            "Acme",
            "--owner",
            "owner@acme.example",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(setup.status.success(), "{}", text(&setup));
    let service = on(
        first.path(),
        &["service", "add", "acme.example", "--skip-verification"],
        "",
    );
    assert!(service.status.success(), "{}", text(&service));
    let added = on(
        second.path(),
        &["address", "add", "info@acme.example", "--password-stdin"],
        "a long enough password\n",
    );
    assert!(added.status.success(), "{}", text(&added));
    let again = on(first.path(), &["address", "add", "INFO@acme.example"], "");
    assert!(!again.status.success(), "one database: {}", text(&again));
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    for dir in [first.path(), second.path()] {
        let files: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
        assert!(files.is_empty(), "nothing in the data folder: {files:?}");
    }
    // The check reads the database as it reads the file.
    let checked = on(first.path(), &["check"], "");
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(text(&checked).contains("addresses 1"), "{}", text(&checked));
    for command in [&["backup", "x.backup"][..], &["restore", "x.backup"]] {
        let refused = on(first.path(), command, "");
        assert!(!refused.status.success(), "{command:?}: {}", text(&refused));
        assert!(text(&refused).contains("pg_dump"), "{}", text(&refused));
    }
    let not_a_url = run(first.path(), &["check", "--store", "mysql://x/y"], "");
    assert!(!not_a_url.status.success());
    assert!(
        text(&not_a_url).contains("not a store URL"),
        "{}",
        text(&not_a_url)
    );
}

#[test]
fn an_out_of_office_reply_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    installed(dir);
    let made = run(dir, &["address", "add", "ann@acme.example"], "");
    assert!(made.status.success(), "{}", text(&made));
    let doveadm = ["--doveadm-url", "http://127.0.0.1:9", "--doveadm-key", "k"];
    let reply = |extra: &[&str], with_doveadm: bool| {
        let mut args = vec!["address", "auto-reply", "ann@acme.example"];
        args.extend_from_slice(extra);
        if with_doveadm {
            args.extend_from_slice(&doveadm);
        }
        run(dir, &args, "")
    };
    // Without the server's doveadm settings it could not be installed.
    let unconnected = reply(&["--message", "Away"], false);
    assert!(!unconnected.status.success());
    assert!(
        text(&unconnected).contains("--doveadm-url"),
        "{}",
        text(&unconnected)
    );
    for (bad, says) in [
        (
            vec!["--message", "Away", "--subject", "A\nBcc: x@evil.example"],
            "line break",
        ),
        (vec!["--message", "Away", "--start", "tomorrow"], "tomorrow"),
        (vec!["--message", "Away", "--days", "90"], "1 and 60"),
    ] {
        let refused = reply(&bad, true);
        assert!(!refused.status.success(), "{bad:?}");
        assert!(text(&refused).contains(says), "{bad:?}: {}", text(&refused));
    }
    // A reply's options without its message, or with --off, would be
    // dropped: refused.
    for dropped in [vec!["--subject", "Away"], vec!["--off", "--days", "3"]] {
        let refused = reply(&dropped, true);
        assert!(!refused.status.success(), "{dropped:?}: {}", text(&refused));
    }
    let none = reply(&[], false);
    assert!(
        text(&none).contains("has no automatic reply"),
        "{}",
        text(&none)
    );
    // The organisation's zone, in which the times are typed and shown; a
    // name the tz database does not know changes nothing.
    let zone = |args: &[&str]| {
        let mut all = vec!["organisation", "time-zone", "Acme"];
        all.extend_from_slice(args);
        run(dir, &all, "")
    };
    let bad = zone(&["Mars/Olympus"]);
    assert!(
        !bad.status.success() && text(&bad).contains("Mars/Olympus"),
        "{}",
        text(&bad)
    );
    assert_eq!(text(&zone(&[])).trim(), "UTC");
    let set = zone(&["europe/zurich"]);
    assert!(set.status.success(), "{}", text(&set));
    assert_eq!(text(&zone(&[])).trim(), "Europe/Zurich");
    let on = reply(
        &[
            "--message",
            "Back on Monday.",
            "--subject",
            "Away",
            "--start",
            "2099-01-10 09:00",
        ],
        true,
    );
    assert!(on.status.success(), "{}", text(&on));
    let shown = reply(&[], false);
    let shown = text(&shown);
    assert!(
        shown.contains("on, from 2099-01-10 09:00 until - (Europe/Zurich)")
            && shown.contains("Back on Monday."),
        "{shown}"
    );
    let off = reply(&["--off"], false);
    assert!(off.status.success(), "{}", text(&off));
    assert!(text(&reply(&[], false)).contains("ann@acme.example: off"));
}

//! The database's machine lost: a primary and a streaming replica made by
//! pg_basebackup (synchronous, as Patroni's synchronous mode or a managed
//! PostgreSQL with a synchronous standby runs them, so that an
//! acknowledged commit is on both), two Mailroom nodes writing through a
//! multi-host URL; the primary is stopped, the replica promoted, and both
//! nodes write again within 10 s without a restart, every address they
//! answered 201 for still there.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailroom::App;
use mailroom::app::{AppSettings, NewToken, StoreAt};
use mailroom::model::{Domain, EmailAddress, Password, Scope};

use super::http::request;
use super::processes::node;

fn pg_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server package (scripts/test installs it)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop().expect("pg_ctl")
}

/// `program`, as the postgres user when root: the server refuses to run
/// as root.
fn postgres_command(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn as_postgres(dir: &Path, program: &Path, args: &[&str]) {
    let status = postgres_command(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{} {args:?}", program.display());
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

fn free_pg_port(from: u16) -> u16 {
    // Below the ephemeral range: a connect retry there can meet itself.
    (from..from + 200)
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .unwrap()
}

/// The two servers, stopped and removed when dropped.
struct Pair {
    dir: tempfile::TempDir,
    bin: PathBuf,
    primary: u16,
    replica: u16,
}

impl Drop for Pair {
    fn drop(&mut self) {
        for data in ["p1", "p2"] {
            let data = self.dir.path().join(data);
            let _ = postgres_command(&self.bin.join("pg_ctl"))
                .args(["-D", &data.to_string_lossy(), "-m", "immediate", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn start(pair: &Pair, data: &str, port: u16, extra: &str) {
    let dir = pair.dir.path();
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 {extra}",
        dir.display()
    );
    as_postgres(
        dir,
        &pair.bin.join("pg_ctl"),
        &[
            "-D",
            &dir.join(data).to_string_lossy(),
            "-l",
            &dir.join(format!("{data}.log")).to_string_lossy(),
            "-w",
            "-o",
            &options,
            "start",
        ],
    );
}

fn pair() -> Pair {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    if is_root() {
        let status = Command::new("chown")
            .arg("postgres:")
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
    let bin = pg_bin();
    let primary = free_pg_port(25600);
    let replica = free_pg_port(primary + 1);
    let pair = Pair {
        dir,
        bin,
        primary,
        replica,
    };
    let dir = pair.dir.path();
    as_postgres(
        dir,
        &pair.bin.join("initdb"),
        &[
            "--no-sync",
            "-D",
            &dir.join("p1").to_string_lossy(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
    );
    // Synchronous: a commit is acknowledged once the replica has it.
    start(&pair, "p1", primary, "-c synchronous_standby_names=*");
    as_postgres(
        dir,
        &pair.bin.join("pg_basebackup"),
        &[
            "-h",
            "127.0.0.1",
            "-p",
            &primary.to_string(),
            "-U",
            "postgres",
            "-D",
            &dir.join("p2").to_string_lossy(),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        ],
    );
    start(&pair, "p2", replica, "");
    pair
}

#[test]
#[ignore = "needs PostgreSQL's server package: scripts/test installs it"]
fn the_primary_lost_and_the_replica_promoted_both_nodes_write_again_within_ten_seconds() {
    let pair = pair();
    let url = format!(
        "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/postgres?target_session_attrs=read-write",
        pair.primary, pair.replica
    );
    let token = {
        let app = App::open_at(&StoreAt::Postgres(url.clone()), AppSettings::default()).unwrap();
        let owner = EmailAddress::parse("owner@acme.example").unwrap();
        app.accounts()
            .setup(
                "Acme",
                &owner,
                &Password::new("correct horse battery", None).unwrap(),
                None,
            )
            .unwrap();
        let org = app.organisations().organisation_named(None).unwrap().id;
        let actor = app.organisations().owner_of(org).unwrap();
        app.services()
            .add_service_vouched(&actor, org, &Domain::parse("acme.example").unwrap())
            .unwrap();
        app.tokens()
            .create_token(
                &actor,
                org,
                NewToken {
                    name: "failover".into(),
                    scope: Scope::Addresses,
                    days: None,
                    allow_from: Vec::new(),
                },
            )
            .unwrap()
            .1
    };
    let nodes = [node(&url), node(&url)];
    let bearer = format!("Bearer {token}");
    let acknowledged: Arc<Mutex<Vec<(usize, String, Instant)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    std::thread::scope(|s| {
        for (n, node) in nodes.iter().enumerate() {
            let (acknowledged, stop, bearer) =
                (Arc::clone(&acknowledged), Arc::clone(&stop), bearer.clone());
            s.spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let local = format!("n{n}a{i}");
                    i += 1;
                    let made = request(
                        node.http,
                        "POST",
                        "/api/v1/services/acme.example/addresses",
                        &[("Authorization", &bearer), ("Content-Type", "application/json")],
                        &format!(r#"{{"local_part": "{local}", "for": "multiple", "password": "a long enough password"}}"#),
                    );
                    if made.status == 201 {
                        acknowledged.lock().unwrap().push((n, local, Instant::now()));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        }
        std::thread::sleep(Duration::from_secs(2));
        let dir = pair.dir.path();
        as_postgres(
            dir,
            &pair.bin.join("pg_ctl"),
            &[
                "-D",
                &dir.join("p1").to_string_lossy(),
                "-m",
                "immediate",
                "stop",
            ],
        );
        as_postgres(
            dir,
            &pair.bin.join("pg_ctl"),
            &["-D", &dir.join("p2").to_string_lossy(), "-w", "promote"],
        );
        let promoted = Instant::now();
        // Each node writes again within 10 s, without a restart.
        let deadline = promoted + Duration::from_secs(10);
        let wrote_again = |acknowledged: &[(usize, String, Instant)]| {
            [0, 1].map(|n| {
                acknowledged
                    .iter()
                    .any(|(m, _, at)| *m == n && *at > promoted)
            })
        };
        while Instant::now() < deadline
            && wrote_again(&acknowledged.lock().unwrap()) != [true, true]
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        stop.store(true, Ordering::Relaxed);
        assert_eq!(
            wrote_again(&acknowledged.lock().unwrap()),
            [true, true],
            "both nodes write again within 10 s of the promotion"
        );
    });
    let acknowledged = acknowledged.lock().unwrap().clone();
    // Every acknowledged address is in the promoted database.
    let after = App::open_at(&StoreAt::Postgres(url), AppSettings::default()).unwrap();
    let reader = after.store_for_tests().read().unwrap();
    use mailroom::store::prelude::*;
    let service = reader
        .service_by_domain(&Domain::parse("acme.example").unwrap())
        .unwrap()
        .unwrap();
    for (_, local, _) in &acknowledged {
        assert!(
            reader
                .address_by_name(
                    service.id,
                    &mailroom::model::LocalPart::parse(local).unwrap()
                )
                .unwrap()
                .is_some(),
            "{local} was acknowledged and is gone"
        );
    }
}

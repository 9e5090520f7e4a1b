//! `scripts/bench auth`: device-password checks through the path Dovecot's
//! Lua script uses (HTTP POST to the internal listener, then the store and
//! the keyed hash), against 100,000 addresses with 300,000 device passwords
//! (three users on each address, one password each). 8, 16 and 32 clients
//! on loopback for 10 s each, each waiting for its answer as Dovecot's auth worker
//! does. Prints checks per second, p50/p99 and the server's CPU time.
//! `MAILROOM_BENCH_MILLION=1` adds the steady state at 1,000,000 addresses
//! (3,000,000 device passwords). With `MAILROOM_POSTGRES_URL`, the same
//! on PostgreSQL in the same run, and each figure's ratio to redb's.

use std::process::Stdio;
use std::time::{Duration, Instant};

#[path = "support/common.rs"]
mod support;

use mailroom::app::AppSettings;
use mailroom::model::{
    Access, AccessState, AddressId, CredentialKey, DeviceName, DevicePassword, DeviceSecret,
    EmailAddress, LastUse, Membership, OrgId, Password, Permissions, Role, User, UserId,
};
use mailroom::{App, Config};
use support::{Figure, On, Server, compare, fill, free_port};

const ADDRESSES: usize = 100_000;
const USERS: usize = 300;
const PER_ADDRESS: usize = 3;
/// Concurrent checks, as Dovecot's auth workers send them (at most 30 by
/// default: `auth_worker_max_count`).
const CLIENTS: [usize; 3] = [8, 16, 32];
const DURATION: Duration = Duration::from_secs(10);
const SECRET: &str = "bench-secret";

fn main() -> anyhow::Result<()> {
    // Most checks come from devices already used today; the first check of
    // a device each day also writes its history (measured second).
    run(ADDRESSES, true)?;
    run(ADDRESSES, false)?;
    if std::env::var("MAILROOM_BENCH_MILLION").as_deref() == Ok("1") {
        run(1_000_000, true)?;
    }
    Ok(())
}

fn run(addresses: usize, used_today: bool) -> anyhow::Result<()> {
    let mut figures: Vec<(&str, Vec<Figure>)> = Vec::new();
    for on in On::each() {
        figures.push((on.name, run_on(&on, addresses, used_today)?));
    }
    let levels: &[usize] = if used_today { &CLIENTS } else { &CLIENTS[2..] };
    for (i, clients) in levels.iter().enumerate() {
        let each: Vec<(&str, Figure)> = figures.iter().map(|(on, f)| (*on, f[i])).collect();
        compare(
            &format!("device-password checks ({addresses} addresses, {clients} clients)"),
            &each,
        );
    }
    Ok(())
}

fn run_on(on: &On, addresses: usize, used_today: bool) -> anyhow::Result<Vec<Figure>> {
    let dir = tempfile::tempdir()?;
    let config = on.config(dir.path());
    let started = Instant::now();
    fill(&config, addresses)?;
    let logins = devices(&config, addresses, used_today)?;
    println!(
        "-- {}: {}",
        on.name,
        if used_today {
            "devices already used today (steady state)"
        } else {
            "every device's first use of the day (each writes a history event)"
        }
    );
    println!(
        "{addresses} addresses and {} device passwords filled through the store in {:.2?}",
        logins.len(),
        started.elapsed()
    );

    let (http, internal) = (free_port()?, free_port()?);
    let server = Server(
        on.mailroom(dir.path())
            .args(["serve", "--listen", &format!("127.0.0.1:{http}")])
            .args(["--socketmap-listen", "off"])
            .args(["--internal-listen", &format!("127.0.0.1:{internal}")])
            .args(["--dovecot-secret", SECRET])
            .stdout(Stdio::null())
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", internal)).is_err() {
        anyhow::ensure!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let logins = std::sync::Arc::new(logins);
    // The first use of the day writes once per device: measured at the
    // highest concurrency only, before the steady state is reached.
    let levels: &[usize] = if used_today { &CLIENTS } else { &CLIENTS[2..] };
    let mut figures = Vec::new();
    for &clients in levels {
        let cpu_before = cpu_seconds(server.0.id())?;
        let runtime = tokio::runtime::Runtime::new()?;
        let (mut latencies, errors) = runtime.block_on(load(internal, logins.clone(), clients))?;
        let cpu = cpu_seconds(server.0.id())? - cpu_before;
        latencies.sort();
        let pct =
            |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
        println!(
            "device-password checks: {} in {DURATION:?} with {clients} clients = {:.0}/s, p50 {:.2?}, p99 {:.2?}, wrong answers {errors}; server CPU {cpu:.1} s ({:.2} cores) on {} cores",
            latencies.len(),
            latencies.len() as f64 / DURATION.as_secs_f64(),
            pct(0.50),
            pct(0.99),
            cpu / DURATION.as_secs_f64(),
            std::thread::available_parallelism().map_or(0, |n| n.get()),
        );
        figures.push(Figure {
            rate: latencies.len() as f64 / DURATION.as_secs_f64(),
            p99: pct(0.99),
        });
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id()))?;
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        println!(
            "server peak RSS: {}",
            peak.trim_start_matches("VmHWM:").trim()
        );
    }
    Ok(figures)
}

/// Users, their accesses and one device password per (address, user);
/// returns each password's login and secret.
fn devices(
    config: &Config,
    addresses: usize,
    used_today: bool,
) -> anyhow::Result<Vec<(String, String)>> {
    let last_use = used_today.then(|| LastUse {
        at: mailroom::app::now(),
        protocol: "imap".into(),
        ip: Some("127.0.0.1".into()),
    });
    let app = App::open_at(&config.store_at(), AppSettings::default())?;
    // On PostgreSQL the key is kept in the database (App::open_at made it).
    let key_bytes: [u8; 32] = match config.store {
        Some(_) => app.store_for_tests().secret("credential_key", || [0; 32])?,
        None => std::fs::read(config.data_dir.join("credential.key"))?
            .try_into()
            .map_err(|_| anyhow::anyhow!("the key file is not 32 bytes"))?,
    };
    let key = CredentialKey::new(key_bytes);
    let hash = Password::new("a bench user password", None)?.hash()?;
    let store = app.store_for_tests();
    let users: Vec<UserId> = store.write(|tx| {
        let mut users = Vec::new();
        for i in 0..USERS {
            let user = tx.insert_user(|id| User {
                operator: false,
                lang: None,
                id,
                login: EmailAddress::parse(&format!("person{i}@people.example")).expect("login"),
                display_name: format!("person{i}"),
                password_hash: hash.clone(),
                created: 0,
            })?;
            tx.put_membership(&Membership {
                org: OrgId(1),
                user: user.id,
                role: Role::Member,
                since: 0,
            })?;
            users.push(user.id);
        }
        anyhow::Ok(users)
    })?;
    let mut logins = Vec::with_capacity(addresses * PER_ADDRESS);
    for start in (0..addresses).step_by(10_000) {
        store.write(|tx| {
            for i in start..(start + 10_000).min(addresses) {
                let address = AddressId(i as u64 + 1);
                for k in 0..PER_ADDRESS {
                    let user = users[(i * PER_ADDRESS + k) % USERS];
                    tx.put_access(&Access {
                        address,
                        user,
                        permissions: Permissions::none(),
                        state: AccessState::Active,
                        since: 0,
                    })?;
                    let mut secret = None;
                    tx.insert_credential(|id| {
                        let made = DeviceSecret::generate(id);
                        let hashed = key.hash(&made);
                        secret = Some(made.display());
                        DevicePassword {
                            id,
                            user,
                            address,
                            name: DeviceName::parse("Phone").expect("name"),
                            secret_hash: hashed,
                            created: 0,
                            expires: None,
                            last_use: last_use.clone(),
                        }
                    })?;
                    logins.push((format!("user{i:07}@bench.example"), secret.expect("made")));
                }
            }
            anyhow::Ok(())
        })?;
    }
    Ok(logins)
}

/// utime + stime of a process, in seconds.
fn cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 = fields.get(11).unwrap_or(&"0").parse::<f64>()?
        + fields.get(12).unwrap_or(&"0").parse::<f64>()?;
    Ok(ticks / 100.0)
}

/// Each client keeps one connection open and sends its next check when the
/// answer came, as Dovecot's auth worker does: plain HTTP/1.1 keep-alive,
/// written by hand so the load generator takes little of the 2 cores.
async fn load(
    port: u16,
    logins: std::sync::Arc<Vec<(String, String)>>,
    clients: usize,
) -> anyhow::Result<(Vec<Duration>, u64)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let end = Instant::now() + DURATION;
    let mut tasks = Vec::new();
    for worker in 0..clients {
        let logins = logins.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
            stream.set_nodelay(true)?;
            let mut latencies = Vec::with_capacity(200_000);
            let mut errors = 0u64;
            let mut buffer = vec![0u8; 4096];
            let mut n: usize = worker * 7919 + 1;
            while Instant::now() < end {
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let (login, secret) = &logins[(n >> 20) % logins.len()];
                // One check in twenty is a wrong password, as in real life.
                let wrong = (n >> 8).is_multiple_of(20);
                let password = if wrong {
                    // A different last character: a wrong password.
                    let last = if secret.ends_with('x') { 'y' } else { 'x' };
                    format!("{}{last}", &secret[..secret.len() - 1])
                } else {
                    secret.clone()
                };
                let body = serde_urlencoded::to_string([
                    ("user", login.as_str()),
                    ("password", password.as_str()),
                    ("service", "imap"),
                    ("ip", "127.0.0.1"),
                ])?;
                let request = format!(
                    "POST /internal/dovecot/auth HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Mailroom-Secret: {SECRET}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let t = Instant::now();
                stream.write_all(request.as_bytes()).await?;
                let mut got = 0;
                let status = loop {
                    let read = stream.read(&mut buffer[got..]).await?;
                    anyhow::ensure!(read > 0, "the server closed the connection");
                    got += read;
                    let text = &buffer[..got];
                    let Some(head_end) = text.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = std::str::from_utf8(&text[..head_end])?;
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if got >= head_end + 4 + length {
                        break head.get(9..12).unwrap_or("000").parse::<u16>().unwrap_or(0);
                    }
                };
                latencies.push(t.elapsed());
                let expected = if wrong { 403 } else { 200 };
                if status != expected {
                    errors += 1;
                }
            }
            anyhow::Ok((latencies, errors))
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, failed) = task.await??;
        all.extend(latencies);
        errors += failed;
    }
    Ok((all, errors))
}

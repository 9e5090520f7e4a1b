//! `scripts/bench lookups`: Postfix-style socketmap lookups against a service
//! with 100,000 addresses (and 1,000,000 with `MAILROOM_BENCH_MILLION=1`).
//! Fills the store directly, starts the release binary, then runs concurrent
//! clients on loopback for 10 s, each asking one lookup at a time as Postfix
//! does. Prints lookups per second, p50/p99 and the server's CPU time, on
//! the redb file and (with `MAILROOM_POSTGRES_URL`) on PostgreSQL in the
//! same run, their ratio, and PostgreSQL with two nodes against one.

use std::process::Stdio;
use std::time::{Duration, Instant};

#[path = "support/common.rs"]
mod support;

use support::{Figure, On, Server, compare, fill, free_port};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CLIENTS: usize = 32;
const DURATION: Duration = Duration::from_secs(10);

fn main() -> anyhow::Result<()> {
    let mut sizes = vec![100_000];
    if std::env::var("MAILROOM_BENCH_MILLION").as_deref() == Ok("1") {
        sizes.push(1_000_000);
    }
    for size in sizes {
        let mut figures = Vec::new();
        for on in On::each() {
            let dir = tempfile::tempdir()?;
            let started = Instant::now();
            fill(&on.config(dir.path()), size)?;
            println!(
                "-- {}: {size} addresses filled through the store in {:.2?}",
                on.name,
                started.elapsed()
            );
            figures.push((on.name, run(&on, dir.path(), size, 1)?));
            if on.url.is_some() {
                let two = run(&on, dir.path(), size, 2)?;
                println!(
                    "two nodes / one on {}: {:.2} of the rate",
                    on.name,
                    two.rate / figures[figures.len() - 1].1.rate
                );
            }
        }
        compare(&format!("lookups ({size} addresses)"), &figures);
    }
    Ok(())
}

/// `nodes` servers on the store in `dir`, the clients spread over them.
fn run(on: &On, dir: &std::path::Path, size: usize, nodes: usize) -> anyhow::Result<Figure> {
    let mut servers = Vec::new();
    let mut ports = Vec::new();
    for node in 0..nodes {
        let (http, socketmap) = (free_port()?, free_port()?);
        let data = dir.join(format!("node{node}"));
        std::fs::create_dir_all(&data)?;
        let mut command = on.mailroom(if node == 0 { dir } else { &data });
        let server = Server(
            command
                .args(["serve", "--listen", &format!("127.0.0.1:{http}")])
                .args([
                    "--socketmap-listen",
                    &format!("127.0.0.1:{socketmap}"),
                    "--internal-listen",
                    "off",
                ])
                .stdout(Stdio::null())
                .spawn()?,
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", socketmap)).is_err() {
            anyhow::ensure!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        servers.push(server);
        ports.push(socketmap);
    }
    let cpu = |servers: &[Server]| -> anyhow::Result<f64> {
        servers.iter().map(|s| cpu_seconds(s.0.id())).sum()
    };
    let cpu_before = cpu(&servers)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let (mut latencies, errors) = runtime.block_on(load(&ports, size))?;
    let cpu = cpu(&servers)? - cpu_before;
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let rate = latencies.len() as f64 / DURATION.as_secs_f64();
    println!(
        "lookups ({size} addresses, {}, {nodes} node(s)): {} in {DURATION:?} with {CLIENTS} clients = {rate:.0}/s, p50 {:.0?}, p99 {:.0?}, errors {errors}; server CPU {cpu:.1} s ({:.2} cores)",
        on.name,
        latencies.len(),
        pct(0.50),
        pct(0.99),
        cpu / DURATION.as_secs_f64(),
    );
    for server in &servers {
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id()))?;
        if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
            println!(
                "server peak RSS: {}",
                peak.trim_start_matches("VmHWM:").trim()
            );
        }
    }
    Ok(Figure {
        rate,
        p99: pct(0.99),
    })
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

async fn load(ports: &[u16], size: usize) -> anyhow::Result<(Vec<Duration>, u64)> {
    let end = Instant::now() + DURATION;
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let port = ports[client % ports.len()];
        tasks.push(tokio::spawn(async move {
            let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
            stream.set_nodelay(true)?;
            let mut latencies = Vec::with_capacity(200_000);
            let mut errors = 0u64;
            let mut buffer = vec![0u8; 512];
            let mut n: usize = client * 7919;
            while Instant::now() < end {
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Postfix's mix: mostly alias and mailbox lookups, some misses.
                let user = (n >> 33) % (size + size / 10);
                let map = ["alias", "mailbox", "alias", "sender", "domain"][(n >> 13) % 5];
                let key = if map == "domain" {
                    "bench.example".to_owned()
                } else {
                    format!("user{user:07}@bench.example")
                };
                let request = format!("{map} {key}");
                let frame = format!("{}:{request},", request.len());
                let t = Instant::now();
                stream.write_all(frame.as_bytes()).await?;
                let mut got = 0;
                loop {
                    let read = stream.read(&mut buffer[got..]).await?;
                    anyhow::ensure!(read > 0, "the server closed the connection");
                    got += read;
                    if buffer[..got].ends_with(b",") {
                        break;
                    }
                }
                latencies.push(t.elapsed());
                let reply = &buffer[..got];
                let ok = reply.windows(3).any(|w| w == b":OK")
                    || reply.windows(9).any(|w| w == b":NOTFOUND");
                if !ok {
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

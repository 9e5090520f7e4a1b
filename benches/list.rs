//! `scripts/bench list`: the dashboard with 100,000 addresses in one service
//! (and 1,000,000 with `MAILROOM_BENCH_MILLION=1`); `scripts/bench api` adds
//! the API's address list and prefix search (`MAILROOM_BENCH_API=1`), in the
//! same run against the same server, with the dashboard as the reference.
//! Fills a fresh database through the store, starts the release binary on a
//! loopback port, logs in, then runs 32 concurrent clients for 10 s against
//! the first page and against a prefix search. Prints figures; asserts none.
//! With `MAILROOM_POSTGRES_URL`, the same on PostgreSQL in the same run,
//! and each figure's ratio to redb's.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
#[path = "support/http.rs"]
mod http;
#[path = "support/common.rs"]
mod support;

use http::{cookie_of, wait_ready};

use support::{Figure, OWNER, On, PASSWORD, Server, compare, fill, free_port};

const CLIENTS: usize = 32;
const DURATION: Duration = Duration::from_secs(10);

fn main() -> anyhow::Result<()> {
    let mut sizes = vec![100_000];
    if std::env::var("MAILROOM_BENCH_MILLION").as_deref() == Ok("1") {
        sizes.push(1_000_000);
    }
    for size in sizes {
        let mut figures: Vec<(&str, Vec<(&str, Figure)>)> = Vec::new();
        for on in On::each() {
            figures.push((on.name, run(&on, size)?));
        }
        for (i, (what, _)) in figures[0].1.iter().enumerate() {
            let each: Vec<(&str, Figure)> = figures.iter().map(|(on, f)| (*on, f[i].1)).collect();
            compare(&format!("{what} ({size} addresses)"), &each);
        }
    }
    Ok(())
}

fn run(on: &On, addresses: usize) -> anyhow::Result<Vec<(&'static str, Figure)>> {
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    fill(&on.config(dir.path()), addresses)?;
    println!(
        "-- {}: filled {addresses} addresses through the store in {:.2?}",
        on.name,
        started.elapsed()
    );
    let api = std::env::var("MAILROOM_BENCH_API").as_deref() == Ok("1");
    let token = if api {
        Some(make_token(on, dir.path())?)
    } else {
        None
    };

    let port = free_port()?;
    let server = Server(
        on.mailroom(dir.path())
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--socketmap-listen", "off", "--internal-listen", "off"])
            // One token asks for everything here: its rate limit is not measured.
            .args(["--api-rate", "1000000000", "--api-burst", "1000000000"])
            .stdout(Stdio::null())
            .spawn()?,
    );
    let runtime = tokio::runtime::Runtime::new()?;
    let figures = runtime.block_on(async {
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build_http();
        let base = format!("http://127.0.0.1:{port}");
        wait_ready(&client, &base).await?;
        let cookie = ("cookie", login(&client, &base).await?);
        let page: &[u8] = b"<tr><";
        let mut runs = vec![
            (
                "dashboard, first page",
                "/services/bench.example".to_owned(),
                cookie.clone(),
                page,
            ),
            (
                "dashboard, prefix search",
                "/services/bench.example?q=user005".to_owned(),
                cookie,
                page,
            ),
        ];
        if let Some(token) = token {
            let bearer = ("authorization", format!("Bearer {token}"));
            let item: &[u8] = b"\"local_part\"";
            let list = "/api/v1/services/bench.example/addresses?limit=50";
            runs.push(("API, first page", list.to_owned(), bearer.clone(), item));
            runs.push((
                "API, prefix search",
                format!("{list}&prefix=user005"),
                bearer,
                item,
            ));
        }
        let mut figures = Vec::new();
        for (name, path, header, marker) in runs {
            let url = format!("{base}{path}");
            figures.push((name, load(&client, &url, &header, marker, name).await?));
        }
        anyhow::Ok(figures)
    })?;
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id()))?;
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: unknown");
    println!(
        "server peak RSS: {}",
        peak.trim_start_matches("VmHWM:").trim()
    );
    Ok(figures)
}

async fn login(client: &Client<HttpConnector, Full<Bytes>>, base: &str) -> anyhow::Result<String> {
    let page = client.get(format!("{base}/login").parse()?).await?;
    let anonymous = cookie_of(page.headers(), "mailroom_csrf")?;
    let body = String::from_utf8(page.into_body().collect().await?.to_bytes().to_vec())?;
    let marker = "name=\"_csrf\" value=\"";
    let start = body
        .find(marker)
        .ok_or_else(|| anyhow::anyhow!("no csrf"))?
        + marker.len();
    let token = &body[start..start + body[start..].find('"').unwrap_or(0)];
    let form =
        serde_urlencoded::to_string([("_csrf", token), ("email", OWNER), ("password", PASSWORD)])?;
    let request = hyper::Request::post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("mailroom_csrf={anonymous}"))
        .body(Full::new(Bytes::from(form)))?;
    let response = client.request(request).await?;
    Ok(format!(
        "mailroom_session={}",
        cookie_of(response.headers(), "mailroom_session")?
    ))
}

/// A read token, made with the command line before the server starts.
fn make_token(on: &On, data: &std::path::Path) -> anyhow::Result<String> {
    let out = on
        .mailroom(data)
        .args(["token", "create", "--name", "bench", "--scope", "read"])
        .stderr(Stdio::null())
        .output()?;
    anyhow::ensure!(out.status.success(), "mailroom token create failed");
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

/// `marker` is what each of the page's 50 rows holds: a shorter answer is
/// counted as an error.
async fn load(
    client: &Client<HttpConnector, Full<Bytes>>,
    url: &str,
    header: &(&'static str, String),
    marker: &'static [u8],
    name: &str,
) -> anyhow::Result<Figure> {
    let url: hyper::Uri = url.parse()?;
    let cookie = Arc::new(header.clone());
    let end = Instant::now() + DURATION;
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (client, url, cookie) = (client.clone(), url.clone(), Arc::clone(&cookie));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            while Instant::now() < end {
                let request = hyper::Request::get(url.clone())
                    .header(cookie.0, cookie.1.as_str())
                    .body(Full::new(Bytes::new()))
                    .map_err(|e| anyhow::anyhow!(e))?;
                let t = Instant::now();
                match client.request(request).await {
                    Ok(response) => {
                        let ok = response.status().is_success();
                        let body = response.into_body().collect().await?.to_bytes();
                        let rows = body.windows(marker.len()).filter(|w| *w == marker).count();
                        if ok && rows >= 50 {
                            latencies.push(t.elapsed());
                        } else {
                            errors += 1;
                        }
                    }
                    Err(_) => errors += 1,
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
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{name}: {} requests in {:?} with {CLIENTS} clients = {:.0} req/s, p50 {:.2?}, p99 {:.2?}, errors {errors}",
        all.len(),
        DURATION,
        all.len() as f64 / DURATION.as_secs_f64(),
        pct(0.50),
        pct(0.99),
    );
    Ok(Figure {
        rate: all.len() as f64 / DURATION.as_secs_f64(),
        p99: pct(0.99),
    })
}

//! `scripts/bench tenancy`: many organisations on one installation. Fills
//! 10,000 organisations of 100 addresses each, each with its own owner
//! (1,000,000 addresses; `MAILROOM_BENCH_ORGS` and `MAILROOM_BENCH_PER_ORG`
//! change the shape) through the store, starts the release binary, and
//! runs 32 concurrent clients for 10 s each: socketmap lookups, against one
//! organisation with the same number of addresses in one service (their
//! ratio); then, over HTTP, `/healthz` (the floor of this machine under
//! this load) and the operator's console (its first page, a search by name,
//! a search by domain, with a session that gave its second factor) and
//! API (first page, search by domain), each read against the floor; and
//! another organisation's service against a domain no one has (both "not
//! found": their times should not tell them apart).
//! Prints figures; asserts none. redb only: the organisations' queries are
//! the same on PostgreSQL, whose figures `scripts/bench list` and `lookups`
//! compare.

use std::process::Stdio;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use mailroom::app::{Actor, AppSettings, OperatorActor};
use mailroom::model::{Domain, EmailAddress, LocalPart, Role};
use mailroom::model::{Membership, Password, User};
use mailroom::store::prelude::*;
use mailroom::{App, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[path = "support/http.rs"]
mod http;
#[path = "support/common.rs"]
mod support;

use http::{cookie_of, wait_ready};

use support::{Figure, OWNER, On, PASSWORD, Server, compare, free_port};

const CLIENTS: usize = 32;
const DURATION: Duration = Duration::from_secs(10);
/// Organisations (with their addresses) written per transaction.
const BATCH: usize = 100;

type Http = Client<HttpConnector, Full<Bytes>>;
/// Each client's latencies and failures.
type Task = tokio::task::JoinHandle<anyhow::Result<(Vec<Duration>, u64)>>;

fn count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let orgs = count("MAILROOM_BENCH_ORGS", 10_000);
    let per = count("MAILROOM_BENCH_PER_ORG", 100);
    // The redb file: the organisations' queries are the same on PostgreSQL.
    let on = On::each().swap_remove(0);

    let many = tempfile::tempdir()?;
    let started = Instant::now();
    let secret = fill_organisations(&on.config(many.path()), orgs, per)?;
    println!(
        "-- {orgs} organisations of {per} addresses ({} in all) filled through the store in {:.2?}",
        orgs * per,
        started.elapsed()
    );
    let token = operator_token(&on, many.path())?;
    // Lookups first, on a server that has answered nothing else yet, as
    // on the one organisation's below.
    let many_lookups = serve(&on, many.path(), |_, socketmap| async move {
        lookups(socketmap, orgs * per, Some(per)).await
    })?;
    serve(&on, many.path(), |http, _| async move {
        let client: Http = Client::builder(TokioExecutor::new()).build_http();
        let base = format!("http://127.0.0.1:{http}");
        wait_ready(&client, &base).await?;
        let cookie = ("cookie", login(&client, &base, &secret).await?);
        let bearer = ("authorization", format!("Bearer {token}"));
        let middle = orgs / 2;
        let row: &[u8] = b"<tr><td><a href=\"/operator/organisations/";
        let item: &[u8] = b"\"owners\"";
        // The floor: the server's cheapest answer, under the same load on
        // the same machine; each page's latency is read against it.
        let healthz = format!("{base}/healthz");
        let healthz = http_load(&client, &healthz, &cookie, b"", 0, "reference: /healthz").await?;
        let runs = [
            (
                "console, first page",
                "/operator".to_owned(),
                &cookie,
                row,
                mailroom::app::ORGANISATION_PAGE,
            ),
            (
                "console, search by name",
                format!("/operator?q=Org+{middle:05}"),
                &cookie,
                row,
                1,
            ),
            (
                "console, search by domain",
                format!("/operator?q=org{middle:05}.example"),
                &cookie,
                row,
                1,
            ),
            (
                "API, first page",
                "/api/v1/operator/organisations".to_owned(),
                &bearer,
                item,
                mailroom::app::ORGANISATION_PAGE,
            ),
            (
                "API, search by domain",
                format!("/api/v1/operator/organisations?search=org{middle:05}.example"),
                &bearer,
                item,
                1,
            ),
        ];
        for (name, path, header, marker, rows) in runs {
            let url = format!("{base}{path}");
            let figure = http_load(&client, &url, header, marker, rows, name).await?;
            println!(
                "{name}: {:.2} of /healthz's rate, p99 {:.1} times its p99",
                figure.rate / healthz.rate,
                figure.p99.as_secs_f64() / healthz.p99.as_secs_f64()
            );
        }
        // Another organisation's service and a domain no one has: the same
        // "not found", and (their figures side by side) the same time.
        let foreign = format!("{base}/services/org{middle:05}.example");
        let foreign = http_load_expecting(
            &client,
            &foreign,
            &cookie,
            b"",
            0,
            "another organisation's service",
            404,
        )
        .await?;
        let missing = format!("{base}/services/nowhere.example");
        let missing = http_load_expecting(
            &client,
            &missing,
            &cookie,
            b"",
            0,
            "a service no one has",
            404,
        )
        .await?;
        compare(
            "not found",
            &[("no one's", missing), ("another organisation's", foreign)],
        );
        Ok(healthz)
    })?;

    let one = tempfile::tempdir()?;
    support::fill(&on.config(one.path()), orgs * per)?;
    let one_lookups = serve(&on, one.path(), |_, socketmap| async move {
        lookups(socketmap, orgs * per, None).await
    })?;
    compare(
        &format!("lookups on {}, {} addresses", on.name, orgs * per),
        &[
            ("one organisation", one_lookups),
            ("many organisations", many_lookups),
        ],
    );
    Ok(())
}

/// The owner of Bench is the operator, with two-factor sign-in; then
/// `orgs` organisations "Org 00000"… each owned by them, with the service
/// org00000.example and `per` addresses. Returns a recovery code, for the
/// bench's sign-in.
fn fill_organisations(config: &Config, orgs: usize, per: usize) -> anyhow::Result<String> {
    let app = App::open_at(&config.store_at(), AppSettings::default())?;
    let owner = EmailAddress::parse(OWNER)?;
    app.accounts()
        .setup("Bench", &owner, &Password::new(PASSWORD, None)?, None)?;
    let bench = app.organisations().organisation_named(None)?;
    let actor: Actor = app.organisations().owner_of(bench.id)?;
    let enrolment = app.accounts().begin_second_factor(&actor)?;
    let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .as_ref()
        .to_vec();
    // The code just used counts once: the bench signs in with a recovery
    // code.
    let recovery = app
        .accounts()
        .confirm_second_factor(&actor, None, &code(&secret)?)?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no recovery code"))?;
    // Each organisation has an owner of its own (with the bench owner's
    // password hash: no hashing here), as a provider's customers do.
    let password_hash = {
        let reader = app.store_for_tests().read()?;
        reader
            .user(actor.user)?
            .ok_or_else(|| anyhow::anyhow!("no owner"))?
            .password_hash
    };
    for start in (0..orgs).step_by(BATCH) {
        app.store_for_tests().write(|tx| {
            for n in start..(start + BATCH).min(orgs) {
                let org = tx.insert_organisation(&format!("Org {n:05}"), 0, Default::default())?;
                let login = EmailAddress::parse(&format!("owner@org{n:05}.example"))?;
                let owner = tx.insert_user(|id| User {
                    id,
                    login: login.clone(),
                    display_name: "owner".into(),
                    password_hash: password_hash.clone(),
                    created: 0,
                    operator: false,
                    lang: None,
                })?;
                tx.put_membership(&Membership {
                    org: org.id,
                    user: owner.id,
                    role: Role::Owner,
                    since: 0,
                })?;
                let domain = Domain::parse(&format!("org{n:05}.example"))?;
                let service = tx.insert_service(org.id, &domain, 0)?;
                for i in 0..per {
                    let local_part = LocalPart::parse(&format!("user{i:07}"))?;
                    tx.insert_address(|id| support::address(id, service.id, local_part))?;
                }
            }
            anyhow::Ok(())
        })?;
    }
    // The console reads what a page shows: asked once here, as a check.
    let page = app
        .operators()
        .organisations(OperatorActor::CommandLine, "", None, 50)?;
    anyhow::ensure!(
        page.items.len() == 50.min(orgs + 1),
        "the console lists them"
    );
    Ok(recovery)
}

fn code(secret: &[u8]) -> anyhow::Result<String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    Ok(totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .generate(now)
        .to_string())
}

/// An operator's token, made with the command line before the server starts.
fn operator_token(on: &On, data: &std::path::Path) -> anyhow::Result<String> {
    let out = on
        .mailroom(data)
        .args([
            "operator",
            "token",
            "create",
            "--operator",
            OWNER,
            "--name",
            "bench",
        ])
        .stderr(Stdio::null())
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "mailroom operator token create failed"
    );
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

/// Runs `work` against a release server on the data in `dir`, given its
/// HTTP and socketmap ports.
fn serve<F, Fut>(on: &On, dir: &std::path::Path, work: F) -> anyhow::Result<Figure>
where
    F: FnOnce(u16, u16) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Figure>>,
{
    let (http, socketmap) = (free_port()?, free_port()?);
    let server = Server(
        on.mailroom(dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{http}")])
            .args(["--socketmap-listen", &format!("127.0.0.1:{socketmap}")])
            .args(["--internal-listen", "off"])
            // One token asks for everything here: its rate limit is not measured.
            .args(["--api-rate", "1000000000", "--api-burst", "1000000000"])
            .stdout(Stdio::null())
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::net::TcpStream::connect(("127.0.0.1", socketmap)).is_err() {
        anyhow::ensure!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let figure = runtime.block_on(work(http, socketmap))?;
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id()))?;
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        println!(
            "server peak RSS: {}",
            peak.trim_start_matches("VmHWM:").trim()
        );
    }
    Ok(figure)
}

/// Signs in with the password, then the second factor's code: the
/// session's cookie.
async fn login(client: &Http, base: &str, recovery: &str) -> anyhow::Result<String> {
    let (csrf, form_token) = form_of(client, &format!("{base}/login"), None).await?;
    let form = serde_urlencoded::to_string([
        ("_csrf", form_token.as_str()),
        ("email", OWNER),
        ("password", PASSWORD),
    ])?;
    let response = post(
        client,
        &format!("{base}/login"),
        &format!("mailroom_csrf={csrf}"),
        form,
    )
    .await?;
    let session = cookie_of(response.headers(), "mailroom_session")?;
    let cookie = format!("mailroom_session={session}");
    let (_, form_token) = form_of(client, &format!("{base}/login/code"), Some(&cookie)).await?;
    let form = serde_urlencoded::to_string([("_csrf", form_token.as_str()), ("code", recovery)])?;
    let response = post(client, &format!("{base}/login/code"), &cookie, form).await?;
    anyhow::ensure!(
        response.status().is_redirection(),
        "the code was refused: {}",
        response.status()
    );
    // A new session once the code is given, when the server turns it.
    Ok(cookie_of(response.headers(), "mailroom_session")
        .map(|s| format!("mailroom_session={s}"))
        .unwrap_or(cookie))
}

/// A page's CSRF cookie (when it sets one) and its forms' token.
async fn form_of(
    client: &Http,
    url: &str,
    cookie: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let mut request = hyper::Request::get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let page = client
        .request(request.body(Full::new(Bytes::new()))?)
        .await?;
    let csrf = cookie_of(page.headers(), "mailroom_csrf").unwrap_or_default();
    let body = String::from_utf8(page.into_body().collect().await?.to_bytes().to_vec())?;
    let marker = "name=\"_csrf\" value=\"";
    let start = body
        .find(marker)
        .ok_or_else(|| anyhow::anyhow!("no form on {url}"))?
        + marker.len();
    let token = body[start..start + body[start..].find('"').unwrap_or(0)].to_owned();
    Ok((csrf, token))
}

async fn post(
    client: &Http,
    url: &str,
    cookie: &str,
    form: String,
) -> anyhow::Result<hyper::Response<hyper::body::Incoming>> {
    let request = hyper::Request::post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Full::new(Bytes::from(form)))?;
    Ok(client.request(request).await?)
}

/// `rows`: how many times `marker` must appear for an answer to count.
async fn http_load(
    client: &Http,
    url: &str,
    header: &(&'static str, String),
    marker: &'static [u8],
    rows: usize,
    name: &str,
) -> anyhow::Result<Figure> {
    http_load_expecting(client, url, header, marker, rows, name, 200).await
}

/// The same, counting answers with `status` as the ones expected.
async fn http_load_expecting(
    client: &Http,
    url: &str,
    header: &(&'static str, String),
    marker: &'static [u8],
    rows: usize,
    name: &str,
    status: u16,
) -> anyhow::Result<Figure> {
    let url: hyper::Uri = url.parse()?;
    let end = Instant::now() + DURATION;
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (client, url, header) = (client.clone(), url.clone(), header.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            while Instant::now() < end {
                let request = hyper::Request::get(url.clone())
                    .header(header.0, header.1.as_str())
                    .body(Full::new(Bytes::new()))
                    .map_err(|e| anyhow::anyhow!(e))?;
                let t = Instant::now();
                match client.request(request).await {
                    Ok(response) => {
                        let ok = response.status().as_u16() == status;
                        let body = response.into_body().collect().await?.to_bytes();
                        let found = match marker.len() {
                            0 => 0,
                            n => body.windows(n).filter(|w| *w == marker).count(),
                        };
                        if ok && found >= rows {
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
    let (all, errors) = gather(tasks).await?;
    Ok(report(name, all, errors))
}

async fn gather(tasks: Vec<Task>) -> anyhow::Result<(Vec<Duration>, u64)> {
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, failed) = task.await??;
        all.extend(latencies);
        errors += failed;
    }
    all.sort();
    Ok((all, errors))
}

fn report(name: &str, all: Vec<Duration>, errors: u64) -> Figure {
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let rate = all.len() as f64 / DURATION.as_secs_f64();
    println!(
        "{name}: {} in {DURATION:?} with {CLIENTS} clients = {rate:.0}/s, p50 {:.2?}, p99 {:.2?}, errors {errors}",
        all.len(),
        pct(0.50),
        pct(0.99),
    );
    Figure {
        rate,
        p99: pct(0.99),
    }
}

/// Postfix's mix of socketmap lookups over `size` addresses (a tenth more
/// keys than addresses: some misses): spread over the organisations'
/// domains of `per` addresses each, or in bench.example alone.
async fn lookups(port: u16, size: usize, per: Option<usize>) -> anyhow::Result<Figure> {
    let end = Instant::now() + DURATION;
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
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
                let user = (n >> 33) % (size + size / 10);
                let (local, domain) = match per {
                    Some(per) => (user % per, format!("org{:05}.example", user / per)),
                    None => (user, "bench.example".to_owned()),
                };
                let map = ["alias", "mailbox", "alias", "sender", "domain"][(n >> 13) % 5];
                let key = if map == "domain" {
                    domain
                } else {
                    format!("user{local:07}@{domain}")
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
                if !(reply.windows(3).any(|w| w == b":OK")
                    || reply.windows(9).any(|w| w == b":NOTFOUND"))
                {
                    errors += 1;
                }
            }
            anyhow::Ok((latencies, errors))
        }));
    }
    let (all, errors) = gather(tasks).await?;
    let name = match per {
        Some(_) => "lookups, many organisations",
        None => "lookups, one organisation",
    };
    Ok(report(name, all, errors))
}

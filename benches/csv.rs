//! `scripts/bench csv`: bulk creation of 10,000 addresses with passwords on
//! one service, in-process as the job runs it. Prints rows per second, one
//! argon2id hash's time, the ratio of the import rate to the hashing bound
//! (cores ÷ one hash's time), preview times for 10,000 and 100,000 rows, and
//! the peak RSS. `MAILROOM_BENCH_ROWS=100000` imports 100,000 instead.

use std::time::Instant;

use mailroom::app::AppSettings;
use mailroom::model::ImportState;
use mailroom::model::{Domain, EmailAddress, Password};
use mailroom::{App, Config};

fn file(rows: usize) -> Vec<u8> {
    let mut csv = String::from("address,password\n");
    for i in 0..rows {
        csv.push_str(&format!("user{i:06},a long password number {i:06}\n"));
    }
    csv.into_bytes()
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn rss_now() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_owned())
        })
        .unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    mailroom::memory::tune_allocator();
    let rows: usize = std::env::var("MAILROOM_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let password = Password::new("a long password for timing", None)?;
    let started = Instant::now();
    let samples = 10;
    for _ in 0..samples {
        password.hash()?;
    }
    let hash_secs = started.elapsed().as_secs_f64() / f64::from(samples);
    println!(
        "one argon2id hash (m=19456 KiB, t=2, p=1): {:.1} ms; {cores} cores",
        hash_secs * 1000.0
    );

    let dir = tempfile::tempdir()?;
    let config = Config::new(dir.path().to_path_buf());
    let app = App::open(&config.database_path(), AppSettings::default())?;
    let owner = EmailAddress::parse("owner@bench.example")?;
    app.setup("Bench", &owner, &password, None)?;
    let org = app.organisation_named(None)?;
    let actor = app.owner_of(org.id)?;
    let domain = Domain::parse("bench.example")?;
    app.add_service(&actor, org.id, &domain)?;

    for size in [10_000, 100_000] {
        let bytes = file(size);
        if std::env::var("MAILROOM_BENCH_PROBE").is_ok() {
            let parsed = mailroom::bulk::parse(&bytes, usize::MAX, usize::MAX)?;
            println!(
                "after parse of {size}: {} rows, rss {}",
                parsed.rows.len(),
                rss_now()
            );
        }
        let started = Instant::now();
        let preview = app.preview(actor.user, &domain, &mut std::io::Cursor::new(&bytes), 0)?;
        if std::env::var("MAILROOM_BENCH_PROBE").is_ok() {
            println!("after preview of {size}: rss {}", rss_now());
        }
        println!(
            "preview of {size} rows ({} bytes): {:.0} ms, {} valid",
            bytes.len(),
            started.elapsed().as_secs_f64() * 1000.0,
            preview.totals.valid
        );
    }

    let bytes = file(rows);
    let started = Instant::now();
    let record = app.upload_import(&actor, &domain, "bench.csv", &bytes)?;
    app.start_import(&actor, &domain, record.id)?;
    loop {
        app.import_batch_here(record.id)?;
        let current = app.import_record(actor.user, &domain, record.id)?;
        if current.state == ImportState::Done {
            anyhow::ensure!(
                current.created_count as usize == rows,
                "only {} created",
                current.created_count
            );
            break;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let rate = rows as f64 / secs;
    let bound = cores as f64 / hash_secs;
    println!(
        "import of {rows} rows: {secs:.1} s = {rate:.1} rows/s; hashing bound {bound:.1} rows/s; ratio {:.2}",
        rate / bound
    );
    println!("peak RSS: {}", peak_rss());
    Ok(())
}

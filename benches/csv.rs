//! `scripts/bench csv`: bulk creation of 10,000 addresses with passwords on
//! one service, in-process as the job runs it. Prints rows per second, one
//! argon2id hash's time, the ratio of the import rate to the hashing bound
//! (cores ÷ one hash's time), upload and preview times for 10,000, 100,000
//! and 1,000,000 rows, and the peak RSS. `MAILROOM_BENCH_ROWS=100000` imports 100,000 instead.

use std::time::Instant;

use mailroom::app::{AppSettings, ImportLimits, PREVIEW_PAGE};
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
    let settings = AppSettings {
        imports: ImportLimits {
            max_bytes: 1 << 30,
            max_rows: 1_000_000,
        },
        ..AppSettings::default()
    };
    let app = App::open(&config.database_path(), settings)?;
    let owner = EmailAddress::parse("owner@bench.example")?;
    app.accounts().setup("Bench", &owner, &password, None)?;
    let org = app.organisations().organisation_named(None)?;
    let actor = app.organisations().owner_of(org.id)?;
    let domain = Domain::parse("bench.example")?;
    app.services().add_service(&actor, org.id, &domain)?;

    // Uploaded, not started: the page a person sees before starting, its
    // last page (every row before it checked) timed as the server makes it.
    for size in [10_000, 100_000, 1_000_000] {
        let bytes = file(size);
        let started = Instant::now();
        let record = app
            .imports()
            .upload_import(&actor, &domain, "preview.csv", &bytes)?;
        let upload = started.elapsed();
        let started = Instant::now();
        let last = size.div_ceil(PREVIEW_PAGE) - 1;
        let (_, preview) = app
            .imports()
            .import_of(actor.user, &domain, record.id, last)?;
        let shown = preview.map_or(0, |p| p.rows.len());
        println!(
            "preview of {size} rows ({} bytes): upload {:.0} ms, last page ({shown} rows) {:.0} ms; rss {}",
            bytes.len(),
            upload.as_secs_f64() * 1000.0,
            started.elapsed().as_secs_f64() * 1000.0,
            rss_now()
        );
    }

    let bytes = file(rows);
    let started = Instant::now();
    let record = app
        .imports()
        .upload_import(&actor, &domain, "bench.csv", &bytes)?;
    app.imports().start_import(&actor, &domain, record.id)?;
    loop {
        app.imports().import_batch_here(record.id)?;
        let current = app
            .imports()
            .import_record(actor.user, &domain, record.id)?;
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

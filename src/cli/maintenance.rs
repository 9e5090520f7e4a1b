//! `mailroom check`, `backup` and `restore`: the database's soundness in
//! words and an exit code, and its backups.

use mailroom::t;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use http_body_util::BodyExt;
use mailroom::Config;
use mailroom::app::BackupHeader;

/// A store URL as it may be printed: without a password.
fn redacted(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, rest)), Some(at)) => {
            let user = &rest[..at - scheme.len() - 3];
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{}", &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Backups and restores read and write the redb file; a PostgreSQL store
/// is PostgreSQL's to back up.
fn file_only(config: &Config, command: &str) -> anyhow::Result<()> {
    match config.store_at() {
        mailroom::app::StoreAt::File(_) => Ok(()),
        mailroom::app::StoreAt::Postgres(_) => anyhow::bail!(
            "`mailroom {command}` works on the redb file; this store is PostgreSQL: back it up \
             with pg_dump and restore it with pg_restore"
        ),
    }
}

pub fn check(config: &Config) -> anyhow::Result<()> {
    let at = config.store_at();
    let report = mailroom::app::check_store(&at)?;
    let place = match &at {
        mailroom::app::StoreAt::File(path) => path.display().to_string(),
        mailroom::app::StoreAt::Postgres(url) => redacted(url),
    };
    let counted: Vec<String> = report
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| format!("{table} {n}"))
        .collect();
    println!("{place}: {}", counted.join(", "));
    for problem in &report.problems {
        println!("{}", t!("cli-check-problem", problem = problem));
    }
    if report.is_sound() {
        println!("{}", t!("cli-check-ok"));
        Ok(())
    } else {
        anyhow::bail!(t!("cli-check-failed", count = report.problems.len()))
    }
}

/// Writes a backup to `file`: from the database when no server runs, else
/// from the running server at `server` (its internal listener). Written
/// beside `file` first and verified whole, so `file` is only ever a
/// complete, checked backup.
pub fn backup(config: &Config, file: &Path, server: SocketAddr) -> anyhow::Result<()> {
    file_only(config, "backup")?;
    let partial = file.with_extension("partial");
    // A backup holds every password hash: its owner's to read only.
    let mut out = mailroom::app::create_private_file(&partial)
        .with_context(|| format!("creating {}", partial.display()))?;
    let made = mailroom::app::backup_database(&config.database_path(), &mut out);
    let header = match made {
        Ok(Some(header)) => header,
        Ok(None) => {
            let fetched = fetch(config, server, &mut out);
            let scratch = file.parent().filter(|p| !p.as_os_str().is_empty());
            let checked = fetched.and_then(|()| {
                Ok(mailroom::app::verify_backup(
                    &partial,
                    scratch.unwrap_or(Path::new(".")),
                )?)
            });
            match checked {
                Ok(header) => header,
                Err(error) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(error.context(format!("asking the running server at {server}")));
                }
            }
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error.into());
        }
    };
    out.sync_all()?;
    std::fs::rename(&partial, file)?;
    describe(&t!("cli-backed-up"), &header, file);
    Ok(())
}

fn describe(done: &str, header: &BackupHeader, file: &Path) {
    println!(
        "{done} {} ({})",
        file.display(),
        t!(
            "cli-backup-details",
            schema = header.schema,
            bytes = header.bytes,
            sha256 = &header.sha256
        )
    );
}

fn fetch(config: &Config, server: SocketAddr, out: &mut std::fs::File) -> anyhow::Result<()> {
    use std::io::Write;
    // The backup's own secret, beside the database: whoever may read it may
    // read the database itself.
    let secret = config
        .internal_secret(mailroom::config::InternalSecret::Backup)
        .context("reading backup.secret")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http::<http_body_util::Empty<hyper::body::Bytes>>();
        let request = hyper::Request::get(format!("http://{server}/internal/backup"))
            .header(mailroom::mailserver::dovecot::SECRET_HEADER, secret)
            .body(http_body_util::Empty::new())?;
        let response = client.request(request).await?;
        anyhow::ensure!(
            response.status().is_success(),
            "the server answered {}",
            response.status()
        );
        let mut body = response.into_body();
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                out.write_all(&data)?;
            }
        }
        anyhow::Ok(())
    })
}

/// Puts a verified backup in place of the database of a stopped server.
pub fn restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    file_only(config, "restore")?;
    let (header, replaced) = mailroom::app::restore_database(file, &config.database_path())?;
    describe(&t!("cli-restored"), &header, file);
    if let Some(replaced) = replaced {
        println!("{}", t!("cli-replaced-kept", path = &replaced.display()));
    }
    Ok(())
}

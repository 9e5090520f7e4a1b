//! Keeping the database sound over the years: `mailroom check` reads it
//! whole and says what is wrong, without changing anything; backups of a
//! running or stopped server, and restoring one.

use super::capabilities::Operations;
use std::path::Path;

use super::Result;
pub use crate::store::backup::BackupHeader;
pub use crate::store::check::CheckReport;
/// A file for a backup: 0600 whatever the umask, never through a symlink.
pub use crate::store::private_file::create as create_private_file;
pub use crate::store::private_file::private_dir as create_private_dir;

/// Checks the database file of a stopped server (read-only, not migrated).
pub fn check_database(path: &Path) -> Result<CheckReport> {
    Ok(crate::store::check::check_file(path)?)
}

/// A backup of a stopped server's database (read-only, not migrated);
/// `None` when a running server holds the file (ask it instead).
pub fn backup_database(path: &Path, out: &mut impl std::io::Write) -> Result<Option<BackupHeader>> {
    match crate::store::backup::backup_file(path, out) {
        Ok(header) => Ok(Some(header)),
        Err(crate::store::StoreError::InUse) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Verifies a backup and puts it in place of the database at `path` (the
/// server stopped); returns its header and where the replaced file is.
pub fn restore_database(
    backup: &Path,
    path: &Path,
) -> Result<(BackupHeader, Option<std::path::PathBuf>)> {
    Ok(crate::store::backup::restore(backup, path)?)
}

/// Checks a backup file whole without restoring it.
pub fn verify_backup(backup: &Path, scratch: &Path) -> Result<BackupHeader> {
    let unpacked = scratch.join(format!(".verify-{}.redb", std::process::id()));
    let result = crate::store::backup::unpack(backup, &unpacked);
    let _ = std::fs::remove_file(&unpacked);
    Ok(result?)
}

/// The server's own backups: where, how often, how many kept.
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    pub dir: std::path::PathBuf,
    pub every: std::time::Duration,
    pub keep: usize,
}

const SCHEDULED_PREFIX: &str = "mailroom-";
const SCHEDULED_SUFFIX: &str = ".backup";

/// What the store holds, for the metrics.
pub struct OperationalFigures {
    /// (kind, state) -> jobs
    pub jobs: std::collections::BTreeMap<(&'static str, &'static str), u64>,
    /// How long the oldest queued job has waited since it was queued.
    pub oldest_queued_secs: u64,
    pub addresses: u64,
    pub database_bytes: u64,
}

impl Operations<'_> {
    /// One of the internal listener's secrets (`name`: its file's name)
    /// when the store is shared by several nodes, which must all check the
    /// same one: kept in the store, made by the first node to ask. `None`
    /// when it lives in the data folder instead (the redb file's).
    pub fn shared_secret(&self, name: &str) -> Result<Option<String>> {
        Ok(self.app.store.shared_secret(name)?)
    }

    /// Whether this node runs the scheduled work `name` now: not when any
    /// node sharing the store began it less than nine tenths of `every`
    /// ago (nodes' timers drift apart; the tenth keeps a node's own next
    /// tick from finding its last run too recent).
    pub fn claim_scheduled_run(&self, name: &str, every: std::time::Duration) -> Result<bool> {
        let at_least = every.as_secs().saturating_mul(9) / 10;
        let now = u64::try_from(super::now()).unwrap_or(0);
        Ok(self
            .app
            .store
            .write(|tx| tx.claim_scheduled_run(name, now, at_least))?)
    }

    /// Figures read from one snapshot.
    pub fn operational_figures(&self) -> Result<OperationalFigures> {
        use crate::store::prelude::*;
        let reader = self.app.store.read()?;
        let mut jobs = std::collections::BTreeMap::new();
        let mut oldest: Option<i64> = None;
        reader.each_job(|job| {
            *jobs.entry((job.job.kind(), job.state.label())).or_insert(0) += 1;
            if job.state == crate::model::JobState::Queued {
                oldest = Some(oldest.map_or(job.created, |o| o.min(job.created)));
            }
        })?;
        Ok(OperationalFigures {
            jobs,
            oldest_queued_secs: oldest.map_or(0, |t| (super::now() - t).max(0) as u64),
            addresses: reader.address_count()?,
            database_bytes: self.app.store.file_bytes(),
        })
    }

    /// A backup of one snapshot of the running store.
    pub fn backup(&self, out: &mut impl std::io::Write) -> Result<BackupHeader> {
        Ok(self.app.store.backup(out)?)
    }

    /// One scheduled backup into `dir`, named by its time (so names sort
    /// as times do); then all but the newest `keep` are removed. Written
    /// under another name first: a crash never leaves a half backup with
    /// a backup's name.
    pub fn backup_into(&self, dir: &Path, keep: usize) -> Result<std::path::PathBuf> {
        let io = |source: std::io::Error| {
            super::AppError::Store(crate::store::StoreError::Io {
                context: format!("backing up into {}", dir.display()),
                source,
            })
        };
        let stamp = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year][month][day]T[hour][minute][second]Z"
            ))
            .unwrap_or_else(|_| super::now().to_string());
        let name = format!("{SCHEDULED_PREFIX}{stamp}{SCHEDULED_SUFFIX}");
        let (partial, done) = (dir.join(format!(".{name}.partial")), dir.join(&name));
        let mut out = crate::store::private_file::create(&partial).map_err(io)?;
        let made = self.backup(&mut out);
        if made.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        made?;
        out.sync_all().map_err(io)?;
        // The oldest go before the new one takes its name: the folder never
        // holds more than `keep` finished backups, and a backup that failed
        // (above) removed none.
        let mut kept: Vec<String> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|n| {
                n.starts_with(SCHEDULED_PREFIX) && n.ends_with(SCHEDULED_SUFFIX) && *n != name
            })
            .collect();
        kept.sort();
        let old = kept.len().saturating_sub(keep.max(1) - 1);
        for name in &kept[..old] {
            std::fs::remove_file(dir.join(name)).map_err(io)?;
        }
        std::fs::rename(&partial, &done).map_err(io)?;
        Ok(done)
    }
}

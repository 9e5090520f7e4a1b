//! The redb file: tables, their encoding, and the only code that names them.
//!
//! `Store::read` gives a snapshot (`Reader`); `Store::write` runs a closure in
//! one write transaction (`Writer`) and commits only if it returns `Ok`, so a
//! use case's change and its audit event land together or not at all.
//! Both block: async callers go through `spawn_blocking`.
//!
//! Both transaction kinds implement [`Query`]; each table's reads are
//! written once, as an extension trait of `Query` in that table's file, so a
//! use case reads the same way before and inside its write. Entities live in
//! `model`; this module only knows how they are laid out in tables.

mod addresses;
mod api_tokens;
mod audit;
pub mod backup;
pub mod check;
mod codec;
pub mod copy;
mod credentials;
mod dns;
mod error;
mod imports;
mod jobs;
mod location;
mod messages;
mod org_parts;
mod org_search;
mod orgs;
pub mod pg;
pub mod private_file;
mod purge;
mod queue;
mod queue_settings;
mod records;
mod reopen;
mod schedules;
mod schema;
mod services;
mod sessions;
mod settings;
mod sharing;
mod table;
mod tables;
mod transaction;
mod users;

#[cfg(test)]
mod pg_commit_tests;
#[cfg(test)]
mod pg_tests;

use std::path::Path;

use std::sync::Arc;

use redb::{Database, ReadableDatabase};

pub use error::{Result, StoreError};
pub use imports::ImportText;
pub use location::{CacheSize, StoreAt};
pub use org_parts::OrgParts;
pub use pg::SharedCounters;
pub use queue::Queue;
pub use queue_settings::JobSettings;
#[cfg(test)]
pub(crate) use schema::migrate_to_for_tests;
pub use table::{Guard, Rows, StoreKey, StoreValue, Table};
pub use tables::SCHEMA_VERSION;
pub use transaction::{Query, Reader, Writer};
use transaction::{ReadTxn, WriteTxn, write_retrying};

/// Every query trait, for `use crate::store::prelude::*`.
pub mod prelude {
    pub use super::Query;
    pub use super::addresses::AddressQueries;
    pub use super::api_tokens::TokenQueries;
    pub use super::audit::AuditQueries;
    pub use super::credentials::CredentialQueries;
    pub use super::dns::DnsQueries;
    pub use super::imports::ImportQueries;
    pub use super::jobs::JobQueries;
    pub use super::messages::MessageQueries;
    pub use super::org_search::OrgSearchQueries;
    pub use super::orgs::OrgQueries;
    pub use super::purge::PurgeQueries;
    pub use super::schema::SchemaQueries;
    pub use super::services::ServiceQueries;
    pub use super::sessions::SessionQueries;
    pub use super::settings::SettingsQueries;
    pub use super::sharing::SharingQueries;
    pub use super::users::UserQueries;
}

pub struct Store {
    /// `None` only while a failed file is being opened again (`reopen.rs`).
    db: std::sync::RwLock<Option<Database>>,
    cache_bytes: usize,
    /// Where the file is: backups are made beside it.
    path: std::path::PathBuf,
    /// Committed writes, this node's and (on PostgreSQL) every other's.
    changes: Arc<Changes>,
    /// Set when the store is PostgreSQL: the file's fields are then unused.
    postgres: Option<Arc<pg::Postgres>>,
}

impl Store {
    /// Opens (or creates) the file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, CacheSize::Auto)
    }

    pub fn open_with(path: &Path, cache: CacheSize) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_file::private_dir(dir).map_err(|source| StoreError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let cache_bytes = cache.for_file(path);
        let db = Database::builder()
            .set_cache_size(cache_bytes)
            .create(path)?;
        // Every address's hash is in here: readable by its owner only.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| StoreError::DataDir {
                path: path.display().to_string(),
                source,
            },
        )?;
        let store = Self {
            db: std::sync::RwLock::new(Some(db)),
            cache_bytes,
            path: path.to_path_buf(),
            changes: Arc::default(),
            postgres: None,
        };
        // An older file is backed up beside itself before it changes: an
        // upgrade can always be undone with the previous binary.
        let found = store
            .read()
            .and_then(|r| prelude::SchemaQueries::schema_version(&r))
            .unwrap_or(0);
        if (1..SCHEMA_VERSION).contains(&found) {
            let kept = store.backup_beside(found)?;
            tracing::info!(
                "backed up the database (schema {found}) to {} before upgrading it",
                kept.display()
            );
        }
        match store.write(schema::migrate)? {
            schema::Migration::Created => {
                tracing::info!("created a new database in {}", path.display());
            }
            schema::Migration::Migrated { from, to } => tracing::info!(
                "brought the database in {} from schema {from} to {to}",
                path.display()
            ),
            schema::Migration::Current => {}
        }
        Ok(store)
    }

    /// Connects to PostgreSQL at `url` and makes its tables when missing;
    /// refuses a database written by a newer Mailroom.
    pub fn connect(url: &str) -> Result<Self> {
        let changes: Arc<Changes> = Arc::default();
        let heard = Arc::clone(&changes);
        let store = Self {
            db: std::sync::RwLock::new(None),
            cache_bytes: 0,
            path: std::path::PathBuf::new(),
            postgres: Some(Arc::new(pg::Postgres::connect(
                url,
                Box::new(move || heard.count()),
            )?)),
            changes,
        };
        if let schema::Migration::Migrated { from, to } = store.write(schema::migrate_records)? {
            tracing::info!("brought the PostgreSQL database from schema {from} to {to}");
        }
        Ok(store)
    }

    /// The 32-byte secret `name`, made by `make` the first time it is
    /// asked for; the first node to ask makes it, in one transaction, and
    /// every other reads that one.
    pub fn secret(&self, name: &str, make: impl Fn() -> [u8; 32]) -> Result<[u8; 32]> {
        self.write(|tx| {
            let mut table = tx.table(tables::SECRETS)?;
            if let Some(found) = table.get(name)?
                && let Ok(bytes) = <[u8; 32]>::try_from(found.value())
            {
                return Ok(bytes);
            }
            let made = make();
            table.put(name, made.as_slice())?;
            Ok(made)
        })
    }

    /// The counters every node shares (failed logins), when several nodes
    /// share the store; `None` on the redb file, whose one process keeps
    /// them in memory.
    pub fn shared_counters(&self) -> Option<SharedCounters> {
        self.postgres.clone().map(SharedCounters)
    }

    /// The secret `name` if one is kept, without making it.
    pub fn stored_secret(&self, name: &str) -> Result<Option<[u8; 32]>> {
        let reader = self.read()?;
        let table = reader.table(tables::SECRETS)?;
        Ok(table
            .get(name)?
            .and_then(|found| <[u8; 32]>::try_from(found.value()).ok()))
    }

    /// A secret every node checks alike, as text (URL-safe base64), kept
    /// in the store when several nodes share it (PostgreSQL); `None` on
    /// the redb file, whose one process keeps such secrets in files
    /// beside it, where the mail server's configuration already reads them.
    pub fn shared_secret(&self, name: &str) -> Result<Option<String>> {
        if self.postgres.is_none() {
            return Ok(None);
        }
        use base64::Engine;
        let bytes = self.secret(name, || {
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
            bytes
        })?;
        Ok(Some(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
        ))
    }

    /// Tests: on PostgreSQL, the next write is refused once at its commit
    /// as if another had overtaken it, and runs again; on redb, nothing.
    #[doc(hidden)]
    pub fn plant_conflict_for_tests(&self) {
        self.plant_conflicts_for_tests(1);
    }

    /// Tests: on PostgreSQL, the next `count` commits are refused as if
    /// another write had overtaken each; on redb, nothing.
    #[doc(hidden)]
    pub fn plant_conflicts_for_tests(&self, count: usize) {
        if let Some(pg) = &self.postgres {
            pg.plant_conflicts(count);
        }
    }

    /// Whether the store is PostgreSQL rather than the redb file.
    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// The database file's size on disk.
    pub fn file_bytes(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }

    /// A backup next to the file, named for its schema.
    fn backup_beside(&self, schema: u64) -> Result<std::path::PathBuf> {
        let kept = self
            .path
            .with_extension(format!("redb.schema-{schema}.backup"));
        let partial = kept.with_extension("partial");
        let io = |source| StoreError::Io {
            context: format!("backing up before the upgrade into {}", kept.display()),
            source,
        };
        let mut out = private_file::create(&partial).map_err(io)?;
        self.backup(&mut out)?;
        out.sync_all().map_err(io)?;
        std::fs::rename(&partial, &kept).map_err(io)?;
        Ok(kept)
    }

    /// A backup of one snapshot, made while the server goes on serving.
    pub fn backup(&self, out: &mut impl std::io::Write) -> Result<backup::BackupHeader> {
        backup::write_backup(&self.read()?, backup::folder_of(&self.path), out)
    }

    pub fn read(&self) -> Result<Reader> {
        if let Some(pg) = &self.postgres {
            return Ok(Reader {
                txn: ReadTxn::Postgres(pg.begin(false)?),
            });
        }
        let db = self.db.read().unwrap_or_else(|e| e.into_inner());
        let db = db.as_ref().ok_or(StoreError::Unavailable)?;
        Ok(Reader {
            txn: ReadTxn::Redb(db.begin_read()?),
        })
    }

    /// A read for answers taken from a row or two, where no snapshot is
    /// needed: on PostgreSQL each statement sees what was committed when
    /// it ran (saving a `BEGIN` and a `ROLLBACK` per answer); on redb, a
    /// snapshot as `read` gives, since it costs nothing there.
    pub fn read_unpinned(&self) -> Result<Reader> {
        if let Some(pg) = &self.postgres {
            return Ok(Reader {
                txn: ReadTxn::Postgres(pg.begin_unpinned()?),
            });
        }
        self.read()
    }

    /// Runs `f` in one write transaction; commits on `Ok`, rolls back on
    /// `Err`. On PostgreSQL, `f` runs again on a fresh transaction when
    /// another transaction's change made this one impossible to keep.
    pub fn write<T, E>(&self, mut f: impl FnMut(&mut Writer) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if let Some(pg) = &self.postgres {
            let value = write_retrying(pg, &mut f)?;
            self.committed();
            return Ok(value);
        }
        let txn = match self.begin_write() {
            // An earlier write failed on I/O (a full disk): redb refuses
            // every write until the file is opened again.
            Err(StoreError::Database(redb::Error::PreviousIo) | StoreError::Unavailable) => {
                self.reopen()?;
                self.begin_write()?
            }
            other => other?,
        };
        let mut writer = Writer {
            txn: WriteTxn::Redb(Box::new(txn)),
        };
        let value = f(&mut writer)?;
        writer.commit()?;
        self.committed();
        Ok(value)
    }

    fn committed(&self) {
        self.changes.count();
    }

    /// Counts committed writes: a value read before a read transaction
    /// began changes after any commit that transaction may not show. On
    /// PostgreSQL, other nodes' commits count too, as soon as the
    /// database tells of them (`pg::listen`).
    pub fn generation(&self) -> u64 {
        self.changes
            .generation
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Wakes after every committed write, this node's or another's.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.changes.commits.subscribe()
    }
}

/// The count of committed writes that what a node keeps in memory (the
/// socketmap's services, the passwd-file, OpenDKIM's tables, the job
/// worker) follows.
struct Changes {
    /// For those who wait for a change.
    commits: tokio::sync::watch::Sender<u64>,
    /// The same count, read without a lock (the socketmap, per lookup).
    generation: std::sync::atomic::AtomicU64,
}

impl Default for Changes {
    fn default() -> Self {
        Self {
            commits: tokio::sync::watch::Sender::new(0),
            generation: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl Changes {
    fn count(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Release);
        self.commits.send_modify(|n| *n += 1);
    }
}

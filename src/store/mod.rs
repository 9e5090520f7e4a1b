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
mod credentials;
mod dns;
mod imports;
mod jobs;
mod messages;
mod orgs;
pub mod private_file;
mod queue;
mod queue_settings;
mod reopen;
mod schema;
mod services;
mod sessions;
mod sharing;
mod users;

use std::path::Path;

use redb::{
    Database, Key, ReadOnlyTable, ReadTransaction, ReadableDatabase, ReadableTable, Table,
    TableDefinition, Value, WriteTransaction,
};

pub use imports::ImportText;
pub use queue::Queue;
pub use queue_settings::JobSettings;
pub use schema::SCHEMA_VERSION;
#[cfg(test)]
pub(crate) use schema::migrate_to_for_tests;

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
    pub use super::orgs::OrgQueries;
    pub use super::schema::SchemaQueries;
    pub use super::services::ServiceQueries;
    pub use super::sessions::SessionQueries;
    pub use super::sharing::SharingQueries;
    pub use super::users::UserQueries;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database is in use by a running mailroom (stop it first, or use its web interface)"
    )]
    InUse,
    #[error("there is no database at {0}")]
    Missing(String),
    #[error("the database is being opened again after a failed write; try again")]
    Unavailable,
    #[error(
        "the database was not closed cleanly (the server stopped abruptly): start the server, or run \
         any other mailroom command, once to recover it; then check it"
    )]
    NeedsRecovery,
    #[error("{0}")]
    Backup(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error(
        "the database was written by a newer mailroom (schema {found}, this build knows {known})"
    )]
    NewerSchema { found: u64, known: u64 },
    #[error(
        "the disk that holds the database is full: nothing was changed; free some space and try again"
    )]
    DiskFull,
    #[error("database error: {0}")]
    Database(redb::Error),
    #[error("a stored record could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("could not create the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
}

/// A write that found no room is its own kind: the server goes on
/// serving reads and writes again once there is room.
impl From<redb::Error> for StoreError {
    fn from(e: redb::Error) -> Self {
        match &e {
            redb::Error::Io(io)
                if io.kind() == std::io::ErrorKind::StorageFull
                    || io.raw_os_error() == Some(libc::ENOSPC) =>
            {
                StoreError::DiskFull
            }
            _ => StoreError::Database(e),
        }
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                redb::Error::from(e).into()
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

impl From<redb::DatabaseError> for StoreError {
    fn from(e: redb::DatabaseError) -> Self {
        match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse,
            // Only read-only opens refuse to recover a file.
            redb::DatabaseError::RepairAborted => StoreError::NeedsRecovery,
            other => StoreError::Database(other.into()),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The page cache when nothing else is said: the whole file, with room to
/// grow, between these bounds. Lookups from the mail server go to random
/// addresses, and a cache smaller than the file makes them read pages back
/// from the kernel (at 1,000,000 addresses, a file of about 270 MB: with a
/// 32 MB cache 60,000 lookups/s, with the whole file cached 78,000/s); a
/// small organisation's server stays small (redb's default is 1 GiB
/// whatever the file).
const CACHE_MIN: usize = 32 * 1024 * 1024;
const CACHE_MAX: usize = 512 * 1024 * 1024;

/// How much of the file to keep in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheSize {
    /// The file's size when opened and a quarter more, within 32–512 MB.
    #[default]
    Auto,
    Bytes(usize),
}

impl CacheSize {
    pub fn for_file(self, path: &Path) -> usize {
        match self {
            CacheSize::Bytes(bytes) => bytes,
            CacheSize::Auto => {
                let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
                size.saturating_add(size / 4).clamp(CACHE_MIN, CACHE_MAX)
            }
        }
    }
}

pub struct Store {
    /// `None` only while a failed file is being opened again (`reopen.rs`).
    db: std::sync::RwLock<Option<Database>>,
    cache_bytes: usize,
    /// Where the file is: backups are made beside it.
    path: std::path::PathBuf,
    /// Counts committed writes, for those who keep something in step with
    /// the store (the Dovecot passwd-file).
    commits: tokio::sync::watch::Sender<u64>,
    /// The same count, read without a lock (the socketmap, per lookup).
    generation: std::sync::atomic::AtomicU64,
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
            commits: tokio::sync::watch::Sender::new(0),
            generation: std::sync::atomic::AtomicU64::new(0),
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
        let db = self.db.read().unwrap_or_else(|e| e.into_inner());
        let db = db.as_ref().ok_or(StoreError::Unavailable)?;
        Ok(Reader {
            txn: db.begin_read()?,
        })
    }

    /// Runs `f` in one write transaction; commits on `Ok`, rolls back on `Err`.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut Writer) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let txn = match self.begin_write() {
            // An earlier write failed on I/O (a full disk): redb refuses
            // every write until the file is opened again.
            Err(StoreError::Database(redb::Error::PreviousIo) | StoreError::Unavailable) => {
                self.reopen()?;
                self.begin_write()?
            }
            other => other?,
        };
        let mut writer = Writer { txn };
        let value = f(&mut writer)?;
        writer.txn.commit().map_err(StoreError::from)?;
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Release);
        self.commits.send_modify(|n| *n += 1);
        Ok(value)
    }

    /// Counts committed writes: a value read before a read transaction
    /// began changes after any commit that transaction may not show.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Wakes after every committed write.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.commits.subscribe()
    }
}

/// A consistent snapshot.
pub struct Reader {
    txn: ReadTransaction,
}

/// One write transaction; dropped without commit when the use case fails.
pub struct Writer {
    txn: WriteTransaction,
}

/// What both transaction kinds share: opening a table for reading. Every
/// read query is a provided method of an extension of this trait, so it is
/// written once and runs on a snapshot or inside a write alike.
pub trait Query: Sized {
    type Table<'t, K: Key + 'static, V: Value + 'static>: ReadableTable<K, V>
    where
        Self: 't;

    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        definition: TableDefinition<K, V>,
    ) -> Result<Self::Table<'_, K, V>>;
}

impl Query for Reader {
    type Table<'t, K: Key + 'static, V: Value + 'static> = ReadOnlyTable<K, V>;

    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        definition: TableDefinition<K, V>,
    ) -> Result<ReadOnlyTable<K, V>> {
        Ok(self.txn.open_table(definition)?)
    }
}

impl Query for Writer {
    type Table<'t, K: Key + 'static, V: Value + 'static> = Table<'t, K, V>;

    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        definition: TableDefinition<K, V>,
    ) -> Result<Table<'_, K, V>> {
        Ok(self.txn.open_table(definition)?)
    }
}

impl Writer {
    /// Ids are per-kind counters kept in the same transaction as the record.
    fn next_id(&mut self, kind: &str) -> Result<u64> {
        schema::next_id(&self.txn, kind)
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    #[test]
    fn the_cache_holds_the_file_within_its_bounds_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        assert_eq!(CacheSize::Auto.for_file(&path), CACHE_MIN, "no file yet");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(400 << 20)
            .unwrap();
        assert_eq!(CacheSize::Auto.for_file(&path), 500 << 20);
        std::fs::File::create(&path)
            .unwrap()
            .set_len(4 << 30)
            .unwrap();
        assert_eq!(CacheSize::Auto.for_file(&path), CACHE_MAX);
        assert_eq!(CacheSize::Bytes(7).for_file(&path), 7);
    }
}

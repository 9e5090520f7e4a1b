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
mod audit;
mod codec;
mod credentials;
mod imports;
mod jobs;
mod messages;
mod orgs;
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
pub use schema::SCHEMA_VERSION;

/// Every query trait, for `use crate::store::prelude::*`.
pub mod prelude {
    pub use super::Query;
    pub use super::addresses::AddressQueries;
    pub use super::audit::AuditQueries;
    pub use super::credentials::CredentialQueries;
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
    #[error(
        "the database was written by a newer mailroom (schema {found}, this build knows {known})"
    )]
    NewerSchema { found: u64, known: u64 },
    #[error("database error: {0}")]
    Database(#[from] redb::Error),
    #[error("a stored record could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("could not create the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Database(e.into())
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
            other => StoreError::Database(other.into()),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// redb's default page cache is 1 GiB; the working set of a mail domain
/// manager is far smaller, and the RSS target is 100 MB.
const CACHE_BYTES: usize = 32 * 1024 * 1024;

pub struct Store {
    db: Database,
    /// Counts committed writes, for those who keep something in step with
    /// the store (the Dovecot passwd-file).
    commits: tokio::sync::watch::Sender<u64>,
}

impl Store {
    /// Opens (or creates) the file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
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
            db,
            commits: tokio::sync::watch::Sender::new(0),
        };
        store.write(schema::migrate)?;
        Ok(store)
    }

    pub fn read(&self) -> Result<Reader> {
        Ok(Reader {
            txn: self.db.begin_read()?,
        })
    }

    /// Runs `f` in one write transaction; commits on `Ok`, rolls back on `Err`.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut Writer) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let mut writer = Writer { txn };
        let value = f(&mut writer)?;
        writer.txn.commit().map_err(StoreError::from)?;
        self.commits.send_modify(|n| *n += 1);
        Ok(value)
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

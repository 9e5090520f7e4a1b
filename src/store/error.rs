//! The store's errors, and what redb's and PostgreSQL's become.

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
        "the PostgreSQL database has schema {found}, older than any Mailroom wrote there: copy the installation anew with `mailroom store copy`"
    )]
    OlderSchema { found: u64 },
    #[error(
        "the disk that holds the database is full: nothing was changed; free some space and try again"
    )]
    DiskFull,
    #[error("database error: {0}")]
    Database(redb::Error),
    #[error("a write was asked of a read-only snapshot")]
    ReadOnly,
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("another change came first; try again")]
    Conflict,
    #[error(
        "the target store already holds an installation: copy only into a new file or an empty \
         database"
    )]
    NotEmpty,
    #[error("this needs the redb file; the store is PostgreSQL")]
    NotRedb,
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

//! Backups: one read transaction copied table by table into a new database
//! file (so a backup is consistent while the server writes), behind a
//! header that names the schema and a SHA-256 of what follows. A restore
//! checks all of that before it replaces anything.
//!
//! Format: the line `MAILROOM-BACKUP 1`, one line of JSON (`BackupHeader`),
//! then the database file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use redb::{
    Database, Key, ReadTransaction, ReadableTable, TableDefinition, Value, WriteTransaction,
};
use sha2::{Digest, Sha256};

use super::schema::*;
use super::{Reader, Result, StoreError};

const MAGIC: &str = "MAILROOM-BACKUP 1\n";

/// What a backup says of itself.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BackupHeader {
    pub schema: u64,
    /// Of the database file that follows, in hex.
    pub sha256: String,
    pub bytes: u64,
    /// Unix seconds.
    pub created: i64,
}

/// Writes a backup of the database file of a stopped server to `out`
/// (read-only: an older file is backed up as it is, not migrated).
pub fn backup_file(path: &Path, out: &mut impl Write) -> Result<BackupHeader> {
    if !path.exists() {
        return Err(StoreError::Missing(path.display().to_string()));
    }
    let db = redb::ReadOnlyDatabase::open(path)?;
    let reader = Reader::of_redb(redb::ReadableDatabase::begin_read(&db)?);
    write_backup(&reader, folder_of(path), out)
}

pub(super) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a backup of `reader`'s snapshot to `out`; the copy is made in
/// `scratch` (a folder with room for the database) and removed after.
pub fn write_backup(reader: &Reader, scratch: &Path, out: &mut impl Write) -> Result<BackupHeader> {
    let copy = Scratch(scratch.join(format!(
        ".mailroom-backup-{}-{}.redb",
        std::process::id(),
        unix_time().as_nanos()
    )));
    copy_snapshot(reader.redb()?, &copy.0)?;
    let schema = super::prelude::SchemaQueries::schema_version(reader)?;
    let (sha256, bytes) = digest(&mut open(&copy.0)?)?;
    let header = BackupHeader {
        schema,
        sha256,
        bytes,
        created: unix_time().as_secs() as i64,
    };
    let line = serde_json::to_string(&header)?;
    let io = io_error("writing the backup");
    out.write_all(MAGIC.as_bytes()).map_err(&io)?;
    out.write_all(line.as_bytes()).map_err(&io)?;
    out.write_all(b"\n").map_err(&io)?;
    std::io::copy(&mut open(&copy.0)?, out).map_err(&io)?;
    out.flush().map_err(&io)?;
    Ok(header)
}

/// Reads a backup's header, leaving `src` at the database file.
pub fn read_header(src: &mut impl BufRead) -> Result<BackupHeader> {
    let not_a_backup = || StoreError::Backup("this is not a Mailroom backup".into());
    let mut magic = String::new();
    src.take(MAGIC.len() as u64)
        .read_line(&mut magic)
        .map_err(|_| not_a_backup())?;
    if magic != MAGIC {
        return Err(not_a_backup());
    }
    let mut line = String::new();
    src.take(4096)
        .read_line(&mut line)
        .map_err(|_| not_a_backup())?;
    serde_json::from_str(line.trim_end()).map_err(|_| not_a_backup())
}

/// Verifies a backup whole (header, length, checksum, and the database
/// inside by `check`) into `into`, a new file; returns its header.
pub fn unpack(backup: &Path, into: &Path) -> Result<BackupHeader> {
    let mut src = BufReader::new(open(backup)?);
    let header = read_header(&mut src)?;
    if header.schema > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: header.schema,
            known: SCHEMA_VERSION,
        });
    }
    let io = io_error("unpacking the backup");
    let mut file = super::private_file::create_new(into).map_err(&io)?;
    let mut hasher = Sha256::new();
    let mut written = 0u64;
    let mut block = vec![0u8; 1 << 20];
    loop {
        let n = src.read(&mut block).map_err(&io)?;
        if n == 0 {
            break;
        }
        hasher.update(&block[..n]);
        file.write_all(&block[..n]).map_err(&io)?;
        written += n as u64;
    }
    file.sync_all().map_err(&io)?;
    if written != header.bytes || hex(&hasher.finalize()) != header.sha256 {
        return Err(StoreError::Backup(format!(
            "the backup is damaged: {written} of {} bytes, or they differ from its checksum",
            header.bytes
        )));
    }
    if header.schema == SCHEMA_VERSION {
        let report = super::check::check_file(into)?;
        if let Some(problem) = report.problems.first() {
            return Err(StoreError::Backup(format!(
                "the database in the backup is not sound ({} problems; first: {problem})",
                report.problems.len()
            )));
        }
    }
    Ok(header)
}

/// Replaces the database at `path` by the backup, once all of it checks
/// out; the replaced file is kept beside it and its name returned. The
/// server must be stopped.
pub fn restore(backup: &Path, path: &Path) -> Result<(BackupHeader, Option<PathBuf>)> {
    // A server holding the file must stop first; a file that does not
    // open at all (damaged) is what a restore is for, and goes aside.
    if let Err(redb::DatabaseError::DatabaseAlreadyOpen) = redb::ReadOnlyDatabase::open(path) {
        return Err(StoreError::InUse);
    }
    // Onto a new machine: the data folder may not exist yet.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::private_file::private_dir(dir).map_err(io_error("creating the data folder"))?;
    }
    let unpacked = Scratch(path.with_extension("redb.restoring"));
    let _ = std::fs::remove_file(&unpacked.0);
    let header = unpack(backup, &unpacked.0)?;
    let io = io_error("replacing the database");
    let replaced = if path.exists() {
        let aside = path.with_extension(format!("redb.replaced-{}", unix_time().as_secs()));
        std::fs::rename(path, &aside).map_err(&io)?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&unpacked.0, path).map_err(&io)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(&io)?;
    }
    Ok((header, replaced))
}

/// Every table, in one write transaction of a new file.
fn copy_snapshot(from: &ReadTransaction, to: &Path) -> Result<()> {
    // Made empty and private first: redb initialises an empty file.
    super::private_file::create_new(to).map_err(io_error("making the snapshot's copy"))?;
    let db = Database::builder()
        .set_cache_size(32 * 1024 * 1024)
        .create(to)?;
    let txn = db.begin_write()?;
    copy(from, &txn, META)?;
    copy(from, &txn, SETTINGS)?;
    copy(from, &txn, USERS)?;
    copy(from, &txn, USER_BY_LOGIN)?;
    copy(from, &txn, ORGS)?;
    copy(from, &txn, MEMBERS)?;
    copy(from, &txn, USER_ORGS)?;
    copy(from, &txn, SERVICES)?;
    copy(from, &txn, SERVICE_BY_DOMAIN)?;
    copy(from, &txn, ORG_NAMES)?;
    copy(from, &txn, ORG_SEARCH)?;
    copy(from, &txn, ORG_SERVICES)?;
    copy(from, &txn, ADDRESSES)?;
    copy(from, &txn, ADDRESS_BY_NAME)?;
    copy(from, &txn, ACCESSES)?;
    copy(from, &txn, USER_ACCESSES)?;
    copy(from, &txn, SESSIONS)?;
    copy(from, &txn, AUDIT)?;
    copy(from, &txn, AUDIT_BY_ADDRESS)?;
    copy(from, &txn, AUDIT_BY_ORG)?;
    copy(from, &txn, INVITATIONS)?;
    copy(from, &txn, ADDRESS_INVITATIONS)?;
    copy(from, &txn, DELETED_ADDRESSES)?;
    copy(from, &txn, JOBS)?;
    copy(from, &txn, JOB_DUE)?;
    copy(from, &txn, JOB_LEASE)?;
    copy_messages(from, &txn)?;
    copy(from, &txn, INVITATION_BY_TOKEN)?;
    copy(from, &txn, EMAIL_INVITATIONS)?;
    copy(from, &txn, SHARING_LINKS)?;
    copy(from, &txn, LINK_BY_TOKEN)?;
    copy(from, &txn, ADDRESS_LINKS)?;
    copy(from, &txn, IMPORTS)?;
    copy(from, &txn, IMPORT_FILES)?;
    copy(from, &txn, IMPORT_TEXT)?;
    copy(from, &txn, IMPORT_ROWS)?;
    copy(from, &txn, SERVICE_IMPORTS)?;
    copy(from, &txn, CREDENTIALS)?;
    copy(from, &txn, ADDRESS_CREDENTIALS)?;
    copy(from, &txn, USER_CREDENTIALS)?;
    copy(from, &txn, PENDING_SIGNUPS)?;
    copy(from, &txn, PASSWORD_RESETS)?;
    copy(from, &txn, SECOND_FACTORS)?;
    copy(from, &txn, API_TOKENS)?;
    copy(from, &txn, ORG_TOKENS)?;
    // Answers kept for retried API requests may hold a sharing link's
    // URL: a backup keeps the table, not them (a retry after a restore is
    // answered as a new request).
    txn.open_table(IDEMPOTENCY)?;
    copy(from, &txn, DNS_REPORTS)?;
    copy(from, &txn, DKIM_KEYS)?;
    copy(from, &txn, SERVICE_DKIM)?;
    txn.commit()?;
    Ok(())
}

fn copy<K: Key + 'static, V: Value + 'static>(
    from: &ReadTransaction,
    to: &WriteTransaction,
    table: TableDefinition<K, V>,
) -> Result<()> {
    let source = match from.open_table(table) {
        Ok(source) => source,
        // A table this schema does not have yet (an old file).
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(other) => return Err(other.into()),
    };
    let mut target = to.open_table(table)?;
    for entry in source.iter()? {
        let (key, value) = entry?;
        target.insert(key.value(), value.value())?;
    }
    Ok(())
}

/// Messages, less the body of each private one: a backup is read by
/// whoever keeps it, and a reset or invitation link is its recipient's alone.
fn copy_messages(from: &ReadTransaction, to: &WriteTransaction) -> Result<()> {
    let source = match from.open_table(MESSAGES) {
        Ok(source) => source,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(other) => return Err(other.into()),
    };
    let mut target = to.open_table(MESSAGES)?;
    for entry in source.iter()? {
        let (key, value) = entry?;
        let mut message: crate::model::Message = super::codec::decode(value.value())?;
        if message.is_private() {
            message.private = true;
            message.forget_body();
            target.insert(key.value(), super::codec::encode(&message)?.as_slice())?;
        } else {
            target.insert(key.value(), value.value())?;
        }
    }
    Ok(())
}

fn digest(src: &mut impl Read) -> Result<(String, u64)> {
    let io = io_error("reading the snapshot");
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = src.read(&mut block).map_err(&io)?;
        if n == 0 {
            return Ok((hex(&hasher.finalize()), total));
        }
        hasher.update(&block[..n]);
        total += n as u64;
    }
}

fn unix_time() -> std::time::Duration {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|source| StoreError::Io {
        context: format!("opening {}", path.display()),
        source,
    })
}

fn io_error(context: &str) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        context: context.to_owned(),
        source,
    }
}

/// A file removed when dropped, whatever happened.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

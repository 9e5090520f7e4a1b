//! After a write fails on I/O (the disk was full), redb refuses every
//! later write until the file is opened again, while reads of the old
//! handle go on. The store opens the file again on the next write, once
//! the disk has room, so the server writes again without a restart.

use std::time::{Duration, Instant};

use redb::Database;

use super::{Result, Store, StoreError};

/// Free space wanted before the file is reopened (which may recover it).
const ROOM_NEEDED: u64 = 1024 * 1024;

impl Store {
    pub(super) fn begin_write(&self) -> Result<redb::WriteTransaction> {
        let db = self.db.read().unwrap_or_else(|e| e.into_inner());
        let db = db.as_ref().ok_or(StoreError::Unavailable)?;
        Ok(db.begin_write()?)
    }

    /// Opens the file again, if the disk has room; until then the failed
    /// handle stays, so reads go on and writes answer `DiskFull`.
    pub(super) fn reopen(&self) -> Result<()> {
        if free_bytes(&self.path).is_some_and(|free| free < ROOM_NEEDED) {
            return Err(StoreError::DiskFull);
        }
        let mut slot = self.db.write().unwrap_or_else(|e| e.into_inner());
        if let Some(db) = slot.as_ref() {
            // Another writer reopened it first.
            if db.begin_write().is_ok() {
                return Ok(());
            }
        }
        *slot = None;
        // Readers that began before still hold the file's lock: they end
        // within a request; wait for them, boundedly.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match Database::builder()
                .set_cache_size(self.cache_bytes)
                .create(&self.path)
            {
                Ok(db) => {
                    *slot = Some(db);
                    tracing::info!("the database is open again after a failed write");
                    return Ok(());
                }
                Err(redb::DatabaseError::DatabaseAlreadyOpen) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(error) => return Err(error.into()),
            }
        }
    }
}

/// Bytes free for us on the file system that holds `path`.
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let dir = super::backup::folder_of(path);
    let name = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `name` is a valid C string and `stats` is written by statvfs
    // before it is read, only when it succeeds.
    let stats = unsafe {
        if libc::statvfs(name.as_ptr(), stats.as_mut_ptr()) != 0 {
            return None;
        }
        stats.assume_init()
    };
    Some(stats.f_bavail as u64 * stats.f_frsize as u64)
}

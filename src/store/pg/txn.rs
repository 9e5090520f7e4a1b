//! One transaction on one pooled connection: its `BEGIN` and the writes
//! whose answers nobody reads sent with the next statement that needs an
//! answer (one round trip for them all, `pipeline.rs`), and a failure
//! remembered so that nothing half done is ever committed.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::Object;
use tokio_postgres::Row;

use super::coalesce::{self, Deferred, Upsert};
use super::failure::{Meaning, describe, meaning};
use super::pipeline::{self, Last};
use super::{Param, Postgres, listen};

/// Deferred writes held at most, by count and by the bytes of their
/// parameters (an import's text goes in 1 MiB chunks); then they are sent
/// on their own.
const DEFERRED_MOST: usize = 4096;
const DEFERRED_BYTES_MOST: usize = 4 << 20;

/// Values larger than this are not remembered (`Reads`): an import's text
/// and copies of whole tables would fill memory for reads that never come.
const REMEMBERED_VALUE_MOST: usize = 64 << 10;

/// Values a transaction remembers at most (`Reads`); then it starts over.
const REMEMBERED_MOST: usize = 50_000;

/// Writes waiting for the next round trip, and their parameters' bytes.
#[derive(Default)]
pub(super) struct Pending {
    writes: Vec<Deferred>,
    bytes: usize,
}

/// What a transaction read or wrote, by table and key (redb's encoding),
/// so that reading it again costs no round trip: within one snapshot a
/// key holds what was read until the transaction itself changes it. A
/// batch of an import reads its service, organisation and id counters
/// once instead of once a row.
#[derive(Default)]
pub(super) struct Reads(HashMap<(String, Vec<u8>), Option<Vec<u8>>>);
use crate::store::{Result, StoreError};

/// Where a transaction stands with its `BEGIN`.
#[derive(Clone, Copy)]
pub(super) enum Begin {
    /// Not sent yet: it goes with the first statement.
    Pending(&'static str),
    Sent,
    /// Statements outside a transaction (`begin_unpinned`).
    Never,
}

/// One transaction on one pooled connection; rolled back when dropped
/// without a commit.
pub struct Txn {
    pub(super) pg: Arc<Postgres>,
    pub(super) client: Arc<Object>,
    pub(super) begin: std::sync::Mutex<Begin>,
    /// Writes whose answer nobody reads, not sent yet (`defer`).
    pub(super) deferred: std::sync::Mutex<Pending>,
    /// `None` where statements do not share one snapshot (unpinned reads,
    /// `READ COMMITTED`): each must ask.
    pub(super) reads: Option<std::sync::Mutex<Reads>>,
    /// Set when PostgreSQL refused a statement because of another
    /// transaction: the use case is run again.
    pub(super) conflict: AtomicBool,
    /// Set when any statement failed: PostgreSQL has aborted the
    /// transaction, and a COMMIT would silently roll it back.
    pub(super) failed: AtomicBool,
    pub(super) open: AtomicBool,
    /// Round trips made: what reading ahead saves is counted here.
    pub(super) round_trips: std::sync::atomic::AtomicUsize,
}

impl Begin {
    /// Whether every statement of the transaction sees one snapshot.
    pub(super) fn shares_a_snapshot(self) -> bool {
        match self {
            Begin::Pending(sql) => !sql.contains("READ COMMITTED"),
            Begin::Sent | Begin::Never => false,
        }
    }
}

impl Txn {
    /// The `BEGIN` still to send, taken: whoever takes it sends it.
    fn take_begin(&self) -> Option<&'static str> {
        let mut begin = self.begin.lock().unwrap_or_else(|e| e.into_inner());
        match *begin {
            Begin::Pending(sql) => {
                *begin = Begin::Sent;
                Some(sql)
            }
            Begin::Sent | Begin::Never => None,
        }
    }

    /// Whether a transaction was begun: one that never was has nothing to
    /// keep or undo.
    fn begun(&self) -> bool {
        matches!(
            *self.begin.lock().unwrap_or_else(|e| e.into_inner()),
            Begin::Sent
        )
    }

    fn batch(&self, sql: &'static str) -> Result<()> {
        self.send(Last::Batch(sql)).map(|_| ())
    }

    /// Runs one statement and returns its rows.
    pub fn query(&self, sql: String, params: Vec<Param>) -> Result<Vec<Row>> {
        self.send(Last::Query(sql, params))
    }

    /// A write whose answer nobody reads: sent with the next statement
    /// that needs one (or the commit), in order. Its failure fails that
    /// statement, and the transaction, as it would have failed here.
    pub fn defer(&self, sql: String, params: Vec<Param>) -> Result<()> {
        self.defer_write(Deferred::Statement(sql, params))
    }

    /// A row set whose answer nobody reads: sent with the table's other
    /// rows set before the next round trip, in one statement.
    pub(super) fn defer_upsert(&self, row: Upsert) -> Result<()> {
        self.defer_write(Deferred::Upsert(row))
    }

    fn defer_write(&self, write: Deferred) -> Result<()> {
        let full = {
            let mut pending = self.deferred.lock().unwrap_or_else(|e| e.into_inner());
            pending.bytes += write.size();
            pending.writes.push(write);
            pending.writes.len() >= DEFERRED_MOST || pending.bytes >= DEFERRED_BYTES_MOST
        };
        if full {
            self.send(Last::Nothing)?;
        }
        Ok(())
    }

    /// Round trips made so far.
    pub fn round_trips(&self) -> usize {
        self.round_trips.load(Ordering::Relaxed)
    }

    /// Whether this transaction remembers what it reads.
    pub(super) fn remembers(&self) -> bool {
        self.reads.is_some()
    }

    /// What this transaction knows `key` of `table` holds, if it does.
    pub(super) fn known(&self, table: &str, key: &[u8]) -> Option<Option<Vec<u8>>> {
        let reads = self
            .reads
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        reads.0.get(&(table.to_owned(), key.to_vec())).cloned()
    }

    /// Remembers what `key` of `table` holds now (read, or written here).
    pub(super) fn remember(&self, table: &str, key: &[u8], value: Option<Vec<u8>>) {
        if let Some(reads) = &self.reads {
            if value
                .as_ref()
                .is_some_and(|v| v.len() > REMEMBERED_VALUE_MOST)
            {
                // Not kept, and what was known of the key is stale now.
                let mut reads = reads.lock().unwrap_or_else(|e| e.into_inner());
                reads.0.remove(&(table.to_owned(), key.to_vec()));
                return;
            }
            let mut reads = reads.lock().unwrap_or_else(|e| e.into_inner());
            if reads.0.len() >= REMEMBERED_MOST {
                reads.0.clear();
            }
            reads.0.insert((table.to_owned(), key.to_vec()), value);
        }
    }

    /// Forgets every key of `table` (after a change to many of them).
    pub(super) fn forget(&self, table: &str) {
        if let Some(reads) = &self.reads {
            let mut reads = reads.lock().unwrap_or_else(|e| e.into_inner());
            reads.0.retain(|(name, _), _| name != table);
        }
    }

    fn has_deferred(&self) -> bool {
        !self
            .deferred
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .writes
            .is_empty()
    }

    /// Sends what waits (the `BEGIN`, deferred writes) and `last`, in one
    /// round trip; returns `last`'s rows.
    fn send(&self, last: Last) -> Result<Vec<Row>> {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        let client = Arc::clone(&self.client);
        let begin = self.take_begin();
        let deferred =
            std::mem::take(&mut *self.deferred.lock().unwrap_or_else(|e| e.into_inner()));
        let deferred = coalesce::statements(deferred.writes);
        let rows = self
            .pg
            .block(async move { pipeline::send(&client, begin, &deferred, &last).await })
            .inspect_err(|_| {
                // The deferred writes are gone with the task: nothing of
                // this transaction may be committed now.
                self.failed.store(true, Ordering::Relaxed);
            })?;
        rows.map_err(|e| self.failed(&e))
    }

    fn failed(&self, error: &tokio_postgres::Error) -> StoreError {
        self.failed.store(true, Ordering::Relaxed);
        match meaning(error.code()) {
            Meaning::Conflict => {
                self.conflict.store(true, Ordering::Relaxed);
                StoreError::Conflict
            }
            Meaning::DiskFull => StoreError::DiskFull,
            Meaning::Other => StoreError::Postgres(describe(error)),
        }
    }

    /// Whether the transaction failed because of another one.
    pub fn conflicted(&self) -> bool {
        self.conflict.load(Ordering::Relaxed)
    }

    /// Keeps what the transaction did; refused (and rolled back) when one
    /// of its statements failed.
    pub fn commit(self) -> Result<()> {
        if self.conflicted() {
            return Err(StoreError::Conflict);
        }
        self.end_with(listen::NOTIFY_AND_COMMIT)
    }

    /// Ends the transaction with `sql` unless a statement failed (then
    /// nothing is kept); one never begun has nothing to end.
    fn end_with(self, sql: &'static str) -> Result<()> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(StoreError::Postgres(
                "a statement of this change failed: nothing was kept".into(),
            ));
        }
        if !self.begun() && !self.has_deferred() {
            self.open.store(false, Ordering::Relaxed);
            return Ok(());
        }
        self.close_with(sql)
    }

    /// Sends the statement that ends the transaction. When it fails (a
    /// deferred write refused before it, say) the transaction may still be
    /// open on the connection: it stays marked open, so that dropping it
    /// rolls it back before the connection serves anyone else.
    fn close_with(&self, sql: &'static str) -> Result<()> {
        self.batch(sql)?;
        self.open.store(false, Ordering::Relaxed);
        Ok(())
    }

    /// Keeps what the transaction did without telling the other nodes:
    /// for what no node keeps in memory (the shared counters).
    pub(super) fn commit_quietly(self) -> Result<()> {
        self.end_with("COMMIT")
    }

    /// For a use case that refused: its writes are undone, and its reads
    /// committed, so that PostgreSQL checks them too. A refusal that no
    /// serial order of the transactions would give (it read what another
    /// one was changing) fails here with `Conflict`, and the use case runs
    /// again.
    pub fn commit_refusal(self) -> Result<()> {
        // Undone anyway: not worth sending.
        *self.deferred.lock().unwrap_or_else(|e| e.into_inner()) = Pending::default();
        if !self.begun() {
            self.open.store(false, Ordering::Relaxed);
            return Ok(());
        }
        self.close_with("ROLLBACK TO SAVEPOINT work; COMMIT")
    }
}

impl Drop for Txn {
    fn drop(&mut self) {
        if self.open.load(Ordering::Relaxed) && self.begun() {
            // The connection goes back to the pool once the rollback is
            // done: nobody waits for it.
            let client = Arc::clone(&self.client);
            self.pg.spawn(async move {
                let _ = client.batch_execute("ROLLBACK").await;
            });
        }
    }
}

//! One transaction on one pooled connection: its `BEGIN` sent with its
//! first statement, each statement a round trip on the store's runtime,
//! and a failure remembered so that nothing half done is ever committed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::Object;
use tokio_postgres::Row;

use super::failure::{Meaning, describe, meaning};
use super::{Param, Postgres, listen};
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
    /// Set when PostgreSQL refused a statement because of another
    /// transaction: the use case is run again.
    pub(super) conflict: AtomicBool,
    /// Set when any statement failed: PostgreSQL has aborted the
    /// transaction, and a COMMIT would silently roll it back.
    pub(super) failed: AtomicBool,
    pub(super) open: AtomicBool,
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
        let client = Arc::clone(&self.client);
        let begin = self.take_begin();
        let done = self.pg.block(async move {
            if let Some(begin) = begin {
                client.batch_execute(begin).await?;
            }
            client.batch_execute(sql).await
        })?;
        done.map_err(|e| self.failed(&e))
    }

    /// Runs one statement and returns its rows.
    pub fn query(&self, sql: String, params: Vec<Param>) -> Result<Vec<Row>> {
        let client = Arc::clone(&self.client);
        let begin = self.take_begin();
        let rows = self.pg.block(async move {
            // Parsed outside the transaction's statements: a statement
            // prepared once per connection is not part of any transaction.
            let statement = client.prepare_cached(&sql).await?;
            let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
                .iter()
                .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync))
                .collect();
            match begin {
                // Both are sent before either answer is awaited: `biased`
                // polls them in this order, and each is sent at its first
                // poll.
                Some(begin) => {
                    let (began, rows) = tokio::join!(
                        biased;
                        client.batch_execute(begin),
                        client.query(&statement, &refs)
                    );
                    began?;
                    rows
                }
                None => client.query(&statement, &refs).await,
            }
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
        if self.failed.load(Ordering::Relaxed) {
            return Err(StoreError::Postgres(
                "a statement of this change failed: nothing was kept".into(),
            ));
        }
        self.open.store(false, Ordering::Relaxed);
        if !self.begun() {
            return Ok(());
        }
        self.batch(listen::NOTIFY_AND_COMMIT)
    }

    /// Keeps what the transaction did without telling the other nodes:
    /// for what no node keeps in memory (the shared counters).
    pub(super) fn commit_quietly(self) -> Result<()> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(StoreError::Postgres(
                "a statement of this change failed: nothing was kept".into(),
            ));
        }
        self.open.store(false, Ordering::Relaxed);
        if !self.begun() {
            return Ok(());
        }
        self.batch("COMMIT")
    }

    /// For a use case that refused: its writes are undone, and its reads
    /// committed, so that PostgreSQL checks them too. A refusal that no
    /// serial order of the transactions would give (it read what another
    /// one was changing) fails here with `Conflict`, and the use case runs
    /// again.
    pub fn commit_refusal(self) -> Result<()> {
        self.open.store(false, Ordering::Relaxed);
        if !self.begun() {
            return Ok(());
        }
        self.batch("ROLLBACK TO SAVEPOINT work; COMMIT")
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

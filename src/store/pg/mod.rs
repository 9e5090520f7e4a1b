//! The store on PostgreSQL: the same tables as the redb file, one SQL
//! table each, read and written by the same queries (`store::Table`).
//!
//! The store's callers block (use cases run on blocking threads, the CLI
//! has no runtime), and tokio-postgres is async: statements run on a small
//! runtime of the store's own and the caller waits for the answer on a
//! channel, which works the same from a blocking thread, the CLI or a test
//! inside another runtime. Connections come from a deadpool pool.
//!
//! A write is one `SERIALIZABLE` transaction; when PostgreSQL says two
//! transactions could not both be kept (40001) or deadlocked (40P01), the
//! whole use case runs again on a fresh transaction, so no interleaving of
//! two nodes loses an update or breaks a rule that a use case checked.

mod coalesce;
mod columns;
mod counters;
mod failure;
mod listen;
mod pipeline;
mod rows;
mod schema;
mod sql;
mod table;
mod txn;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};

pub use columns::{Columns, Param, Sql};
pub use counters::{Counter, SharedCounters};
use failure::describe;
pub use listen::OnChange;
pub use rows::PgRows;
pub use schema::{TableSpec, spec};
pub use sql::{Ends, ends};
pub use table::PgTable;
use txn::Begin;
pub use txn::Txn;

/// Every row of a table.
pub fn everything() -> Ends {
    (std::ops::Bound::Unbounded, std::ops::Bound::Unbounded)
}

use super::{Result, StoreError};

/// How many connections a node keeps to the database.
const POOL_SIZE: usize = 16;

/// A whole use case is tried this many times when PostgreSQL cannot keep
/// it beside another one, waiting a little longer (and at random, so that
/// the same two do not meet again) before each new try.
pub const ATTEMPTS: usize = 30;

/// The wait before try number `attempt` (2 on): up to 1, 2, 4… 64 ms.
pub fn backoff(attempt: usize) -> std::time::Duration {
    use rand::Rng;
    let ceiling = 1u64 << attempt.saturating_sub(1).min(6);
    std::time::Duration::from_micros(rand::rng().random_range(0..ceiling * 1000))
}

/// A connection to the database, shared by every transaction of a node.
pub struct Postgres {
    pool: Pool,
    /// Tests: this many next commits are refused as if another came first.
    conflicts_planted: AtomicUsize,
    /// Taken only when the store is dropped.
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Postgres {
    /// Without waiting: a store may be dropped inside async code (a test,
    /// a server shutting down), where waiting for a runtime is refused.
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Postgres {
    /// Connects to `url` (`postgres://user@host[,host2]/db?…`), makes
    /// or brings up to date the tables, and calls `on_change` whenever any
    /// node commits a write.
    pub fn connect(url: &str, on_change: OnChange) -> Result<Self> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Postgres(format!("the store URL: {e}")))?;
        // Nothing waits for ever: a statement, a transaction left open, a
        // connection to a host that went away, a free connection.
        let options = format!(
            "{} -c statement_timeout=30s -c idle_in_transaction_session_timeout=60s",
            config.get_options().unwrap_or_default()
        );
        config.options(options.trim());
        config.keepalives_idle(Duration::from_secs(30));
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let manager = Manager::from_config(
            config.clone(),
            tokio_postgres::NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("mailroom-postgres")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Postgres(format!("starting its runtime: {e}")))?;
        let pool = {
            let _entered = runtime.enter();
            Pool::builder(manager)
                .max_size(POOL_SIZE)
                .wait_timeout(Some(Duration::from_secs(30)))
                .create_timeout(Some(Duration::from_secs(10)))
                .runtime(deadpool_postgres::Runtime::Tokio1)
                .build()
                .map_err(|e| StoreError::Postgres(e.to_string()))?
        };
        let pg = Self {
            pool,
            conflicts_planted: AtomicUsize::new(0),
            runtime: Some(runtime),
        };
        schema::create(&pg)?;
        pg.spawn(listen::listen(config, on_change));
        Ok(pg)
    }

    /// Runs `future` on the store's runtime and waits for it.
    fn block<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> Result<T> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.spawn(async move {
            let _ = tx.send(future.await);
        });
        rx.recv()
            .map_err(|_| StoreError::Postgres("the database task stopped".into()))
    }

    /// Whether this commit is to be refused as if another came first
    /// (tests); each refusal planted is taken once.
    pub fn take_planted_conflict(&self) -> bool {
        self.conflicts_planted
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }

    /// Tests: the next `count` commits are refused as PostgreSQL refuses a
    /// transaction another one overtook, so that their use cases run again.
    pub fn plant_conflicts(&self, count: usize) {
        self.conflicts_planted.store(count, Ordering::Relaxed);
    }

    fn spawn(&self, future: impl Future<Output = ()> + Send + 'static) {
        if let Some(runtime) = &self.runtime {
            runtime.spawn(future);
        }
    }

    fn client(&self) -> Result<Arc<Object>> {
        let pool = self.pool.clone();
        let client = self
            .block(async move { pool.get().await })?
            .map_err(|e| StoreError::Postgres(format!("connecting: {e}")))?;
        Ok(Arc::new(client))
    }

    /// A transaction: a snapshot (`REPEATABLE READ, READ ONLY`) or a
    /// write (`SERIALIZABLE`).
    pub fn begin(self: &Arc<Self>, write: bool) -> Result<Txn> {
        self.transaction(if write {
            // The savepoint lets a refused use case undo its writes and
            // still commit its reads (`commit_refusal`).
            "BEGIN ISOLATION LEVEL SERIALIZABLE; SAVEPOINT work"
        } else {
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        })
    }

    /// A transaction that takes row locks as it goes (`READ COMMITTED`):
    /// the shared counters', where waiting on a row beats retrying.
    fn begin_locking(self: &Arc<Self>) -> Result<Txn> {
        self.transaction("BEGIN ISOLATION LEVEL READ COMMITTED")
    }

    /// `begin` is sent with the transaction's first statement, in the same
    /// round trip: PostgreSQL takes a transaction's snapshot at its first
    /// statement anyway, and a lookup answered from a node's memory then
    /// costs no round trip at all.
    fn transaction(self: &Arc<Self>, begin: &'static str) -> Result<Txn> {
        self.txn(Begin::Pending(begin))
    }

    /// Reads whose statements each see what was committed when it ran,
    /// outside any transaction: for answers read from a row or two (the
    /// socketmap's), where a snapshot would cost two more statements.
    pub fn begin_unpinned(self: &Arc<Self>) -> Result<Txn> {
        self.txn(Begin::Never)
    }

    fn txn(self: &Arc<Self>, begin: Begin) -> Result<Txn> {
        Ok(Txn {
            pg: Arc::clone(self),
            client: self.client()?,
            begin: std::sync::Mutex::new(begin),
            deferred: std::sync::Mutex::new(Default::default()),
            // One snapshot for all its statements: snapshots and
            // SERIALIZABLE writes (`READ COMMITTED` takes one a statement).
            reads: begin
                .shares_a_snapshot()
                .then(|| std::sync::Mutex::new(txn::Reads::default())),
            conflict: AtomicBool::new(false),
            failed: AtomicBool::new(false),
            open: AtomicBool::new(true),
            round_trips: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Runs `statements` outside any transaction of ours (the schema).
    fn batch(&self, statements: String) -> Result<()> {
        let client = self.client()?;
        self.block(async move { client.batch_execute(&statements).await })?
            .map_err(|e| StoreError::Postgres(describe(&e)))
    }
}

/// A new, empty database on the suite's PostgreSQL
/// (`MAILROOM_POSTGRES_URL`, which scripts/test sets after starting a
/// throwaway one), for a test of its own. Fails the test when unset: a
/// test that needs PostgreSQL never passes without it.
#[doc(hidden)]
pub fn test_database() -> String {
    let base = match std::env::var("MAILROOM_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "this test needs PostgreSQL: set MAILROOM_POSTGRES_URL (scripts/test starts a \
             throwaway one and sets it)"
        ),
    };
    let name = format!(
        "test_{}",
        crate::model::random_token()
            .to_lowercase()
            .replace('-', "_")
    );
    let create = format!("CREATE DATABASE {name}");
    let connect = base.clone();
    // On a thread of its own: the caller may be inside a runtime already.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async move {
            let (client, connection) = tokio_postgres::connect(&connect, tokio_postgres::NoTls)
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(connection);
            client
                .batch_execute(&create)
                .await
                .map_err(|e| describe(&e))
        })
    })
    .join()
    .unwrap_or_else(|_| Err("the thread stopped".into()))
    .unwrap_or_else(|e| panic!("could not make a test database on {base}: {e}"));
    match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("MAILROOM_POSTGRES_URL names no database: {base}"),
    }
}

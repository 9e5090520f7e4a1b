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

mod columns;
mod rows;
mod schema;
mod sql;
mod table;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio_postgres::Row;
use tokio_postgres::error::SqlState;

pub use columns::{Columns, Param, Sql};
pub use rows::PgRows;
pub use schema::{TableSpec, spec};
pub use sql::{Ends, ends};
pub use table::PgTable;

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
    /// Connects to `url` (`postgres://user@host[,host2]/db?…`) and makes
    /// or brings up to date the tables.
    pub fn connect(url: &str) -> Result<Self> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Postgres(format!("the store URL: {e}")))?;
        let manager = Manager::from_config(
            config,
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
                .runtime(deadpool_postgres::Runtime::Tokio1)
                .build()
                .map_err(|e| StoreError::Postgres(e.to_string()))?
        };
        let pg = Self {
            pool,
            runtime: Some(runtime),
        };
        schema::create(&pg)?;
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
        let txn = Txn {
            pg: Arc::clone(self),
            client: self.client()?,
            conflict: AtomicBool::new(false),
            open: AtomicBool::new(true),
        };
        txn.batch(if write {
            "BEGIN ISOLATION LEVEL SERIALIZABLE"
        } else {
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        })?;
        Ok(txn)
    }

    /// Runs `statements` outside any transaction of ours (the schema).
    fn batch(&self, statements: String) -> Result<()> {
        let client = self.client()?;
        self.block(async move { client.batch_execute(&statements).await })?
            .map_err(|e| StoreError::Postgres(describe(&e)))
    }
}

/// One transaction on one pooled connection; rolled back when dropped
/// without a commit.
pub struct Txn {
    pg: Arc<Postgres>,
    client: Arc<Object>,
    /// Set when PostgreSQL refused a statement because of another
    /// transaction: the use case is run again.
    conflict: AtomicBool,
    open: AtomicBool,
}

impl Txn {
    fn batch(&self, sql: &'static str) -> Result<()> {
        let client = Arc::clone(&self.client);
        let done = self
            .pg
            .block(async move { client.batch_execute(sql).await })?;
        done.map_err(|e| self.failed(&e))
    }

    /// Runs one statement and returns its rows.
    pub fn query(&self, sql: String, params: Vec<Param>) -> Result<Vec<Row>> {
        let client = Arc::clone(&self.client);
        let rows = self.pg.block(async move {
            let statement = client.prepare_cached(&sql).await?;
            let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
                .iter()
                .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync))
                .collect();
            client.query(&statement, &refs).await
        })?;
        rows.map_err(|e| self.failed(&e))
    }

    fn failed(&self, error: &tokio_postgres::Error) -> StoreError {
        let code = error.code();
        if code == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
            || code == Some(&SqlState::T_R_DEADLOCK_DETECTED)
        {
            self.conflict.store(true, Ordering::Relaxed);
            return StoreError::Conflict;
        }
        if code == Some(&SqlState::DISK_FULL) {
            return StoreError::DiskFull;
        }
        StoreError::Postgres(describe(error))
    }

    /// Whether the transaction failed because of another one.
    pub fn conflicted(&self) -> bool {
        self.conflict.load(Ordering::Relaxed)
    }

    pub fn commit(self) -> Result<()> {
        self.open.store(false, Ordering::Relaxed);
        self.batch("COMMIT")
    }
}

impl Drop for Txn {
    fn drop(&mut self) {
        if self.open.load(Ordering::Relaxed) {
            // The connection goes back to the pool once the rollback is
            // done: nobody waits for it.
            let client = Arc::clone(&self.client);
            self.pg.spawn(async move {
                let _ = client.batch_execute("ROLLBACK").await;
            });
        }
    }
}

/// What PostgreSQL said, with its detail: tokio-postgres's own display
/// says only "db error".
fn describe(error: &tokio_postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {detail}", db.message()),
            None => db.message().to_owned(),
        },
        None => error.to_string(),
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

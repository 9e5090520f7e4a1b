//! The two transaction kinds on either engine, and the one way both read
//! a table (`Query`).

use std::sync::Arc;

use redb::{ReadTransaction, TableDefinition, TableHandle, WriteTransaction};

use super::{Result, StoreError, StoreKey, StoreValue, Table, pg, tables};

/// Runs `f` until PostgreSQL keeps it, at most `pg::ATTEMPTS` times.
pub(super) fn write_retrying<T, E>(
    pg: &Arc<pg::Postgres>,
    f: &mut impl FnMut(&mut Writer) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut writer = Writer {
            txn: WriteTxn::Postgres(pg.begin(true)?),
        };
        let outcome = f(&mut writer);
        let conflicted = writer.conflicted();
        match outcome {
            Ok(value) => {
                // A planted refusal (tests) is PostgreSQL's at the commit.
                let committed = if pg.take_planted_conflict() {
                    Err(StoreError::Conflict)
                } else {
                    writer.commit()
                };
                match committed {
                    Ok(()) => return Ok(value),
                    Err(StoreError::Conflict) if attempt < pg::ATTEMPTS => {}
                    Err(error) => return Err(error.into()),
                }
            }
            Err(_) if conflicted && attempt < pg::ATTEMPTS => {}
            Err(error) if conflicted => return Err(error),
            Err(error) => {
                if !refusal_overtaken(writer.commit_refusal(), attempt) {
                    return Err(error);
                }
            }
        }
        tracing::debug!(attempt, "a write met another one; running it again");
        std::thread::sleep(pg::backoff(attempt + 1));
    }
}

/// Whether a refusal's commit found what it read overtaken (PostgreSQL
/// refuses a read-only commit only when it closes a cycle of three
/// transactions), with tries left: then the use case runs again.
fn refusal_overtaken(committed: Result<()>, attempt: usize) -> bool {
    matches!(committed, Err(StoreError::Conflict)) && attempt < pg::ATTEMPTS
}

/// A consistent snapshot.
pub struct Reader {
    pub(super) txn: ReadTxn,
}

pub(super) enum ReadTxn {
    Redb(ReadTransaction),
    Postgres(pg::Txn),
}

impl Reader {
    pub(crate) fn of_redb(txn: ReadTransaction) -> Self {
        Self {
            txn: ReadTxn::Redb(txn),
        }
    }

    /// The redb transaction, for what only the file has (backups).
    pub(crate) fn redb(&self) -> Result<&ReadTransaction> {
        match &self.txn {
            ReadTxn::Redb(txn) => Ok(txn),
            ReadTxn::Postgres(_) => Err(StoreError::NotRedb),
        }
    }
}

/// One write transaction; dropped without commit when the use case fails.
pub struct Writer {
    pub(super) txn: WriteTxn,
}

pub(super) enum WriteTxn {
    Redb(Box<WriteTransaction>),
    Postgres(pg::Txn),
}

/// What both transaction kinds share: opening a table for reading. Every
/// read query is a provided method of an extension of this trait, so it is
/// written once and runs on a snapshot or inside a write alike.
pub trait Query: Sized {
    fn table<K: StoreKey, V: StoreValue>(
        &self,
        definition: TableDefinition<'static, K, V>,
    ) -> Result<Table<'_, K, V>>;
}

fn pg_table<'t, K: StoreKey, V: StoreValue>(
    txn: &'t pg::Txn,
    definition: TableDefinition<'static, K, V>,
) -> Table<'t, K, V> {
    let name = definition.name();
    Table::Postgres(pg::PgTable::new(txn, name.to_owned(), pg::spec(name).raw))
}

impl Query for Reader {
    fn table<K: StoreKey, V: StoreValue>(
        &self,
        definition: TableDefinition<'static, K, V>,
    ) -> Result<Table<'_, K, V>> {
        match &self.txn {
            ReadTxn::Redb(txn) => Ok(Table::Snapshot(txn.open_table(definition)?)),
            ReadTxn::Postgres(txn) => Ok(pg_table(txn, definition)),
        }
    }
}

impl Query for Writer {
    fn table<K: StoreKey, V: StoreValue>(
        &self,
        definition: TableDefinition<'static, K, V>,
    ) -> Result<Table<'_, K, V>> {
        match &self.txn {
            WriteTxn::Redb(txn) => Ok(Table::InWrite(txn.open_table(definition)?)),
            WriteTxn::Postgres(txn) => Ok(pg_table(txn, definition)),
        }
    }
}

impl Writer {
    /// Ids are per-kind counters kept in the same transaction as the record.
    /// Round trips to PostgreSQL so far (none on redb).
    #[cfg(test)]
    pub(crate) fn round_trips(&self) -> usize {
        match &self.txn {
            WriteTxn::Redb(_) => 0,
            WriteTxn::Postgres(txn) => txn.round_trips(),
        }
    }

    pub(super) fn next_id(&mut self, kind: &str) -> Result<u64> {
        let key = format!("next_id:{kind}");
        let mut meta = self.table(tables::META)?;
        let id = meta.get(key.as_str())?.map(|v| v.value()).unwrap_or(1);
        meta.put(key.as_str(), id + 1)?;
        Ok(id)
    }

    /// The redb transaction, for what only the file has (its migrations).
    pub(crate) fn redb(&self) -> Result<&WriteTransaction> {
        match &self.txn {
            WriteTxn::Redb(txn) => Ok(txn),
            WriteTxn::Postgres(_) => Err(StoreError::NotRedb),
        }
    }

    pub(super) fn conflicted(&self) -> bool {
        match &self.txn {
            WriteTxn::Redb(_) => false,
            WriteTxn::Postgres(txn) => txn.conflicted(),
        }
    }

    #[cfg(test)]
    pub(crate) fn of_redb(txn: WriteTransaction) -> Self {
        Self {
            txn: WriteTxn::Redb(Box::new(txn)),
        }
    }

    /// The use case refused: nothing it wrote is kept (on PostgreSQL its
    /// reads are checked against the others', `pg::Txn::commit_refusal`).
    fn commit_refusal(self) -> Result<()> {
        match self.txn {
            WriteTxn::Redb(_) => Ok(()),
            WriteTxn::Postgres(txn) => txn.commit_refusal(),
        }
    }

    pub(crate) fn commit(self) -> Result<()> {
        match self.txn {
            WriteTxn::Redb(txn) => Ok((*txn).commit()?),
            WriteTxn::Postgres(txn) => txn.commit(),
        }
    }
}

//! A table as the queries see it, whatever holds it: the reads and writes
//! every query file is written with (`get`, `range`, `iter`, `first`,
//! `len`, `insert`, `remove`, `retain`, `extract_from_if`), with redb's
//! key and value types and the same answers. Each query is written once,
//! over this; the store behind it decides how it is kept.

use std::borrow::Borrow;
use std::marker::PhantomData;
use std::ops::RangeBounds;

use redb::{Key, ReadableTable, ReadableTableMetadata, Value};

use super::Result;
use super::pg::{Columns, PgRows, PgTable};

/// A key type the store can keep in either engine.
pub trait StoreKey: Key + Columns {}
impl<T: Key + Columns> StoreKey for T {}

/// A value type the store can keep in either engine.
pub trait StoreValue: Value + Columns {}
impl<T: Value + Columns> StoreValue for T {}

/// A table opened by a snapshot (read only) or by a write transaction, of
/// the redb file or of PostgreSQL.
pub enum Table<'t, K: StoreKey, V: StoreValue> {
    Snapshot(redb::ReadOnlyTable<K, V>),
    InWrite(redb::Table<'t, K, V>),
    Postgres(PgTable<'t, K, V>),
}

/// A value read from a table.
pub enum Guard<'a, T: Value + 'static> {
    Redb(redb::AccessGuard<'a, T>),
    /// Read from PostgreSQL, in redb's encoding.
    Owned(Vec<u8>, PhantomData<T>),
}

impl<T: Value + 'static> Guard<'_, T> {
    fn owned(bytes: Vec<u8>) -> Self {
        Guard::Owned(bytes, PhantomData)
    }

    pub fn value(&self) -> T::SelfType<'_> {
        match self {
            Guard::Redb(guard) => guard.value(),
            Guard::Owned(bytes, _) => T::from_bytes(bytes),
        }
    }
}

/// Rows of a table in key order, from either end.
pub enum Rows<'a, K: StoreKey, V: StoreValue> {
    Redb(redb::Range<'a, K, V>),
    Postgres(PgRows<'a, K, V>),
}

pub type Row<'a, K, V> = (Guard<'a, K>, Guard<'a, V>);

fn owned_row<'a, K: StoreKey, V: StoreValue>(
    row: Option<Result<(Vec<u8>, Vec<u8>)>>,
) -> Option<Result<Row<'a, K, V>>> {
    row.map(|row| row.map(|(k, v)| (Guard::owned(k), Guard::owned(v))))
}

impl<'a, K: StoreKey, V: StoreValue> Iterator for Rows<'a, K, V> {
    type Item = Result<Row<'a, K, V>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Redb(range) => range.next().map(|row| {
                row.map(|(k, v)| (Guard::Redb(k), Guard::Redb(v)))
                    .map_err(Into::into)
            }),
            Rows::Postgres(rows) => owned_row(rows.next_row()),
        }
    }
}

impl<K: StoreKey, V: StoreValue> DoubleEndedIterator for Rows<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Redb(range) => range.next_back().map(|row| {
                row.map(|(k, v)| (Guard::Redb(k), Guard::Redb(v)))
                    .map_err(Into::into)
            }),
            Rows::Postgres(rows) => owned_row(rows.next_back_row()),
        }
    }
}

/// The same call on whichever kind of redb table it is; `$pg` for
/// PostgreSQL's.
macro_rules! either {
    ($table:expr, $t:ident => $call:expr, $p:ident => $pg:expr) => {
        match $table {
            Table::Snapshot($t) => $call,
            Table::InWrite($t) => $call,
            Table::Postgres($p) => $pg,
        }
    };
}

fn guard<T: Value + 'static>(found: Option<redb::AccessGuard<'_, T>>) -> Option<Guard<'_, T>> {
    found.map(Guard::Redb)
}

fn row<'a, K: Key + 'static, V: Value + 'static>(
    found: Option<(redb::AccessGuard<'a, K>, redb::AccessGuard<'a, V>)>,
) -> Option<Row<'a, K, V>> {
    found.map(|(k, v)| (Guard::Redb(k), Guard::Redb(v)))
}

impl<'t, K: StoreKey, V: StoreValue> Table<'t, K, V> {
    pub fn get<'a>(&self, key: impl Borrow<K::SelfType<'a>>) -> Result<Option<Guard<'_, V>>> {
        either!(self,
            t => Ok(guard(t.get(key)?)),
            p => Ok(p.get(key.borrow())?.map(Guard::owned)))
    }

    /// Whether reading keys ahead (`prefetch`) saves anything: on
    /// PostgreSQL in a one-snapshot transaction, not on redb, whose reads
    /// are local.
    pub fn reads_ahead(&self) -> bool {
        matches!(self, Table::Postgres(p) if p.reads_ahead())
    }

    /// Reads `keys` ahead in one statement per few hundred on PostgreSQL,
    /// so that reading each of them after costs no round trip; nothing on
    /// redb.
    pub fn prefetch(&self, keys: &[K::SelfType<'_>]) -> Result<()> {
        match self {
            Table::Postgres(p) => p.prefetch(keys),
            _ => Ok(()),
        }
    }

    /// The value of `target` under the key this table (an index) holds
    /// under `key`: one statement on PostgreSQL, two lookups on redb.
    pub fn get_through<'a, 'g, V2: StoreValue>(
        &self,
        key: impl Borrow<K::SelfType<'a>>,
        target: &'g Table<'_, V, V2>,
    ) -> Result<Option<Guard<'g, V2>>>
    where
        V: StoreKey,
    {
        if let (Table::Postgres(index), Table::Postgres(records)) = (self, target)
            && let Some(found) = index.get_through(key.borrow(), records)
        {
            return Ok(found?.map(Guard::owned));
        }
        match self.get(key)? {
            Some(pointer) => target.get(pointer.value()),
            None => Ok(None),
        }
    }

    pub fn range<'a, KR>(&self, range: impl RangeBounds<KR> + 'a) -> Result<Rows<'_, K, V>>
    where
        KR: Borrow<K::SelfType<'a>> + 'a,
    {
        either!(self,
            t => Ok(Rows::Redb(t.range(range)?)),
            p => Ok(Rows::Postgres(p.rows(super::pg::ends::<K, KR>(&range)))))
    }

    pub fn iter(&self) -> Result<Rows<'_, K, V>> {
        either!(self,
            t => Ok(Rows::Redb(t.iter()?)),
            p => Ok(Rows::Postgres(p.rows(super::pg::everything()))))
    }

    pub fn first(&self) -> Result<Option<Row<'_, K, V>>> {
        match self {
            Table::Snapshot(t) => Ok(row(t.first()?)),
            Table::InWrite(t) => Ok(row(t.first()?)),
            Table::Postgres(_) => self.iter()?.next().transpose(),
        }
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.first()?.is_none())
    }

    pub fn len(&self) -> Result<u64> {
        either!(self, t => Ok(t.len()?), p => p.len())
    }

    fn writable(&mut self) -> Result<&mut redb::Table<'t, K, V>> {
        match self {
            Table::InWrite(table) => Ok(table),
            Table::Snapshot(_) | Table::Postgres(_) => Err(super::StoreError::ReadOnly),
        }
    }

    /// Sets `key` to `value`; returns whether it held one before.
    pub fn insert<'k, 'v>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        value: impl Borrow<V::SelfType<'v>>,
    ) -> Result<bool> {
        if let Table::Postgres(p) = self {
            return p.insert(key.borrow(), value.borrow());
        }
        Ok(self.writable()?.insert(key, value)?.is_some())
    }

    /// Sets `key` to `value` when the caller does not ask what was there:
    /// on PostgreSQL, sent with the next statement that needs an answer.
    pub fn put<'k, 'v>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        value: impl Borrow<V::SelfType<'v>>,
    ) -> Result<()> {
        if let Table::Postgres(p) = self {
            return p.put(key.borrow(), value.borrow());
        }
        self.writable()?.insert(key, value)?;
        Ok(())
    }

    /// Removes `key` when the caller does not ask what it held: on
    /// PostgreSQL, sent with the next statement that needs an answer.
    pub fn delete<'a>(&mut self, key: impl Borrow<K::SelfType<'a>>) -> Result<()> {
        if let Table::Postgres(p) = self {
            return p.delete(key.borrow());
        }
        self.writable()?.remove(key)?;
        Ok(())
    }

    /// Removes `key`; returns what it held, in redb's encoding.
    pub fn remove<'a>(&mut self, key: impl Borrow<K::SelfType<'a>>) -> Result<Option<Vec<u8>>> {
        if let Table::Postgres(p) = self {
            return p.remove(key.borrow());
        }
        let removed = self.writable()?.remove(key)?;
        Ok(removed.map(|old| V::as_bytes(&old.value()).as_ref().to_vec()))
    }

    /// Keeps the rows `keep` says yes to.
    pub fn retain<F>(&mut self, mut keep: F) -> Result<()>
    where
        F: for<'f> FnMut(K::SelfType<'f>, V::SelfType<'f>) -> bool,
    {
        if let Table::Postgres(p) = self {
            let mut dropped = Vec::new();
            for row in p.rows(super::pg::everything()) {
                let (key, value) = row?;
                if !keep(K::from_bytes(&key), V::from_bytes(&value)) {
                    dropped.push(key);
                }
            }
            return p.remove_keys(&dropped);
        }
        Ok(self.writable()?.retain(keep)?)
    }

    /// Removes every row in `range`; returns how many.
    pub fn remove_range<'a, KR>(&mut self, range: impl RangeBounds<KR> + 'a) -> Result<u64>
    where
        KR: Borrow<K::SelfType<'a>> + 'a,
    {
        if let Table::Postgres(p) = self {
            return p.remove_range(&super::pg::ends::<K, KR>(&range));
        }
        let mut removed = 0;
        for row in self.writable()?.extract_from_if(range, |_, _| true)? {
            row?;
            removed += 1;
        }
        Ok(removed)
    }
}

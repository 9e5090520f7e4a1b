//! One table's reads and writes as SQL, answering as redb answers.

use std::marker::PhantomData;

use redb::{Key, Value};

use super::Txn;
use super::coalesce::Upsert;
use super::columns::{Columns, Param, Sql};
use super::rows::PgRows;
use super::sql::{Ends, Shape, filter, shape, value_params, within};
use crate::store::Result;

/// Keys read ahead in one statement (one array parameter per key column).
const PREFETCHED_AT_ONCE: usize = 500;

/// A table opened in a transaction.
pub struct PgTable<'t, K, V> {
    pub(super) txn: &'t Txn,
    pub(super) name: String,
    /// Its values are bytes as they came (an import's text), not records.
    pub(super) raw: bool,
    kinds: PhantomData<(K, V)>,
}

impl<'t, K: Key + Columns, V: Value + Columns> PgTable<'t, K, V> {
    pub(in crate::store) fn new(txn: &'t Txn, name: String, raw: bool) -> Self {
        Self {
            txn,
            name,
            raw,
            kinds: PhantomData,
        }
    }

    fn shape(&self) -> Shape {
        shape::<K, V>(self.raw)
    }

    /// The value under `key`, in redb's encoding.
    pub fn get(&self, key: &K::SelfType<'_>) -> Result<Option<Vec<u8>>> {
        let known = K::as_bytes(key);
        if let Some(value) = self.txn.known(&self.name, known.as_ref()) {
            return Ok(value);
        }
        let found = self.read(key)?;
        self.txn.remember(&self.name, known.as_ref(), found.clone());
        Ok(found)
    }

    fn read(&self, key: &K::SelfType<'_>) -> Result<Option<Vec<u8>>> {
        let shape = self.shape();
        let column = shape.value.map_or("1".to_owned(), |v| v.select("v"));
        let sql = format!(
            "SELECT {column} FROM {} WHERE {}",
            self.name,
            shape.key_is("=", 1)
        );
        let rows = self.txn.query(sql, K::params(key))?;
        match rows.first() {
            Some(row) if shape.value.is_some() => Ok(Some(V::from_row(row, 0)?)),
            Some(_) => Ok(Some(Vec::new())),
            None => Ok(None),
        }
    }

    /// The value of `target` under the key this table (an index) holds
    /// under `key`, in one statement (none when this transaction already
    /// knows the index's entry); `None` when the index's value is not one
    /// column or `target` has no value column (read in two steps then).
    pub fn get_through<V2: Value + Columns>(
        &self,
        key: &K::SelfType<'_>,
        target: &PgTable<'_, V, V2>,
    ) -> Option<Result<Option<Vec<u8>>>>
    where
        V: Key,
    {
        let (index, records) = (self.shape(), target.shape());
        let (Some(pointer), [_], Some(value)) =
            (index.value, records.keys.as_slice(), records.value)
        else {
            return None;
        };
        let known = K::as_bytes(key);
        if let Some(found) = self.txn.known(&self.name, known.as_ref()) {
            return Some(match found {
                Some(pointer) => target.get(&V::from_bytes(&pointer)),
                None => Ok(None),
            });
        }
        // The index's entry in a subquery: both tables name their columns
        // k1… and v.
        let sql = format!(
            "SELECT i.v, {}, t.k1 IS NOT NULL FROM (SELECT {} AS v FROM {} WHERE {}) i \
             LEFT JOIN {} t ON t.k1 = i.v",
            value.select("t.v"),
            pointer.select("v"),
            self.name,
            index.key_is("=", 1),
            target.name,
        );
        let read = || -> Result<Option<Vec<u8>>> {
            let rows = self.txn.query(sql, K::params(key))?;
            let Some(row) = rows.first() else {
                self.txn.remember(&self.name, known.as_ref(), None);
                return Ok(None);
            };
            let pointer = V::from_row(row, 0)?;
            let found: bool = row
                .try_get(2)
                .map_err(|e| crate::store::StoreError::Postgres(e.to_string()))?;
            let found = if found {
                Some(V2::from_row(row, 1)?)
            } else {
                None
            };
            self.txn
                .remember(&self.name, known.as_ref(), Some(pointer.clone()));
            self.txn.remember(&target.name, &pointer, found.clone());
            Ok(found)
        };
        Some(read())
    }

    /// Whether this transaction remembers what it reads (one snapshot):
    /// reading ahead pays only then.
    pub fn reads_ahead(&self) -> bool {
        self.txn.remembers()
    }

    /// Reads the rows of `keys` in one statement per few hundred keys and
    /// remembers them, the absent as absent, so that this transaction's
    /// reads of them cost no round trip: a batch asks once for what each
    /// of its rows asks.
    pub fn prefetch(&self, keys: &[K::SelfType<'_>]) -> Result<()> {
        if !self.txn.remembers() {
            return Ok(());
        }
        let shape = self.shape();
        let width = shape.keys.len();
        let unknown: Vec<&K::SelfType<'_>> = keys
            .iter()
            .filter(|key| {
                self.txn
                    .known(&self.name, K::as_bytes(key).as_ref())
                    .is_none()
            })
            .collect();
        for chunk in unknown.chunks(PREFETCHED_AT_ONCE) {
            // The keys as one array per column, joined: one prepared
            // statement whatever their number, and an index probe each (a
            // list of row values made PostgreSQL read the whole table).
            let keys = chunk.iter().map(|key| K::params(key));
            // Keys of an unexpected kind: read one by one.
            let Some((params, arrays)) = super::coalesce::unnest(&shape.keys, keys) else {
                return Ok(());
            };
            let names: Vec<String> = (1..=width).map(|n| format!("c{n}")).collect();
            let on: Vec<String> = shape
                .keys
                .iter()
                .enumerate()
                .map(|(i, sql)| match sql {
                    Sql::Text => format!("k{n} = u.c{n} COLLATE \"C\"", n = i + 1),
                    _ => format!("k{n} = u.c{n}", n = i + 1),
                })
                .collect();
            let sql = format!(
                "SELECT {} FROM {} JOIN unnest({}) AS u({}) ON {}",
                shape.selected(),
                self.name,
                arrays.join(", "),
                names.join(", "),
                on.join(" AND ")
            );
            let mut found = std::collections::HashSet::new();
            for row in self.txn.query(sql, params)? {
                let key = K::from_row(&row, 0)?;
                let value = match shape.value {
                    Some(_) => V::from_row(&row, width)?,
                    None => Vec::new(),
                };
                self.txn.remember(&self.name, &key, Some(value));
                found.insert(key);
            }
            for key in chunk {
                let key = K::as_bytes(key).as_ref().to_vec();
                if !found.contains(&key) {
                    self.txn.remember(&self.name, &key, None);
                }
            }
        }
        Ok(())
    }

    pub fn rows(&self, ends: Ends) -> PgRows<'t, K, V> {
        PgRows::new(self.txn, self.name.clone(), self.shape(), ends)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    pub fn len(&self) -> Result<u64> {
        let rows = self
            .txn
            .query(format!("SELECT count(*) FROM {}", self.name), Vec::new())?;
        let count: i64 = rows.first().map(|row| row.get(0)).unwrap_or_default();
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// The statement that sets `key` to `value`; with `answer`, it returns
    /// whether the key held a value before.
    fn upsert(
        &self,
        key: &K::SelfType<'_>,
        value: &V::SelfType<'_>,
        answer: bool,
    ) -> (String, Vec<Param>) {
        let shape = self.shape();
        let keys = shape.key_list();
        let mut params = K::params(key);
        let placeholders: Vec<String> = shape
            .keys
            .iter()
            .enumerate()
            .map(|(i, sql)| sql.placeholder(i + 1))
            .collect();
        let (name, values) = (&self.name, placeholders.join(", "));
        let sql = match shape.value {
            Some(column) => {
                params.extend(value_params(Some(column), V::params(value)));
                let value = column.placeholder(params.len());
                let returning = if answer { " RETURNING (xmax <> 0)" } else { "" };
                format!(
                    "INSERT INTO {name} ({keys}, v) VALUES ({values}, {value}) ON CONFLICT ({keys}) \
                     DO UPDATE SET v = EXCLUDED.v{returning}"
                )
            }
            None if answer => format!(
                "WITH added AS (INSERT INTO {name} ({keys}) VALUES ({values}) ON CONFLICT DO \
                 NOTHING RETURNING 1) SELECT NOT EXISTS (SELECT 1 FROM added)"
            ),
            None => format!("INSERT INTO {name} ({keys}) VALUES ({values}) ON CONFLICT DO NOTHING"),
        };
        (sql, params)
    }

    /// Sets `key` to `value`; returns whether it held one before.
    pub fn insert(&self, key: &K::SelfType<'_>, value: &V::SelfType<'_>) -> Result<bool> {
        let (sql, params) = self.upsert(key, value, true);
        let rows = self.txn.query(sql, params)?;
        self.written(key, Some(value));
        Ok(rows.first().is_some_and(|row| row.get::<_, bool>(0)))
    }

    /// Sets `key` to `value`, sent with the next statement that needs an
    /// answer: for writes whose caller does not ask what was there.
    pub fn put(&self, key: &K::SelfType<'_>, value: &V::SelfType<'_>) -> Result<()> {
        let (sql, params) = self.upsert(key, value, false);
        let shape = self.shape();
        self.txn.defer_upsert(Upsert {
            table: self.name.clone(),
            keys: shape.keys,
            value: shape.value,
            key: K::as_bytes(key).as_ref().to_vec(),
            sql,
            params,
        })?;
        self.written(key, Some(value));
        Ok(())
    }

    /// What this transaction now knows `key` holds.
    fn written(&self, key: &K::SelfType<'_>, value: Option<&V::SelfType<'_>>) {
        let value = value.map(|v| V::as_bytes(v).as_ref().to_vec());
        self.txn
            .remember(&self.name, K::as_bytes(key).as_ref(), value);
    }

    /// Removes `key`, sent with the next statement that needs an answer.
    pub fn delete(&self, key: &K::SelfType<'_>) -> Result<()> {
        let sql = format!(
            "DELETE FROM {} WHERE {}",
            self.name,
            self.shape().key_is("=", 1)
        );
        self.txn.defer(sql, K::params(key))?;
        self.written(key, None);
        Ok(())
    }

    /// Removes `key`; returns what it held.
    pub fn remove(&self, key: &K::SelfType<'_>) -> Result<Option<Vec<u8>>> {
        let shape = self.shape();
        let returning = shape.value.map_or("1".to_owned(), |v| v.select("v"));
        let sql = format!(
            "DELETE FROM {} WHERE {} RETURNING {returning}",
            self.name,
            shape.key_is("=", 1)
        );
        let rows = self.txn.query(sql, K::params(key))?;
        self.written(key, None);
        match rows.first() {
            Some(row) if shape.value.is_some() => Ok(Some(V::from_row(row, 0)?)),
            Some(_) => Ok(Some(Vec::new())),
            None => Ok(None),
        }
    }

    /// Removes every row within `ends`; returns how many.
    pub fn remove_range(&self, ends: &Ends) -> Result<u64> {
        let shape = self.shape();
        let mut params = Vec::new();
        let conditions = within(&shape, ends, &mut params);
        let sql = format!(
            "WITH gone AS (DELETE FROM {}{} RETURNING 1) SELECT count(*) FROM gone",
            self.name,
            filter(&conditions)
        );
        let rows = self.txn.query(sql, params)?;
        self.txn.forget(&self.name);
        let count: i64 = rows.first().map(|row| row.get(0)).unwrap_or_default();
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// Removes the rows (keys in redb's encoding) `keep` said no to.
    pub fn remove_keys(&self, keys: &[Vec<u8>]) -> Result<()> {
        for key in keys {
            self.remove(&K::from_bytes(key))?;
        }
        Ok(())
    }
}

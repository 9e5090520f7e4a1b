//! Counters every node shares (the failed-login records of `throttle`):
//! a table of their own, outside the redb file's set (they matter for a
//! quarter of an hour and are neither backed up nor copied), changed under
//! row locks in `READ COMMITTED` transactions. A burst of attempts on one
//! account from every node then queues on its row instead of failing
//! serialization and retrying, and the change commits without telling the
//! nodes (a login is not a change anything keeps in memory).

use std::sync::Arc;

use super::{Param, Postgres};
use crate::store::Result;

pub const DDL: &str = "CREATE TABLE IF NOT EXISTS counters (\n  \
    key text COLLATE \"C\" PRIMARY KEY,\n  count integer NOT NULL,\n  last_ms bigint NOT NULL\n);\n";

/// A counter: how many, and when the last was counted (ms).
pub type Counter = (u32, u64);

impl Postgres {
    /// Runs `change` on the counters of `keys` (in that order; `None`: none
    /// yet) with their rows locked, and keeps what it leaves (`None`:
    /// removed).
    pub fn change_counters(
        self: &Arc<Self>,
        keys: &[String],
        change: &mut dyn FnMut(&mut [Option<Counter>]),
    ) -> Result<()> {
        let txn = self.begin_locking()?;
        // Locked in one order by everyone: two attempts sharing a client but
        // not an account cannot deadlock.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        order.dedup_by(|a, b| keys[*a] == keys[*b]);
        let mut counters: Vec<Option<Counter>> = vec![None; keys.len()];
        for &i in &order {
            // Made when missing and locked in one statement; a new row reads
            // as no counter.
            let rows = txn.query(
                "INSERT INTO counters (key, count, last_ms) VALUES ($1, 0, 0) \
                 ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING count, last_ms"
                    .into(),
                vec![Param::Text(keys[i].clone())],
            )?;
            let found = rows.first().map(|row| {
                let count: i32 = row.get(0);
                let last: i64 = row.get(1);
                (
                    u32::try_from(count).unwrap_or(0),
                    u64::try_from(last).unwrap_or(0),
                )
            });
            counters[i] = found.filter(|&(count, last)| count > 0 || last > 0);
        }
        for i in 0..keys.len() {
            if let Some(first) = order.iter().find(|&&j| keys[j] == keys[i]) {
                counters[i] = counters[*first];
            }
        }
        change(&mut counters);
        for &i in &order {
            match counters[i] {
                Some((count, last)) => txn.query(
                    "UPDATE counters SET count = $2, last_ms = $3 WHERE key = $1".into(),
                    vec![
                        Param::Text(keys[i].clone()),
                        Param::Small(i32::try_from(count).unwrap_or(i32::MAX)),
                        Param::Int(i64::try_from(last).unwrap_or(i64::MAX)),
                    ],
                )?,
                None => txn.query(
                    "DELETE FROM counters WHERE key = $1".into(),
                    vec![Param::Text(keys[i].clone())],
                )?,
            };
        }
        txn.commit_quietly()
    }

    /// Forgets counters last counted before `before_ms`.
    pub fn prune_counters(self: &Arc<Self>, before_ms: u64) -> Result<u64> {
        let txn = self.begin_locking()?;
        let rows = txn.query(
            "WITH gone AS (DELETE FROM counters WHERE last_ms < $1 RETURNING 1) \
             SELECT count(*) FROM gone"
                .into(),
            vec![Param::Int(i64::try_from(before_ms).unwrap_or(i64::MAX))],
        )?;
        let gone: i64 = rows.first().map_or(0, |row| row.get(0));
        txn.commit_quietly()?;
        Ok(u64::try_from(gone).unwrap_or(0))
    }
}

/// Counters kept in PostgreSQL for every node, as a node's work sees them.
#[derive(Clone)]
pub struct SharedCounters(pub(in crate::store) Arc<Postgres>);

impl SharedCounters {
    /// Runs `change` on the counters of `keys` with their rows locked.
    pub fn change(
        &self,
        keys: &[String],
        change: &mut dyn FnMut(&mut [Option<Counter>]),
    ) -> Result<()> {
        self.0.change_counters(keys, change)
    }

    /// Forgets counters last counted before `before_ms`.
    pub fn prune(&self, before_ms: u64) -> Result<u64> {
        self.0.prune_counters(before_ms)
    }
}

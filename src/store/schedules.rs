//! When each piece of scheduled work last began, on any node: kept in the
//! `meta` table under `scheduled:<name>`, so that nodes sharing a store
//! run it once between them.

use super::tables::META;
use super::{Query, Result, Writer};

fn key(name: &str) -> String {
    format!("scheduled:{name}")
}

impl Writer {
    /// Takes the run of `name` at `now` (seconds) when no node began one
    /// less than `at_least` seconds before; says whether it was taken. Two
    /// nodes asking at once both read the same last run and one of their
    /// writes gives way, so one of them runs.
    pub fn claim_scheduled_run(&mut self, name: &str, now: u64, at_least: u64) -> Result<bool> {
        let key = key(name);
        let mut meta = self.table(META)?;
        let last = meta.get(key.as_str())?.map(|v| v.value());
        if last.is_some_and(|last| now < last.saturating_add(at_least)) {
            return Ok(false);
        }
        meta.put(key.as_str(), now)?;
        Ok(true)
    }
}

//! Records are JSON in redb values: readable with any tool, and tolerant of
//! fields added later (`#[serde(default)]`), which keeps migrations small.

use std::borrow::Borrow;

use redb::{Key, ReadableTable};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Result;

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(value)?)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    Ok(serde_json::from_slice(bytes)?)
}

/// Reads and decodes one record from any readable table with JSON values.
pub fn get<'k, K, T, R>(table: &T, key: impl Borrow<K::SelfType<'k>>) -> Result<Option<R>>
where
    K: Key + 'static,
    T: ReadableTable<K, &'static [u8]>,
    R: DeserializeOwned,
{
    match table.get(key)? {
        Some(guard) => Ok(Some(decode(guard.value())?)),
        None => Ok(None),
    }
}

/// The records of `table` listed under `parent` by an index keyed
/// `(parent, id)`, in id order: the shape of every one-to-many index here.
pub fn children<I, T, R>(index: &I, table: &T, parent: u64) -> Result<Vec<R>>
where
    I: ReadableTable<(u64, u64), ()>,
    T: ReadableTable<u64, &'static [u8]>,
    R: DeserializeOwned,
{
    let mut found = Vec::new();
    for entry in index.range((parent, 0)..=(parent, u64::MAX))? {
        let (key, _) = entry?;
        if let Some(record) = get(table, key.value().1)? {
            found.push(record);
        }
    }
    Ok(found)
}

/// Every record of a table, in key order.
pub fn all<K, T, R>(table: &T) -> Result<Vec<R>>
where
    K: Key + 'static,
    T: ReadableTable<K, &'static [u8]>,
    R: DeserializeOwned,
{
    let mut found = Vec::new();
    for entry in table.iter()? {
        let (_, value) = entry?;
        found.push(decode(value.value())?);
    }
    Ok(found)
}

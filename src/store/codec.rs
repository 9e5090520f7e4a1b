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

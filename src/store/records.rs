//! Records read from a table of JSON values: one by key, the children an
//! index lists under a parent, or all of them.

use std::borrow::Borrow;

use serde::de::DeserializeOwned;

use super::codec::decode;
use super::{Result, StoreKey, Table};

/// Reads and decodes one record from any readable table with JSON values.
pub fn get<'k, K, R>(
    table: &Table<'_, K, &'static [u8]>,
    key: impl Borrow<K::SelfType<'k>>,
) -> Result<Option<R>>
where
    K: StoreKey,
    R: DeserializeOwned,
{
    match table.get(key)? {
        Some(guard) => Ok(Some(decode(guard.value())?)),
        None => Ok(None),
    }
}

/// The records of `table` listed under `parent` by an index keyed
/// `(parent, id)`, in id order: the shape of every one-to-many index here.
pub fn children<R>(
    index: &Table<'_, (u64, u64), ()>,
    table: &Table<'_, u64, &'static [u8]>,
    parent: u64,
) -> Result<Vec<R>>
where
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
pub fn all<K, R>(table: &Table<'_, K, &'static [u8]>) -> Result<Vec<R>>
where
    K: StoreKey,
    R: DeserializeOwned,
{
    let mut found = Vec::new();
    for entry in table.iter()? {
        let (_, value) = entry?;
        found.push(decode(value.value())?);
    }
    Ok(found)
}

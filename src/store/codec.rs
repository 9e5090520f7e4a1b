//! Records are JSON in redb values: readable with any tool, and tolerant of
//! fields added later (`#[serde(default)]`), which keeps migrations small.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Result;

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(value)?)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    Ok(serde_json::from_slice(bytes)?)
}

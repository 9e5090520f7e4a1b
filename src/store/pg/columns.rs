//! How each key and value type of a table is laid out in PostgreSQL
//! columns: typed key columns (so an operator can read and search the
//! tables with psql, and the primary key orders rows as redb orders its
//! keys: numbers as numbers, text byte by byte with the "C" collation,
//! bytes as bytes, tuples field by field) and the value as JSON, bytes or
//! a number. A row read back is given to the queries in redb's own
//! encoding, so they read it exactly as they read a redb row.

use bytes::BytesMut;
use redb::Value;
use tokio_postgres::Row;
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use crate::store::{Result, StoreError};

/// One parameter of a statement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Param {
    Int(i64),
    Small(i32),
    Text(String),
    Bytes(Vec<u8>),
    /// Arrays: a column of many rows, for `unnest` (`coalesce.rs`).
    Ints(Vec<i64>),
    Smalls(Vec<i32>),
    Texts(Vec<String>),
    Blobs(Vec<Vec<u8>>),
}

impl Param {
    /// Its bytes, roughly, as sent.
    pub fn size(&self) -> usize {
        match self {
            Param::Int(_) => 8,
            Param::Small(_) => 4,
            Param::Text(text) => text.len(),
            Param::Bytes(bytes) => bytes.len(),
            Param::Ints(n) => n.len() * 8,
            Param::Smalls(n) => n.len() * 4,
            Param::Texts(texts) => texts.iter().map(String::len).sum(),
            Param::Blobs(blobs) => blobs.iter().map(Vec::len).sum(),
        }
    }
}

impl ToSql for Param {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Int(n) => n.to_sql(ty, out),
            Param::Small(n) => n.to_sql(ty, out),
            Param::Text(s) => s.to_sql(ty, out),
            Param::Bytes(b) => b.to_sql(ty, out),
            Param::Ints(n) => n.to_sql(ty, out),
            Param::Smalls(n) => n.to_sql(ty, out),
            Param::Texts(s) => s.to_sql(ty, out),
            Param::Blobs(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [
            Type::INT8,
            Type::INT4,
            Type::TEXT,
            Type::BYTEA,
            Type::INT8_ARRAY,
            Type::INT4_ARRAY,
            Type::TEXT_ARRAY,
            Type::BYTEA_ARRAY,
        ]
        .contains(ty)
    }

    to_sql_checked!();
}

/// A column: its SQL type, and the cast a parameter for it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sql {
    BigInt,
    Int,
    Text,
    Bytes,
    /// A JSON record, kept as `json` (as written: `jsonb` refuses some
    /// strings serde writes, such as `\u0000`).
    Json,
}

impl Sql {
    pub fn ddl(self) -> &'static str {
        match self {
            Sql::BigInt => "bigint",
            Sql::Int => "integer",
            Sql::Text => "text COLLATE \"C\"",
            Sql::Bytes => "bytea",
            Sql::Json => "json",
        }
    }

    /// `$n` as a statement writes it for this column.
    pub fn placeholder(self, n: usize) -> String {
        match self {
            Sql::BigInt => format!("${n}::bigint"),
            Sql::Int => format!("${n}::integer"),
            Sql::Text => format!("${n}::text"),
            Sql::Bytes => format!("${n}::bytea"),
            Sql::Json => format!("${n}::text::json"),
        }
    }

    /// The column as a statement reads it back.
    pub fn select(self, column: &str) -> String {
        match self {
            Sql::Json => format!("{column}::text"),
            _ => column.to_owned(),
        }
    }
}

/// A redb key or value type that PostgreSQL can hold.
pub trait Columns: Value + 'static {
    /// Its columns' types, in order (none for `()`).
    const SQL: &'static [Sql];

    /// The value as statement parameters, one per column.
    fn params(value: &Self::SelfType<'_>) -> Vec<Param>;

    /// Its columns in `row` from `first` on, in redb's encoding.
    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>>;
}

fn int(n: u64) -> Param {
    // Ids, counters and times in milliseconds fit; a range's open end
    // (`u64::MAX`) becomes the largest bigint, past every stored key.
    Param::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn column<'a, T: tokio_postgres::types::FromSql<'a>>(row: &'a Row, index: usize) -> Result<T> {
    row.try_get(index)
        .map_err(|e| StoreError::Postgres(format!("reading column {index}: {e}")))
}

fn unsigned(row: &Row, index: usize) -> Result<u64> {
    let n: i64 = column(row, index)?;
    u64::try_from(n).map_err(|_| StoreError::Postgres(format!("a negative key: {n}")))
}

fn encoded<T: Value>(value: &T::SelfType<'_>) -> Vec<u8> {
    T::as_bytes(value).as_ref().to_vec()
}

impl Columns for u64 {
    const SQL: &'static [Sql] = &[Sql::BigInt];

    fn params(value: &u64) -> Vec<Param> {
        vec![int(*value)]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        Ok(encoded::<u64>(&unsigned(row, first)?))
    }
}

impl Columns for &'static str {
    const SQL: &'static [Sql] = &[Sql::Text];

    fn params(value: &&str) -> Vec<Param> {
        vec![Param::Text((*value).to_owned())]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let text: &str = column(row, first)?;
        Ok(text.as_bytes().to_vec())
    }
}

/// Records (JSON) and raw bytes are both `&[u8]` to redb; which a table
/// holds is the table's to say (`PgTable::raw`): the column type here is
/// the record's, and raw tables override it.
impl Columns for &'static [u8] {
    const SQL: &'static [Sql] = &[Sql::Json];

    fn params(value: &&[u8]) -> Vec<Param> {
        vec![Param::Bytes(value.to_vec())]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        // JSON is read back as text, raw bytes as bytes.
        match row.columns()[first].type_() {
            &Type::TEXT => Ok(column::<&str>(row, first)?.as_bytes().to_vec()),
            _ => Ok(column::<&[u8]>(row, first)?.to_vec()),
        }
    }
}

impl Columns for () {
    const SQL: &'static [Sql] = &[];

    fn params(_: &()) -> Vec<Param> {
        Vec::new()
    }

    fn from_row(_: &Row, _: usize) -> Result<Vec<u8>> {
        Ok(Vec::new())
    }
}

impl Columns for (u64, u64) {
    const SQL: &'static [Sql] = &[Sql::BigInt, Sql::BigInt];

    fn params(value: &(u64, u64)) -> Vec<Param> {
        vec![int(value.0), int(value.1)]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let key = (unsigned(row, first)?, unsigned(row, first + 1)?);
        Ok(encoded::<(u64, u64)>(&key))
    }
}

impl Columns for (u64, u32) {
    const SQL: &'static [Sql] = &[Sql::BigInt, Sql::Int];

    fn params(value: &(u64, u32)) -> Vec<Param> {
        vec![
            int(value.0),
            Param::Small(i32::try_from(value.1).unwrap_or(i32::MAX)),
        ]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let second: i32 = column(row, first + 1)?;
        let second =
            u32::try_from(second).map_err(|_| StoreError::Postgres("a negative key".into()))?;
        Ok(encoded::<(u64, u32)>(&(unsigned(row, first)?, second)))
    }
}

impl Columns for (u64, &'static str) {
    const SQL: &'static [Sql] = &[Sql::BigInt, Sql::Text];

    fn params(value: &(u64, &str)) -> Vec<Param> {
        vec![int(value.0), Param::Text(value.1.to_owned())]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let text: &str = column(row, first + 1)?;
        Ok(encoded::<(u64, &'static str)>(&(
            unsigned(row, first)?,
            text,
        )))
    }
}

impl Columns for (&'static str, u64) {
    const SQL: &'static [Sql] = &[Sql::Text, Sql::BigInt];

    fn params(value: &(&str, u64)) -> Vec<Param> {
        vec![Param::Text(value.0.to_owned()), int(value.1)]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let text: &str = column(row, first)?;
        Ok(encoded::<(&'static str, u64)>(&(
            text,
            unsigned(row, first + 1)?,
        )))
    }
}

impl Columns for (&'static str, u64, u64) {
    const SQL: &'static [Sql] = &[Sql::Text, Sql::BigInt, Sql::BigInt];

    fn params(value: &(&str, u64, u64)) -> Vec<Param> {
        vec![Param::Text(value.0.to_owned()), int(value.1), int(value.2)]
    }

    fn from_row(row: &Row, first: usize) -> Result<Vec<u8>> {
        let text: &str = column(row, first)?;
        Ok(encoded::<(&'static str, u64, u64)>(&(
            text,
            unsigned(row, first + 1)?,
            unsigned(row, first + 2)?,
        )))
    }
}

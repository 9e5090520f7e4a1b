//! Statement text for a table: its columns, a key compared, a range's
//! ends as conditions, a page of rows.

use std::borrow::Borrow;
use std::ops::{Bound, RangeBounds};

use redb::Key;

use super::columns::{Columns, Param, Sql};

/// Statement text for a table's columns.
pub(super) struct Shape {
    pub keys: Vec<Sql>,
    pub value: Option<Sql>,
}

impl Shape {
    pub fn key_list(&self) -> String {
        (1..=self.keys.len())
            .map(|n| format!("k{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The columns a row is read back with: keys, then the value.
    pub fn selected(&self) -> String {
        let mut columns = self.key_list();
        if let Some(value) = self.value {
            columns.push_str(", ");
            columns.push_str(&value.select("v"));
        }
        columns
    }

    /// `(k1, k2) = ($1, $2)` with the placeholders from `first` on.
    pub fn key_is(&self, op: &str, first: usize) -> String {
        let placeholders: Vec<String> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, sql)| sql.placeholder(first + i))
            .collect();
        format!("({}) {op} ({})", self.key_list(), placeholders.join(", "))
    }
}

/// Keys are never JSON: a `&[u8]` key is a hash, kept as bytes.
fn key_sql(sql: &Sql) -> Sql {
    match sql {
        Sql::Json => Sql::Bytes,
        other => *other,
    }
}

pub(super) fn shape<K: Columns, V: Columns>(raw: bool) -> Shape {
    Shape {
        keys: K::SQL.iter().map(key_sql).collect(),
        value: V::SQL.first().map(|sql| match sql {
            Sql::Json if raw => Sql::Bytes,
            other => *other,
        }),
    }
}

/// Parameters for a value column: a record goes as text (JSON is UTF-8).
pub(super) fn value_params(sql: Option<Sql>, params: Vec<Param>) -> Vec<Param> {
    params
        .into_iter()
        .map(|p| match (sql, p) {
            (Some(Sql::Json), Param::Bytes(b)) => {
                Param::Text(String::from_utf8_lossy(&b).into_owned())
            }
            (_, p) => p,
        })
        .collect()
}

/// A range's ends as parameters.
pub type Ends = (Bound<Vec<Param>>, Bound<Vec<Param>>);

pub fn ends<'a, K, KR>(range: &(impl RangeBounds<KR> + 'a)) -> Ends
where
    K: Columns + Key,
    KR: Borrow<K::SelfType<'a>> + 'a,
{
    let param = |b: Bound<&KR>| match b {
        Bound::Included(k) => Bound::Included(K::params(k.borrow())),
        Bound::Excluded(k) => Bound::Excluded(K::params(k.borrow())),
        Bound::Unbounded => Bound::Unbounded,
    };
    (param(range.start_bound()), param(range.end_bound()))
}

/// `WHERE` conditions for `ends`, with their parameters appended to
/// `params`.
pub(super) fn within(shape: &Shape, ends: &Ends, params: &mut Vec<Param>) -> Vec<String> {
    let mut conditions = Vec::new();
    let mut add = |op: &str, values: &Vec<Param>, params: &mut Vec<Param>| {
        conditions.push(shape.key_is(op, params.len() + 1));
        params.extend(values.iter().cloned());
    };
    match &ends.0 {
        Bound::Included(v) => add(">=", v, params),
        Bound::Excluded(v) => add(">", v, params),
        Bound::Unbounded => {}
    }
    match &ends.1 {
        Bound::Included(v) => add("<=", v, params),
        Bound::Excluded(v) => add("<", v, params),
        Bound::Unbounded => {}
    }
    conditions
}

pub(super) fn filter(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    }
}

pub(super) fn select(
    name: &str,
    shape: &Shape,
    conditions: &[String],
    order: &str,
    limit: usize,
) -> String {
    let descending = if order == "DESC" { " DESC" } else { "" };
    let order_by: Vec<String> = (1..=shape.keys.len())
        .map(|n| format!("k{n}{descending}"))
        .collect();
    format!(
        "SELECT {} FROM {name}{} ORDER BY {} LIMIT {limit}",
        shape.selected(),
        filter(conditions),
        order_by.join(", ")
    )
}

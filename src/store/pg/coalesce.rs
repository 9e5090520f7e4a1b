//! Deferred writes as they are sent: the rows set in one table between two
//! other statements go in one statement (`INSERT … SELECT … FROM
//! unnest(…)`, one prepared statement per table whatever the number of
//! rows), and a key set twice sends only its last value. Rows of different
//! keys commute (a table's only constraint is its primary key), so the
//! order that counts is kept: any other statement (a delete) is sent after
//! every row set before it and before every row set after it.

use std::collections::HashMap;

use super::columns::{Param, Sql};

/// A row set by `PgTable::put`.
pub(super) struct Upsert {
    pub table: String,
    pub keys: Vec<Sql>,
    pub value: Option<Sql>,
    /// Its key in redb's encoding: the same key set twice sends the last.
    pub key: Vec<u8>,
    /// The statement for this row alone, and its parameters: the key's
    /// columns, then the value's.
    pub sql: String,
    pub params: Vec<Param>,
}

/// A write waiting for the next round trip.
pub(super) enum Deferred {
    Statement(String, Vec<Param>),
    Upsert(Upsert),
}

impl Deferred {
    /// Its parameters' bytes, roughly, as sent.
    pub fn size(&self) -> usize {
        let params = match self {
            Deferred::Statement(_, params) => params,
            Deferred::Upsert(row) => &row.params,
        };
        params.iter().map(Param::size).sum()
    }
}

/// Rows of one table in one statement at most.
const ROWS_AT_ONCE: usize = 1000;

/// The statements that make `deferred`'s writes, in an order that leaves
/// what theirs would.
pub(super) fn statements(deferred: Vec<Deferred>) -> Vec<(String, Vec<Param>)> {
    let mut out = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_table: HashMap<String, usize> = HashMap::new();
    for item in deferred {
        match item {
            Deferred::Statement(sql, params) => {
                by_table.clear();
                for group in groups.drain(..) {
                    group.send(&mut out);
                }
                out.push((sql, params));
            }
            Deferred::Upsert(row) => {
                let at = match by_table.get(&row.table) {
                    Some(at) => *at,
                    None => {
                        by_table.insert(row.table.clone(), groups.len());
                        groups.push(Group::default());
                        groups.len() - 1
                    }
                };
                groups[at].add(row);
            }
        }
    }
    for group in groups {
        group.send(&mut out);
    }
    out
}

/// One table's rows, each key once (its last value), in the order first set.
#[derive(Default)]
struct Group {
    rows: Vec<Upsert>,
    by_key: HashMap<Vec<u8>, usize>,
}

impl Group {
    fn add(&mut self, row: Upsert) {
        match self.by_key.get(&row.key) {
            Some(at) => self.rows[*at] = row,
            None => {
                self.by_key.insert(row.key.clone(), self.rows.len());
                self.rows.push(row);
            }
        }
    }

    fn send(self, out: &mut Vec<(String, Vec<Param>)>) {
        let mut rows = self.rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Upsert> = rows.by_ref().take(ROWS_AT_ONCE).collect();
            match many(&chunk) {
                Some(statement) => out.push(statement),
                None => out.extend(chunk.into_iter().map(|row| (row.sql, row.params))),
            }
        }
    }
}

/// One statement setting every row of `rows` (of one table), or `None`
/// for a single row or rows whose parameters do not line up (each is then
/// sent as it was made).
fn many(rows: &[Upsert]) -> Option<(String, Vec<Param>)> {
    let first = rows.first()?;
    if rows.len() == 1 {
        return None;
    }
    let mut types: Vec<Sql> = first.keys.clone();
    types.extend(first.value);
    let (arrays, unnested) = unnest(&types, rows.iter().map(|row| row.params.clone()))?;
    let names: Vec<String> = (1..=first.keys.len())
        .map(|n| format!("k{n}"))
        .chain(first.value.map(|_| "v".to_owned()))
        .collect();
    let selected: Vec<String> = types
        .iter()
        .zip(&names)
        .map(|(sql, name)| match sql {
            Sql::Json => format!("u.{name}::json"),
            _ => format!("u.{name}"),
        })
        .collect();
    let keys = names[..first.keys.len()].join(", ");
    let conflict = match first.value {
        Some(_) => format!("ON CONFLICT ({keys}) DO UPDATE SET v = EXCLUDED.v"),
        None => "ON CONFLICT DO NOTHING".to_owned(),
    };
    let sql = format!(
        "INSERT INTO {} ({}) SELECT {} FROM unnest({}) AS u({}) {conflict}",
        first.table,
        names.join(", "),
        selected.join(", "),
        unnested.join(", "),
        names.join(", "),
    );
    Some((sql, arrays))
}

/// Rows of parameters (each of `types`, in order) as one array parameter
/// per column, with the placeholders `unnest` takes them by; `None` when a
/// row does not line up with `types`.
pub(super) fn unnest(
    types: &[Sql],
    rows: impl Iterator<Item = Vec<Param>>,
) -> Option<(Vec<Param>, Vec<String>)> {
    let mut columns: Vec<Vec<Param>> = vec![Vec::new(); types.len()];
    for row in rows {
        if row.len() != types.len() {
            return None;
        }
        for (column, param) in columns.iter_mut().zip(row) {
            column.push(param);
        }
    }
    let mut arrays = Vec::with_capacity(types.len());
    for (sql, values) in types.iter().zip(columns) {
        arrays.push(array(*sql, values)?);
    }
    let placeholders = types
        .iter()
        .enumerate()
        .map(|(i, sql)| format!("${}::{}", i + 1, element(*sql)))
        .collect();
    Some((arrays, placeholders))
}

/// A column's array as sent to `unnest` (a record goes as text).
fn element(sql: Sql) -> &'static str {
    match sql {
        Sql::BigInt => "bigint[]",
        Sql::Int => "integer[]",
        Sql::Text | Sql::Json => "text[]",
        Sql::Bytes => "bytea[]",
    }
}

/// Each value's inner value, if every one is of that kind.
macro_rules! all_of {
    ($values:expr, $kind:path, $array:path) => {
        $values
            .into_iter()
            .map(|p| match p {
                $kind(inner) => Some(inner),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map($array)
    };
}

/// One column's values as one array parameter, if they are all of the
/// kind the column takes.
fn array(sql: Sql, values: Vec<Param>) -> Option<Param> {
    match sql {
        Sql::BigInt => all_of!(values, Param::Int, Param::Ints),
        Sql::Int => all_of!(values, Param::Small, Param::Smalls),
        Sql::Text | Sql::Json => all_of!(values, Param::Text, Param::Texts),
        Sql::Bytes => all_of!(values, Param::Bytes, Param::Blobs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(table: &str, key: i64, value: &str) -> Deferred {
        Deferred::Upsert(Upsert {
            table: table.to_owned(),
            keys: vec![Sql::BigInt],
            value: Some(Sql::Json),
            key: key.to_be_bytes().to_vec(),
            sql: format!("single {table} {key}"),
            params: vec![Param::Int(key), Param::Text(value.to_owned())],
        })
    }

    fn delete(table: &str, key: i64) -> Deferred {
        Deferred::Statement(format!("DELETE {table} {key}"), vec![Param::Int(key)])
    }

    #[test]
    fn rows_of_a_table_go_together_between_other_statements_each_key_once() {
        let sent = statements(vec![
            put("a", 1, "1"),
            put("b", 7, "7"),
            put("a", 2, "2"),
            put("a", 1, "1 again"),
            delete("a", 2),
            put("a", 2, "2 back"),
        ]);
        let sql: Vec<&str> = sent.iter().map(|(sql, _)| sql.as_str()).collect();
        assert_eq!(sql.len(), 4, "{sql:?}");
        assert!(
            sql[0].starts_with(
                "INSERT INTO a (k1, v) SELECT u.k1, u.v::json FROM unnest($1::bigint[], $2::text[])"
            ),
            "{}",
            sql[0]
        );
        assert!(sql[0].ends_with("ON CONFLICT (k1) DO UPDATE SET v = EXCLUDED.v"));
        assert_eq!(
            sent[0].1,
            [
                Param::Ints(vec![1, 2]),
                Param::Texts(vec!["1 again".into(), "2".into()])
            ]
        );
        assert_eq!(sql[1], "single b 7", "a row alone goes as it was made");
        assert_eq!(sql[2], "DELETE a 2", "after the rows set before it");
        assert_eq!(sql[3], "single a 2", "and before those set after it");
        assert_eq!(sent[3].1, [Param::Int(2), Param::Text("2 back".into())]);
    }

    #[test]
    fn many_rows_go_a_thousand_at_a_time_and_odd_ones_as_they_were_made() {
        let rows: Vec<Deferred> = (0..2500).map(|n| put("a", n, "x")).collect();
        let sent = statements(rows);
        assert_eq!(sent.len(), 3);
        let counts: Vec<usize> = sent
            .iter()
            .map(|(_, params)| match &params[0] {
                Param::Ints(keys) => keys.len(),
                _ => 0,
            })
            .collect();
        assert_eq!(counts, [1000, 1000, 500]);
        let mut odd = match put("a", 1, "x") {
            Deferred::Upsert(row) => row,
            Deferred::Statement(..) => unreachable!(),
        };
        odd.params[0] = Param::Text("not a number".into());
        let sent = statements(vec![put("a", 0, "x"), Deferred::Upsert(odd)]);
        let sql: Vec<&str> = sent.iter().map(|(sql, _)| sql.as_str()).collect();
        assert_eq!(sql, ["single a 0", "single a 1"]);
    }
}

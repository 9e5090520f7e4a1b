//! A range of rows read a page at a time from either end, as redb's range
//! iterators are read: in key order, reversed with `.rev()`, stopped early
//! with `.take(n)` without reading the rest of the table.

use std::collections::VecDeque;
use std::marker::PhantomData;
use std::ops::Bound;

use redb::{Key, Value};

use super::Txn;
use super::columns::{Columns, Param};
use super::sql::{Ends, Shape, select, within};
use crate::store::Result;

const PAGE: usize = 256;

/// A row in redb's encoding: key, value.
pub type RawRow = (Vec<u8>, Vec<u8>);

pub struct PgRows<'t, K, V> {
    txn: &'t Txn,
    name: String,
    shape: Shape,
    ends: Ends,
    /// Rows fetched from the front, in key order, not yet handed out.
    front: VecDeque<(Vec<Param>, RawRow)>,
    /// Rows fetched from the back, in reverse key order.
    back: VecDeque<(Vec<Param>, RawRow)>,
    /// The last key fetched from each end: the next page starts past it,
    /// and neither end fetches what the other already has.
    front_fetched: Option<Vec<Param>>,
    back_fetched: Option<Vec<Param>>,
    front_done: bool,
    back_done: bool,
    kinds: PhantomData<(K, V)>,
}

impl<'t, K: Key + Columns, V: Value + Columns> PgRows<'t, K, V> {
    pub(super) fn new(txn: &'t Txn, name: String, shape: Shape, ends: Ends) -> Self {
        Self {
            txn,
            name,
            shape,
            ends,
            front: VecDeque::new(),
            back: VecDeque::new(),
            front_fetched: None,
            back_fetched: None,
            front_done: false,
            back_done: false,
            kinds: PhantomData,
        }
    }

    /// The range still to fetch: within the ends, past what each end has.
    fn remaining(&self) -> Ends {
        let start = match &self.front_fetched {
            Some(key) => Bound::Excluded(key.clone()),
            None => self.ends.0.clone(),
        };
        let end = match &self.back_fetched {
            Some(key) => Bound::Excluded(key.clone()),
            None => self.ends.1.clone(),
        };
        (start, end)
    }

    fn fetch(&mut self, from_back: bool) -> Result<()> {
        let mut params = Vec::new();
        let conditions = within(&self.shape, &self.remaining(), &mut params);
        let order = if from_back { "DESC" } else { "ASC" };
        let sql = select(&self.name, &self.shape, &conditions, order, PAGE);
        let rows = self.txn.query(sql, params)?;
        let keys = self.shape.keys.len();
        let mut fetched = Vec::with_capacity(rows.len());
        for row in &rows {
            let key = K::from_row(row, 0)?;
            let value = if self.shape.value.is_some() {
                V::from_row(row, keys)?
            } else {
                Vec::new()
            };
            let params = K::params(&K::from_bytes(&key));
            fetched.push((params, (key, value)));
        }
        let done = fetched.len() < PAGE;
        if let Some((last, _)) = fetched.last() {
            if from_back {
                self.back_fetched = Some(last.clone());
            } else {
                self.front_fetched = Some(last.clone());
            }
        }
        if from_back {
            self.back.extend(fetched);
            self.back_done = done;
        } else {
            self.front.extend(fetched);
            self.front_done = done;
        }
        Ok(())
    }

    /// Whether nothing is left between what the two ends fetched.
    fn exhausted(&self) -> bool {
        self.front_done || self.back_done
    }

    fn take(&mut self, from_back: bool) -> Option<Result<RawRow>> {
        let (mine, theirs) = if from_back {
            (&self.back, &self.front)
        } else {
            (&self.front, &self.back)
        };
        if mine.is_empty() && !self.exhausted() {
            if let Err(e) = self.fetch(from_back) {
                return Some(Err(e));
            }
        } else if mine.is_empty() && theirs.is_empty() {
            return None;
        }
        let row = if from_back {
            self.back.pop_front().or_else(|| self.front.pop_back())
        } else {
            self.front.pop_front().or_else(|| self.back.pop_back())
        };
        row.map(|(_, row)| Ok(row))
    }

    pub fn next_row(&mut self) -> Option<Result<RawRow>> {
        self.take(false)
    }

    pub fn next_back_row(&mut self) -> Option<Result<RawRow>> {
        self.take(true)
    }
}

impl<K: Key + Columns, V: Value + Columns> Iterator for PgRows<'_, K, V> {
    type Item = Result<RawRow>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row()
    }
}

//! Bulk creations: the file as it came, its record with counters, and each
//! row's result (written in the transaction that creates the row).

use super::codec::{decode, encode};
use super::records::get;
use super::schema::{IMPORT_CHUNK, IMPORT_ROWS, IMPORT_TEXT, IMPORTS, SERVICE_IMPORTS};
use super::{Query, Result, Writer};
use crate::model::{ImportId, ImportRecord, RowResult, ServiceId};

/// The table an import's text is read from, in a reader or a writer.
pub type TextTable<'t> = super::Table<'t, (u64, u32), &'static [u8]>;

pub trait ImportQueries: Query {
    fn import(&self, id: ImportId) -> Result<Option<ImportRecord>> {
        get(&self.table(IMPORTS)?, id.0)
    }

    /// The import's text from byte `offset` on, read a chunk at a time.
    fn import_text(&self, id: ImportId, offset: u64) -> Result<ImportText<TextTable<'_>>> {
        let chunk = offset / IMPORT_CHUNK as u64;
        Ok(ImportText {
            table: self.table(IMPORT_TEXT)?,
            id: id.0,
            chunk: u32::try_from(chunk).unwrap_or(u32::MAX),
            data: Vec::new(),
            pos: (offset % IMPORT_CHUNK as u64) as usize,
            skip: true,
        })
    }

    /// Each result in line order, without holding them all.
    fn each_import_result(
        &self,
        id: ImportId,
        mut each: impl FnMut(RowResult) -> Result<()>,
    ) -> Result<()> {
        let table = self.table(IMPORT_ROWS)?;
        for entry in table.range((id.0, 0)..=(id.0, u64::MAX))? {
            let (_, value) = entry?;
            each(decode(value.value())?)?;
        }
        Ok(())
    }

    /// Newest first.
    fn imports_of(&self, service: ServiceId) -> Result<Vec<ImportRecord>> {
        let index = self.table(SERVICE_IMPORTS)?;
        let table = self.table(IMPORTS)?;
        let mut found = Vec::new();
        for entry in index.range((service.0, 0)..=(service.0, u64::MAX))?.rev() {
            let (key, _) = entry?;
            if let Some(record) = get(&table, key.value().1)? {
                found.push(record);
            }
        }
        Ok(found)
    }

    fn import_results(&self, id: ImportId) -> Result<Vec<RowResult>> {
        let table = self.table(IMPORT_ROWS)?;
        let mut found = Vec::new();
        for entry in table.range((id.0, 0)..=(id.0, u64::MAX))? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }

    /// Reads ahead whether each of `lines` has its result (see
    /// `Table::prefetch`): a batch asks once, not once a row.
    fn prefetch_row_results(&self, id: ImportId, lines: &[u64]) -> Result<()> {
        let keys: Vec<(u64, u64)> = lines.iter().map(|line| (id.0, *line)).collect();
        self.table(IMPORT_ROWS)?.prefetch(&keys)
    }

    fn has_row_result(&self, id: ImportId, line: u64) -> Result<bool> {
        Ok(self.table(IMPORT_ROWS)?.get((id.0, line))?.is_some())
    }
}

impl<Q: Query> ImportQueries for Q {}

/// An import's text as a reader.
pub struct ImportText<T> {
    table: T,
    id: u64,
    chunk: u32,
    data: Vec<u8>,
    pos: usize,
    /// `pos` is where to start in the first chunk, not yet loaded.
    skip: bool,
}

impl std::io::Read for ImportText<TextTable<'_>> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.skip || self.pos >= self.data.len() {
            let Some(value) = self
                .table
                .get((self.id, self.chunk))
                .map_err(std::io::Error::other)?
            else {
                return Ok(0);
            };
            self.data.clear();
            self.data.extend_from_slice(value.value());
            self.chunk = self.chunk.saturating_add(1);
            if !std::mem::take(&mut self.skip) {
                self.pos = 0;
            }
        }
        let n = out.len().min(self.data.len().saturating_sub(self.pos));
        out[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl Writer {
    pub fn new_import_id(&mut self) -> Result<ImportId> {
        Ok(ImportId(self.next_id("import")?))
    }

    /// Keeps `text`, the import's UTF-8 text, as it comes: `fill` is asked
    /// for the next bytes into a buffer of one chunk until it gives none.
    /// Returns the text's length.
    pub fn put_import_text<E: From<super::StoreError>>(
        &mut self,
        id: ImportId,
        mut fill: impl FnMut(&mut [u8]) -> std::result::Result<usize, E>,
    ) -> std::result::Result<u64, E> {
        let mut table = self.table(IMPORT_TEXT)?;
        let mut chunk = vec![0u8; IMPORT_CHUNK];
        let (mut n, mut total) = (0u32, 0u64);
        loop {
            let mut len = 0;
            while len < chunk.len() {
                match fill(&mut chunk[len..])? {
                    0 => break,
                    read => len += read,
                }
            }
            if len == 0 {
                return Ok(total);
            }
            table.put((id.0, n), &chunk[..len])?;
            (n, total) = (n + 1, total + len as u64);
        }
    }

    /// A new import's record, once its text is kept.
    pub fn insert_import(&mut self, record: &ImportRecord) -> Result<()> {
        self.put_import(record)?;
        self.table(SERVICE_IMPORTS)?
            .put((record.service.0, record.id.0), ())?;
        Ok(())
    }

    pub fn put_import(&mut self, record: &ImportRecord) -> Result<()> {
        self.table(IMPORTS)?
            .put(record.id.0, encode(record)?.as_slice())?;
        Ok(())
    }

    pub fn put_row_result(&mut self, id: ImportId, result: &RowResult) -> Result<()> {
        self.table(IMPORT_ROWS)?
            .put((id.0, result.line), encode(result)?.as_slice())?;
        Ok(())
    }
}

//! Bulk creations: the file as it came, its record with counters, and each
//! row's result (written in the transaction that creates the row).

use redb::ReadableTable;

use super::codec::{decode, encode, get};
use super::schema::{IMPORT_FILES, IMPORT_ROWS, IMPORTS, SERVICE_IMPORTS};
use super::{Query, Result, Writer};
use crate::model::{ImportId, ImportRecord, RowResult, ServiceId};

pub trait ImportQueries: Query {
    fn import(&self, id: ImportId) -> Result<Option<ImportRecord>> {
        get(&self.table(IMPORTS)?, id.0)
    }

    fn import_file(&self, id: ImportId) -> Result<Option<Vec<u8>>> {
        Ok(self
            .table(IMPORT_FILES)?
            .get(id.0)?
            .map(|v| v.value().to_vec()))
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

    fn has_row_result(&self, id: ImportId, line: u64) -> Result<bool> {
        Ok(self.table(IMPORT_ROWS)?.get((id.0, line))?.is_some())
    }
}

impl<Q: Query> ImportQueries for Q {}

impl Writer {
    pub fn insert_import(
        &mut self,
        make: impl FnOnce(ImportId) -> ImportRecord,
        file: &[u8],
    ) -> Result<ImportRecord> {
        let record = make(ImportId(self.next_id("import")?));
        self.put_import(&record)?;
        self.txn
            .open_table(IMPORT_FILES)?
            .insert(record.id.0, file)?;
        self.txn
            .open_table(SERVICE_IMPORTS)?
            .insert((record.service.0, record.id.0), ())?;
        Ok(record)
    }

    pub fn put_import(&mut self, record: &ImportRecord) -> Result<()> {
        self.txn
            .open_table(IMPORTS)?
            .insert(record.id.0, encode(record)?.as_slice())?;
        Ok(())
    }

    pub fn put_row_result(&mut self, id: ImportId, result: &RowResult) -> Result<()> {
        self.txn
            .open_table(IMPORT_ROWS)?
            .insert((id.0, result.line), encode(result)?.as_slice())?;
        Ok(())
    }
}

//! Bulk creations: the file as it came, its record with counters, and each
//! row's result (written in the transaction that creates the row).

use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode, get};
use super::schema::{IMPORT_FILES, IMPORT_ROWS, IMPORTS, SERVICE_IMPORTS};
use super::{OrgId, Reader, Result, ServiceId, UserId, Writer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// Uploaded and previewed; nothing created yet.
    Uploaded,
    Running,
    Done,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportRecord {
    pub id: u64,
    pub service: ServiceId,
    pub org: OrgId,
    pub created_by: UserId,
    pub created: i64,
    pub file_name: String,
    pub bytes: u64,
    pub rows: u64,
    pub valid: u64,
    pub state: ImportState,
    /// Rows with a result so far (created, failed or skipped).
    pub done: u64,
    pub created_count: u64,
    pub failed: u64,
    pub skipped: u64,
    pub started_ms: Option<u64>,
    pub finished: Option<i64>,
    /// Batches go through the file in order: lines up to this one are done.
    #[serde(default)]
    pub next_line: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    Created,
    Failed { reason: String },
    Skipped { column: String, reason: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowResult {
    pub line: u64,
    pub address: String,
    pub outcome: RowOutcome,
}

impl Reader {
    pub fn import(&self, id: u64) -> Result<Option<ImportRecord>> {
        get(&self.txn.open_table(IMPORTS)?, id)
    }

    pub fn import_file(&self, id: u64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .txn
            .open_table(IMPORT_FILES)?
            .get(id)?
            .map(|v| v.value().to_vec()))
    }

    /// Newest first.
    pub fn imports_of(&self, service: ServiceId) -> Result<Vec<ImportRecord>> {
        let index = self.txn.open_table(SERVICE_IMPORTS)?;
        let table = self.txn.open_table(IMPORTS)?;
        let mut found = Vec::new();
        for entry in index.range((service, 0)..=(service, u64::MAX))?.rev() {
            let (key, _) = entry?;
            if let Some(record) = get(&table, key.value().1)? {
                found.push(record);
            }
        }
        Ok(found)
    }

    pub fn import_results(&self, id: u64) -> Result<Vec<RowResult>> {
        let table = self.txn.open_table(IMPORT_ROWS)?;
        let mut found = Vec::new();
        for entry in table.range((id, 0)..=(id, u64::MAX))? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }
}

impl Writer {
    pub fn insert_import(
        &mut self,
        make: impl FnOnce(u64) -> ImportRecord,
        file: &[u8],
    ) -> Result<ImportRecord> {
        let record = make(self.next_id("import")?);
        self.put_import(&record)?;
        self.txn.open_table(IMPORT_FILES)?.insert(record.id, file)?;
        self.txn
            .open_table(SERVICE_IMPORTS)?
            .insert((record.service, record.id), ())?;
        Ok(record)
    }

    pub fn put_import(&mut self, record: &ImportRecord) -> Result<()> {
        self.txn
            .open_table(IMPORTS)?
            .insert(record.id, encode(record)?.as_slice())?;
        Ok(())
    }

    pub fn import(&self, id: u64) -> Result<Option<ImportRecord>> {
        get(&self.txn.open_table(IMPORTS)?, id)
    }

    pub fn has_row_result(&self, id: u64, line: u64) -> Result<bool> {
        Ok(self.txn.open_table(IMPORT_ROWS)?.get((id, line))?.is_some())
    }

    pub fn put_row_result(&mut self, id: u64, result: &RowResult) -> Result<()> {
        self.txn
            .open_table(IMPORT_ROWS)?
            .insert((id, result.line), encode(result)?.as_slice())?;
        Ok(())
    }
}

//! Bulk creation from a CSV file: upload and preview (no hashing, nothing
//! created), then start, which queues the first batch job
//! (`import_batch.rs` creates the rows).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::access::ServiceView;
use super::audit;
use super::{Actor, App, AppError, Rejection, Result, now};
use crate::bulk::{Format, ParsedFile, RowError, RowPlan, parse, plan};
use crate::jobs::now_ms;
use crate::model::{
    AddressState, Domain, ImportId, ImportRecord, ImportState, Job, RowOutcome, RowResult, UserId,
};
use crate::store::prelude::*;

/// Limits on what is uploaded.
#[derive(Debug, Clone)]
pub struct ImportLimits {
    pub max_bytes: usize,
    pub max_rows: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_rows: 100_000,
        }
    }
}

/// What a file would do, row by row.
#[derive(Debug, Clone)]
pub struct Preview {
    pub encoding: &'static str,
    pub delimiter: char,
    pub format: Format,
    pub rows: Vec<std::result::Result<RowPlan, RowError>>,
}

impl Preview {
    pub fn valid(&self) -> usize {
        self.rows.iter().filter(|r| r.is_ok()).count()
    }
}

/// Parsed files of running imports, kept between their batches so a large
/// file is read once, not once per batch.
#[derive(Default)]
pub(super) struct ParsedCache(Mutex<HashMap<ImportId, Arc<ParsedFile>>>);

impl App {
    /// Parses and checks a file against the service, reading only.
    pub fn preview(&self, user: UserId, domain: &Domain, bytes: &[u8]) -> Result<Preview> {
        let reader = self.store.read()?;
        let view = ServiceView::resolve(&reader, user, domain)?;
        view.require_manager()?;
        self.preview_in(&reader, &view, bytes)
    }

    fn preview_in(&self, q: &impl Query, view: &ServiceView, bytes: &[u8]) -> Result<Preview> {
        let limits = &self.settings.imports;
        let parsed = parse(bytes, limits.max_bytes, limits.max_rows)?;
        let domain = &view.service.domain;
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for raw in &parsed.rows {
            let checked = plan(raw, domain, parsed.format).and_then(|plan| {
                let column = if parsed.format == Format::Template {
                    "A"
                } else {
                    "address"
                };
                let refuse = |reason: String| RowError {
                    number: plan.number,
                    column: column.to_owned(),
                    reason,
                    address: plan.local.to_string(),
                };
                if let Some(first) = seen.get(plan.local.as_str()) {
                    return Err(refuse(format!("Duplicate of line {first} in this file")));
                }
                seen.insert(plan.local.to_string(), plan.number);
                match q.address_by_name(view.service.id, &plan.local) {
                    Ok(Some(existing)) if !self.retention_over(&existing) => {
                        Err(refuse(match existing.state {
                            AddressState::Active => {
                                format!("{}@{domain} already exists", plan.local)
                            }
                            AddressState::Deleted { .. } => format!(
                                "{}@{domain} was deleted recently and is reserved",
                                plan.local
                            ),
                        }))
                    }
                    _ => Ok(plan),
                }
            });
            rows.push(checked);
        }
        Ok(Preview {
            encoding: parsed.encoding,
            delimiter: parsed.delimiter,
            format: parsed.format,
            rows,
        })
    }

    /// Stores the file as it came, with its preview's totals.
    pub fn upload_import(
        &self,
        actor: &Actor,
        domain: &Domain,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<ImportRecord> {
        let name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        self.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor.user, domain)?;
            view.require_manager()?;
            let preview = self.preview_in(tx, &view, bytes)?;
            let record = tx.insert_import(
                |id| ImportRecord {
                    id,
                    service: view.service.id,
                    org: view.organisation.id,
                    created_by: actor.user,
                    created: now(),
                    file_name: if name.is_empty() {
                        "upload.csv".into()
                    } else {
                        name.clone()
                    },
                    bytes: bytes.len() as u64,
                    rows: preview.rows.len() as u64,
                    valid: preview.valid() as u64,
                    state: ImportState::Uploaded,
                    done: 0,
                    created_count: 0,
                    failed: 0,
                    skipped: 0,
                    started_ms: None,
                    finished: None,
                    next_line: 0,
                    stopped: None,
                },
                bytes,
            )?;
            let (org, file) = (view.organisation.id, record.file_name.clone());
            audit::record(tx, Some(actor), Some(org), "import.upload", file)?;
            Ok(record)
        })
    }

    /// The service's imports, newest first; owners and admins only.
    pub fn imports_of(&self, user: UserId, domain: &Domain) -> Result<Vec<ImportRecord>> {
        let reader = self.store.read()?;
        let view = ServiceView::resolve(&reader, user, domain)?;
        view.require_manager()?;
        Ok(reader.imports_of(view.service.id)?)
    }

    /// An import of this service, with its preview while not yet started.
    pub fn import_of(
        &self,
        user: UserId,
        domain: &Domain,
        id: ImportId,
    ) -> Result<(ImportRecord, Option<Preview>)> {
        let reader = self.store.read()?;
        let view = ServiceView::resolve(&reader, user, domain)?;
        view.require_manager()?;
        let record = reader
            .import(id)?
            .filter(|r| r.service == view.service.id)
            .ok_or(AppError::NotFound)?;
        if record.state != ImportState::Uploaded {
            return Ok((record, None));
        }
        let bytes = reader.import_file(id)?.ok_or(AppError::NotFound)?;
        let preview = self.preview_in(&reader, &view, &bytes)?;
        Ok((record, Some(preview)))
    }

    pub fn import_results(
        &self,
        user: UserId,
        domain: &Domain,
        id: ImportId,
    ) -> Result<Vec<RowResult>> {
        let (record, _) = self.import_of(user, domain, id)?;
        Ok(self.store.read()?.import_results(record.id)?)
    }

    /// Starts creating the valid rows; the others are recorded as skipped,
    /// with their reason, in the same transaction.
    pub fn start_import(&self, actor: &Actor, domain: &Domain, id: ImportId) -> Result<()> {
        let max_attempts = self.settings.jobs.max_attempts;
        self.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor.user, domain)?;
            view.require_manager()?;
            let mut record = tx
                .import(id)?
                .filter(|r| r.service == view.service.id)
                .ok_or(AppError::NotFound)?;
            if record.state != ImportState::Uploaded {
                return Err(Rejection::ImportStarted.into());
            }
            let bytes = tx.import_file(id)?.ok_or(AppError::NotFound)?;
            let preview = self.preview_in(tx, &view, &bytes)?;
            for refused in preview.rows.iter().filter_map(|row| row.as_ref().err()) {
                tx.put_row_result(
                    record.id,
                    &RowResult {
                        line: refused.number as u64,
                        address: refused.address.clone(),
                        outcome: RowOutcome::Skipped {
                            column: refused.column.clone(),
                            reason: refused.reason.clone(),
                        },
                    },
                )?;
                record.skipped += 1;
                record.done += 1;
            }
            record.valid = preview.valid() as u64;
            record.started_ms = Some(now_ms());
            if record.valid == 0 {
                record.state = ImportState::Done;
                record.finished = Some(now());
            } else {
                record.state = ImportState::Running;
                let job = Job::ImportBatch { import: record.id };
                tx.enqueue_job(job, Some(record.org), max_attempts, now_ms())?;
            }
            tx.put_import(&record)?;
            let object = format!("{} ({} rows)", record.file_name, record.valid);
            audit::record(tx, Some(actor), Some(record.org), "import.start", object)
        })
    }

    /// The import's file, parsed once per run of an import: a batch that
    /// finds it cached does not read the file back from the store (at a
    /// million rows, a copy of 90 MB per batch).
    pub(super) fn parsed_import(&self, id: ImportId) -> Result<Arc<ParsedFile>> {
        let mut cache = self
            .parsed_imports
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(parsed) = cache.get(&id) {
            return Ok(Arc::clone(parsed));
        }
        let bytes = self
            .store
            .read()?
            .import_file(id)?
            .ok_or(AppError::NotFound)?;
        let limits = &self.settings.imports;
        let parsed = Arc::new(parse(&bytes, limits.max_bytes, limits.max_rows)?);
        // Few imports run at once; an old entry is dropped, not kept forever.
        if cache.len() >= 4 {
            cache.clear();
        }
        cache.insert(id, Arc::clone(&parsed));
        Ok(parsed)
    }

    pub(super) fn forget_parsed(&self, id: ImportId) {
        self.parsed_imports
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }
}

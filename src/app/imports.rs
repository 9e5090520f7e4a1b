//! Bulk creation from a CSV file: upload and preview (no hashing, nothing
//! created), then start, which queues the first batch job
//! (`import_batch.rs` creates the rows).

use super::capabilities::Imports;
use std::io::{Read, Seek, SeekFrom};

use super::access::ServiceView;
use super::access::Who;
use super::audit;
use super::{Actor, AppError, Rejection, Result, now};
use crate::bulk::{Encoding, FileError, Format, RowError, RowPlan, Utf8Text};
use crate::model::Scope;
use crate::model::now_ms;
use crate::model::{Domain, ImportId, ImportRecord, ImportState, Job, RowOutcome, RowResult};
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

/// Rows on a page of a preview.
pub const PREVIEW_PAGE: usize = 100;

/// What a whole file would do.
#[derive(Debug, Clone)]
pub struct Totals {
    pub encoding: String,
    pub delimiter: char,
    pub format: Format,
    pub rows: usize,
    pub valid: usize,
}

impl Totals {
    pub fn refused(&self) -> usize {
        self.rows - self.valid
    }

    pub fn pages(&self) -> usize {
        self.rows.div_ceil(PREVIEW_PAGE).max(1)
    }
}

/// A file's totals, and what one page of its rows would do.
#[derive(Debug, Clone)]
pub struct Preview {
    pub totals: Totals,
    /// Counted from 0.
    pub page: usize,
    pub rows: Vec<std::result::Result<RowPlan, RowError>>,
}

impl Imports<'_> {
    /// What a file would do: its totals, and the rows of one page. Reads
    /// only; the file is read as a stream.
    pub fn preview(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        src: &mut (impl Read + Seek),
        page: usize,
    ) -> Result<Preview> {
        let mut rows = Vec::new();
        let totals = self.preview_each(who, domain, src, |index, row| {
            if index / PREVIEW_PAGE == page {
                rows.push(row.clone());
            }
            Ok(())
        })?;
        Ok(Preview { totals, page, rows })
    }

    /// The same, handing every row to `each`.
    pub fn preview_each(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        src: &mut (impl Read + Seek),
        each: impl FnMut(usize, &std::result::Result<RowPlan, RowError>) -> Result<()>,
    ) -> Result<Totals> {
        let encoding =
            Encoding::detect(src, self.app.settings.imports.max_bytes).map_err(FileError::from)?;
        let reader = self.app.store.read()?;
        let view = ServiceView::resolve(&reader, who, domain)?;
        view.require_manager_to_read()?;
        let text = Utf8Text::new(src, encoding);
        self.app
            .check_rows(&reader, &view, text, encoding.label(), each)
    }

    /// Keeps the file, as UTF-8 text, with its preview's totals.
    pub fn upload_import(
        &self,
        actor: &Actor,
        domain: &Domain,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<ImportRecord> {
        self.upload_import_from(actor, domain, file_name, &mut std::io::Cursor::new(bytes))
            .map(|(record, _)| record)
    }

    /// The same from a file or any stream that can be read twice (once to
    /// find its encoding): never held in memory whole.
    pub fn upload_import_from(
        &self,
        actor: &Actor,
        domain: &Domain,
        file_name: &str,
        src: &mut (impl Read + Seek),
    ) -> Result<(ImportRecord, Totals)> {
        let name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let unreadable = |e: std::io::Error| AppError::File(FileError::Unreadable(e.to_string()));
        let size = src.seek(SeekFrom::End(0)).map_err(unreadable)?;
        let encoding =
            Encoding::detect(src, self.app.settings.imports.max_bytes).map_err(FileError::from)?;
        let start = src.stream_position().map_err(unreadable)?;
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_manager()?;
            let id = tx.new_import_id()?;
            // From where detection left it, on every try of this write.
            src.seek(SeekFrom::Start(start)).map_err(unreadable)?;
            let mut text = Utf8Text::new(&mut *src, encoding);
            tx.put_import_text(id, |buf| text.read(buf).map_err(unreadable))?;
            let totals = self.app.check_rows(
                tx,
                &view,
                tx.import_text(id, 0)?,
                encoding.label(),
                |_, _| Ok(()),
            )?;
            let record = ImportRecord {
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
                bytes: size,
                rows: totals.rows as u64,
                valid: totals.valid as u64,
                state: ImportState::Uploaded,
                done: 0,
                created_count: 0,
                failed: 0,
                skipped: 0,
                started_ms: None,
                finished: None,
                next_line: 0,
                stopped: None,
                lang: crate::i18n::current(),
                resume: None,
                encoding: encoding.label().to_owned(),
            };
            tx.insert_import(&record)?;
            let (org, file) = (view.organisation.id, record.file_name.clone());
            audit::record(tx, Some(actor), Some(org), "import.upload", file)?;
            Ok((record, totals))
        })
    }

    /// The service's imports, newest first; owners and admins only.
    pub fn imports_of(&self, who: impl Into<Who>, domain: &Domain) -> Result<Vec<ImportRecord>> {
        let reader = self.app.store.read()?;
        let view = ServiceView::resolve(&reader, who, domain)?;
        view.require_manager_to_read()?;
        Ok(reader.imports_of(view.service.id)?)
    }

    /// An import of this service.
    pub fn import_record(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        id: ImportId,
    ) -> Result<ImportRecord> {
        let reader = self.app.store.read()?;
        Ok(managed_import(&reader, who, domain, id, Scope::Read)?.1)
    }

    /// An import of this service, with a page of its preview while it is
    /// not started.
    pub fn import_of(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        id: ImportId,
        page: usize,
    ) -> Result<(ImportRecord, Option<Preview>)> {
        let reader = self.app.store.read()?;
        let (view, record) = managed_import(&reader, who, domain, id, Scope::Read)?;
        if record.state != ImportState::Uploaded {
            return Ok((record, None));
        }
        let mut rows = Vec::new();
        let text = reader.import_text(id, 0)?;
        let totals =
            self.app
                .check_rows(&reader, &view, text, &record.encoding, |index, row| {
                    if index / PREVIEW_PAGE == page {
                        rows.push(row.clone());
                    }
                    Ok(())
                })?;
        Ok((record, Some(Preview { totals, page, rows })))
    }

    /// Each row's result, in line order.
    pub fn each_import_result(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        id: ImportId,
        each: impl FnMut(RowResult) -> crate::store::Result<()>,
    ) -> Result<()> {
        let reader = self.app.store.read()?;
        let (_, record) = managed_import(&reader, who, domain, id, Scope::Read)?;
        Ok(reader.each_import_result(record.id, each)?)
    }

    pub fn import_results(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        id: ImportId,
    ) -> Result<Vec<RowResult>> {
        let reader = self.app.store.read()?;
        let (_, record) = managed_import(&reader, who, domain, id, Scope::Read)?;
        Ok(reader.import_results(record.id)?)
    }

    /// Starts creating the valid rows; the others are recorded as skipped,
    /// with their reason, in the same transaction.
    pub fn start_import(&self, actor: &Actor, domain: &Domain, id: ImportId) -> Result<()> {
        let max_attempts = self.app.settings.jobs.max_attempts;
        self.app.store.write(|tx| {
            let (view, mut record) = managed_import(tx, actor, domain, id, Scope::Addresses)?;
            if record.state != ImportState::Uploaded {
                return Err(Rejection::ImportStarted.into());
            }
            // Read in a snapshot taken while this transaction holds the
            // only writer: the same state as `tx`'s, which only adds
            // results, so that each refusal is written as it is found
            // (a million of them are not held in memory).
            let snapshot = self.app.store.read()?;
            let text = snapshot.import_text(id, 0)?;
            let totals =
                self.app
                    .check_rows(&snapshot, &view, text, &record.encoding, |_, row| {
                        if let Err(refused) = row {
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
                        Ok(())
                    })?;
            record.rows = totals.rows as u64;
            record.valid = totals.valid as u64;
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
}

/// An import of a service the user manages, with the service's view: one
/// rule for every reader and writer of imports (another service's import is
/// not found).
fn managed_import(
    q: &impl Query,
    who: impl Into<Who>,
    domain: &Domain,
    id: ImportId,
    need: Scope,
) -> Result<(ServiceView, ImportRecord)> {
    let view = ServiceView::resolve(q, who, domain)?;
    view.require_manager_to_read()?;
    if !view.allows(need) {
        return Err(AppError::Forbidden);
    }
    let record = q
        .import(id)?
        .filter(|r| r.service == view.service.id)
        .ok_or(AppError::NotFound)?;
    Ok((view, record))
}

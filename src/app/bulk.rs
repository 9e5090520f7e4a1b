//! Bulk creation from a CSV file: upload and preview (no hashing, nothing
//! created), then a background job creating batches, each row in the
//! transaction that records its result.

use std::collections::HashMap;
use std::sync::Arc;

use super::address_users::{ShareMode, ShareTarget};
use super::jobs::now_ms;
use super::{Actor, App, AppError, NewAddress, Result, ServiceView, ShareWith, audit, now};
use crate::bulk::{FileError, Format, ParsedFile, RowError, RowPlan, parse, plan};
use crate::model::PasswordHash;
use crate::store::{
    Address, AddressKind, AddressState, ImportRecord, ImportState, Job, RowOutcome, RowResult,
    SignupRule,
};

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

impl From<FileError> for AppError {
    fn from(e: FileError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

/// Rows created per transaction (and per job).
fn batch_size() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 8
}

impl App {
    /// Parses and checks a file against the service, reading only.
    pub fn preview(&self, view: &ServiceView, bytes: &[u8]) -> Result<Preview> {
        let limits = &self.settings.imports;
        let parsed = parse(bytes, limits.max_bytes, limits.max_rows)?;
        let reader = self.store.read()?;
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for raw in &parsed.rows {
            let checked = plan(raw, &view.service.domain, parsed.format).and_then(|plan| {
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
                match reader.address_by_name(view.service.id, &plan.local) {
                    Ok(Some(existing)) if !self.retention_over(&existing) => {
                        Err(refuse(match existing.state {
                            AddressState::Active => {
                                format!("{}@{} already exists", plan.local, view.service.domain)
                            }
                            AddressState::Deleted { .. } => format!(
                                "{}@{} was deleted recently and is reserved",
                                plan.local, view.service.domain
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
        view: &ServiceView,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<ImportRecord> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        let preview = self.preview(view, bytes)?;
        let name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        self.store.write(|tx| {
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
                },
                bytes,
            )?;
            audit(
                tx,
                Some(actor),
                Some(view.organisation.id),
                "import.upload",
                record.file_name.clone(),
            )?;
            Ok(record)
        })
    }

    pub fn imports_of(&self, view: &ServiceView) -> Result<Vec<ImportRecord>> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        Ok(self.store.read()?.imports_of(view.service.id)?)
    }

    /// An import of this service, with its preview while not yet started.
    pub fn import_of(
        &self,
        view: &ServiceView,
        id: u64,
    ) -> Result<(ImportRecord, Option<Preview>)> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        let reader = self.store.read()?;
        let record = reader
            .import(id)?
            .filter(|r| r.service == view.service.id)
            .ok_or(AppError::NotFound)?;
        if record.state != ImportState::Uploaded {
            return Ok((record, None));
        }
        let bytes = reader.import_file(id)?.ok_or(AppError::NotFound)?;
        drop(reader);
        let preview = self.preview(view, &bytes)?;
        Ok((record, Some(preview)))
    }

    pub fn import_results(&self, view: &ServiceView, id: u64) -> Result<Vec<RowResult>> {
        let (record, _) = self.import_of(view, id)?;
        Ok(self.store.read()?.import_results(record.id)?)
    }

    /// Starts creating the valid rows; the others are recorded as skipped,
    /// with their reason, in the same transaction.
    pub fn start_import(&self, actor: &Actor, view: &ServiceView, id: u64) -> Result<()> {
        let (record, preview) = self.import_of(view, id)?;
        let Some(preview) = preview else {
            return Err(AppError::Invalid("this import has already started".into()));
        };
        let max_attempts = self.settings.jobs.max_attempts;
        self.store.write(|tx| {
            let mut record = tx.import(record.id)?.ok_or(AppError::NotFound)?;
            if record.state != ImportState::Uploaded {
                return Err(AppError::Invalid("this import has already started".into()));
            }
            for row in &preview.rows {
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
            }
            record.valid = preview.valid() as u64;
            record.started_ms = Some(now_ms());
            if record.valid == 0 {
                record.state = ImportState::Done;
                record.finished = Some(now());
            } else {
                record.state = ImportState::Running;
                tx.enqueue_job(
                    Job::ImportBatch { import: record.id },
                    Some(record.org),
                    max_attempts,
                    now_ms(),
                )?;
            }
            tx.put_import(&record)?;
            audit(
                tx,
                Some(actor),
                Some(record.org),
                "import.start",
                format!("{} ({} rows)", record.file_name, record.valid),
            )
        })
    }

    /// Creates the next batch of an import's rows; returns how many rows it
    /// handled. Hashing runs first, on every core, with no writer held.
    pub fn import_batch(&self, id: u64) -> Result<usize> {
        let (record, bytes) = {
            let reader = self.store.read()?;
            let record = reader.import(id)?.ok_or(AppError::NotFound)?;
            let bytes = reader.import_file(id)?.ok_or(AppError::NotFound)?;
            (record, bytes)
        };
        if record.state != ImportState::Running {
            self.forget_parsed(id);
            return Ok(0);
        }
        let actor = Actor {
            user: record.created_by,
            ip: None,
        };
        let view = {
            let reader = self.store.read()?;
            let service = reader.service(record.service)?.ok_or(AppError::NotFound)?;
            let organisation = reader.organisation(record.org)?.ok_or(AppError::NotFound)?;
            ServiceView {
                service,
                organisation,
                role: crate::model::Role::Owner,
            }
        };
        let parsed = self.parsed_import(id, &bytes)?;
        // The next batch: valid rows after the cursor, in file order.
        let mut pending: Vec<RowPlan> = Vec::new();
        let mut cursor = record.next_line;
        for raw in parsed
            .rows
            .iter()
            .filter(|r| r.number as u64 > record.next_line)
        {
            if pending.len() >= batch_size() {
                break;
            }
            cursor = raw.number as u64;
            if let Ok(plan) = plan(raw, &view.service.domain, parsed.format) {
                pending.push(plan);
            }
        }
        let finished = parsed
            .rows
            .last()
            .is_none_or(|last| cursor >= last.number as u64);
        let hashes = hash_all(&pending)?;
        let handled = pending.len();
        let max_attempts = self.settings.jobs.max_attempts;
        self.store.write(|tx| {
            let mut record = tx.import(id)?.ok_or(AppError::NotFound)?;
            for (plan, hash) in pending.iter().zip(hashes) {
                let line = plan.number as u64;
                if tx.has_row_result(id, line)? {
                    continue;
                }
                let address = format!("{}@{}", plan.local, view.service.domain.as_ascii());
                let outcome = match self.create_row(tx, &actor, &view, plan, hash) {
                    Ok(()) => {
                        record.created_count += 1;
                        RowOutcome::Created
                    }
                    Err(AppError::Store(e)) => return Err(AppError::Store(e)),
                    Err(refused) => {
                        record.failed += 1;
                        RowOutcome::Failed {
                            reason: capitalise(&refused.to_string()),
                        }
                    }
                };
                tx.put_row_result(
                    id,
                    &RowResult {
                        line,
                        address,
                        outcome,
                    },
                )?;
                record.done += 1;
            }
            record.next_line = record.next_line.max(cursor);
            if finished {
                record.state = ImportState::Done;
                record.finished = Some(now());
            } else {
                tx.enqueue_job(
                    Job::ImportBatch { import: id },
                    Some(record.org),
                    max_attempts,
                    now_ms(),
                )?;
            }
            tx.put_import(&record)?;
            Ok(())
        })?;
        if finished {
            self.forget_parsed(id);
        }
        Ok(handled)
    }

    /// The parsed file of a running import, kept between its batches so a
    /// large file is read once, not once per batch.
    fn parsed_import(&self, id: u64, bytes: &[u8]) -> Result<Arc<ParsedFile>> {
        let mut cache = self
            .parsed_imports
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(parsed) = cache.get(&id) {
            return Ok(Arc::clone(parsed));
        }
        let limits = &self.settings.imports;
        let parsed = Arc::new(parse(bytes, limits.max_bytes, limits.max_rows)?);
        // Few imports run at once; an old entry is dropped, not kept forever.
        if cache.len() >= 4 {
            cache.clear();
        }
        cache.insert(id, Arc::clone(&parsed));
        Ok(parsed)
    }

    fn forget_parsed(&self, id: u64) {
        self.parsed_imports
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }

    /// One row: its address, and its user's access or invitation.
    fn create_row(
        &self,
        tx: &mut crate::store::Writer,
        actor: &Actor,
        view: &ServiceView,
        plan: &RowPlan,
        hash: Option<PasswordHash>,
    ) -> Result<()> {
        let share = plan.user.clone().map(|email| {
            let permissions = plan
                .permissions
                .unwrap_or(view.organisation.default_permissions);
            (
                ShareWith::External {
                    email,
                    signup: SignupRule::OwnChoice,
                },
                permissions,
            )
        });
        let new = NewAddress {
            local_part: plan.local.clone(),
            kind: AddressKind::Standard,
            password: None,
            creator_access: false,
            share: None,
            forwarding: plan.forwarding.clone(),
            display_name: plan.display_name.clone(),
        };
        // Every refusal of create_in comes before its first write.
        let address: Address = self.create_in(tx, actor, view, &new, hash)?;
        if let Some((with, permissions)) = share {
            let target = ShareTarget::new(view, &address);
            if let Err(refused) =
                self.share_in(tx, actor, &target, with, permissions, ShareMode::AtOnce)
            {
                return match refused {
                    AppError::Store(e) => Err(AppError::Store(e)),
                    other => Err(AppError::Invalid(format!(
                        "the address was created, but its user could not be given access: {other}"
                    ))),
                };
            }
        }
        Ok(())
    }
}

/// Hashes the batch's new passwords on every core; imported hashes are kept.
fn hash_all(rows: &[RowPlan]) -> Result<Vec<Option<PasswordHash>>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|row| match (&row.password, &row.password_hash) {
                            (Some(password), _) => password.hash().map(Some),
                            (None, Some(hash)) => Ok(Some(hash.clone())),
                            (None, None) => Ok(None),
                        })
                        .collect::<std::result::Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(rows.len());
        for worker in workers {
            let hashed = worker
                .join()
                .map_err(|_| AppError::Invalid("a hashing thread failed".into()))??;
            all.extend(hashed);
        }
        Ok(all)
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! Creating the next batch of a started import: each row in the
//! transaction that records its result, the next batch's job queued in the
//! same transaction, and the uploader's right to manage the service checked
//! there too: an uploader who lost it stops the import.

use super::access::ServiceView;
use super::address_users::{ShareMode, ShareTarget};
use super::capabilities::Imports;
use super::{
    Actor, App, AppError, ForWhom, NewAddress, PermissionChoice, Rejection, Result, ShareWith, now,
};
use crate::bulk::{RowPlan, Rows, plan};
use crate::i18n::Localize;
use crate::model::now_ms;
use crate::model::{
    Domain, ImportId, ImportRecord, ImportState, Job, Password, PasswordHash, RowOutcome,
    RowResult, SignupRule, TextPosition,
};
use crate::store::Writer;
use crate::store::prelude::*;

/// New passwords hashed per batch: enough to keep every core busy, few
/// enough that a batch (and its job) stays short. Asked once: the count of
/// cores is read from cgroup files, and asking per row took 29% of an
/// import's time.
fn hashes_per_batch() -> usize {
    static PER_BATCH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *PER_BATCH.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()) * 8)
}

/// Rows per transaction when they need no hashing (no password, or an
/// imported hash): a durable commit per few rows would dominate.
const ROWS_PER_BATCH: usize = 1000;

impl App {
    fn batch(&self, id: ImportId, continue_in_queue: bool) -> Result<usize> {
        let (record, domain) = {
            let reader = self.store.read()?;
            let record = reader.import(id)?.ok_or(AppError::NotFound)?;
            let service = reader.service(record.service)?.ok_or(AppError::NotFound)?;
            (record, service.domain)
        };
        // The report's reasons are written in the uploader's language.
        crate::i18n::sync_scope(record.lang, || {
            self.batch_of(id, record, domain, continue_in_queue)
        })
    }

    fn batch_of(
        &self,
        id: ImportId,
        record: ImportRecord,
        domain: Domain,
        continue_in_queue: bool,
    ) -> Result<usize> {
        if record.state != ImportState::Running {
            return Ok(0);
        }
        let actor = Actor {
            token: None,
            user: record.created_by,
            ip: None,
        };
        let (pending, cursor, finished) = self.next_rows(&record, &domain)?;
        let hashes = hash_all(&pending)?;
        let handled = pending.len();
        let max_attempts = self.settings.jobs.max_attempts;
        let (stopped, created, failed) = self.store.write(|tx| {
            let (mut created, mut failed) = (0u64, 0u64);
            let mut record = tx.import(id)?.ok_or(AppError::NotFound)?;
            let view = match ServiceView::resolve(tx, &actor, &domain)
                .and_then(|view| view.require_manager().map(|()| view))
            {
                Ok(view) => view,
                // Its organisation deleted meanwhile: the import waits with
                // it (its job is tried again and waits while the organisation
                // is deleted), and goes on if it is restored.
                Err(e @ (AppError::Forbidden | AppError::NotFound))
                    if tx.service(record.service)?.is_some_and(|s| s.closed) =>
                {
                    return Err(e);
                }
                Err(AppError::Forbidden | AppError::NotFound) => {
                    record.state = ImportState::Done;
                    record.finished = Some(now());
                    record.stopped = Some(t!("import-stopped"));
                    tx.put_import(&record)?;
                    return Ok((true, 0, 0));
                }
                Err(other) => return Err(other),
            };
            // What each row reads first, asked once for the batch.
            let lines: Vec<u64> = pending.iter().map(|p| p.number as u64).collect();
            tx.prefetch_row_results(id, &lines)?;
            let locals: Vec<&crate::model::LocalPart> = pending.iter().map(|p| &p.local).collect();
            tx.prefetch_addresses_by_name(record.service, &locals)?;
            for (plan, hash) in pending.iter().zip(hashes.clone()) {
                let line = plan.number as u64;
                if tx.has_row_result(id, line)? {
                    continue;
                }
                let address = format!("{}@{}", plan.local, domain.as_ascii());
                let outcome = match self.create_row(tx, &actor, &view, plan, hash) {
                    Ok(()) => {
                        record.created_count += 1;
                        created += 1;
                        RowOutcome::Created
                    }
                    Err(AppError::Store(e)) => return Err(AppError::Store(e)),
                    Err(refused) => {
                        record.failed += 1;
                        failed += 1;
                        RowOutcome::Failed {
                            reason: capitalise(&refused.localize()),
                        }
                    }
                };
                let result = RowResult {
                    line,
                    address,
                    outcome,
                };
                tx.put_row_result(id, &result)?;
                record.done += 1;
            }
            record.next_line = record.next_line.max(cursor.line.saturating_sub(1));
            record.resume = Some(cursor);
            if finished {
                record.state = ImportState::Done;
                record.finished = Some(now());
            } else if continue_in_queue {
                let job = Job::ImportBatch { import: id };
                tx.enqueue_job(job, Some(record.org), max_attempts, now_ms())?;
            }
            tx.put_import(&record)?;
            Ok((false, created, failed))
        })?;
        // Counted once the write is kept: a write may run more than once.
        metrics::counter!("mailroom_import_rows_total", "outcome" => "created").increment(created);
        metrics::counter!("mailroom_import_rows_total", "outcome" => "failed").increment(failed);
        Ok(if stopped { 0 } else { handled })
    }

    /// The batch's rows: those after the cursor, up to the batch's size,
    /// read from where the last batch stopped (a batch costs the same at
    /// row 1,000,000 as at row 1); with where the next batch starts, and
    /// whether the file ends there.
    fn next_rows(
        &self,
        record: &ImportRecord,
        domain: &Domain,
    ) -> Result<(Vec<RowPlan>, TextPosition, bool)> {
        let reader = self.store.read()?;
        let mut rows = Rows::open(reader.import_text(record.id, 0)?)?;
        if let Some(at) = record.resume {
            let layout = rows.layout().clone();
            rows = Rows::resume(reader.import_text(record.id, at.offset)?, layout, at);
        }
        // (Records from before positions were kept read from the start,
        // skipping the lines done.)
        let format = rows.layout().format;
        let mut pending: Vec<RowPlan> = Vec::new();
        let mut to_hash = 0;
        let cursor = loop {
            let before = rows.position();
            let Some(raw) = rows.next_row()? else {
                return Ok((pending, rows.position(), true));
            };
            if (raw.number as u64) <= record.next_line && record.resume.is_none() {
                continue;
            }
            if to_hash >= hashes_per_batch() || pending.len() >= ROWS_PER_BATCH {
                break before;
            }
            if let Ok(plan) = plan(&raw, domain, format) {
                to_hash += usize::from(plan.password.is_some());
                pending.push(plan);
            }
        };
        Ok((pending, cursor, false))
    }

    /// One row: its address, and its user's access or invitation.
    fn create_row(
        &self,
        tx: &mut Writer,
        actor: &Actor,
        view: &ServiceView,
        plan: &RowPlan,
        hash: Option<PasswordHash>,
    ) -> Result<()> {
        // Made for no one, then shared apart: a refused share keeps the
        // address, and the report says why its user has no access.
        let new = NewAddress {
            local_part: plan.local.clone(),
            for_whom: ForWhom::Multiple,
            password: None,
            forwarding: plan.forwarding.clone(),
            display_name: plan.display_name.clone(),
            quota: plan.quota,
        };
        // Every refusal of create_in comes before its first write.
        let address = self.create_in(tx, actor, view, &new, hash)?;
        let Some(email) = plan.user.clone() else {
            return Ok(());
        };
        let permissions =
            PermissionChoice::or_defaults(plan.permissions).resolve(&view.organisation);
        let with = ShareWith::Email {
            email,
            signup: SignupRule::OwnChoice,
            lang: None,
        };
        let grant = super::access::Grant {
            service: view.clone(),
            address,
            mine: None,
        };
        let target = ShareTarget::new(&grant);
        match self.share_in(tx, actor, &target, with, permissions, ShareMode::AtOnce) {
            Ok(_) => Ok(()),
            Err(AppError::Store(e)) => Err(AppError::Store(e)),
            // Kept as the uploader reads it: the report shows it as it is.
            Err(other) => Err(Rejection::CreatedWithoutAccess(other.localize()).into()),
        }
    }
}

impl Imports<'_> {
    /// Creates the next batch of an import's rows and queues the job for
    /// the one after; returns how many rows it handled. Hashing runs first,
    /// on every core, with no writer held.
    pub fn import_batch(&self, id: ImportId) -> Result<usize> {
        self.app.batch(id, true)
    }

    /// The same for a caller that runs every batch itself (`mailroom
    /// import`): no job is queued per batch, so none is left behind. The
    /// one job queued by `start_import` stays, so a server resumes the
    /// import if this caller stops halfway (and finds nothing to do if not).
    pub fn import_batch_here(&self, id: ImportId) -> Result<usize> {
        self.app.batch(id, false)
    }
}

/// Hashes the batch's new passwords on every worker of the hashing pool
/// (waiting for room, never refused); imported hashes are kept.
fn hash_all(rows: &[RowPlan]) -> Result<Vec<Option<PasswordHash>>> {
    let new: Vec<Password> = rows.iter().filter_map(|row| row.password.clone()).collect();
    let mut hashed = Password::hash_many(new)?.into_iter();
    rows.iter()
        .map(|row| match (&row.password, &row.password_hash) {
            (Some(_), _) => hashed.next().map(Some).ok_or(AppError::Thread),
            (None, Some(hash)) => Ok(Some(hash.clone())),
            (None, None) => Ok(None),
        })
        .collect()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! The queue's bookkeeping for the worker: leasing due jobs, settling
//! attempts (a delivery job's message follows its job), taking back
//! abandoned leases, and the message a delivery job sends. Each call is one
//! write transaction on the application's redb file.

use std::sync::Arc;

use super::prelude::*;
use super::queue_settings::{JobSettings, ms};
use super::{Store, StoreError};
use crate::model::{
    Job, JobId, JobRecord, JobState, Message, MessageId, MessageState, Outcome, now_ms,
};

#[derive(Clone)]
pub struct Queue {
    store: Arc<Store>,
    settings: JobSettings,
    /// This node, as its leases name it: `host:pid`.
    node: String,
}

impl Queue {
    pub fn new(store: Arc<Store>, settings: JobSettings) -> Self {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_owned())
            .unwrap_or_default();
        Self {
            store,
            settings,
            node: format!("{host}:{}", std::process::id()),
        }
    }

    /// Wakes after every committed write (a use case may have queued a job).
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.store.subscribe()
    }

    /// Leases up to `limit` due jobs. An idle worker asks every second:
    /// it reads first and writes only when a job is due, since every write
    /// wakes whatever follows the store's changes, on every node.
    pub fn lease(&self, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let lease = ms(self.settings.lease);
        let now = now_ms();
        if self
            .store
            .read()?
            .earliest_due_ms()?
            .is_none_or(|due| due > now)
        {
            return Ok(Vec::new());
        }
        self.store
            .write(|tx| tx.lease_due_jobs(now, lease, limit, &self.node))
    }

    /// Records an attempt's end; a delivery job's message follows its job:
    /// retrying with the next attempt's time, or failed with the reply.
    pub fn finish(&self, id: JobId, result: Result<(), String>) -> Result<(), StoreError> {
        let settings = &self.settings;
        let finished = self.store.write(|tx| -> Result<_, StoreError> {
            let attempts = tx.job(id)?.map(|j| j.attempts).unwrap_or(1);
            let outcome = match &result {
                Ok(()) => Outcome::Done,
                Err(error) => Outcome::Failed {
                    error: error.clone(),
                    retry_in_ms: ms(settings.backoff(attempts)),
                },
            };
            let Some(job) = tx.finish_job(id, outcome, now_ms())? else {
                return Ok(None);
            };
            let kind = job.job.kind();
            let Job::DeliverMail { message } = job.job else {
                return Ok(Some(kind));
            };
            if let (Some(mut stored), Some(error)) = (tx.message(message)?, job.last_error.clone())
                && !stored.state.is_settled()
                && result.is_err()
            {
                stored.state = match job.state {
                    JobState::Dead => MessageState::Failed { error },
                    _ => MessageState::Retrying {
                        error,
                        next_at: i64::try_from(job.due_ms / 1000).unwrap_or(i64::MAX),
                    },
                };
                tx.put_message(&stored)?;
            }
            Ok(Some(kind))
        })?;
        // Counted once the write is kept: a write may run more than once.
        if let Some(kind) = finished {
            let ended = if result.is_ok() { "done" } else { "failed" };
            metrics::counter!("mailroom_job_attempts_total", "kind" => kind, "result" => ended)
                .increment(1);
        }
        Ok(())
    }

    pub fn release(&self, id: JobId) -> Result<(), StoreError> {
        self.store.write(|tx| tx.release_job(id, now_ms()))
    }

    /// Keeps the leases of the jobs this worker is running (id, attempt)
    /// from running out while they run: a batch may outlast a lease, and
    /// its node is alive. Only a dead or hung node's leases run out.
    pub fn renew(&self, held: &[(JobId, u32)]) -> Result<usize, StoreError> {
        if held.is_empty() {
            return Ok(0);
        }
        let until = now_ms().saturating_add(ms(self.settings.lease));
        self.store
            .write(|tx| tx.renew_job_leases(held, &self.node, until))
    }

    /// Takes back jobs whose lease ran out (their worker died or hung).
    pub fn reclaim_expired(&self) -> Result<u64, StoreError> {
        let now = now_ms();
        // Read first: most heartbeats find nothing and should not write.
        let earliest = self.store.read()?.earliest_lease_ms()?;
        match earliest {
            Some(earliest) if earliest < now => self.store.write(|tx| tx.reclaim_leases(now, now)),
            _ => Ok(0),
        }
    }

    /// At start, on the redb file, no other process can hold a lease (redb
    /// allows one): every running job is taken back at once. On
    /// PostgreSQL other nodes may be running theirs: only leases that ran
    /// out are taken back, as at every heartbeat.
    pub fn reclaim_at_start(&self) -> Result<u64, StoreError> {
        if self.store.is_postgres() {
            return self.reclaim_expired();
        }
        self.store.write(|tx| tx.reclaim_leases(u64::MAX, now_ms()))
    }

    pub fn message(&self, id: MessageId) -> Result<Option<Message>, StoreError> {
        self.store.read()?.message(id)
    }

    /// Records a message's delivery; idempotent.
    pub fn mark_message(&self, id: MessageId, state: MessageState) -> Result<(), StoreError> {
        self.store.write(|tx| {
            if let Some(mut message) = tx.message(id)? {
                message.attempts += 1;
                message.settle(state.clone());
                tx.put_message(&message)?;
            }
            Ok(())
        })
    }
}

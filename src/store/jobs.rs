//! The job queue's storage: records, a due index and a lease index, all in
//! the application's redb file so a use case can enqueue inside its own
//! write transaction.

use super::codec::{decode, encode};
use super::records::get;
use super::schema::{JOB_DUE, JOB_LEASE, JOBS};
use super::{Query, Result, Writer};
use crate::model::{Job, JobId, JobRecord, JobState, OrgId, Outcome};

/// How often a suspended organisation's waiting jobs are looked at again.
const SUSPENDED_RECHECK_MS: u64 = 60_000;

pub trait JobQueries: Query {
    fn job(&self, id: JobId) -> Result<Option<JobRecord>> {
        get(&self.table(JOBS)?, id.0)
    }

    /// Every job, oldest first, without holding them all.
    fn each_job(&self, mut each: impl FnMut(JobRecord)) -> Result<()> {
        for entry in self.table(JOBS)?.iter()? {
            let (_, value) = entry?;
            each(decode(value.value())?);
        }
        Ok(())
    }

    /// The newest jobs first, at most `limit`.
    fn recent_jobs(&self, limit: usize) -> Result<Vec<JobRecord>> {
        let table = self.table(JOBS)?;
        let mut jobs = Vec::new();
        for entry in table.iter()?.rev().take(limit) {
            let (_, value) = entry?;
            jobs.push(decode(value.value())?);
        }
        Ok(jobs)
    }

    /// When the first queued job is due, if any is queued.
    fn earliest_due_ms(&self) -> Result<Option<u64>> {
        Ok(self.table(JOB_DUE)?.first()?.map(|(k, _)| k.value().0))
    }

    /// When the first lease runs out, if any job is running.
    fn earliest_lease_ms(&self) -> Result<Option<u64>> {
        Ok(self.table(JOB_LEASE)?.first()?.map(|(k, _)| k.value().0))
    }
}

impl<Q: Query> JobQueries for Q {}

impl Writer {
    fn put_job(&mut self, job: &JobRecord) -> Result<()> {
        self.table(JOBS)?.put(job.id.0, encode(job)?.as_slice())?;
        Ok(())
    }

    fn queue_at(&mut self, job: &mut JobRecord, due_ms: u64) -> Result<()> {
        if let Some(lease) = job.lease_until_ms.take() {
            self.table(JOB_LEASE)?.delete((lease, job.id.0))?;
        }
        job.holder = None;
        job.state = JobState::Queued;
        job.due_ms = due_ms;
        self.table(JOB_DUE)?.put((due_ms, job.id.0), ())?;
        self.put_job(job)
    }

    /// Adds a job in this transaction: it exists exactly when the change
    /// that caused it does.
    pub fn enqueue_job(
        &mut self,
        job: Job,
        org: Option<OrgId>,
        max_attempts: u32,
        now_ms: u64,
    ) -> Result<JobId> {
        let mut record = JobRecord {
            id: JobId(self.next_id("job")?),
            job,
            org,
            state: JobState::Queued,
            attempts: 0,
            max_attempts,
            due_ms: now_ms,
            lease_until_ms: None,
            holder: None,
            last_error: None,
            created: i64::try_from(now_ms / 1000).unwrap_or(i64::MAX),
            finished: None,
        };
        self.queue_at(&mut record, now_ms)?;
        Ok(record.id)
    }

    /// How a job's organisation stands, read once per job leased.
    fn standing_of(&self, org: Option<OrgId>) -> Result<OrgStanding> {
        use super::orgs::OrgQueries;
        let Some(org) = org else {
            return Ok(OrgStanding::Open);
        };
        Ok(match self.organisation(org)? {
            None => OrgStanding::Purged,
            Some(o) if o.suspended.is_some() || o.deleted.is_some() => OrgStanding::Paused,
            Some(_) => OrgStanding::Open,
        })
    }

    /// Takes up to `limit` due jobs and leases them to `holder` until
    /// `now + lease_ms`; the jobs of a suspended organisation wait.
    pub fn lease_due_jobs(
        &mut self,
        now_ms: u64,
        lease_ms: u64,
        limit: usize,
        holder: &str,
    ) -> Result<Vec<JobRecord>> {
        let due: Vec<(u64, u64)> = {
            let index = self.table(JOB_DUE)?;
            let mut keys = Vec::new();
            for entry in index.range((0, 0)..=(now_ms, u64::MAX))?.take(limit) {
                keys.push(entry?.0.value());
            }
            keys
        };
        let mut leased = Vec::new();
        for (due_ms, id) in due {
            self.table(JOB_DUE)?.delete((due_ms, id))?;
            let Some(mut job) = self.job(JobId(id))? else {
                continue;
            };
            let standing = self.standing_of(job.org)?;
            if !job.job.outlives_its_organisation() && standing == OrgStanding::Purged {
                // Nothing is left for it to act on, nor anyone to tell.
                job.state = JobState::Done;
                job.last_error = Some("its organisation was purged".to_owned());
                job.finished = Some(i64::try_from(now_ms / 1000).unwrap_or(i64::MAX));
                self.put_job(&job)?;
                continue;
            }
            if job.job.waits_while_suspended() && standing == OrgStanding::Paused {
                // Looked at again a minute later, unchanged otherwise.
                job.due_ms = now_ms + SUSPENDED_RECHECK_MS;
                self.table(JOB_DUE)?.put((job.due_ms, id), ())?;
                self.put_job(&job)?;
                continue;
            }
            let until = now_ms + lease_ms;
            job.state = JobState::Running;
            job.attempts += 1;
            job.lease_until_ms = Some(until);
            job.holder = Some(holder.to_owned());
            self.table(JOB_LEASE)?.put((until, id), ())?;
            self.put_job(&job)?;
            leased.push(job);
        }
        Ok(leased)
    }

    /// Records how an attempt ended: done, retried later, or dead.
    pub fn finish_job(
        &mut self,
        id: JobId,
        outcome: Outcome,
        now_ms: u64,
    ) -> Result<Option<JobRecord>> {
        let Some(mut job) = self.job(id)? else {
            return Ok(None);
        };
        if job.state != JobState::Running {
            // A late acknowledgement of a job already taken back: ignore it.
            return Ok(Some(job));
        }
        match outcome {
            Outcome::Done => {
                if let Some(lease) = job.lease_until_ms.take() {
                    self.table(JOB_LEASE)?.delete((lease, job.id.0))?;
                }
                job.state = JobState::Done;
                job.holder = None;
                job.last_error = None;
                job.finished = Some(i64::try_from(now_ms / 1000).unwrap_or(i64::MAX));
                self.put_job(&job)?;
            }
            Outcome::Failed { error, retry_in_ms } => {
                job.last_error = Some(error);
                if job.attempts < job.max_attempts {
                    self.queue_at(&mut job, now_ms + retry_in_ms)?;
                } else {
                    if let Some(lease) = job.lease_until_ms.take() {
                        self.table(JOB_LEASE)?.delete((lease, job.id.0))?;
                    }
                    job.state = JobState::Dead;
                    job.holder = None;
                    job.finished = Some(i64::try_from(now_ms / 1000).unwrap_or(i64::MAX));
                    self.put_job(&job)?;
                }
            }
        }
        Ok(Some(job))
    }

    /// Puts a running job back in the queue without counting the attempt
    /// (a worker released it unstarted).
    pub fn release_job(&mut self, id: JobId, now_ms: u64) -> Result<()> {
        let Some(mut job) = self.job(id)? else {
            return Ok(());
        };
        if job.state == JobState::Running {
            job.attempts = job.attempts.saturating_sub(1);
            self.queue_at(&mut job, now_ms)?;
        }
        Ok(())
    }

    /// Takes back running jobs whose lease ended before `before_ms`
    /// (`u64::MAX`: every running job, as at start, when no other process
    /// can hold one). Returns how many.
    pub fn reclaim_leases(&mut self, before_ms: u64, now_ms: u64) -> Result<u64> {
        let expired: Vec<(u64, u64)> = {
            let index = self.table(JOB_LEASE)?;
            let mut keys = Vec::new();
            for entry in index.range((0, 0)..(before_ms, 0))? {
                keys.push(entry?.0.value());
            }
            keys
        };
        let mut count = 0;
        for (_, id) in expired {
            let Some(mut job) = self.job(JobId(id))? else {
                continue;
            };
            if job.attempts >= job.max_attempts {
                let error = job.last_error.clone().unwrap_or_default();
                job.last_error = Some(
                    format!("stopped while running, out of attempts {error}")
                        .trim()
                        .to_owned(),
                );
                if let Some(lease) = job.lease_until_ms.take() {
                    self.table(JOB_LEASE)?.delete((lease, job.id.0))?;
                }
                job.state = JobState::Dead;
                job.holder = None;
                self.put_job(&job)?;
            } else {
                self.queue_at(&mut job, now_ms)?;
            }
            count += 1;
        }
        Ok(count)
    }

    /// Extends to `until` the leases `holder` still holds: each job as it
    /// leased it (`attempts` unchanged), still running. A job whose lease
    /// ran out and was taken by another is left to that one.
    pub fn renew_job_leases(
        &mut self,
        held: &[(JobId, u32)],
        holder: &str,
        until: u64,
    ) -> Result<usize> {
        let mut renewed = 0;
        for (id, attempts) in held {
            let Some(mut job) = self.job(*id)? else {
                continue;
            };
            if job.state != JobState::Running
                || job.attempts != *attempts
                || job.holder.as_deref() != Some(holder)
            {
                continue;
            }
            if let Some(lease) = job.lease_until_ms {
                self.table(JOB_LEASE)?.delete((lease, id.0))?;
            }
            job.lease_until_ms = Some(until);
            self.table(JOB_LEASE)?.put((until, id.0), ())?;
            self.put_job(&job)?;
            renewed += 1;
        }
        Ok(renewed)
    }

    /// Gives a dead job a fresh set of attempts.
    pub fn retry_dead_job(&mut self, id: JobId, now_ms: u64) -> Result<Option<JobRecord>> {
        let Some(mut job) = self.job(id)? else {
            return Ok(None);
        };
        if job.state != JobState::Dead {
            return Ok(None);
        }
        job.attempts = 0;
        job.finished = None;
        self.queue_at(&mut job, now_ms)?;
        Ok(Some(job))
    }
}

/// A job's organisation as the queue sees it: none or running, suspended
/// or deleted (its jobs wait), or purged (nothing left to act on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrgStanding {
    Open,
    Paused,
    Purged,
}

//! The job queue's use cases: the queue backend and the admin pages call
//! these; each is one write transaction.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Actor, App, AppError, Result, audit, now};
use crate::model::Role;
use crate::store::{Job, JobRecord, JobState, Message, MessageState, OrgId, Outcome, UserId};

/// How jobs are leased and retried.
#[derive(Debug, Clone)]
pub struct JobSettings {
    /// A running job not acknowledged within this is taken back.
    pub lease: Duration,
    /// The first retry waits this long; each next one twice as long.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    pub max_attempts: u32,
    /// How often an idle worker looks for due jobs (commits wake it sooner).
    pub poll_interval: Duration,
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(120),
            backoff_base: Duration::from_secs(5),
            backoff_max: Duration::from_secs(60 * 60),
            max_attempts: 8,
            poll_interval: Duration::from_secs(1),
        }
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl JobSettings {
    /// The wait before retrying after `attempts` failed attempts.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        self.backoff_base
            .saturating_mul(factor)
            .min(self.backoff_max)
    }
}

impl App {
    pub fn lease_jobs(&self, limit: usize) -> Result<Vec<JobRecord>> {
        let lease = ms(self.settings.jobs.lease);
        Ok(self
            .store
            .write(|tx| tx.lease_due_jobs(now_ms(), lease, limit))?)
    }

    /// Records an attempt's end; a delivery job's message follows its job:
    /// retrying with the next attempt's time, or failed with the reply.
    pub fn finish_job(&self, id: u64, result: std::result::Result<(), String>) -> Result<()> {
        let settings = &self.settings.jobs;
        self.store.write(|tx| {
            let attempts = tx.job(id)?.map(|j| j.attempts).unwrap_or(1);
            let outcome = match &result {
                Ok(()) => Outcome::Done,
                Err(error) => Outcome::Failed {
                    error: error.clone(),
                    retry_in_ms: ms(settings.backoff(attempts)),
                },
            };
            let Some(job) = tx.finish_job(id, outcome, now_ms())? else {
                return Ok(());
            };
            let message = match job.job {
                Job::DeliverMail { message } => Some(message),
                Job::ImportBatch { .. } => None,
            };
            if let Some(message) = message
                && let (Some(mut stored), Some(error)) =
                    (tx.message(message)?, job.last_error.clone())
            {
                let settled = matches!(
                    stored.state,
                    MessageState::Sent { .. } | MessageState::InOutbox { .. }
                );
                if !settled && result.is_err() {
                    stored.state = match job.state {
                        JobState::Dead => MessageState::Failed { error },
                        _ => MessageState::Retrying {
                            error,
                            next_at: i64::try_from(job.due_ms / 1000).unwrap_or(i64::MAX),
                        },
                    };
                    tx.put_message(&stored)?;
                }
            }
            Ok(())
        })
    }

    pub fn release_job(&self, id: u64) -> Result<()> {
        Ok(self.store.write(|tx| tx.release_job(id, now_ms()))?)
    }

    /// Takes back jobs whose lease ran out (their worker died or hung).
    pub fn reclaim_expired_jobs(&self) -> Result<u64> {
        let now = now_ms();
        // Read first: most heartbeats find nothing and should not write.
        match self.store.read()?.earliest_lease_ms()? {
            Some(earliest) if earliest < now => {
                Ok(self.store.write(|tx| tx.reclaim_leases(now, now))?)
            }
            _ => Ok(0),
        }
    }

    /// At start no other process can hold a lease (redb allows one): every
    /// running job is taken back at once.
    pub fn reclaim_all_jobs(&self) -> Result<u64> {
        Ok(self
            .store
            .write(|tx| tx.reclaim_leases(u64::MAX, now_ms()))?)
    }

    pub fn message(&self, id: u64) -> Result<Option<Message>> {
        Ok(self.store.read()?.message(id)?)
    }

    /// Records a message's delivery; idempotent.
    pub fn mark_message(&self, id: u64, state: MessageState) -> Result<()> {
        self.store.write(|tx| {
            if let Some(mut message) = tx.message(id)? {
                message.attempts += 1;
                message.state = state;
                tx.put_message(&message)?;
            }
            Ok(())
        })
    }

    fn managed_orgs(&self, user: UserId) -> Result<Vec<OrgId>> {
        Ok(self
            .store
            .read()?
            .memberships_of(user)?
            .into_iter()
            .filter(|(_, m)| m.role.manages())
            .map(|(o, _)| o.id)
            .collect())
    }

    /// Jobs of the organisations the user manages, newest first.
    pub fn jobs_for(&self, user: UserId, limit: usize) -> Result<Vec<JobRecord>> {
        let orgs = self.managed_orgs(user)?;
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        let mut jobs = self.store.read()?.recent_jobs(limit * 4)?;
        jobs.retain(|j| j.org.is_some_and(|o| orgs.contains(&o)));
        jobs.truncate(limit);
        Ok(jobs)
    }

    /// The outbox of the organisations the user manages, newest first.
    pub fn outbox_for(&self, user: UserId, limit: usize) -> Result<Vec<Message>> {
        let orgs = self.managed_orgs(user)?;
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        Ok(self.store.read()?.messages_of(&orgs, limit)?)
    }

    /// Gives a failed job a fresh set of attempts (owners and admins).
    pub fn retry_job(&self, actor: &Actor, id: u64) -> Result<()> {
        let job = self.store.read()?.job(id)?.ok_or(AppError::NotFound)?;
        let org = job.org.ok_or(AppError::Forbidden)?;
        if !self.role_in(actor.user, org)?.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let retried = tx
                .retry_dead_job(id, now_ms())?
                .ok_or_else(|| AppError::Invalid("only a failed job can be retried".into()))?;
            if let Job::DeliverMail { message } = retried.job
                && let Some(mut stored) = tx.message(message)?
            {
                stored.state = MessageState::Queued;
                tx.put_message(&stored)?;
            }
            audit(tx, Some(actor), Some(org), "job.retry", retried.job.label())
        })
    }

    /// Stores a message and its delivery job in the caller's transaction.
    pub(super) fn queue_message(
        &self,
        tx: &mut crate::store::Writer,
        org: OrgId,
        to: &crate::model::EmailAddress,
        rendered: crate::mail::templates::Rendered,
    ) -> Result<Message> {
        let created = now();
        let mut message = tx.insert_message(|id| Message {
            id,
            org: Some(org),
            to: to.clone(),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            link: Some(rendered.link),
            created,
            state: MessageState::Queued,
            attempts: 0,
            job: None,
        })?;
        let job = tx.enqueue_job(
            Job::DeliverMail {
                message: message.id,
            },
            Some(org),
            self.settings.jobs.max_attempts,
            now_ms(),
        )?;
        message.job = Some(job);
        tx.put_message(&message)?;
        Ok(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let settings = JobSettings {
            backoff_base: Duration::from_secs(5),
            backoff_max: Duration::from_secs(60),
            ..JobSettings::default()
        };
        let waits: Vec<u64> = (1..=6).map(|n| settings.backoff(n).as_secs()).collect();
        assert_eq!(waits, vec![5, 10, 20, 40, 60, 60]);
        assert_eq!(settings.backoff(u32::MAX), Duration::from_secs(60));
    }
}

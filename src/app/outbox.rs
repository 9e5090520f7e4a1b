//! Outgoing mail and the jobs page, for owners and admins: messages are
//! queued inside the use case that causes them; these read and retry.

use super::access::{Who, standing};
use super::audit::record;
use super::capabilities::Operations;
use super::services::require_manager_of;
use super::{Actor, App, AppError, Rejection, Result, now};
use crate::mail::templates::Rendered;
use crate::model::Scope;
use crate::model::now_ms;
use crate::model::{EmailAddress, Job, JobId, JobRecord, Message, MessageState, OrgId};
use crate::store::Writer;
use crate::store::prelude::*;

impl App {
    /// The organisations the asker manages; a token's own organisation only.
    fn managed_orgs(&self, who: impl Into<Who>) -> Result<Vec<OrgId>> {
        let who = who.into();
        let reader = self.store.read()?;
        let mut orgs = Vec::new();
        for (org, membership) in reader.memberships_of(who.user)? {
            // A suspended organisation's outbox and jobs are closed to its
            // people, and do not close the others'.
            if org.suspended.is_some() {
                continue;
            }
            // A person's role is at hand; only a token needs its standing read.
            let role = match who.token {
                None => Some(membership.role),
                Some(_) => standing(&reader, who, org.id)?.map(|(role, _)| role),
            };
            if role.is_some_and(|r| r.manages()) {
                orgs.push(org.id);
            }
        }
        Ok(orgs)
    }

    /// Stores a message and its delivery job in the caller's transaction.
    pub(super) fn queue_message(
        &self,
        tx: &mut Writer,
        org: OrgId,
        to: &EmailAddress,
        rendered: Rendered,
    ) -> Result<Message> {
        let mut message = tx.insert_message(|id| Message {
            id,
            org: Some(org),
            to: to.clone(),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            link: Some(rendered.link),
            private: rendered.private,
            created: now(),
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

impl Operations<'_> {
    /// Jobs of the organisations the user manages, newest first.
    pub fn jobs_for(&self, who: impl Into<Who>, limit: usize) -> Result<Vec<JobRecord>> {
        let orgs = self.app.managed_orgs(who)?;
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        let mut jobs = self.app.store.read()?.recent_jobs(limit * 4)?;
        jobs.retain(|j| j.org.is_some_and(|o| orgs.contains(&o)));
        jobs.truncate(limit);
        Ok(jobs)
    }

    /// The outbox of the organisations the user manages, newest first;
    /// a private message (a reset, a sign-up or an invitation link) shows
    /// who it is for and what became of it, never its body.
    pub fn outbox_for(&self, who: impl Into<Who>, limit: usize) -> Result<Vec<Message>> {
        let orgs = self.app.managed_orgs(who)?;
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        let messages = self.app.store.read()?.messages_of(&orgs, limit)?;
        Ok(messages.into_iter().map(Message::for_admins).collect())
    }

    /// The delivery state of the messages behind an address's pending
    /// invitations, for those who may see them.
    pub fn messages(&self, ids: &[crate::model::MessageId]) -> Result<Vec<Message>> {
        let reader = self.app.store.read()?;
        let mut found = Vec::new();
        for id in ids {
            if let Some(message) = reader.message(*id)? {
                found.push(message.for_admins());
            }
        }
        Ok(found)
    }

    /// Gives a failed job a fresh set of attempts (owners and admins).
    pub fn retry_job(&self, actor: &Actor, id: JobId) -> Result<()> {
        self.app.store.write(|tx| {
            let job = tx.job(id)?.ok_or(AppError::NotFound)?;
            let org = job.org.ok_or(AppError::Forbidden)?;
            // Another organisation's job (a token's too) does not exist here.
            standing(tx, actor.into(), org)?.ok_or(AppError::NotFound)?;
            require_manager_of(tx, actor, org, Scope::Admin)?;
            let retried = tx
                .retry_dead_job(id, now_ms())?
                .ok_or(Rejection::JobNotFailed)?;
            if let Job::DeliverMail { message } = retried.job
                && let Some(mut stored) = tx.message(message)?
            {
                stored.state = MessageState::Queued;
                tx.put_message(&stored)?;
            }
            record(tx, Some(actor), Some(org), "job.retry", retried.job.label())
        })
    }
}

//! An address's out-of-office reply: kept in the store with the address,
//! sent by the mail server. Saving it queues the job that installs it into
//! the mailbox (`Job::InstallSieve`, doveadm's Sieve commands), and one
//! more at its end, which takes it out again.

use super::access::Grant;
use super::audit::record_address;
use super::capabilities::Addresses;
use super::{Actor, AddressRef, AppError, Rejection, Result};
use crate::mailserver::sieve_script::{self, ReplyScript};
use crate::model::{
    AddressId, AutoReply, AutoReplyError, Job, Permission, ReplyTime, TimeZoneName, now_ms,
};
use crate::store::prelude::*;

/// The name of Mailroom's script in each mailbox's Sieve storage.
pub const MAILROOM_SIEVE: &str = sieve_script::SCRIPT_NAME;

/// Mailroom's script when it has nothing to do: what replaces one the
/// mail server will not delete (the user made it their active script).
pub fn idle_sieve_script() -> String {
    sieve_script::script(None)
}

/// What a person asks for, times as they typed them.
#[derive(Debug, Clone)]
pub struct AutoReplyChange {
    pub enabled: bool,
    pub subject: String,
    pub message: String,
    pub start: Option<ReplyTime>,
    pub end: Option<ReplyTime>,
    pub days: u16,
    pub only_own_domains: bool,
}

/// The reply as its tab shows it.
#[derive(Debug, Clone)]
pub struct AutoReplyView {
    pub reply: Option<AutoReply>,
    /// The organisation's, in which its times are shown and typed.
    pub time_zone: TimeZoneName,
    /// Whether Mailroom reaches the mail server's doveadm API: without it
    /// a reply cannot be installed.
    pub connected: bool,
}

impl Addresses<'_> {
    pub fn auto_reply(&self, actor: &Actor, target: &AddressRef) -> Result<AutoReplyView> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, actor, target)?;
        grant.require_to_read(Permission::AutoReply)?;
        Ok(AutoReplyView {
            reply: grant.address.auto_reply.clone(),
            time_zone: grant.service.organisation.zone(),
            connected: self.app.settings.doveadm.is_some(),
        })
    }

    /// Saves the reply, on or off, and queues its installation.
    pub fn set_auto_reply(
        &self,
        actor: &Actor,
        target: &AddressRef,
        change: &AutoReplyChange,
    ) -> Result<AutoReply> {
        let now = super::now();
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::AutoReply)?;
            let mut address = grant.address.clone();
            if !address.has_mailbox() {
                return Err(Rejection::NoMailboxToReplyFrom.into());
            }
            let reply = reply_of(change, &grant)?;
            if reply.enabled {
                if self.app.settings.doveadm.is_none() {
                    return Err(Rejection::AutoReplyWithoutMailServer.into());
                }
                if reply.end.is_some_and(|end| end <= now) {
                    return Err(AutoReplyError::EndPassed.into());
                }
            }
            address.auto_reply = Some(reply.clone());
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            self.app
                .install_sieve(tx, org, address.id, reply.end.filter(|_| reply.enabled))?;
            record_address(
                tx,
                actor,
                org,
                address.id,
                "auto_reply.set",
                describe(&reply),
            )?;
            Ok(reply)
        })
    }

    /// The reply as it would be saved, checked as saving checks it, and
    /// not saved: what a preview shows.
    pub fn preview_auto_reply(
        &self,
        actor: &Actor,
        target: &AddressRef,
        change: &AutoReplyChange,
    ) -> Result<AutoReply> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, actor, target)?;
        grant.require_to_read(Permission::AutoReply)?;
        reply_of(change, &grant)
    }

    /// Turns the reply off, keeping its text for next time; nothing to turn
    /// off is no error.
    pub fn turn_off_auto_reply(&self, actor: &Actor, target: &AddressRef) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::AutoReply)?;
            let mut address = grant.address.clone();
            let Some(reply) = address.auto_reply.as_mut().filter(|r| r.enabled) else {
                return Ok(());
            };
            reply.enabled = false;
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            self.app.install_sieve(tx, org, address.id, None)?;
            record_address(
                tx,
                actor,
                org,
                address.id,
                "auto_reply.set",
                "off".to_owned(),
            )
        })
    }

    /// The script the mailbox of an address should hold now, and the user
    /// the mail server knows it by; `None` when it has no mailbox any more
    /// (deleted, or never had one), where nothing is to be installed.
    pub(crate) fn sieve_script(
        &self,
        address: AddressId,
    ) -> Result<Option<(String, Option<String>)>> {
        let reader = self.app.store.read()?;
        let Some(found) = reader.address(address)? else {
            return Ok(None);
        };
        if !found.is_active() || !found.has_mailbox() {
            return Ok(None);
        }
        let service = reader.service(found.service)?.ok_or(AppError::NotFound)?;
        let email = |local: &crate::model::LocalPart| {
            crate::model::EmailAddress::new(local.clone(), service.domain.clone()).to_ascii()
        };
        let login = email(&found.local_part);
        let now = super::now();
        let Some(reply) = found.auto_reply.as_ref().filter(|r| r.still_to_send(now)) else {
            return Ok(Some((login, None)));
        };
        let also_to = found.aliases.iter().map(email).collect();
        let own_domains = if reply.only_own_domains {
            reader
                .services_of(service.org)?
                .into_iter()
                .filter(|s| s.verification.is_none() && !s.closed)
                .map(|s| s.domain.as_ascii().to_owned())
                .collect()
        } else {
            Vec::new()
        };
        let script = sieve_script::script(Some(&ReplyScript {
            reply,
            also_to,
            own_domains,
        }));
        Ok(Some((login, Some(script))))
    }
}

impl super::App {
    /// Queues the installation of an address's script now, and once more
    /// at `end` (a reply's end), when it comes out again. Queued whatever
    /// this process knows of doveadm: the server's worker installs it (a
    /// command turning a reply off may run without the server's settings).
    pub(super) fn install_sieve(
        &self,
        tx: &mut crate::store::Writer,
        org: crate::model::OrgId,
        address: AddressId,
        end: Option<i64>,
    ) -> Result<()> {
        let job = Job::InstallSieve { address };
        let attempts = self.settings.jobs.max_attempts;
        tx.enqueue_job(job.clone(), Some(org), attempts, now_ms())?;
        if let Some(end) = end {
            let due = u64::try_from(end).unwrap_or(0).saturating_mul(1000) + 1000;
            tx.enqueue_job(job, Some(org), attempts, due)?;
        }
        Ok(())
    }

    /// A domain of the organisation's own was added or verified: the
    /// replies that answer only its domains name them, and are installed
    /// again (queued as any install, whatever this process knows of
    /// doveadm). Read in the write: a domain is added rarely.
    pub(super) fn refresh_replies(
        &self,
        tx: &mut crate::store::Writer,
        org: crate::model::OrgId,
    ) -> Result<()> {
        for address in replies_to_own_domains(tx, org)? {
            self.install_sieve(tx, org, address, None)?;
        }
        Ok(())
    }
}

/// The organisation's addresses whose reply is on and answers its own
/// domains only.
fn replies_to_own_domains(
    q: &impl crate::store::Query,
    org: crate::model::OrgId,
) -> Result<Vec<AddressId>> {
    let mut found = Vec::new();
    for service in q.services_of(org)? {
        let mut cursor = crate::model::Cursor::First;
        loop {
            let page = q.address_page(service.id, "", &cursor, 500)?;
            found.extend(
                page.items
                    .iter()
                    .filter(|a| {
                        a.auto_reply
                            .as_ref()
                            .is_some_and(|r| r.enabled && r.only_own_domains)
                    })
                    .map(|a| a.id),
            );
            match page.items.last() {
                Some(last) if page.has_next => {
                    cursor = crate::model::Cursor::After(last.local_part.to_string())
                }
                _ => break,
            }
        }
    }
    Ok(found)
}

/// The reply asked for, its times read in the organisation's zone.
fn reply_of(change: &AutoReplyChange, grant: &Grant) -> Result<AutoReply> {
    let zone = grant.service.organisation.zone();
    let at = |time: &Option<ReplyTime>, end: bool| {
        time.as_ref()
            .map(|t| t.seconds_in(&zone))
            .transpose()
            .map_err(|error| AppError::Time { end, error })
    };
    Ok(AutoReply::new(
        change.enabled,
        &change.subject,
        &change.message,
        (at(&change.start, false)?, at(&change.end, true)?),
        change.days,
        change.only_own_domains,
    )?)
}

/// The history's words (English, as every object there).
fn describe(reply: &AutoReply) -> String {
    if !reply.enabled {
        return "off".to_owned();
    }
    let mut text = format!("on, once every {} days to a sender", reply.days);
    if let Some(start) = reply.start {
        text += &format!(", from {}", crate::model::utc_text(start));
    }
    if let Some(end) = reply.end {
        text += &format!(", until {}", crate::model::utc_text(end));
    }
    if reply.only_own_domains {
        text += ", to the organisation's domains only";
    }
    text
}

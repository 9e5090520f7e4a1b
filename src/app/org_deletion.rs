//! Deleting an organisation (an operator, with their login password and a
//! ticked box), restoring it within the retention period, and purging it
//! afterwards. Deleting ends its people's memberships (kept in the record
//! to be given back), closes its services (the mail server knows its
//! domains no more, and no other organisation may take them meanwhile)
//! and ends its open mail sessions; purging removes its addresses as
//! deleted addresses are removed (their mailboxes emptied by doveadm), then
//! its services and tokens, then the organisation. Its history stays.

use super::audit::record;
use super::capabilities::{Operations, Operators};
use super::operators::{OperatorActor, live};
use super::{App, AppError, Rejection, Result, now};
use crate::model::{OrgDeletion, OrgId, Organisation, UserId};
use crate::store::Writer;
use crate::store::prelude::*;

impl Operators<'_> {
    /// Deletes an organisation; an operator signed in re-enters their
    /// login password (the command line, which runs the installation, and
    /// an operator's token do not).
    pub fn delete_organisation(
        &self,
        by: OperatorActor<'_>,
        org: OrgId,
        login_password: &str,
        confirmed: bool,
    ) -> Result<()> {
        {
            let reader = self.app.store.read()?;
            by.require(&reader)?;
            live(&reader, org)?;
        }
        if !confirmed {
            return Err(Rejection::OrganisationDeletionNotConfirmed.into());
        }
        // An operator's token is itself the credential a script holds.
        if let OperatorActor::Person(actor) = by
            && actor.token.is_none()
        {
            self.app.confirm_login_password(actor, login_password)?;
        }
        self.app.store.write(|tx| {
            let by_user = by.require(tx)?;
            let mut organisation = live(tx, org)?;
            let members = tx.members_of(org)?;
            for member in &members {
                tx.remove_membership(org, member.user)?;
            }
            set_closed(tx, org, true)?;
            self.end_mail_sessions(tx, org)?;
            // Its link leads nowhere now, nor after a restore.
            organisation.owner_invitation = None;
            organisation.deleted = Some(OrgDeletion {
                at: now(),
                by: by_user.unwrap_or(UserId(0)),
                members,
            });
            tx.put_organisation(&organisation)?;
            let object = organisation.name.clone();
            record(tx, by.actor(), Some(org), "organisation.delete", object)
        })
    }

    /// Gives a deleted organisation back, within its retention: its
    /// memberships (of people who still have an account), its domains.
    pub fn restore_organisation(&self, by: OperatorActor<'_>, org: OrgId) -> Result<()> {
        self.app.store.write(|tx| {
            by.require(tx)?;
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            let Some(deletion) = organisation.deleted.take() else {
                return Ok(());
            };
            if now() >= self.app.addresses().restorable_until(deletion.at) {
                return Err(AppError::NotFound);
            }
            for member in &deletion.members {
                if tx.user(member.user)?.is_some() {
                    tx.put_membership(member)?;
                }
            }
            set_closed(tx, org, false)?;
            tx.put_organisation(&organisation)?;
            let object = organisation.name.clone();
            record(tx, by.actor(), Some(org), "organisation.restore", object)
        })
    }

    /// Until when a deleted organisation can be restored.
    pub fn restorable_until(&self, organisation: &Organisation) -> Option<i64> {
        let deletion = organisation.deleted.as_ref()?;
        Some(self.app.addresses().restorable_until(deletion.at))
    }
}

impl Operations<'_> {
    /// Purges the organisations whose retention ran out; returns how many.
    pub fn purge_expired_organisations(&self) -> Result<usize> {
        let due: Vec<OrgId> = self
            .app
            .store
            .read()?
            .organisations()?
            .into_iter()
            .filter(|o| {
                o.deleted
                    .as_ref()
                    .is_some_and(|d| now() >= self.app.addresses().restorable_until(d.at))
            })
            .map(|o| o.id)
            .collect();
        // One transaction each: an organisation is purged whole or not.
        for org in &due {
            self.app
                .store
                .write(|tx| self.app.purge_organisation_in(tx, *org))?;
        }
        Ok(due.len())
    }
}

impl App {
    fn purge_organisation_in(&self, tx: &mut Writer, org: OrgId) -> Result<()> {
        let Some(organisation) = tx.organisation(org)? else {
            return Ok(());
        };
        // Read again in this transaction: restored (and even deleted anew)
        // since the sweep listed it, it is not due.
        let due = organisation
            .deleted
            .as_ref()
            .is_some_and(|d| now() >= self.addresses().restorable_until(d.at));
        if !due {
            return Ok(());
        }
        for service in tx.services_of(org)? {
            for id in tx.address_ids_of_service(service.id)? {
                if let Some(address) = tx.address(id)? {
                    self.purge_in(tx, &address)?;
                }
            }
            tx.remove_service(&service)?;
        }
        tx.remove_organisation(org)?;
        record(tx, None, Some(org), "organisation.purge", organisation.name)
    }
}

/// Closes (or opens again) every service of the organisation.
fn set_closed(tx: &mut Writer, org: OrgId, closed: bool) -> Result<()> {
    for mut service in tx.services_of(org)? {
        service.closed = closed;
        tx.put_service(&service)?;
    }
    Ok(())
}

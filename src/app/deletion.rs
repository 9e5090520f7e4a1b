//! Deleting an address, restoring it within the retention period, and
//! removing it for good afterwards.

use super::access::Who;
use super::access::{Grant, ServiceView};
use super::audit::record_address;
use super::capabilities::{Addresses, Operations};
use super::{Actor, AddressRef, App, AppError, Conflict, Rejection, Result, now};
use crate::mailserver::mail_login::session_name;
use crate::model::now_ms;
use crate::model::{Address, AddressId, AddressKind, AddressState, Domain, Job, OrgId};
use crate::store::Writer;
use crate::store::prelude::*;

impl App {
    /// Whether a deleted address's retention has run out (so its names are
    /// free again). Active addresses never are.
    pub(super) fn retention_over(&self, address: &Address) -> bool {
        match address.state {
            AddressState::Active => false,
            AddressState::Deleted { at, .. } => now() >= self.addresses().restorable_until(at),
        }
    }

    /// Removes a deleted address's record for good, and queues the emptying
    /// of its mailbox (named by id: a new address of the name is safe).
    pub(super) fn purge_in(&self, tx: &mut Writer, address: &Address) -> Result<()> {
        tx.purge_address(address)?;
        let Some(service) = tx.service(address.service)? else {
            return Ok(());
        };
        let tag = if address.home_by_id {
            format!("a{}", address.id)
        } else {
            "l".to_owned()
        };
        let user = session_name(&address.local_part, &tag, &service.domain);
        if self.settings.doveadm.is_some() {
            let job = Job::PurgeMailbox {
                user,
                address: address.id,
                org: service.org,
            };
            tx.enqueue_job(
                job,
                Some(service.org),
                self.settings.jobs.max_attempts,
                now_ms(),
            )?;
        } else {
            let actor = None;
            let object = format!("{user}: left on the mail server (no doveadm configured)");
            super::audit::record(tx, actor, Some(service.org), "mailbox.left", object)?;
        }
        Ok(())
    }
}

impl Addresses<'_> {
    pub fn restorable_until(&self, deleted_at: i64) -> i64 {
        let retention =
            i64::try_from(self.app.settings.deleted_retention.as_secs()).unwrap_or(i64::MAX);
        deleted_at.saturating_add(retention)
    }

    /// Deletes an address after the acting user re-entered their login
    /// password and ticked the confirmation. Owners and admins only; an API
    /// token (scope `addresses`) is its own proof and sends no password.
    pub fn delete_address(
        &self,
        actor: &Actor,
        target: &AddressRef,
        login_password: &str,
        confirmed: bool,
    ) -> Result<()> {
        // Rights first (a member learns nothing from a password check), then
        // the password, outside the write transaction: argon2 is slow.
        Grant::resolve(&self.app.store.read()?, actor, target)?
            .service
            .require_manager()?;
        if !confirmed {
            return Err(Rejection::DeletionNotConfirmed.into());
        }
        if actor.token.is_none() {
            self.app.confirm_login_password(actor, login_password)?;
        }
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.service.require_manager()?;
            let mut address = grant.address.clone();
            address.state = AddressState::Deleted {
                at: now(),
                by: actor.user,
            };
            tx.mark_deleted(&address)?;
            let org = grant.service.organisation.id;
            let mut logins = vec![grant.email().to_ascii()];
            for device in tx.credentials_of_address(address.id)? {
                logins.push(super::devices::device_login(
                    &address,
                    &target.domain,
                    device.id,
                ));
            }
            self.app.end_sessions(tx, org, logins)?;
            let object = grant.email().to_string();
            record_address(tx, actor, org, address.id, "address.delete", object)
        })
    }

    /// Deleted addresses of a service that can still be restored.
    pub fn deleted_addresses(&self, who: impl Into<Who>, domain: &Domain) -> Result<Vec<Address>> {
        let reader = self.app.store.read()?;
        let view = ServiceView::resolve(&reader, who, domain)?;
        view.require_manager_to_read()?;
        let mut found = reader.deleted_addresses(Some(view.service.id))?;
        found.retain(|a| !self.app.retention_over(a));
        found.sort_by(|a, b| a.local_part.cmp(&b.local_part));
        Ok(found)
    }

    pub fn restore_address(
        &self,
        actor: &Actor,
        domain: &Domain,
        address: AddressId,
    ) -> Result<Address> {
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_manager()?;
            let mut restored = tx
                .address(address)?
                .filter(|a| a.service == view.service.id && !a.is_active())
                .ok_or(AppError::NotFound)?;
            if self.app.retention_over(&restored) {
                return Err(AppError::NotFound);
            }
            if restored.kind == AddressKind::CatchAll
                && tx
                    .service(view.service.id)?
                    .and_then(|s| s.catch_all)
                    .is_some()
            {
                return Err(Conflict::CatchAllRestored.into());
            }
            super::limits::require_room(
                tx,
                &view.organisation,
                crate::model::LimitKind::Addresses,
                1,
            )?;
            if restored.has_mailbox() {
                let default = tx.service(view.service.id)?.and_then(|s| s.default_quota);
                let quota = restored.quota.or(default).map(|q| q.mb());
                super::limits::require_storage(tx, view.organisation.id, quota)?;
            }
            restored.state = AddressState::Active;
            tx.mark_restored(&restored)?;
            let object = format!("{}@{}", restored.local_part, view.service.domain.as_ascii());
            let org = view.organisation.id;
            record_address(tx, actor, org, restored.id, "address.restore", object)?;
            Ok(restored)
        })
    }

    /// Records that a removed address's mailbox was emptied.
    pub fn mailbox_purged(&self, org: OrgId, address: AddressId, user: &str) -> Result<()> {
        self.app.store.write(|tx| {
            super::audit::record_system(tx, org, address, "mailbox.purge", user.to_owned())
        })
    }
}

impl Operations<'_> {
    /// Removes addresses whose retention ran out; returns how many.
    pub fn purge_expired_addresses(&self) -> Result<usize> {
        self.app.store.write(|tx| {
            let mut purged = 0;
            for address in tx.deleted_addresses(None)? {
                if self.app.retention_over(&address) {
                    self.app.purge_in(tx, &address)?;
                    purged += 1;
                }
            }
            Ok(purged)
        })
    }
}

//! Deleting an address, restoring it within the retention period, and
//! removing it for good afterwards.

use super::{Actor, AddressView, App, AppError, Result, ServiceView, audit_address, now};
use crate::store::{Address, AddressState};

impl App {
    /// Whether a deleted address's retention has run out (so its names are
    /// free again). Active addresses never are.
    pub(super) fn retention_over(&self, address: &Address) -> bool {
        match address.state {
            AddressState::Active => false,
            AddressState::Deleted { at, .. } => now() >= self.restorable_until(at),
        }
    }

    pub fn restorable_until(&self, deleted_at: i64) -> i64 {
        let retention =
            i64::try_from(self.settings.deleted_retention.as_secs()).unwrap_or(i64::MAX);
        deleted_at.saturating_add(retention)
    }

    /// Deletes an address after the acting user re-entered their login
    /// password and ticked the confirmation. Owners and admins only.
    pub fn delete_address(
        &self,
        actor: &Actor,
        view: &AddressView,
        login_password: &str,
        confirmed: bool,
    ) -> Result<()> {
        if !view.service.role.manages() {
            return Err(AppError::Forbidden);
        }
        if !confirmed {
            return Err(AppError::Invalid(
                "tick the box to confirm that the address and its mail will be deleted".into(),
            ));
        }
        let user = self
            .store
            .read()?
            .user(actor.user)?
            .ok_or(AppError::Forbidden)?;
        if !user.password_hash.verify(login_password) {
            return Err(AppError::WrongPassword);
        }
        self.store.write(|tx| {
            let mut address = tx
                .address(view.address.id)?
                .filter(Address::is_active)
                .ok_or(AppError::NotFound)?;
            address.state = AddressState::Deleted {
                at: now(),
                by: actor.user,
            };
            tx.mark_deleted(&address)?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                address.id,
                "address.delete",
                view.full_address(),
            )
        })
    }

    /// Deleted addresses of a service that can still be restored.
    pub fn deleted_addresses(&self, view: &ServiceView) -> Result<Vec<Address>> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        let mut found = self.store.read()?.deleted_addresses(view.service.id)?;
        found.retain(|a| !self.retention_over(a));
        found.sort_by(|a, b| a.local_part.cmp(&b.local_part));
        Ok(found)
    }

    pub fn restore_address(
        &self,
        actor: &Actor,
        view: &ServiceView,
        address: u64,
    ) -> Result<Address> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut restored = tx
                .address(address)?
                .filter(|a| a.service == view.service.id && !a.is_active())
                .ok_or(AppError::NotFound)?;
            if self.retention_over(&restored) {
                return Err(AppError::NotFound);
            }
            if restored.kind == crate::store::AddressKind::CatchAll
                && tx
                    .service(view.service.id)?
                    .and_then(|s| s.catch_all)
                    .is_some()
            {
                return Err(AppError::Taken(
                    "this service has another catch-all address now; delete it first".into(),
                ));
            }
            restored.state = AddressState::Active;
            tx.mark_restored(&restored)?;
            let object = format!("{}@{}", restored.local_part, view.service.domain.as_ascii());
            audit_address(
                tx,
                actor,
                view.organisation.id,
                restored.id,
                "address.restore",
                object,
            )?;
            Ok(restored)
        })
    }

    /// Removes addresses whose retention ran out; returns how many.
    pub fn purge_expired_addresses(&self) -> Result<usize> {
        self.store.write(|tx| {
            let mut purged = 0;
            for address in tx.all_deleted()? {
                if self.retention_over(&address) {
                    tx.purge_address(&address)?;
                    purged += 1;
                }
            }
            Ok(purged)
        })
    }
}

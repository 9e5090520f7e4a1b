//! What users with the matching permission change on an address: its
//! password, aliases and forwarding.

use super::addresses::taken;
use super::{Actor, AddressView, App, AppError, Result, audit_address};
use crate::model::{EmailAddress, LocalPart, Password, Permission};
use crate::store::{Address, AddressKind, Forwarding, Writer};

impl App {
    /// Loads the address again inside the write transaction: the view may be
    /// stale, the transaction is not.
    fn current(tx: &Writer, view: &AddressView) -> Result<Address> {
        tx.address(view.address.id)?
            .filter(Address::is_active)
            .ok_or(AppError::NotFound)
    }

    pub fn change_address_password(
        &self,
        actor: &Actor,
        view: &AddressView,
        password: &Password,
    ) -> Result<()> {
        if !view.may(Permission::Password) {
            return Err(AppError::Forbidden);
        }
        let hash = password.hash()?;
        self.store.write(|tx| {
            let mut address = Self::current(tx, view)?;
            address.password_hash = Some(hash);
            tx.put_address(&address)?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                address.id,
                "address.password",
                view.full_address(),
            )
        })
    }

    pub fn add_alias(&self, actor: &Actor, view: &AddressView, alias: &LocalPart) -> Result<()> {
        if !view.may(Permission::Aliases) {
            return Err(AppError::Forbidden);
        }
        if view.address.kind == AddressKind::CatchAll {
            return Err(AppError::Invalid(
                "a catch-all already receives every other name".into(),
            ));
        }
        let service = view.address.service;
        self.store.write(|tx| {
            let mut address = Self::current(tx, view)?;
            if let Some(existing) = tx.address_by_name(service, alias)? {
                if !self.retention_over(&existing) {
                    return Err(taken(&existing, alias, &view.service));
                }
                tx.purge_address(&existing)?;
            }
            tx.add_name(service, alias, address.id)?;
            address.aliases.push(alias.clone());
            address.aliases.sort();
            tx.put_address(&address)?;
            let org = view.service.organisation.id;
            let object = format!("{alias} \u{2192} {}", view.full_address());
            audit_address(tx, actor, org, address.id, "alias.add", object)
        })
    }

    pub fn remove_alias(&self, actor: &Actor, view: &AddressView, alias: &LocalPart) -> Result<()> {
        if !view.may(Permission::Aliases) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut address = Self::current(tx, view)?;
            let before = address.aliases.len();
            address.aliases.retain(|a| a != alias);
            if address.aliases.len() == before {
                return Err(AppError::NotFound);
            }
            tx.remove_name(address.service, alias)?;
            tx.put_address(&address)?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                address.id,
                "alias.remove",
                alias.to_string(),
            )
        })
    }

    /// Sets or clears (`None`) where the address's mail is forwarded.
    pub fn set_forwarding(
        &self,
        actor: &Actor,
        view: &AddressView,
        forwarding: Option<Forwarding>,
    ) -> Result<()> {
        if !view.may(Permission::Forwarding) {
            return Err(AppError::Forbidden);
        }
        if view.address.kind == AddressKind::NoReply {
            return Err(AppError::Invalid(
                "a no-reply address receives no mail to forward".into(),
            ));
        }
        if let Some(target) = forwarding.as_ref().map(|f| &f.to) {
            let domain = &view.service.service.domain;
            let own =
                |local: &LocalPart| EmailAddress::new(local.clone(), domain.clone()) == *target;
            if own(&view.address.local_part) || view.address.aliases.iter().any(own) {
                return Err(AppError::Invalid(
                    "an address cannot forward to itself or to one of its aliases".into(),
                ));
            }
        }
        self.store.write(|tx| {
            let mut address = Self::current(tx, view)?;
            address.forwarding = forwarding.clone();
            tx.put_address(&address)?;
            let org = view.service.organisation.id;
            let object = match &forwarding {
                Some(f) if f.keep_copy => format!("to {} (keeping a copy)", f.to.to_ascii()),
                Some(f) => format!("to {}", f.to.to_ascii()),
                None => "off".to_owned(),
            };
            audit_address(tx, actor, org, address.id, "forwarding.set", object)
        })
    }
}

//! What users with the matching permission change on an address: its
//! password, aliases and forwarding. Each resolves the address and the
//! actor's access in its own write transaction.

use super::access::Grant;
use super::addresses::taken;
use super::audit::record_address;
use super::capabilities::Addresses;
use super::{Actor, AddressRef, AppError, Rejection, Result};
use crate::model::{AddressKind, EmailAddress, Forwarding, LocalPart, Password, Permission};
use crate::store::prelude::*;

impl Addresses<'_> {
    pub fn change_address_password(
        &self,
        actor: &Actor,
        target: &AddressRef,
        password: &Password,
    ) -> Result<()> {
        // Hash before the write transaction: writers take turns.
        let hash = password.hash()?;
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Password)?;
            let mut address = grant.address.clone();
            address.password_hash = Some(hash.clone());
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            // Sessions opened with the old password end; device sessions stay.
            self.app
                .end_sessions(tx, org, vec![grant.email().to_ascii()])?;
            let object = grant.email().to_string();
            record_address(tx, actor, org, address.id, "address.password", object)
        })
    }

    pub fn add_alias(&self, actor: &Actor, target: &AddressRef, alias: &LocalPart) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Aliases)?;
            let mut address = grant.address.clone();
            if address.kind == AddressKind::CatchAll {
                return Err(Rejection::CatchAllAlias.into());
            }
            if alias.is_reserved() && !grant.service.manages() {
                return Err(Rejection::ReservedName(alias.to_string()).into());
            }
            let service = address.service;
            if let Some(existing) = tx.address_by_name(service, alias)? {
                if !self.app.retention_over(&existing) {
                    return Err(taken(&existing, alias, &target.domain).into());
                }
                self.app.purge_in(tx, &existing)?;
            }
            tx.add_name(service, alias, address.id)?;
            address.aliases.push(alias.clone());
            address.aliases.sort();
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            // A reply that is on answers mail to its aliases: installed anew.
            if address.auto_reply.as_ref().is_some_and(|r| r.enabled) {
                self.app.install_sieve(tx, org, address.id, None)?;
            }
            let object = format!("{alias} \u{2192} {}", grant.email());
            record_address(tx, actor, org, address.id, "alias.add", object)
        })
    }

    pub fn remove_alias(
        &self,
        actor: &Actor,
        target: &AddressRef,
        alias: &LocalPart,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Aliases)?;
            let mut address = grant.address.clone();
            let before = address.aliases.len();
            address.aliases.retain(|a| a != alias);
            if address.aliases.len() == before {
                return Err(AppError::NotFound);
            }
            tx.remove_name(address.service, alias)?;
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            if address.auto_reply.as_ref().is_some_and(|r| r.enabled) {
                self.app.install_sieve(tx, org, address.id, None)?;
            }
            record_address(
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
        target: &AddressRef,
        forwarding: Option<Forwarding>,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Forwarding)?;
            let mut address = grant.address.clone();
            if address.kind == AddressKind::NoReply {
                return Err(Rejection::NoReplyForward.into());
            }
            if let Some(to) = forwarding.as_ref().map(|f| &f.to) {
                let domain = &target.domain;
                let own =
                    |local: &LocalPart| EmailAddress::new(local.clone(), domain.clone()) == *to;
                if own(&address.local_part) || address.aliases.iter().any(own) {
                    return Err(Rejection::ForwardToSelf.into());
                }
            }
            address.forwarding = forwarding.clone();
            tx.put_address(&address)?;
            let org = grant.service.organisation.id;
            let object = match &forwarding {
                Some(f) if f.keep_copy => format!("to {} (keeping a copy)", f.to.to_ascii()),
                Some(f) => format!("to {}", f.to.to_ascii()),
                None => "off".to_owned(),
            };
            record_address(tx, actor, org, address.id, "forwarding.set", object)
        })
    }
}

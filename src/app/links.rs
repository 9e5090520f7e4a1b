//! Sharing links: made by users with `users`, shown once, revocable.

use super::access::Grant;
use super::accounts::{random_token, token_hash};
use super::audit::record_address;
use super::capabilities::Sharing;
use super::{Actor, AddressRef, AppError, Rejection, Result, now};
use crate::model::{LinkId, Permission, Permissions, SharingLink};
use crate::store::prelude::*;

/// Sharing links last this long unless told otherwise.
pub const LINK_DAYS: i64 = 30;

impl Sharing<'_> {
    /// Makes a sharing link; the token is returned once, and only its hash kept.
    pub fn create_link(
        &self,
        actor: &Actor,
        target: &AddressRef,
        permissions: Permissions,
        days: i64,
    ) -> Result<(SharingLink, String)> {
        if !(1..=365).contains(&days) {
            return Err(Rejection::LinkDays.into());
        }
        let token = random_token();
        let link = self.app.store.write(|tx| -> Result<SharingLink> {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            grant.may_grant(permissions)?;
            let created = now();
            let address = grant.address.id;
            let link = tx.insert_link(|id| SharingLink {
                id,
                address,
                creator: actor.user,
                permissions,
                token_hash: token_hash(&token),
                created,
                expires: created + days * 24 * 60 * 60,
                revoked: false,
                uses: 0,
            })?;
            let org = grant.service.organisation.id;
            let object = format!("link {}", link.id);
            record_address(tx, actor, org, address, "link.create", object)?;
            Ok(link)
        })?;
        Ok((link, token))
    }

    pub fn revoke_link(&self, actor: &Actor, target: &AddressRef, id: LinkId) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            let address = grant.address.id;
            let mut link = tx
                .link(id)?
                .filter(|l| l.address == address)
                .ok_or(AppError::NotFound)?;
            link.revoked = true;
            tx.put_link(&link)?;
            let org = grant.service.organisation.id;
            record_address(tx, actor, org, address, "link.revoke", format!("link {id}"))
        })
    }

    /// An address's sharing links, for those who may manage its users.
    pub fn links_of(&self, actor: &Actor, target: &AddressRef) -> Result<Vec<SharingLink>> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, actor, target)?;
        grant.require_to_read(Permission::Users)?;
        Ok(reader.links_of(grant.address.id)?)
    }
}

//! Invitations by email: sending one (with its token and message in the
//! sharing transaction), resending with a new token, revoking, and those
//! waiting for a user.

use super::accept::{Offer, invitation_problem};
use super::access::Grant;
use super::accounts::{random_token, token_hash};
use super::address_users::ShareTarget;
use super::audit::record_address;
use super::capabilities::Sharing;
use super::{Actor, AddressRef, App, AppError, Conflict, Result, now};
use crate::mail::templates;
use crate::model::{
    Address, EmailAddress, Invitation, InvitationId, InvitationState, Lang, Permission,
    Permissions, SignupRule, UserId,
};
use crate::store::Writer;
use crate::store::prelude::*;
use crate::urls;

/// An invitation stays valid this long.
pub const INVITATION_DAYS: i64 = 30;

impl App {
    /// Records an invitation with a fresh token, and the email with its link.
    pub(super) fn invite_in(
        &self,
        tx: &mut Writer,
        actor: &Actor,
        target: &ShareTarget,
        email: &EmailAddress,
        (permissions, signup, lang): (Permissions, SignupRule, Lang),
        inviter: &str,
    ) -> Result<InvitationId> {
        let created = now();
        let pending = tx.invitations_of(target.address)?.into_iter().any(|i| {
            i.email == *email && i.state == InvitationState::Pending && i.expires > created
        });
        if pending {
            return Err(Conflict::AlreadyInvited.into());
        }
        let mut invitation = tx.insert_invitation(|id| Invitation {
            id,
            address: target.address,
            inviter: actor.user,
            email: email.clone(),
            permissions,
            signup,
            created,
            expires: created + INVITATION_DAYS * 24 * 60 * 60,
            state: InvitationState::Pending,
            token_hash: None,
            message: None,
            lang,
        })?;
        self.send_invitation(tx, target, &mut invitation, inviter)?;
        let object = email.to_ascii();
        record_address(
            tx,
            actor,
            target.org,
            target.address,
            "invitation.create",
            object,
        )?;
        Ok(invitation.id)
    }

    /// Gives an invitation a new token and queues the email carrying it;
    /// an earlier link stops working.
    fn send_invitation(
        &self,
        tx: &mut Writer,
        target: &ShareTarget,
        invitation: &mut Invitation,
        inviter: &str,
    ) -> Result<()> {
        let token = random_token();
        tx.set_invitation_token(invitation, token_hash(&token))?;
        let link = self.absolute(&urls::invitation(&token));
        let expires = crate::i18n::date(invitation.lang, invitation.expires);
        let rendered = templates::invitation(
            invitation.lang,
            inviter,
            &target.email.to_string(),
            &target.organisation,
            &link,
            &expires,
        );
        let message = self.queue_message(tx, target.org, &invitation.email, rendered)?;
        invitation.message = Some(message.id);
        tx.put_invitation(invitation)?;
        Ok(())
    }
}

impl Sharing<'_> {
    /// Sends a pending invitation again, with a new link (the old one dies).
    pub fn resend_invitation(
        &self,
        actor: &Actor,
        target: &AddressRef,
        id: InvitationId,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            let mut invitation = pending_of(tx, &grant, id)?;
            let inviter = tx
                .user(actor.user)?
                .map(|u| u.login.to_string())
                .unwrap_or_default();
            invitation.expires = now() + INVITATION_DAYS * 24 * 60 * 60;
            let share = ShareTarget::new(&grant);
            self.app
                .send_invitation(tx, &share, &mut invitation, &inviter)?;
            let object = invitation.email.to_ascii();
            record_address(
                tx,
                actor,
                share.org,
                share.address,
                "invitation.resend",
                object,
            )
        })
    }

    pub fn revoke_invitation(
        &self,
        actor: &Actor,
        target: &AddressRef,
        id: InvitationId,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            let mut invitation = pending_of(tx, &grant, id)?;
            invitation.state = InvitationState::Revoked;
            tx.put_invitation(&invitation)?;
            let org = grant.service.organisation.id;
            let object = invitation.email.to_ascii();
            record_address(
                tx,
                actor,
                org,
                grant.address.id,
                "invitation.revoke",
                object,
            )
        })
    }

    /// Pending invitations addressed to a user's login.
    pub fn invitations_for(&self, user: UserId) -> Result<Vec<(Invitation, Offer)>> {
        let reader = self.app.store.read()?;
        let login = reader.user(user)?.ok_or(AppError::NotFound)?.login;
        let mut found = Vec::new();
        for invitation in reader.invitations_to(&login)? {
            if invitation_problem(&invitation).is_some() {
                continue;
            }
            let Some(address) = reader
                .address(invitation.address)?
                .filter(Address::is_active)
            else {
                continue;
            };
            let Some(service) = reader.service(address.service)? else {
                continue;
            };
            let Some(organisation) = reader
                .organisation(service.org)?
                .filter(|o| o.deleted.is_none())
            else {
                continue;
            };
            let offer = Offer {
                organisation,
                service,
                address,
                permissions: invitation.permissions,
                invitee: Some((invitation.email.clone(), invitation.signup)),
            };
            found.push((invitation, offer));
        }
        Ok(found)
    }
}

/// A pending invitation onto the granted address; any other is not found.
fn pending_of(tx: &Writer, grant: &Grant, id: InvitationId) -> Result<Invitation> {
    tx.invitation(id)?
        .filter(|i| i.address == grant.address.id && i.state == InvitationState::Pending)
        .ok_or(AppError::NotFound)
}

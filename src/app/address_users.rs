//! Who uses an address, with which permissions: sharing it with a member
//! or an outside person, editing permissions, removing users.

use super::access::Grant;
use super::audit::record_address;
use super::capabilities::Sharing;
use super::{Actor, AddressRef, App, AppError, Conflict, PermissionChoice, Rejection, Result, now};
use crate::mail::templates;
use crate::model::{
    Access, AccessState, AddressId, EmailAddress, InvitationId, Lang, OrgId, Permission,
    Permissions, SignupRule, UserId,
};
use crate::store::Writer;
use crate::store::prelude::*;
use crate::urls;

pub use super::for_whom::ShareWith;

/// Whether a member gets access at once or an invitation to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareMode {
    AtOnce,
    Invite,
}

/// What sharing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    /// A member got access at once.
    Member(UserId),
    /// An invitation waits for the person to accept.
    Invited(InvitationId),
}

/// What is shared, as the messages about it name it.
pub(super) struct ShareTarget {
    pub org: OrgId,
    pub organisation: String,
    pub address: AddressId,
    pub email: EmailAddress,
    /// The organisation's language, for messages to people without one.
    pub lang: Lang,
}

impl ShareTarget {
    pub fn new(grant: &Grant) -> Self {
        Self {
            org: grant.service.organisation.id,
            organisation: grant.service.organisation.name.clone(),
            address: grant.address.id,
            email: grant.email(),
            lang: grant.service.organisation.lang,
        }
    }
}

impl App {
    /// Shares an address inside a caller's write transaction, so that
    /// creating an address for someone, their access or invitation, and the
    /// email telling them all commit together.
    pub(super) fn share_in(
        &self,
        tx: &mut Writer,
        actor: &Actor,
        target: &ShareTarget,
        with: ShareWith,
        permissions: Permissions,
        mode: ShareMode,
    ) -> Result<Shared> {
        let (org, address) = (target.org, target.address);
        // An email that belongs to a member is that member.
        let with = match with {
            ShareWith::Email {
                email,
                signup,
                lang,
            } => match tx.user_by_login(&email)? {
                Some(user) if tx.membership(org, user.id)?.is_some() => ShareWith::Member(user.id),
                _ => ShareWith::Email {
                    email,
                    signup,
                    lang,
                },
            },
            member => member,
        };
        let inviter = tx
            .user(actor.user)?
            .map(|u| u.login.to_string())
            .unwrap_or_else(|| tl!(target.lang, "mail-an-administrator"));
        let user = match with {
            ShareWith::Email {
                email,
                signup,
                lang,
            } => {
                let lang = lang.unwrap_or(target.lang);
                let id = self.invite_in(
                    tx,
                    actor,
                    target,
                    &email,
                    (permissions, signup, lang),
                    &inviter,
                )?;
                return Ok(Shared::Invited(id));
            }
            ShareWith::Member(user) => user,
        };
        let member = tx.membership(org, user)?.ok_or(Rejection::NotAMember)?;
        if tx.access(address, user)?.is_some() {
            return Err(Conflict::AlreadyUser.into());
        }
        let person = tx.user(user)?.ok_or(AppError::NotFound)?;
        if mode == ShareMode::Invite {
            let id = self.invite_in(
                tx,
                actor,
                target,
                &person.login,
                (
                    permissions,
                    SignupRule::OwnChoice,
                    person.lang.unwrap_or(target.lang),
                ),
                &inviter,
            )?;
            return Ok(Shared::Invited(id));
        }
        tx.put_access(&Access {
            address,
            user,
            permissions,
            state: AccessState::Active,
            since: now(),
        })?;
        let object = format!("{} ({})", person.login.to_ascii(), member.role.name());
        record_address(tx, actor, org, address, "access.grant", object)?;
        let link = self.absolute(&urls::address_of(&target.email));
        let rendered = templates::access_granted(
            person.lang.unwrap_or(target.lang),
            &inviter,
            &target.email.to_string(),
            &link,
        );
        self.queue_message(tx, org, &person.login, rendered)?;
        Ok(Shared::Member(user))
    }

    /// A link to a page of Mailroom, for messages.
    pub(super) fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.settings.public_url)
    }
}

impl Sharing<'_> {
    /// Shares an address: a member gets access at once (`AtOnce`, as when
    /// an address is created for them) or an invitation to accept (`Invite`);
    /// anyone else always gets an invitation by email.
    pub fn share_address(
        &self,
        actor: &Actor,
        target: &AddressRef,
        with: ShareWith,
        permissions: impl Into<PermissionChoice>,
        mode: ShareMode,
    ) -> Result<Shared> {
        let permissions = permissions.into();
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            let permissions = permissions.resolve(&grant.service.organisation);
            grant.may_grant(permissions)?;
            let share = ShareTarget::new(&grant);
            self.app
                .share_in(tx, actor, &share, with.clone(), permissions, mode)
        })
    }

    pub fn set_permissions(
        &self,
        actor: &Actor,
        target: &AddressRef,
        user: UserId,
        permissions: Permissions,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            if user == actor.user && !grant.service.manages() {
                return Err(Rejection::OwnPermissions.into());
            }
            grant.may_grant(permissions)?;
            let address = grant.address.id;
            let mut access = tx.access(address, user)?.ok_or(AppError::NotFound)?;
            access.permissions = permissions;
            tx.put_access(&access)?;
            let names: Vec<&str> = permissions.iter().map(Permission::name).collect();
            let list = if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(" ")
            };
            let org = grant.service.organisation.id;
            let object = format!("user {user}: {list}");
            record_address(tx, actor, org, address, "access.permissions", object)
        })
    }

    pub fn remove_user(&self, actor: &Actor, target: &AddressRef, user: UserId) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Users)?;
            let address = grant.address.id;
            tx.access(address, user)?.ok_or(AppError::NotFound)?;
            tx.remove_access(address, user)?;
            let org = grant.service.organisation.id;
            // Their device passwords for this address go, and their sessions end.
            let devices: Vec<_> = tx
                .credentials_of_address(address)?
                .into_iter()
                .filter(|c| c.user == user)
                .collect();
            self.app
                .remove_devices(tx, org, &grant.address, &target.domain, devices)?;
            record_address(
                tx,
                actor,
                org,
                address,
                "access.remove",
                format!("user {user}"),
            )
        })
    }
}

//! Who uses an address, with which permissions: sharing it with a member
//! or an outside person, editing permissions, removing users.

use super::accounts::{random_token, token_hash};
use super::{Actor, AddressView, App, AppError, Result, audit, audit_address, now};
use crate::mail::templates;
use crate::model::{EmailAddress, Permission, Permissions, Role};
use crate::store::{
    Access, AccessState, AddressId, Invitation, InvitationState, OrgId, SignupRule, User, UserId,
    Writer,
};

/// An invitation stays valid this long.
pub const INVITATION_DAYS: i64 = 30;

/// Whom an address is shared with.
#[derive(Debug, Clone)]
pub enum ShareWith {
    Member(UserId),
    /// Someone outside the organisation, invited by email.
    External {
        email: EmailAddress,
        signup: SignupRule,
    },
}

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
    Invited(u64),
}

impl App {
    /// Members of an organisation whose login starts with `query`, for the
    /// share form's autocomplete. Only for those who may share.
    pub fn members_matching(&self, org: OrgId, query: &str, limit: usize) -> Result<Vec<User>> {
        let query = query.trim().to_lowercase();
        let reader = self.store.read()?;
        let mut found = Vec::new();
        for membership in reader.members_of(org)? {
            if let Some(user) = reader.user(membership.user)? {
                let login = user.login.to_string();
                if query.is_empty()
                    || login.starts_with(&query)
                    || user.display_name.to_lowercase().starts_with(&query)
                {
                    found.push(user);
                }
            }
        }
        found.sort_by(|a, b| a.login.cmp(&b.login));
        found.truncate(limit);
        Ok(found)
    }

    /// Gives a member access at once, or records an invitation for someone
    /// else (delivered by the sharing flows).
    /// Shares an address: a member gets access at once (`AtOnce`, as when
    /// an address is created for them) or an invitation to accept (`Invite`);
    /// anyone else always gets an invitation by email.
    pub fn share_address(
        &self,
        actor: &Actor,
        view: &AddressView,
        with: ShareWith,
        permissions: Permissions,
        mode: ShareMode,
    ) -> Result<Shared> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        let target = ShareTarget::new(&view.service, &view.address);
        self.store
            .write(|tx| self.share_in(tx, actor, &target, with, permissions, mode))
    }

    pub fn set_permissions(
        &self,
        actor: &Actor,
        view: &AddressView,
        user: UserId,
        permissions: Permissions,
    ) -> Result<()> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        let org = view.service.organisation.id;
        self.store.write(|tx| {
            let mut access = tx
                .access(view.address.id, user)?
                .ok_or(AppError::NotFound)?;
            access.permissions = permissions;
            tx.put_access(&access)?;
            let names: Vec<&str> = permissions.iter().map(Permission::name).collect();
            let object = format!(
                "user {user}: {}",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(" ")
                }
            );
            audit_address(
                tx,
                actor,
                org,
                view.address.id,
                "access.permissions",
                object,
            )
        })
    }

    pub fn remove_user(&self, actor: &Actor, view: &AddressView, user: UserId) -> Result<()> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        let org = view.service.organisation.id;
        self.store.write(|tx| {
            tx.access(view.address.id, user)?
                .ok_or(AppError::NotFound)?;
            tx.remove_access(view.address.id, user)?;
            audit_address(
                tx,
                actor,
                org,
                view.address.id,
                "access.remove",
                format!("user {user}"),
            )
        })
    }

    /// The permissions pre-ticked when an address is shared.
    pub fn set_default_permissions(
        &self,
        actor: &Actor,
        org: OrgId,
        permissions: Permissions,
    ) -> Result<()> {
        if !self.role_in(actor.user, org)?.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            organisation.default_permissions = permissions;
            tx.put_organisation(&organisation)?;
            let names: Vec<&str> = permissions.iter().map(Permission::name).collect();
            audit(
                tx,
                Some(actor),
                Some(org),
                "organisation.default_permissions",
                names.join(" "),
            )
        })
    }
}

/// What is shared, as the messages about it name it.
pub(super) struct ShareTarget {
    pub org: OrgId,
    pub organisation: String,
    pub address: AddressId,
    pub full_address: String,
    /// The address page's path.
    pub page: String,
}

impl ShareTarget {
    pub fn new(view: &super::ServiceView, address: &crate::store::Address) -> Self {
        Self {
            org: view.organisation.id,
            organisation: view.organisation.name.clone(),
            address: address.id,
            full_address: format!("{}@{}", address.local_part, view.service.domain),
            page: format!(
                "/services/{}/addresses/{}",
                view.service.domain.as_ascii(),
                address.local_part
            ),
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
        // An outside email that belongs to a member is that member.
        let with = match with {
            ShareWith::External { email, signup } => match tx.user_by_login(&email)? {
                Some(user) if tx.membership(org, user.id)?.is_some() => ShareWith::Member(user.id),
                _ => ShareWith::External { email, signup },
            },
            member => member,
        };
        let inviter = tx
            .user(actor.user)?
            .map(|u| u.login.to_string())
            .unwrap_or_else(|| "An administrator".into());
        match (with, mode) {
            (ShareWith::Member(user), mode) => {
                let member = tx.membership(org, user)?.ok_or_else(|| {
                    AppError::Invalid("that person is not a member of the organisation".into())
                })?;
                if tx.access(address, user)?.is_some() {
                    return Err(AppError::Taken(
                        "that person already uses this address".into(),
                    ));
                }
                let person = tx.user(user)?.ok_or(AppError::NotFound)?;
                if mode == ShareMode::Invite {
                    let id = self.invite_in(
                        tx,
                        actor,
                        target,
                        &person.login,
                        permissions,
                        SignupRule::OwnChoice,
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
                audit_address(tx, actor, org, address, "access.grant", object)?;
                let link = format!("{}{}", self.settings.public_url, target.page);
                let rendered = templates::access_granted(&inviter, &target.full_address, &link);
                self.queue_message(tx, org, &person.login, rendered)?;
                Ok(Shared::Member(user))
            }
            (ShareWith::External { email, signup }, _) => {
                let id =
                    self.invite_in(tx, actor, target, &email, permissions, signup, &inviter)?;
                Ok(Shared::Invited(id))
            }
        }
    }

    /// Records an invitation with a fresh token, and the email with its link.
    #[allow(clippy::too_many_arguments)]
    fn invite_in(
        &self,
        tx: &mut Writer,
        actor: &Actor,
        target: &ShareTarget,
        email: &EmailAddress,
        permissions: Permissions,
        signup: SignupRule,
        inviter: &str,
    ) -> Result<u64> {
        let created = now();
        let pending = tx.invitations_of(target.address)?.into_iter().any(|i| {
            i.email == *email && i.state == InvitationState::Pending && i.expires > created
        });
        if pending {
            return Err(AppError::Taken(
                "that person is already invited: resend the invitation instead".into(),
            ));
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
        })?;
        self.send_invitation(tx, target, &mut invitation, inviter)?;
        audit_address(
            tx,
            actor,
            target.org,
            target.address,
            "invitation.create",
            email.to_ascii(),
        )?;
        Ok(invitation.id)
    }

    /// Gives an invitation a new token and queues the email carrying it;
    /// an earlier link stops working.
    pub(super) fn send_invitation(
        &self,
        tx: &mut Writer,
        target: &ShareTarget,
        invitation: &mut Invitation,
        inviter: &str,
    ) -> Result<()> {
        let token = random_token();
        tx.set_invitation_token(invitation, token_hash(&token))?;
        let link = format!("{}/invitations/{token}", self.settings.public_url);
        let expires = crate::model::dates::date(invitation.expires);
        let rendered = templates::invitation(
            inviter,
            &target.full_address,
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

//! Who uses an address, with which permissions: sharing it with a member
//! or an outside person, editing permissions, removing users.

use super::{Actor, AddressView, App, AppError, Result, audit, audit_address, now};
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
    pub fn share_address(
        &self,
        actor: &Actor,
        view: &AddressView,
        with: ShareWith,
        permissions: Permissions,
    ) -> Result<Shared> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        let org = view.service.organisation.id;
        let address = view.address.id;
        self.store
            .write(|tx| share_in(tx, actor, org, address, with, permissions))
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

/// Shares an address inside a caller's write transaction, so that creating
/// an address for someone and giving them access commit together.
pub(super) fn share_in(
    tx: &mut Writer,
    actor: &Actor,
    org: OrgId,
    address: AddressId,
    with: ShareWith,
    permissions: Permissions,
) -> Result<Shared> {
    // An outside email that belongs to a member is that member.
    let with = match with {
        ShareWith::External { email, signup } => match tx.user_by_login(&email)? {
            Some(user) if tx.membership(org, user.id)?.is_some() => ShareWith::Member(user.id),
            _ => ShareWith::External { email, signup },
        },
        member => member,
    };
    match with {
        ShareWith::Member(user) => {
            let member = tx.membership(org, user)?.ok_or_else(|| {
                AppError::Invalid("that person is not a member of the organisation".into())
            })?;
            if tx.access(address, user)?.is_some() {
                return Err(AppError::Taken(
                    "that person already uses this address".into(),
                ));
            }
            tx.put_access(&Access {
                address,
                user,
                permissions,
                state: AccessState::Active,
                since: now(),
            })?;
            let login = tx
                .user(user)?
                .map(|u| u.login.to_ascii())
                .unwrap_or_default();
            let object = format!("{login} ({})", member.role.name());
            audit_address(tx, actor, org, address, "access.grant", object)?;
            Ok(Shared::Member(user))
        }
        ShareWith::External { email, signup } => {
            let created = now();
            let invitation = tx.insert_invitation(|id| Invitation {
                id,
                address,
                inviter: actor.user,
                email: email.clone(),
                permissions,
                signup,
                created,
                expires: created + INVITATION_DAYS * 24 * 60 * 60,
                state: InvitationState::Pending,
            })?;
            audit_address(
                tx,
                actor,
                org,
                address,
                "invitation.create",
                email.to_ascii(),
            )?;
            Ok(Shared::Invited(invitation.id))
        }
    }
}

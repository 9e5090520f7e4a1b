//! Who may do what, decided inside the transaction that acts.
//!
//! Callers name what they act on (`Domain`, `AddressRef`); a use case
//! resolves the name and the actor's standing in its own transaction
//! (`ServiceView::resolve`, `Grant::resolve`) and checks rights on that, so
//! a right removed a moment earlier is never used. The views returned by
//! read use cases are page models: they say what to show, never what to
//! allow.

use std::fmt;

use super::{Actor, AppError, Rejection, Result, now};
use crate::model::{
    Access, AccessState, Address, Domain, EmailAddress, Invitation, LocalPart, OrgId, Organisation,
    Permission, Permissions, Role, Scope, Service, TokenId, User, UserId,
};
use crate::store::prelude::*;

/// An address as callers name it: its service's domain and its own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressRef {
    pub domain: Domain,
    pub local: LocalPart,
}

impl AddressRef {
    pub fn new(domain: Domain, local: LocalPart) -> Self {
        Self { domain, local }
    }

    /// From a URL's parts: a name that does not parse is an address nobody
    /// can see.
    pub fn parse(domain: &str, local: &str) -> Result<Self> {
        let domain = Domain::parse(domain).map_err(|_| AppError::NotFound)?;
        let local = LocalPart::parse(local).map_err(|_| AppError::NotFound)?;
        Ok(Self { domain, local })
    }

    pub fn email(&self) -> EmailAddress {
        EmailAddress::new(self.local.clone(), self.domain.clone())
    }
}

impl fmt::Display for AddressRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

/// Who asks: a person, or an API token acting for the person who made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub user: UserId,
    pub token: Option<TokenId>,
}

impl From<UserId> for Who {
    fn from(user: UserId) -> Self {
        Self { user, token: None }
    }
}

impl From<&Actor> for Who {
    fn from(actor: &Actor) -> Self {
        Self {
            user: actor.user,
            token: actor.token,
        }
    }
}

/// One's role in an organisation and, for a token, its scope, as the
/// caller's transaction sees them: a token revoked, expired or of another
/// organisation stands nowhere; its maker's role still bounds it.
pub(super) fn standing(
    q: &impl Query,
    who: Who,
    org: OrgId,
) -> Result<Option<(Role, Option<Scope>)>> {
    let Some(membership) = q.membership(org, who.user)? else {
        return Ok(None);
    };
    // Its own people are told why; everyone else that it does not exist.
    if let Some(organisation) = q.organisation(org)?
        && let Some(suspension) = organisation.suspended
    {
        return Err(AppError::Suspended {
            organisation: organisation.name,
            reason: suspension.reason,
        });
    }
    let scope = match who.token {
        None => None,
        Some(id) => match q.api_token(id)? {
            Some(t) if t.org == Some(org) && t.created_by == who.user && t.usable(now()) => {
                Some(t.scope)
            }
            _ => return Ok(None),
        },
    };
    Ok(Some((membership.role, scope)))
}

/// A service as one user stands in it.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub service: Service,
    pub organisation: Organisation,
    pub role: Role,
    /// The scope of the token that asks; `None` for a person.
    pub scope: Option<Scope>,
}

impl ServiceView {
    /// The service of `domain`, if the asker belongs to its organisation;
    /// anyone else is told it does not exist.
    pub(super) fn resolve(q: &impl Query, who: impl Into<Who>, domain: &Domain) -> Result<Self> {
        let service = q.service_by_domain(domain)?.ok_or(AppError::NotFound)?;
        let (role, scope) = standing(q, who.into(), service.org)?.ok_or(AppError::NotFound)?;
        let organisation = q.organisation(service.org)?.ok_or(AppError::NotFound)?;
        Ok(Self {
            service,
            organisation,
            role,
            scope,
        })
    }

    /// Owners and admins manage everything in their organisation.
    pub fn manages(&self) -> bool {
        self.role.manages()
    }

    /// Whether the asker's token (if any) allows what needs `need`.
    pub fn allows(&self, need: Scope) -> bool {
        self.scope.is_none_or(|scope| scope.allows(need))
    }

    /// Owners and admins, to change addresses (a token: of scope
    /// `addresses` or more).
    pub(super) fn require_manager(&self) -> Result<()> {
        if self.manages() && self.allows(Scope::Addresses) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Owners and admins, to change the service itself: its DNS checks and
    /// DKIM keys (a token: of scope `admin`).
    pub(super) fn require_admin(&self) -> Result<()> {
        if self.manages() && self.allows(Scope::Admin) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Owners and admins, to read what only they see.
    pub(super) fn require_manager_to_read(&self) -> Result<()> {
        if self.manages() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn email(&self, local: &LocalPart) -> EmailAddress {
        EmailAddress::new(local.clone(), self.service.domain.clone())
    }
}

/// The rule itself: managers may everything; others what their active
/// access holds.
fn may(role: Role, mine: Option<&Access>, permission: Permission) -> bool {
    role.manages()
        || mine.is_some_and(|access| {
            access.state == AccessState::Active && access.permissions.contains(permission)
        })
}

/// An active address and the actor's standing with it, as one transaction
/// sees them.
#[derive(Debug, Clone)]
pub(super) struct Grant {
    pub service: ServiceView,
    pub address: Address,
    pub mine: Option<Access>,
}

impl Grant {
    /// Members who neither manage the service nor use the address are told
    /// it does not exist.
    pub fn resolve(q: &impl Query, who: impl Into<Who>, target: &AddressRef) -> Result<Self> {
        let who = who.into();
        let service = ServiceView::resolve(q, who, &target.domain)?;
        let address = q
            .address_by_name(service.service.id, &target.local)?
            .filter(|a| a.is_active() && a.local_part == target.local)
            .ok_or(AppError::NotFound)?;
        let mine = q.access(address.id, who.user)?;
        if !service.manages() && mine.is_none() {
            return Err(AppError::NotFound);
        }
        Ok(Self {
            service,
            address,
            mine,
        })
    }

    /// Every permission changes the address: a token needs the scope
    /// `addresses`.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.service.allows(Scope::Addresses)
            && may(self.service.role, self.mine.as_ref(), permission)
        {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A permission used to read (history, the list of links): any token.
    pub fn require_to_read(&self, permission: Permission) -> Result<()> {
        if may(self.service.role, self.mine.as_ref(), permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn email(&self) -> EmailAddress {
        self.service.email(&self.address.local_part)
    }

    /// A user who manages an address's users can hand on only what they
    /// hold themselves; owners and admins hand on anything.
    pub fn may_grant(&self, permissions: Permissions) -> Result<()> {
        if self.service.manages() {
            return Ok(());
        }
        let held = self
            .mine
            .as_ref()
            .filter(|a| a.state == AccessState::Active)
            .map(|a| a.permissions)
            .unwrap_or_default();
        if Permission::ALL
            .into_iter()
            .all(|p| !permissions.contains(p) || held.contains(p))
        {
            Ok(())
        } else {
            Err(Rejection::PermissionNotHeld.into())
        }
    }
}

/// One address as one user sees it, with the people who use it: the
/// address page's model.
#[derive(Debug, Clone)]
pub struct AddressView {
    pub service: ServiceView,
    pub address: Address,
    /// The viewer's own access, if they have one.
    pub mine: Option<Access>,
    pub users: Vec<(User, Access)>,
    pub invitations: Vec<Invitation>,
}

impl AddressView {
    pub(super) fn from_grant(q: &impl Query, grant: Grant) -> Result<Self> {
        let mut users = Vec::new();
        for access in q.accesses_of(grant.address.id)? {
            if let Some(person) = q.user(access.user)? {
                users.push((person, access));
            }
        }
        let invitations = q.invitations_of(grant.address.id)?;
        Ok(Self {
            service: grant.service,
            address: grant.address,
            mine: grant.mine,
            users,
            invitations,
        })
    }

    /// What to show this viewer (the use cases check again when asked).
    pub fn may(&self, permission: Permission) -> bool {
        may(self.service.role, self.mine.as_ref(), permission)
    }

    pub fn full_address(&self) -> String {
        self.email().to_string()
    }

    pub fn email(&self) -> EmailAddress {
        self.service.email(&self.address.local_part)
    }

    pub fn address_ref(&self) -> AddressRef {
        AddressRef::new(
            self.service.service.domain.clone(),
            self.address.local_part.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_reference_reads_as_its_address() {
        let reference = AddressRef::parse("B\u{fc}cher.example", "Jo").unwrap();
        assert_eq!(reference.to_string(), reference.email().to_string());
        assert!(reference.to_string().starts_with("jo@"), "{reference}");
    }
}

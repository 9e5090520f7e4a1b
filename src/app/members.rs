//! People in an organisation: adding them, their roles, removing them, and
//! finding them (for the share form and the command line).

use super::audit::record;
use super::capabilities::Organisations;
use super::services::require_manager_of;
use super::{Actor, App, AppError, Conflict, Rejection, Result, now};
use crate::model::Scope;
use crate::model::{
    EmailAddress, InvitationState, Membership, OrgId, Organisation, Password, Role, User, UserId,
};
use crate::store::Writer;
use crate::store::prelude::*;

impl Organisations<'_> {
    /// The organisation a command means: the named one, or the only one.
    pub fn organisation_named(&self, name: Option<&str>) -> Result<Organisation> {
        // A deleted organisation is no one's to act in (the operator's
        // commands find it by `Operators::organisation_called`).
        let reader = self.app.store.read()?;
        if let Some(name) = name {
            return reader
                .organisation_named(name.trim())?
                .filter(|o| o.deleted.is_none())
                .ok_or_else(|| Rejection::NoSuchOrganisation(name.to_owned()).into());
        }
        // Two live ones are enough to know it is not the only one.
        let mut live = Vec::new();
        reader.each_organisation_from(0, &mut |o| {
            if o.deleted.is_none() {
                live.push(o);
            }
            Ok(live.len() < 2)
        })?;
        match live.len() {
            0 => Err(AppError::NotSetUp),
            1 => live.pop().ok_or(AppError::NotSetUp),
            _ => Err(Rejection::SeveralOrganisations.into()),
        }
    }

    /// An owner of the organisation, to act as from the command line; an
    /// organisation whose first owner has not accepted yet has none.
    pub fn owner_of(&self, org: OrgId) -> Result<Actor> {
        let reader = self.app.store.read()?;
        let organisation = reader.organisation(org)?.ok_or(AppError::NotFound)?;
        let owner = reader
            .members_of(org)?
            .into_iter()
            .find(|m| m.role == Role::Owner)
            .ok_or_else(|| Rejection::NoOwnerYet(organisation.name.clone()))?;
        Ok(Actor {
            token: None,
            user: owner.user,
            ip: None,
        })
    }

    /// Adds a person with a login and password to an organisation. Only
    /// owners and admins may; only owners may make owners.
    pub fn add_member(
        &self,
        actor: &Actor,
        org: OrgId,
        login: &EmailAddress,
        password: &Password,
        role: Role,
    ) -> Result<UserId> {
        let hash = password.hash()?;
        self.app.store.write(|tx| {
            let acting = require_manager_of(tx, actor, org, Scope::Admin)?;
            if role == Role::Owner && acting != Role::Owner {
                return Err(AppError::Forbidden);
            }
            if tx.user_by_login(login)?.is_some() {
                return Err(Conflict::AccountExists(login.clone()).into());
            }
            super::limits::require_room_in(tx, org, crate::model::LimitKind::Members)?;
            let created = now();
            let user = tx.insert_user(|id| User {
                operator: false,
                lang: None,
                id,
                login: login.clone(),
                display_name: login.local_part().to_string(),
                password_hash: hash.clone(),
                created,
            })?;
            tx.put_membership(&Membership {
                org,
                user: user.id,
                role,
                since: created,
            })?;
            let object = format!("{} as {}", login.to_ascii(), role.name());
            record(tx, Some(actor), Some(org), "member.add", object)?;
            Ok(user.id)
        })
    }

    /// The organisation's members with their roles (owners and admins).
    pub fn members(&self, actor: &Actor, org: OrgId) -> Result<Vec<(User, Membership)>> {
        let reader = self.app.store.read()?;
        require_manager_of(&reader, actor, org, Scope::Read)?;
        let mut found = Vec::new();
        for membership in reader.members_of(org)? {
            if let Some(user) = reader.user(membership.user)? {
                found.push((user, membership));
            }
        }
        found.sort_by(|a, b| a.0.login.cmp(&b.0.login));
        Ok(found)
    }

    /// An organisation's history, for its owners and admins, newest first;
    /// `before` an event id, for older pages. What the operator did is
    /// there too, named as the operator's.
    pub fn organisation_history(
        &self,
        actor: &Actor,
        org: OrgId,
        before: Option<u64>,
        limit: usize,
    ) -> Result<super::audit::HistoryPage> {
        let reader = self.app.store.read()?;
        require_manager_of(&reader, actor, org, Scope::Read)?;
        let mut found = reader.audit_of_org(org, before, limit.saturating_add(1))?;
        let older = if found.len() > limit {
            found.truncate(limit);
            found.last().map(|(id, _)| *id)
        } else {
            None
        };
        let entries = found
            .into_iter()
            .map(|(_, event)| super::audit::entry(&reader, event))
            .collect::<Result<_>>()?;
        let organisation = reader.organisation(org)?.ok_or(AppError::NotFound)?.name;
        Ok(super::audit::HistoryPage {
            organisation,
            entries,
            older,
        })
    }

    /// Members whose login or name starts with `query`, for the share
    /// form's suggestions; for those who manage the organisation.
    pub fn members_matching(
        &self,
        actor: &Actor,
        org: OrgId,
        query: &str,
        limit: usize,
    ) -> Result<Vec<User>> {
        let query = query.trim().to_lowercase();
        let reader = self.app.store.read()?;
        require_manager_of(&reader, actor, org, Scope::Read)?;
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

    /// Changes a member's role. Only owners make or unmake owners; the last
    /// owner stays one.
    pub fn set_role(&self, actor: &Actor, org: OrgId, user: UserId, role: Role) -> Result<()> {
        self.app.store.write(|tx| {
            let acting = require_manager_of(tx, actor, org, Scope::Admin)?;
            let mut membership = tx.membership(org, user)?.ok_or(AppError::NotFound)?;
            let touches_owner = role == Role::Owner || membership.role == Role::Owner;
            if touches_owner && acting != Role::Owner {
                return Err(AppError::Forbidden);
            }
            if membership.role == Role::Owner && role != Role::Owner && owners(tx, org)? <= 1 {
                return Err(Rejection::LastOwner.into());
            }
            membership.role = role;
            tx.put_membership(&membership)?;
            let login = login_of(tx, user)?;
            let object = format!("{login} as {}", role.name());
            record(tx, Some(actor), Some(org), "member.role", object)
        })
    }

    /// Removes a member and every access they had in the organisation.
    pub fn remove_member(&self, actor: &Actor, org: OrgId, user: UserId) -> Result<()> {
        self.app.store.write(|tx| {
            let acting = require_manager_of(tx, actor, org, Scope::Admin)?;
            let membership = tx.membership(org, user)?.ok_or(AppError::NotFound)?;
            if membership.role == Role::Owner {
                if acting != Role::Owner {
                    return Err(AppError::Forbidden);
                }
                if owners(tx, org)? <= 1 {
                    return Err(Rejection::LastOwnerRemoved.into());
                }
            }
            self.app.end_membership(tx, org, user, None)?;
            let login = login_of(tx, user)?;
            record(tx, Some(actor), Some(org), "member.remove", login)
        })
    }
}

impl Organisations<'_> {
    /// A person leaves an organisation themselves, with everything their
    /// membership held; its last owner hands it over first. The session
    /// that left (`session_token`) stays: the person is still signed in to
    /// their other organisations.
    pub fn leave(&self, actor: &Actor, org: OrgId, session_token: Option<&str>) -> Result<()> {
        let keep = session_token.map(super::accounts::token_hash);
        if actor.token.is_some() {
            return Err(AppError::Forbidden);
        }
        self.app.store.write(|tx| {
            let membership = tx.membership(org, actor.user)?.ok_or(AppError::NotFound)?;
            if membership.role == Role::Owner && owners(tx, org)? <= 1 {
                return Err(Rejection::LastOwnerLeaving.into());
            }
            self.app
                .end_membership(tx, org, actor.user, keep.as_ref())?;
            let login = login_of(tx, actor.user)?;
            record(tx, Some(actor), Some(org), "member.leave", login)
        })
    }
}

impl App {
    /// Everything a member held in an organisation ends with their
    /// membership: accesses, device passwords (and their mail sessions),
    /// web sessions, API tokens they made there, invitations still pending
    /// to them and the sharing links they made, so nothing old can bring
    /// them back. `keep`: the session of a person leaving by themselves.
    fn end_membership(
        &self,
        tx: &mut Writer,
        org: OrgId,
        user: UserId,
        keep: Option<&[u8; 32]>,
    ) -> Result<()> {
        for id in tx.addresses_of_user_in(user, org)? {
            tx.remove_access(id, user)?;
            let Some(address) = tx.address(id)? else {
                continue;
            };
            let Some(service) = tx.service(address.service)? else {
                continue;
            };
            let devices: Vec<_> = tx
                .credentials_of_address(id)?
                .into_iter()
                .filter(|c| c.user == user)
                .collect();
            self.remove_devices(tx, org, &address, &service.domain, devices)?;
        }
        tx.remove_membership(org, user)?;
        tx.remove_sessions_of(user, keep)?;
        let ended = super::now();
        for mut token in tx.tokens_of(org)? {
            if token.created_by == user && token.revoked.is_none() {
                token.revoked = Some(ended);
                tx.put_api_token(&token)?;
            }
        }
        let in_org = |tx: &Writer, address| -> Result<bool> {
            Ok(match tx.address(address)? {
                Some(a) => tx.service(a.service)?.is_some_and(|s| s.org == org),
                None => false,
            })
        };
        if let Some(person) = tx.user(user)? {
            for mut invitation in tx.invitations_to(&person.login)? {
                if invitation.state == InvitationState::Pending && in_org(tx, invitation.address)? {
                    invitation.state = InvitationState::Revoked;
                    tx.put_invitation(&invitation)?;
                }
            }
        }
        for mut link in tx.all_links()? {
            if link.creator == user && !link.revoked && in_org(tx, link.address)? {
                link.revoked = true;
                tx.put_link(&link)?;
            }
        }
        Ok(())
    }
}

fn owners(tx: &Writer, org: OrgId) -> Result<usize> {
    Ok(tx
        .members_of(org)?
        .iter()
        .filter(|m| m.role == Role::Owner)
        .count())
}

fn login_of(tx: &Writer, user: UserId) -> Result<String> {
    Ok(tx
        .user(user)?
        .map(|u| u.login.to_ascii())
        .unwrap_or_default())
}

impl Organisations<'_> {
    /// An owner of the organisation a domain's service belongs to: the
    /// command line acts as them.
    pub fn owner_of_domain(&self, domain: &crate::model::Domain) -> Result<Actor> {
        let service = self
            .app
            .store
            .read()?
            .service_by_domain(domain)?
            .ok_or(AppError::NotFound)?;
        self.owner_of(service.org)
    }
}

impl Organisations<'_> {
    /// The member of an organisation who logs in as `login` (for the command
    /// line's `--user`).
    pub fn member_by_login(&self, org: OrgId, login: &EmailAddress) -> Result<UserId> {
        let reader = self.app.store.read()?;
        let user = reader.user_by_login(login)?.ok_or(Rejection::NotAMember)?;
        reader
            .membership(org, user.id)?
            .ok_or(Rejection::NotAMember)?;
        Ok(user.id)
    }
}

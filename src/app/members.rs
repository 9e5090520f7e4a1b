//! People in an organisation.

use super::{Actor, App, AppError, Result, audit, now};
use crate::model::{EmailAddress, Password, Role};
use crate::store::{Membership, OrgId, Organisation, User, UserId};

impl App {
    /// The organisation a command means: the named one, or the only one.
    pub fn organisation_named(&self, name: Option<&str>) -> Result<Organisation> {
        let orgs = self.store.read()?.organisations()?;
        match name {
            Some(name) => orgs
                .into_iter()
                .find(|o| o.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| {
                    AppError::Invalid(format!("no organisation is named \u{201c}{name}\u{201d}"))
                }),
            None if orgs.is_empty() => Err(AppError::NotSetUp),
            None if orgs.len() == 1 => orgs.into_iter().next().ok_or(AppError::NotSetUp),
            None => Err(AppError::Invalid(
                "there are several organisations: name one with --organisation".into(),
            )),
        }
    }

    /// An owner of the organisation, to act as from the command line.
    pub fn owner_of(&self, org: OrgId) -> Result<Actor> {
        let reader = self.store.read()?;
        let owner = reader
            .members_of(org)?
            .into_iter()
            .find(|m| m.role == Role::Owner)
            .ok_or(AppError::NotFound)?;
        Ok(Actor {
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
        let acting_role = self.role_in(actor.user, org)?;
        if !acting_role.is_some_and(Role::manages)
            || (role == Role::Owner && acting_role != Some(Role::Owner))
        {
            return Err(AppError::Forbidden);
        }
        let hash = password.hash()?;
        self.store.write(|tx| {
            if tx.user_by_login(login)?.is_some() {
                return Err(AppError::Taken(format!("{login} already has an account")));
            }
            let created = now();
            let user = tx.insert_user(|id| User {
                id,
                login: login.clone(),
                display_name: login.local_part().to_string(),
                password_hash: hash,
                created,
            })?;
            tx.put_membership(&Membership {
                org,
                user: user.id,
                role,
                since: created,
            })?;
            audit(
                tx,
                Some(actor),
                Some(org),
                "member.add",
                format!("{} as {}", login.to_ascii(), role.name()),
            )?;
            Ok(user.id)
        })
    }

    pub fn role_in(&self, user: UserId, org: OrgId) -> Result<Option<Role>> {
        Ok(self.store.read()?.membership(org, user)?.map(|m| m.role))
    }

    pub fn create_organisation(&self, actor: &Actor, name: &str) -> Result<Organisation> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::Invalid("enter the organisation's name".into()));
        }
        self.store.write(|tx| {
            if tx
                .organisations()?
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(name))
            {
                return Err(AppError::Taken(format!(
                    "an organisation is already named \u{201c}{name}\u{201d}"
                )));
            }
            let created = now();
            let org = tx.insert_organisation(name, created)?;
            tx.put_membership(&Membership {
                org: org.id,
                user: actor.user,
                role: Role::Owner,
                since: created,
            })?;
            audit(tx, Some(actor), Some(org.id), "organisation.add", name)?;
            Ok(org)
        })
    }
}

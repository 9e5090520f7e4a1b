//! Organisations and their settings.

use super::audit::record;
use super::capabilities::Organisations;
use super::services::require_manager_of;
use super::{Actor, Conflict, Rejection, Result, now};
use crate::model::Scope;
use crate::model::{Membership, OrgId, Organisation, Permission, Permissions, Role};
use crate::store::prelude::*;

impl Organisations<'_> {
    /// A new organisation, with the actor as its owner.
    pub fn create_organisation(&self, actor: &Actor, name: &str) -> Result<Organisation> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Rejection::OrganisationNameMissing.into());
        }
        self.app.store.write(|tx| {
            if tx
                .organisations()?
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(name))
            {
                return Err(Conflict::OrganisationNamed(name.to_owned()).into());
            }
            let created = now();
            let org = tx.insert_organisation(name, created, crate::i18n::current())?;
            tx.put_membership(&Membership {
                org: org.id,
                user: actor.user,
                role: Role::Owner,
                since: created,
            })?;
            record(tx, Some(actor), Some(org.id), "organisation.add", name)?;
            Ok(org)
        })
    }

    /// The permissions pre-ticked when an address is shared.
    pub fn set_default_permissions(
        &self,
        actor: &Actor,
        org: OrgId,
        permissions: Permissions,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            let mut organisation = tx.organisation(org)?.ok_or(super::AppError::NotFound)?;
            organisation.default_permissions = permissions;
            tx.put_organisation(&organisation)?;
            let names: Vec<&str> = permissions.iter().map(Permission::name).collect();
            record(
                tx,
                Some(actor),
                Some(org),
                "organisation.default_permissions",
                names.join(" "),
            )
        })
    }
}

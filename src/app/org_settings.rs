//! Organisations and their settings.

use super::audit::record;
use super::capabilities::Organisations;
use super::services::require_manager_of;
use super::{Actor, Result};
use crate::model::Scope;
use crate::model::{OrgId, Permission, Permissions};
use crate::store::prelude::*;

impl Organisations<'_> {
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

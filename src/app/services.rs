//! Email services: one domain each, in one organisation.

use super::{Actor, App, AppError, Result, audit, now};
use crate::model::{Domain, Role};
use crate::store::{OrgId, Organisation, Service, UserId};

/// An organisation as one user sees it.
pub struct OrganisationServices {
    pub organisation: Organisation,
    pub role: Role,
    pub services: Vec<Service>,
}

impl App {
    pub fn add_service(&self, actor: &Actor, org: OrgId, domain: &Domain) -> Result<Service> {
        if !self.role_in(actor.user, org)?.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            if tx.service_by_domain(domain)?.is_some() {
                return Err(AppError::Taken(format!(
                    "the domain {domain} already has an email service"
                )));
            }
            let service = tx.insert_service(org, domain, now())?;
            audit(tx, Some(actor), Some(org), "service.add", domain.as_ascii())?;
            Ok(service)
        })
    }

    /// Every organisation of the user with its services.
    pub fn services_for(&self, user: UserId) -> Result<Vec<OrganisationServices>> {
        let reader = self.store.read()?;
        reader
            .memberships_of(user)?
            .into_iter()
            .map(|(organisation, membership)| {
                Ok(OrganisationServices {
                    services: reader.services_of(organisation.id)?,
                    organisation,
                    role: membership.role,
                })
            })
            .collect()
    }
}

impl App {
    /// Whether a domain has an email service here (for mail-client lookups,
    /// which come without a login).
    pub fn serves_domain(&self, domain: &Domain) -> Result<bool> {
        Ok(self.store.read()?.service_by_domain(domain)?.is_some())
    }
}

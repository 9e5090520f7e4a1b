//! Email services: one domain each, in one organisation.

use super::access::{Who, standing};
use super::audit::record;
use super::capabilities::Services;
use super::{Actor, App, AppError, Conflict, Result, ServiceView, now};
use crate::model::{Domain, OrgId, Organisation, Role, Scope, Service, UserId};
use crate::store::prelude::*;

/// An organisation as one user sees it.
pub struct OrganisationServices {
    pub organisation: Organisation,
    pub role: Role,
    pub services: Vec<Service>,
    /// Required DNS records not right at the last check, per service
    /// (for owners and admins; services checked and fine are absent).
    pub dns_problems: std::collections::HashMap<crate::model::ServiceId, usize>,
}

/// Whether a new service waits for its domain's TXT record.
enum Verification {
    Required,
    Skipped,
}

impl App {
    fn insert_service(
        &self,
        actor: &Actor,
        org: OrgId,
        domain: &Domain,
        verification: Verification,
    ) -> Result<Service> {
        self.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            if tx.service_by_domain(domain)?.is_some() {
                return Err(Conflict::DomainServed(domain.to_string()).into());
            }
            super::limits::require_room_in(tx, org, crate::model::LimitKind::Services)?;
            let mut service = tx.insert_service(org, domain, now())?;
            record(tx, Some(actor), Some(org), "service.add", domain.as_ascii())?;
            match verification {
                Verification::Required => {
                    service.verification = Some(super::random_token());
                    tx.put_service(&service)?;
                }
                Verification::Skipped => {
                    record(
                        tx,
                        Some(actor),
                        Some(org),
                        "service.verification_skipped",
                        domain.as_ascii(),
                    )?;
                    self.refresh_replies(tx, org)?;
                }
            }
            Ok(service)
        })
    }
}

impl Services<'_> {
    /// Adds a domain's service to an organisation; owners and admins only.
    /// The mail server treats its domain as local only once the DNS shows
    /// the organisation holds it (`Service::ownership_value`, checked with
    /// the other records on the DNS tab): an admin cannot make this server
    /// take in a bank's mail by naming its domain.
    pub fn add_service(&self, actor: &Actor, org: OrgId, domain: &Domain) -> Result<Service> {
        self.app
            .insert_service(actor, org, domain, Verification::Required)
    }

    /// The operator's way (`mailroom service add --skip-verification`):
    /// the service receives mail at once, and the audit says it was not
    /// verified.
    pub fn add_service_vouched(
        &self,
        actor: &Actor,
        org: OrgId,
        domain: &Domain,
    ) -> Result<Service> {
        self.app
            .insert_service(actor, org, domain, Verification::Skipped)
    }

    /// The services of one organisation, as `who` (a token, or a person)
    /// stands in it: refused when suspended, unknown to outsiders.
    pub fn services_in(&self, who: impl Into<Who>, org: OrgId) -> Result<Vec<Service>> {
        let reader = self.app.store.read()?;
        standing(&reader, who.into(), org)?.ok_or(AppError::NotFound)?;
        Ok(reader.services_of(org)?)
    }

    /// Every organisation of the user with its services.
    pub fn services_for(&self, user: UserId) -> Result<Vec<OrganisationServices>> {
        let reader = self.app.store.read()?;
        reader
            .memberships_of(user)?
            .into_iter()
            .map(|(organisation, membership)| {
                let services = reader.services_of(organisation.id)?;
                let mut dns_problems = std::collections::HashMap::new();
                if membership.role.manages() {
                    for service in &services {
                        let problems = reader.dns_report(service.id)?.map_or(0, |r| r.problems());
                        if problems > 0 {
                            dns_problems.insert(service.id, problems);
                        }
                    }
                }
                Ok(OrganisationServices {
                    services,
                    organisation,
                    role: membership.role,
                    dns_problems,
                })
            })
            .collect()
    }

    /// The service of `domain` as `user` stands in it; 404 for outsiders.
    pub fn service_view(&self, who: impl Into<Who>, domain: &Domain) -> Result<ServiceView> {
        ServiceView::resolve(&self.app.store.read()?, who, domain)
    }

    /// A service's view for the pages only owners and admins open (a new
    /// address, imports): anyone else is refused here, not by the page.
    pub fn service_view_to_manage(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
    ) -> Result<ServiceView> {
        let view = ServiceView::resolve(&self.app.store.read()?, who, domain)?;
        view.require_manager_to_read()?;
        Ok(view)
    }

    /// Whether a domain has an email service here (for mail-client lookups,
    /// which come without a login).
    pub fn serves_domain(&self, domain: &Domain) -> Result<bool> {
        let service = self.app.store.read()?.service_by_domain(domain)?;
        Ok(service.is_some_and(|s| !s.closed))
    }
}

/// Refuses anyone but the organisation's owners and admins (and their
/// tokens of a scope that allows `need`); returns the role.
pub(super) fn require_manager_of(
    q: &impl Query,
    who: impl Into<Who>,
    org: OrgId,
    need: Scope,
) -> Result<Role> {
    match standing(q, who.into(), org)? {
        Some((role, scope)) if role.manages() && scope.is_none_or(|s| s.allows(need)) => Ok(role),
        _ => Err(AppError::Forbidden),
    }
}

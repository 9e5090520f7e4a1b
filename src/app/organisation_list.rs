//! The operator's list of organisations: paged in id order and searched by
//! name or domain, each with its owners and counts.

use super::capabilities::Operators;
use super::operators::OperatorActor;
use super::{AppError, Rejection, Result};
use crate::model::{EmailAddress, OrgId, Organisation, Role, Service};
use crate::store::OrgParts;
use crate::store::prelude::*;

/// Organisations on one page of the console, and of the API unless it asks
/// for more. PostfixAdmin shows 10 and Modoboa 25. With 32 clients on two
/// shared cores (`scripts/bench tenancy`) the first page's p99 was 16-23 ms
/// at 50 rows, 11.6-12.3 ms at 25 and 9.9-11.7 ms at 20.
pub const ORGANISATION_PAGE: usize = 20;
/// Most organisations one page may hold (the API's `limit`).
pub const ORGANISATIONS_MOST: usize = 100;

/// One organisation as the operator's list shows it.
#[derive(Debug, Clone)]
pub struct OrganisationSummary {
    pub organisation: Organisation,
    pub owners: Vec<EmailAddress>,
    pub domains: Vec<String>,
    pub addresses: u64,
    pub members: usize,
    /// Megabytes of mailbox quota its addresses hand out.
    pub storage_mb: u64,
}

/// A page of organisations, and the id to ask the next one after.
#[derive(Debug, Clone)]
pub struct OrganisationPage {
    pub items: Vec<OrganisationSummary>,
    pub next: Option<OrgId>,
}

impl Operators<'_> {
    /// Organisations whose name or one of whose domains contains `search`
    /// (any case), after `after`, at most `limit`.
    pub fn organisations(
        &self,
        by: OperatorActor<'_>,
        search: &str,
        after: Option<OrgId>,
        limit: usize,
    ) -> Result<OrganisationPage> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        page_of(&reader, search, after, limit)
    }

    /// The console's page: organisations, and the limits new ones start
    /// with, read and checked once.
    pub fn console(
        &self,
        by: OperatorActor<'_>,
        search: &str,
        after: Option<OrgId>,
    ) -> Result<(OrganisationPage, crate::model::Limits)> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        let page = page_of(&reader, search, after, ORGANISATION_PAGE)?;
        Ok((page, reader.default_limits()?))
    }
}

/// A page of organisations whose name or domain contains `search`.
fn page_of(
    reader: &impl crate::store::Query,
    search: &str,
    after: Option<OrgId>,
    limit: usize,
) -> Result<OrganisationPage> {
    let search = search.trim().to_lowercase();
    let limit = limit.clamp(1, ORGANISATIONS_MOST);
    let from = after.map_or(0, |after| after.0.saturating_add(1));
    let parts = OrgParts::open(reader)?;
    let mut items = Vec::new();
    let mut next = None;
    let mut add = |organisation: Organisation| -> crate::store::Result<bool> {
        if items.len() == limit {
            next = items
                .last()
                .map(|s: &OrganisationSummary| s.organisation.id);
            return Ok(false);
        }
        items.push(summarise(&parts, organisation)?);
        Ok(true)
    };
    if search.is_empty() {
        reader.each_organisation_from(from, &mut |o| add(o))?;
    } else {
        // Names and domains are searched in their index: only the
        // organisations found are read.
        let found = reader.organisations_containing(&search)?;
        for id in found.range(OrgId(from)..) {
            let Some(organisation) = reader.organisation(*id)? else {
                continue;
            };
            if !add(organisation)? {
                break;
            }
        }
    }
    Ok(OrganisationPage { items, next })
}

impl Operators<'_> {
    /// One organisation, as the list shows it.
    pub fn organisation(&self, by: OperatorActor<'_>, org: OrgId) -> Result<OrganisationSummary> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        let organisation = reader.organisation(org)?.ok_or(AppError::NotFound)?;
        Ok(summarise(&OrgParts::open(&reader)?, organisation)?)
    }

    /// The organisation an operator names (by name, any case).
    pub fn organisation_called(&self, by: OperatorActor<'_>, name: &str) -> Result<Organisation> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        reader
            .organisation_named(name.trim())?
            .ok_or_else(|| Rejection::NoSuchOrganisation(name.trim().to_owned()).into())
    }
}

fn summarise(
    parts: &OrgParts<'_>,
    organisation: Organisation,
) -> crate::store::Result<OrganisationSummary> {
    let services = parts.services_of(organisation.id)?;
    // A deleted organisation's memberships wait in its deletion record.
    let members = match &organisation.deleted {
        Some(deletion) => deletion.members.clone(),
        None => parts.members_of(organisation.id)?,
    };
    let mut owners = Vec::new();
    for member in members.iter().filter(|m| m.role == Role::Owner) {
        if let Some(login) = parts.login_of(member.user)? {
            owners.push(login);
        }
    }
    Ok(OrganisationSummary {
        addresses: services.iter().map(|s| s.address_count).sum(),
        storage_mb: services.iter().map(Service::storage_mb).sum(),
        members: members.len(),
        domains: services.iter().map(|s| s.domain.to_string()).collect(),
        organisation,
        owners,
    })
}

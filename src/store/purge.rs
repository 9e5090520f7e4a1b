//! Removing for good what a purged organisation held: each service with
//! its imports, DKIM keys and DNS report; its addresses' device passwords
//! and sharing links (the addresses themselves go by `purge_address`); the
//! organisation's API tokens with their kept answers; the organisation.
//! Its history stays in the audit log.

use super::api_tokens::TokenQueries;
use super::credentials::CredentialQueries;
use super::dns::DnsQueries;
use super::imports::ImportQueries;
use super::orgs::OrgQueries;
use super::schema::{
    ADDRESS_LINKS, API_TOKENS, DNS_REPORTS, IDEMPOTENCY, IMPORT_FILES, IMPORT_ROWS, IMPORT_TEXT,
    IMPORTS, LINK_BY_TOKEN, ORG_NAMES, ORG_SERVICES, ORG_TOKENS, ORGS, SERVICE_BY_DOMAIN,
    SERVICE_IMPORTS, SERVICES, SHARING_LINKS,
};
use super::sharing::SharingQueries;
use super::{Query, Result, Writer};
use crate::model::{AddressId, OrgId, Service, ServiceId};

pub trait PurgeQueries: Query {
    /// Every address of a service, whatever its state, found by its names
    /// (an alias points at the address it belongs to).
    fn address_ids_of_service(&self, service: ServiceId) -> Result<Vec<AddressId>> {
        let names = self.table(super::schema::ADDRESS_BY_NAME)?;
        let mut ids = std::collections::BTreeSet::new();
        for entry in names.range((service.0, "")..(service.0.saturating_add(1), ""))? {
            let (_, id) = entry?;
            ids.insert(id.value());
        }
        Ok(ids.into_iter().map(AddressId).collect())
    }
}

impl<Q: Query> PurgeQueries for Q {}

impl Writer {
    /// An address's device passwords and sharing links, before the address
    /// itself is purged.
    pub fn remove_address_keys(&mut self, address: AddressId) -> Result<()> {
        for credential in self.credentials_of_address(address)? {
            self.remove_credential(&credential)?;
        }
        for link in self.links_of(address)? {
            self.table(SHARING_LINKS)?.delete(link.id.0)?;
            self.table(LINK_BY_TOKEN)?
                .delete(link.token_hash.as_slice())?;
            self.table(ADDRESS_LINKS)?.delete((address.0, link.id.0))?;
        }
        Ok(())
    }

    /// A service whose addresses are purged already: its imports, keys,
    /// DNS report, domain and record. Its domain is free again.
    pub fn remove_service(&mut self, service: &Service) -> Result<()> {
        for import in self.imports_of(service.id)? {
            let id = import.id.0;
            self.table(IMPORT_TEXT)?
                .remove_range((id, 0u32)..=(id, u32::MAX))?;
            self.table(IMPORT_ROWS)?
                .remove_range((id, 0u64)..=(id, u64::MAX))?;
            self.table(IMPORT_FILES)?.delete(id)?;
            self.table(IMPORTS)?.delete(id)?;
            self.table(SERVICE_IMPORTS)?.delete((service.id.0, id))?;
        }
        for key in self.dkim_keys(service.id)? {
            self.remove_dkim_key(&key)?;
        }
        self.table(DNS_REPORTS)?.delete(service.id.0)?;
        self.table(SERVICE_BY_DOMAIN)?
            .delete(service.domain.as_ascii())?;
        self.unindex_domain_for_search(service)?;
        self.table(ORG_SERVICES)?
            .delete((service.org.0, service.id.0))?;
        self.table(SERVICES)?.delete(service.id.0)?;
        Ok(())
    }

    /// An organisation's API tokens with their kept answers, and its record.
    pub fn remove_organisation(&mut self, org: OrgId) -> Result<()> {
        for token in self.tokens_of(org)? {
            let id = token.id.0;
            self.table(IDEMPOTENCY)?
                .remove_range((id, "")..(id.saturating_add(1), ""))?;
            self.table(ORG_TOKENS)?.delete((org.0, id))?;
            self.table(API_TOKENS)?.delete(id)?;
        }
        // Its name is free again (the audit log keeps it).
        if let Some(organisation) = self.organisation(org)? {
            let key = crate::model::Organisation::name_key(&organisation.name);
            {
                let mut names = self.table(ORG_NAMES)?;
                if names.get(key.as_str())?.map(|v| v.value()) == Some(org.0) {
                    names.delete(key.as_str())?;
                }
            }
            self.unindex_name_for_search(org, &organisation.name)?;
        }
        self.table(ORGS)?.delete(org.0)?;
        Ok(())
    }
}

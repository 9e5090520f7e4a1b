//! Email services, the index of their domains, and each organisation's.

use super::codec::encode;
use super::records::get;
use super::schema::{ORG_SERVICES, SERVICE_BY_DOMAIN, SERVICES};
use super::{Query, Result, Writer};
use crate::model::{Domain, OrgId, Service, ServiceId};

pub trait ServiceQueries: Query {
    fn service(&self, id: ServiceId) -> Result<Option<Service>> {
        get(&self.table(SERVICES)?, id.0)
    }

    fn service_by_domain(&self, domain: &Domain) -> Result<Option<Service>> {
        let id = self
            .table(SERVICE_BY_DOMAIN)?
            .get(domain.as_ascii())?
            .map(|v| v.value());
        match id {
            Some(id) => get(&self.table(SERVICES)?, id),
            None => Ok(None),
        }
    }

    /// The organisations with a service whose domain contains `text`
    /// (lowercase), in its ASCII or its Unicode form: read from the domain
    /// index's keys, decoding only the services that match or are
    /// international.
    fn organisations_with_domain_containing(
        &self,
        text: &str,
    ) -> Result<std::collections::HashSet<OrgId>> {
        let table = self.table(SERVICES)?;
        let mut found = std::collections::HashSet::new();
        for entry in self.table(SERVICE_BY_DOMAIN)?.iter()? {
            let (domain, id) = entry?;
            let ascii = domain.value();
            // An international domain is also found as people write it.
            if (ascii.contains(text) || ascii.contains("xn--"))
                && let Some(service) = super::records::get::<_, Service>(&table, id.value())?
                && (ascii.contains(text)
                    || service.domain.to_string().to_lowercase().contains(text))
            {
                found.insert(service.org);
            }
        }
        Ok(found)
    }

    /// The services of one organisation, sorted by domain.
    fn services_of(&self, org: OrgId) -> Result<Vec<Service>> {
        let mut services: Vec<Service> =
            super::records::children(&self.table(ORG_SERVICES)?, &self.table(SERVICES)?, org.0)?;
        services.sort_by(|a, b| a.domain.as_ascii().cmp(b.domain.as_ascii()));
        Ok(services)
    }
}

impl<Q: Query> ServiceQueries for Q {}

impl Writer {
    pub fn insert_service(&mut self, org: OrgId, domain: &Domain, now: i64) -> Result<Service> {
        let service = Service {
            id: ServiceId(self.next_id("service")?),
            org,
            domain: domain.clone(),
            created: now,
            address_count: 0,
            catch_all: None,
            default_quota: None,
            own_quota_mb: 0,
            on_default_quota: 0,
            verification: None,
            closed: false,
        };
        self.put_service(&service)?;
        self.table(SERVICE_BY_DOMAIN)?
            .put(domain.as_ascii(), service.id.0)?;
        self.table(ORG_SERVICES)?.put((org.0, service.id.0), ())?;
        Ok(service)
    }

    pub fn put_service(&mut self, service: &Service) -> Result<()> {
        self.table(SERVICES)?
            .put(service.id.0, encode(service)?.as_slice())?;
        Ok(())
    }
}

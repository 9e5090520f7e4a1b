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

    /// The services of one organisation, sorted by domain.
    fn services_of(&self, org: OrgId) -> Result<Vec<Service>> {
        super::org_parts::services_in(&self.table(ORG_SERVICES)?, &self.table(SERVICES)?, org)
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
        self.index_domain_for_search(&service)?;
        Ok(service)
    }

    pub fn put_service(&mut self, service: &Service) -> Result<()> {
        self.table(SERVICES)?
            .put(service.id.0, encode(service)?.as_slice())?;
        Ok(())
    }
}

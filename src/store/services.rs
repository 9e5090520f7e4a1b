use redb::ReadableTable;

use super::codec::{decode, encode, get};
use super::schema::{SERVICE_BY_DOMAIN, SERVICES};
use super::{OrgId, Reader, Result, Service, ServiceId, Writer};
use crate::model::Domain;

impl Reader {
    pub fn service(&self, id: ServiceId) -> Result<Option<Service>> {
        get(&self.txn.open_table(SERVICES)?, id)
    }

    pub fn service_by_domain(&self, domain: &Domain) -> Result<Option<Service>> {
        let index = self.txn.open_table(SERVICE_BY_DOMAIN)?;
        let Some(id) = index.get(domain.as_ascii())?.map(|v| v.value()) else {
            return Ok(None);
        };
        self.service(id)
    }

    /// The services of one organisation, sorted by domain.
    pub fn services_of(&self, org: OrgId) -> Result<Vec<Service>> {
        let index = self.txn.open_table(SERVICE_BY_DOMAIN)?;
        let table = self.txn.open_table(SERVICES)?;
        let mut services = Vec::new();
        for entry in index.iter()? {
            let (_, id) = entry?;
            if let Some(value) = table.get(id.value())? {
                let service: Service = decode(value.value())?;
                if service.org == org {
                    services.push(service);
                }
            }
        }
        Ok(services)
    }
}

impl Writer {
    pub fn service_by_domain(&self, domain: &Domain) -> Result<Option<Service>> {
        let index = self.txn.open_table(SERVICE_BY_DOMAIN)?;
        let Some(id) = index.get(domain.as_ascii())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(SERVICES)?, id)
    }

    pub fn service(&self, id: ServiceId) -> Result<Option<Service>> {
        get(&self.txn.open_table(SERVICES)?, id)
    }

    pub fn insert_service(&mut self, org: OrgId, domain: &Domain, now: i64) -> Result<Service> {
        let service = Service {
            id: self.next_id("service")?,
            org,
            domain: domain.clone(),
            created: now,
            address_count: 0,
            catch_all: None,
        };
        self.put_service(&service)?;
        self.txn
            .open_table(SERVICE_BY_DOMAIN)?
            .insert(domain.as_ascii(), service.id)?;
        Ok(service)
    }

    pub fn put_service(&mut self, service: &Service) -> Result<()> {
        self.txn
            .open_table(SERVICES)?
            .insert(service.id, encode(service)?.as_slice())?;
        Ok(())
    }
}

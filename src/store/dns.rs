//! The last DNS check of each service, and the DKIM keys of each service.

use super::codec::encode;
use super::records::{children, get};
use super::schema::{DKIM_KEYS, DNS_REPORTS, SERVICE_DKIM};
use super::{Query, Result, Writer};
use crate::model::{DkimKey, DkimKeyId, DnsReport, ServiceId};

pub trait DnsQueries: Query {
    fn dns_report(&self, service: ServiceId) -> Result<Option<DnsReport>> {
        get(&self.table(DNS_REPORTS)?, service.0)
    }

    /// A service's DKIM keys, oldest first.
    fn dkim_keys(&self, service: ServiceId) -> Result<Vec<DkimKey>> {
        children(
            &self.table(SERVICE_DKIM)?,
            &self.table(DKIM_KEYS)?,
            service.0,
        )
    }

    /// Every DKIM key, for the signer's tables.
    fn all_dkim_keys(&self) -> Result<Vec<DkimKey>> {
        let table = self.table(DKIM_KEYS)?;
        let mut keys = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            keys.push(super::codec::decode(value.value())?);
        }
        Ok(keys)
    }
}

impl<Q: Query> DnsQueries for Q {}

impl Writer {
    pub fn put_dns_report(&mut self, service: ServiceId, report: &DnsReport) -> Result<()> {
        self.table(DNS_REPORTS)?
            .put(service.0, encode(report)?.as_slice())?;
        Ok(())
    }

    pub fn insert_dkim_key(&mut self, make: impl FnOnce(DkimKeyId) -> DkimKey) -> Result<DkimKey> {
        let key = make(DkimKeyId(self.next_id("dkim_key")?));
        self.put_dkim_key(&key)?;
        self.table(SERVICE_DKIM)?
            .put((key.service.0, key.id.0), ())?;
        Ok(key)
    }

    pub fn put_dkim_key(&mut self, key: &DkimKey) -> Result<()> {
        self.table(DKIM_KEYS)?
            .put(key.id.0, encode(key)?.as_slice())?;
        Ok(())
    }

    pub fn remove_dkim_key(&mut self, key: &DkimKey) -> Result<()> {
        self.table(DKIM_KEYS)?.delete(key.id.0)?;
        self.table(SERVICE_DKIM)?
            .delete((key.service.0, key.id.0))?;
        Ok(())
    }
}

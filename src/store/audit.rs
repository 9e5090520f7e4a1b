//! The audit log: append-only, with an index of each address's events and
//! one of each organisation's.

use super::codec::{decode, encode};
use super::schema::{AUDIT, AUDIT_BY_ADDRESS, AUDIT_BY_ORG};
use super::{Query, Result, Writer};
use crate::model::{AddressId, AuditEvent, OrgId};

pub trait AuditQueries: Query {
    /// The newest `limit` events, newest first.
    fn recent_audit(&self, limit: usize) -> Result<Vec<AuditEvent>> {
        let table = self.table(AUDIT)?;
        let mut events = Vec::new();
        for entry in table.iter()?.rev().take(limit) {
            let (_, value) = entry?;
            events.push(decode(value.value())?);
        }
        Ok(events)
    }

    /// One address's history, newest first.
    fn audit_of_address(&self, address: AddressId, limit: usize) -> Result<Vec<AuditEvent>> {
        let index = self.table(AUDIT_BY_ADDRESS)?;
        let table = self.table(AUDIT)?;
        let mut events = Vec::new();
        let range = (address.0, 0)..=(address.0, u64::MAX);
        for entry in index.range(range)?.rev().take(limit) {
            let (key, _) = entry?;
            if let Some(value) = table.get(key.value().1)? {
                events.push(decode(value.value())?);
            }
        }
        Ok(events)
    }

    /// An organisation's events before the event `before` (`None`: from
    /// the newest), newest first, each with its id.
    fn audit_of_org(
        &self,
        org: OrgId,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<(u64, AuditEvent)>> {
        let index = self.table(AUDIT_BY_ORG)?;
        let table = self.table(AUDIT)?;
        let mut events = Vec::new();
        let range = (org.0, 0)..(org.0, before.unwrap_or(u64::MAX));
        for entry in index.range(range)?.rev().take(limit) {
            let (key, _) = entry?;
            let id = key.value().1;
            if let Some(value) = table.get(id)? {
                events.push((id, decode(value.value())?));
            }
        }
        Ok(events)
    }
}

impl<Q: Query> AuditQueries for Q {}

impl Writer {
    /// Append-only: events get increasing ids and are never rewritten.
    pub fn append_audit(&mut self, event: &AuditEvent) -> Result<()> {
        let id = self.next_id("audit")?;
        self.table(AUDIT)?.put(id, encode(event)?.as_slice())?;
        if let Some(address) = event.address {
            self.table(AUDIT_BY_ADDRESS)?.put((address.0, id), ())?;
        }
        if let Some(org) = event.org {
            self.table(AUDIT_BY_ORG)?.put((org.0, id), ())?;
        }
        Ok(())
    }
}

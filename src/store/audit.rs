use redb::ReadableTable;

use super::codec::{decode, encode};
use super::schema::{AUDIT, AUDIT_BY_ADDRESS};
use super::{AddressId, AuditEvent, Reader, Result, Writer};

impl Reader {
    /// The newest `limit` events, newest first.
    pub fn recent_audit(&self, limit: usize) -> Result<Vec<AuditEvent>> {
        let table = self.txn.open_table(AUDIT)?;
        let mut events = Vec::new();
        for entry in table.iter()?.rev().take(limit) {
            let (_, value) = entry?;
            events.push(decode(value.value())?);
        }
        Ok(events)
    }
}

impl Reader {
    /// One address's history, newest first.
    pub fn audit_of_address(&self, address: AddressId, limit: usize) -> Result<Vec<AuditEvent>> {
        let index = self.txn.open_table(AUDIT_BY_ADDRESS)?;
        let table = self.txn.open_table(AUDIT)?;
        let mut events = Vec::new();
        for entry in index
            .range((address, 0)..=(address, u64::MAX))?
            .rev()
            .take(limit)
        {
            let (key, _) = entry?;
            if let Some(value) = table.get(key.value().1)? {
                events.push(decode(value.value())?);
            }
        }
        Ok(events)
    }
}

impl Writer {
    /// Append-only: events get increasing ids and are never rewritten.
    pub fn append_audit(&mut self, event: &AuditEvent) -> Result<()> {
        let id = self.next_id("audit")?;
        self.txn
            .open_table(AUDIT)?
            .insert(id, encode(event)?.as_slice())?;
        if let Some(address) = event.address {
            self.txn
                .open_table(AUDIT_BY_ADDRESS)?
                .insert((address, id), ())?;
        }
        Ok(())
    }
}

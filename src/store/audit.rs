use redb::ReadableTable;

use super::codec::{decode, encode};
use super::schema::AUDIT;
use super::{AuditEvent, Reader, Result, Writer};

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

impl Writer {
    /// Append-only: events get increasing ids and are never rewritten.
    pub fn append_audit(&mut self, event: &AuditEvent) -> Result<()> {
        let id = self.next_id("audit")?;
        self.txn
            .open_table(AUDIT)?
            .insert(id, encode(event)?.as_slice())?;
        Ok(())
    }
}

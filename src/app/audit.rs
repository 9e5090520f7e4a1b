//! Reading the audit trail (writing it is part of every use case).

use super::{AddressView, App, AppError, Result};
use crate::model::Permission;
use crate::store::AuditEvent;

/// One line of an address's History tab.
pub struct HistoryEntry {
    pub event: AuditEvent,
    /// The actor's login, when the actor still exists.
    pub actor: Option<String>,
}

impl App {
    /// The newest events of an address, for users with `history`.
    pub fn address_history(&self, view: &AddressView, limit: usize) -> Result<Vec<HistoryEntry>> {
        if !view.may(Permission::History) {
            return Err(AppError::Forbidden);
        }
        let reader = self.store.read()?;
        reader
            .audit_of_address(view.address.id, limit)?
            .into_iter()
            .map(|event| {
                let actor = match event.actor {
                    Some(id) => reader.user(id)?.map(|u| u.login.to_string()),
                    None => None,
                };
                Ok(HistoryEntry { event, actor })
            })
            .collect()
    }
}

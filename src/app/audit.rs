//! The audit trail: every use case appends its event in its own
//! transaction (`record`); users with `history` read an address's events.

use super::access::Grant;
use super::capabilities::Addresses;
use super::{Actor, AddressRef, Result, now};
use crate::model::{AddressId, AuditEvent, OrgId, Permission};
use crate::store::Writer;
use crate::store::prelude::*;

/// One line of an address's History tab.
pub struct HistoryEntry {
    pub event: AuditEvent,
    /// The actor's login, when the actor still exists.
    pub actor: Option<String>,
}

/// A page of an organisation's history, and the event id to read older
/// ones before.
pub struct HistoryPage {
    /// The organisation's name.
    pub organisation: String,
    pub entries: Vec<HistoryEntry>,
    pub older: Option<u64>,
}

/// An event as people read it: who acted, by login (and API token).
pub(super) fn entry(reader: &impl Query, event: AuditEvent) -> Result<HistoryEntry> {
    let mut actor = match event.actor {
        Some(id) => reader.user(id)?.map(|u| u.login.to_string()),
        None => None,
    };
    if let Some(token) = event.token {
        let name = reader.api_token(token)?.map(|t| t.name);
        let by = name.unwrap_or_else(|| format!("#{token}"));
        actor = Some(match actor {
            Some(person) => format!("{person} (API token {by})"),
            None => format!("API token {by}"),
        });
    }
    Ok(HistoryEntry { event, actor })
}

/// Appends an event about the organisation (or, with `org: None`, the
/// installation).
pub(super) fn record(
    tx: &mut Writer,
    actor: Option<&Actor>,
    org: Option<OrgId>,
    action: &str,
    object: impl Into<String>,
) -> Result<()> {
    let ip = actor.and_then(|a| a.ip.clone());
    append(tx, actor, ip, org, None, action, object.into())
}

/// Appends an event that belongs to one address's history.
pub(super) fn record_address(
    tx: &mut Writer,
    actor: &Actor,
    org: OrgId,
    address: AddressId,
    action: &str,
    object: impl Into<String>,
) -> Result<()> {
    append(
        tx,
        Some(actor),
        actor.ip.clone(),
        Some(org),
        Some(address),
        action,
        object.into(),
    )
}

/// Appends an event of an address's history that no person caused (the
/// mail server's side of a removal, done by a job).
pub(super) fn record_system(
    tx: &mut Writer,
    org: OrgId,
    address: AddressId,
    action: &str,
    object: String,
) -> Result<()> {
    append(tx, None, None, Some(org), Some(address), action, object)
}

/// Appends an event of an address's history that the mail server saw,
/// from a client's address.
pub(super) fn record_mail_server(
    tx: &mut Writer,
    org: OrgId,
    address: AddressId,
    ip: Option<String>,
    action: &str,
    object: String,
) -> Result<()> {
    append(tx, None, ip, Some(org), Some(address), action, object)
}

fn append(
    tx: &mut Writer,
    actor: Option<&Actor>,
    ip: Option<String>,
    org: Option<OrgId>,
    address: Option<AddressId>,
    action: &str,
    object: String,
) -> Result<()> {
    tx.append_audit(&AuditEvent {
        at: now(),
        actor: actor.map(|a| a.user),
        token: actor.and_then(|a| a.token),
        ip,
        org,
        action: action.to_owned(),
        object,
        address,
    })?;
    Ok(())
}

impl Addresses<'_> {
    /// The newest events of an address, for users with `history`.
    pub fn address_history(
        &self,
        actor: &Actor,
        target: &AddressRef,
        limit: usize,
    ) -> Result<Vec<HistoryEntry>> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, actor, target)?;
        grant.require_to_read(Permission::History)?;
        reader
            .audit_of_address(grant.address.id, limit)?
            .into_iter()
            .map(|event| entry(&reader, event))
            .collect()
    }
}

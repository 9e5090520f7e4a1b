use std::ops::Bound;

use redb::ReadableTable;

use super::codec::{decode, encode, get};
use super::schema::{ACCESSES, ADDRESS_BY_NAME, ADDRESSES, DELETED_ADDRESSES, USER_ACCESSES};
use super::{Access, Address, AddressId, AddressKind, Reader, Result, ServiceId, UserId, Writer};
use crate::model::LocalPart;

/// Where a page of the address list starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    /// The page after this local part.
    After(String),
    /// The page before this local part.
    Before(String),
}

/// One page of addresses sorted by local part, with what is needed to link
/// to its neighbours.
#[derive(Debug, Clone)]
pub struct AddressPage {
    pub items: Vec<Address>,
    pub has_previous: bool,
    pub has_next: bool,
}

impl Reader {
    pub fn address(&self, id: AddressId) -> Result<Option<Address>> {
        get(&self.txn.open_table(ADDRESSES)?, id)
    }

    pub fn address_by_name(
        &self,
        service: ServiceId,
        local: &LocalPart,
    ) -> Result<Option<Address>> {
        let index = self.txn.open_table(ADDRESS_BY_NAME)?;
        let Some(id) = index.get((service, local.as_str()))?.map(|v| v.value()) else {
            return Ok(None);
        };
        self.address(id)
    }

    pub fn access(&self, address: AddressId, user: UserId) -> Result<Option<Access>> {
        get(&self.txn.open_table(ACCESSES)?, (address, user))
    }

    /// Everyone with access to an address.
    pub fn accesses_of(&self, address: AddressId) -> Result<Vec<Access>> {
        let table = self.txn.open_table(ACCESSES)?;
        let mut found = Vec::new();
        for entry in table.range((address, 0)..=(address, u64::MAX))? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }

    /// Active addresses of a service whose local part starts with `prefix`,
    /// read as a range of the sorted name index: cost grows with the page,
    /// not with the service.
    pub fn address_page(
        &self,
        service: ServiceId,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<AddressPage> {
        let index = self.txn.open_table(ADDRESS_BY_NAME)?;
        let table = self.txn.open_table(ADDRESSES)?;
        let start = (service, prefix);
        let end = Bound::Excluded((service + 1, ""));
        // Aliases share the name index; only an address's own name lists it.
        let load = |id: u64, name: &str| -> Result<Option<Address>> {
            let address: Option<Address> = get(&table, id)?;
            Ok(address.filter(|a| a.is_active() && a.local_part.as_str() == name))
        };
        match cursor {
            Cursor::Before(before) if before.as_str() > prefix => {
                let range = (
                    Bound::Included(start),
                    Bound::Excluded((service, before.as_str())),
                );
                let mut items = Vec::with_capacity(limit + 1);
                for entry in index.range(range)?.rev() {
                    let (key, id) = entry?;
                    if let Some(address) = load(id.value(), key.value().1)? {
                        items.push(address);
                        if items.len() > limit {
                            break;
                        }
                    }
                }
                let has_previous = items.len() > limit;
                items.truncate(limit);
                items.reverse();
                Ok(AddressPage {
                    items,
                    has_previous,
                    has_next: true,
                })
            }
            _ => {
                let lower = match cursor {
                    Cursor::After(after) if after.as_str() >= prefix => {
                        Bound::Excluded((service, after.as_str()))
                    }
                    _ => Bound::Included(start),
                };
                let has_previous = matches!(lower, Bound::Excluded(_));
                let mut items = Vec::with_capacity(limit + 1);
                for entry in index.range((lower, end))? {
                    let (key, id) = entry?;
                    if !key.value().1.starts_with(prefix) {
                        break;
                    }
                    if let Some(address) = load(id.value(), key.value().1)? {
                        items.push(address);
                        if items.len() > limit {
                            break;
                        }
                    }
                }
                let has_next = items.len() > limit;
                items.truncate(limit);
                Ok(AddressPage {
                    items,
                    has_previous,
                    has_next,
                })
            }
        }
    }

    /// The addresses a user has access to in one service (a member's view),
    /// sorted by local part. A member's list is short: it is read whole.
    pub fn addresses_of_user(&self, user: UserId, service: ServiceId) -> Result<Vec<Address>> {
        let index = self.txn.open_table(USER_ACCESSES)?;
        let table = self.txn.open_table(ADDRESSES)?;
        let mut found = Vec::new();
        for entry in index.range((user, 0)..=(user, u64::MAX))? {
            let (key, _) = entry?;
            let address: Option<Address> = get(&table, key.value().1)?;
            if let Some(address) = address.filter(|a| a.service == service && a.is_active()) {
                found.push(address);
            }
        }
        found.sort_by(|a, b| a.local_part.cmp(&b.local_part));
        Ok(found)
    }
}

impl Reader {
    /// Every address of every service, in id order: for exports.
    pub fn all_addresses(&self) -> Result<Vec<Address>> {
        let table = self.txn.open_table(ADDRESSES)?;
        let mut found = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }

    /// Deleted addresses of a service still within their retention.
    pub fn deleted_addresses(&self, service: ServiceId) -> Result<Vec<Address>> {
        let index = self.txn.open_table(DELETED_ADDRESSES)?;
        let table = self.txn.open_table(ADDRESSES)?;
        let mut found = Vec::new();
        for entry in index.range((service, 0)..=(service, u64::MAX))? {
            let (key, _) = entry?;
            if let Some(address) = get(&table, key.value().1)? {
                found.push(address);
            }
        }
        Ok(found)
    }
}

impl Writer {
    pub fn address(&self, id: AddressId) -> Result<Option<Address>> {
        get(&self.txn.open_table(ADDRESSES)?, id)
    }

    pub fn access(&self, address: AddressId, user: UserId) -> Result<Option<Access>> {
        get(&self.txn.open_table(ACCESSES)?, (address, user))
    }

    /// The addresses a user has access to within one organisation.
    pub fn addresses_of_user_in(&self, user: UserId, org: super::OrgId) -> Result<Vec<AddressId>> {
        let index = self.txn.open_table(USER_ACCESSES)?;
        let table = self.txn.open_table(ADDRESSES)?;
        let mut found = Vec::new();
        for entry in index.range((user, 0)..=(user, u64::MAX))? {
            let (key, _) = entry?;
            let id = key.value().1;
            let address: Option<Address> = get(&table, id)?;
            if let Some(address) = address
                && self.service(address.service)?.is_some_and(|s| s.org == org)
            {
                found.push(id);
            }
        }
        Ok(found)
    }

    pub fn accesses_of(&self, address: AddressId) -> Result<Vec<Access>> {
        let table = self.txn.open_table(ACCESSES)?;
        let mut found = Vec::new();
        for entry in table.range((address, 0)..=(address, u64::MAX))? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }

    /// Points another name (an alias) at an address.
    pub fn add_name(&mut self, service: ServiceId, name: &LocalPart, id: AddressId) -> Result<()> {
        self.txn
            .open_table(ADDRESS_BY_NAME)?
            .insert((service, name.as_str()), id)?;
        Ok(())
    }

    pub fn remove_name(&mut self, service: ServiceId, name: &LocalPart) -> Result<()> {
        self.txn
            .open_table(ADDRESS_BY_NAME)?
            .remove((service, name.as_str()))?;
        Ok(())
    }

    pub fn remove_access(&mut self, address: AddressId, user: UserId) -> Result<()> {
        self.txn.open_table(ACCESSES)?.remove((address, user))?;
        self.txn
            .open_table(USER_ACCESSES)?
            .remove((user, address))?;
        Ok(())
    }

    /// Stores an address that was just marked deleted; its names stay
    /// reserved, and it is counted out of its service.
    pub fn mark_deleted(&mut self, address: &Address) -> Result<()> {
        self.put_address(address)?;
        self.txn
            .open_table(DELETED_ADDRESSES)?
            .insert((address.service, address.id), ())?;
        if let Some(mut service) = self.service(address.service)? {
            service.address_count = service.address_count.saturating_sub(1);
            if service.catch_all == Some(address.id) {
                service.catch_all = None;
            }
            self.put_service(&service)?;
        }
        Ok(())
    }

    /// Stores an address that was just made active again.
    pub fn mark_restored(&mut self, address: &Address) -> Result<()> {
        self.put_address(address)?;
        self.txn
            .open_table(DELETED_ADDRESSES)?
            .remove((address.service, address.id))?;
        if let Some(mut service) = self.service(address.service)? {
            service.address_count += 1;
            if address.kind == AddressKind::CatchAll {
                service.catch_all = Some(address.id);
            }
            self.put_service(&service)?;
        }
        Ok(())
    }

    /// Removes a deleted address for good: its record, names, accesses and
    /// invitations. Its history stays in the audit log.
    pub fn purge_address(&mut self, address: &Address) -> Result<()> {
        self.remove_name(address.service, &address.local_part)?;
        for alias in &address.aliases {
            self.remove_name(address.service, alias)?;
        }
        for access in self.accesses_of(address.id)? {
            self.remove_access(address.id, access.user)?;
        }
        self.remove_invitations_of(address.id)?;
        self.txn
            .open_table(DELETED_ADDRESSES)?
            .remove((address.service, address.id))?;
        self.txn.open_table(ADDRESSES)?.remove(address.id)?;
        Ok(())
    }

    /// Every deleted address of every service, for the retention sweep.
    pub fn all_deleted(&self) -> Result<Vec<Address>> {
        let index = self.txn.open_table(DELETED_ADDRESSES)?;
        let table = self.txn.open_table(ADDRESSES)?;
        let mut found = Vec::new();
        for entry in index.iter()? {
            let (key, _) = entry?;
            if let Some(address) = get(&table, key.value().1)? {
                found.push(address);
            }
        }
        Ok(found)
    }

    pub fn address_by_name(
        &self,
        service: ServiceId,
        local: &LocalPart,
    ) -> Result<Option<Address>> {
        let index = self.txn.open_table(ADDRESS_BY_NAME)?;
        let Some(id) = index.get((service, local.as_str()))?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(ADDRESSES)?, id)
    }

    /// Inserts a new address and counts it on its service; the caller has
    /// checked that the name is free.
    pub fn insert_address(&mut self, make: impl FnOnce(AddressId) -> Address) -> Result<Address> {
        let address = make(self.next_id("address")?);
        self.put_address(&address)?;
        self.txn
            .open_table(ADDRESS_BY_NAME)?
            .insert((address.service, address.local_part.as_str()), address.id)?;
        if let Some(mut service) = self.service(address.service)? {
            service.address_count += 1;
            if address.kind == AddressKind::CatchAll {
                service.catch_all = Some(address.id);
            }
            self.put_service(&service)?;
        }
        Ok(address)
    }

    pub fn put_address(&mut self, address: &Address) -> Result<()> {
        self.txn
            .open_table(ADDRESSES)?
            .insert(address.id, encode(address)?.as_slice())?;
        Ok(())
    }

    pub fn put_access(&mut self, access: &Access) -> Result<()> {
        self.txn
            .open_table(ACCESSES)?
            .insert((access.address, access.user), encode(access)?.as_slice())?;
        self.txn
            .open_table(USER_ACCESSES)?
            .insert((access.user, access.address), ())?;
        Ok(())
    }
}

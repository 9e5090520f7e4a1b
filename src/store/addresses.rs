//! Addresses, the name index they share with their aliases, the accesses
//! of users to them (indexed both ways), and deleted addresses in their
//! retention period.

use std::ops::Bound;

use super::codec::{decode, encode};
use super::records::{all, get};
use super::schema::{ACCESSES, ADDRESS_BY_NAME, ADDRESSES, DELETED_ADDRESSES, USER_ACCESSES};
use super::services::ServiceQueries;
use super::{Query, Result, Writer};
use crate::model::{
    Access, Address, AddressId, AddressKind, AddressPage, Cursor, LocalPart, OrgId, Quota,
    ServiceId, UserId,
};

pub trait AddressQueries: Query {
    /// Addresses stored, of every service and state.
    fn address_count(&self) -> Result<u64> {
        self.table(ADDRESSES)?.len()
    }

    fn address(&self, id: AddressId) -> Result<Option<Address>> {
        get(&self.table(ADDRESSES)?, id.0)
    }

    /// The address holding a name, as its own or as an alias, in any state.
    fn address_by_name(&self, service: ServiceId, local: &LocalPart) -> Result<Option<Address>> {
        let addresses = self.table(ADDRESSES)?;
        match self
            .table(ADDRESS_BY_NAME)?
            .get_through((service.0, local.as_str()), &addresses)?
        {
            Some(found) => Ok(Some(decode(found.value())?)),
            None => Ok(None),
        }
    }

    /// Reads ahead the addresses of a service named `locals`, and their
    /// records (see `Table::prefetch`): a batch of rows asks once, not once
    /// a row.
    fn prefetch_addresses_by_name(&self, service: ServiceId, locals: &[&LocalPart]) -> Result<()> {
        let index = self.table(ADDRESS_BY_NAME)?;
        if !index.reads_ahead() {
            return Ok(());
        }
        let keys: Vec<(u64, &str)> = locals.iter().map(|l| (service.0, l.as_str())).collect();
        index.prefetch(&keys)?;
        let mut ids = Vec::new();
        for key in keys {
            if let Some(id) = index.get(key)? {
                ids.push(id.value());
            }
        }
        self.table(ADDRESSES)?.prefetch(&ids)
    }

    fn access(&self, address: AddressId, user: UserId) -> Result<Option<Access>> {
        get(&self.table(ACCESSES)?, (address.0, user.0))
    }

    /// Everyone with access to an address.
    fn accesses_of(&self, address: AddressId) -> Result<Vec<Access>> {
        let table = self.table(ACCESSES)?;
        let mut found = Vec::new();
        for entry in table.range((address.0, 0)..=(address.0, u64::MAX))? {
            let (_, value) = entry?;
            found.push(decode(value.value())?);
        }
        Ok(found)
    }

    /// Ids of the addresses a user has access to, in any service.
    fn access_ids_of_user(&self, user: UserId) -> Result<Vec<AddressId>> {
        let index = self.table(USER_ACCESSES)?;
        let mut found = Vec::new();
        for entry in index.range((user.0, 0)..=(user.0, u64::MAX))? {
            found.push(AddressId(entry?.0.value().1));
        }
        Ok(found)
    }

    /// The addresses a user has access to in one service (a member's view),
    /// sorted by local part. A member's list is short: it is read whole.
    fn addresses_of_user(&self, user: UserId, service: ServiceId) -> Result<Vec<Address>> {
        let mut found = Vec::new();
        for id in self.access_ids_of_user(user)? {
            if let Some(address) = self
                .address(id)?
                .filter(|a| a.service == service && a.is_active())
            {
                found.push(address);
            }
        }
        found.sort_by(|a, b| a.local_part.cmp(&b.local_part));
        Ok(found)
    }

    /// The addresses a user has access to within one organisation.
    fn addresses_of_user_in(&self, user: UserId, org: OrgId) -> Result<Vec<AddressId>> {
        let mut found = Vec::new();
        for id in self.access_ids_of_user(user)? {
            if let Some(address) = self.address(id)?
                && self.service(address.service)?.is_some_and(|s| s.org == org)
            {
                found.push(id);
            }
        }
        Ok(found)
    }

    /// Active addresses of a service whose local part starts with `prefix`,
    /// read as a range of the sorted name index: cost grows with the page,
    /// not with the service.
    fn address_page(
        &self,
        service: ServiceId,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<AddressPage> {
        let index = self.table(ADDRESS_BY_NAME)?;
        let table = self.table(ADDRESSES)?;
        let service = service.0;
        let start = (service, prefix);
        let end = Bound::Excluded((service + 1, ""));
        // Aliases share the name index; only an address's own name lists it.
        // The page's records are read ahead a page's worth of names at a
        // time (one statement on PostgreSQL, not one a row); false once
        // the page is full.
        let load_all = |names: &[(String, u64)], items: &mut Vec<Address>| -> Result<bool> {
            let ids: Vec<u64> = names.iter().map(|(_, id)| *id).collect();
            table.prefetch(&ids)?;
            for (name, id) in names {
                let address: Option<Address> = get(&table, *id)?;
                if let Some(address) =
                    address.filter(|a| a.is_active() && a.local_part.as_str() == name)
                {
                    items.push(address);
                    if items.len() > limit {
                        return Ok(false);
                    }
                }
            }
            Ok(names.len() == limit + 1)
        };
        if let Cursor::Before(before) = cursor
            && before.as_str() > prefix
        {
            let range = (
                Bound::Included(start),
                Bound::Excluded((service, before.as_str())),
            );
            let mut items = Vec::with_capacity(limit + 1);
            let mut entries = index.range(range)?.rev();
            loop {
                let names = next_names(&mut entries, "", limit + 1)?;
                if names.is_empty() || !load_all(&names, &mut items)? {
                    break;
                }
            }
            let has_previous = items.len() > limit;
            items.truncate(limit);
            items.reverse();
            return Ok(AddressPage {
                items,
                has_previous,
                has_next: true,
            });
        }
        let lower = match cursor {
            Cursor::After(after) if after.as_str() >= prefix => {
                Bound::Excluded((service, after.as_str()))
            }
            _ => Bound::Included(start),
        };
        let has_previous = matches!(lower, Bound::Excluded(_));
        let mut items = Vec::with_capacity(limit + 1);
        let mut entries = index.range((lower, end))?;
        loop {
            let names = next_names(&mut entries, prefix, limit + 1)?;
            if names.is_empty() || !load_all(&names, &mut items)? {
                break;
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

    /// Every address of every service, in id order: for exports.
    fn all_addresses(&self) -> Result<Vec<Address>> {
        all(&self.table(ADDRESSES)?)
    }

    /// Deleted addresses of a service (`None`: of every service), in
    /// retention or past it.
    fn deleted_addresses(&self, service: Option<ServiceId>) -> Result<Vec<Address>> {
        let index = self.table(DELETED_ADDRESSES)?;
        let table = self.table(ADDRESSES)?;
        let range = match service {
            Some(s) => (s.0, 0)..=(s.0, u64::MAX),
            None => (0, 0)..=(u64::MAX, u64::MAX),
        };
        let mut found = Vec::new();
        for entry in index.range(range)? {
            let (key, _) = entry?;
            if let Some(address) = get(&table, key.value().1)? {
                found.push(address);
            }
        }
        Ok(found)
    }
}

impl<Q: Query> AddressQueries for Q {}

impl Writer {
    /// Points another name (an alias) at an address.
    pub fn add_name(&mut self, service: ServiceId, name: &LocalPart, id: AddressId) -> Result<()> {
        self.table(ADDRESS_BY_NAME)?
            .put((service.0, name.as_str()), id.0)?;
        Ok(())
    }

    pub fn remove_name(&mut self, service: ServiceId, name: &LocalPart) -> Result<()> {
        self.table(ADDRESS_BY_NAME)?
            .delete((service.0, name.as_str()))?;
        Ok(())
    }

    pub fn remove_access(&mut self, address: AddressId, user: UserId) -> Result<()> {
        self.table(ACCESSES)?.delete((address.0, user.0))?;
        self.table(USER_ACCESSES)?.delete((user.0, address.0))?;
        Ok(())
    }

    /// Stores an address that was just marked deleted; its names stay
    /// reserved, and it is counted out of its service.
    pub fn mark_deleted(&mut self, address: &Address) -> Result<()> {
        self.put_address(address)?;
        self.table(DELETED_ADDRESSES)?
            .put((address.service.0, address.id.0), ())?;
        if let Some(mut service) = self.service(address.service)? {
            service.address_count = service.address_count.saturating_sub(1);
            if address.has_mailbox() {
                service.count_quota(address.quota, false);
            }
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
        self.table(DELETED_ADDRESSES)?
            .delete((address.service.0, address.id.0))?;
        self.count_in(address)
    }

    /// Removes a deleted address for good: its record, names, accesses,
    /// invitations, device passwords and sharing links. Its history stays in the audit log.
    pub fn purge_address(&mut self, address: &Address) -> Result<()> {
        self.remove_address_keys(address.id)?;
        self.remove_name(address.service, &address.local_part)?;
        for alias in &address.aliases {
            self.remove_name(address.service, alias)?;
        }
        for access in self.accesses_of(address.id)? {
            self.remove_access(address.id, access.user)?;
        }
        self.remove_invitations_of(address.id)?;
        self.table(DELETED_ADDRESSES)?
            .delete((address.service.0, address.id.0))?;
        self.table(ADDRESSES)?.delete(address.id.0)?;
        Ok(())
    }

    /// Inserts a new address and counts it on its service; the caller has
    /// checked that the name is free.
    pub fn insert_address(&mut self, make: impl FnOnce(AddressId) -> Address) -> Result<Address> {
        let address = make(AddressId(self.next_id("address")?));
        self.put_address(&address)?;
        self.add_name(address.service, &address.local_part, address.id)?;
        self.count_in(&address)?;
        Ok(address)
    }

    /// Counts an address (new or restored) on its service.
    fn count_in(&mut self, address: &Address) -> Result<()> {
        if let Some(mut service) = self.service(address.service)? {
            service.address_count += 1;
            if address.has_mailbox() {
                service.count_quota(address.quota, true);
            }
            if address.kind == AddressKind::CatchAll {
                service.catch_all = Some(address.id);
            }
            self.put_service(&service)?;
        }
        Ok(())
    }

    /// Gives a live address its own quota (or, with `None`, its service's
    /// default), counted on its service.
    pub fn set_address_quota(&mut self, address: &mut Address, quota: Option<Quota>) -> Result<()> {
        if address.has_mailbox()
            && let Some(mut service) = self.service(address.service)?
        {
            service.count_quota(address.quota, false);
            service.count_quota(quota, true);
            self.put_service(&service)?;
        }
        address.quota = quota;
        self.put_address(address)
    }

    pub fn put_address(&mut self, address: &Address) -> Result<()> {
        self.table(ADDRESSES)?
            .put(address.id.0, encode(address)?.as_slice())?;
        Ok(())
    }

    pub fn put_access(&mut self, access: &Access) -> Result<()> {
        let (address, user) = (access.address.0, access.user.0);
        self.table(ACCESSES)?
            .put((address, user), encode(access)?.as_slice())?;
        self.table(USER_ACCESSES)?.put((user, address), ())?;
        Ok(())
    }
}

/// Up to `most` (name, id) entries of the name index that start with
/// `prefix`, from where `entries` stands.
fn next_names<'a>(
    entries: &mut impl Iterator<
        Item = Result<(super::Guard<'a, (u64, &'static str)>, super::Guard<'a, u64>)>,
    >,
    prefix: &str,
    most: usize,
) -> Result<Vec<(String, u64)>> {
    let mut names = Vec::with_capacity(most);
    for entry in entries.by_ref() {
        let (key, id) = entry?;
        let name = key.value().1;
        if !name.starts_with(prefix) {
            break;
        }
        names.push((name.to_owned(), id.value()));
        if names.len() == most {
            break;
        }
    }
    Ok(names)
}

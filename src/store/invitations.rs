use redb::ReadableTable;

use super::codec::{encode, get};
use super::schema::{ADDRESS_INVITATIONS, INVITATIONS};
use super::{AddressId, Invitation, Reader, Result, Writer};

impl Reader {
    pub fn invitation(&self, id: u64) -> Result<Option<Invitation>> {
        get(&self.txn.open_table(INVITATIONS)?, id)
    }

    /// Every invitation onto an address, oldest first.
    pub fn invitations_of(&self, address: AddressId) -> Result<Vec<Invitation>> {
        let index = self.txn.open_table(ADDRESS_INVITATIONS)?;
        let table = self.txn.open_table(INVITATIONS)?;
        let mut found = Vec::new();
        for entry in index.range((address, 0)..=(address, u64::MAX))? {
            let (key, _) = entry?;
            if let Some(invitation) = get(&table, key.value().1)? {
                found.push(invitation);
            }
        }
        Ok(found)
    }
}

impl Writer {
    pub fn invitations_of(&self, address: AddressId) -> Result<Vec<Invitation>> {
        let index = self.txn.open_table(ADDRESS_INVITATIONS)?;
        let table = self.txn.open_table(INVITATIONS)?;
        let mut found = Vec::new();
        for entry in index.range((address, 0)..=(address, u64::MAX))? {
            let (key, _) = entry?;
            if let Some(invitation) = get(&table, key.value().1)? {
                found.push(invitation);
            }
        }
        Ok(found)
    }

    pub fn insert_invitation(
        &mut self,
        make: impl FnOnce(u64) -> Invitation,
    ) -> Result<Invitation> {
        let invitation = make(self.next_id("invitation")?);
        self.put_invitation(&invitation)?;
        self.txn
            .open_table(ADDRESS_INVITATIONS)?
            .insert((invitation.address, invitation.id), ())?;
        Ok(invitation)
    }

    pub fn put_invitation(&mut self, invitation: &Invitation) -> Result<()> {
        self.txn
            .open_table(INVITATIONS)?
            .insert(invitation.id, encode(invitation)?.as_slice())?;
        Ok(())
    }

    pub(super) fn remove_invitations_of(&mut self, address: AddressId) -> Result<()> {
        let mut index = self.txn.open_table(ADDRESS_INVITATIONS)?;
        let mut table = self.txn.open_table(INVITATIONS)?;
        let ids: Vec<u64> = index
            .extract_from_if((address, 0)..=(address, u64::MAX), |_, _| true)?
            .map(|entry| entry.map(|(key, _)| key.value().1))
            .collect::<std::result::Result<_, _>>()?;
        for id in ids {
            table.remove(id)?;
        }
        Ok(())
    }
}

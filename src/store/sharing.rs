//! Invitation tokens, invitations by invitee, and sharing links.

use redb::ReadableTable;

use super::codec::{encode, get};
use super::schema::{
    ADDRESS_LINKS, EMAIL_INVITATIONS, INVITATION_BY_TOKEN, INVITATIONS, LINK_BY_TOKEN,
    SHARING_LINKS,
};
use super::{AddressId, Invitation, Reader, Result, SharingLink, Writer};
use crate::model::EmailAddress;

impl Reader {
    pub fn invitation_by_token(&self, hash: &[u8; 32]) -> Result<Option<Invitation>> {
        let index = self.txn.open_table(INVITATION_BY_TOKEN)?;
        let Some(id) = index.get(hash.as_slice())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(INVITATIONS)?, id)
    }

    /// Invitations sent to an email address, oldest first.
    pub fn invitations_to(&self, email: &EmailAddress) -> Result<Vec<Invitation>> {
        let key = email.to_ascii();
        let index = self.txn.open_table(EMAIL_INVITATIONS)?;
        let table = self.txn.open_table(INVITATIONS)?;
        let mut found = Vec::new();
        for entry in index.range((key.as_str(), 0)..=(key.as_str(), u64::MAX))? {
            let (k, _) = entry?;
            if let Some(invitation) = get(&table, k.value().1)? {
                found.push(invitation);
            }
        }
        Ok(found)
    }

    pub fn link_by_token(&self, hash: &[u8; 32]) -> Result<Option<SharingLink>> {
        let index = self.txn.open_table(LINK_BY_TOKEN)?;
        let Some(id) = index.get(hash.as_slice())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(SHARING_LINKS)?, id)
    }

    pub fn links_of(&self, address: AddressId) -> Result<Vec<SharingLink>> {
        let index = self.txn.open_table(ADDRESS_LINKS)?;
        let table = self.txn.open_table(SHARING_LINKS)?;
        let mut found = Vec::new();
        for entry in index.range((address, 0)..=(address, u64::MAX))? {
            let (k, _) = entry?;
            if let Some(link) = get(&table, k.value().1)? {
                found.push(link);
            }
        }
        Ok(found)
    }
}

impl Writer {
    pub fn invitation_by_token(&self, hash: &[u8; 32]) -> Result<Option<Invitation>> {
        let index = self.txn.open_table(INVITATION_BY_TOKEN)?;
        let Some(id) = index.get(hash.as_slice())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(INVITATIONS)?, id)
    }

    pub fn link_by_token(&self, hash: &[u8; 32]) -> Result<Option<SharingLink>> {
        let index = self.txn.open_table(LINK_BY_TOKEN)?;
        let Some(id) = index.get(hash.as_slice())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(SHARING_LINKS)?, id)
    }

    pub fn invitation(&self, id: u64) -> Result<Option<Invitation>> {
        get(&self.txn.open_table(INVITATIONS)?, id)
    }

    /// Points a token at an invitation, replacing any earlier token.
    pub fn set_invitation_token(
        &mut self,
        invitation: &mut Invitation,
        hash: [u8; 32],
    ) -> Result<()> {
        if let Some(old) = invitation.token_hash.replace(hash) {
            self.txn
                .open_table(INVITATION_BY_TOKEN)?
                .remove(old.as_slice())?;
        }
        self.txn
            .open_table(INVITATION_BY_TOKEN)?
            .insert(hash.as_slice(), invitation.id)?;
        self.txn
            .open_table(EMAIL_INVITATIONS)?
            .insert((invitation.email.to_ascii().as_str(), invitation.id), ())?;
        self.put_invitation(invitation)
    }

    pub fn insert_link(&mut self, make: impl FnOnce(u64) -> SharingLink) -> Result<SharingLink> {
        let link = make(self.next_id("link")?);
        self.put_link(&link)?;
        self.txn
            .open_table(LINK_BY_TOKEN)?
            .insert(link.token_hash.as_slice(), link.id)?;
        self.txn
            .open_table(ADDRESS_LINKS)?
            .insert((link.address, link.id), ())?;
        Ok(link)
    }

    pub fn put_link(&mut self, link: &SharingLink) -> Result<()> {
        self.txn
            .open_table(SHARING_LINKS)?
            .insert(link.id, encode(link)?.as_slice())?;
        Ok(())
    }

    pub fn link(&self, id: u64) -> Result<Option<SharingLink>> {
        get(&self.txn.open_table(SHARING_LINKS)?, id)
    }
}

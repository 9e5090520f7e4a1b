//! Invitations (by address, by invitee, by token) and sharing links (by
//! address, by token).

use super::codec::encode;
use super::records::{children, get};
use super::schema::{
    ADDRESS_INVITATIONS, ADDRESS_LINKS, EMAIL_INVITATIONS, INVITATION_BY_TOKEN, INVITATIONS,
    LINK_BY_TOKEN, SHARING_LINKS,
};
use super::{Query, Result, Writer};
use crate::model::{AddressId, EmailAddress, Invitation, InvitationId, LinkId, SharingLink};

pub trait SharingQueries: Query {
    fn invitation(&self, id: InvitationId) -> Result<Option<Invitation>> {
        get(&self.table(INVITATIONS)?, id.0)
    }

    /// Every invitation onto an address, oldest first.
    fn invitations_of(&self, address: AddressId) -> Result<Vec<Invitation>> {
        children(
            &self.table(ADDRESS_INVITATIONS)?,
            &self.table(INVITATIONS)?,
            address.0,
        )
    }

    fn invitation_by_token(&self, hash: &[u8; 32]) -> Result<Option<Invitation>> {
        let id = self
            .table(INVITATION_BY_TOKEN)?
            .get(hash.as_slice())?
            .map(|v| v.value());
        match id {
            Some(id) => get(&self.table(INVITATIONS)?, id),
            None => Ok(None),
        }
    }

    /// Invitations sent to an email address, oldest first.
    fn invitations_to(&self, email: &EmailAddress) -> Result<Vec<Invitation>> {
        let key = email.to_ascii();
        let index = self.table(EMAIL_INVITATIONS)?;
        let table = self.table(INVITATIONS)?;
        let mut found = Vec::new();
        for entry in index.range((key.as_str(), 0)..=(key.as_str(), u64::MAX))? {
            let (k, _) = entry?;
            if let Some(invitation) = get(&table, k.value().1)? {
                found.push(invitation);
            }
        }
        Ok(found)
    }

    fn link(&self, id: LinkId) -> Result<Option<SharingLink>> {
        get(&self.table(SHARING_LINKS)?, id.0)
    }

    fn link_by_token(&self, hash: &[u8; 32]) -> Result<Option<SharingLink>> {
        let id = self
            .table(LINK_BY_TOKEN)?
            .get(hash.as_slice())?
            .map(|v| v.value());
        match id {
            Some(id) => get(&self.table(SHARING_LINKS)?, id),
            None => Ok(None),
        }
    }

    /// Every sharing link (few: one per shared address at most, usually).
    fn all_links(&self) -> Result<Vec<SharingLink>> {
        super::records::all(&self.table(SHARING_LINKS)?)
    }

    fn links_of(&self, address: AddressId) -> Result<Vec<SharingLink>> {
        children(
            &self.table(ADDRESS_LINKS)?,
            &self.table(SHARING_LINKS)?,
            address.0,
        )
    }
}

impl<Q: Query> SharingQueries for Q {}

impl Writer {
    pub fn insert_invitation(
        &mut self,
        make: impl FnOnce(InvitationId) -> Invitation,
    ) -> Result<Invitation> {
        let invitation = make(InvitationId(self.next_id("invitation")?));
        self.put_invitation(&invitation)?;
        self.table(ADDRESS_INVITATIONS)?
            .put((invitation.address.0, invitation.id.0), ())?;
        Ok(invitation)
    }

    pub fn put_invitation(&mut self, invitation: &Invitation) -> Result<()> {
        self.table(INVITATIONS)?
            .put(invitation.id.0, encode(invitation)?.as_slice())?;
        Ok(())
    }

    /// Points a token at an invitation, replacing any earlier token.
    pub fn set_invitation_token(
        &mut self,
        invitation: &mut Invitation,
        hash: [u8; 32],
    ) -> Result<()> {
        if let Some(old) = invitation.token_hash.replace(hash) {
            self.table(INVITATION_BY_TOKEN)?.delete(old.as_slice())?;
        }
        self.table(INVITATION_BY_TOKEN)?
            .put(hash.as_slice(), invitation.id.0)?;
        self.table(EMAIL_INVITATIONS)?
            .put((invitation.email.to_ascii().as_str(), invitation.id.0), ())?;
        self.put_invitation(invitation)
    }

    /// An address's invitations, with the indexes that find them by token
    /// and by invitee (a purged address leaves no way to them).
    pub(super) fn remove_invitations_of(&mut self, address: AddressId) -> Result<()> {
        let invitations = self.invitations_of(address)?;
        self.table(ADDRESS_INVITATIONS)?
            .remove_range((address.0, 0)..=(address.0, u64::MAX))?;
        for invitation in invitations {
            if let Some(hash) = invitation.token_hash {
                self.table(INVITATION_BY_TOKEN)?.delete(hash.as_slice())?;
            }
            let email = invitation.email.to_ascii();
            self.table(EMAIL_INVITATIONS)?
                .delete((email.as_str(), invitation.id.0))?;
            self.table(INVITATIONS)?.delete(invitation.id.0)?;
        }
        Ok(())
    }

    pub fn insert_link(&mut self, make: impl FnOnce(LinkId) -> SharingLink) -> Result<SharingLink> {
        let link = make(LinkId(self.next_id("link")?));
        self.put_link(&link)?;
        self.table(LINK_BY_TOKEN)?
            .put(link.token_hash.as_slice(), link.id.0)?;
        self.table(ADDRESS_LINKS)?
            .put((link.address.0, link.id.0), ())?;
        Ok(link)
    }

    pub fn put_link(&mut self, link: &SharingLink) -> Result<()> {
        self.table(SHARING_LINKS)?
            .put(link.id.0, encode(link)?.as_slice())?;
        Ok(())
    }
}

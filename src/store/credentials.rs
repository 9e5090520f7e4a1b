//! Device passwords (listed by address and by user), and sign-ups that wait
//! for their email to be confirmed.

use super::codec::encode;
use super::records::{children, get};
use super::schema::{ADDRESS_CREDENTIALS, CREDENTIALS, PENDING_SIGNUPS, USER_CREDENTIALS};
use super::{Query, Result, Writer};
use crate::model::{AddressId, CredentialId, DevicePassword, PendingSignUp, UserId};

pub trait CredentialQueries: Query {
    fn credential(&self, id: CredentialId) -> Result<Option<DevicePassword>> {
        get(&self.table(CREDENTIALS)?, id.0)
    }

    /// An address's device passwords, oldest first.
    fn credentials_of_address(&self, address: AddressId) -> Result<Vec<DevicePassword>> {
        children(
            &self.table(ADDRESS_CREDENTIALS)?,
            &self.table(CREDENTIALS)?,
            address.0,
        )
    }

    /// A user's device passwords on every address, oldest first.
    fn credentials_of_user(&self, user: UserId) -> Result<Vec<DevicePassword>> {
        children(
            &self.table(USER_CREDENTIALS)?,
            &self.table(CREDENTIALS)?,
            user.0,
        )
    }

    fn pending_sign_up(&self, token_hash: &[u8; 32]) -> Result<Option<PendingSignUp>> {
        get(&self.table(PENDING_SIGNUPS)?, token_hash.as_slice())
    }

    /// Whether someone waits to confirm a sign-up with this login.
    fn sign_up_pending_for(&self, login: &str, now: i64) -> Result<bool> {
        let table = self.table(PENDING_SIGNUPS)?;
        for entry in table.iter()? {
            let (_, value) = entry?;
            let pending: PendingSignUp = super::codec::decode(value.value())?;
            if pending.login.to_ascii() == login && pending.expires > now {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl<Q: Query> CredentialQueries for Q {}

impl Writer {
    pub fn insert_credential(
        &mut self,
        make: impl FnOnce(CredentialId) -> DevicePassword,
    ) -> Result<DevicePassword> {
        let credential = make(CredentialId(self.next_id("credential")?));
        self.put_credential(&credential)?;
        let (id, address, user) = (credential.id.0, credential.address.0, credential.user.0);
        self.table(ADDRESS_CREDENTIALS)?.put((address, id), ())?;
        self.table(USER_CREDENTIALS)?.put((user, id), ())?;
        Ok(credential)
    }

    pub fn put_credential(&mut self, credential: &DevicePassword) -> Result<()> {
        self.table(CREDENTIALS)?
            .put(credential.id.0, encode(credential)?.as_slice())?;
        Ok(())
    }

    pub fn remove_credential(&mut self, credential: &DevicePassword) -> Result<()> {
        let (id, address, user) = (credential.id.0, credential.address.0, credential.user.0);
        self.table(CREDENTIALS)?.delete(id)?;
        self.table(ADDRESS_CREDENTIALS)?.delete((address, id))?;
        self.table(USER_CREDENTIALS)?.delete((user, id))?;
        Ok(())
    }

    pub fn put_pending_sign_up(
        &mut self,
        token_hash: &[u8; 32],
        pending: &PendingSignUp,
    ) -> Result<()> {
        self.table(PENDING_SIGNUPS)?
            .put(token_hash.as_slice(), encode(pending)?.as_slice())?;
        Ok(())
    }

    pub fn remove_pending_sign_up(&mut self, token_hash: &[u8; 32]) -> Result<()> {
        self.table(PENDING_SIGNUPS)?.delete(token_hash.as_slice())?;
        Ok(())
    }
}

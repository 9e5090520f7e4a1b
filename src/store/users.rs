use redb::ReadableTable;

use super::codec::{encode, get};
use super::schema::{USER_BY_LOGIN, USERS};
use super::{Reader, Result, User, UserId, Writer};
use crate::model::EmailAddress;

impl Reader {
    pub fn user(&self, id: UserId) -> Result<Option<User>> {
        get(&self.txn.open_table(USERS)?, id)
    }

    pub fn user_by_login(&self, login: &EmailAddress) -> Result<Option<User>> {
        let index = self.txn.open_table(USER_BY_LOGIN)?;
        let Some(id) = index.get(login.to_ascii().as_str())?.map(|v| v.value()) else {
            return Ok(None);
        };
        self.user(id)
    }

    pub fn has_users(&self) -> Result<bool> {
        Ok(self.txn.open_table(USERS)?.first()?.is_some())
    }
}

impl Writer {
    pub fn user(&self, id: UserId) -> Result<Option<User>> {
        get(&self.txn.open_table(USERS)?, id)
    }

    pub fn user_by_login(&self, login: &EmailAddress) -> Result<Option<User>> {
        let index = self.txn.open_table(USER_BY_LOGIN)?;
        let Some(id) = index.get(login.to_ascii().as_str())?.map(|v| v.value()) else {
            return Ok(None);
        };
        get(&self.txn.open_table(USERS)?, id)
    }

    pub fn has_users(&self) -> Result<bool> {
        Ok(self.txn.open_table(USERS)?.first()?.is_some())
    }

    /// Inserts a user with a fresh id; the caller has checked the login is free.
    pub fn insert_user(&mut self, make: impl FnOnce(UserId) -> User) -> Result<User> {
        let user = make(self.next_id("user")?);
        self.txn
            .open_table(USERS)?
            .insert(user.id, encode(&user)?.as_slice())?;
        self.txn
            .open_table(USER_BY_LOGIN)?
            .insert(user.login.to_ascii().as_str(), user.id)?;
        Ok(user)
    }
}

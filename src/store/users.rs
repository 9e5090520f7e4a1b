//! Users and the index of their logins.

use super::codec::encode;
use super::records::get;
use super::schema::{USER_BY_LOGIN, USERS};
use super::{Query, Result, Writer};
use crate::model::{EmailAddress, User, UserId};

pub trait UserQueries: Query {
    fn user(&self, id: UserId) -> Result<Option<User>> {
        get(&self.table(USERS)?, id.0)
    }

    fn user_by_login(&self, login: &EmailAddress) -> Result<Option<User>> {
        let id = self
            .table(USER_BY_LOGIN)?
            .get(login.to_ascii().as_str())?
            .map(|v| v.value());
        match id {
            Some(id) => get(&self.table(USERS)?, id),
            None => Ok(None),
        }
    }

    fn second_factor(&self, user: UserId) -> Result<Option<crate::model::SecondFactor>> {
        get(&self.table(super::schema::SECOND_FACTORS)?, user.0)
    }

    /// The installation's operators, in the order they joined.
    fn operators(&self) -> Result<Vec<User>> {
        let all: Vec<User> = super::records::all(&self.table(USERS)?)?;
        Ok(all.into_iter().filter(|u| u.operator).collect())
    }

    fn has_users(&self) -> Result<bool> {
        Ok(self.table(USERS)?.first()?.is_some())
    }
}

impl<Q: Query> UserQueries for Q {}

impl Writer {
    pub fn put_second_factor(
        &mut self,
        user: UserId,
        factor: Option<&crate::model::SecondFactor>,
    ) -> Result<()> {
        let mut table = self.table(super::schema::SECOND_FACTORS)?;
        match factor {
            Some(factor) => {
                table.put(user.0, encode(factor)?.as_slice())?;
            }
            None => {
                table.delete(user.0)?;
            }
        }
        Ok(())
    }

    /// Stores a changed user (its login never changes here).
    pub fn put_user(&mut self, user: &User) -> Result<()> {
        self.table(USERS)?
            .put(user.id.0, encode(user)?.as_slice())?;
        Ok(())
    }

    /// Inserts a user with a fresh id; the caller has checked the login is free.
    pub fn insert_user(&mut self, make: impl FnOnce(UserId) -> User) -> Result<User> {
        let user = make(UserId(self.next_id("user")?));
        self.table(USERS)?
            .put(user.id.0, encode(&user)?.as_slice())?;
        self.table(USER_BY_LOGIN)?
            .put(user.login.to_ascii().as_str(), user.id.0)?;
        Ok(user)
    }
}

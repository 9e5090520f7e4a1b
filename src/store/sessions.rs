//! Sessions, keyed by the hash of their token.

use super::codec::{decode, encode};
use super::records::get;
use super::schema::SESSIONS;
use super::{Query, Result, Writer};
use crate::model::Session;

pub trait SessionQueries: Query {
    fn password_reset(&self, token_hash: &[u8; 32]) -> Result<Option<crate::model::PasswordReset>> {
        get(
            &self.table(super::schema::PASSWORD_RESETS)?,
            token_hash.as_slice(),
        )
    }

    /// A user's sessions with their token hashes.
    fn sessions_of(&self, user: crate::model::UserId) -> Result<Vec<([u8; 32], Session)>> {
        let table = self.table(SESSIONS)?;
        let mut found = Vec::new();
        for entry in table.iter()? {
            let (key, value) = entry?;
            let session: Session = decode(value.value())?;
            if session.user == user
                && let Ok(hash) = <[u8; 32]>::try_from(key.value())
            {
                found.push((hash, session));
            }
        }
        Ok(found)
    }

    fn session(&self, token_hash: &[u8; 32]) -> Result<Option<Session>> {
        get(&self.table(SESSIONS)?, token_hash.as_slice())
    }
}

impl<Q: Query> SessionQueries for Q {}

impl Writer {
    pub fn put_session(&mut self, token_hash: &[u8; 32], session: &Session) -> Result<()> {
        self.table(SESSIONS)?
            .put(token_hash.as_slice(), encode(session)?.as_slice())?;
        Ok(())
    }

    pub fn put_password_reset(
        &mut self,
        token_hash: &[u8; 32],
        reset: &crate::model::PasswordReset,
    ) -> Result<()> {
        self.table(super::schema::PASSWORD_RESETS)?
            .put(token_hash.as_slice(), encode(reset)?.as_slice())?;
        Ok(())
    }

    pub fn remove_password_reset(&mut self, token_hash: &[u8; 32]) -> Result<()> {
        self.table(super::schema::PASSWORD_RESETS)?
            .delete(token_hash.as_slice())?;
        Ok(())
    }

    /// Ends every outstanding reset link of a user, and expired ones of
    /// anybody's on the way; returns how many of the user's.
    pub fn remove_password_resets_of(
        &mut self,
        user: crate::model::UserId,
        now: i64,
    ) -> Result<usize> {
        let mut table = self.table(super::schema::PASSWORD_RESETS)?;
        let mut removed = 0;
        table.retain(|_, value| {
            let Ok(reset) = decode::<crate::model::PasswordReset>(value) else {
                return true;
            };
            removed += usize::from(reset.user == user);
            reset.user != user && reset.expires > now
        })?;
        Ok(removed)
    }

    pub fn remove_session(&mut self, token_hash: &[u8; 32]) -> Result<()> {
        self.table(SESSIONS)?.delete(token_hash.as_slice())?;
        Ok(())
    }

    /// Ends every session of a user but `keep`; returns how many.
    pub fn remove_sessions_of(
        &mut self,
        user: crate::model::UserId,
        keep: Option<&[u8; 32]>,
    ) -> Result<usize> {
        let mut table = self.table(SESSIONS)?;
        let mut removed = 0;
        table.retain(|key, value| {
            let kept = keep.is_some_and(|k| k.as_slice() == key);
            let keep = kept || decode::<Session>(value).is_ok_and(|s| s.user != user);
            removed += usize::from(!keep);
            keep
        })?;
        Ok(removed)
    }

    /// Removes sessions idle since before `idle_cutoff` or opened before
    /// `created_cutoff`; returns how many.
    pub fn purge_sessions(&mut self, idle_cutoff: i64, created_cutoff: i64) -> Result<usize> {
        let mut table = self.table(SESSIONS)?;
        let mut removed = 0;
        table.retain(|_, value| {
            let keep = decode::<Session>(value)
                .is_ok_and(|s| s.last_seen >= idle_cutoff && s.created >= created_cutoff);
            removed += usize::from(!keep);
            keep
        })?;
        Ok(removed)
    }
}

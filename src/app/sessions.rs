//! One's own sessions and login password, from the account page: see where
//! one is logged in, log out the others, change the password (which ends
//! every other session, as a reset does).

use super::Admit;
use super::accounts::token_hash;
use super::audit::record;
use super::capabilities::Accounts;
use super::{Actor, App, AppError, Result};
use crate::model::Password;
use crate::store::prelude::*;

/// One session, as its owner sees it.
pub struct SessionRow {
    pub created: i64,
    pub last_seen: i64,
    pub client: Option<String>,
    /// The session this page is seen in.
    pub current: bool,
}

impl App {
    /// Checks the actor's own login password before a sensitive change
    /// (password change, deletion, turning two-factor off), throttled like a
    /// login: a stolen session cannot guess the password through them. The
    /// record is the signed-in person's own, apart from the login form's,
    /// which anyone can fill: a stranger's guesses never block the owner's
    /// changes.
    pub(super) fn confirm_login_password(&self, actor: &Actor, password: &str) -> Result<()> {
        let user = self
            .store
            .read()?
            .user(actor.user)?
            .ok_or(AppError::Forbidden)?;
        let login = format!("signed-in:{}", user.login.to_ascii());
        self.throttle.admit(&login, actor.ip.as_deref())?;
        if !user.password_hash.verify(password)? {
            return Err(AppError::WrongPassword);
        }
        self.throttle.succeeded(&login, actor.ip.as_deref());
        Ok(())
    }
}

impl Accounts<'_> {
    /// The actor's sessions, the current one first, then newest first.
    pub fn my_sessions(&self, actor: &Actor, token: &str) -> Result<Vec<SessionRow>> {
        let current = token_hash(token);
        let mut rows: Vec<SessionRow> = self
            .app
            .store
            .read()?
            .sessions_of(actor.user)?
            .into_iter()
            .map(|(hash, session)| SessionRow {
                created: session.created,
                last_seen: session.last_seen,
                client: session.client,
                current: hash == current,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.current
                .cmp(&a.current)
                .then(b.last_seen.cmp(&a.last_seen))
        });
        Ok(rows)
    }

    /// Ends every session of the actor but this one; returns how many.
    /// (Recorded even when none were open: the person asked.)
    pub fn log_out_others(&self, actor: &Actor, token: &str) -> Result<usize> {
        let keep = token_hash(token);
        self.app.store.write(|tx| {
            let ended = tx.remove_sessions_of(actor.user, Some(&keep))?;
            record_others_ended(tx, actor, ended)?;
            Ok(ended)
        })
    }

    /// Changes the actor's login password (the current one is required and
    /// throttled like a login); every other session ends.
    pub fn change_login_password(
        &self,
        actor: &Actor,
        token: &str,
        current: &str,
        new: &Password,
    ) -> Result<()> {
        self.app.confirm_login_password(actor, current)?;
        let hash = new.hash()?;
        let keep = token_hash(token);
        self.app.store.write(|tx| {
            let mut user = tx.user(actor.user)?.ok_or(AppError::Forbidden)?;
            user.password_hash = hash.clone();
            tx.put_user(&user)?;
            tx.remove_sessions_of(user.id, Some(&keep))?;
            // A reset link asked for before the change would undo it.
            tx.remove_password_resets_of(user.id, super::now())?;
            record(
                tx,
                Some(actor),
                None,
                "account.password",
                user.login.to_ascii(),
            )
        })
    }
}

/// The audit line of a person's other sessions ended.
pub(super) fn record_others_ended(
    tx: &mut crate::store::Writer,
    actor: &Actor,
    ended: usize,
) -> Result<()> {
    record(
        tx,
        Some(actor),
        None,
        "session.end_others",
        ended.to_string(),
    )
}

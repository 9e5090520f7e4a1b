//! "Forgot your password?": a link by email, single use, valid one hour,
//! the same answer whether or not the account exists, throttled per
//! account and per client. A reset ends every session.

use super::Admit;
use super::accounts::{random_token, token_hash};
use super::audit::record;
use super::capabilities::Accounts;
use super::{Actor, LinkProblem, Result, now};
use crate::mail::templates;
use crate::model::{EmailAddress, Password, PasswordReset};
use crate::store::prelude::*;
use crate::urls;

/// A reset link stays valid this long.
pub const RESET_MINUTES: i64 = 60;

impl Accounts<'_> {
    /// Sends a reset link when `typed` is an account; answers the same
    /// either way (only a throttled request is told to wait).
    pub fn request_password_reset(&self, typed: &str, ip: Option<String>) -> Result<()> {
        self.app.reset_throttle.admit(typed, ip.as_deref())?;
        let Ok(login) = EmailAddress::parse(typed) else {
            return Ok(());
        };
        let token = random_token();
        self.app.store.write(|tx| {
            let Some(user) = tx.user_by_login(&login)? else {
                return Ok(());
            };
            // Its messages appear in the outbox of its first organisation
            // that is not suspended (a suspended one's mail waits).
            let memberships = tx.memberships_of(user.id)?;
            let Some((organisation, _)) = memberships
                .iter()
                .find(|(o, _)| o.suspended.is_none())
                .or(memberships.first())
                .cloned()
            else {
                return Ok(());
            };
            let created = now();
            tx.put_password_reset(
                &token_hash(&token),
                &PasswordReset {
                    user: user.id,
                    created,
                    expires: created + RESET_MINUTES * 60,
                },
            )?;
            let link = self.app.absolute(&urls::password_reset(&token));
            // Their chosen language, else the one of the page they asked from.
            let lang = user.lang.unwrap_or_else(crate::i18n::current);
            let rendered = templates::password_reset(lang, &user.login.to_string(), &link);
            self.app
                .queue_message(tx, organisation.id, &user.login, rendered)?;
            let actor = Actor {
                token: None,
                user: user.id,
                ip: ip.clone(),
            };
            record(
                tx,
                Some(&actor),
                None,
                "account.reset_requested",
                login.to_ascii(),
            )
        })
    }

    /// The account a reset link is for, or why it cannot be used.
    pub fn password_reset_for(
        &self,
        token: &str,
    ) -> Result<std::result::Result<EmailAddress, LinkProblem>> {
        let reader = self.app.store.read()?;
        let Some(reset) = reader.password_reset(&token_hash(token))? else {
            return Ok(Err(LinkProblem::Unknown));
        };
        if now() > reset.expires {
            return Ok(Err(LinkProblem::Expired));
        }
        Ok(reader
            .user(reset.user)?
            .map(|u| u.login)
            .ok_or(LinkProblem::Unknown))
    }

    /// Sets a new password through a reset link (once), and ends every
    /// session of the account. Logging in afterwards asks as usual.
    pub fn reset_password(
        &self,
        token: &str,
        password: &Password,
        ip: Option<String>,
    ) -> Result<()> {
        let hash = password.hash()?;
        let key = token_hash(token);
        self.app.store.write(|tx| {
            let reset = tx.password_reset(&key)?.ok_or(LinkProblem::Unknown)?;
            tx.remove_password_reset(&key)?;
            if now() > reset.expires {
                return Err(LinkProblem::Expired.into());
            }
            let mut user = tx.user(reset.user)?.ok_or(LinkProblem::Unknown)?;
            user.password_hash = hash.clone();
            tx.put_user(&user)?;
            tx.remove_sessions_of(user.id, None)?;
            // Every other link asked for before this one dies with it.
            tx.remove_password_resets_of(user.id, now())?;
            let actor = Actor {
                token: None,
                user: user.id,
                ip: ip.clone(),
            };
            record(
                tx,
                Some(&actor),
                None,
                "account.reset",
                user.login.to_ascii(),
            )
        })
    }
}

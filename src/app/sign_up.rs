//! Sign-ups that prove their email: accepting an invitation or a sharing
//! link with an email of one's own choice stores the sign-up and sends a
//! confirmation link there; the account exists only once it is opened.
//! Until then nobody can log in with that login, and sharing with that
//! email invites it as anyone else.

use super::accept::{Offer, Offered, offer_of};
use super::accounts::{NewSession, open_session, random_token, token_hash};
use super::audit::record;
use super::capabilities::Accounts;
use super::{App, AppError, Conflict, LinkProblem, Result, now};
use crate::mail::templates;
use crate::model::{EmailAddress, PasswordHash, PendingAccept, PendingSignUp, User};
use crate::store::Writer;
use crate::store::prelude::*;
use crate::urls;

/// A confirmation link stays valid this long.
pub const SIGN_UP_HOURS: i64 = 24;

impl App {
    /// Stores a sign-up and queues the email with its confirmation link.
    pub(super) fn await_confirmation(
        &self,
        tx: &mut Writer,
        offered: &Offered,
        offer: &Offer,
        login: EmailAddress,
        password_hash: PasswordHash,
        ip: Option<String>,
    ) -> Result<EmailAddress> {
        let accepting = match (&offered.invitation, &offered.link) {
            (Some(invitation), _) => PendingAccept::Invitation { id: invitation.id },
            (None, Some(link)) => PendingAccept::Link { id: link.id },
            (None, None) => return Err(LinkProblem::Unknown.into()),
        };
        // Told now rather than after the email: confirming checks again.
        super::limits::require_room_in(
            tx,
            offer.organisation.id,
            crate::model::LimitKind::Members,
        )?;
        let token = random_token();
        let created = now();
        tx.put_pending_sign_up(
            &token_hash(&token),
            &PendingSignUp {
                login: login.clone(),
                password_hash,
                accepting,
                created,
                expires: created + SIGN_UP_HOURS * 60 * 60,
                ip,
            },
        )?;
        let link = self.absolute(&urls::confirm_sign_up(&token));
        // In the language of the page they signed up on.
        let rendered = templates::confirm_sign_up(
            crate::i18n::current(),
            &offer.full_address(),
            &login.to_string(),
            &link,
        );
        let org = offer.organisation.id;
        self.queue_message(tx, org, &login, rendered)?;
        record(tx, None, Some(org), "signup.pending", login.to_ascii())?;
        Ok(login)
    }
}

impl Accounts<'_> {
    /// What a confirmation link is for, or why it cannot be used. Reads only.
    pub fn pending_sign_up(
        &self,
        token: &str,
    ) -> Result<std::result::Result<(EmailAddress, Offer), LinkProblem>> {
        let reader = self.app.store.read()?;
        let Some(pending) = reader.pending_sign_up(&token_hash(token))? else {
            return Ok(Err(LinkProblem::Unknown));
        };
        if now() > pending.expires {
            return Ok(Err(LinkProblem::Expired));
        }
        let offered = match offered(&reader, &pending)? {
            Ok(offered) => offered,
            Err(problem) => return Ok(Err(problem)),
        };
        Ok(offer_of(&reader, &offered)?
            .map(|offer| (pending.login, offer))
            .ok_or(LinkProblem::Unknown))
    }

    /// Creates the account a confirmation link stands for, gives it what it
    /// accepted, and opens its session. Returns the address page.
    pub fn confirm_sign_up(&self, token: &str, ip: Option<String>) -> Result<(String, NewSession)> {
        let hash = token_hash(token);
        self.app.store.write(|tx| {
            let pending = tx.pending_sign_up(&hash)?.ok_or(LinkProblem::Unknown)?;
            if now() > pending.expires {
                tx.remove_pending_sign_up(&hash)?;
                return Err(LinkProblem::Expired.into());
            }
            let offered = offered(tx, &pending)?.map_err(AppError::from)?;
            let offer = offer_of(tx, &offered)?.ok_or(LinkProblem::Unknown)?;
            if tx.user_by_login(&pending.login)?.is_some() {
                return Err(Conflict::SignUpTaken(pending.login).into());
            }
            let user = tx.insert_user(|id| User {
                operator: false,
                lang: None,
                id,
                login: pending.login.clone(),
                display_name: pending.login.local_part().to_string(),
                password_hash: pending.password_hash.clone(),
                created: now(),
            })?;
            let page = self.app.grant_in(tx, offered, &offer, &user, ip.clone())?;
            tx.remove_pending_sign_up(&hash)?;
            let session = open_session(tx, user.id, &user.login, ip.clone(), false)?;
            Ok((page, session))
        })
    }
}

/// The invitation or link a pending sign-up accepts, as it is now.
fn offered(
    q: &impl Query,
    pending: &PendingSignUp,
) -> Result<std::result::Result<Offered, LinkProblem>> {
    Ok(match pending.accepting {
        PendingAccept::Invitation { id } => match q.invitation(id)? {
            Some(invitation) => Offered::from_invitation(invitation),
            None => Err(LinkProblem::Unknown),
        },
        PendingAccept::Link { id } => match q.link(id)? {
            Some(link) => Offered::from_link(link),
            None => Err(LinkProblem::Unknown),
        },
    })
}

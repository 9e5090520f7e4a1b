//! Owners an operator gives an organisation: a person with an account
//! becomes one at once; anyone else is sent an invitation by email, whose
//! link leads only that email's person in, signed in or signing up on the
//! way. One invitation waits per organisation; a new one replaces it (and
//! its link stops working).

use subtle::ConstantTimeEq;

use super::accounts::{NewSession, open_session, random_token, token_hash};
use super::audit::record;
use super::capabilities::{Accounts, Operators};
use super::invitations::INVITATION_DAYS;
use super::operators::{OperatorActor, live};
use super::{Actor, App, AppError, Conflict, LinkProblem, Rejection, Result, now};
use crate::mail::templates;
use crate::model::{
    EmailAddress, LimitKind, Membership, OrgId, Organisation, OwnerInvitation, Password, Role, User,
};
use crate::store::Writer;
use crate::store::prelude::*;
use crate::urls;

/// What giving an organisation an owner came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstOwner {
    /// A person with an account: an owner now.
    Added(EmailAddress),
    /// Nobody signs in with this email yet: an invitation was sent there.
    Invited(EmailAddress),
}

/// What an owner invitation's link offers, as its page shows it.
#[derive(Debug, Clone)]
pub struct OwnerOffer {
    pub organisation: String,
    pub email: EmailAddress,
    pub expires: i64,
    /// Whether the invited email already signs in (then they sign in to
    /// accept; else they choose a password).
    pub has_account: bool,
}

/// What accepting came to: the organisation's page, and a session when an
/// account was made on the way.
pub struct OwnerAccepted {
    pub page: String,
    pub session: Option<NewSession>,
}

impl Operators<'_> {
    /// Makes `email`'s person an owner, or invites them to become one.
    pub fn add_owner(
        &self,
        by: OperatorActor<'_>,
        org: OrgId,
        email: &EmailAddress,
    ) -> Result<FirstOwner> {
        // Not by a token: an owner reads and manages all of the
        // organisation's mail, which an operator's token never reaches.
        self.app.store.write(|tx| {
            by.require_without_token(tx)?;
            let mut organisation = live(tx, org)?;
            self.app.owner_in(tx, by.actor(), &mut organisation, email)
        })
    }
}

impl Operators<'_> {
    /// Withdraws the owner invitation that waits, if one does: its link
    /// stops leading in.
    pub fn withdraw_owner_invitation(&self, by: OperatorActor<'_>, org: OrgId) -> Result<()> {
        self.app.store.write(|tx| {
            by.require(tx)?;
            let mut organisation = live(tx, org)?;
            let Some(invitation) = organisation.owner_invitation.take() else {
                return Ok(());
            };
            tx.put_organisation(&organisation)?;
            let object = invitation.email.to_ascii();
            record(
                tx,
                by.actor(),
                Some(org),
                "organisation.withdraw_owner",
                object,
            )
        })
    }
}

impl App {
    /// In the caller's transaction: `email`'s person becomes an owner of
    /// `organisation` (a member's role is raised), or is invited to.
    pub(super) fn owner_in(
        &self,
        tx: &mut Writer,
        by: Option<&Actor>,
        organisation: &mut Organisation,
        email: &EmailAddress,
    ) -> Result<FirstOwner> {
        let org = organisation.id;
        let Some(user) = tx.user_by_login(email)? else {
            self.invite_owner_in(tx, by, organisation, email)?;
            return Ok(FirstOwner::Invited(email.clone()));
        };
        make_owner(tx, by, org, &user, "organisation.add_owner")?;
        if organisation
            .owner_invitation
            .as_ref()
            .is_some_and(|i| i.email == *email)
        {
            organisation.owner_invitation = None;
            tx.put_organisation(organisation)?;
        }
        Ok(FirstOwner::Added(email.clone()))
    }

    fn invite_owner_in(
        &self,
        tx: &mut Writer,
        by: Option<&Actor>,
        organisation: &mut Organisation,
        email: &EmailAddress,
    ) -> Result<()> {
        // Refused now rather than at the invitee's acceptance.
        super::limits::require_room(tx, organisation, LimitKind::Members, 1)?;
        let token = random_token();
        let created = now();
        let invitation = OwnerInvitation {
            email: email.clone(),
            token_hash: token_hash(&token),
            created,
            expires: created + INVITATION_DAYS * 24 * 60 * 60,
            lang: organisation.lang,
        };
        let link = self.absolute(&urls::owner_invitation(organisation.id, &token));
        let expires = crate::i18n::date(invitation.lang, invitation.expires);
        let rendered =
            templates::owner_invitation(invitation.lang, &organisation.name, &link, &expires);
        organisation.owner_invitation = Some(invitation);
        tx.put_organisation(organisation)?;
        self.queue_message(tx, organisation.id, email, rendered)?;
        record(
            tx,
            by,
            Some(organisation.id),
            "organisation.invite_owner",
            email.to_ascii(),
        )
    }
}

/// Gives `user` the owner role in `org` (joining it if they are not a
/// member); the event is recorded also when they were one already.
fn make_owner(
    tx: &mut Writer,
    by: Option<&Actor>,
    org: OrgId,
    user: &User,
    event: &str,
) -> Result<()> {
    let since = match tx.membership(org, user.id)? {
        Some(m) if m.role == Role::Owner => None,
        Some(m) => Some(m.since),
        None => {
            super::limits::require_room_in(tx, org, LimitKind::Members)?;
            Some(now())
        }
    };
    if let Some(since) = since {
        tx.put_membership(&Membership {
            org,
            user: user.id,
            role: Role::Owner,
            since,
        })?;
    }
    record(tx, by, Some(org), event, user.login.to_ascii())
}

/// The organisation and its invitation a link names, if the link is its
/// current one and still valid; a suspended organisation is joined by
/// nobody.
fn find(q: &impl Query, org: OrgId, token: &str) -> Result<(Organisation, OwnerInvitation)> {
    let hash = token_hash(token);
    let organisation = q
        .organisation(org)?
        .filter(|o| o.deleted.is_none())
        .ok_or(LinkProblem::Unknown)?;
    let invitation = organisation
        .owner_invitation
        .clone()
        .filter(|i| bool::from(i.token_hash.ct_eq(&hash)))
        .ok_or(LinkProblem::Unknown)?;
    if now() >= invitation.expires {
        return Err(LinkProblem::Expired.into());
    }
    if let Some(suspension) = &organisation.suspended {
        return Err(AppError::Suspended {
            organisation: organisation.name.clone(),
            reason: suspension.reason.clone(),
        });
    }
    Ok((organisation, invitation))
}

impl Accounts<'_> {
    /// What an owner invitation's link offers. Reads only.
    pub fn owner_offer(&self, org: OrgId, token: &str) -> Result<OwnerOffer> {
        let reader = self.app.store.read()?;
        let (organisation, invitation) = find(&reader, org, token)?;
        Ok(OwnerOffer {
            organisation: organisation.name,
            has_account: reader.user_by_login(&invitation.email)?.is_some(),
            email: invitation.email,
            expires: invitation.expires,
        })
    }

    /// Accepts an owner invitation as `user` (signed in with the invited
    /// email), or with `password` as a new account of that email.
    pub fn accept_owner_invitation(
        &self,
        org: OrgId,
        token: &str,
        user: Option<crate::model::UserId>,
        password: Option<Password>,
        ip: Option<String>,
    ) -> Result<OwnerAccepted> {
        let password_hash = password.as_ref().map(Password::hash).transpose()?;
        self.app.store.write(|tx| {
            let (mut organisation, invitation) = find(tx, org, token)?;
            let (user, session) = match (user, password_hash.clone()) {
                (Some(user), _) => {
                    let user = tx.user(user)?.ok_or(AppError::Forbidden)?;
                    if user.login != invitation.email {
                        return Err(Rejection::InvitationLogin(invitation.email.clone()).into());
                    }
                    (user, None)
                }
                (None, Some(hash)) => {
                    if tx.user_by_login(&invitation.email)?.is_some() {
                        return Err(Conflict::SignUpTaken(invitation.email.clone()).into());
                    }
                    let user = tx.insert_user(|id| User {
                        operator: false,
                        lang: None,
                        id,
                        login: invitation.email.clone(),
                        display_name: invitation.email.local_part().to_string(),
                        password_hash: hash,
                        created: now(),
                    })?;
                    let session = open_session(tx, user.id, &user.login, ip.clone(), false)?;
                    (user, Some(session))
                }
                (None, None) => return Err(AppError::Forbidden),
            };
            let actor = Actor {
                token: None,
                user: user.id,
                ip: ip.clone(),
            };
            make_owner(tx, Some(&actor), org, &user, "owner.accept")?;
            organisation.owner_invitation = None;
            tx.put_organisation(&organisation)?;
            Ok(OwnerAccepted {
                page: urls::organisation(org),
                session,
            })
        })
    }
}

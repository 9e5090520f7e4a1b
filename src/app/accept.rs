//! Accepting access: an invitation (by email) or a sharing link (to copy),
//! as a logged-in user or signing up on the way, in one transaction.

use super::capabilities::Sharing;
use subtle::ConstantTimeEq;

use super::accounts::{NewSession, random_token, token_hash};
use super::audit::{record, record_address};
use super::{Actor, App, AppError, Conflict, LinkProblem, Rejection, Result, now};
use crate::model::{
    Access, AccessState, Address, AddressId, EmailAddress, Invitation, InvitationId,
    InvitationState, Membership, Organisation, Password, Permissions, Role, Service, SharingLink,
    SignupRule, User, UserId,
};
use crate::store::prelude::*;
use crate::urls;

/// What an invitation or sharing link offers, for its page.
#[derive(Debug, Clone)]
pub struct Offer {
    pub organisation: Organisation,
    pub service: Service,
    pub address: Address,
    pub permissions: Permissions,
    /// For an invitation: its invitee, and how they must sign up.
    pub invitee: Option<(EmailAddress, SignupRule)>,
}

impl Offer {
    pub fn full_address(&self) -> String {
        self.login_address().to_string()
    }

    pub fn login_address(&self) -> EmailAddress {
        EmailAddress::new(self.address.local_part.clone(), self.service.domain.clone())
    }

    pub fn page(&self) -> String {
        urls::address(&self.service.domain, &self.address.local_part)
    }
}

/// Which kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Invitation,
    Link,
}

/// Whose login signs up: a new account.
#[derive(Clone)]
pub struct SignUp {
    pub login: EmailAddress,
    pub password: Password,
}

/// What accepting came to.
pub enum Accepted {
    /// Access is given: the address page to go to.
    Done(String),
    /// An account was made and given access, and its session opened in the
    /// same transaction (it just chose its password).
    SignedUp { page: String, session: NewSession },
    /// A confirmation link went to this email; the account exists once it
    /// is opened.
    ConfirmationSent(EmailAddress),
}

/// What a token grants, found in one transaction.
pub(super) struct Offered {
    pub address: AddressId,
    pub permissions: Permissions,
    pub invitation: Option<Invitation>,
    pub link: Option<SharingLink>,
}

impl Offered {
    pub fn from_invitation(invitation: Invitation) -> Result<Self, LinkProblem> {
        match invitation_problem(&invitation) {
            Some(problem) => Err(problem),
            None => Ok(Self {
                address: invitation.address,
                permissions: invitation.permissions,
                invitation: Some(invitation),
                link: None,
            }),
        }
    }

    pub fn from_link(link: SharingLink) -> Result<Self, LinkProblem> {
        match link_problem(&link) {
            Some(problem) => Err(problem),
            None => Ok(Self {
                address: link.address,
                permissions: link.permissions,
                invitation: None,
                link: Some(link),
            }),
        }
    }
}

fn find(q: &impl Query, kind: Token, hash: &[u8; 32]) -> Result<Result<Offered, LinkProblem>> {
    Ok(match kind {
        Token::Invitation => match q
            .invitation_by_token(hash)?
            .filter(|i| i.token_hash.is_some_and(|h| bool::from(h.ct_eq(hash))))
        {
            Some(invitation) => Offered::from_invitation(invitation),
            None => Err(LinkProblem::Unknown),
        },
        Token::Link => match q
            .link_by_token(hash)?
            .filter(|l| bool::from(l.token_hash.ct_eq(hash)))
        {
            Some(link) => Offered::from_link(link),
            None => Err(LinkProblem::Unknown),
        },
    })
}

pub(super) fn offer_of(q: &impl Query, grant: &Offered) -> Result<Option<Offer>> {
    let Some(address) = q.address(grant.address)?.filter(Address::is_active) else {
        return Ok(None);
    };
    let service = q.service(address.service)?.ok_or(AppError::NotFound)?;
    // A deleted organisation's invitations and links lead nowhere.
    let Some(organisation) = q.organisation(service.org)?.filter(|o| o.deleted.is_none()) else {
        return Ok(None);
    };
    // Nobody joins a suspended organisation, by invitation or link.
    if let Some(suspension) = &organisation.suspended {
        return Err(AppError::Suspended {
            organisation: organisation.name.clone(),
            reason: suspension.reason.clone(),
        });
    }
    Ok(Some(Offer {
        organisation,
        service,
        address,
        permissions: grant.permissions,
        invitee: grant
            .invitation
            .as_ref()
            .map(|i| (i.email.clone(), i.signup)),
    }))
}

impl App {
    /// Gives `user` what was offered, in the caller's transaction: the
    /// membership, the access, and the invitation or link marked used.
    pub(super) fn grant_in(
        &self,
        tx: &mut crate::store::Writer,
        offered: Offered,
        offer: &Offer,
        user: &User,
        ip: Option<String>,
    ) -> Result<String> {
        if let Some(invitation) = &offered.invitation
            && invitation.signup == SignupRule::ThisAddress
            && user.login != offer.login_address()
        {
            return Err(Rejection::InvitationLogin(offer.login_address()).into());
        }
        let actor = Actor {
            token: None,
            user: user.id,
            ip,
        };
        let org = offer.organisation.id;
        if tx.membership(org, user.id)?.is_none() {
            super::limits::require_room_in(tx, org, crate::model::LimitKind::Members)?;
            tx.put_membership(&Membership {
                org,
                user: user.id,
                role: Role::Member,
                since: now(),
            })?;
            record(
                tx,
                Some(&actor),
                Some(org),
                "member.join",
                user.login.to_ascii(),
            )?;
        }
        let address = offered.address;
        let already = tx.access(address, user.id)?;
        if already.is_none() {
            tx.put_access(&Access {
                address,
                user: user.id,
                permissions: offered.permissions,
                state: AccessState::Active,
                since: now(),
            })?;
        }
        let login = user.login.to_ascii();
        match (offered.invitation, offered.link) {
            (Some(mut invitation), _) => {
                invitation.state = InvitationState::Accepted;
                tx.put_invitation(&invitation)?;
                record_address(tx, &actor, org, address, "invitation.accept", login)?;
            }
            (None, Some(mut link)) if already.is_none() => {
                link.uses += 1;
                tx.put_link(&link)?;
                record_address(tx, &actor, org, address, "link.accept", login)?;
            }
            _ => {}
        }
        Ok(offer.page())
    }
}

impl Sharing<'_> {
    /// What a token offers, or why it cannot be used. Reads only.
    pub fn offer(&self, kind: Token, token: &str) -> Result<Result<Offer, LinkProblem>> {
        let reader = self.app.store.read()?;
        let grant = match find(&reader, kind, &token_hash(token))? {
            Ok(grant) => grant,
            Err(problem) => return Ok(Err(problem)),
        };
        Ok(offer_of(&reader, &grant)?.ok_or(LinkProblem::Unknown))
    }

    /// Accepts an invitation or a link as `user` (logged in), or signing up.
    /// A sign-up with the shared address itself as login is done at once;
    /// one with an email of the person's own choice waits for them to open
    /// the confirmation link sent there (`sign_up.rs`).
    pub fn accept(
        &self,
        kind: Token,
        token: &str,
        user: Option<UserId>,
        sign_up: Option<SignUp>,
        ip: Option<String>,
    ) -> Result<Accepted> {
        let hash = token_hash(token);
        let password_hash = sign_up.as_ref().map(|s| s.password.hash()).transpose()?;
        self.app.store.write(|tx| {
            let offered = find(tx, kind, &hash)?.map_err(AppError::from)?;
            let offer = offer_of(tx, &offered)?.ok_or(LinkProblem::Unknown)?;
            let (sign_up, hash) = match (user, sign_up.clone(), password_hash.clone()) {
                (Some(user), _, _) => {
                    let user = tx.user(user)?.ok_or(AppError::Forbidden)?;
                    return self
                        .app
                        .grant_in(tx, offered, &offer, &user, ip.clone())
                        .map(Accepted::Done);
                }
                (None, Some(sign_up), Some(hash)) => (sign_up, hash),
                _ => return Err(AppError::Forbidden),
            };
            if tx.user_by_login(&sign_up.login)?.is_some() {
                return Err(Conflict::SignUpTaken(sign_up.login).into());
            }
            if let Some(invitation) = &offered.invitation
                && invitation.signup == SignupRule::ThisAddress
                && sign_up.login != offer.login_address()
            {
                return Err(Rejection::InvitationLogin(offer.login_address()).into());
            }
            if sign_up.login == offer.login_address() {
                // The address itself: whoever reads its mail got this link.
                let user = tx.insert_user(|id| User {
                    operator: false,
                    lang: None,
                    id,
                    login: sign_up.login.clone(),
                    display_name: sign_up.login.local_part().to_string(),
                    password_hash: hash,
                    created: now(),
                })?;
                let page = self.app.grant_in(tx, offered, &offer, &user, ip.clone())?;
                let session =
                    super::accounts::open_session(tx, user.id, &user.login, ip.clone(), false)?;
                return Ok(Accepted::SignedUp { page, session });
            }
            self.app
                .await_confirmation(tx, &offered, &offer, sign_up.login, hash, ip.clone())
                .map(Accepted::ConfirmationSent)
        })
    }

    /// Accepts an invitation shown in the app to its invitee.
    pub fn accept_invitation_by_id(&self, actor: &Actor, id: InvitationId) -> Result<String> {
        // A fresh token, so the app and the email link stay single-use alike.
        let token = random_token();
        self.app.store.write(|tx| -> Result<()> {
            let login = tx.user(actor.user)?.ok_or(AppError::Forbidden)?.login;
            let mut stored = tx
                .invitation(id)?
                .filter(|i| i.email == login)
                .ok_or(AppError::NotFound)?;
            tx.set_invitation_token(&mut stored, token_hash(&token))?;
            Ok(())
        })?;
        match self.accept(
            Token::Invitation,
            &token,
            Some(actor.user),
            None,
            actor.ip.clone(),
        )? {
            Accepted::Done(page) | Accepted::SignedUp { page, .. } => Ok(page),
            // A logged-in user never waits for a confirmation.
            Accepted::ConfirmationSent(_) => Err(AppError::NotFound),
        }
    }
}

pub(super) fn invitation_problem(invitation: &Invitation) -> Option<LinkProblem> {
    match invitation.state {
        InvitationState::Accepted => Some(LinkProblem::Used),
        InvitationState::Revoked => Some(LinkProblem::Revoked),
        InvitationState::Pending if now() > invitation.expires => Some(LinkProblem::Expired),
        InvitationState::Pending => None,
    }
}

pub(super) fn link_problem(link: &SharingLink) -> Option<LinkProblem> {
    if link.revoked {
        Some(LinkProblem::Revoked)
    } else if now() > link.expires {
        Some(LinkProblem::Expired)
    } else {
        None
    }
}

//! Accepting access: invitations (by email) and sharing links (to copy),
//! signing up on the way; and the organisation's members.

use subtle::ConstantTimeEq;

use super::accounts::{random_token, token_hash};
use super::address_users::ShareTarget;
use super::{Actor, AddressView, App, AppError, Result, audit, audit_address, now};
use crate::model::{EmailAddress, Password, Permission, Permissions, Role};
use crate::store::{
    Access, AccessState, Address, Invitation, InvitationState, Membership, OrgId, Organisation,
    Service, SharingLink, SignupRule, User, UserId, Writer,
};

/// Sharing links last this long unless told otherwise.
pub const LINK_DAYS: i64 = 30;

/// Why a link cannot be used, for a clear page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Expired,
    Revoked,
    Used,
}

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
        format!("{}@{}", self.address.local_part, self.service.domain)
    }

    pub fn login_address(&self) -> EmailAddress {
        EmailAddress::new(self.address.local_part.clone(), self.service.domain.clone())
    }

    pub fn page(&self) -> String {
        format!(
            "/services/{}/addresses/{}",
            self.service.domain.as_ascii(),
            self.address.local_part
        )
    }
}

/// Which kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Invitation,
    Link,
}

/// Whose login signs up: a new account.
pub struct SignUp {
    pub login: EmailAddress,
    pub password: Password,
}

impl App {
    fn offer_in(&self, tx: &Writer, address: u64, permissions: Permissions) -> Result<Offer> {
        let address = tx
            .address(address)?
            .filter(Address::is_active)
            .ok_or(AppError::NotFound)?;
        let service = tx.service(address.service)?.ok_or(AppError::NotFound)?;
        let organisation = tx.organisation(service.org)?.ok_or(AppError::NotFound)?;
        Ok(Offer {
            organisation,
            service,
            address,
            permissions,
            invitee: None,
        })
    }

    /// What a token offers, or why it cannot be used. Reads only.
    pub fn offer(
        &self,
        kind: Token,
        token: &str,
    ) -> Result<std::result::Result<Offer, LinkProblem>> {
        let hash = token_hash(token);
        let reader = self.store.read()?;
        let (address, permissions, invitee) = match kind {
            Token::Invitation => {
                let Some(invitation) = reader
                    .invitation_by_token(&hash)?
                    .filter(|i| i.token_hash.is_some_and(|h| bool::from(h.ct_eq(&hash))))
                else {
                    return Ok(Err(LinkProblem::Unknown));
                };
                if let Some(problem) = invitation_problem(&invitation) {
                    return Ok(Err(problem));
                }
                (
                    invitation.address,
                    invitation.permissions,
                    Some((invitation.email, invitation.signup)),
                )
            }
            Token::Link => {
                let Some(link) = reader
                    .link_by_token(&hash)?
                    .filter(|l| bool::from(l.token_hash.ct_eq(&hash)))
                else {
                    return Ok(Err(LinkProblem::Unknown));
                };
                if let Some(problem) = link_problem(&link) {
                    return Ok(Err(problem));
                }
                (link.address, link.permissions, None)
            }
        };
        let Some(address) = reader.address(address)?.filter(Address::is_active) else {
            return Ok(Err(LinkProblem::Unknown));
        };
        let service = reader.service(address.service)?.ok_or(AppError::NotFound)?;
        let organisation = reader
            .organisation(service.org)?
            .ok_or(AppError::NotFound)?;
        Ok(Ok(Offer {
            organisation,
            service,
            address,
            permissions,
            invitee,
        }))
    }

    /// Accepts an invitation or a link as `user` (logged in, or signing up in
    /// the same transaction). Returns the address page to go to.
    pub fn accept(
        &self,
        kind: Token,
        token: &str,
        user: Option<UserId>,
        sign_up: Option<SignUp>,
        ip: Option<String>,
    ) -> Result<String> {
        let hash = token_hash(token);
        let password_hash = sign_up.as_ref().map(|s| s.password.hash()).transpose()?;
        self.store.write(|tx| {
            let (address, permissions, invitation) = match kind {
                Token::Invitation => {
                    let invitation = find_invitation(tx, &hash)?.ok_or(AppError::NotFound)?;
                    if let Some(problem) = invitation_problem(&invitation) {
                        return Err(problem_error(problem));
                    }
                    (invitation.address, invitation.permissions, Some(invitation))
                }
                Token::Link => {
                    let link = find_link(tx, &hash)?.ok_or(AppError::NotFound)?;
                    if let Some(problem) = link_problem(&link) {
                        return Err(problem_error(problem));
                    }
                    (link.address, link.permissions, None)
                }
            };
            let offer = self.offer_in(tx, address, permissions)?;
            let user = match (user, sign_up, password_hash) {
                (Some(user), _, _) => tx.user(user)?.ok_or(AppError::Forbidden)?,
                (None, Some(sign_up), Some(hash)) => {
                    if tx.user_by_login(&sign_up.login)?.is_some() {
                        return Err(AppError::Taken(format!(
                            "{} already has an account: log in instead",
                            sign_up.login
                        )));
                    }
                    tx.insert_user(|id| User {
                        id,
                        login: sign_up.login.clone(),
                        display_name: sign_up.login.local_part().to_string(),
                        password_hash: hash,
                        created: now(),
                    })?
                }
                _ => return Err(AppError::Forbidden),
            };
            if let Some(invitation) = &invitation
                && invitation.signup == SignupRule::ThisAddress
                && user.login != offer.login_address()
            {
                return Err(AppError::Invalid(format!(
                    "this invitation must be accepted with the login {}",
                    offer.full_address()
                )));
            }
            let actor = Actor { user: user.id, ip };
            let org = offer.organisation.id;
            if tx.membership(org, user.id)?.is_none() {
                tx.put_membership(&Membership {
                    org,
                    user: user.id,
                    role: Role::Member,
                    since: now(),
                })?;
                audit(
                    tx,
                    Some(&actor),
                    Some(org),
                    "member.join",
                    user.login.to_ascii(),
                )?;
            }
            let already = tx.access(address, user.id)?;
            if already.is_none() {
                tx.put_access(&Access {
                    address,
                    user: user.id,
                    permissions,
                    state: AccessState::Active,
                    since: now(),
                })?;
            }
            match invitation {
                Some(mut invitation) => {
                    invitation.state = InvitationState::Accepted;
                    tx.put_invitation(&invitation)?;
                    audit_address(
                        tx,
                        &actor,
                        org,
                        address,
                        "invitation.accept",
                        user.login.to_ascii(),
                    )?;
                }
                None => {
                    if already.is_some() {
                        return Ok(offer.page());
                    }
                    let mut link = find_link(tx, &hash)?.ok_or(AppError::NotFound)?;
                    link.uses += 1;
                    tx.put_link(&link)?;
                    audit_address(
                        tx,
                        &actor,
                        org,
                        address,
                        "link.accept",
                        user.login.to_ascii(),
                    )?;
                }
            }
            Ok(offer.page())
        })
    }

    /// Pending invitations addressed to a user's login.
    pub fn invitations_for(&self, user: UserId) -> Result<Vec<(Invitation, Offer)>> {
        let reader = self.store.read()?;
        let login = reader.user(user)?.ok_or(AppError::NotFound)?.login;
        let mut found = Vec::new();
        for invitation in reader.invitations_to(&login)? {
            if invitation_problem(&invitation).is_some() {
                continue;
            }
            let Some(address) = reader
                .address(invitation.address)?
                .filter(Address::is_active)
            else {
                continue;
            };
            let Some(service) = reader.service(address.service)? else {
                continue;
            };
            let Some(organisation) = reader.organisation(service.org)? else {
                continue;
            };
            let offer = Offer {
                organisation,
                service,
                address,
                permissions: invitation.permissions,
                invitee: Some((invitation.email.clone(), invitation.signup)),
            };
            found.push((invitation, offer));
        }
        Ok(found)
    }

    /// Accepts an invitation shown in the app to its invitee.
    pub fn accept_invitation_by_id(&self, actor: &Actor, id: u64) -> Result<String> {
        let invitation = self
            .store
            .read()?
            .invitation(id)?
            .ok_or(AppError::NotFound)?;
        let login = self
            .store
            .read()?
            .user(actor.user)?
            .ok_or(AppError::Forbidden)?
            .login;
        if invitation.email != login {
            return Err(AppError::NotFound);
        }
        // A fresh token, so the app and the email link stay single-use alike.
        let token = random_token();
        self.store.write(|tx| -> Result<()> {
            let mut stored = tx.invitation(id)?.ok_or(AppError::NotFound)?;
            tx.set_invitation_token(&mut stored, token_hash(&token))?;
            Ok(())
        })?;
        self.accept(
            Token::Invitation,
            &token,
            Some(actor.user),
            None,
            actor.ip.clone(),
        )
    }

    fn target_of(view: &AddressView) -> ShareTarget {
        ShareTarget::new(&view.service, &view.address)
    }

    /// Sends a pending invitation again, with a new link (the old one dies).
    pub fn resend_invitation(&self, actor: &Actor, view: &AddressView, id: u64) -> Result<()> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        let target = Self::target_of(view);
        self.store.write(|tx| {
            let mut invitation = tx
                .invitation(id)?
                .filter(|i| i.address == view.address.id && i.state == InvitationState::Pending)
                .ok_or(AppError::NotFound)?;
            let inviter = tx
                .user(actor.user)?
                .map(|u| u.login.to_string())
                .unwrap_or_default();
            invitation.expires = now() + super::INVITATION_DAYS * 24 * 60 * 60;
            self.send_invitation(tx, &target, &mut invitation, &inviter)?;
            audit_address(
                tx,
                actor,
                target.org,
                target.address,
                "invitation.resend",
                invitation.email.to_ascii(),
            )
        })
    }

    pub fn revoke_invitation(&self, actor: &Actor, view: &AddressView, id: u64) -> Result<()> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut invitation = tx
                .invitation(id)?
                .filter(|i| i.address == view.address.id && i.state == InvitationState::Pending)
                .ok_or(AppError::NotFound)?;
            invitation.state = InvitationState::Revoked;
            tx.put_invitation(&invitation)?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                view.address.id,
                "invitation.revoke",
                invitation.email.to_ascii(),
            )
        })
    }

    /// Makes a sharing link; the token is returned once, and only its hash kept.
    pub fn create_link(
        &self,
        actor: &Actor,
        view: &AddressView,
        permissions: Permissions,
        days: i64,
    ) -> Result<(SharingLink, String)> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        if !(1..=365).contains(&days) {
            return Err(AppError::Invalid(
                "a link lasts between 1 and 365 days".into(),
            ));
        }
        let token = random_token();
        let link = self.store.write(|tx| -> Result<SharingLink> {
            let created = now();
            let link = tx.insert_link(|id| SharingLink {
                id,
                address: view.address.id,
                creator: actor.user,
                permissions,
                token_hash: token_hash(&token),
                created,
                expires: created + days * 24 * 60 * 60,
                revoked: false,
                uses: 0,
            })?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                view.address.id,
                "link.create",
                format!("link {}", link.id),
            )?;
            Ok(link)
        })?;
        Ok((link, token))
    }

    pub fn revoke_link(&self, actor: &Actor, view: &AddressView, id: u64) -> Result<()> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut link = tx
                .link(id)?
                .filter(|l| l.address == view.address.id)
                .ok_or(AppError::NotFound)?;
            link.revoked = true;
            tx.put_link(&link)?;
            let org = view.service.organisation.id;
            audit_address(
                tx,
                actor,
                org,
                view.address.id,
                "link.revoke",
                format!("link {id}"),
            )
        })
    }

    pub fn links_of(&self, view: &AddressView) -> Result<Vec<SharingLink>> {
        if !view.may(Permission::Users) {
            return Err(AppError::Forbidden);
        }
        Ok(self.store.read()?.links_of(view.address.id)?)
    }

    /// The organisation's members with their roles (owners and admins).
    pub fn members(&self, actor: &Actor, org: OrgId) -> Result<Vec<(User, Membership)>> {
        if !self.role_in(actor.user, org)?.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        let reader = self.store.read()?;
        let mut found = Vec::new();
        for membership in reader.members_of(org)? {
            if let Some(user) = reader.user(membership.user)? {
                found.push((user, membership));
            }
        }
        found.sort_by(|a, b| a.0.login.cmp(&b.0.login));
        Ok(found)
    }

    /// Changes a member's role. Only owners make or unmake owners; the last
    /// owner stays one.
    pub fn set_role(&self, actor: &Actor, org: OrgId, user: UserId, role: Role) -> Result<()> {
        let acting = self.role_in(actor.user, org)?;
        if !acting.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let mut membership = tx.membership(org, user)?.ok_or(AppError::NotFound)?;
            let touches_owner = role == Role::Owner || membership.role == Role::Owner;
            if touches_owner && acting != Some(Role::Owner) {
                return Err(AppError::Forbidden);
            }
            if membership.role == Role::Owner && role != Role::Owner && owners(tx, org)? <= 1 {
                return Err(AppError::Invalid(
                    "the organisation needs at least one owner".into(),
                ));
            }
            membership.role = role;
            tx.put_membership(&membership)?;
            let login = tx
                .user(user)?
                .map(|u| u.login.to_ascii())
                .unwrap_or_default();
            audit(
                tx,
                Some(actor),
                Some(org),
                "member.role",
                format!("{login} as {}", role.name()),
            )
        })
    }

    /// Removes a member and every access they had in the organisation.
    pub fn remove_member(&self, actor: &Actor, org: OrgId, user: UserId) -> Result<()> {
        let acting = self.role_in(actor.user, org)?;
        if !acting.is_some_and(Role::manages) {
            return Err(AppError::Forbidden);
        }
        self.store.write(|tx| {
            let membership = tx.membership(org, user)?.ok_or(AppError::NotFound)?;
            if membership.role == Role::Owner {
                if acting != Some(Role::Owner) {
                    return Err(AppError::Forbidden);
                }
                if owners(tx, org)? <= 1 {
                    return Err(AppError::Invalid("the last owner cannot be removed".into()));
                }
            }
            for address in tx.addresses_of_user_in(user, org)? {
                tx.remove_access(address, user)?;
            }
            tx.remove_membership(org, user)?;
            let login = tx
                .user(user)?
                .map(|u| u.login.to_ascii())
                .unwrap_or_default();
            audit(tx, Some(actor), Some(org), "member.remove", login)
        })
    }
}

fn owners(tx: &Writer, org: OrgId) -> Result<usize> {
    Ok(tx
        .members_of(org)?
        .iter()
        .filter(|m| m.role == Role::Owner)
        .count())
}

fn find_invitation(tx: &Writer, hash: &[u8; 32]) -> Result<Option<Invitation>> {
    Ok(tx
        .invitation_by_token(hash)?
        .filter(|i| i.token_hash.is_some_and(|h| bool::from(h.ct_eq(hash)))))
}

fn find_link(tx: &Writer, hash: &[u8; 32]) -> Result<Option<SharingLink>> {
    Ok(tx
        .link_by_token(hash)?
        .filter(|l| bool::from(l.token_hash.ct_eq(hash))))
}

fn invitation_problem(invitation: &Invitation) -> Option<LinkProblem> {
    match invitation.state {
        InvitationState::Accepted => Some(LinkProblem::Used),
        InvitationState::Revoked => Some(LinkProblem::Revoked),
        InvitationState::Pending if now() > invitation.expires => Some(LinkProblem::Expired),
        InvitationState::Pending => None,
    }
}

fn link_problem(link: &SharingLink) -> Option<LinkProblem> {
    if link.revoked {
        Some(LinkProblem::Revoked)
    } else if now() > link.expires {
        Some(LinkProblem::Expired)
    } else {
        None
    }
}

fn problem_error(problem: LinkProblem) -> AppError {
    AppError::Invalid(
        match problem {
            LinkProblem::Unknown => "this link is not valid",
            LinkProblem::Expired => "this link has expired",
            LinkProblem::Revoked => "this link was revoked",
            LinkProblem::Used => "this invitation was already accepted",
        }
        .into(),
    )
}

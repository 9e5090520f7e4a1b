//! The installation's operators and the organisations they run: creating
//! one with its first owner, suspending and resuming it. An operator is a
//! role of the installation, apart from the roles inside an organisation;
//! the person who set the installation up is the first.
//!
//! A suspended organisation's people are refused its pages and, when it is
//! their only one, sign-in (`access::standing`, `refuse_if_only_suspended`);
//! its mail logins get a temporary failure while its mail still arrives
//! (`mailserver::mail_login`); its jobs wait (`store::jobs`), except the
//! one ending its open mail sessions, queued here.

use super::audit::record;
use super::capabilities::Operators;
use super::{Actor, AppError, Conflict, Rejection, Result, now};
use crate::model::{EmailAddress, Job, OrgId, Organisation, Role, Scope, Suspension, User, UserId};
use crate::store::Writer;
use crate::store::prelude::*;

/// Longest reason for a suspension, as people read it on a banner.
const REASON_MAX: usize = 500;

/// Who acts: an operator signed in, or the command line (root on the
/// server, which runs the installation anyway).
#[derive(Debug, Clone, Copy)]
pub enum OperatorActor<'a> {
    Person(&'a Actor),
    CommandLine,
}

impl OperatorActor<'_> {
    pub(super) fn actor(&self) -> Option<&Actor> {
        match self {
            OperatorActor::Person(actor) => Some(actor),
            OperatorActor::CommandLine => None,
        }
    }

    /// Refuses anyone but an operator, acting as themselves or through an
    /// operator's token of theirs that is still valid (an organisation's
    /// token is never an operator's).
    pub(super) fn require(&self, q: &impl Query) -> Result<Option<UserId>> {
        match self {
            OperatorActor::CommandLine => Ok(None),
            OperatorActor::Person(actor) => {
                let token_allows = match actor.token {
                    None => true,
                    Some(id) => q.api_token(id)?.is_some_and(|t| {
                        t.org.is_none()
                            && t.scope == Scope::Operator
                            && t.created_by == actor.user
                            && t.usable(now())
                    }),
                };
                let operator =
                    token_allows && q.user(actor.user)?.is_some_and(|user| user.operator);
                if !operator {
                    return Err(AppError::Forbidden);
                }
                // Whoever runs every organisation signs in with two factors.
                let enrolled = q
                    .second_factor(actor.user)?
                    .is_some_and(|f| f.enrolled.is_some());
                if !enrolled {
                    return Err(Rejection::OperatorWithoutSecondFactor.into());
                }
                Ok(Some(actor.user))
            }
        }
    }

    /// Refuses a token as well: who is an operator, and their tokens, are
    /// changed by an operator in person or on the command line only.
    pub(super) fn require_without_token(&self, q: &impl Query) -> Result<Option<UserId>> {
        if let OperatorActor::Person(actor) = self
            && actor.token.is_some()
        {
            return Err(AppError::Forbidden);
        }
        self.require(q)
    }
}

/// A person whose every organisation is suspended has nothing to sign in
/// to; operators always have their console.
pub(super) fn refuse_if_only_suspended(q: &impl Query, user: UserId) -> Result<()> {
    if q.user(user)?.is_some_and(|u| u.operator) {
        return Ok(());
    }
    let memberships = q.memberships_of(user)?;
    if memberships.iter().all(|(o, _)| o.suspended.is_some())
        && let Some((organisation, _)) = memberships.into_iter().next()
        && let Some(suspension) = organisation.suspended
    {
        return Err(AppError::Suspended {
            organisation: organisation.name,
            reason: suspension.reason,
        });
    }
    Ok(())
}

impl Operators<'_> {
    /// The installation's operators.
    pub fn operators(&self) -> Result<Vec<User>> {
        Ok(self.app.store.read()?.operators()?)
    }

    /// Whether this person is an operator.
    pub fn is_operator(&self, user: UserId) -> Result<bool> {
        Ok(self
            .app
            .store
            .read()?
            .user(user)?
            .is_some_and(|u| u.operator))
    }

    /// Makes a person with an account an operator.
    pub fn add_operator(&self, by: OperatorActor<'_>, login: &EmailAddress) -> Result<User> {
        self.app.store.write(|tx| {
            by.require_without_token(tx)?;
            let mut user = tx
                .user_by_login(login)?
                .ok_or_else(|| Rejection::NoSuchPerson(login.clone()))?;
            if !user.operator {
                user.operator = true;
                tx.put_user(&user)?;
                record(tx, by.actor(), None, "operator.add", login.to_ascii())?;
            }
            Ok(user)
        })
    }

    /// Ends a person's operator role; the last operator stays.
    pub fn remove_operator(&self, by: OperatorActor<'_>, login: &EmailAddress) -> Result<()> {
        self.app.store.write(|tx| {
            by.require_without_token(tx)?;
            let mut user = tx
                .user_by_login(login)?
                .filter(|u| u.operator)
                .ok_or(AppError::NotFound)?;
            if tx.operators()?.len() <= 1 {
                return Err(Rejection::LastOperator.into());
            }
            user.operator = false;
            tx.put_user(&user)?;
            // Their tokens end with the role: made an operator again, they
            // make new ones.
            for token in tx.operator_tokens()? {
                if token.created_by == user.id && token.revoked.is_none() {
                    super::token_revocation::revoke_in(tx, by.actor(), token.id, None)?;
                }
            }
            record(tx, by.actor(), None, "operator.remove", login.to_ascii())
        })
    }

    /// Creates an organisation with its first owner: a person with an
    /// account is its owner at once; anyone else is sent an invitation to
    /// become it (the record's `owner_invitation` says which happened).
    pub fn create_organisation(
        &self,
        by: OperatorActor<'_>,
        name: &str,
        owner: &EmailAddress,
    ) -> Result<Organisation> {
        self.create_organisation_with(by, name, owner, None)
    }

    /// Creates an organisation as above, with `limits` instead of the
    /// installation's defaults when given.
    pub fn create_organisation_with(
        &self,
        by: OperatorActor<'_>,
        name: &str,
        owner: &EmailAddress,
        limits: Option<crate::model::Limits>,
    ) -> Result<Organisation> {
        let name = organisation_name(name)?;
        self.app.store.write(|tx| {
            by.require(tx)?;
            if tx.organisation_id_named(&name)?.is_some() {
                return Err(Conflict::OrganisationNamed(name.clone()).into());
            }
            let mut org = tx.insert_organisation(&name, now(), crate::i18n::current())?;
            org.limits = match limits {
                Some(limits) => limits,
                None => tx.default_limits()?,
            };
            tx.put_organisation(&org)?;
            let mut object = format!("{name} ({})", owner.to_ascii());
            if let Some(limits) = &limits {
                object = format!("{object} {}", limits.said());
            }
            record(tx, by.actor(), Some(org.id), "organisation.create", object)?;
            self.app.owner_in(tx, by.actor(), &mut org, owner)?;
            Ok(org)
        })
    }

    /// Suspends an organisation: its people are refused, its open mail
    /// sessions end, its mail still arrives.
    pub fn suspend(&self, by: OperatorActor<'_>, org: OrgId, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty()
            || reason.chars().count() > REASON_MAX
            || reason.chars().any(char::is_control)
        {
            return Err(Rejection::SuspensionReason.into());
        }
        self.app.store.write(|tx| {
            let by_user = by.require(tx)?;
            let mut organisation = live(tx, org)?;
            if organisation.suspended.is_some() {
                return Ok(());
            }
            organisation.suspended = Some(Suspension {
                since: now(),
                by: by_user.unwrap_or(UserId(0)),
                reason: reason.to_owned(),
            });
            tx.put_organisation(&organisation)?;
            self.end_mail_sessions(tx, org)?;
            record(tx, by.actor(), Some(org), "organisation.suspend", reason)
        })
    }

    /// Lifts a suspension.
    pub fn resume(&self, by: OperatorActor<'_>, org: OrgId) -> Result<()> {
        self.app.store.write(|tx| {
            by.require(tx)?;
            let mut organisation = live(tx, org)?;
            if organisation.suspended.take().is_none() {
                return Ok(());
            }
            tx.put_organisation(&organisation)?;
            record(tx, by.actor(), Some(org), "organisation.resume", "")
        })
    }

    /// Every session of every address of its services (the mail server
    /// matches `*@domain`: addresses and their device sessions alike).
    pub(super) fn end_mail_sessions(&self, tx: &mut Writer, org: OrgId) -> Result<()> {
        if self.app.settings.doveadm.is_none() {
            return Ok(());
        }
        let logins: Vec<String> = tx
            .services_of(org)?
            .iter()
            .map(|s| format!("*@{}", s.domain.as_ascii()))
            .collect();
        if logins.is_empty() {
            return Ok(());
        }
        let job = Job::EndSessions { logins };
        let attempts = self.app.settings.jobs.max_attempts;
        tx.enqueue_job(job, Some(org), attempts, crate::model::now_ms())?;
        Ok(())
    }
}

/// The organisation, unless it is deleted (then, as if it did not exist):
/// what only a live organisation can do (suspend, limits) asks for it.
pub(super) fn live(q: &impl Query, org: OrgId) -> Result<Organisation> {
    q.organisation(org)?
        .filter(|o| o.deleted.is_none())
        .ok_or(AppError::NotFound)
}

/// An organisation's name as people type it: trimmed, 1 to 100
/// characters, none of them invisible (a line break, or a direction
/// override that would show the console and the history another name).
pub(super) fn organisation_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Rejection::OrganisationNameMissing.into());
    }
    if name.chars().count() > 100 {
        return Err(Rejection::OrganisationNameTooLong.into());
    }
    if name.chars().any(invisible) {
        return Err(Rejection::OrganisationNameInvisible.into());
    }
    Ok(name.to_owned())
}

/// Control characters, and the formatting characters that reorder or hide
/// text (bidirectional embeddings, overrides and isolates, zero-width
/// ones).
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

impl super::capabilities::Operations<'_> {
    /// An installation made before operators existed has none: the owners
    /// of its first organisation, who ran it, become its operators.
    pub(super) fn ensure_an_operator(&self) -> Result<()> {
        let reader = self.app.store.read()?;
        if !reader.has_users()? || !reader.operators()?.is_empty() {
            return Ok(());
        }
        drop(reader);
        self.app.store.write(|tx| {
            if !tx.operators()?.is_empty() {
                return Ok(());
            }
            let Some(first) = tx.first_organisation()? else {
                return Ok(());
            };
            for member in tx.members_of(first.id)? {
                if member.role != Role::Owner {
                    continue;
                }
                if let Some(mut user) = tx.user(member.user)? {
                    user.operator = true;
                    tx.put_user(&user)?;
                    let object = format!("{} (owner of the first organisation)", user.login);
                    record(tx, None, None, "operator.add", object)?;
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn names_with_invisible_characters_are_refused() {
        for name in [
            "Acme\nEvil",
            "Ac\tme",
            "Acme\u{0}",
            "Acme \u{202e}emca",
            "A\u{200b}cme",
            "\u{feff}Acme",
        ] {
            assert!(
                matches!(
                    organisation_name(name),
                    Err(crate::app::AppError::Rejected(
                        Rejection::OrganisationNameInvisible
                    ))
                ),
                "{name:?}"
            );
        }
        assert_eq!(
            organisation_name("  Café Müller & Söhne ").unwrap(),
            "Café Müller & Söhne"
        );
        assert_eq!(
            organisation_name("Acme\n").unwrap(),
            "Acme",
            "trimmed at its ends"
        );
    }
}

//! Two-factor sign-in for the manager (TOTP, RFC 6238): enrol with a QR
//! code and a first code, ten single-use recovery codes, disable with the
//! password and a code; owners can require it of owners and admins, and
//! owners and admins can reset a member's. Codes are throttled like
//! passwords, and a code is never accepted twice. Mail logins (device
//! passwords) are not affected.

use super::Admit;
use super::capabilities::{Accounts, Organisations};
use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Builder, Totp};

use super::accounts::token_hash;
use super::audit::record;
use super::services::require_manager_of;
use super::{Actor, App, AppError, Rejection, Result, now};
use crate::model::Scope;
use crate::model::{OrgId, Role, SecondFactor, SecondFactorRule, UserId};
use crate::store::prelude::*;

/// What the enrolment page shows: the secret, as a QR code's URI and as
/// text to type.
pub struct Enrolment {
    pub secret_base32: String,
    pub uri: String,
}

const RECOVERY_CODES: usize = 10;

fn totp(secret_hex: &str) -> Option<Totp> {
    let bytes: Vec<u8> = (0..secret_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(secret_hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    Builder::new().with_secret(bytes).build().ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_code(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    hex(&Sha256::digest(normal.as_bytes()))
}

/// Checks a code against a factor: a TOTP code of a step after the last
/// one accepted, or an unused recovery code (used up here). Returns whether
/// it was accepted; `factor` is updated.
fn accept_code(factor: &mut SecondFactor, code: &str, time: u64) -> bool {
    let code = code.trim();
    if let Some(totp) = totp(&factor.secret)
        && let Some(step) = totp.check(&code.replace(' ', ""), time)
        && step > factor.last_step
    {
        factor.last_step = step;
        return true;
    }
    let hashed = hash_code(code);
    if let Some(at) = factor.recovery.iter().position(|h| *h == hashed) {
        factor.recovery.remove(at);
        return true;
    }
    false
}

fn code_key(actor: &Actor) -> String {
    format!("code:{}", actor.user)
}

fn unix_now() -> u64 {
    u64::try_from(now()).unwrap_or(0)
}

impl App {
    /// Codes are throttled like passwords (a record of their own); only
    /// wrong codes count, so `checked` takes back the attempt of a right one.
    fn code_attempt(&self, actor: &Actor) -> Result<()> {
        self.throttle.admit(&code_key(actor), actor.ip.as_deref())
    }

    fn checked<T>(&self, actor: &Actor, outcome: Result<T>) -> Result<T> {
        if outcome.is_ok() {
            self.throttle
                .succeeded(&code_key(actor), actor.ip.as_deref());
        }
        outcome
    }
}

impl Accounts<'_> {
    /// Starts (or starts again) enrolment with a fresh secret, unused until
    /// a first code confirms it.
    pub fn begin_second_factor(&self, actor: &Actor) -> Result<Enrolment> {
        let mut secret = [0u8; 20];
        rand::rng().fill(&mut secret);
        self.app.store.write(|tx| {
            let user = tx.user(actor.user)?.ok_or(AppError::Forbidden)?;
            if tx.second_factor(user.id)?.is_some_and(|f| f.enrolled.is_some()) {
                return Err(Rejection::TwoFactorOn.into());
            }
            tx.put_second_factor(
                user.id,
                Some(&SecondFactor {
                    secret: hex(&secret),
                    enrolled: None,
                    last_step: 0,
                    recovery: Vec::new(),
                }),
            )?;
            let secret_base32 = totp_rs::Secret::from(secret).to_base32();
            let login = user.login.to_ascii();
            let uri = format!(
                "otpauth://totp/Mailroom:{login}?secret={secret_base32}&issuer=Mailroom&algorithm=SHA1&digits=6&period=30"
            );
            Ok(Enrolment { secret_base32, uri })
        })
    }

    /// Confirms enrolment with a first code; returns the recovery codes,
    /// shown this once. Every other session of the person ends: none of
    /// them gave a code, and from now on every session has (an operator's
    /// console counts on that).
    pub fn confirm_second_factor(
        &self,
        actor: &Actor,
        session_token: Option<&str>,
        code: &str,
    ) -> Result<Vec<String>> {
        let keep = session_token.map(super::accounts::token_hash);
        self.app.code_attempt(actor)?;
        let codes: Vec<String> = (0..RECOVERY_CODES)
            .map(|_| {
                let mut bytes = [0u8; 5];
                rand::rng().fill(&mut bytes);
                let text = hex(&bytes);
                format!("{}-{}", &text[..5], &text[5..])
            })
            .collect();
        let outcome = self.app.store.write(|tx| {
            let mut factor = tx
                .second_factor(actor.user)?
                .filter(|f| f.enrolled.is_none())
                .ok_or(Rejection::TwoFactorNotStarted)?;
            factor.recovery.clear();
            if !accept_code(&mut factor, code, unix_now()) {
                return Err(AppError::WrongCode);
            }
            factor.enrolled = Some(now());
            factor.recovery = codes.iter().map(|c| hash_code(c)).collect();
            tx.put_second_factor(actor.user, Some(&factor))?;
            let ended = tx.remove_sessions_of(actor.user, keep.as_ref())?;
            record(tx, Some(actor), None, "two_factor.enrol", String::new())?;
            if ended > 0 {
                super::sessions::record_others_ended(tx, actor, ended)?;
            }
            Ok(codes.clone())
        });
        self.app.checked(actor, outcome)
    }

    /// Turns the second factor off: the password and a code are required.
    pub fn disable_second_factor(&self, actor: &Actor, password: &str, code: &str) -> Result<()> {
        self.app.code_attempt(actor)?;
        self.app.confirm_login_password(actor, password)?;
        let outcome = self.app.store.write(|tx| {
            let mut factor = tx
                .second_factor(actor.user)?
                .filter(|f| f.enrolled.is_some())
                .ok_or(Rejection::TwoFactorNotStarted)?;
            if !accept_code(&mut factor, code, unix_now()) {
                return Err(AppError::WrongCode);
            }
            tx.put_second_factor(actor.user, None)?;
            record(tx, Some(actor), None, "two_factor.disable", String::new())
        });
        self.app.checked(actor, outcome)
    }

    /// The second step of a login: a code completes a session waiting for it.
    pub fn complete_login(&self, token: &str, code: &str, ip: Option<String>) -> Result<()> {
        let hash = token_hash(token);
        let session = self
            .app
            .store
            .read()?
            .session(&hash)?
            .filter(|s| s.awaiting_code)
            .ok_or(AppError::Forbidden)?;
        let actor = Actor {
            token: None,
            user: session.user,
            ip,
        };
        self.app.code_attempt(&actor)?;
        let outcome = self.app.store.write(|tx| {
            let mut session = tx.session(&hash)?.ok_or(AppError::Forbidden)?;
            let mut factor = tx
                .second_factor(session.user)?
                .filter(|f| f.enrolled.is_some())
                .ok_or(AppError::Forbidden)?;
            if !accept_code(&mut factor, code, unix_now()) {
                return Err(AppError::WrongCode);
            }
            tx.put_second_factor(session.user, Some(&factor))?;
            session.awaiting_code = false;
            tx.put_session(&hash, &session)?;
            record(tx, Some(&actor), None, "login.second_factor", String::new())
        });
        self.app.checked(&actor, outcome)
    }

    /// Whether the user signs in with a second factor.
    pub fn has_second_factor(&self, user: UserId) -> Result<bool> {
        Ok(self
            .app
            .store
            .read()?
            .second_factor(user)?
            .is_some_and(|f| f.enrolled.is_some()))
    }
}

impl Organisations<'_> {
    /// An owner or admin removes a member's second factor (a lost phone);
    /// only owners reset owners'.
    pub fn reset_second_factor(&self, actor: &Actor, org: OrgId, user: UserId) -> Result<()> {
        self.app.store.write(|tx| {
            let acting = require_manager_of(tx, actor, org, Scope::Admin)?;
            let member = tx.membership(org, user)?.ok_or(AppError::NotFound)?;
            if member.role == Role::Owner && acting != Role::Owner {
                return Err(AppError::Forbidden);
            }
            tx.put_second_factor(user, None)?;
            let login = tx
                .user(user)?
                .map(|u| u.login.to_ascii())
                .unwrap_or_default();
            record(tx, Some(actor), Some(org), "two_factor.reset", login)
        })
    }

    /// Owners say who must sign in with a second factor: nobody, owners
    /// and admins, or every member.
    pub fn set_second_factor_rule(
        &self,
        actor: &Actor,
        org: OrgId,
        rule: SecondFactorRule,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            if require_manager_of(tx, actor, org, Scope::Admin)? != Role::Owner {
                return Err(AppError::Forbidden);
            }
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            if organisation.second_factor_rule() == rule {
                return Ok(());
            }
            organisation.set_second_factor_rule(rule);
            tx.put_organisation(&organisation)?;
            record(
                tx,
                Some(actor),
                Some(org),
                "organisation.require_two_factor",
                rule.name(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_counts_once_and_recovery_codes_are_used_up() {
        let mut factor = SecondFactor {
            secret: hex(&[7u8; 20]),
            enrolled: Some(0),
            last_step: 0,
            recovery: vec![hash_code("abcde-12345")],
        };
        let time = 1_800_000_000;
        let code = totp(&factor.secret).unwrap().generate(time).to_string();
        assert!(accept_code(&mut factor, &code, time));
        assert!(!accept_code(&mut factor, &code, time), "no replay");
        assert!(!accept_code(&mut factor, "000000", time + 30));
        assert!(accept_code(&mut factor, "ABCDE 12345", time));
        assert!(!accept_code(&mut factor, "abcde-12345", time), "used up");
    }
}

//! First setup, logins and sessions.

use super::Admit;
use super::capabilities::{Accounts, Operations};
use sha2::{Digest, Sha256};

use super::audit::record;
use super::{Actor, App, AppError, Result, now};
use crate::model::{EmailAddress, Membership, Password, PasswordHash, Role, Session, User, UserId};
use crate::store::prelude::*;

/// A session just opened: the token goes in the cookie and nowhere else.
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub user: UserId,
    /// The password was right; a second-factor code must follow.
    pub awaiting_code: bool,
}

/// The session behind a request's cookie.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub user: User,
    pub csrf: String,
    /// A second-factor code is still to come: nothing else is open yet.
    pub awaiting_code: bool,
    /// An organisation of theirs requires a second factor they lack: they
    /// enrol before anything else.
    pub must_enrol: bool,
    /// Whether the user owns or administers an organisation (and so has an
    /// outbox and a jobs page to see).
    pub manages: bool,
    /// The default language of their (first) organisation.
    pub org_lang: Option<crate::model::Lang>,
    /// Their organisations (id, name), for the header's switcher.
    pub organisations: Vec<(crate::model::OrgId, String)>,
}

/// Sessions are touched at most this often, so that browsing is not a
/// stream of durable writes.
const TOUCH_EVERY_SECS: i64 = 60;

/// 256 random bits, URL-safe: session tokens and CSRF secrets.
pub use crate::model::random_token;

pub(crate) fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl App {
    fn set_up(
        &self,
        organisation: &str,
        owner: &EmailAddress,
        password: &Password,
        ip: Option<String>,
        log_in: bool,
    ) -> Result<(UserId, Option<NewSession>)> {
        let organisation = &super::operators::organisation_name(organisation)?;
        // Hash before the write transaction: writers take turns.
        let hash = password.hash()?;
        self.store.write(|tx| {
            if tx.has_users()? {
                return Err(AppError::AlreadySetUp);
            }
            let created = now();
            let org = tx.insert_organisation(organisation, created, crate::i18n::current())?;
            // The person who sets up the installation runs it.
            let user = tx.insert_user(|id| User {
                operator: true,
                lang: None,
                id,
                login: owner.clone(),
                display_name: owner.local_part().to_string(),
                password_hash: hash.clone(),
                created,
            })?;
            tx.put_membership(&Membership {
                org: org.id,
                user: user.id,
                role: Role::Owner,
                since: created,
            })?;
            let actor = Actor {
                token: None,
                user: user.id,
                ip: ip.clone(),
            };
            record(tx, Some(&actor), Some(org.id), "setup", organisation)?;
            let session = if log_in {
                Some(open_session(tx, user.id, owner, ip.clone(), false)?)
            } else {
                None
            };
            Ok((user.id, session))
        })
    }

    fn login_once(
        &self,
        login: &str,
        password: &str,
        ip: Option<String>,
        device: Option<&str>,
    ) -> Result<NewSession> {
        let user = match EmailAddress::parse(login) {
            Ok(email) => self.store.read()?.user_by_login(&email)?,
            Err(_) => None,
        };
        let known = match (device, &user) {
            (Some(cookie), Some(user)) if self.device_cookie_matches(user, cookie) => Some(cookie),
            _ => None,
        };
        let device_key = known.map(|cookie| format!("device:{cookie}"));
        match &device_key {
            Some(key) => self.throttle.admit_keys(std::slice::from_ref(key))?,
            None => self.throttle.admit(login, ip.as_deref())?,
        }
        let verified = match &user {
            Some(user) => user.password_hash.verify(password)?,
            None => {
                PasswordHash::verify_nothing(password)?;
                false
            }
        };
        let Some(user) = user.filter(|_| verified) else {
            // The attempt was counted before the check.
            return Err(AppError::InvalidCredentials);
        };
        match &device_key {
            Some(key) => self.throttle.clear(key),
            None => self.throttle.succeeded(login, ip.as_deref()),
        }
        let awaiting = self.accounts().has_second_factor(user.id)?;
        self.store.write(|tx| {
            super::operators::refuse_if_only_suspended(tx, user.id)?;
            open_session(tx, user.id, &user.login, ip.clone(), awaiting)
        })
    }

    fn device_cookie_matches(&self, user: &User, cookie: &str) -> bool {
        use subtle::ConstantTimeEq;
        let Some((nonce, mac)) = cookie.split_once('.') else {
            return false;
        };
        let expected = self.device_mac(user, nonce);
        bool::from(expected.as_bytes().ct_eq(mac.as_bytes()))
    }

    fn device_mac(&self, user: &User, nonce: &str) -> String {
        let account = user.login.to_ascii();
        let password = user.password_hash.as_phc();
        self.key
            .hash_bytes(format!("device-cookie\0{account}\0{password}\0{nonce}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl Accounts<'_> {
    pub fn needs_setup(&self) -> Result<bool> {
        Ok(!self.app.store.read()?.has_users()?)
    }

    /// Creates the organisation and its owner; only while no user exists.
    pub fn setup(
        &self,
        organisation: &str,
        owner: &EmailAddress,
        password: &Password,
        ip: Option<String>,
    ) -> Result<UserId> {
        self.app
            .set_up(organisation, owner, password, ip, false)
            .map(|(user, _)| user)
    }

    /// Sets up and opens the owner's session in the same transaction: the
    /// owner just chose the password, and a throttled login afterwards
    /// could otherwise report a failure of what did happen.
    pub fn setup_and_log_in(
        &self,
        organisation: &str,
        owner: &EmailAddress,
        password: &Password,
        ip: Option<String>,
    ) -> Result<NewSession> {
        match self.app.set_up(organisation, owner, password, ip, true)? {
            (_, Some(session)) => Ok(session),
            (_, None) => Err(AppError::NotSetUp),
        }
    }

    /// Checks a login and opens a session. Unknown logins and wrong passwords
    /// get the same answer, in the same time.
    ///
    /// `device`: the device cookie this browser holds, if any. A browser
    /// that logged in to this account before is not held back by the
    /// account's failed-login record (which anyone can fill, to keep an
    /// owner out): it has a record of its own.
    pub fn login(
        &self,
        login: &str,
        password: &str,
        ip: Option<String>,
        device: Option<&str>,
    ) -> Result<NewSession> {
        let result = self.app.login_once(login, password, ip, device);
        let outcome = match &result {
            Ok(session) if session.awaiting_code => "second_factor",
            Ok(_) => "ok",
            Err(AppError::InvalidCredentials) => "wrong",
            Err(AppError::Throttled { .. }) => "throttled",
            Err(AppError::Busy) => "busy",
            Err(_) => "error",
        };
        metrics::counter!("mailroom_logins_total", "result" => outcome).increment(1);
        result
    }

    /// A device cookie for a browser that gave this account's password: a
    /// random value and its keyed hash with the account and its password
    /// hash, so that it names this account only, cannot be made elsewhere,
    /// and dies with a reset or a password change.
    pub fn device_cookie(&self, login: &str) -> Result<Option<String>> {
        let Ok(email) = EmailAddress::parse(login) else {
            return Ok(None);
        };
        let Some(user) = self.app.store.read()?.user_by_login(&email)? else {
            return Ok(None);
        };
        let nonce = random_token();
        let mac = self.app.device_mac(&user, &nonce);
        Ok(Some(format!("{nonce}.{mac}")))
    }

    /// The live session for a cookie's token, if any; refreshes its idle timer.
    pub fn session(&self, token: &str) -> Result<Option<SessionInfo>> {
        let hash = token_hash(token);
        let reader = self.app.store.read()?;
        let Some(session) = reader.session(&hash)? else {
            return Ok(None);
        };
        let current = now();
        let idle_limit =
            i64::try_from(self.app.settings.session_idle.as_secs()).unwrap_or(i64::MAX);
        let max_age = i64::try_from(self.app.settings.session_max.as_secs()).unwrap_or(i64::MAX);
        if current.saturating_sub(session.last_seen) > idle_limit
            || current.saturating_sub(session.created) > max_age
        {
            drop(reader);
            self.app.store.write(|tx| tx.remove_session(&hash))?;
            return Ok(None);
        }
        let Some(user) = reader.user(session.user)? else {
            return Ok(None);
        };
        let memberships = reader.memberships_of(user.id)?;
        let manages = memberships.iter().any(|(_, m)| m.role.manages());
        let org_lang = memberships.first().map(|(o, _)| o.lang);
        let organisations = memberships
            .iter()
            .map(|(o, _)| (o.id, o.name.clone()))
            .collect();
        // The strictest of their organisations.
        let required = memberships
            .iter()
            .any(|(o, m)| o.requires_second_factor(m.role));
        let enrolled = reader
            .second_factor(user.id)?
            .is_some_and(|f| f.enrolled.is_some());
        drop(reader);
        if current - session.last_seen >= TOUCH_EVERY_SECS {
            let touched = Session {
                last_seen: current,
                ..session.clone()
            };
            self.app.store.write(|tx| tx.put_session(&hash, &touched))?;
        }
        Ok(Some(SessionInfo {
            user,
            csrf: session.csrf,
            awaiting_code: session.awaiting_code,
            must_enrol: required && !enrolled,
            manages,
            org_lang,
            organisations,
        }))
    }

    pub fn logout(&self, token: &str, actor: &Actor) -> Result<()> {
        self.app.store.write(|tx| {
            tx.remove_session(&token_hash(token))?;
            record(tx, Some(actor), None, "logout", "")
        })
    }
}

impl Operations<'_> {
    /// Removes sessions past their idle time or their absolute lifetime (at
    /// start, and hourly while running).
    pub fn purge_expired_sessions(&self) -> Result<()> {
        let idle = i64::try_from(self.app.settings.session_idle.as_secs()).unwrap_or(i64::MAX);
        let max_age = i64::try_from(self.app.settings.session_max.as_secs()).unwrap_or(i64::MAX);
        let (idle_cutoff, created_cutoff) =
            (now().saturating_sub(idle), now().saturating_sub(max_age));
        let removed = self
            .app
            .store
            .write(|tx| tx.purge_sessions(idle_cutoff, created_cutoff))?;
        if removed > 0 {
            tracing::info!(removed, "expired sessions removed");
        }
        // Failed-login records matter for a quarter of an hour at most.
        if let Some(counters) = self.app.store.shared_counters() {
            let day_ago = crate::model::now_ms().saturating_sub(24 * 60 * 60 * 1000);
            counters.prune(day_ago)?;
        }
        Ok(())
    }
}

impl Operations<'_> {
    /// The database's schema version: proof that the store answers.
    pub fn schema_version(&self) -> Result<u64> {
        Ok(self.app.store.read()?.schema_version()?)
    }
}

/// Opens a session in the caller's transaction (a login, or a sign-up just
/// confirmed): the token goes in the cookie, its hash in the store.
pub(super) fn open_session(
    tx: &mut crate::store::Writer,
    user: UserId,
    login: &EmailAddress,
    ip: Option<String>,
    awaiting_code: bool,
) -> Result<NewSession> {
    let token = random_token();
    let csrf = random_token();
    let created = now();
    tx.put_session(
        &token_hash(&token),
        &Session {
            user,
            csrf: csrf.clone(),
            created,
            last_seen: created,
            client: ip.clone(),
            awaiting_code,
        },
    )?;
    let actor = Actor {
        token: None,
        user,
        ip,
    };
    record(tx, Some(&actor), None, "login", login.to_ascii())?;
    Ok(NewSession {
        token,
        csrf,
        user,
        awaiting_code,
    })
}

//! A mail login as Dovecot asks for it, throttled like the web login: per
//! address and per client, counted before any password is checked, so a
//! burst of guesses gets at most the free ones hashed and the rest a
//! temporary failure (Dovecot adds its own delay). Failures of the address
//! password and of device passwords count in the same records.
//!
//! A device password is a long random secret, checked by a keyed hash: it
//! is always checked, never refused because a stranger guessed the
//! address's password (or shares the office's address), so the users of a
//! shared address keep their mail while someone sprays it; a wrong one
//! counts like any failure. A device login does not clear the address's
//! record either (a device checking mail every minute would hand a guesser
//! new free attempts).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::Directory;
use super::mail_login::MailLogin;
use crate::model::{AddressId, DeviceSecret};
use crate::throttle::{LoginThrottle, client_key};

/// What a login attempt comes to, throttling included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Checked(MailLogin),
    /// Refused unchecked: the address or the client must wait this long.
    Throttled(Duration),
}

/// Failed logins not yet in the addresses' histories, per address, client
/// (an IPv4 address or an IPv6 /64, as the throttle counts them) and
/// protocol; `app` writes them in batches ("12 failed logins from
/// 203.0.113.9 over imap"), so a spray costs no write per guess. A batch
/// holds at most `MOST_CLIENTS` lines: clients past it are counted
/// together, so rotating addresses cannot fill the audit.
#[derive(Default)]
pub struct FailedLogins(Mutex<HashMap<(AddressId, String, String), u32>>);

/// Lines of one batch, at most; the rest are "other clients".
pub const MOST_CLIENTS: usize = 100;

/// How the folded clients are named in a batch.
pub const OTHER_CLIENTS: &str = "other clients";

impl FailedLogins {
    pub fn record(&self, address: AddressId, ip: Option<&str>, protocol: &str) {
        let mut failures = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let client = ip.map(client_key).unwrap_or_default();
        let mut key = (address, client, protocol.to_owned());
        if failures.len() >= MOST_CLIENTS && !failures.contains_key(&key) {
            key.1 = OTHER_CLIENTS.to_owned();
        }
        *failures.entry(key).or_default() += 1;
    }

    pub fn take(&self) -> HashMap<(AddressId, String, String), u32> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Directory {
    /// Checks a login for Dovecot: throttled, then a device password
    /// (inline: a keyed hash), else the address's own (argon2, on the
    /// blocking pool).
    pub async fn authenticate(
        &self,
        login: &str,
        password: &str,
        protocol: &str,
        ip: Option<&str>,
    ) -> Result<Outcome, crate::store::StoreError> {
        let throttle = self.throttle();
        if DeviceSecret::parse(password).is_some() {
            // A keyed hash against a long random secret: cheap to check and
            // hopeless to guess, so it is always checked.
            if let Some(answer) = self.check_device(login, password, protocol, ip)? {
                return Ok(Outcome::Checked(answer));
            }
        }
        // The address's own password (argon2): the records guard it.
        if let Err(wait) = throttle.attempt(login, ip) {
            self.failed(login, ip, protocol);
            return Ok(Outcome::Throttled(wait));
        }
        let directory = self.clone();
        let (user, secret) = (login.to_owned(), password.to_owned());
        let answer =
            tokio::task::spawn_blocking(move || directory.check_address_password(&user, &secret))
                .await
                .map_err(|e| crate::store::StoreError::Io {
                    context: "checking a mail password".into(),
                    source: std::io::Error::other(e.to_string()),
                })??;
        match &answer {
            MailLogin::Accepted { .. } => throttle.succeeded(login, ip),
            MailLogin::Busy => throttle.take_back(&LoginThrottle::keys(login, ip)),
            MailLogin::WrongPassword => self.failed(login, ip, protocol),
            MailLogin::UnknownLogin => {}
        }
        Ok(Outcome::Checked(answer))
    }

    /// Notes a failed login in its address's history-to-be.
    fn failed(&self, login: &str, ip: Option<&str>, protocol: &str) {
        if let Ok(Some(address)) = self.address_named(login) {
            self.failures().record(address, ip, protocol);
        }
    }
}

/// The throttle of mail logins, one per process.
pub type MailThrottle = LoginThrottle;

/// After five failures an address (or a client) waits this long, then
/// twice as long after each further one: a mail program's retries and a
/// burst of guesses find it closed, and Dovecot adds its own delay.
pub const FIRST_DELAY: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_counted_per_address_client_and_protocol() {
        let failed = FailedLogins::default();
        for _ in 0..3 {
            failed.record(AddressId(1), Some("203.0.113.9"), "imap");
        }
        failed.record(AddressId(1), Some("203.0.113.9"), "smtp");
        let taken = failed.take();
        assert_eq!(
            taken[&(AddressId(1), "203.0.113.9".into(), "imap".into())],
            3
        );
        assert_eq!(taken.len(), 2);
        assert!(failed.take().is_empty());
    }

    #[test]
    fn rotating_client_addresses_cannot_fill_the_history() {
        let failed = FailedLogins::default();
        // One /64 is one client; many /64s fold past the cap.
        for n in 0..50 {
            failed.record(AddressId(1), Some(&format!("2001:db8:0:1::{n:x}")), "imap");
        }
        for n in 0..1000 {
            failed.record(AddressId(1), Some(&format!("2001:db8:{n:x}::1")), "imap");
        }
        let taken = failed.take();
        assert!(taken.len() <= MOST_CLIENTS + 1, "{} lines", taken.len());
        assert_eq!(taken.values().sum::<u32>(), 1050, "every failure counted");
        assert_eq!(
            taken[&(AddressId(1), "2001:db8:0:1::/64".into(), "imap".into())],
            50
        );
    }
}

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

use std::time::Duration;

use super::Directory;
use super::mail_login::MailLogin;
use crate::model::DeviceSecret;
use crate::throttle::{LoginThrottle, Refused};

/// What a login attempt comes to, throttling included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Checked(MailLogin),
    /// Refused unchecked: the address or the client must wait this long.
    Throttled(Duration),
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
        if DeviceSecret::parse(password).is_some() {
            // A keyed hash against a long random secret: cheap to check and
            // hopeless to guess, so it is always checked.
            if let Some(answer) = self.check_device(login, password, protocol, ip)? {
                return Ok(Outcome::Checked(answer));
            }
        }
        // The address's own password (argon2): the records guard it. They
        // may be a shared store's, so counting runs off the executor too.
        let directory = self.clone();
        let (user, secret) = (login.to_owned(), password.to_owned());
        let client = ip.map(str::to_owned);
        let checked = tokio::task::spawn_blocking(move || {
            let ip = client.as_deref();
            let throttle = directory.throttle();
            match throttle.attempt(&user, ip) {
                Ok(()) => {}
                Err(Refused::Wait(wait)) => return Ok(Err(wait)),
                Err(Refused::Unavailable(error)) => {
                    return Err(crate::store::StoreError::Io {
                        context: "counting a mail login".into(),
                        source: std::io::Error::other(error),
                    });
                }
            }
            let answer = directory.check_address_password(&user, &secret)?;
            match &answer {
                MailLogin::Accepted { .. } | MailLogin::Suspended => throttle.succeeded(&user, ip),
                MailLogin::Busy => throttle.take_back(&LoginThrottle::keys(&user, ip)),
                MailLogin::WrongPassword | MailLogin::UnknownLogin => {}
            }
            Ok(Ok(answer))
        })
        .await
        .map_err(|e| crate::store::StoreError::Io {
            context: "checking a mail password".into(),
            source: std::io::Error::other(e.to_string()),
        })??;
        match checked {
            Err(wait) => {
                self.failed(login, ip, protocol);
                Ok(Outcome::Throttled(wait))
            }
            Ok(answer) => {
                if answer == MailLogin::WrongPassword {
                    self.failed(login, ip, protocol);
                }
                Ok(Outcome::Checked(answer))
            }
        }
    }

    /// Notes a failed login in its address's history-to-be.
    fn failed(&self, login: &str, ip: Option<&str>, protocol: &str) {
        if let Ok(Some(address)) = self.address_named(login) {
            self.failures().record(address, ip, protocol);
        }
    }
}

//! Failed-login throttling per account and per client address. The web
//! login, password resets, second-factor codes and the mail server's logins
//! each keep their own (`app` and `mailserver` hold them); the rule is this
//! one. Where the records live is `Records`' business: this process's
//! memory for the redb file (one process; a restart forgets them, which
//! costs an attacker a restart they cannot cause), or a store every node
//! shares, so that a guesser spreading attempts over the nodes gets no more
//! than from one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::model::now_ms;

/// Failures allowed before any delay.
const FREE_FAILURES: u32 = 5;
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// Past this size, entries whose delay has run out are dropped.
const MAX_ENTRIES: usize = 10_000;

/// One key's record: failures counted, and when the last was (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last_ms: u64,
}

impl Failures {
    /// `first` after the 5th failure, then doubling, up to 15 minutes.
    fn delay(self, first: Duration) -> Duration {
        if self.count < FREE_FAILURES {
            return Duration::ZERO;
        }
        let exponent = (self.count - FREE_FAILURES).min(10);
        (first * (1 << exponent)).min(MAX_DELAY)
    }

    /// How long from `now_ms` until this record lets an attempt through.
    fn wait(self, first: Duration, now_ms: u64) -> Duration {
        let until = self.last_ms.saturating_add(ms(self.delay(first)));
        Duration::from_millis(until.saturating_sub(now_ms))
    }

    /// Whether a record can still matter: past its free failures, within
    /// the longest wait (a record still waiting is one of those).
    fn matters(self, now_ms: u64) -> bool {
        self.count >= FREE_FAILURES && now_ms.saturating_sub(self.last_ms) < ms(MAX_DELAY)
    }
}

fn ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The records could not be read or kept (the shared store is away).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the failed-login records are unavailable: {0}")]
pub struct Unavailable(pub String);

/// Why an attempt is not let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The account or the client must wait this long.
    Wait(Duration),
    /// Nothing can be counted, so nothing is checked.
    Unavailable(Unavailable),
}

/// Where a throttle's records are kept.
pub trait Records: Send + Sync {
    /// Runs `change` on the records of `keys` (in that order; `None`: no
    /// record) in one step that no other change of those keys interleaves
    /// with, anywhere, and keeps what it leaves (`None`: forgotten).
    fn change(
        &self,
        keys: &[String],
        change: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<(), Unavailable>;
}

/// This process's memory: one node's records.
#[derive(Default)]
pub struct InMemory(Mutex<HashMap<String, Failures>>);

impl Records for InMemory {
    fn change(
        &self,
        keys: &[String],
        change: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<(), Unavailable> {
        let mut failures = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > MAX_ENTRIES {
            // Only records that can no longer matter go, or filling the
            // table would wash a victim's record clean.
            let now = now_ms();
            failures.retain(|_, f| f.matters(now));
        }
        let mut records: Vec<Option<Failures>> =
            keys.iter().map(|k| failures.get(k).copied()).collect();
        change(&mut records);
        for (key, record) in keys.iter().zip(records) {
            match record {
                Some(record) => {
                    failures.insert(key.clone(), record);
                }
                None => {
                    failures.remove(key);
                }
            }
        }
        Ok(())
    }
}

pub struct LoginThrottle {
    records: Box<dyn Records>,
    /// The wait after the free failures, doubling with each one after.
    first_delay: Duration,
}

/// The web's: a person at a login form waits a second, then more.
impl Default for LoginThrottle {
    fn default() -> Self {
        Self::with_first_delay(Duration::from_secs(1))
    }
}

impl LoginThrottle {
    /// A mail program retries on its own: the mail server's throttle makes a
    /// guesser wait longer from the start (see `mailserver::mail_auth`).
    pub fn with_first_delay(first_delay: Duration) -> Self {
        Self::kept_in(Box::new(InMemory::default()), first_delay)
    }

    /// The same rule over records kept elsewhere (a shared store).
    pub fn kept_in(records: Box<dyn Records>, first_delay: Duration) -> Self {
        Self {
            records,
            first_delay,
        }
    }

    pub fn keys(account: &str, client: Option<&str>) -> Vec<String> {
        let mut keys = vec![format!("account:{}", account_key(account))];
        if let Some(client) = client {
            keys.push(format!("client:{}", client_key(client)));
        }
        keys
    }

    /// Counts an attempt before its password is checked, in one step with
    /// the check of the delay: refused while the account or the client must
    /// wait, else recorded as a failure until `succeeded` takes it back. A
    /// burst of simultaneous attempts gets at most the free ones checked.
    pub fn attempt(&self, account: &str, client: Option<&str>) -> Result<(), Refused> {
        self.attempt_keys(&Self::keys(account, client))
    }

    /// The same for records of the caller's naming (a device cookie's): an
    /// attempt refused while any of `keys` must wait, else counted against
    /// each of them.
    pub fn attempt_keys(&self, keys: &[String]) -> Result<(), Refused> {
        let now = now_ms();
        let first = self.first_delay;
        let mut wait = Duration::ZERO;
        self.records
            .change(keys, &mut |records| {
                wait = records
                    .iter()
                    .flatten()
                    .map(|f| f.wait(first, now))
                    .max()
                    .unwrap_or(Duration::ZERO);
                if !wait.is_zero() {
                    return;
                }
                for record in records.iter_mut() {
                    let count = record.map_or(0, |f| f.count);
                    *record = Some(Failures {
                        count: count + 1,
                        last_ms: now,
                    });
                }
            })
            .map_err(Refused::Unavailable)?;
        if wait.is_zero() {
            Ok(())
        } else {
            Err(Refused::Wait(wait))
        }
    }

    /// Takes back one counted attempt from each of `keys` (it succeeded).
    pub fn take_back(&self, keys: &[String]) {
        self.keep(keys, &mut |records| {
            for f in records.iter_mut().flatten() {
                f.count = f.count.saturating_sub(1);
            }
        });
    }

    /// Forgets `key` altogether.
    pub fn clear(&self, key: &str) {
        self.keep(&[key.to_owned()], &mut |records| records.fill(None));
    }

    /// A success clears the account's record and takes back this attempt
    /// from the client's; the rest of the client's record stays, so one
    /// valid login does not reset a spray against other accounts.
    pub fn succeeded(&self, account: &str, client: Option<&str>) {
        self.keep(&Self::keys(account, client), &mut |records| {
            if let Some(account) = records.first_mut() {
                *account = None;
            }
            if let Some(Some(client)) = records.get_mut(1) {
                client.count = client.count.saturating_sub(1);
            }
        });
    }

    /// A change that only ever forgives: when it cannot be kept, the
    /// records stay stricter than they should, which is logged, not failed.
    fn keep(&self, keys: &[String], change: &mut dyn FnMut(&mut [Option<Failures>])) {
        if let Err(error) = self.records.change(keys, change) {
            tracing::warn!(%error, "a failed-login record was not lightened");
        }
    }
}

/// The account an attempt is about: the address it parses to (so spellings
/// of one account share one record), else the text as typed, folded.
pub fn account_key(typed: &str) -> String {
    match crate::model::EmailAddress::parse(typed) {
        Ok(email) => email.to_ascii(),
        Err(_) => typed.trim().to_lowercase(),
    }
}

/// The client an attempt comes from: its IPv4 address, or the /64 of an
/// IPv6 address (one host owns a whole /64).
pub fn client_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map(|v4| v4.to_string())
            .unwrap_or_default(),
        Ok(v4) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
#[path = "throttle_tests.rs"]
mod tests;

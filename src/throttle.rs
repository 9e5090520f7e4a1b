//! Failed-login throttling per account and per client address, in memory:
//! a restart forgets it, which costs an attacker a restart they cannot cause.
//! The web login, password resets and the mail server's logins each keep
//! their own (`app` and `mailserver` hold them); the rule is this one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before any delay.
const FREE_FAILURES: u32 = 5;
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// Past this size, entries whose delay has run out are dropped.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
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

    fn locked_until(self, first: Duration) -> Instant {
        self.last + self.delay(first)
    }
}

pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
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
        Self {
            failures: Mutex::default(),
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
    pub fn attempt(&self, account: &str, client: Option<&str>) -> Result<(), Duration> {
        self.attempt_keys(&Self::keys(account, client))
    }

    /// The same for records of the caller's naming (a device cookie's): an
    /// attempt refused while any of `keys` must wait, else counted against
    /// each of them.
    pub fn attempt_keys(&self, keys: &[String]) -> Result<(), Duration> {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let wait = keys
            .iter()
            .filter_map(|k| failures.get(k))
            .map(|f| {
                f.locked_until(self.first_delay)
                    .saturating_duration_since(now)
            })
            .max()
            .unwrap_or(Duration::ZERO);
        if !wait.is_zero() {
            return Err(wait);
        }
        if failures.len() > MAX_ENTRIES {
            // Only records that can no longer matter go: a record past its
            // free failures is kept as long as the longest wait (a record
            // still waiting is one of those), or filling the table would
            // wash a victim's record clean.
            failures
                .retain(|_, f| f.count >= FREE_FAILURES && now.duration_since(f.last) < MAX_DELAY);
        }
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            entry.count += 1;
            entry.last = now;
        }
        Ok(())
    }

    /// Takes back one counted attempt from each of `keys` (it succeeded).
    pub fn take_back(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            if let Some(entry) = failures.get_mut(key) {
                entry.count = entry.count.saturating_sub(1);
            }
        }
    }

    /// Forgets `key` altogether.
    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    /// A success clears the account's record and takes back this attempt
    /// from the client's; the rest of the client's record stays, so one
    /// valid login does not reset a spray against other accounts.
    pub fn succeeded(&self, account: &str, client: Option<&str>) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&format!("account:{}", account_key(account)));
        if let Some(client) = client
            && let Some(entry) = failures.get_mut(&format!("client:{}", client_key(client)))
        {
            entry.count = entry.count.saturating_sub(1);
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
mod tests {
    use super::*;

    #[test]
    fn five_attempts_are_free_then_the_delay_grows() {
        let throttle = LoginThrottle::default();
        for _ in 0..5 {
            assert_eq!(throttle.attempt("a@example.org", Some("10.0.0.1")), Ok(()));
        }
        let first = throttle.attempt("A@example.org", None).unwrap_err();
        assert!(first <= Duration::from_secs(1) && !first.is_zero());
        // The client address is throttled for other accounts too.
        assert!(throttle.attempt("b@example.org", Some("10.0.0.1")).is_err());
        assert_eq!(throttle.attempt("b@example.org", Some("10.0.0.2")), Ok(()));
        throttle.succeeded("a@example.org", Some("10.0.0.2"));
        assert_eq!(throttle.attempt("a@example.org", Some("10.0.0.3")), Ok(()));
    }

    #[test]
    fn spellings_of_one_account_are_one_account() {
        assert_eq!(account_key("Ann@Acme.Example."), "ann@acme.example");
        assert_eq!(account_key(" ann@acme.example"), "ann@acme.example");
        assert_eq!(
            account_key("ann@b\u{fc}ro.example"),
            account_key("ann@xn--bro-hoa.example")
        );
        assert_eq!(account_key("Not An Address"), "not an address");
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        assert_eq!(
            client_key("2001:db8:1:2:aaaa::1"),
            client_key("2001:db8:1:2:bbbb::9")
        );
        assert_ne!(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
        assert_eq!(client_key("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(client_key("10.0.0.1"), "10.0.0.1");
    }

    #[test]
    fn filling_the_table_does_not_wash_a_victims_record_clean() {
        let throttle = LoginThrottle::with_first_delay(Duration::ZERO);
        for _ in 0..FREE_FAILURES + 1 {
            let _ = throttle.attempt("victim@example.org", None);
        }
        for n in 0..=MAX_ENTRIES {
            let _ = throttle.attempt(&format!("filler{n}@example.org"), None);
        }
        // The victim's wait ran out (no first delay here), but its count
        // stays: the next failure waits longer than the first.
        let failures = throttle.failures.lock().unwrap();
        let victim = failures[&format!("account:{}", account_key("victim@example.org"))];
        assert_eq!(victim.count, FREE_FAILURES + 1);
        assert!(failures.len() < MAX_ENTRIES, "the fillers went");
    }

    #[test]
    fn a_table_past_its_size_drops_the_records_that_no_longer_matter() {
        let throttle = LoginThrottle::default();
        // Below the free failures: nothing to remember, however recent.
        let now = Instant::now();
        {
            let mut failures = throttle.failures.lock().unwrap();
            for n in 0..MAX_ENTRIES + 5 {
                failures.insert(
                    format!("client:{n}"),
                    Failures {
                        count: 1,
                        last: now,
                    },
                );
            }
        }
        assert_eq!(throttle.attempt("someone@example.org", None), Ok(()));
        let failures = throttle.failures.lock().unwrap();
        assert_eq!(failures.len(), 1, "only the new attempt's record is left");
    }

    #[test]
    fn the_delay_is_capped() {
        let f = Failures {
            count: 60,
            last: Instant::now(),
        };
        assert_eq!(f.delay(Duration::from_secs(1)), MAX_DELAY);
        assert_eq!(
            MAX_DELAY,
            Duration::from_secs(900),
            "a quarter of an hour at most"
        );
        let fifth = Failures {
            count: 5,
            last: Instant::now(),
        };
        assert_eq!(
            fifth.delay(Duration::from_secs(30)),
            Duration::from_secs(30)
        );
    }
}

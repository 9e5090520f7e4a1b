//! Failed-login throttling per account and per client address, in memory:
//! a restart forgets it, which costs an attacker a restart they cannot cause.

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
    /// 1 s after the 5th failure, then doubling, up to 15 minutes.
    fn delay(self) -> Duration {
        if self.count < FREE_FAILURES {
            return Duration::ZERO;
        }
        let exponent = (self.count - FREE_FAILURES).min(10);
        Duration::from_secs(1 << exponent).min(MAX_DELAY)
    }

    fn locked_until(self) -> Instant {
        self.last + self.delay()
    }
}

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

impl LoginThrottle {
    fn keys(account: &str, ip: Option<&str>) -> Vec<String> {
        let mut keys = vec![format!("account:{}", account.trim().to_lowercase())];
        if let Some(ip) = ip {
            keys.push(format!("ip:{ip}"));
        }
        keys
    }

    /// How long the caller must still wait, if at all.
    pub fn wait(&self, account: &str, ip: Option<&str>) -> Option<Duration> {
        let now = Instant::now();
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::keys(account, ip)
            .iter()
            .filter_map(|k| failures.get(k))
            .map(|f| f.locked_until().saturating_duration_since(now))
            .filter(|d| !d.is_zero())
            .max()
    }

    pub fn failed(&self, account: &str, ip: Option<&str>) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > MAX_ENTRIES {
            failures.retain(|_, f| f.locked_until() > now);
        }
        for key in Self::keys(account, ip) {
            let entry = failures.entry(key).or_insert(Failures {
                count: 0,
                last: now,
            });
            entry.count += 1;
            entry.last = now;
        }
    }

    /// A success clears the account's record; the address's record stays, so
    /// one valid login does not reset a spray against other accounts.
    pub fn succeeded(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in Self::keys(account, None) {
            failures.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_the_delay_grows() {
        let throttle = LoginThrottle::default();
        for _ in 0..4 {
            throttle.failed("a@example.org", Some("10.0.0.1"));
        }
        assert_eq!(throttle.wait("a@example.org", Some("10.0.0.1")), None);
        throttle.failed("a@example.org", Some("10.0.0.1"));
        let first = throttle.wait("A@example.org", None).unwrap();
        assert!(first <= Duration::from_secs(1) && !first.is_zero());
        throttle.failed("a@example.org", Some("10.0.0.1"));
        assert!(throttle.wait("a@example.org", None).unwrap() > Duration::from_secs(1));
        // The client address is throttled for other accounts too.
        assert!(throttle.wait("b@example.org", Some("10.0.0.1")).is_some());
        assert_eq!(throttle.wait("b@example.org", Some("10.0.0.2")), None);
        throttle.succeeded("a@example.org");
        assert_eq!(throttle.wait("a@example.org", Some("10.0.0.2")), None);
    }

    #[test]
    fn the_delay_is_capped() {
        let f = Failures {
            count: 60,
            last: Instant::now(),
        };
        assert_eq!(f.delay(), MAX_DELAY);
    }
}

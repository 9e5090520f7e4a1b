//! What the mail server's doors count for app to write down: failed logins,
//! per address, client and protocol, and how mail logins are throttled.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::model::AddressId;
use crate::throttle::{LoginThrottle, client_key};

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

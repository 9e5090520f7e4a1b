//! Links that hand a configuration profile (with a device password in it)
//! to a phone: random, held in memory only, valid for 15 minutes. A restart
//! forgets them; the password is still shown on the page that made them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::app::random_token;

const VALID_FOR: Duration = Duration::from_secs(15 * 60);
/// Past this many, expired links are swept out.
const SWEEP_AT: usize = 1_000;

struct Held {
    bytes: Vec<u8>,
    name: String,
    until: Instant,
}

#[derive(Default)]
pub struct ProfileLinks(Mutex<HashMap<[u8; 32], Held>>);

fn key(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl ProfileLinks {
    /// Keeps a profile; returns the token of its link.
    pub fn put(&self, bytes: Vec<u8>, name: &str) -> String {
        let token = random_token();
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.len() >= SWEEP_AT {
            let now = Instant::now();
            held.retain(|_, h| h.until > now);
        }
        held.insert(
            key(&token),
            Held {
                bytes,
                name: name.to_owned(),
                until: Instant::now() + VALID_FOR,
            },
        );
        token
    }

    /// The profile and its file name, while its link is valid.
    pub fn get(&self, token: &str) -> Option<(Vec<u8>, String)> {
        let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.get(&key(token))
            .filter(|h| h.until > Instant::now())
            .map(|h| (h.bytes.clone(), h.name.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_gives_its_profile_and_nothing_else() {
        let links = ProfileLinks::default();
        let token = links.put(b"profile".to_vec(), "a@b.example");
        assert_eq!(
            links.get(&token),
            Some((b"profile".to_vec(), "a@b.example".to_owned()))
        );
        assert_eq!(links.get("not-a-token"), None);
    }
}

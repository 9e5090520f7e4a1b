//! Device passwords: one per user and device, for mail programs. People
//! never choose them: the secret is generated (140 random bits), shown once,
//! and carries the credential's id so a check reads one record. Its stored
//! form is a keyed hash (the secret is too random to need a slow one).

use hmac::{Hmac, Mac};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::{AddressId, CredentialId, UserId};

/// Letters and digits that cannot be mistaken for one another (no l, o, 0, 1).
const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// 28 characters of 5 bits each: 140 bits.
const SECRET_CHARS: usize = 28;
const GROUP: usize = 4;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevicePassword {
    pub id: CredentialId,
    pub user: UserId,
    pub address: AddressId,
    pub name: DeviceName,
    /// HMAC-SHA-256 of the normalised secret, under the installation's key
    /// (stored as hex: a quarter of the JSON array's size, read at every login).
    #[serde(with = "hex32")]
    pub secret_hash: [u8; 32],
    pub created: i64,
    pub expires: Option<i64>,
    pub last_use: Option<LastUse>,
}

impl DevicePassword {
    pub fn expired(&self, now: i64) -> bool {
        self.expires.is_some_and(|at| now >= at)
    }
}

pub(crate) mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(64);
        for byte in bytes {
            text.push_str(&format!("{byte:02x}"));
        }
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = <&str>::deserialize(d)?;
        let mut bytes = [0u8; 32];
        if text.len() != 64 {
            return Err(D::Error::custom("a hash of 64 hex digits"));
        }
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16)
                .map_err(|_| D::Error::custom("a hash of 64 hex digits"))?;
        }
        Ok(bytes)
    }
}

/// When, how and from where a device password was last used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastUse {
    pub at: i64,
    /// `imap`, `smtp`, `pop3`…, as the mail server names the service.
    pub protocol: String,
    pub ip: Option<String>,
}

/// What its owner calls a device ("Phone", "Thunderbird at work").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceNameError {
    #[error("give the device a name, such as \u{201c}Phone\u{201d}")]
    Empty,
    #[error("a device name is at most 60 characters long")]
    TooLong,
    #[error("a device name cannot contain control characters")]
    Control,
}

impl DeviceName {
    pub fn parse(input: &str) -> Result<Self, DeviceNameError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(DeviceNameError::Empty);
        }
        if name.chars().count() > 60 {
            return Err(DeviceNameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(DeviceNameError::Control);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DeviceName {
    type Error = DeviceNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DeviceName> for String {
    fn from(value: DeviceName) -> Self {
        value.0
    }
}

impl std::fmt::Display for DeviceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A device password as typed: `42-abcd-efgh-…`, its id first.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceSecret {
    id: CredentialId,
    /// The random part, lowercase, without separators.
    random: String,
}

impl std::fmt::Debug for DeviceSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceSecret({}-…)", self.id)
    }
}

impl DeviceSecret {
    pub fn generate(id: CredentialId) -> Self {
        let mut rng = rand::rng();
        let random = (0..SECRET_CHARS)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Self { id, random }
    }

    /// Reads what a mail program sends: case, spaces and dashes between
    /// groups do not matter. Anything else is not a device password.
    pub fn parse(input: &str) -> Option<Self> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let (id, rest) = compact.split_once('-')?;
        if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let random: String = rest.chars().filter(|c| *c != '-').collect();
        if random.len() != SECRET_CHARS || !random.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(Self {
            id: CredentialId(id.parse().ok()?),
            random,
        })
    }

    pub fn id(&self) -> CredentialId {
        self.id
    }

    /// The bytes that are hashed: id and random part, normalised.
    pub fn normalised(&self) -> String {
        format!("{}-{}", self.id, self.random)
    }

    /// The form shown once: the id, then groups of four.
    pub fn display(&self) -> String {
        let groups: Vec<&str> = self
            .random
            .as_bytes()
            .chunks(GROUP)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        format!("{}-{}", self.id, groups.join("-"))
    }
}

/// The installation's key for device-password hashes, kept outside the
/// database (a copy of the database alone cannot test guesses offline).
#[derive(Clone)]
pub struct CredentialKey([u8; 32]);

impl CredentialKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill(&mut bytes);
        Self(bytes)
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn hash(&self, secret: &DeviceSecret) -> [u8; 32] {
        self.hash_bytes(secret.normalised().as_bytes())
    }

    /// The keyed hash of any generated secret (API tokens too).
    pub fn hash_bytes(&self, secret: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of any length: this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(secret);
        mac.finalize().into_bytes().into()
    }

    /// Whether `secret` is the one `stored` was made from, in constant time.
    pub fn matches(&self, secret: &DeviceSecret, stored: &[u8; 32]) -> bool {
        bool::from(self.hash(secret).ct_eq(stored))
    }
}

impl std::fmt::Debug for CredentialKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CredentialKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_reads_back_however_it_is_typed() {
        let secret = DeviceSecret::generate(CredentialId(42));
        let shown = secret.display();
        assert!(shown.starts_with("42-"), "{shown}");
        assert_eq!(shown.len(), 3 + SECRET_CHARS + SECRET_CHARS / GROUP - 1);
        assert_eq!(DeviceSecret::parse(&shown), Some(secret.clone()));
        let sloppy = shown.to_uppercase().replace('-', " - ");
        assert_eq!(DeviceSecret::parse(&sloppy), Some(secret.clone()));
        assert_eq!(DeviceSecret::parse(&shown).unwrap().id(), CredentialId(42));
    }

    #[test]
    fn anything_else_is_not_a_device_password() {
        for bad in [
            "",
            "correct horse battery staple",
            "42-",
            "x-abcdabcdabcdabcdabcdabcdabcd",
            "42-abcdabcdabcdabcdabcdabcdabc",
            "42-abcdabcdabcdabcdabcdabcdabcl",
            "42-abcdabcdabcdabcdabcdabcdab0d",
            "99999999999999999999-abcdabcdabcdabcdabcdabcdabcd",
        ] {
            assert_eq!(DeviceSecret::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_same_secret_under_the_same_key_matches() {
        let key = CredentialKey::generate();
        let secret = DeviceSecret::generate(CredentialId(7));
        let stored = key.hash(&secret);
        assert!(key.matches(&secret, &stored));
        assert!(!key.matches(&DeviceSecret::generate(CredentialId(7)), &stored));
        assert!(!CredentialKey::generate().matches(&secret, &stored));
    }

    #[test]
    fn the_stored_hash_is_hex() {
        let credential = DevicePassword {
            id: CredentialId(1),
            user: UserId(2),
            address: AddressId(3),
            name: DeviceName::parse("Phone").unwrap(),
            secret_hash: [0xab; 32],
            created: 0,
            expires: None,
            last_use: None,
        };
        let json = serde_json::to_string(&credential).unwrap();
        assert!(json.contains(&"ab".repeat(32)), "{json}");
        let back: DevicePassword = serde_json::from_str(&json).unwrap();
        assert_eq!(back.secret_hash, [0xab; 32]);
        let bad = json.replace(&"ab".repeat(32), "zz");
        assert!(serde_json::from_str::<DevicePassword>(&bad).is_err());
    }

    #[test]
    fn secrets_differ() {
        let a = DeviceSecret::generate(CredentialId(1));
        let b = DeviceSecret::generate(CredentialId(1));
        assert_ne!(a.normalised(), b.normalised());
    }

    #[test]
    fn device_names_are_short_printable_text() {
        assert_eq!(DeviceName::parse("  Phone ").unwrap().as_str(), "Phone");
        assert_eq!(DeviceName::parse(""), Err(DeviceNameError::Empty));
        assert_eq!(DeviceName::parse("a\nb"), Err(DeviceNameError::Control));
        assert_eq!(
            DeviceName::parse(&"x".repeat(61)),
            Err(DeviceNameError::TooLong)
        );
    }
}

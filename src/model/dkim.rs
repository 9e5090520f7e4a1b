//! DKIM keys: made here, kept in the database, published by the domain's
//! owner and used by the mail server's signer. Each domain signs with an
//! Ed25519 key (RFC 8463) and an RSA-2048 key (for receivers without
//! Ed25519). A new key waits until the check sees it in the DNS before it
//! signs; the key it replaces stays published while mail it signed may
//! still be verified, then goes.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::{DkimKeyId, ServiceId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DkimAlgorithm {
    Ed25519,
    Rsa,
}

impl DkimAlgorithm {
    pub const ALL: [DkimAlgorithm; 2] = [DkimAlgorithm::Ed25519, DkimAlgorithm::Rsa];

    /// The `k=` tag.
    pub fn tag(self) -> &'static str {
        match self {
            DkimAlgorithm::Ed25519 => "ed25519",
            DkimAlgorithm::Rsa => "rsa",
        }
    }

    /// The letter that ends its selectors.
    fn letter(self) -> char {
        match self {
            DkimAlgorithm::Ed25519 => 'e',
            DkimAlgorithm::Rsa => 'r',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DkimState {
    /// Made; signs once the DNS check finds it published.
    Waiting,
    Signing {
        since: i64,
    },
    /// Replaced; stays published until `until`, then is removed.
    Retiring {
        until: i64,
    },
}

#[derive(Clone, Serialize, Deserialize)]
pub struct DkimKey {
    pub id: DkimKeyId,
    pub service: ServiceId,
    pub selector: String,
    pub algorithm: DkimAlgorithm,
    /// PKCS#8 PEM.
    pub private_pem: String,
    /// The `p=` value: base64 of the raw Ed25519 key, or of the RSA key's
    /// SubjectPublicKeyInfo.
    pub public: String,
    pub created: i64,
    pub state: DkimState,
}

impl std::fmt::Debug for DkimKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DkimKey")
            .field("selector", &self.selector)
            .field("algorithm", &self.algorithm)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a DKIM key could not be made: {0}")]
pub struct DkimKeyError(String);

/// A new key pair's private PEM and public `p=` value.
pub fn generate(algorithm: DkimAlgorithm) -> Result<(String, String), DkimKeyError> {
    use ed25519_dalek::pkcs8::EncodePrivateKey as _;
    let fail = |e: &dyn std::fmt::Display| DkimKeyError(e.to_string());
    match algorithm {
        DkimAlgorithm::Ed25519 => {
            let mut seed = [0u8; 32];
            rand::Rng::fill(&mut rand::rng(), &mut seed);
            let key = ed25519_dalek::SigningKey::from_bytes(&seed);
            // PKCS#8 v1 (the seed alone): OpenSSL 3.0, which OpenDKIM
            // uses, does not read the v2 form that also holds the public key.
            let bytes = ed25519_dalek::pkcs8::KeypairBytes {
                secret_key: seed,
                public_key: None,
            };
            let pem = bytes
                .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
                .map_err(|e| fail(&e))?;
            Ok((
                pem.to_string(),
                STANDARD.encode(key.verifying_key().as_bytes()),
            ))
        }
        DkimAlgorithm::Rsa => {
            use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
            let key =
                rsa::RsaPrivateKey::new(&mut rand_core06::OsRng, 2048).map_err(|e| fail(&e))?;
            let pem = key.to_pkcs8_pem(LineEnding::LF).map_err(|e| fail(&e))?;
            let public = key
                .to_public_key()
                .to_public_key_der()
                .map_err(|e| fail(&e))?;
            Ok((pem.to_string(), STANDARD.encode(public.as_bytes())))
        }
    }
}

impl DkimKey {
    /// `mr20261129e`: the day it was made and its algorithm; `n` tells
    /// apart keys made on the same day.
    pub fn selector_for(algorithm: DkimAlgorithm, day: &str, n: usize) -> String {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("{n}")
        };
        format!("mr{day}{}{suffix}", algorithm.letter())
    }

    /// The TXT value to publish at `selector._domainkey.domain`.
    pub fn txt(&self) -> String {
        format!("v=DKIM1; k={}; p={}", self.algorithm.tag(), self.public)
    }

    pub fn signing(&self) -> bool {
        matches!(self.state, DkimState::Signing { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_pkcs8_and_their_public_part_is_what_dns_carries() {
        let (pem, public) = generate(DkimAlgorithm::Ed25519).unwrap();
        // Version 0 (v1), as `openssl genpkey -algorithm ed25519` writes it.
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\nMC4CAQAw"),
            "{pem}"
        );
        assert_eq!(STANDARD.decode(&public).unwrap().len(), 32);
        let (pem, public) = generate(DkimAlgorithm::Rsa).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        // SubjectPublicKeyInfo of a 2048-bit key: 294 bytes.
        assert_eq!(STANDARD.decode(&public).unwrap().len(), 294);
        assert_eq!(
            DkimKey::selector_for(DkimAlgorithm::Rsa, "20261129", 0),
            "mr20261129r"
        );
        assert_eq!(
            DkimKey::selector_for(DkimAlgorithm::Ed25519, "20261129", 2),
            "mr20261129e2"
        );
    }
}

//! Password hashes brought from other systems (CSV imports): only schemes
//! Mailroom can verify itself, since it checks every mail login, each in
//! its exact character set and with bounded costs, so that an imported
//! value can neither break a line of a passwd-file nor make a login burn
//! minutes or gigabytes.

use argon2::PasswordVerifier;
use argon2::password_hash::phc::PasswordHash as Phc;
use sha_crypt::{PasswordHashRef, ShaCrypt};

use super::hash_pool::Scratch;

/// Argon2 costs accepted from elsewhere: 64 MiB, 8 passes, 4 lanes at most.
const ARGON2_MAX_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_MAX_TIME: u32 = 8;
const ARGON2_MAX_LANES: u32 = 4;
/// bcrypt costs 4 to 14 (cost 14 is about a second).
const BCRYPT_COSTS: std::ops::RangeInclusive<u32> = 4..=14;
/// SHA-crypt rounds (Dovecot's default is 5,000).
const SHA_CRYPT_ROUNDS: std::ops::RangeInclusive<u32> = 1_000..=500_000;
const MAX_LENGTH: usize = 512;

/// A scheme Mailroom verifies, found in a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Argon2id,
    Argon2i,
    Bcrypt,
    Sha512Crypt,
    Sha256Crypt,
}

impl Scheme {
    /// Dovecot's name for it, in `{SCHEME}hash`.
    pub fn dovecot(self) -> &'static str {
        match self {
            Scheme::Argon2id => "ARGON2ID",
            Scheme::Argon2i => "ARGON2I",
            Scheme::Bcrypt => "BLF-CRYPT",
            Scheme::Sha512Crypt => "SHA512-CRYPT",
            Scheme::Sha256Crypt => "SHA256-CRYPT",
        }
    }
}

/// Splits `{SCHEME}hash` (or a bare hash) into its scheme and hash, if the
/// scheme is one Mailroom verifies and the prefix agrees with the hash.
pub fn split(value: &str) -> Option<(Scheme, &str)> {
    let (prefix, hash) = match value.strip_prefix('{') {
        Some(rest) => {
            let (prefix, hash) = rest.split_once('}')?;
            (Some(prefix), hash)
        }
        None => (None, value),
    };
    let scheme = if hash.starts_with("$argon2id$") {
        Scheme::Argon2id
    } else if hash.starts_with("$argon2i$") {
        Scheme::Argon2i
    } else if ["$2a$", "$2b$", "$2y$"].iter().any(|p| hash.starts_with(p)) {
        Scheme::Bcrypt
    } else if hash.starts_with("$6$") {
        Scheme::Sha512Crypt
    } else if hash.starts_with("$5$") {
        Scheme::Sha256Crypt
    } else {
        return None;
    };
    let agrees = match prefix {
        None | Some("CRYPT") => true,
        Some("BCRYPT") => scheme == Scheme::Bcrypt,
        Some(name) => name == scheme.dovecot(),
    };
    agrees.then_some((scheme, hash))
}

/// Why an imported hash is refused, in one phrase for the import report.
pub fn check(value: &str) -> Result<(), &'static str> {
    if value.len() > MAX_LENGTH {
        return Err("the hash is too long");
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"$./=+,{}-".contains(&b))
    {
        return Err("the hash has characters no password hash has");
    }
    let (scheme, hash) = split(value).ok_or(
        "the hash is not argon2id/argon2i, bcrypt (BLF-CRYPT) or SHA-crypt (SHA512-CRYPT, SHA256-CRYPT)",
    )?;
    match scheme {
        Scheme::Argon2id | Scheme::Argon2i => {
            let phc = Phc::new(hash).map_err(|_| "the argon2 hash is malformed")?;
            let param = |name: &str| -> Option<u32> {
                phc.params
                    .iter()
                    .find(|(key, _)| key.as_str() == name)
                    .and_then(|(_, value)| value.decimal().ok())
            };
            let (m, t, p) = (param("m"), param("t"), param("p"));
            match (m, t, p) {
                (Some(m), Some(t), Some(p))
                    if m <= ARGON2_MAX_MEMORY_KIB
                        && t <= ARGON2_MAX_TIME
                        && p <= ARGON2_MAX_LANES
                        && phc.hash.is_some() =>
                {
                    Ok(())
                }
                (Some(_), Some(_), Some(_)) => Err("the argon2 hash's costs are too high"),
                _ => Err("the argon2 hash is malformed"),
            }
        }
        Scheme::Bcrypt => {
            let parts: Vec<&str> = hash.split('$').collect();
            let cost = parts.get(2).and_then(|c| c.parse::<u32>().ok());
            let body = parts.get(3).copied().unwrap_or("");
            let shaped = parts.len() == 4
                && parts.get(2).is_some_and(|c| c.len() == 2)
                && body.len() == 53
                && body
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/');
            match cost {
                Some(cost) if shaped && BCRYPT_COSTS.contains(&cost) => Ok(()),
                Some(_) if shaped => Err("the bcrypt hash's cost is outside 4 to 14"),
                _ => Err("the bcrypt hash is malformed"),
            }
        }
        Scheme::Sha512Crypt | Scheme::Sha256Crypt => {
            let parts: Vec<&str> = hash.split('$').skip(2).collect();
            let (rounds, salt, digest) = match parts.as_slice() {
                [rounds, salt, digest] => {
                    let rounds = rounds
                        .strip_prefix("rounds=")
                        .and_then(|r| r.parse::<u32>().ok())
                        .ok_or("the SHA-crypt hash is malformed")?;
                    (rounds, *salt, *digest)
                }
                [salt, digest] => (5_000, *salt, *digest),
                _ => return Err("the SHA-crypt hash is malformed"),
            };
            let length = if scheme == Scheme::Sha512Crypt {
                86
            } else {
                43
            };
            let crypt64 = |s: &str| {
                s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/')
            };
            if salt.is_empty() || salt.len() > 16 || digest.len() != length {
                return Err("the SHA-crypt hash is malformed");
            }
            if !crypt64(salt) || !crypt64(digest) {
                return Err("the SHA-crypt hash is malformed");
            }
            if !SHA_CRYPT_ROUNDS.contains(&rounds) {
                return Err("the SHA-crypt hash's rounds are outside 1,000 to 500,000");
            }
            Ok(())
        }
    }
}

/// Whether `candidate` is the password of a stored hash of any verified
/// scheme. Blocking: these are slow on purpose.
pub fn verify(stored: &str, candidate: &str, scratch: &mut Scratch) -> bool {
    let Some((scheme, hash)) = split(stored) else {
        return false;
    };
    match scheme {
        Scheme::Argon2id | Scheme::Argon2i => {
            super::argon2id::verify(hash, candidate.as_bytes(), scratch)
        }
        Scheme::Bcrypt => bcrypt::verify(candidate, hash).unwrap_or(false),
        Scheme::Sha512Crypt | Scheme::Sha256Crypt => {
            PasswordHashRef::new(hash).ok().is_some_and(|h| {
                ShaCrypt::default()
                    .verify_password(candidate.as_bytes(), h)
                    .is_ok()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA512: &str = "$6$rounds=5000$saltsaltsaltsalt$dB33YPMwXuVDTig54r9ZSgNAFy3QzmUNsXeNhjNmVxcytF5bTjfFEuTg6efXi0c/rACp2TyoZF4I6ph2Dem071";
    const SHA256: &str = "$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6";
    const PASSWORD: &str = "a mailbox password";

    #[test]
    fn each_verified_scheme_checks_its_password() {
        let bcrypt_hash = bcrypt::hash(PASSWORD, 4).unwrap();
        let mut scratch = Scratch::default();
        for stored in [
            format!("{{SHA512-CRYPT}}{SHA512}"),
            SHA512.to_owned(),
            format!("{{SHA256-CRYPT}}{SHA256}"),
            format!("{{BLF-CRYPT}}{bcrypt_hash}"),
            bcrypt_hash.clone(),
        ] {
            assert_eq!(check(&stored), Ok(()), "{stored}");
            assert!(verify(&stored, PASSWORD, &mut scratch), "{stored}");
            assert!(
                !verify(&stored, "not the password", &mut scratch),
                "{stored}"
            );
        }
    }

    #[test]
    fn hostile_values_are_refused() {
        let line_break = format!("{{SHA512-CRYPT}}{SHA512}\nevil@other.example:{{PLAIN}}x");
        for bad in [
            line_break.as_str(),
            "{SHA512-CRYPT}$6$salt$hash:with:colons",
            "{PLAIN}secret",
            "{SHA512-CRYPT}$6$salt$short",
            "{BLF-CRYPT}$6$rounds=5000$saltsaltsaltsalt$dB33YPMwXuVDTig54r9ZSgNAFy3QzmUNsXeNhjNmVxcytF5bTjfFEuTg6efXi0c/rACp2TyoZF4I6ph2Dem071",
            "$6$rounds=999999999$saltsaltsaltsalt$dB33YPMwXuVDTig54r9ZSgNAFy3QzmUNsXeNhjNmVxcytF5bTjfFEuTg6efXi0c/rACp2TyoZF4I6ph2Dem071",
            "$2y$31$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0",
            "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1\t$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "MD5-CRYPT",
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
    }
}

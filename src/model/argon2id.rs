//! Argon2 into a worker's kept memory (`hash_pool::Scratch`): the same PHC
//! strings as the argon2 crate's own `hash_password`/`verify_password`,
//! without a fresh allocation per hash.

use argon2::password_hash::phc::{Output, ParamsString, Salt};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;

use super::hash_pool::Scratch;

/// Argon2id with the crate's defaults (m=19456 KiB, t=2, p=1) and a random
/// 16-byte salt, as a PHC string.
pub fn hash(password: &[u8], scratch: &mut Scratch) -> Option<String> {
    let params = Params::default();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt = [0u8; 16];
    rand::rng().fill(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon
        .hash_password_into_with_memory(
            password,
            &salt,
            &mut out,
            scratch.blocks(params.block_count()),
        )
        .ok()?;
    let phc = argon2::PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).ok()?,
        salt: Some(Salt::new(&salt).ok()?),
        hash: Some(Output::new(&out).ok()?),
    };
    Some(phc.to_string())
}

/// Whether `candidate` matches an argon2 PHC string (any variant, version
/// and parameters it names; compared in constant time).
pub fn verify(stored: &str, candidate: &[u8], scratch: &mut Scratch) -> bool {
    let Ok(parsed) = argon2::PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let version = match parsed.version {
        Some(number) => match Version::try_from(number) {
            Ok(version) => version,
            Err(_) => return false,
        },
        None => Version::default(),
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let blocks = params.block_count();
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    if argon
        .hash_password_into_with_memory(candidate, salt, &mut out, scratch.blocks(blocks))
        .is_err()
    {
        return false;
    }
    Output::new(&out).is_ok_and(|computed| computed == *expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHasher, PasswordVerifier};

    #[test]
    fn the_crate_and_the_kept_memory_agree_both_ways() {
        let mut scratch = Scratch::default();
        let ours = hash(b"a mailbox password", &mut scratch).unwrap();
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let parsed = argon2::PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"a mailbox password", &parsed)
                .is_ok()
        );

        let theirs = Argon2::default()
            .hash_password(b"another password")
            .unwrap()
            .to_string();
        assert!(verify(&theirs, b"another password", &mut scratch));
        assert!(!verify(&theirs, b"another passwore", &mut scratch));
        // Other parameters than the kept memory's size, and argon2i.
        let small = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(64, 3, 2, None).unwrap(),
        )
        .hash_password(b"small")
        .unwrap()
        .to_string();
        assert!(verify(&small, b"small", &mut scratch));
        assert!(!verify(&small, b"smalL", &mut scratch));
        assert!(!verify(
            "$argon2id$v=19$m=19456,t=2,p=1$bad",
            b"x",
            &mut scratch
        ));
    }
}

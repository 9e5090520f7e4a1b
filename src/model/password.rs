//! Password policy and argon2id hashing. Hashing is CPU-heavy: it runs on
//! the process's hashing pool (`hash_pool`), and callers wait for it on
//! blocking threads, never on the async executor.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::EmailAddress;

pub const MIN_LENGTH: usize = 12;
/// Long enough for any passphrase, short enough that hashing stays cheap.
pub const MAX_LENGTH: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must be at least {MIN_LENGTH} characters long")]
    TooShort,
    #[error("the password must be at most {MAX_LENGTH} characters long")]
    TooLong,
    #[error("the password cannot be only digits")]
    OnlyDigits,
    #[error("the password cannot be the email address itself")]
    SameAsEmail,
    #[error("the two passwords do not match")]
    Mismatch,
    #[error("the password could not be hashed")]
    Hashing,
    #[error("the password hash is refused: {0}")]
    BadHash(&'static str),
    /// The hashing pool's queue is full: try again in a moment.
    #[error("the server is busy checking passwords: try again in a moment")]
    Busy,
}

/// The rules shown to people before they submit, and enforced by `Password::new`.
pub struct PasswordPolicy;

impl PasswordPolicy {
    pub const RULES: [&'static str; 3] = [
        "at least 12 characters",
        "not only digits",
        "not the email address itself",
    ];
}

/// A new password that meets the policy. Its only way in is `new`.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// `login` is the address the password protects; it cannot be the password.
    pub fn new(input: &str, login: Option<&EmailAddress>) -> Result<Self, PasswordError> {
        let length = input.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        if input.chars().all(|c| c.is_ascii_digit()) {
            return Err(PasswordError::OnlyDigits);
        }
        if let Some(login) = login {
            let candidate = input.trim();
            // The Unicode form only differs for international domains, and
            // computing it is the slow part of checking a bulk file.
            let international = login.domain().as_ascii().contains("xn--");
            if candidate.eq_ignore_ascii_case(&login.to_ascii())
                || (international && candidate.to_lowercase() == login.to_string().to_lowercase())
            {
                return Err(PasswordError::SameAsEmail);
            }
        }
        Ok(Self(input.to_owned()))
    }

    /// A new password typed twice.
    pub fn confirmed(
        input: &str,
        confirmation: &str,
        login: Option<&EmailAddress>,
    ) -> Result<Self, PasswordError> {
        let password = Self::new(input, login)?;
        if input != confirmation {
            return Err(PasswordError::Mismatch);
        }
        Ok(password)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Argon2id with the crate's defaults (m=19456 KiB, t=2, p=1), on the
    /// hashing pool; `Busy` when its queue is full. Blocking.
    pub fn hash(&self) -> Result<PasswordHash, PasswordError> {
        let password = self.0.clone();
        super::hash_pool::run(move |scratch| super::argon2id::hash(password.as_bytes(), scratch))
            .map_err(|_| PasswordError::Busy)?
            .map(PasswordHash)
            .ok_or(PasswordError::Hashing)
    }

    /// Hashes many passwords at once on every worker, waiting for room
    /// rather than refusing (imports). Answers in order.
    pub fn hash_many(passwords: Vec<Password>) -> Result<Vec<PasswordHash>, PasswordError> {
        super::hash_pool::map_bulk(passwords, |password: Password, scratch| {
            super::argon2id::hash(password.0.as_bytes(), scratch)
        })
        .map_err(|_| PasswordError::Busy)?
        .into_iter()
        .map(|hash| hash.map(PasswordHash).ok_or(PasswordError::Hashing))
        .collect()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A PHC string (`$argon2id$v=19$…`), as stored and as handed to Dovecot.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Blocking: runs argon2 (or the imported scheme) on the hashing pool;
    /// `Busy` when its queue is full. A malformed stored hash never verifies.
    pub fn verify(&self, candidate: &str) -> Result<bool, PasswordError> {
        let (stored, candidate) = (self.0.clone(), candidate.to_owned());
        super::hash_pool::run(move |scratch| {
            super::imported_hash::verify(&stored, &candidate, scratch)
        })
        .map_err(|_| PasswordError::Busy)
    }

    /// A hash brought from another system (`$argon2id$…`, `{BLF-CRYPT}$2y$…`,
    /// `{SHA512-CRYPT}$6$…`…): only schemes Mailroom verifies, in their exact
    /// character sets, with bounded costs (`imported_hash.rs`).
    pub fn imported(value: &str) -> Result<Self, PasswordError> {
        let value = value.trim();
        super::imported_hash::check(value).map_err(PasswordError::BadHash)?;
        Ok(Self(value.to_owned()))
    }

    /// Whether the hash can be written into a passwd-file line as is.
    pub fn is_line_safe(&self) -> bool {
        super::imported_hash::check(&self.0).is_ok()
    }

    /// Spends the same time as a real verification, so that an unknown login
    /// cannot be told from a wrong password by the answer's delay.
    pub fn verify_nothing(candidate: &str) -> Result<(), PasswordError> {
        static DUMMY: OnceLock<Option<PasswordHash>> = OnceLock::new();
        let dummy = DUMMY.get_or_init(|| {
            Password::new("mailroom-timing-equaliser", None)
                .ok()
                .and_then(|p| p.hash().ok())
        });
        if let Some(hash) = dummy {
            hash.verify(candidate)?;
        }
        Ok(())
    }

    pub fn as_phc(&self) -> &str {
        &self.0
    }

    /// The form Dovecot reads: `{SCHEME}` and the hash. Argon2 PHC strings
    /// get their scheme; hashes imported in Dovecot's form already have one.
    pub fn dovecot_form(&self) -> String {
        let hash = &self.0;
        match super::imported_hash::split(hash) {
            _ if hash.starts_with('{') => hash.clone(),
            Some((scheme, bare)) => format!("{{{}}}{bare}", scheme.dovecot()),
            None => format!("{{CRYPT}}{hash}"),
        }
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_rules() {
        assert_eq!(
            Password::new("short", None).unwrap_err(),
            PasswordError::TooShort
        );
        assert_eq!(
            Password::new("123456789012345", None).unwrap_err(),
            PasswordError::OnlyDigits
        );
        let login = EmailAddress::parse("someone.long@example.org").unwrap();
        assert_eq!(
            Password::new("Someone.Long@example.org", Some(&login)).unwrap_err(),
            PasswordError::SameAsEmail
        );
        assert!(Password::new("correct horse battery", Some(&login)).is_ok());
        assert_eq!(
            Password::new(&"x".repeat(MAX_LENGTH + 1), None).unwrap_err(),
            PasswordError::TooLong
        );
        // Length counts characters, not bytes.
        assert!(Password::new("ééééééééééé", None).is_err());
        assert!(Password::new("éééééééééééé", None).is_ok());
    }

    #[test]
    fn confirmation_must_match() {
        assert_eq!(
            Password::confirmed("correct horse battery", "correct horse batter", None).unwrap_err(),
            PasswordError::Mismatch
        );
    }

    #[test]
    fn hash_is_argon2id_phc_and_verifies() {
        let password = Password::new("correct horse battery", None).unwrap();
        let hash = password.hash().unwrap();
        assert!(hash.as_phc().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(hash.verify("correct horse battery"), Ok(true));
        assert_eq!(hash.verify("correct horse battery!"), Ok(false));
        assert_eq!(PasswordHash("garbage".into()).verify("anything"), Ok(false));
        assert!(hash.dovecot_form().starts_with("{ARGON2ID}$argon2id$v=19$"));
        let sha = "$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6";
        let imported = PasswordHash::imported(&format!("{{SHA256-CRYPT}}{sha}")).unwrap();
        assert_eq!(imported.dovecot_form(), format!("{{SHA256-CRYPT}}{sha}"));
        assert_eq!(
            PasswordHash::imported(sha).unwrap().dovecot_form(),
            format!("{{SHA256-CRYPT}}{sha}")
        );
        assert_eq!(imported.verify("a mailbox password"), Ok(true));
        assert!(PasswordHash::imported(hash.as_phc()).is_ok());
        for bad in [
            "",
            "plain",
            "{}x",
            "{SHA}",
            "$argon2id$garbage",
            "{BLF-CRYPT}$2y$05$abc",
        ] {
            assert!(
                matches!(PasswordHash::imported(bad), Err(PasswordError::BadHash(_))),
                "{bad}"
            );
        }
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
}

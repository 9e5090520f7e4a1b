//! Address rules: RFC 5321 dot-atom local parts, IDNA domains.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("enter the part before the @")]
    EmptyLocalPart,
    #[error("the part before the @ is at most 64 characters long")]
    LocalPartTooLong,
    #[error("the part before the @ cannot start or end with a dot, or hold two dots in a row")]
    MisplacedDot,
    #[error("the part before the @ cannot contain \u{201c}{0}\u{201d}")]
    InvalidCharacter(char),
    #[error("for a mailbox, use only letters a\u{2013}z, digits, dots, hyphens and underscores")]
    NotMailboxSafe(char),
    #[error("enter a domain name, such as example.org")]
    EmptyDomain,
    #[error("\u{201c}{0}\u{201d} is not a valid domain name")]
    InvalidDomain(String),
    #[error("a domain needs at least two labels, such as example.org")]
    SingleLabelDomain,
    #[error("enter an email address such as name@example.org")]
    MissingAt,
}

/// Characters RFC 5322 allows in an atom, besides letters and digits.
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

/// The part before the `@`: an RFC 5321 dot-atom of at most 64 octets,
/// stored lowercase because addresses are unique case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalPart(String);

/// Names mail is expected to reach for a domain's operation (RFC 2142) and
/// that certificate authorities mail to prove control of it (CA/Browser
/// Forum): only owners and admins may give them out.
const RESERVED: [&str; 20] = [
    "abuse",
    "admin",
    "administrator",
    "ftp",
    "hostmaster",
    "info",
    "marketing",
    "news",
    "noc",
    "postmaster",
    "root",
    "sales",
    "security",
    "ssl-admin",
    "support",
    "usenet",
    "uucp",
    "webmaster",
    "www",
    "mailer-daemon",
];

impl LocalPart {
    /// Whether only owners and admins may take this name.
    pub fn is_reserved(&self) -> bool {
        RESERVED.contains(&self.as_str())
    }

    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let value = input.trim().to_ascii_lowercase();
        if value.is_empty() {
            return Err(AddressError::EmptyLocalPart);
        }
        if let Some(c) = value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || ATEXT_SPECIALS.contains(*c)))
        {
            return Err(AddressError::InvalidCharacter(c));
        }
        if value.len() > 64 {
            return Err(AddressError::LocalPartTooLong);
        }
        if value.starts_with('.') || value.ends_with('.') || value.contains("..") {
            return Err(AddressError::MisplacedDot);
        }
        Ok(Self(value))
    }

    /// A local part for a mailbox we host. Stricter than RFC 5321: the name
    /// becomes a folder on the mail server and a Dovecot login, whose default
    /// `auth_username_chars` allows only these characters; `+` is kept free
    /// as the subaddress delimiter.
    pub fn parse_mailbox(input: &str) -> Result<Self, AddressError> {
        let local = Self::parse(input)?;
        if let Some(c) = local
            .0
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(*c)))
        {
            return Err(AddressError::NotMailboxSafe(c));
        }
        Ok(local)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LocalPart {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LocalPart> for String {
    fn from(value: LocalPart) -> Self {
        value.0
    }
}

impl fmt::Display for LocalPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A domain name, held as its lowercase ASCII (punycode A-label) form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Domain(String);

impl Domain {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let trimmed = input.trim().trim_end_matches('.');
        if trimmed.is_empty() {
            return Err(AddressError::EmptyDomain);
        }
        let invalid = || AddressError::InvalidDomain(input.trim().to_owned());
        let ascii = idna::domain_to_ascii_strict(trimmed).map_err(|_| invalid())?;
        if ascii.len() > 253 {
            return Err(invalid());
        }
        let labels: Vec<&str> = ascii.split('.').collect();
        for label in &labels {
            let ldh = label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if label.is_empty()
                || label.len() > 63
                || !ldh
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return Err(invalid());
            }
        }
        if labels.len() < 2 {
            return Err(AddressError::SingleLabelDomain);
        }
        // A numeric top-level label would make this an IP address, not a name.
        if labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(invalid());
        }
        Ok(Self(ascii))
    }

    /// The stored form: lowercase ASCII, punycode for international names.
    pub fn as_ascii(&self) -> &str {
        &self.0
    }

    /// The form people read: international labels in Unicode.
    pub fn to_unicode(&self) -> String {
        let (unicode, result) = idna::domain_to_unicode(&self.0);
        match result {
            Ok(()) => unicode,
            Err(_) => self.0.clone(),
        }
    }
}

impl TryFrom<String> for Domain {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Domain> for String {
    fn from(value: Domain) -> Self {
        value.0
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_unicode())
    }
}

/// `local@domain`, both parts parsed; lowercase, domain in ASCII form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress {
    local: LocalPart,
    domain: Domain,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let input = input.trim();
        let (local, domain) = input.rsplit_once('@').ok_or(AddressError::MissingAt)?;
        Ok(Self {
            local: LocalPart::parse(local)?,
            domain: Domain::parse(domain)?,
        })
    }

    pub fn new(local: LocalPart, domain: Domain) -> Self {
        Self { local, domain }
    }

    pub fn local_part(&self) -> &LocalPart {
        &self.local
    }

    pub fn domain(&self) -> &Domain {
        &self.domain
    }

    /// The form used as a key and on the wire: `local@ascii-domain`.
    pub fn to_ascii(&self) -> String {
        format!("{}@{}", self.local, self.domain.as_ascii())
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = AddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.to_ascii()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_part_is_lowercased_and_trimmed() {
        assert_eq!(
            LocalPart::parse("  John.Doe ").unwrap().as_str(),
            "john.doe"
        );
    }

    #[test]
    fn local_part_rejects_each_bad_shape() {
        assert_eq!(LocalPart::parse(""), Err(AddressError::EmptyLocalPart));
        assert_eq!(LocalPart::parse(".a"), Err(AddressError::MisplacedDot));
        assert_eq!(LocalPart::parse("a."), Err(AddressError::MisplacedDot));
        assert_eq!(LocalPart::parse("a..b"), Err(AddressError::MisplacedDot));
        assert_eq!(
            LocalPart::parse("a b"),
            Err(AddressError::InvalidCharacter(' '))
        );
        assert_eq!(
            LocalPart::parse("a@b"),
            Err(AddressError::InvalidCharacter('@'))
        );
        assert_eq!(
            LocalPart::parse("zoë"),
            Err(AddressError::InvalidCharacter('ë'))
        );
        assert_eq!(
            LocalPart::parse(&"a".repeat(65)),
            Err(AddressError::LocalPartTooLong)
        );
        assert!(LocalPart::parse(&"a".repeat(64)).is_ok());
        assert!(LocalPart::parse("o'brien+tag").is_ok());
    }

    #[test]
    fn mailbox_local_part_is_stricter() {
        assert!(LocalPart::parse_mailbox("first.last-2_x").is_ok());
        assert_eq!(
            LocalPart::parse_mailbox("a+b"),
            Err(AddressError::NotMailboxSafe('+'))
        );
        assert_eq!(
            LocalPart::parse_mailbox("a/b"),
            Err(AddressError::NotMailboxSafe('/'))
        );
    }

    #[test]
    fn domain_is_stored_as_punycode_and_shown_in_unicode() {
        let domain = Domain::parse("Bücher.Example").unwrap();
        assert_eq!(domain.as_ascii(), "xn--bcher-kva.example");
        assert_eq!(domain.to_string(), "bücher.example");
        assert_eq!(Domain::parse("xn--bcher-kva.example").unwrap(), domain);
    }

    #[test]
    fn domain_rejects_each_bad_shape() {
        for bad in [
            "localhost",
            "-a.example",
            "a-.example",
            "a..example",
            "a_b.example",
            "1.2.3.4",
            "exa mple.org",
        ] {
            assert!(Domain::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(Domain::parse(" "), Err(AddressError::EmptyDomain));
        let long_label = format!("{}.example", "a".repeat(64));
        assert!(Domain::parse(&long_label).is_err());
        assert_eq!(
            Domain::parse("example.org.").unwrap().as_ascii(),
            "example.org"
        );
    }

    #[test]
    fn email_address_splits_at_the_last_at() {
        let email = EmailAddress::parse("Jo@Bücher.example").unwrap();
        assert_eq!(email.local_part().as_str(), "jo");
        assert_eq!(email.to_ascii(), "jo@xn--bcher-kva.example");
        assert_eq!(email.to_string(), "jo@bücher.example");
        assert_eq!(EmailAddress::parse("nobody"), Err(AddressError::MissingAt));
        assert!(EmailAddress::parse("a@b@example.org").is_err());
    }

    #[test]
    fn serde_round_trip_reparses() {
        let email = EmailAddress::parse("a.b@example.org").unwrap();
        let json = serde_json::to_string(&email).unwrap();
        assert_eq!(json, "\"a.b@example.org\"");
        let back: EmailAddress = serde_json::from_str(&json).unwrap();
        assert_eq!(back, email);
        assert!(serde_json::from_str::<EmailAddress>("\"not an address\"").is_err());
    }

    fn atom() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,10}"
    }

    proptest! {
        #[test]
        fn every_dot_atom_up_to_64_octets_parses(atoms in prop::collection::vec(atom(), 1..6)) {
            let candidate = atoms.join(".");
            let parsed = LocalPart::parse(&candidate);
            if candidate.len() <= 64 {
                prop_assert_eq!(parsed.map(String::from), Ok(candidate.to_ascii_lowercase()));
            } else {
                prop_assert_eq!(parsed, Err(AddressError::LocalPartTooLong));
            }
        }

        #[test]
        fn a_parsed_local_part_is_always_a_dot_atom(input in "\\PC{0,80}") {
            if let Ok(local) = LocalPart::parse(&input) {
                let s = local.as_str();
                prop_assert!(!s.is_empty() && s.len() <= 64);
                prop_assert!(!s.starts_with('.') && !s.ends_with('.') && !s.contains(".."));
                prop_assert!(s.chars().all(|c| c.is_ascii_graphic() && c != '@' && c != '"'));
                prop_assert_eq!(LocalPart::parse(s), Ok(local.clone()));
            }
        }

        #[test]
        fn a_parsed_domain_reparses_to_itself(input in "[a-zA-Z0-9ü.-]{1,40}") {
            if let Ok(domain) = Domain::parse(&input) {
                prop_assert_eq!(Domain::parse(domain.as_ascii()), Ok(domain.clone()));
                prop_assert_eq!(Domain::parse(&domain.to_unicode()), Ok(domain.clone()));
                prop_assert!(domain.as_ascii().split('.').all(|l| !l.is_empty() && l.len() <= 63));
            }
        }
    }
}
